"""API clients (a system that calls the API with one key), the audit of every call, and the
idempotency record of every activity a client submitted."""
from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone

from bangkom.lib import rahasia
from bangkom.pegawai.models import PerangkatDaerah
from jp_conversion.models import KegiatanEksternal


class Cakupan(models.TextChoices):
    BACA_PEGAWAI = "baca_pegawai", "Baca data pegawai"
    BACA_JP = "baca_jp", "Baca JP, pemenuhan 20 JP dan lembar kegiatan"
    TULIS_KEGIATAN = "tulis_kegiatan", "Kirim kegiatan pengembangan eksternal (mis. penyelesaian LMS)"


class RahasiaTercabut(models.Model):
    """A secret shown once and never stored in clear (`bangkom.lib.rahasia`): the non-secret prefix
    `awalan` finds the row, `sidik` (its SHA-256) proves the secret. Revoking keeps the row, so the
    record of who held which secret until when stays."""

    awalan = models.CharField("awalan", max_length=16, unique=True)
    sidik = models.CharField("SHA-256", max_length=64)
    dibuat_pada = models.DateTimeField("dibuat pada", auto_now_add=True)
    dicabut_pada = models.DateTimeField("dicabut pada", null=True, blank=True)

    class Meta:
        abstract = True
        ordering = ["-dibuat_pada", "-pk"]

    def cocok(self, isi: str) -> bool:
        """Whether `isi` is the secret of this row (constant-time)."""
        return rahasia.cocok(self.sidik, isi)


class KlienAPI(RahasiaTercabut):
    """A calling system. Its key is shown once at creation; the key's first part is the `awalan`."""

    nama = models.CharField("nama sistem", max_length=100)
    cakupan = models.JSONField("cakupan", default=list, help_text="Daftar nilai Cakupan.")
    opd = models.ForeignKey(
        PerangkatDaerah, on_delete=models.PROTECT, null=True, blank=True, related_name="+",
        verbose_name="dibatasi pada perangkat daerah",
    )
    kedaluwarsa = models.DateField("berlaku sampai", null=True, blank=True)
    dibuat_oleh = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    dicabut_oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    terakhir_dipakai = models.DateTimeField("terakhir dipakai", null=True, blank=True)

    class Meta(RahasiaTercabut.Meta):
        verbose_name = "klien API"
        verbose_name_plural = "klien API"

    def __str__(self) -> str:
        return self.nama

    def punya(self, cakupan: str) -> bool:
        return cakupan in (self.cakupan or [])

    def berlaku(self, hari_ini=None) -> bool:
        hari_ini = hari_ini or timezone.localdate()
        return self.dicabut_pada is None and (self.kedaluwarsa is None or hari_ini <= self.kedaluwarsa)

    @property
    def label_cakupan(self) -> list[str]:
        return [Cakupan(c).label for c in self.cakupan if c in Cakupan.values]


class CatatanPanggilan(models.Model):
    """One API call: who (the client, empty when no valid key came), what (endpoint), the result."""

    klien = models.ForeignKey(KlienAPI, on_delete=models.PROTECT, null=True, blank=True, related_name="panggilan")
    waktu = models.DateTimeField("waktu", auto_now_add=True)
    metode = models.CharField("metode", max_length=8)
    endpoint = models.CharField("endpoint", max_length=100)
    jalur = models.CharField("jalur", max_length=300)
    status = models.PositiveSmallIntegerField("status HTTP")
    alamat = models.GenericIPAddressField("alamat", null=True, blank=True)

    class Meta:
        verbose_name = "catatan panggilan API"
        verbose_name_plural = "catatan panggilan API"
        ordering = ["-waktu", "-pk"]
        indexes = [models.Index(fields=["klien", "waktu"])]

    def __str__(self) -> str:
        return f"{self.metode} {self.jalur} {self.status}"


class KirimanAPI(models.Model):
    """An external activity a client submitted, under the client's idempotency key: the same key
    again returns this activity instead of making a second one."""

    klien = models.ForeignKey(KlienAPI, on_delete=models.PROTECT, related_name="kiriman")
    kunci = models.CharField("kunci idempotensi", max_length=100)
    sidik = models.CharField("SHA-256 isi kiriman", max_length=64)
    eksternal = models.OneToOneField(KegiatanEksternal, on_delete=models.CASCADE, related_name="kiriman_api")
    dibuat = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "kiriman API"
        verbose_name_plural = "kiriman API"
        constraints = [models.UniqueConstraint(fields=["klien", "kunci"], name="kiriman_api_kunci_unik_per_klien")]

    def __str__(self) -> str:
        return f"{self.klien_id}:{self.kunci}"


class TokenKalender(RahasiaTercabut):
    """A private iCalendar feed address of one employee's sessions (the token); a new address revokes
    the old one."""

    pegawai = models.ForeignKey("pegawai.Pegawai", on_delete=models.CASCADE, related_name="+")

    class Meta(RahasiaTercabut.Meta):
        verbose_name = "tautan kalender"
        verbose_name_plural = "tautan kalender"

    def __str__(self) -> str:
        return f"kalender {self.pegawai_id} {self.awalan}"

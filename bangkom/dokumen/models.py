"""Issued activity sheets (every download is recorded so its QR code can be verified) and the
background export jobs: ZIPs of activity sheets, and large 20-JP compliance reports."""
from __future__ import annotations

import secrets
from pathlib import Path

from django.conf import settings
from django.db import models

from bangkom.pegawai.models import Pegawai, PerangkatDaerah, UnitKerja

# Crockford-like base32 without the look-alikes 0/O, 1/I/L: easy to read aloud and to type.
ABJAD_KODE = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
PANJANG_KODE = 10


def kode_baru() -> str:
    return "".join(secrets.choice(ABJAD_KODE) for _ in range(PANJANG_KODE))


class JenisLembar(models.TextChoices):
    COACHING = "coaching", "Coaching"
    MENTORING = "mentoring", "Mentoring"
    BELAJAR_MANDIRI = "belajar_mandiri", "Belajar Mandiri"


class LembarTerbit(models.Model):
    kode = models.CharField("kode verifikasi", max_length=PANJANG_KODE, unique=True, default=kode_baru)
    pegawai = models.ForeignKey(Pegawai, on_delete=models.PROTECT, related_name="lembar_terbit")
    jenis = models.CharField("jenis", max_length=20, choices=JenisLembar.choices)
    mulai = models.DateField("periode mulai")
    selesai = models.DateField("periode selesai")
    internal = models.BooleanField(
        "internal", default=False, help_text="Memuat kegiatan yang belum/tidak disetujui; bukan bukti JP."
    )
    diterbitkan_oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+",
        help_text="Kosong bila diterbitkan dari perintah terjadwal.",
    )
    diterbitkan_pada = models.DateTimeField("diterbitkan pada")
    sha256 = models.CharField("SHA-256 PDF", max_length=64, blank=True)
    jumlah_sesi = models.PositiveIntegerField("jumlah sesi disetujui", default=0)
    total_jp = models.DecimalField("total JP dihitung", max_digits=7, decimal_places=2, default=0)
    sidik_kegiatan = models.CharField("sidik kegiatan", max_length=64)
    ditandatangani = models.BooleanField("ditandatangani secara digital", default=False)
    # Decided once at issue from the employee's OPD, so switching the OPD setting later neither
    # sends old sheets to the kepala nor silently drops the ones already waiting.
    perlu_pengesahan = models.BooleanField(
        "perlu pengesahan kepala", default=False,
        help_text="OPD pegawai mewajibkan pengesahan (\"Mengetahui\") kepala perangkat daerah saat lembar terbit.",
    )
    disahkan_oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+",
        verbose_name="disahkan oleh",
    )
    disahkan_pada = models.DateTimeField("disahkan pada", null=True, blank=True)
    berlaku: bool  # not a column: set on a countersigning queue page by pengesahan.tandai_berlaku

    class Meta:
        verbose_name = verbose_name_plural = "lembar kegiatan terbit"
        ordering = ["-diterbitkan_pada", "-pk"]
        indexes = [models.Index(fields=["pegawai", "jenis", "mulai"])]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(disahkan_pada__isnull=True) | models.Q(perlu_pengesahan=True),
                name="lembar_disahkan_hanya_bila_perlu",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.kode} {self.get_jenis_display()} {self.pegawai_id}"


class VersiLembar(models.Model):
    """One version of an issued sheet's PDF: the signed sheet as issued (1), then the one the
    kepala's countersignature added a second signature to, in an incremental update (2). The
    verification page knows every version's SHA-256 and says which one an uploaded file is."""

    class Peristiwa(models.TextChoices):
        TERBIT = "terbit", "Diterbitkan"
        PENGESAHAN = "pengesahan", "Disahkan Kepala Perangkat Daerah"

    lembar = models.ForeignKey(LembarTerbit, on_delete=models.CASCADE, related_name="versi")
    nomor = models.PositiveSmallIntegerField("versi")
    peristiwa = models.CharField("peristiwa", max_length=12, choices=Peristiwa.choices)
    sha256 = models.CharField("SHA-256 PDF", max_length=64, db_index=True)
    dibuat_pada = models.DateTimeField("dibuat pada")
    penanda = models.CharField("ditandatangani oleh (subjek sertifikat)", max_length=300, blank=True)
    cap_waktu = models.DateTimeField("cap waktu (RFC 3161)", null=True, blank=True)
    berkas = models.CharField("berkas (relatif terhadap MEDIA_ROOT)", max_length=255, blank=True,
                              help_text="Disimpan bila lembar menunggu pengesahan, agar dapat ditandatangani lagi.")

    class Meta:
        verbose_name = verbose_name_plural = "versi lembar"
        ordering = ["lembar", "nomor"]
        constraints = [models.UniqueConstraint(fields=["lembar", "nomor"], name="versi_lembar_unik")]

    def __str__(self) -> str:
        return f"{self.lembar.kode} v{self.nomor}"


class ProsesEkspor(models.Model):
    """One background export with its progress and result file. `jenis_ekspor` says what it builds:
    a ZIP of activity sheets (OPD/unit, sheet kinds in `jenis`, year) or a Rekap Pemenuhan 20 JP
    file (the report page's filters in `parameter`, rebuilt for the requester when the job runs)."""

    class Status(models.TextChoices):
        MENUNGGU = "menunggu", "Menunggu"
        BERJALAN = "berjalan", "Sedang dibuat"
        SELESAI = "selesai", "Selesai"
        GAGAL = "gagal", "Gagal"

    class JenisEkspor(models.TextChoices):
        LEMBAR = "lembar", "Lembar kegiatan"
        LAPORAN_JP = "laporan_jp", "Rekap Pemenuhan 20 JP"

    diminta_oleh = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    jenis_ekspor = models.CharField("jenis ekspor", max_length=12, choices=JenisEkspor.choices,
                                    default=JenisEkspor.LEMBAR)
    opd = models.ForeignKey(PerangkatDaerah, on_delete=models.PROTECT, null=True, blank=True, related_name="+",
                            help_text="Kosong untuk rekap seluruh perangkat daerah yang dapat dilihat peminta.")
    unit = models.ForeignKey(UnitKerja, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    jenis = models.JSONField("jenis lembar", default=list, blank=True)
    parameter = models.JSONField("saringan laporan", default=dict, blank=True)
    situs = models.CharField(
        "alamat situs peminta", max_length=200, blank=True,
        help_text="Alamat tempat ekspor diminta (pengembangan): alamat kode QR bila SITUS_URL tidak dipakai.",
    )
    tahun = models.PositiveSmallIntegerField("tahun")
    status = models.CharField("status", max_length=10, choices=Status.choices, default=Status.MENUNGGU)
    selesai_n = models.PositiveIntegerField("butir selesai", default=0)
    total = models.PositiveIntegerField("jumlah butir", default=0)
    jumlah_gagal = models.PositiveIntegerField("lembar gagal", default=0)
    berkas = models.CharField("berkas hasil (relatif terhadap MEDIA_ROOT)", max_length=255, blank=True)
    nama_berkas = models.CharField("nama berkas unduhan", max_length=150)
    jenis_isi = models.CharField("jenis isi (content type)", max_length=100, default="application/zip")
    galat = models.TextField("galat", blank=True)
    catatan = models.CharField("catatan", max_length=300, blank=True)
    dibuat = models.DateTimeField(auto_now_add=True)
    diperbarui = models.DateTimeField(auto_now=True)
    diunduh_pada = models.DateTimeField(
        "diunduh peminta", null=True, blank=True,
        help_text="Pertama kali peminta mengunduh hasilnya; sampai itu ekspor tampil di \"Menunggu saya\".",
    )

    class Meta:
        verbose_name = verbose_name_plural = "proses ekspor"
        ordering = ["-dibuat", "-pk"]

    def __str__(self) -> str:
        return f"Ekspor {self.label_jenis} {self.cakupan} {self.tahun} ({self.get_status_display()})"

    @property
    def persen(self) -> int:
        if self.status == self.Status.SELESAI:
            return 100
        if not self.total:
            return 0
        return min(100, int(100 * self.selesai_n / self.total))

    @property
    def judul_siap(self) -> str:
        """The notice that the file is ready, with the number it holds."""
        if self.jenis_ekspor == self.JenisEkspor.LAPORAN_JP:
            return f"{self.get_jenis_ekspor_display()} ({self.label_berkas}) siap diunduh: {self.total} baris"
        gagal = f", {self.jumlah_gagal} gagal" if self.jumlah_gagal else ""
        return f"Ekspor lembar siap diunduh: {self.total - self.jumlah_gagal} lembar{gagal}"

    @property
    def peminta(self) -> str:
        """Who asked, by name (an account without an employee record: its full name, else its username)."""
        pegawai = getattr(self.diminta_oleh, "pegawai", None)
        if pegawai is not None:
            return pegawai.nama_lengkap
        return self.diminta_oleh.get_full_name() or self.diminta_oleh.get_username()

    @property
    def cakupan(self) -> str:
        if self.opd_id is None:
            return "Semua perangkat daerah yang dapat dilihat peminta"
        return f"{self.opd} · {self.unit.nama}" if self.unit is not None else str(self.opd)

    @property
    def satuan(self) -> str:
        """What `selesai_n`/`total` count, for the progress text."""
        return "lembar" if self.jenis_ekspor == self.JenisEkspor.LEMBAR else "baris"

    @property
    def label_berkas(self) -> str:
        """The result file's kind as users name it: ZIP, Excel, PDF, CSV."""
        akhiran = Path(self.nama_berkas).suffix.lstrip(".").lower()
        return {"xlsx": "Excel"}.get(akhiran, akhiran.upper())

    @property
    def parameter_halaman(self) -> dict:
        """The report page's filters without the file format, to link back to the page."""
        return {k: v for k, v in self.parameter.items() if k != "format"}

    @property
    def label_jenis(self) -> str:
        if self.jenis_ekspor == self.JenisEkspor.LAPORAN_JP:
            return f"{self.get_jenis_ekspor_display()} ({self.label_berkas})"
        return f"{self.get_jenis_ekspor_display()}: " + ", ".join(JenisLembar(j).label for j in self.jenis)

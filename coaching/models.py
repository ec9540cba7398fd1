"""Coaching (initiated by the supervisor, Panduan Langsa §G): the agreement (konsensus) between the
atasan langsung (coach) and a subordinate (coachee) on a specific activity or performance issue, its
goal and targets and period. Sessions, paraf and JP go through the shared mechanism `bangkom.sesi`
(the agreement is the sessions' `induk`; its paraf notice is registered in `apps.py`)."""
from __future__ import annotations

from datetime import date

from django.conf import settings
from django.db import models
from django.urls import reverse
from simple_history.models import HistoricalRecords

from bangkom.lib.model import ModelBerwaktu, periode_urut
from bangkom.pegawai.models import Pegawai
from bangkom.sesi.models import relasi_evaluasi, relasi_sesi


class PenunjukanCoach(ModelBerwaktu):
    """A coach appointed for one employee, for a period, by the kepala of the employee's OPD or by
    BPSDM (RULES §4 "Who coaches"), chosen from the registered coaches (`pegawai.Mentor`, certified
    or not). While it is in force the coach may open coaching agreements with that employee. The
    appointment, its early end and both reasons are in the audit history (change reasons)."""

    class Sebagai(models.TextChoices):
        KEPALA_OPD = "kepala_opd", "Kepala OPD"
        BPSDM = "bpsdm", "Pengelola BPSDM"

    pegawai = models.ForeignKey(
        Pegawai, on_delete=models.PROTECT, related_name="coach_ditunjuk", verbose_name="pegawai (coachee)"
    )
    coach = models.ForeignKey(
        Pegawai, on_delete=models.PROTECT, related_name="penunjukan_coach", verbose_name="coach yang ditunjuk"
    )
    mulai = models.DateField("berlaku mulai")
    selesai = models.DateField("berlaku sampai")
    alasan = models.TextField("alasan penunjukan")
    ditunjuk_oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name="ditunjuk oleh"
    )
    ditunjuk_sebagai = models.CharField("ditunjuk sebagai", max_length=12, choices=Sebagai.choices)
    sertifikat_saat_ditunjuk = models.CharField(
        "sertifikat coach saat ditunjuk", max_length=300, blank=True,
        help_text="Jenis, nomor, penerbit dan masa berlaku sertifikat pada saat penunjukan.",
    )
    diakhiri_pada = models.DateTimeField("diakhiri pada", null=True, blank=True)
    diakhiri_oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", null=True, blank=True,
        verbose_name="diakhiri oleh",
    )
    alasan_akhir = models.TextField("alasan diakhiri", blank=True)
    # The reasons (appointment, early end) go whole into the audit trail.
    history = HistoricalRecords(excluded_fields=["diubah"], history_change_reason_field=models.TextField(null=True))

    class Meta:
        verbose_name = verbose_name_plural = "penunjukan coach"
        ordering = ["-mulai", "-pk"]
        indexes = [models.Index(fields=["coach", "selesai"]), models.Index(fields=["pegawai", "selesai"])]
        constraints = [
            periode_urut("penunjukan_periode_urut"),
            models.CheckConstraint(condition=~models.Q(coach=models.F("pegawai")), name="penunjukan_bukan_diri"),
        ]

    def __str__(self) -> str:
        return f"Penunjukan coach {self.coach.nama} untuk {self.pegawai.nama}"

    @property
    def diakhiri(self) -> bool:
        return self.diakhiri_pada is not None

    def berlaku_pada(self, tanggal: date) -> bool:
        """In force on `tanggal`: within the period and not ended early (see `berlaku_q`)."""
        return not self.diakhiri and self.mulai <= tanggal <= self.selesai

    @staticmethod
    def berlaku_q(tanggal: date, awalan: str = "") -> models.Q:
        """The same rule as `berlaku_pada`, as a filter (`awalan`: a relation path ending in "__")."""
        return models.Q(**{
            f"{awalan}diakhiri_pada__isnull": True, f"{awalan}mulai__lte": tanggal, f"{awalan}selesai__gte": tanggal,
        })

    def status_pada(self, tanggal: date) -> str:
        if self.diakhiri:
            return "Diakhiri"
        if tanggal < self.mulai:
            return "Akan berlaku"
        if tanggal > self.selesai:
            return "Selesai"
        return "Berlaku"


class KesepakatanCoaching(ModelBerwaktu):
    class Status(models.TextChoices):
        BERJALAN = "berjalan", "Berjalan"
        SELESAI = "selesai", "Selesai"
        DIBATALKAN = "dibatalkan", "Dibatalkan"

    # The coach: the atasan langsung, or the coach appointed by `penunjukan` (the field keeps its name).
    atasan = models.ForeignKey(
        Pegawai, on_delete=models.PROTECT, related_name="coaching_diberikan",
        verbose_name="coach (atasan langsung atau coach yang ditunjuk)",
    )
    penunjukan = models.ForeignKey(
        PenunjukanCoach, on_delete=models.PROTECT, null=True, blank=True, related_name="kesepakatan",
        verbose_name="penunjukan coach", help_text="Kosong bila coach adalah atasan langsung.",
    )
    pegawai = models.ForeignKey(
        Pegawai, on_delete=models.PROTECT, related_name="coaching_diterima", verbose_name="coachee"
    )
    kegiatan = models.CharField(
        "kegiatan / masalah kinerja", max_length=300,
        help_text="Kegiatan spesifik atau masalah kinerja yang menjadi pokok coaching.",
    )
    kesenjangan = models.TextField(
        "kesenjangan kompetensi", blank=True, help_text="Kompetensi yang ingin ditingkatkan dan kesenjangannya."
    )
    tujuan = models.CharField("tujuan", max_length=300)
    target = models.TextField("target / sasaran", help_text="Hasil kinerja yang disepakati dan ukurannya.")
    mulai = models.DateField("periode mulai")
    selesai = models.DateField("periode selesai")
    status = models.CharField("status", max_length=10, choices=Status.choices, default=Status.BERJALAN)
    diakui_pada = models.DateTimeField("diakui pegawai pada", null=True, blank=True)
    catatan_evaluasi = models.TextField("catatan evaluasi penutup", blank=True)
    ditutup_pada = models.DateTimeField("ditutup pada", null=True, blank=True)
    pengingat_dikirim = models.DateField("pengingat akhir periode dikirim", null=True, blank=True, editable=False)
    history = HistoricalRecords(excluded_fields=["diubah"])
    # The agreement's sessions and evaluations (bangkom.sesi, generic `induk`).
    sesi = relasi_sesi("kesepakatan_coaching")
    evaluasi = relasi_evaluasi()

    class Meta:
        verbose_name = verbose_name_plural = "kesepakatan coaching"
        ordering = ["-mulai", "-pk"]
        indexes = [models.Index(fields=["atasan", "status"]), models.Index(fields=["pegawai", "status"])]
        constraints = [periode_urut("coaching_periode_urut")]

    def __str__(self) -> str:
        return f"Coaching {self.pegawai.nama}: {self.tujuan}"

    def get_absolute_url(self) -> str:
        return reverse("coaching:detail", args=[self.pk])

    # --- the `induk` protocol of bangkom.sesi ---
    def periode_sesi(self):
        return (self.mulai, self.selesai)

    @property
    def menerima_sesi(self) -> bool:
        return self.status == self.Status.BERJALAN

    @property
    def alasan_tolak_sesi(self) -> str | None:
        """Why no session may be logged yet (RULES §3: none before the konsensus), or None."""
        if self.status == self.Status.BERJALAN and self.diakui_pada is None:
            return (
                f"Kesepakatan coaching belum diakui oleh {self.pegawai.nama}; sesi baru dapat dicatat "
                "setelah pegawai membaca dan mengakui kesepakatan ini."
            )
        return None

    @property
    def diakui(self) -> bool:
        return self.diakui_pada is not None

"""Coaching (initiated by the supervisor, Panduan Langsa §G): the agreement (konsensus) between the
atasan langsung (coach) and a subordinate (coachee) on a specific activity or performance issue, its
goal and targets and period. Sessions, paraf and JP go through the shared mechanism `bangkom.sesi`
(the agreement is the sessions' `induk`; its paraf notice is registered in `apps.py`)."""
from __future__ import annotations

from django.db import models
from django.urls import reverse
from simple_history.models import HistoricalRecords

from bangkom.pegawai.models import Pegawai
from bangkom.sesi.models import relasi_evaluasi, relasi_sesi


class KesepakatanCoaching(models.Model):
    class Status(models.TextChoices):
        BERJALAN = "berjalan", "Berjalan"
        SELESAI = "selesai", "Selesai"
        DIBATALKAN = "dibatalkan", "Dibatalkan"

    atasan = models.ForeignKey(
        Pegawai, on_delete=models.PROTECT, related_name="coaching_diberikan", verbose_name="coach (atasan langsung)"
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
    dibuat = models.DateTimeField(auto_now_add=True)
    diubah = models.DateTimeField(auto_now=True)
    history = HistoricalRecords(excluded_fields=["diubah"])
    # The agreement's sessions and evaluations (bangkom.sesi, generic `induk`).
    sesi = relasi_sesi("kesepakatan_coaching")
    evaluasi = relasi_evaluasi()

    class Meta:
        verbose_name = "kesepakatan coaching"
        verbose_name_plural = "kesepakatan coaching"
        ordering = ["-mulai", "-pk"]
        indexes = [models.Index(fields=["atasan", "status"]), models.Index(fields=["pegawai", "status"])]
        constraints = [
            models.CheckConstraint(condition=models.Q(selesai__gte=models.F("mulai")), name="coaching_periode_urut"),
        ]

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

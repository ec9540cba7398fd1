"""Mentoring (initiated by the employee, RULES §4): the request, the mentor's answer with the
shared understanding, the relationship (paused, ended, re-matched) and its sessions. Sessions,
paraf and JP are the shared mechanism (`bangkom.sesi` over the JP ledger); this model is the
`induk` of its sessions (`periode_sesi`, `menerima_sesi`, `__str__`); its paraf notice is
registered in `apps.py`."""
from __future__ import annotations

from datetime import date

from django.db import models
from django.urls import reverse
from django.utils import timezone
from simple_history.models import HistoricalRecords

from bangkom.lib.model import ModelBerwaktu
from bangkom.pegawai.models import Pegawai
from bangkom.sesi.models import relasi_evaluasi, relasi_sesi

ALASAN_DIALIHKAN = "dialihkan"


class PermintaanMentoring(ModelBerwaktu):
    class Status(models.TextChoices):
        DIAJUKAN = "diajukan", "Menunggu jawaban mentor"
        DITERIMA = "diterima", "Diterima (berjalan)"
        DITOLAK = "ditolak", "Ditolak mentor"
        DIJEDA = "dijeda", "Dijeda"
        SELESAI = "selesai", "Selesai"
        DIAKHIRI = "diakhiri", "Diakhiri"

    class Format(models.TextChoices):
        SATU_SATU = "satu_satu", "Satu-satu (one-to-one)"
        KELOMPOK = "kelompok", "Kelompok (group)"
        SESAMA = "sesama", "Sesama jabatan (peer/circle)"
        REVERSE = "reverse", "Reverse mentoring"

    class Tahap(models.TextChoices):
        """The phases of peer mentoring in the BPSDM Malut study."""

        PERENCANAAN = "perencanaan", "Perencanaan"
        DISKUSI = "diskusi", "Diskusi"
        PEMBERDAYAAN = "pemberdayaan", "Pemberdayaan"
        PENUTUPAN = "penutupan", "Penutupan"

    TERBUKA = (Status.DIAJUKAN, Status.DITERIMA, Status.DIJEDA)

    pemohon = models.ForeignKey(Pegawai, on_delete=models.PROTECT, related_name="permintaan_mentoring")
    mentor = models.ForeignKey(Pegawai, on_delete=models.PROTECT, related_name="mentoring_diminta")
    topik = models.CharField("topik", max_length=200)
    kesenjangan = models.TextField(
        "kesenjangan kompetensi", blank=True,
        help_text="Kompetensi yang ingin ditingkatkan dan seberapa jauh dari standar jabatan.",
    )
    kompetensi = models.ForeignKey(
        "kompetensi.Kompetensi", on_delete=models.PROTECT, null=True, blank=True, related_name="permintaan_mentoring",
        verbose_name="kompetensi yang ingin ditingkatkan",
    )
    format = models.CharField("format", max_length=10, choices=Format.choices, default=Format.SATU_SATU)
    status = models.CharField("status", max_length=10, choices=Status.choices, default=Status.DIAJUKAN)
    tanggal_pengajuan = models.DateField("tanggal pengajuan", default=timezone.localdate)
    dijawab_pada = models.DateField("tanggal dijawab", null=True, blank=True)
    alasan_tolak = models.TextField("alasan penolakan", blank=True)
    # The shared understanding recorded on acceptance (Panduan Langsa: "menyamakan persepsi").
    aspek = models.TextField("aspek yang dibahas", blank=True)
    rencana_pertemuan = models.TextField("jadwal/rencana pertemuan", blank=True)
    tahap = models.CharField("tahap (mentoring sesama jabatan)", max_length=12, choices=Tahap.choices, blank=True)
    tanggal_mulai = models.DateField("mulai bimbingan", null=True, blank=True)
    tanggal_berakhir = models.DateField("berakhir", null=True, blank=True)
    alasan_akhir = models.TextField("alasan dijeda/diakhiri", blank=True)
    diakhiri_oleh = models.ForeignKey(
        Pegawai, on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name="diakhiri oleh"
    )
    dialihkan_dari = models.ForeignKey(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="dialihkan_ke",
        verbose_name="dialihkan dari",
    )
    # Reminders already sent (pengingat_mentoring is idempotent per request).
    diingatkan_pada = models.DateField("pengingat ke mentor", null=True, blank=True)
    ditawari_lain_pada = models.DateField("ditawari mentor lain", null=True, blank=True)
    history = HistoricalRecords()
    # The sessions logged on this request and its evaluations (bangkom.sesi, generic `induk`).
    sesi = relasi_sesi("permintaan_mentoring")
    evaluasi = relasi_evaluasi()

    class Meta:
        verbose_name = verbose_name_plural = "permintaan mentoring"
        ordering = ["-tanggal_pengajuan", "-dibuat"]
        indexes = [
            models.Index(fields=["mentor", "status"]),
            models.Index(fields=["pemohon", "status"]),
            models.Index(fields=["status", "tanggal_pengajuan"]),
        ]

    def __str__(self) -> str:
        return f"Mentoring “{self.topik}” ({self.pemohon.nama} → {self.mentor.nama})"

    def get_absolute_url(self) -> str:
        return reverse("mentoring:detail", args=[self.pk])

    # -- the `induk` protocol of bangkom.sesi --------------------------------------------------
    def periode_sesi(self) -> tuple[date | None, date | None] | None:
        """Sessions fall from the agreed start to the end (if any); None before acceptance."""
        if self.tanggal_mulai is None:
            return None
        return (self.tanggal_mulai, self.tanggal_berakhir)

    @property
    def menerima_sesi(self) -> bool:
        return self.status == self.Status.DITERIMA

    @property
    def alasan_tolak_sesi(self) -> str | None:
        """Why no session may be logged yet (RULES §3: none before the request is accepted), or None."""
        if self.status == self.Status.DIAJUKAN:
            return (
                f"Permintaan mentoring belum diterima oleh {self.mentor.nama}; sesi dapat dicatat "
                "setelah permintaan diterima."
            )
        return None

    # -- helpers for pages ---------------------------------------------------------------------
    @property
    def terbuka(self) -> bool:
        return self.status in self.TERBUKA

    @property
    def peer(self) -> bool:
        return self.format == self.Format.SESAMA

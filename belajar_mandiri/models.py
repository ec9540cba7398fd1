"""Belajar mandiri (Panduan Langsa §I, RULES §4): the supervisor instructs self-study and names
learning sources → the employee studies and logs each day (≤ 2 JP a day counted) → writes a
resume → the supervisor evaluates. Each daily log is one row of the JP ledger
(`jp_conversion.Kegiatan`, jenis "belajar_mandiri"); this app keeps only what the ledger does not:
the assignment, its sources, the minutes typed and the resumes."""
from __future__ import annotations

from django.db import models
from simple_history.models import HistoricalRecords

from bangkom.lib.berkas import nama_aman
from bangkom.lib.model import ModelBerwaktu, periode_urut
from bangkom.pegawai.models import Pegawai
from jp_conversion.models import Kegiatan, Lingkup


class PenugasanBelajar(ModelBerwaktu):
    class Status(models.TextChoices):
        USULAN = "usulan", "Diusulkan pegawai"
        AKTIF = "aktif", "Aktif"
        SELESAI = "selesai", "Selesai (dievaluasi)"
        DITOLAK = "ditolak", "Usulan ditolak"

    class Hasil(models.TextChoices):
        TERCAPAI = "tercapai", "Tercapai"
        SEBAGIAN = "sebagian", "Tercapai sebagian"
        TIDAK = "tidak", "Tidak tercapai"

    atasan = models.ForeignKey(Pegawai, on_delete=models.PROTECT, related_name="penugasan_belajar_diberikan")
    pegawai = models.ForeignKey(Pegawai, on_delete=models.PROTECT, related_name="penugasan_belajar")
    topik = models.CharField("topik", max_length=200)
    kompetensi = models.ForeignKey(
        "kompetensi.Kompetensi", on_delete=models.PROTECT, null=True, blank=True, related_name="penugasan_belajar",
        help_text="Kompetensi jabatan yang kesenjangannya diisi (opsional).",
    )
    kesenjangan = models.TextField(
        "kesenjangan kompetensi", help_text="Kesenjangan kompetensi jabatan yang ingin diisi dengan belajar ini."
    )
    lingkup = models.CharField("lingkup", max_length=13, choices=Lingkup.choices, default=Lingkup.NASIONAL)
    mulai = models.DateField("periode mulai")
    selesai = models.DateField("periode selesai")
    jp_rencana = models.DecimalField("JP direncanakan", max_digits=5, decimal_places=2)
    status = models.CharField("status", max_length=8, choices=Status.choices, default=Status.AKTIF)
    diusulkan_pegawai = models.BooleanField("diusulkan pegawai", default=False)
    alasan_tolak = models.TextField("alasan penolakan usulan", blank=True)
    hasil = models.CharField("hasil evaluasi", max_length=8, choices=Hasil.choices, blank=True)
    catatan_evaluasi = models.TextField("catatan evaluasi", blank=True)
    dievaluasi_pada = models.DateTimeField(null=True, blank=True)
    history = HistoricalRecords(excluded_fields=["diubah"])

    class Meta:
        verbose_name = verbose_name_plural = "penugasan belajar mandiri"
        ordering = ["-mulai", "-pk"]
        indexes = [models.Index(fields=["pegawai", "status"]), models.Index(fields=["atasan", "status"])]
        constraints = [
            periode_urut("penugasan_periode_urut"),
            models.CheckConstraint(condition=models.Q(jp_rencana__gt=0), name="penugasan_jp_rencana_positif"),
        ]

    def __str__(self) -> str:
        return f"{self.topik} ({self.pegawai.nama})"

    @property
    def menerima_log(self) -> bool:
        return self.status == self.Status.AKTIF


class SumberBelajar(models.Model):
    class Penilaian(models.TextChoices):
        """The supervisor's judgement at evaluation (Panduan Langsa §I: "menilai sumber
        pembelajaran yang paling efektif untuk mengisi kesenjangan")."""

        PALING_EFEKTIF = "paling_efektif", "Paling efektif"
        CUKUP = "cukup", "Cukup"
        KURANG = "kurang", "Kurang"

    class Jenis(models.TextChoices):
        TAUTAN = "tautan", "Tautan (situs/video)"
        DOKUMEN = "dokumen", "Dokumen (berkas unggahan)"
        BUKU = "buku", "Buku"
        KURSUS_NASIONAL = "kursus_nasional", "Kursus LMS nasional (mis. ASN Unggul)"
        KURSUS_INSTANSI = "kursus_instansi", "Kursus LMS instansi"

    penugasan = models.ForeignKey(PenugasanBelajar, on_delete=models.CASCADE, related_name="sumber")
    jenis = models.CharField("jenis sumber", max_length=16, choices=Jenis.choices)
    judul = models.CharField("judul", max_length=200)
    url = models.URLField("tautan", max_length=500, blank=True)
    keterangan = models.TextField("keterangan", blank=True, help_text="Penulis/penerbit, bab, nama kursus, dsb.")
    berkas = models.FileField("berkas", upload_to=nama_aman, blank=True)
    ditambahkan_oleh = models.ForeignKey(Pegawai, on_delete=models.PROTECT, related_name="+")
    dibuat = models.DateTimeField(auto_now_add=True)
    penilaian = models.CharField(
        "penilaian atasan", max_length=14, choices=Penilaian.choices, blank=True,
        help_text="Diisi atasan saat evaluasi: seberapa efektif sumber ini mengisi kesenjangan.",
    )

    class Meta:
        verbose_name = verbose_name_plural = "sumber belajar"
        ordering = ["pk"]

    def __str__(self) -> str:
        return self.judul


class LogBelajar(models.Model):
    """One day's study. Date, JP, what was studied, paraf and credit live in its ledger row."""

    penugasan = models.ForeignKey(PenugasanBelajar, on_delete=models.PROTECT, related_name="log")
    sumber = models.ForeignKey(SumberBelajar, on_delete=models.SET_NULL, null=True, blank=True, related_name="log")
    kegiatan = models.OneToOneField(Kegiatan, on_delete=models.CASCADE, related_name="log_belajar")
    menit = models.PositiveIntegerField("menit belajar", null=True, blank=True)
    dibuat = models.DateTimeField(auto_now_add=True)
    # The id the phone gave a log kept without signal (issue 22): a replay answers the same log.
    id_klien = models.UUIDField("id klien", null=True, blank=True, editable=False)

    class Meta:
        verbose_name = verbose_name_plural = "log belajar mandiri"
        ordering = ["-kegiatan__tanggal", "-pk"]
        constraints = [
            models.UniqueConstraint(fields=["penugasan", "id_klien"], name="log_id_klien_unik_per_penugasan")
        ]

    def __str__(self) -> str:
        return str(self.kegiatan)


class Resume(ModelBerwaktu):
    class Status(models.TextChoices):
        DIAJUKAN = "diajukan", "Menunggu dibaca atasan"
        DIPARAF = "diparaf", "Diparaf atasan"
        REVISI = "revisi", "Perlu revisi"

    penugasan = models.ForeignKey(PenugasanBelajar, on_delete=models.PROTECT, related_name="resume")
    sumber = models.ForeignKey(
        SumberBelajar, on_delete=models.SET_NULL, null=True, blank=True, related_name="resume",
        help_text="Kosongkan bila resume mencakup seluruh penugasan.",
    )
    judul = models.CharField("judul", max_length=200)
    isi = models.TextField("isi resume", help_text="HTML yang sudah dibersihkan (nh3).")
    lampiran = models.FileField("lampiran", upload_to=nama_aman, blank=True)
    status = models.CharField("status", max_length=8, choices=Status.choices, default=Status.DIAJUKAN)
    diparaf_oleh = models.ForeignKey(Pegawai, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    diparaf_pada = models.DateTimeField(null=True, blank=True)
    alasan_revisi = models.TextField("alasan revisi", blank=True)
    history = HistoricalRecords(excluded_fields=["diubah"])

    class Meta:
        verbose_name = verbose_name_plural = "resume belajar mandiri"
        ordering = ["-dibuat", "-pk"]

    def __str__(self) -> str:
        return self.judul


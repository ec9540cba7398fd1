"""Competencies (RULES §2, PermenPANRB 38/2017): the dictionary, position standards, assessments,
gap dialogs and the yearly development plan. Gaps are computed (kesenjangan.py), never stored."""
from __future__ import annotations

from decimal import Decimal

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from simple_history.models import HistoricalRecords

from bangkom.lib.model import ModelBerwaktu, periode_urut
from bangkom.pegawai.models import Jabatan, Pegawai, PerangkatDaerah
from jp_conversion import rules

from . import kesenjangan, kinerja

LEVEL_CHOICES = [(i, f"Level {i}") for i in range(1, 6)]
VALIDATOR_LEVEL = [MinValueValidator(1), MaxValueValidator(5)]
BENTUK_CHOICES = [(kind, rules.label(kind)) for kind in rules.semua_jenis()]
BULAN_CHOICES = [(m, rules.nama_bulan(m)) for m in range(1, 13)]


class JenisKompetensi(models.TextChoices):
    TEKNIS = "teknis", "Teknis"
    MANAJERIAL = "manajerial", "Manajerial"
    SOSIAL_KULTURAL = "sosial_kultural", "Sosial kultural"


class Kompetensi(models.Model):
    kode = models.SlugField("kode", max_length=60, unique=True, help_text="Dipakai di berkas impor standar.")
    jenis = models.CharField("jenis", max_length=20, choices=JenisKompetensi.choices)
    nama = models.CharField("nama", max_length=150)
    definisi = models.TextField("definisi")
    rumpun = models.CharField(
        "rumpun/bidang", max_length=100, blank=True, help_text="Untuk kompetensi teknis: rumpun atau bidang jabatan."
    )
    aktif = models.BooleanField("aktif", default=True)
    urutan = models.PositiveSmallIntegerField("urutan", default=100)

    class Meta:
        verbose_name = verbose_name_plural = "kompetensi"
        ordering = ["urutan", "nama"]

    def __str__(self) -> str:
        return self.nama


class LevelKompetensi(models.Model):
    kompetensi = models.ForeignKey(Kompetensi, on_delete=models.CASCADE, related_name="level")
    level = models.PositiveSmallIntegerField("level", choices=LEVEL_CHOICES, validators=VALIDATOR_LEVEL)
    deskripsi = models.TextField("deskripsi")
    indikator = models.TextField("indikator perilaku", blank=True, help_text="Satu indikator per baris.")

    class Meta:
        verbose_name = verbose_name_plural = "level kompetensi"
        ordering = ["kompetensi", "level"]
        constraints = [models.UniqueConstraint(fields=["kompetensi", "level"], name="level_unik_per_kompetensi")]

    def __str__(self) -> str:
        return f"{self.kompetensi.nama} level {self.level}"


class StandarKompetensi(models.Model):
    """The level a position requires in one competency (the agency's standar kompetensi jabatan)."""

    jabatan = models.ForeignKey(Jabatan, on_delete=models.CASCADE, related_name="standar_kompetensi")
    kompetensi = models.ForeignKey(Kompetensi, on_delete=models.PROTECT, related_name="standar")
    level_standar = models.PositiveSmallIntegerField(
        "level standar", choices=LEVEL_CHOICES, validators=VALIDATOR_LEVEL
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = verbose_name_plural = "standar kompetensi jabatan"
        ordering = ["jabatan", "kompetensi__urutan", "kompetensi__nama"]
        constraints = [
            models.UniqueConstraint(fields=["jabatan", "kompetensi"], name="standar_unik_per_jabatan"),
            models.CheckConstraint(
                condition=models.Q(level_standar__gte=1, level_standar__lte=5), name="standar_level_1_5"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.jabatan.nama}: {self.kompetensi.nama} level {self.level_standar}"


class SumberPenilaian(models.TextChoices):
    ASESMEN = "asesmen", "Asesmen/uji kompetensi"
    ATASAN = "penilaian_atasan", "Penilaian atasan"
    DIRI = "penilaian_diri", "Penilaian diri"


class PenilaianKompetensi(models.Model):
    """One assessment result. Rows are kept as history; the latest by date (then by entry) is the
    employee's current level."""

    pegawai = models.ForeignKey(Pegawai, on_delete=models.CASCADE, related_name="penilaian_kompetensi")
    kompetensi = models.ForeignKey(Kompetensi, on_delete=models.PROTECT, related_name="penilaian")
    level = models.PositiveSmallIntegerField("level", choices=LEVEL_CHOICES, validators=VALIDATOR_LEVEL)
    sumber = models.CharField("sumber", max_length=20, choices=SumberPenilaian.choices)
    tanggal = models.DateField("tanggal penilaian")
    penilai = models.ForeignKey(
        Pegawai, on_delete=models.SET_NULL, null=True, blank=True, related_name="penilaian_dilakukan",
        verbose_name="penilai",
    )
    catatan = models.TextField("catatan", blank=True)
    dibuat = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = verbose_name_plural = "penilaian kompetensi"
        ordering = ["-tanggal", "-pk"]
        indexes = [models.Index(fields=["pegawai", "kompetensi", "tanggal"])]
        constraints = [
            models.CheckConstraint(condition=models.Q(level__gte=1, level__lte=5), name="penilaian_level_1_5"),
        ]

    def __str__(self) -> str:
        return f"{self.pegawai.nama}: {self.kompetensi.nama} level {self.level} ({self.tanggal:%d-%m-%Y})"


class Penyebab(models.TextChoices):
    MOTIVASI = kesenjangan.MOTIVASI, kesenjangan.PENYEBAB[kesenjangan.MOTIVASI]
    KETERAMPILAN = kesenjangan.KETERAMPILAN, kesenjangan.PENYEBAB[kesenjangan.KETERAMPILAN]
    PENGETAHUAN = kesenjangan.PENGETAHUAN, kesenjangan.PENYEBAB[kesenjangan.PENGETAHUAN]


class DialogKesenjangan(ModelBerwaktu):
    """The supervisor and the employee discuss one gap of one year: they confirm it, agree on its
    cause, and choose the form (the recommendation, or another one with a reason)."""

    pegawai = models.ForeignKey(Pegawai, on_delete=models.CASCADE, related_name="dialog_kesenjangan")
    kompetensi = models.ForeignKey(Kompetensi, on_delete=models.PROTECT, related_name="dialog")
    tahun = models.PositiveSmallIntegerField("tahun")
    level_standar = models.PositiveSmallIntegerField("level standar saat dialog")
    level_saat_ini = models.PositiveSmallIntegerField("level saat dialog")
    penyebab = models.CharField("penyebab kesenjangan", max_length=20, choices=Penyebab.choices)
    bentuk_rekomendasi = models.CharField("bentuk yang direkomendasikan", max_length=40, choices=BENTUK_CHOICES)
    penjelasan_rekomendasi = models.TextField("penjelasan rekomendasi")
    bentuk_dipilih = models.CharField("bentuk yang dipilih", max_length=40, choices=BENTUK_CHOICES)
    alasan = models.TextField("alasan memilih bentuk lain", blank=True)
    catatan = models.TextField("catatan dialog", blank=True)
    dikonfirmasi_atasan = models.ForeignKey(
        Pegawai, on_delete=models.SET_NULL, null=True, blank=True, related_name="+",
        verbose_name="dikonfirmasi atasan",
    )
    dikonfirmasi_atasan_pada = models.DateTimeField(null=True, blank=True)
    dikonfirmasi_pegawai_pada = models.DateTimeField(null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = verbose_name_plural = "dialog kesenjangan"
        ordering = ["-tahun", "kompetensi__urutan"]
        constraints = [
            models.UniqueConstraint(fields=["pegawai", "kompetensi", "tahun"], name="dialog_unik_per_tahun"),
        ]

    def __str__(self) -> str:
        return f"Dialog {self.kompetensi.nama} {self.tahun} ({self.pegawai.nama})"

    @property
    def selisih(self) -> int:
        return max(self.level_standar - self.level_saat_ini, 0)

    @property
    def dikonfirmasi_lengkap(self) -> bool:
        return self.dikonfirmasi_atasan_pada is not None and self.dikonfirmasi_pegawai_pada is not None

    @property
    def beda_dari_rekomendasi(self) -> bool:
        return self.bentuk_dipilih != self.bentuk_rekomendasi


class RencanaPengembangan(ModelBerwaktu):
    """The employee's individual competency development plan for one year."""

    pegawai = models.ForeignKey(Pegawai, on_delete=models.CASCADE, related_name="rencana_pengembangan")
    tahun = models.PositiveSmallIntegerField("tahun")
    catatan = models.TextField("catatan", blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = verbose_name_plural = "rencana pengembangan kompetensi"
        ordering = ["-tahun"]
        constraints = [models.UniqueConstraint(fields=["pegawai", "tahun"], name="rencana_unik_per_tahun")]

    def __str__(self) -> str:
        return f"Rencana {self.tahun} {self.pegawai.nama}"


class BarisRencana(models.Model):
    rencana = models.ForeignKey(RencanaPengembangan, on_delete=models.CASCADE, related_name="baris")
    kompetensi = models.ForeignKey(
        Kompetensi, on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name="kompetensi"
    )
    dialog = models.ForeignKey(
        DialogKesenjangan, on_delete=models.SET_NULL, null=True, blank=True, related_name="baris_rencana"
    )
    bentuk = models.CharField("bentuk pengembangan", max_length=40, choices=BENTUK_CHOICES)
    uraian = models.CharField("uraian kegiatan", max_length=300)
    jp_direncanakan = models.DecimalField(
        "JP direncanakan", max_digits=5, decimal_places=2,
        validators=[MinValueValidator(Decimal("0.5")), MaxValueValidator(Decimal("200"))],
    )
    bulan_mulai = models.PositiveSmallIntegerField("bulan mulai", choices=BULAN_CHOICES)
    bulan_selesai = models.PositiveSmallIntegerField("bulan selesai", choices=BULAN_CHOICES)
    iku = models.ForeignKey(
        "IndikatorKinerjaUtama", on_delete=models.SET_NULL, null=True, blank=True, related_name="baris_rencana",
        verbose_name="IKU yang didukung",
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = verbose_name_plural = "baris rencana pengembangan"
        ordering = ["bulan_mulai", "pk"]
        constraints = [periode_urut("baris_bulan_urut", mulai="bulan_mulai", selesai="bulan_selesai")]

    def __str__(self) -> str:
        return f"{self.get_bentuk_display()}: {self.uraian}"

    @property
    def bulan_label(self) -> str:
        if self.bulan_mulai == self.bulan_selesai:
            return rules.nama_bulan(self.bulan_mulai)
        return f"{rules.nama_bulan(self.bulan_mulai)}–{rules.nama_bulan(self.bulan_selesai)}"


PESAN_IKU_LAIN = "Pilih IKU perangkat daerah pegawai ini untuk tahun rencana yang sama."


class IndikatorKinerjaUtama(ModelBerwaktu):
    """An OPD's key performance indicator (IKU) of one year: the outcome a development plan item may
    name, so the kepala sees what development went into each (issue 20, evaluation tied to outcomes)."""

    opd = models.ForeignKey(
        PerangkatDaerah, on_delete=models.CASCADE, related_name="iku", verbose_name="perangkat daerah"
    )
    tahun = models.PositiveSmallIntegerField("tahun")
    kode = models.CharField("kode", max_length=30)
    nama = models.CharField("nama indikator", max_length=300)
    history = HistoricalRecords()

    class Meta:
        verbose_name = "indikator kinerja utama (IKU)"
        verbose_name_plural = "indikator kinerja utama (IKU)"
        ordering = ["opd__nama", "-tahun", "kode"]
        constraints = [models.UniqueConstraint(fields=["opd", "tahun", "kode"], name="iku_kode_unik_per_opd_tahun")]

    def __str__(self) -> str:
        return f"{self.kode} {self.nama}"


class PenilaianKinerja(ModelBerwaktu):
    """One employee's yearly performance result (predikat kinerja SKP), imported from the SKP export
    (kinerja_impor.py). One row per employee and year: a re-import updates it."""

    pegawai = models.ForeignKey(Pegawai, on_delete=models.CASCADE, related_name="penilaian_kinerja")
    tahun = models.PositiveSmallIntegerField("tahun")
    predikat = models.CharField("predikat kinerja", max_length=20, choices=kinerja.PREDIKAT)
    history = HistoricalRecords(excluded_fields=["diubah"])

    class Meta:
        verbose_name = verbose_name_plural = "penilaian kinerja (SKP)"
        ordering = ["-tahun", "pegawai__nama"]
        constraints = [models.UniqueConstraint(fields=["pegawai", "tahun"], name="kinerja_unik_per_tahun")]

    def __str__(self) -> str:
        return f"{self.pegawai.nama}: {self.get_predikat_display()} ({self.tahun})"

    @property
    def di_bawah_ekspektasi(self) -> bool:
        return kinerja.di_bawah_ekspektasi(self.predikat)


class RingkasanKesenjanganOpd(models.Model):
    """The province gap summary of one OPD and competency (`kesenjangan_per_opd`), recomputed in the
    transaction of every assessment and of every change to the standards, the dictionary or an
    employee (`bangkom.kompetensi.ringkasan`), so the BPSDM dashboard never reads every assessment.
    A row without a competency marks the OPD as summarised."""

    opd = models.ForeignKey(PerangkatDaerah, on_delete=models.CASCADE, related_name="+")
    kompetensi = models.ForeignKey(Kompetensi, on_delete=models.CASCADE, null=True, related_name="+")
    wajib = models.PositiveIntegerField(default=0)
    dinilai = models.PositiveIntegerField(default=0)
    di_bawah = models.PositiveIntegerField(default=0)
    selisih = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = verbose_name_plural = "ringkasan kesenjangan per OPD"

    def __str__(self) -> str:
        return f"{self.opd_id} {self.kompetensi_id}: {self.di_bawah} di bawah standar"

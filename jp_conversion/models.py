"""The JP ledger: one row per development activity of an employee, with its paraf state and
the credit computed by `jp_conversion.rules`. Rows are written by `jp_conversion.services` only;
credits are never edited by hand (ARCHITECTURE: the ledger recomputes an employee-year)."""
from __future__ import annotations

from decimal import Decimal

from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from simple_history.models import HistoricalRecords

from bangkom.lib.berkas import nama_aman
from bangkom.lib.model import ModelBerwaktu
from bangkom.pegawai.models import Pegawai, PerangkatDaerah

from . import rules

NOL = Decimal("0.00")


class Lingkup(models.TextChoices):
    NASIONAL = "nasional", "Nasional"
    INTERNASIONAL = "internasional", "Internasional"


class StatusKegiatan(models.TextChoices):
    DIAJUKAN = "diajukan", "Menunggu paraf"
    DISETUJUI = "disetujui", "Disetujui (diparaf)"
    DITOLAK = "ditolak", "Ditolak"


JENIS_CHOICES = [(kind, rules.label(kind)) for kind in rules.semua_jenis()]

# The three workplace forms have their own workflows; every other Perlan form enters the ledger
# as an external activity (a training, seminar, e-learning course) with its evidence.
JENIS_BIMBINGAN = ("coaching", "mentoring", "belajar_mandiri")


class TargetJP(models.Model):
    """Annual target per ASN type (RULES §3: at least 20 JP; configurable per year)."""

    tahun = models.PositiveSmallIntegerField("tahun")
    jenis_asn = models.CharField("jenis ASN", max_length=4, choices=Pegawai.JenisASN.choices)
    target = models.DecimalField("target JP", max_digits=5, decimal_places=2, default=Decimal("20"))

    class Meta:
        verbose_name = verbose_name_plural = "target JP tahunan"
        constraints = [models.UniqueConstraint(fields=["tahun", "jenis_asn"], name="target_unik_per_tahun")]

    def __str__(self) -> str:
        return f"{self.tahun} {self.jenis_asn}: {self.target} JP"


class Kegiatan(ModelBerwaktu):
    pegawai = models.ForeignKey(Pegawai, on_delete=models.PROTECT, related_name="kegiatan", verbose_name="pegawai")
    jenis = models.CharField("jenis", max_length=40, choices=JENIS_CHOICES)
    tanggal = models.DateField("tanggal")
    tanggal_selesai = models.DateField(
        "tanggal selesai", null=True, blank=True,
        help_text="Untuk program beberapa hari (mis. pelatihan 40 JP): hari terakhir; kosong untuk satu hari.",
    )
    tahun = models.PositiveSmallIntegerField("tahun", editable=False)
    mulai = models.TimeField("jam mulai", null=True, blank=True)
    selesai = models.TimeField("jam selesai", null=True, blank=True)
    lingkup = models.CharField("lingkup", max_length=13, choices=Lingkup.choices, default=Lingkup.NASIONAL)
    jp_belajar = models.DecimalField(
        "JP dipelajari", max_digits=5, decimal_places=2, null=True, blank=True,
        help_text="Untuk bentuk yang dihitung sesuai JP (belajar mandiri, pelatihan); kosong untuk per sesi.",
    )
    materi = models.CharField("materi", max_length=300)
    keterangan = models.TextField("keterangan", blank=True)

    status = models.CharField(
        "status", max_length=10, choices=StatusKegiatan.choices, default=StatusKegiatan.DIAJUKAN
    )
    pembimbing = models.ForeignKey(
        Pegawai, on_delete=models.PROTECT, null=True, blank=True, related_name="kegiatan_dibimbing",
        verbose_name="pembimbing/verifikator",
        help_text="Yang berhak memaraf: coach, mentor, atau atasan (belajar mandiri).",
    )
    diparaf_oleh = models.ForeignKey(
        Pegawai, on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name="diparaf oleh"
    )
    diparaf_pada = models.DateTimeField("diparaf pada", null=True, blank=True)
    alasan_status = models.TextField("alasan penolakan/pembatalan", blank=True)

    sumber_tipe = models.ForeignKey(ContentType, on_delete=models.PROTECT, null=True, blank=True)
    sumber_id = models.PositiveBigIntegerField(null=True, blank=True)
    sumber = GenericForeignKey("sumber_tipe", "sumber_id")

    # The credit, written only by services.jp_hitung_ulang.
    jp = models.DecimalField("JP dihitung", max_digits=6, decimal_places=2, default=NOL, editable=False)
    dihitung = models.BooleanField("dihitung", default=False, editable=False)
    alasan = models.CharField("alasan perhitungan", max_length=300, blank=True, editable=False)
    versi_aturan = models.CharField("versi aturan", max_length=40, blank=True, editable=False)

    history = HistoricalRecords(excluded_fields=["jp", "dihitung", "alasan", "versi_aturan", "diubah"])

    class Meta:
        verbose_name = verbose_name_plural = "kegiatan pengembangan"
        ordering = ["tanggal", "mulai", "pk"]
        indexes = [
            models.Index(fields=["pegawai", "tahun"]),
            models.Index(fields=["pembimbing", "status"]),
            models.Index(fields=["sumber_tipe", "sumber_id"]),
        ]
        constraints = [
            models.CheckConstraint(condition=models.Q(jp__gte=0), name="kegiatan_jp_tidak_negatif"),
            models.CheckConstraint(
                condition=models.Q(jp_belajar__isnull=True) | models.Q(jp_belajar__gt=0),
                name="kegiatan_jp_belajar_positif",
            ),
            models.CheckConstraint(
                condition=models.Q(mulai__isnull=True) | models.Q(selesai__isnull=True)
                | models.Q(selesai__gt=models.F("mulai")),
                name="kegiatan_selesai_setelah_mulai",
            ),
            models.CheckConstraint(
                condition=models.Q(tanggal_selesai__isnull=True) | models.Q(tanggal_selesai__gte=models.F("tanggal")),
                name="kegiatan_tanggal_selesai_tidak_sebelum_mulai",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_jenis_display()} {self.tanggal:%d-%m-%Y} {self.pegawai.nama}"

    @property
    def jumlah_hari(self) -> int:
        """Days the activity spans (1 for a one-day activity)."""
        return ((self.tanggal_selesai or self.tanggal) - self.tanggal).days + 1

    @property
    def aktivitas(self) -> rules.Activity:
        # A multi-day programme counts in the year of its start date with its programme JP.
        return rules.Activity(
            key=self.pk, kind=self.jenis, day=self.tanggal, scope=self.lingkup, jp=self.jp_belajar
        )


class RekapTahunan(models.Model):
    """Denormalised yearly JP per employee, rewritten by the ledger on every recompute so
    compliance pages read one row per employee instead of aggregating every activity."""

    pegawai = models.ForeignKey(Pegawai, on_delete=models.CASCADE, related_name="rekap_tahunan", verbose_name="pegawai")
    tahun = models.PositiveSmallIntegerField("tahun")
    jp_coaching = models.DecimalField("JP coaching", max_digits=7, decimal_places=2, default=NOL)
    jp_mentoring = models.DecimalField("JP mentoring", max_digits=7, decimal_places=2, default=NOL)
    jp_belajar_mandiri = models.DecimalField("JP belajar mandiri", max_digits=7, decimal_places=2, default=NOL)
    jp_lainnya = models.DecimalField("JP bentuk lain", max_digits=7, decimal_places=2, default=NOL)
    total = models.DecimalField("total JP", max_digits=7, decimal_places=2, default=NOL)
    # The mix (issue 20, `jp_conversion.ragam`): the same total split by group and by 10:20:70 class.
    jp_klasikal = models.DecimalField("JP klasikal", max_digits=7, decimal_places=2, default=NOL)
    jp_nonklasikal = models.DecimalField("JP non-klasikal", max_digits=7, decimal_places=2, default=NOL)
    jp_kelas_10 = models.DecimalField("JP 10 (klasikal/terstruktur)", max_digits=7, decimal_places=2, default=NOL)
    jp_kelas_20 = models.DecimalField("JP 20 (bersama kolega)", max_digits=7, decimal_places=2, default=NOL)
    jp_kelas_70 = models.DecimalField("JP 70 (belajar sambil bekerja)", max_digits=7, decimal_places=2, default=NOL)
    jp_per_bulan = models.JSONField(default=list, help_text="12 angka: JP dihitung per bulan.")
    diperbarui = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = verbose_name_plural = "rekap JP tahunan"
        constraints = [models.UniqueConstraint(fields=["pegawai", "tahun"], name="rekap_unik_per_tahun")]
        indexes = [models.Index(fields=["tahun", "total"])]

    def __str__(self) -> str:
        return f"{self.pegawai_id} {self.tahun}: {self.total} JP"


class RekapOpd(models.Model):
    """The province summary of one OPD's active employees of one ASN type in one year: the sums of
    the compliance aggregate and the session-length histogram, recomputed by the ledger
    (`jp_conversion.rekap_opd`) in the transaction of every write, so the BPSDM dashboard reads a
    few rows per OPD instead of every employee and activity. `jenis_asn=""` marks an OPD as
    summarised (also when it has no active employee)."""

    tahun = models.PositiveSmallIntegerField("tahun")
    opd = models.ForeignKey(PerangkatDaerah, on_delete=models.CASCADE, related_name="+")
    jenis_asn = models.CharField("jenis ASN", max_length=4, blank=True)
    nilai = models.JSONField(default=dict, help_text="Jumlah agregat (desimal sebagai teks) dan histogram durasi.")

    class Meta:
        verbose_name = verbose_name_plural = "rekap JP per OPD"
        constraints = [models.UniqueConstraint(fields=["tahun", "opd", "jenis_asn"], name="rekap_opd_unik")]

    def __str__(self) -> str:
        return f"{self.opd_id} {self.tahun} {self.jenis_asn}"


# Every Perlan form that is not a workplace workflow of its own: what an employee can submit as an
# external activity (training, seminar, workshop, e-learning from the national LMS, ...).
JENIS_EKSTERNAL = tuple(k for k in rules.semua_jenis() if k not in JENIS_BIMBINGAN)


class KegiatanEksternal(models.Model):
    """An external development activity submitted by the employee with its certificate as evidence.
    Its credit lives on the ledger row (`kegiatan`): the supervisor (or BPSDM) verifies it by
    initialling that row, like any other activity."""

    kegiatan = models.OneToOneField(Kegiatan, on_delete=models.CASCADE, related_name="eksternal")
    penyelenggara = models.CharField("penyelenggara", max_length=200)
    sertifikat = models.FileField("sertifikat/bukti", upload_to=nama_aman, max_length=300)
    nomor_sertifikat = models.CharField("nomor sertifikat", max_length=100, blank=True)
    diajukan_oleh = models.ForeignKey(
        "auth.User", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    dibuat = models.DateTimeField("diajukan pada", auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = verbose_name_plural = "kegiatan pengembangan eksternal"

    def __str__(self) -> str:
        return f"{self.kegiatan.materi} ({self.penyelenggara})"


# --- LMS completions (issue 21): a column mapping per source, and each completion imported ---------
FORMAT_TANGGAL = [
    ("%d/%m/%Y", "31/12/2026"),
    ("%d-%m-%Y", "31-12-2026"),
    ("%Y-%m-%d", "2026-12-31"),
    ("%d.%m.%Y", "31.12.2026"),
    ("%m/%d/%Y", "12/31/2026 (bulan dulu)"),
]


class SumberLMS(ModelBerwaktu):
    """A learning management system whose completion exports BPSDM imports, with the file's column
    titles for each field: every LMS names its columns its own way, and changes them now and then."""

    kode = models.SlugField("kode", max_length=40, unique=True)
    nama = models.CharField("nama sumber", max_length=100, unique=True)
    jenis = models.CharField("jenis kegiatan", max_length=40, default="e_learning",
                             choices=[(k, rules.label(k)) for k in JENIS_EKSTERNAL])
    format_tanggal = models.CharField("format tanggal", max_length=20, choices=FORMAT_TANGGAL, default="%d/%m/%Y")
    penyelenggara_bawaan = models.CharField(
        "penyelenggara bawaan", max_length=200, blank=True,
        help_text="Dipakai bila berkas tidak memiliki kolom penyelenggara atau selnya kosong.",
    )
    kolom_nip = models.CharField("kolom NIP", max_length=100)
    kolom_materi = models.CharField("kolom judul kursus", max_length=100)
    kolom_tanggal = models.CharField("kolom tanggal selesai", max_length=100)
    kolom_jp = models.CharField("kolom JP", max_length=100)
    kolom_penyelenggara = models.CharField("kolom penyelenggara", max_length=100, blank=True)
    kolom_nomor_sertifikat = models.CharField("kolom nomor sertifikat", max_length=100, blank=True)
    kolom_url_bukti = models.CharField("kolom URL bukti", max_length=100, blank=True)

    class Meta:
        verbose_name = verbose_name_plural = "sumber LMS"
        ordering = ["nama"]

    def __str__(self) -> str:
        return self.nama


class PenyelesaianLMS(models.Model):
    """One course completion brought in by an LMS import, tied to the external activity it created.
    The constraints are what makes the same completion recognised across imports (and two imports of
    the same file racing each other fail instead of doubling)."""

    sumber = models.ForeignKey(SumberLMS, on_delete=models.PROTECT, related_name="penyelesaian")
    eksternal = models.OneToOneField(KegiatanEksternal, on_delete=models.CASCADE, related_name="penyelesaian_lms")
    pegawai = models.ForeignKey(Pegawai, on_delete=models.PROTECT, related_name="+")
    kunci_materi = models.CharField("judul kursus (ternormalisasi)", max_length=300)
    tanggal = models.DateField("tanggal selesai")
    nomor_sertifikat = models.CharField("nomor sertifikat", max_length=100, blank=True)
    dibuat = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = verbose_name_plural = "penyelesaian kursus LMS"
        constraints = [
            models.UniqueConstraint(fields=["sumber", "pegawai", "kunci_materi", "tanggal"],
                                    name="penyelesaian_lms_unik"),
            models.UniqueConstraint(fields=["sumber", "nomor_sertifikat"], condition=~models.Q(nomor_sertifikat=""),
                                    name="penyelesaian_lms_sertifikat_unik"),
        ]

    def __str__(self) -> str:
        return f"{self.sumber.kode} {self.pegawai_id} {self.tanggal}"

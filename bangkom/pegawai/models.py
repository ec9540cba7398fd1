"""Organisation and people: instansi, OPD, unit tree, positions, employees, mentors (RULES §1)."""
from __future__ import annotations

from django.conf import settings
from django.db import models
from simple_history.models import HistoricalRecords


class Instansi(models.Model):
    """The pemerintah daerah (province) running Bangkom; BPSDM belongs to it."""

    kode = models.CharField("kode", max_length=20, unique=True)
    nama = models.CharField("nama", max_length=200)
    kota = models.CharField("kota (tempat penandatanganan)", max_length=100, blank=True)
    alamat = models.CharField("alamat", max_length=300, blank=True)
    logo = models.FileField("logo", upload_to="logo/", blank=True)

    class Meta:
        verbose_name = verbose_name_plural = "instansi"

    def __str__(self) -> str:
        return self.nama


class PerangkatDaerah(models.Model):
    """An OPD (agency). Its head (kepala) countersigns activity sheets and sees agency compliance."""

    instansi = models.ForeignKey(Instansi, on_delete=models.PROTECT, related_name="opd")
    kode = models.CharField("kode", max_length=20, unique=True)
    nama = models.CharField("nama", max_length=200)
    singkatan = models.CharField("singkatan", max_length=40, blank=True)
    kepala = models.ForeignKey(
        "Pegawai", on_delete=models.SET_NULL, null=True, blank=True, related_name="opd_dipimpin"
    )
    alamat = models.CharField("alamat (kop surat)", max_length=300, blank=True)
    kota = models.CharField("kota", max_length=100, blank=True)
    logo = models.FileField("logo (kop surat)", upload_to="logo/", blank=True)
    wajib_pengesahan_kepala = models.BooleanField(
        "wajib pengesahan kepala", default=False,
        help_text="Lembar kegiatan (bukan salinan internal) pegawai OPD ini menunggu pengesahan "
        "(\"Mengetahui\") kepala perangkat daerah di dasbornya.",
    )

    class Meta:
        verbose_name = verbose_name_plural = "perangkat daerah (OPD)"
        ordering = ["nama"]

    def __str__(self) -> str:
        return self.nama


class UnitKerja(models.Model):
    opd = models.ForeignKey(PerangkatDaerah, on_delete=models.PROTECT, related_name="unit")
    induk = models.ForeignKey("self", on_delete=models.PROTECT, null=True, blank=True, related_name="subunit")
    kode = models.CharField("kode", max_length=30)
    nama = models.CharField("nama", max_length=200)

    class Meta:
        verbose_name = verbose_name_plural = "unit kerja"
        ordering = ["opd__nama", "nama"]
        constraints = [models.UniqueConstraint(fields=["opd", "kode"], name="unit_kode_unik_per_opd")]

    def __str__(self) -> str:
        return self.nama


class Jabatan(models.Model):
    class Jenis(models.TextChoices):
        STRUKTURAL = "struktural", "Struktural"
        FUNGSIONAL = "fungsional", "Fungsional"
        PELAKSANA = "pelaksana", "Pelaksana"

    kode = models.CharField("kode", max_length=40, unique=True)
    nama = models.CharField("nama jabatan", max_length=200)
    jenis = models.CharField("jenis", max_length=20, choices=Jenis.choices)
    jenjang = models.CharField(
        "jenjang", max_length=60, blank=True, help_text="Eselon (mis. III.a) atau jenjang fungsional (mis. Ahli Muda)."
    )
    tingkat = models.PositiveSmallIntegerField(
        "tingkat", default=1, help_text="Urutan kesetaraan jabatan: makin tinggi makin senior (untuk mencari mentor)."
    )
    rumpun = models.CharField("rumpun/bidang", max_length=100, blank=True)

    class Meta:
        verbose_name = verbose_name_plural = "jabatan"
        ordering = ["nama"]

    def __str__(self) -> str:
        return self.nama


class Pegawai(models.Model):
    class JenisASN(models.TextChoices):
        PNS = "PNS", "PNS"
        PPPK = "PPPK", "PPPK"

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="pegawai"
    )
    nip = models.CharField("NIP / NI PPPK", max_length=18, unique=True)
    jenis_asn = models.CharField("jenis ASN", max_length=4, choices=JenisASN.choices, default=JenisASN.PNS)
    nama = models.CharField("nama (tanpa gelar)", max_length=150)
    gelar_depan = models.CharField("gelar depan", max_length=30, blank=True)
    gelar_belakang = models.CharField("gelar belakang", max_length=60, blank=True)
    golongan = models.CharField("golongan", max_length=10, blank=True)
    pangkat = models.CharField("pangkat", max_length=60, blank=True)
    jabatan = models.ForeignKey(Jabatan, on_delete=models.PROTECT, related_name="pegawai")
    opd = models.ForeignKey(PerangkatDaerah, on_delete=models.PROTECT, related_name="pegawai")
    unit = models.ForeignKey(UnitKerja, on_delete=models.PROTECT, related_name="pegawai")
    atasan = models.ForeignKey(
        "self", on_delete=models.SET_NULL, null=True, blank=True, related_name="bawahan",
        verbose_name="atasan langsung",
    )
    email = models.EmailField("email", blank=True)
    aktif = models.BooleanField("aktif", default=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = verbose_name_plural = "pegawai"
        ordering = ["nama"]
        indexes = [models.Index(fields=["opd", "aktif"]), models.Index(fields=["atasan"])]

    def __str__(self) -> str:
        return f"{self.nama_lengkap} ({self.nip})"

    @property
    def nama_lengkap(self) -> str:
        depan = f"{self.gelar_depan} " if self.gelar_depan else ""
        belakang = f", {self.gelar_belakang}" if self.gelar_belakang else ""
        return f"{depan}{self.nama}{belakang}"


class Mentor(models.Model):
    """A registered mentor/coach profile. Few certified coaches is a known obstacle (RULES §6),
    so certification is tracked for the dashboards."""

    class Sertifikasi(models.TextChoices):
        TIDAK = "", "Belum bersertifikat"
        COACH = "coach", "Coach bersertifikat"
        MENTOR = "mentor", "Mentor bersertifikat"

    pegawai = models.OneToOneField(Pegawai, on_delete=models.CASCADE, related_name="profil_mentor")
    bidang = models.CharField("bidang keahlian", max_length=150)
    sertifikasi = models.CharField("sertifikasi", max_length=10, choices=Sertifikasi.choices, blank=True)
    tanggal_sertifikasi = models.DateField("tanggal sertifikasi", null=True, blank=True)
    nomor_sertifikat = models.CharField("nomor sertifikat", max_length=100, blank=True)
    penerbit_sertifikat = models.CharField(
        "penerbit sertifikat", max_length=150, blank=True, help_text="Lembaga yang menerbitkan sertifikat coach/mentor."
    )
    sertifikat_berlaku_sampai = models.DateField(
        "sertifikat berlaku sampai", null=True, blank=True, help_text="Kosongkan bila berlaku tanpa batas waktu."
    )
    kapasitas = models.PositiveSmallIntegerField("kapasitas mentee aktif", default=5)
    aktif = models.BooleanField("aktif", default=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = verbose_name_plural = "mentor terdaftar"
        constraints = [
            models.CheckConstraint(
                condition=models.Q(sertifikat_berlaku_sampai__isnull=True)
                | models.Q(tanggal_sertifikasi__isnull=True)
                | models.Q(sertifikat_berlaku_sampai__gte=models.F("tanggal_sertifikasi")),
                name="mentor_sertifikat_berlaku_urut",
            ),
        ]

    def __str__(self) -> str:
        return f"Mentor {self.pegawai.nama_lengkap}"

    @property
    def bersertifikat(self) -> bool:
        return bool(self.sertifikasi)

    def sertifikat_berlaku_pada(self, tanggal) -> bool:
        """Certified, and the certificate has not expired on `tanggal` (no end date: no expiry)."""
        sampai = self.sertifikat_berlaku_sampai
        return self.bersertifikat and (sampai is None or sampai >= tanggal)

    @property
    def uraian_sertifikat(self) -> str:
        """One line for pages and the audit trail: kind, number, issuer, validity."""
        if not self.bersertifikat:
            return "Belum bersertifikat"
        bagian = [self.get_sertifikasi_display()]
        if self.nomor_sertifikat:
            bagian.append(f"No. {self.nomor_sertifikat}")
        if self.penerbit_sertifikat:
            bagian.append(f"oleh {self.penerbit_sertifikat}")
        if self.sertifikat_berlaku_sampai:
            bagian.append(f"berlaku s.d. {self.sertifikat_berlaku_sampai:%d-%m-%Y}")
        return ", ".join(bagian)


class RiwayatImpor(models.Model):
    """Every committed import (employees, standards, ...), for the BPSDM dashboard and audit."""

    jenis = models.CharField("jenis", max_length=40)
    nama_berkas = models.CharField("nama berkas", max_length=255)
    oleh = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    waktu = models.DateTimeField(auto_now_add=True)
    jumlah_baris = models.PositiveIntegerField(default=0)
    dibuat = models.PositiveIntegerField(default=0)
    diperbarui = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = verbose_name_plural = "riwayat impor"
        ordering = ["-waktu"]

    # The kinds the import pages record; a kind missing here is shown as stored.
    LABEL_JENIS = {"pegawai": "Pegawai", "standar": "Standar kompetensi", "kinerja": "Predikat kinerja (SKP)",
                   "lms": "Penyelesaian LMS"}

    def __str__(self) -> str:
        return f"Impor {self.label_jenis} {self.waktu:%d-%m-%Y %H:%M}"

    @property
    def label_jenis(self) -> str:
        return self.LABEL_JENIS.get(self.jenis, self.jenis)

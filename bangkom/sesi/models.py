"""The one session mechanism shared by coaching and mentoring: a session led by a
pembimbing with one or more participants, each participant credited through their own ledger
row (`jp_conversion.Kegiatan`), and the Likert evaluations of a relationship (RULES §5).

The relationship a session belongs to (a coaching agreement, a mentoring request) is generic
(`induk`): it answers `periode_sesi()` → (mulai, selesai) or None, `menerima_sesi` → bool, and
`__str__`; it reaches its rows through a `GenericRelation` and `Sesi.objects.untuk(induk)` /
`Evaluasi.objects.untuk(induk)`. The rest of the contract (the session's fields, the paraf hook
registry) is in `bangkom.sesi.kontrak`. The workflow apps add only what differs."""
from __future__ import annotations

from django.contrib.contenttypes.fields import GenericForeignKey, GenericRelation
from django.contrib.contenttypes.models import ContentType
from django.db import models
from simple_history.models import HistoricalRecords

from bangkom.pegawai.models import Pegawai
from jp_conversion.models import Kegiatan, Lingkup, StatusKegiatan


def tipe_induk(induk) -> ContentType:
    """The content type of a relationship (an instance or a model class): the one place that asks."""
    return ContentType.objects.get_for_model(induk)


class IndukQuerySet(models.QuerySet):
    """Rows hung on a generic `induk` (sessions, evaluations)."""

    def untuk(self, induk) -> IndukQuerySet:
        """The rows of one relationship (a coaching agreement, a mentoring request)."""
        return self.filter(induk_tipe=tipe_induk(induk), induk_id=induk.pk)


class Sesi(models.Model):
    class Jenis(models.TextChoices):
        COACHING = "coaching", "Coaching"
        MENTORING = "mentoring", "Mentoring"

    class Mode(models.TextChoices):
        TATAP_MUKA = "tatap_muka", "Tatap muka"
        DARING = "daring", "Daring"

    jenis = models.CharField("jenis", max_length=10, choices=Jenis.choices)
    induk_tipe = models.ForeignKey(ContentType, on_delete=models.PROTECT)
    induk_id = models.PositiveBigIntegerField()
    induk = GenericForeignKey("induk_tipe", "induk_id")
    pembimbing = models.ForeignKey(Pegawai, on_delete=models.PROTECT, related_name="sesi_dipimpin")
    # Who logged the session: the pembimbing or one of its participants (two-party confirmation:
    # the other party confirms or initials it, see PesertaSesi).
    dicatat_oleh = models.ForeignKey(
        Pegawai, on_delete=models.PROTECT, related_name="sesi_dicatat", verbose_name="dicatat oleh"
    )
    tanggal = models.DateField("tanggal")
    mulai = models.TimeField("jam mulai")
    selesai = models.TimeField("jam selesai")
    mode = models.CharField("mode", max_length=10, choices=Mode.choices, default=Mode.TATAP_MUKA)
    lingkup = models.CharField("lingkup", max_length=13, choices=Lingkup.choices, default=Lingkup.NASIONAL)
    materi = models.CharField("materi bimbingan", max_length=300)
    catatan_pra = models.TextField("catatan pra-sesi", blank=True)
    catatan_pelaksanaan = models.TextField("catatan pelaksanaan", blank=True)
    catatan_pasca = models.TextField("catatan pasca-sesi", blank=True)
    tindak_lanjut = models.TextField("tindak lanjut yang disepakati", blank=True)
    dibuat = models.DateTimeField(auto_now_add=True)
    # The id the phone gave an entry logged without signal (issue 22): a replay of the same entry
    # by the same author answers the session already recorded instead of making a second one.
    id_klien = models.UUIDField("id klien", null=True, blank=True, editable=False)
    history = HistoricalRecords()

    objects = IndukQuerySet.as_manager()

    class Meta:
        verbose_name = verbose_name_plural = "sesi bimbingan"
        ordering = ["-tanggal", "-mulai"]
        indexes = [models.Index(fields=["induk_tipe", "induk_id"]), models.Index(fields=["pembimbing", "tanggal"])]
        constraints = [
            models.UniqueConstraint(fields=["dicatat_oleh", "id_klien"], name="sesi_id_klien_unik_per_pencatat")
        ]

    def __str__(self) -> str:
        return f"{self.get_jenis_display()} {self.tanggal:%d-%m-%Y}: {self.materi}"

    @property
    def status(self) -> str:
        """Derived from the participants' ledger rows: all initialled → disetujui, etc."""
        statuses = {p.kegiatan.status for p in self.peserta.all()}
        if statuses == {StatusKegiatan.DISETUJUI}:
            return StatusKegiatan.DISETUJUI
        if statuses == {StatusKegiatan.DITOLAK}:
            return StatusKegiatan.DITOLAK
        return StatusKegiatan.DIAJUKAN

    def get_status_display(self) -> str:
        return StatusKegiatan(self.status).label


def relasi_sesi(related_query_name: str) -> GenericRelation:
    """The field a relationship model (the `induk`) declares for its sessions: `induk.sesi.all()`,
    and `Sesi.objects.filter(<related_query_name>=…)` in queries."""
    return GenericRelation(
        Sesi, content_type_field="induk_tipe", object_id_field="induk_id", related_query_name=related_query_name
    )


class Paraf(models.TextChoices):
    """The pembimbing's side of one participant's session."""

    MENUNGGU = "menunggu", "Menunggu paraf pembimbing"
    DIPARAF = "diparaf", "Diparaf pembimbing"
    DITOLAK = "ditolak", "Ditolak pembimbing"


class Konfirmasi(models.TextChoices):
    """The participant's side of their session."""

    MENUNGGU = "menunggu", "Menunggu konfirmasi peserta"
    DIKONFIRMASI = "dikonfirmasi", "Dikonfirmasi peserta"
    DISANGGAH = "disanggah", "Disanggah peserta"


class PesertaSesi(models.Model):
    """One participant of a session, with both sides of the two-party confirmation (RULES §3):
    `paraf` (the pembimbing) and `konfirmasi` (the participant). The participant's ledger row
    (`kegiatan`) is approved, i.e. counted, exactly when paraf = diparaf AND konfirmasi =
    dikonfirmasi (`bangkom.sesi.services._setujui_bila_lengkap`); a rejection by the pembimbing
    rejects it in the ledger; a dispute leaves it uncounted and sends the session back to its author."""

    sesi = models.ForeignKey(Sesi, on_delete=models.CASCADE, related_name="peserta")
    pegawai = models.ForeignKey(Pegawai, on_delete=models.PROTECT, related_name="sesi_diikuti")
    kegiatan = models.OneToOneField(Kegiatan, on_delete=models.PROTECT, related_name="peserta_sesi")
    paraf = models.CharField("paraf pembimbing", max_length=10, choices=Paraf.choices, default=Paraf.MENUNGGU)
    diparaf_pada = models.DateTimeField("diparaf pada", null=True, blank=True)
    konfirmasi = models.CharField(
        "konfirmasi peserta", max_length=12, choices=Konfirmasi.choices, default=Konfirmasi.MENUNGGU
    )
    dikonfirmasi_pada = models.DateTimeField("dikonfirmasi pada", null=True, blank=True)
    alasan_sanggah = models.TextField("alasan sanggahan", blank=True)
    diingatkan_pada = models.DateField("pengingat dikirim", null=True, blank=True, editable=False)
    history = HistoricalRecords(excluded_fields=["diingatkan_pada"])

    class Meta:
        verbose_name = verbose_name_plural = "peserta sesi"
        constraints = [
            models.UniqueConstraint(fields=["sesi", "pegawai"], name="peserta_unik_per_sesi"),
            models.CheckConstraint(
                condition=models.Q(konfirmasi="disanggah") | models.Q(alasan_sanggah=""),
                name="peserta_alasan_hanya_saat_disanggah",
            ),
        ]
        indexes = [models.Index(fields=["konfirmasi", "pegawai"])]

    def __str__(self) -> str:
        return f"{self.pegawai.nama} · {self.sesi}"

    @property
    def dikembalikan(self) -> bool:
        """Back with the session's author: disputed by the participant or rejected by the pembimbing."""
        return self.konfirmasi == Konfirmasi.DISANGGAH or self.paraf == Paraf.DITOLAK

    @property
    def lengkap(self) -> bool:
        """Both parties stood behind it: the moment the ledger counts it."""
        return self.paraf == Paraf.DIPARAF and self.konfirmasi == Konfirmasi.DIKONFIRMASI


class IndikatorEvaluasi(models.Model):
    """Configurable indicators (RULES §5); seeded with the BPSDM Malut study's lists."""

    class Skala(models.TextChoices):
        MANFAAT = "manfaat", "Penilaian peserta (manfaat bimbingan)"
        KONTRIBUSI = "kontribusi", "Penilaian atasan (kontribusi terhadap kinerja)"

    skala = models.CharField("skala", max_length=10, choices=Skala.choices)
    nama = models.CharField("indikator", max_length=200)
    urutan = models.PositiveSmallIntegerField("urutan", default=0)
    aktif = models.BooleanField("aktif", default=True)

    class Meta:
        verbose_name = verbose_name_plural = "indikator evaluasi"
        ordering = ["skala", "urutan", "pk"]

    def __str__(self) -> str:
        return self.nama


class Evaluasi(models.Model):
    """One rater's Likert scores for one relationship (coaching agreement or mentoring request)."""

    skala = models.CharField("skala", max_length=10, choices=IndikatorEvaluasi.Skala.choices)
    induk_tipe = models.ForeignKey(ContentType, on_delete=models.PROTECT)
    induk_id = models.PositiveBigIntegerField()
    induk = GenericForeignKey("induk_tipe", "induk_id")
    jenis = models.CharField("jenis bimbingan", max_length=10, choices=Sesi.Jenis.choices)
    pembimbing = models.ForeignKey(Pegawai, on_delete=models.PROTECT, related_name="evaluasi_diterima")
    peserta = models.ForeignKey(Pegawai, on_delete=models.PROTECT, related_name="evaluasi_peserta")
    penilai = models.ForeignKey(Pegawai, on_delete=models.PROTECT, related_name="evaluasi_diberikan")
    tanggal = models.DateField("tanggal")
    catatan = models.TextField("catatan", blank=True)
    # Measured results (BPSDM Malut studies: baselines and evaluation linked to the agency's IKU);
    # optional, offered on the mentoring evaluation.
    kondisi_sebelum = models.TextField("kondisi sebelum", blank=True)
    kondisi_sesudah = models.TextField("kondisi sesudah", blank=True)
    iku_opd = models.CharField("IKU perangkat daerah yang didukung", max_length=300, blank=True)
    dibuat = models.DateTimeField(auto_now_add=True)

    objects = IndukQuerySet.as_manager()

    class Meta:
        verbose_name = verbose_name_plural = "evaluasi bimbingan"
        constraints = [
            models.UniqueConstraint(
                fields=["skala", "induk_tipe", "induk_id", "penilai"], name="evaluasi_sekali_per_penilai"
            )
        ]

    def __str__(self) -> str:
        return f"Evaluasi {self.get_jenis_display()} {self.peserta.nama} oleh {self.penilai.nama}"


class SkorEvaluasi(models.Model):
    evaluasi = models.ForeignKey(Evaluasi, on_delete=models.CASCADE, related_name="skor")
    indikator = models.ForeignKey(IndikatorEvaluasi, on_delete=models.PROTECT)
    skor = models.PositiveSmallIntegerField("skor")

    class Meta:
        verbose_name = verbose_name_plural = "skor evaluasi"
        constraints = [
            models.CheckConstraint(condition=models.Q(skor__gte=1, skor__lte=5), name="skor_likert_1_5"),
            models.UniqueConstraint(fields=["evaluasi", "indikator"], name="skor_unik_per_indikator"),
        ]

    def __str__(self) -> str:
        return f"{self.indikator}: {self.skor}"


def relasi_evaluasi() -> GenericRelation:
    """The field a relationship model (the `induk`) declares for its evaluations: `induk.evaluasi`."""
    return GenericRelation(Evaluasi, content_type_field="induk_tipe", object_id_field="induk_id")

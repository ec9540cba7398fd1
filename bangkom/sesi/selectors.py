"""Reads of sessions and evaluations: the sessions and JP of one relationship (coaching agreement,
mentoring request), and the evaluation recaps (RULES §5) grouped per pembimbing, OPD or year."""
from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import BooleanField, Case, Q, QuerySet, Value, When

from bangkom.pegawai.models import Pegawai
from bangkom.pegawai.riwayat import Judul
from bangkom.sesi.likert import Rekap, rekap
from jp_conversion.models import StatusKegiatan

from .models import IndikatorEvaluasi, Konfirmasi, Paraf, PesertaSesi, Sesi, SkorEvaluasi


def _menunggu_konfirmasi(pegawai: Pegawai) -> Q:
    return Q(pegawai=pegawai, konfirmasi=Konfirmasi.MENUNGGU) & ~Q(paraf=Paraf.DITOLAK)


def _kembali_ke_pencatat(pegawai: Pegawai) -> Q:
    return Q(sesi__dicatat_oleh=pegawai) & (
        Q(konfirmasi=Konfirmasi.DISANGGAH) | (Q(paraf=Paraf.DITOLAK) & ~Q(sesi__pembimbing=pegawai))
    )


def sesi_menunggu_konfirmasi(pegawai: Pegawai) -> QuerySet[PesertaSesi]:
    """The employee's own session rows waiting for their confirmation (the home page's one-tap list)."""
    return (
        PesertaSesi.objects.filter(_menunggu_konfirmasi(pegawai))
        .select_related("sesi", "sesi__pembimbing").order_by("sesi__tanggal", "sesi__mulai", "pk")
    )


# Ledger rows of a session that wait, but not for the pembimbing: initialled and waiting only for
# the participant's confirmation, or disputed (back with its author to correct or withdraw). The
# paraf queues leave them out (registered with `jp_conversion.sumber` in `apps.py`).
BUKAN_GILIRAN_PEMBIMBING = Q(peserta_sesi__paraf=Paraf.DIPARAF) | Q(peserta_sesi__konfirmasi=Konfirmasi.DISANGGAH)


def sesi_kembali_ke_pencatat(pegawai: Pegawai) -> QuerySet[PesertaSesi]:
    """Rows of sessions the employee logged that came back to them to correct or withdraw: disputed
    by a participant, or rejected by the pembimbing (when a participant logged it)."""
    return (
        PesertaSesi.objects.filter(_kembali_ke_pencatat(pegawai))
        .select_related("sesi", "sesi__pembimbing", "pegawai", "kegiatan").order_by("sesi__tanggal", "pk")
    )


MENUNGGU_SAYA = "menunggu_saya"  # the annotation that sorts a home-page row into its list
BARIS_BERANDA = 100  # rows read for both lists; far more than a person has waiting in practice


def sesi_beranda(pegawai: Pegawai, *, batas: int = 20) -> tuple[list[PesertaSesi], list[PesertaSesi]]:
    """Both session lists of the home page (shown on every dashboard) in one query: the rows waiting
    for the employee's confirmation and the rows of sessions they logged that came back to them (the
    two rules above, which never hold for the same row), at most `batas` each."""
    menunggu = _menunggu_konfirmasi(pegawai)
    baris = list(
        PesertaSesi.objects.filter(menunggu | _kembali_ke_pencatat(pegawai))
        .annotate(**{MENUNGGU_SAYA: Case(When(menunggu, then=Value(True)), default=Value(False),
                                         output_field=BooleanField())})
        .select_related("sesi", "sesi__pembimbing", "pegawai", "kegiatan")
        .order_by("sesi__tanggal", "sesi__mulai", "pk")[:BARIS_BERANDA]
    )
    return ([b for b in baris if getattr(b, MENUNGGU_SAYA)][:batas],
            [b for b in baris if not getattr(b, MENUNGGU_SAYA)][:batas])


def sesi_disanggah_opd(opd, *, q: str = "") -> QuerySet[PesertaSesi]:
    """Disputed sessions of the OPD's employees, for the kepala OPD, newest first; `q` searches the
    participant, the pembimbing, the author, the material and the reason."""
    qs = PesertaSesi.objects.filter(pegawai__opd=opd, konfirmasi=Konfirmasi.DISANGGAH)
    if q:
        qs = qs.filter(
            Q(pegawai__nama__icontains=q) | Q(sesi__pembimbing__nama__icontains=q)
            | Q(sesi__dicatat_oleh__nama__icontains=q) | Q(sesi__materi__icontains=q) | Q(alasan_sanggah__icontains=q)
        )
    return (
        qs.select_related("sesi", "sesi__pembimbing", "sesi__dicatat_oleh", "pegawai")
        .order_by("-sesi__tanggal", "-pk")
    )


def sesi_menunggu_paraf(sesi: Sesi) -> bool:
    """The session waits for its pembimbing's paraf: a participant row neither initialled nor
    rejected nor disputed (participants loaded, no query with `sesi_dengan_peserta`)."""
    return any(ps.paraf == Paraf.MENUNGGU and ps.konfirmasi != Konfirmasi.DISANGGAH for ps in sesi.peserta.all())


def peserta_per_kegiatan(kegiatan_ids: Iterable[int]) -> dict[int, PesertaSesi]:
    """The session row behind each of these ledger rows (who logged it, who confirmed it), keyed by
    the ledger row's id, in one query; rows that are no session are absent."""
    return {
        ps.kegiatan_id: ps
        for ps in PesertaSesi.objects.filter(kegiatan_id__in=list(kegiatan_ids))
        .select_related("pegawai", "sesi__dicatat_oleh", "sesi__pembimbing")
    }


def sesi_dengan_peserta(sesi: QuerySet[Sesi]) -> QuerySet[Sesi]:
    """Sessions for a relationship page: newest first, participants and their credits loaded."""
    return sesi.prefetch_related("peserta__pegawai", "peserta__kegiatan").order_by("-tanggal", "-mulai")


@dataclass(frozen=True)
class JpHubungan:
    """What a relationship's sessions earned one participant (the coachee, the mentee)."""

    daftar_sesi: list[Sesi]
    jp: Decimal  # JP counted by the ledger, over all the sessions
    per_sesi: dict[int, Decimal] = field(default_factory=dict)  # session id → JP counted

    @property
    def menunggu(self) -> list[Sesi]:
        """Sessions still waiting for the pembimbing's paraf (an initialled one waiting only for the
        participant's confirmation is not, nor a disputed one, back with its author)."""
        return [s for s in self.daftar_sesi if s.status == StatusKegiatan.DIAJUKAN and sesi_menunggu_paraf(s)]


def jp_hubungan(sesi: Iterable[Sesi], *, pegawai: Pegawai) -> JpHubungan:
    """The JP a relationship earned `pegawai`, from its sessions (loaded by `sesi_dengan_peserta`;
    no further query): each session's counted credit and the total. Group sessions count only
    the participant's own ledger row."""
    daftar = list(sesi)
    per_sesi = {
        s.pk: ps.kegiatan.jp
        for s in daftar for ps in s.peserta.all()
        if ps.pegawai_id == pegawai.pk and ps.kegiatan.dihitung
    }
    return JpHubungan(daftar_sesi=daftar, jp=sum(per_sesi.values(), Decimal("0")), per_sesi=per_sesi)

PENGELOMPOKAN = {"pembimbing": "Pembimbing", "opd": "Perangkat daerah", "tahun": "Tahun"}


@dataclass
class BarisRekap:
    kunci: int | None  # the pembimbing or OPD id, or the year; None for the overall row (sesi.views)
    nama: str
    manfaat: Rekap
    kontribusi: Rekap
    jumlah_manfaat: int  # evaluations (raters), not scores
    jumlah_kontribusi: int


def indikator_aktif() -> dict[str, list[str]]:
    daftar: dict[str, list[str]] = {s: [] for s in IndikatorEvaluasi.Skala.values}
    for i in IndikatorEvaluasi.objects.filter(aktif=True):
        daftar[i.skala].append(i.nama)
    return daftar


def rekap_per_kelompok(evaluasi_qs: QuerySet, *, per: str, q: str = "") -> list[BarisRekap]:
    """One row per group with the Likert recap of both scales, from a single query over the scores
    (the pure `bangkom.sesi.likert.rekap` does the arithmetic)."""
    urutan = indikator_aktif()
    skor = SkorEvaluasi.objects.filter(evaluasi__in=evaluasi_qs).select_related(
        "indikator", "evaluasi__pembimbing", "evaluasi__peserta__opd"
    )
    nilai: dict[int, dict[str, dict[str, list[int]]]] = {}
    nama: dict[int, str] = {}
    penilai: dict[int, dict[str, set[int]]] = defaultdict(lambda: defaultdict(set))
    for s in skor:
        e = s.evaluasi
        if per == "opd":
            kunci, label = e.peserta.opd_id, e.peserta.opd.nama
        elif per == "tahun":
            kunci, label = e.tanggal.year, str(e.tanggal.year)
        else:
            kunci, label = e.pembimbing_id, e.pembimbing.nama_lengkap
        if kunci not in nilai:
            nilai[kunci] = {sk: {n: [] for n in urutan[sk]} for sk in urutan}
            nama[kunci] = label
        nilai[kunci][e.skala].setdefault(s.indikator.nama, []).append(s.skor)
        penilai[kunci][e.skala].add(e.pk)
    baris = [
        BarisRekap(
            kunci=k, nama=nama[k],
            manfaat=rekap(nilai[k]["manfaat"], skala="baik"),
            kontribusi=rekap(nilai[k]["kontribusi"], skala="kontribusi"),
            jumlah_manfaat=len(penilai[k]["manfaat"]), jumlah_kontribusi=len(penilai[k]["kontribusi"]),
        )
        # per year: newest first (the keys are the years); otherwise sorted by name below
        for k in (sorted(nilai, reverse=True) if per == "tahun" else nilai)
    ]
    if q:
        baris = [b for b in baris if q.lower() in b.nama.lower()]
    if per == "tahun":
        return baris
    return sorted(baris, key=lambda b: b.nama)


def riwayat_konfirmasi(pegawai) -> tuple[QuerySet, Judul]:
    """Confirmations and disputes of the sessions the employee attended or led (audit trail)."""
    return (
        PesertaSesi.history.filter(
            Q(pegawai_id=pegawai.pk) | Q(sesi_id__in=Sesi.objects.filter(pembimbing_id=pegawai.pk).values("pk"))
        ),
        lambda r: f"Konfirmasi sesi: {r.get_konfirmasi_display()}, {r.get_paraf_display().lower()}",
    )


def riwayat_sesi(pegawai) -> tuple[QuerySet, Judul]:
    """Sessions the employee led or attended, as a source of their audit trail."""
    return (
        Sesi.history.filter(Q(pembimbing_id=pegawai.pk) | Q(id__in=pegawai.sesi_diikuti.values("sesi_id"))),
        lambda r: f"Sesi {r.get_jenis_display().lower()} {r.tanggal:%d-%m-%Y}: {r.materi}",
    )


BATAS_HASIL_KINERJA = 100


def evaluasi_hasil_kinerja(evaluasi_qs: QuerySet, *, batas: int = BATAS_HASIL_KINERJA) -> QuerySet:
    """The evaluations (already scoped and filtered) that recorded a result: condition before or
    after, or the OPD's IKU supported; newest first, at most `batas`."""
    return (
        evaluasi_qs.exclude(kondisi_sebelum="", kondisi_sesudah="", iku_opd="")
        .select_related("peserta", "pembimbing", "penilai")
        .order_by("-tanggal", "-pk")[:batas]
    )

"""Reads of the 20-JP compliance (built for the dashboards and reports).

Every function takes a queryset of employees that the caller has ALREADY scoped with
`bangkom.pegawai.akses` (a team, an OPD, the province) and a year. The yearly numbers come from
`RekapTahunan` (kept by the ledger), joined with a LEFT JOIN for that year so that employees with no
activity show 0 JP, and the target of each employee's ASN type is folded into the same query as a
CASE over the (at most two) TargetJP rows. A page of any size is therefore one query, plus one to
read the targets.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import (
    Avg,
    BooleanField,
    Case,
    Count,
    DecimalField,
    DurationField,
    ExpressionWrapper,
    F,
    FilteredRelation,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Sum,
    Value,
    When,
)
from django.db.models.fields.json import KeyTextTransform
from django.db.models.functions import Cast, Coalesce, Greatest
from django.utils import timezone

from bangkom.pegawai.models import Pegawai
from bangkom.pegawai.riwayat import Judul

from . import ragam, rules
from .models import Kegiatan, RekapTahunan, StatusKegiatan
from .sumber import antrean_paraf
from .target import BATAS_ATAS_PPPK, TARGET_BAWAAN, target_semua

TARGET_BAKU = TARGET_BAWAAN
PLAFON_PPPK = BATAS_ATAS_PPPK  # PP 49/2018 art. 40(1): at most 24 JP a contract year (a ceiling)
TERCAPAI = "Tercapai"
BELUM_TERCAPAI = "Belum tercapai"

JENIS_KOLOM = (
    # (annotation, RekapTahunan field, label)
    ("jp_coaching_thn", "jp_coaching", "Coaching"),
    ("jp_mentoring_thn", "jp_mentoring", "Mentoring"),
    ("jp_belajar_mandiri_thn", "jp_belajar_mandiri", "Belajar Mandiri"),
    ("jp_lainnya_thn", "jp_lainnya", "Lainnya"),
)

# Allowed sort keys (what a URL may ask for) → ORDER BY fields.
URUTAN = {
    "nama": ("nama", "pk"),
    "-nama": ("-nama", "-pk"),
    "nip": ("nip",),
    "-nip": ("-nip",),
    "opd": ("opd__nama", "nama", "pk"),
    "-opd": ("-opd__nama", "nama", "pk"),
    "total": ("total_jp", "nama", "pk"),
    "-total": ("-total_jp", "nama", "pk"),
    "sisa": ("sisa_jp", "nama", "pk"),
    "-sisa": ("-sisa_jp", "nama", "pk"),
}


def _desimal(digits: int = 7) -> DecimalField:
    return DecimalField(max_digits=digits, decimal_places=2)


def _nol() -> Value:
    return Value(Decimal("0.00"), output_field=_desimal())


def target_per_jenis(tahun: int) -> dict[str, Decimal]:
    """{jenis_asn: target} for the year (`jp_conversion.target`, one query)."""
    return target_semua(tahun=tahun)


def pemenuhan(pegawai_qs: QuerySet[Pegawai], *, tahun: int, target: dict[str, Decimal] | None = None) -> QuerySet:
    """Annotate employees with the year's JP by kind, total, target, remaining and reached flag.

    Annotations: jp_coaching_thn, jp_mentoring_thn, jp_belajar_mandiri_thn, jp_lainnya_thn, total_jp,
    target_jp, sisa_jp, tercapai (bool as 0/1 CASE). Pass `target` when already read (saves a query)."""
    if target is None:
        target = target_per_jenis(tahun)
    anotasi = {
        nama: Coalesce(F(f"rekap_thn__{kolom}"), _nol(), output_field=_desimal()) for nama, kolom, _ in JENIS_KOLOM
    } | {  # the mix (issue 20): `ragam_dari_baris` reads these
        f"{kolom}_thn": Coalesce(F(f"rekap_thn__{kolom}"), _nol(), output_field=_desimal()) for kolom in ragam.KOLOM
    }
    target_expr = Case(
        *[When(jenis_asn=jenis, then=Value(nilai, output_field=_desimal())) for jenis, nilai in target.items()],
        default=Value(TARGET_BAKU, output_field=_desimal()),
        output_field=_desimal(),
    )
    return (
        pegawai_qs.annotate(rekap_thn=FilteredRelation("rekap_tahunan", condition=Q(rekap_tahunan__tahun=tahun)))
        .annotate(
            **anotasi,
            total_jp=Coalesce(F("rekap_thn__total"), _nol(), output_field=_desimal()),
            target_jp=target_expr,
        )
        .annotate(
            sisa_jp=Greatest(
                ExpressionWrapper(F("target_jp") - F("total_jp"), output_field=_desimal()), _nol(),
                output_field=_desimal(),
            ),
            tercapai=Case(
                When(total_jp__gte=F("target_jp"), then=Value(True)), default=Value(False),
                output_field=BooleanField(),
            ),
        )
    )


def pemenuhan_daftar(
    pegawai_qs: QuerySet[Pegawai],
    *,
    tahun: int,
    opd=None,
    unit=None,
    status: str = "",
    jenis_asn: str = "",
    q: str = "",
    urut: str = "",
    target: dict[str, Decimal] | None = None,
) -> QuerySet:
    """The compliance list: `pemenuhan` + filters (OPD, unit, status tercapai/belum, ASN type,
    name/NIP search) + a whitelisted sort. Rows carry opd/unit/jabatan via select_related."""
    qs = pemenuhan(pegawai_qs.filter(aktif=True), tahun=tahun, target=target)
    if opd is not None:
        qs = qs.filter(opd=opd)
    if unit is not None:
        qs = qs.filter(unit=unit)
    if jenis_asn:
        qs = qs.filter(jenis_asn=jenis_asn)
    if status == "tercapai":
        qs = qs.filter(total_jp__gte=F("target_jp"))
    elif status == "belum":
        qs = qs.filter(total_jp__lt=F("target_jp"))
    q = (q or "").strip()
    if q:
        qs = qs.filter(Q(nama__icontains=q) | Q(nip__startswith=q.replace(" ", "")))
    return qs.select_related("opd", "unit", "jabatan").order_by(*URUTAN.get(urut, ("opd__nama", "nama", "pk")))


def _agregat() -> dict:
    return {
        "jumlah": Count("pk"),
        "tercapai_n": Count("pk", filter=Q(total_jp__gte=F("target_jp"))),
        "rata_jp": Avg("total_jp"),
        "jp_total": Sum("total_jp"),
        **{f"sum_{kolom}": Sum(nama) for nama, kolom, _ in JENIS_KOLOM},
        **{f"sum_{kolom}": Sum(f"{kolom}_thn") for kolom in ragam.KOLOM},
        "terjangkau_bimbingan": Count("pk", filter=Q(jp_coaching_thn__gt=0) | Q(jp_mentoring_thn__gt=0)),
    }


@dataclass
class Agregat:
    """Compliance of a group of employees (an OPD, a unit, an ASN type, a whole selection)."""

    kunci: object
    nama: str
    singkat: str
    jumlah: int
    tercapai: int
    rata_jp: Decimal
    jp_total: Decimal
    jp_per_jenis: dict[str, Decimal]
    terjangkau_bimbingan: int
    ragam_jp: ragam.Ragam  # JP per group and per 10:20:70 class, summed in the same query
    @property
    def persen_tercapai(self) -> Decimal:
        if not self.jumlah:
            return Decimal("0.0")
        return (Decimal(self.tercapai) * 100 / self.jumlah).quantize(Decimal("0.1"), ROUND_HALF_UP)

    @property
    def belum(self) -> int:
        return self.jumlah - self.tercapai

    @property
    def persen_terjangkau(self) -> Decimal:
        if not self.jumlah:
            return Decimal("0.0")
        return (Decimal(self.terjangkau_bimbingan) * 100 / self.jumlah).quantize(Decimal("0.1"), ROUND_HALF_UP)


def _dua(nilai) -> Decimal:
    return Decimal(str(nilai or 0)).quantize(Decimal("0.01"), ROUND_HALF_UP)


def _ke_agregat(baris: dict, kunci, nama: str, singkat: str = "") -> Agregat:
    return Agregat(
        kunci=kunci,
        nama=nama,
        singkat=singkat or nama,
        jumlah=baris["jumlah"],
        tercapai=baris["tercapai_n"],
        rata_jp=_dua(baris["rata_jp"]),
        jp_total=_dua(baris["jp_total"]),
        jp_per_jenis={label: _dua(baris[f"sum_{kolom}"]) for _, kolom, label in JENIS_KOLOM},
        terjangkau_bimbingan=baris["terjangkau_bimbingan"],
        ragam_jp=ragam.dari_jumlah({kolom: baris[f"sum_{kolom}"] for kolom in ragam.KOLOM}),
    )


def ragam_dari_baris(baris) -> ragam.Ragam:
    """The mix of one employee row of `pemenuhan`, or summed over rows already fetched (a team page:
    no query)."""
    if hasattr(baris, "pk"):
        return ragam.dari_objek(baris, awalan="", akhiran="_thn")
    jumlah: dict[str, Decimal] = dict.fromkeys(ragam.KOLOM, Decimal(0))
    for b in baris:
        for kolom in ragam.KOLOM:
            jumlah[kolom] += getattr(b, f"{kolom}_thn")
    return ragam.dari_jumlah(jumlah)


_KELOMPOK = {
    # key, name, short name
    "opd": ("opd_id", "opd__nama", "opd__singkatan"),
    "unit": ("unit_id", "unit__nama", "unit__nama"),
    "jenis_asn": ("jenis_asn", "jenis_asn", "jenis_asn"),
}


def pemenuhan_per(qs_beranotasi: QuerySet, *, per: str) -> list[Agregat]:
    """Aggregates per OPD / unit / ASN type (employees, reached, % reached, mean JP, JP by kind,
    coaching/mentoring coverage) in one GROUP BY query over an annotated `pemenuhan` queryset."""
    kunci, nama, singkat = _KELOMPOK[per]
    baris = (
        qs_beranotasi.order_by()
        .values(*dict.fromkeys((kunci, nama, singkat)))
        .annotate(**_agregat())
        .order_by(nama)
    )
    return [_ke_agregat(b, b[kunci], b[nama], b[singkat]) for b in baris]


def pemenuhan_ringkas(qs_beranotasi: QuerySet, *, nama: str = "Seluruh pilihan") -> Agregat:
    """The same aggregate for the whole selection (one query)."""
    return _ke_agregat(qs_beranotasi.order_by().aggregate(**_agregat()), None, nama)


def agregat_aditif() -> dict:
    """The aggregates of `_agregat` that add up across groups (all but the mean): what a GROUP BY
    per (OPD, ASN type) keeps and `rekap_lipat` folds."""
    agregat = _agregat()
    del agregat["rata_jp"]
    return agregat


def pemenuhan_rekap(
    qs_beranotasi: QuerySet, *, nama: str = "Seluruh pilihan"
) -> tuple[list[Agregat], Agregat, list[Agregat]]:
    """(per OPD, the whole selection, per ASN type) — what `pemenuhan_per(per="opd")`,
    `pemenuhan_ringkas` and `pemenuhan_per(per="jenis_asn")` give, from ONE GROUP BY (OPD, ASN type)
    query folded by `rekap_lipat` (each of the three would otherwise scan the whole selection again)."""
    kunci, kolom_nama, singkat = _KELOMPOK["opd"]
    baris = (
        qs_beranotasi.order_by()
        .values(*dict.fromkeys((kunci, kolom_nama, singkat, "jenis_asn")))
        .annotate(**agregat_aditif())
    )
    return rekap_lipat(list(baris), nama=nama)


# The names only: building the aggregate expressions themselves for every group folded was a fifth
# of the compliance page's Python time.
KUNCI_ADITIF = tuple(agregat_aditif())


def jumlah_aditif(kelompok: list[dict]) -> dict:
    """The sums of rows of `agregat_aditif` (what one row for the whole group would hold)."""
    return {k: sum((b[k] or 0 for b in kelompok), 0) for k in KUNCI_ADITIF}


def agregat_lipat(kelompok: list[dict], kunci, nama: str, singkat: str = "") -> Agregat:
    """One Agregat from rows of `agregat_aditif` (groups folded, e.g. a unit's rows per ASN type)."""
    return _ke_agregat(_lipat(kelompok), kunci, nama, singkat)


def _lipat(kelompok: list[dict]) -> dict:
    """Sum rows of `agregat_aditif`; the mean is total JP / employees."""
    hasil = jumlah_aditif(kelompok)
    hasil["rata_jp"] = Decimal(str(hasil["jp_total"])) / hasil["jumlah"] if hasil["jumlah"] else None
    return hasil


def rekap_lipat(baris: list[dict], *, nama: str) -> tuple[list[Agregat], Agregat, list[Agregat]]:
    """Fold rows of `agregat_aditif` per (opd_id, opd__nama, opd__singkatan, jenis_asn) — from the
    live GROUP BY or from the province summary (`rekap_opd`) — into (per OPD, all, per ASN type).
    Every aggregate is additive except the mean, which is total JP / employees."""
    kunci, kolom_nama, singkat = _KELOMPOK["opd"]
    lipat = _lipat
    per_opd: dict = {}
    per_asn: dict = {}
    for b in sorted(baris, key=lambda b: (b[kolom_nama], b[kunci], b["jenis_asn"])):
        per_opd.setdefault(b[kunci], []).append(b)
        per_asn.setdefault(b["jenis_asn"], []).append(b)
    return (
        [_ke_agregat(lipat(k), k[0][kunci], k[0][kolom_nama], k[0][singkat]) for k in per_opd.values()],
        _ke_agregat(lipat(baris), None, nama),
        [_ke_agregat(lipat(per_asn[j]), j, j) for j in sorted(per_asn)],
    )


BULAN_KUNCI = tuple(f"bulan_{i}" for i in range(12))


def jumlah_per_bulan(jalur: str = "jp_per_bulan") -> dict:
    """The aggregates summing `RekapTahunan.jp_per_bulan` (reached by `jalur`) per month."""
    return {k: Sum(Cast(KeyTextTransform(str(i), jalur), _desimal(9))) for i, k in enumerate(BULAN_KUNCI)}


def jp_per_bulan(pegawai_qs: QuerySet[Pegawai], *, tahun: int) -> list[Decimal]:
    """Sum of counted JP per calendar month (12 Decimals) over the employees, in one query."""
    hasil = RekapTahunan.objects.filter(tahun=tahun, pegawai__in=pegawai_qs.values("pk")).aggregate(
        **jumlah_per_bulan()
    )
    return per_bulan_dari(hasil)


def per_bulan_dari(jumlah: dict) -> list[Decimal]:
    """The 12 monthly sums of a row holding the `jumlah_per_bulan` aggregates."""
    return [_dua(jumlah[k]) for k in BULAN_KUNCI]


def bulan_berjalan(tahun: int, hari_ini: date | None = None) -> int:
    """How many months of the year have started (12 for past years, 0 for future ones)."""
    hari_ini = hari_ini or timezone.localdate()
    if tahun < hari_ini.year:
        return 12
    if tahun > hari_ini.year:
        return 0
    return hari_ini.month


def laju_dibutuhkan(target: Decimal, tahun: int, hari_ini: date | None = None) -> Decimal:
    """JP an employee should have by now to reach the target by December at an even pace."""
    return _dua(Decimal(target) * bulan_berjalan(tahun, hari_ini) / 12)


def berisiko(baris, *, hari_ini: date | None = None, tahun: int) -> bool:
    """Below the pace needed (target × months elapsed / 12) and not yet reached."""
    return baris.total_jp < baris.target_jp and baris.total_jp < laju_dibutuhkan(baris.target_jp, tahun, hari_ini)


def menunggu_paraf(*, pembimbing: Pegawai) -> QuerySet[Kegiatan]:
    """Activities waiting for this person's paraf (as coach, mentor or supervisor): only what they
    have to do, not a session they initialled that waits for its participant (`sumber.antrean_paraf`)."""
    return (
        Kegiatan.objects.filter(antrean_paraf(pembimbing))
        .select_related("pegawai")
        .order_by("tanggal", "pk")
    )


def dengan_jumlah_menunggu(qs: QuerySet, *, pembimbing: Pegawai) -> QuerySet:
    """Add `menunggu_n`: the employee's activities waiting for `pembimbing`'s paraf (subquery)."""
    jumlah = (
        Kegiatan.objects.filter(antrean_paraf(pembimbing), pegawai=OuterRef("pk"))
        .order_by()
        .values("pegawai")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return qs.annotate(menunggu_n=Coalesce(Subquery(jumlah), Value(0)))


@dataclass(frozen=True)
class DurasiSesi:
    jenis: str
    label: str
    median_menit: Decimal  # one decimal
    jumlah: int  # sessions with a start and an end


def durasi_hitungan(pegawai_qs: QuerySet[Pegawai], *, tahun: int, per: tuple[str, ...] = ()) -> QuerySet:
    """The year's approved activities that kept their start and end time, counted per (form, length)
    and per the `per` fields (e.g. the employee's OPD and ASN type, for the province summary): rows
    of jenis, durasi (timedelta), n. One query; the rows are never fetched one by one."""
    durasi = ExpressionWrapper(F("selesai") - F("mulai"), output_field=DurationField())
    return (
        Kegiatan.objects.filter(pegawai__in=pegawai_qs.values("pk"), tahun=tahun, status=StatusKegiatan.DISETUJUI,
                                mulai__isnull=False, selesai__isnull=False)
        .order_by().annotate(durasi=durasi).values(*per, "jenis", "durasi").annotate(n=Count("pk"))
    )


def menit(durasi) -> Decimal:
    return Decimal(durasi.total_seconds()) / 60


def median_durasi_sesi(pegawai_qs: QuerySet[Pegawai], *, tahun: int) -> list[DurasiSesi]:
    """The median length of the year's approved sessions per form, most sessions first (one query)."""
    per_jenis: dict[str, list[tuple[Decimal, int]]] = {}
    for b in durasi_hitungan(pegawai_qs, tahun=tahun):
        per_jenis.setdefault(b["jenis"], []).append((menit(b["durasi"]), b["n"]))
    return median_dari_hitungan(per_jenis)


def median_dari_hitungan(per_jenis: dict[str, list[tuple[Decimal, int]]]) -> list[DurasiSesi]:
    """DurasiSesi per form from (length in minutes, count) pairs: read from the database or summed
    from the province summary."""
    hasil = []
    for jenis, hitungan in per_jenis.items():
        hitungan.sort()
        jumlah = sum(n for _, n in hitungan)
        hasil.append(DurasiSesi(jenis, _label_jenis(jenis), _median(hitungan, jumlah), jumlah))
    return sorted(hasil, key=lambda d: (-d.jumlah, d.label))


def _median(hitungan: list[tuple[Decimal, int]], jumlah: int) -> Decimal:
    """The median of sorted (value, count) pairs holding ``jumlah`` values."""
    def ke(i: int) -> Decimal:
        for nilai, n in hitungan:
            if i < n:
                return nilai
            i -= n
        raise IndexError(i)

    tengah = (ke((jumlah - 1) // 2) + ke(jumlah // 2)) / 2
    return tengah.quantize(Decimal("0.1"), ROUND_HALF_UP)


def _label_jenis(kind: str) -> str:
    try:
        return rules.label(kind)
    except Exception:
        return kind


def riwayat_kegiatan(pegawai) -> tuple[QuerySet, Judul]:
    """The employee's ledger activities, as a source of their audit trail (`bangkom.pegawai.riwayat`)."""
    return (
        Kegiatan.history.filter(pegawai_id=pegawai.pk),
        lambda r: f"Kegiatan {_label_jenis(r.jenis)} {r.tanggal:%d-%m-%Y}: {r.materi}",
    )

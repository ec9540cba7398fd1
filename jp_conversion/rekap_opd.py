"""The province summary of the 20-JP compliance (`RekapOpd`): per year, OPD and ASN type the additive
compliance aggregate (`selectors.agregat_aditif`) and the session-length histogram, so the BPSDM
dashboard reads a few rows per OPD instead of every employee (RekapTahunan) and every activity.

Never stale after a write: the ledger (`services.jp_hitung_ulang`, the batched rebuild) recomputes
the summary of the employee's OPD in the same transaction, from the same GROUP BY the live page uses
(the numbers still come from the engine, through RekapTahunan); a target change recomputes the year;
a change to an employee's OPD, ASN type or active flag recomputes both OPDs involved (signals
connected in `apps.py`). An OPD without a summary row for the year (no ledger write yet, or a bulk
load outside the services) is computed live by the reader, so the result is always the live one;
`manage.py ringkasan_provinsi` rebuilds every row."""
from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal
from operator import itemgetter

from django.db import transaction
from django.db.models import QuerySet

from bangkom.pegawai.models import Pegawai, PerangkatDaerah, UnitKerja
from bangkom.pegawai.sinyal import atribut_berubah

from . import selectors as sel
from .models import RekapOpd
from .penjaga import kunci_opd
from .target import target_semua

QUERY_PER_HITUNG = 6  # OPD lock, target, aggregate, session lengths, delete, insert: what a ledger write adds
KELOMPOK = ("opd_id", "opd__nama", "opd__singkatan", "jenis_asn")
_DESIMAL = {k for k in sel.KUNCI_ADITIF if k.startswith(("sum_", "jp_"))}


def _hitung(pegawai_qs: QuerySet[Pegawai], *, tahun: int) -> tuple[list[dict], dict[tuple, dict]]:
    """(aggregate rows per OPD and ASN type, {(opd_id, jenis_asn): {form: [(minutes, n)]}}), live.
    Each row also holds its units' aggregates (`per_unit`: [(unit_id, row)]) and its JP per month
    (`per_bulan`): the OPD dashboard's table and trend. One GROUP BY per unit gives all three."""
    aktif = pegawai_qs.filter(aktif=True)
    per_unit = (
        sel.pemenuhan(aktif, tahun=tahun, target=target_semua(tahun=tahun)).order_by()
        .values(*KELOMPOK, "unit_id")
        .annotate(**sel.agregat_aditif(), **sel.jumlah_per_bulan("rekap_thn__jp_per_bulan"))
    )
    kelompok: dict[tuple, list[dict]] = defaultdict(list)
    for u in per_unit:
        kelompok[tuple(u[k] for k in KELOMPOK)].append(u)
    baris = [
        dict(zip(KELOMPOK, kunci, strict=True)) | sel.jumlah_aditif(unit) | {
            # by unit id: the rows are stored, and compared, in the same order whatever the GROUP BY gave
            "per_unit": [
                (u["unit_id"], {k: u[k] for k in sel.KUNCI_ADITIF}) for u in sorted(unit, key=itemgetter("unit_id"))
            ],
            "per_bulan": sel.per_bulan_dari(
                {k: sum((u[k] or 0 for u in unit), Decimal(0)) for k in sel.BULAN_KUNCI}
            ),
        }
        for kunci, unit in kelompok.items()
    ]
    histogram: dict[tuple, dict] = defaultdict(lambda: defaultdict(list))
    for d in sel.durasi_hitungan(aktif, tahun=tahun, per=("pegawai__opd_id", "pegawai__jenis_asn")):
        histogram[(d["pegawai__opd_id"], d["pegawai__jenis_asn"])][d["jenis"]].append((sel.menit(d["durasi"]), d["n"]))
    return baris, histogram


def _ke_json(agregat: dict) -> dict:
    return {k: str(agregat[k]) if k in _DESIMAL else agregat[k] for k in sel.KUNCI_ADITIF}


def _dari_json(nilai: dict) -> dict:
    return {k: Decimal(nilai[k]) if k in _DESIMAL else nilai[k] for k in sel.KUNCI_ADITIF}


# The OPD lock needs a transaction: a caller outside one (an employee saved by a command or a
# non-atomic view, whose signal recomputes its OPD) gets its own; inside one, no savepoint is added.
@transaction.atomic(savepoint=False)
def rekap_opd_hitung(*, tahun: int, opd_ids: Iterable[int] | None = None) -> int:
    """Recompute the summary rows of these OPDs (every OPD when None) for the year; the caller's
    transaction makes it atomic with the write that changed them. Returns the rows written."""
    pegawai = Pegawai.objects.all()
    lama = RekapOpd.objects.filter(tahun=tahun)
    if opd_ids is not None:
        opd_ids = set(opd_ids)
        pegawai, lama = pegawai.filter(opd_id__in=opd_ids), lama.filter(opd_id__in=opd_ids)
    opd_ids = kunci_opd(opd_ids)
    baris, histogram = _hitung(pegawai, tahun=tahun)
    baru = [RekapOpd(tahun=tahun, opd_id=pk, jenis_asn="") for pk in sorted(opd_ids)]
    for b in baris:
        nilai = _ke_json(b) | {
            "per_unit": [[unit_id, _ke_json(u)] for unit_id, u in b["per_unit"]],
            "per_bulan": [str(v) for v in b["per_bulan"]],
        }
        durasi = histogram.get((b["opd_id"], b["jenis_asn"]), {})
        nilai["durasi"] = {j: [[str(m), n] for m, n in sorted(h)] for j, h in durasi.items()}
        baru.append(RekapOpd(tahun=tahun, opd_id=b["opd_id"], jenis_asn=b["jenis_asn"], nilai=nilai))
    lama.delete()
    RekapOpd.objects.bulk_create(baru, batch_size=500)
    return len(baru)


def rekap_opd_pegawai(*, pegawai_ids: Iterable[int], tahun: Iterable[int]) -> None:
    """Recompute the OPDs of these employees for these years (the ledger's hook)."""
    opd_ids = set(Pegawai.objects.filter(pk__in=list(pegawai_ids)).values_list("opd_id", flat=True))
    for th in sorted(set(tahun)):
        rekap_opd_hitung(tahun=th, opd_ids=opd_ids)


def rekap_opd_tahun_ada(*, opd_ids: Iterable[int]) -> None:
    """Recompute every year these OPDs have a summary for (an employee moved, joined or left)."""
    opd_ids = set(opd_ids)
    for th in sorted(set(RekapOpd.objects.filter(opd_id__in=opd_ids).values_list("tahun", flat=True))):
        rekap_opd_hitung(tahun=th, opd_ids=opd_ids)


def semua_opd() -> set[int]:
    return set(PerangkatDaerah.objects.values_list("pk", flat=True))


def rekap_provinsi(
    *, tahun: int, nama: str = "Provinsi", opd_ids: set[int] | None = None
) -> tuple[list, sel.Agregat, list, list[sel.DurasiSesi]]:
    """(per OPD, the province, per ASN type, median session length per form) of the active employees:
    what `pemenuhan_rekap` and `median_durasi_sesi` give over the province, from the summary rows
    (one query, and one for `opd_ids`, every OPD's id, unless given) plus a live computation of any
    OPD not summarised for the year (three queries, only then)."""
    baris, per_jenis = _baris_ringkasan(tahun=tahun, opd_ids=semua_opd() if opd_ids is None else opd_ids)
    per_opd, ringkas, per_asn = sel.rekap_lipat(baris, nama=nama)
    return per_opd, ringkas, per_asn, sel.median_dari_hitungan(_gabung(per_jenis))


def rekap_pilihan(
    *, tahun: int, opd_ids: set[int], jenis_asn: str = "", nama: str = "Seluruh pilihan"
) -> tuple[list, sel.Agregat, list]:
    """(per OPD, all, per ASN type) of the active employees of these OPDs, of one ASN type when given:
    what `pemenuhan_rekap` gives over that selection, from the summary rows (one query) plus a live
    computation of any OPD not summarised for the year (only then)."""
    baris, _ = _baris_ringkasan(tahun=tahun, opd_ids=opd_ids)
    if jenis_asn:
        baris = [b for b in baris if b["jenis_asn"] == jenis_asn]
    return sel.rekap_lipat(baris, nama=nama)


@dataclass
class RekapUnit:
    per_unit: list[sel.Agregat]  # by unit name
    opd: sel.Agregat
    per_bulan: list[Decimal]  # 12 monthly sums of counted JP
    durasi_sesi: list[sel.DurasiSesi]


def rekap_unit(*, tahun: int, opd: PerangkatDaerah) -> RekapUnit:
    """The OPD dashboard's numbers over the OPD's active employees: what `pemenuhan_per(per="unit")`,
    `pemenuhan_ringkas`, `jp_per_bulan` and `median_durasi_sesi` give, from the OPD's summary rows
    (one query) and its units' names (one query), live when the OPD has no row for the year."""
    baris, per_jenis = _baris_ringkasan(tahun=tahun, opd_ids={opd.pk})
    per_unit: dict[int, list[dict]] = defaultdict(list)
    for b in baris:
        for unit_id, agregat in b["per_unit"]:
            per_unit[unit_id].append(agregat)
    nama = dict(UnitKerja.objects.filter(pk__in=per_unit).values_list("pk", "nama"))
    urutan = sorted(per_unit, key=lambda u: (nama[u], u))
    return RekapUnit(
        per_unit=[sel.agregat_lipat(per_unit[u], u, nama[u]) for u in urutan],
        opd=sel.agregat_lipat(baris, None, opd.nama),
        per_bulan=[sum((b["per_bulan"][i] for b in baris), Decimal(0)) for i in range(12)],
        durasi_sesi=sel.median_dari_hitungan(_gabung(per_jenis)),
    )


def rekap_saringan(
    daftar: QuerySet, *, tahun: int, opd_qs: QuerySet[PerangkatDaerah], opd_id: int | None = None,
    jenis_asn: str = "", utuh: bool,
) -> tuple[list, sel.Agregat, list]:
    """(per OPD, all, per ASN type) of a compliance selection (`daftar`, a `pemenuhan_daftar`): a
    selection of whole OPDs (`utuh`: no unit, status or name filter) — the caller's OPDs `opd_qs`,
    narrowed to `opd_id` and `jenis_asn` when given — from the summary rows; any other by one GROUP BY
    over it (the OPDs are then not read)."""
    if not utuh:
        return sel.pemenuhan_rekap(daftar)
    opd_ids = set(opd_qs.values_list("pk", flat=True))
    return rekap_pilihan(tahun=tahun, opd_ids=opd_ids & {opd_id} if opd_id else opd_ids, jenis_asn=jenis_asn)


def _baris_ringkasan(*, tahun: int, opd_ids: set[int]) -> tuple[list[dict], dict[str, list[tuple[Decimal, int]]]]:
    """(aggregate rows per OPD and ASN type, session-length counts per form) of these OPDs."""
    tersimpan = list(
        RekapOpd.objects.filter(tahun=tahun, opd_id__in=opd_ids).values_list(*KELOMPOK[:3], "jenis_asn", "nilai")
    )
    kurang = opd_ids - {r[0] for r in tersimpan}
    baris: list[dict] = []
    per_jenis: dict[str, list[tuple[Decimal, int]]] = defaultdict(list)
    for opd_id, nama_opd, singkat, jenis_asn, nilai in tersimpan:
        if not jenis_asn:
            continue
        baris.append(_dari_json(nilai) | dict(zip(KELOMPOK, (opd_id, nama_opd, singkat, jenis_asn), strict=True)) | {
            "per_unit": [(unit_id, _dari_json(u)) for unit_id, u in nilai["per_unit"]],
            "per_bulan": [Decimal(v) for v in nilai["per_bulan"]],
        })
        for jenis, hitungan in nilai.get("durasi", {}).items():
            per_jenis[jenis] += [(Decimal(m), n) for m, n in hitungan]
    if kurang:
        langsung, histogram = _hitung(Pegawai.objects.filter(opd_id__in=kurang), tahun=tahun)
        baris += langsung
        for durasi in histogram.values():
            for jenis, hitungan in durasi.items():
                per_jenis[jenis] += hitungan
    return baris, per_jenis


def _gabung(per_jenis: dict[str, list[tuple[Decimal, int]]]) -> dict[str, list[tuple[Decimal, int]]]:
    """Add up the counts of equal lengths from different OPDs."""
    hasil = {}
    for jenis, hitungan in per_jenis.items():
        jumlah: dict[Decimal, int] = defaultdict(int)
        for m, n in hitungan:
            jumlah[m] += n
        hasil[jenis] = list(jumlah.items())
    return hasil


# --- keeping the summary when an employee or a target changes (connected in apps.py) -------------
def pegawai_berubah(sender, instance: Pegawai, created: bool = False, **kwargs) -> None:
    """An employee joined, left, moved OPD or unit, changed ASN type or active flag: recompute the OPDs."""
    opd_ids = atribut_berubah(instance, ("opd_id", "unit_id", "aktif", "jenis_asn"))
    if opd_ids:
        rekap_opd_tahun_ada(opd_ids=opd_ids)


def pegawai_dihapus(sender, instance: Pegawai, **kwargs) -> None:
    rekap_opd_tahun_ada(opd_ids={instance.opd_id})


def target_berubah(sender, instance, **kwargs) -> None:
    """A year's target changed: who reached it changes in every OPD."""
    if RekapOpd.objects.filter(tahun=instance.tahun).exists():
        rekap_opd_hitung(tahun=instance.tahun)

"""The province gap summary (`RingkasanKesenjanganOpd`): the gap map per OPD and competency, kept in
the transaction of every write it depends on, so the BPSDM dashboard reads a few rows per OPD instead
of every assessment. An assessment recomputes its employee's OPD (`services.penilaian_catat`); a
standard or a dictionary entry recomputes the province; an employee who joins, leaves, moves or
changes position recomputes both OPDs (signals connected in `apps.py`). An OPD without summary rows
is computed live by the reader; `manage.py ringkasan_provinsi` rebuilds every row."""
from __future__ import annotations

from collections.abc import Iterable

from django.db import transaction

from bangkom.pegawai.models import Pegawai, PerangkatDaerah
from bangkom.pegawai.sinyal import atribut_berubah
from jp_conversion.penjaga import kunci_opd

from .models import Kompetensi, RingkasanKesenjanganOpd
from .selectors import SelPeta, kesenjangan_per_opd, ringkasan_dari_baris


# The OPD lock needs a transaction: a caller outside one (an employee saved by a command or a
# non-atomic view, whose signal recomputes its OPD) gets its own; inside one, no savepoint is added.
@transaction.atomic(savepoint=False)
def ringkasan_opd_hitung(*, opd_ids: Iterable[int] | None = None) -> int:
    """Recompute the rows of these OPDs (every OPD when None) in the caller's transaction."""
    pegawai, lama = Pegawai.objects.all(), RingkasanKesenjanganOpd.objects.all()
    if opd_ids is not None:
        opd_ids = set(opd_ids)
        pegawai, lama = pegawai.filter(opd_id__in=opd_ids), lama.filter(opd_id__in=opd_ids)
    opd_ids = kunci_opd(opd_ids)  # two assessments in one OPD at once recompute one after the other
    baru = [RingkasanKesenjanganOpd(opd_id=pk) for pk in sorted(opd_ids)]
    baru += [
        RingkasanKesenjanganOpd(opd_id=o, kompetensi_id=k, wajib=w, dinilai=d, di_bawah=b, selisih=s)
        for o, k, w, d, b, s in kesenjangan_per_opd(pegawai)
    ]
    lama.delete()
    RingkasanKesenjanganOpd.objects.bulk_create(baru, batch_size=500)
    return len(baru)


def ringkasan_kesenjangan_provinsi(*, opd_ids: set[int] | None = None) -> list[tuple[Kompetensi, SelPeta]]:
    """What `ringkasan_kesenjangan(Pegawai.objects.all())` gives, from the summary rows (two queries,
    and one for `opd_ids`, every OPD's id, unless given) plus a live computation of any OPD not
    summarised."""
    tersimpan = list(RingkasanKesenjanganOpd.objects.values_list(
        "opd_id", "kompetensi_id", "wajib", "dinilai", "di_bawah", "selisih"))
    if opd_ids is None:
        opd_ids = set(PerangkatDaerah.objects.values_list("pk", flat=True))
    kurang = opd_ids - {b[0] for b in tersimpan}
    baris = [b for b in tersimpan if b[1] is not None]
    if kurang:
        baris += kesenjangan_per_opd(Pegawai.objects.filter(opd_id__in=kurang))
    return ringkasan_dari_baris(baris)


# --- keeping the summary when what it is keyed on changes (connected in apps.py) ----------------
def pegawai_berubah(sender, instance: Pegawai, created: bool = False, **kwargs) -> None:
    """An employee joined, left, moved OPD or changed position: recompute the OPDs involved."""
    opd_ids = atribut_berubah(instance, ("opd_id", "aktif", "jabatan_id"))
    if opd_ids:
        _hitung_yang_terangkum(opd_ids)


def pegawai_dihapus(sender, instance: Pegawai, **kwargs) -> None:
    _hitung_yang_terangkum({instance.opd_id})


def _hitung_yang_terangkum(opd_ids: set[int]) -> None:
    """Recompute those of the OPDs that have a summary (the reader computes the others live)."""
    ada = set(RingkasanKesenjanganOpd.objects.filter(opd_id__in=opd_ids).values_list("opd_id", flat=True))
    if ada:
        ringkasan_opd_hitung(opd_ids=ada)


def provinsi_berubah(sender, **kwargs) -> None:
    """A position standard or a dictionary entry changed: every OPD may change."""
    if RingkasanKesenjanganOpd.objects.exists():
        ringkasan_opd_hitung()

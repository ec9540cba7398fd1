"""Large Rekap Pemenuhan 20 JP exports as background jobs, on the export job of the documents app
(`bangkom.dokumen.ekspor`): the same progress page, status JSON, download view and access rule as
the bulk activity-sheet export. The job keeps the report page's filters, not a list of employees:
when it runs, the selection is rebuilt for the requester through `akses.pegawai_laporan`, so a
kepala OPD's file holds his own OPD's rows only, whatever the parameters say. The task that runs
a job (`tasks.py`) imports this module, never the reverse."""
from __future__ import annotations

from pathlib import Path

from bangkom.dokumen.ekspor import Kemajuan, proses_jalankan
from bangkom.dokumen.models import ProsesEkspor
from bangkom.pegawai import akses

from . import laporan
from .forms import FilterLaporanForm

# Selections with more rows than this are exported in the background; smaller ones download at once.
BATAS_UNDUH_LANGSUNG = 2000


def pilihan_laporan(parameter: dict, *, user) -> tuple[FilterLaporanForm, int, laporan.Saringan]:
    """The report page's filter form for `parameter` (a query dict), its year and its filters."""
    form = FilterLaporanForm(parameter or None, user=user)
    if form.is_bound:
        form.is_valid()
    return form, form.nilai()["tahun"], form.saringan()


def laporan_mulai(*, oleh, parameter: dict) -> ProsesEkspor:
    """Record a background export of the report for `parameter` (the page's query string with
    `format`); access is checked now and again when the job runs."""
    fmt = parameter.get("format", "")
    if fmt not in laporan.FORMAT:
        raise ValueError(f"Format ekspor tidak dikenal: {fmt!r}")
    akses.wajib_laporan(oleh)
    _, tahun, saring = pilihan_laporan(parameter, user=oleh)
    return ProsesEkspor.objects.create(
        diminta_oleh=oleh, jenis_ekspor=ProsesEkspor.JenisEkspor.LAPORAN_JP, opd=saring.opd, unit=saring.unit,
        parameter=parameter, tahun=tahun, nama_berkas=laporan.nama_berkas(fmt, tahun=tahun, saring=saring),
        jenis_isi=laporan.FORMAT[fmt][1],
    )


def _tulis_laporan(proses: ProsesEkspor, tujuan: Path, kemajuan: Kemajuan) -> list[str]:
    pegawai_qs = akses.pegawai_laporan(proses.diminta_oleh)  # scope re-checked for the requester
    _, tahun, saring = pilihan_laporan(proses.parameter, user=proses.diminta_oleh)
    total = laporan.jumlah_baris(pegawai_qs, tahun=tahun, saring=saring)
    kemajuan(0, total)
    with tujuan.open("wb") as berkas:
        laporan.tulis(proses.parameter["format"], berkas, tahun=tahun, pegawai_qs=pegawai_qs, saring=saring,
                      kemajuan=lambda n: kemajuan(n, total))
    return []


def laporan_jalankan(*, proses_id: int) -> ProsesEkspor:
    """The report task's body."""
    return proses_jalankan(proses_id=proses_id, buat=_tulis_laporan)

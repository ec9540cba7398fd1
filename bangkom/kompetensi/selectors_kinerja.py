"""Reads of the yearly performance results (predikat kinerja SKP) and the coaching suggestion they make
with the competency gaps (kinerja.saran_coaching)."""
from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from bangkom.pegawai.models import Pegawai

from .kesenjangan import rekomendasi_bentuk
from .kinerja import Saran, saran_coaching
from .models import DialogKesenjangan, PenilaianKinerja
from .selectors import KesenjanganPegawai, dialog_pegawai, kesenjangan_pegawai

RIWAYAT_DITAMPILKAN = 5


def kompetensi_coaching(kp: KesenjanganPegawai, dialog: Mapping[int, DialogKesenjangan]) -> list[str]:
    """Names of the employee's gaps to be closed by coaching: the form chosen in the gap dialog, or the
    recommendation by size when not yet discussed (as the AKPK does)."""
    nama = []
    for b in kp.kesenjangan:
        d = dialog.get(b.kompetensi.pk)
        bentuk = d.bentuk_dipilih if d is not None else rekomendasi_bentuk(b.selisih, None)[0]
        if bentuk == "coaching":
            nama.append(b.kompetensi.nama)
    return nama


def saran_untuk(*, predikat: str | None, tahun: int | None, kp: KesenjanganPegawai,
                dialog: Mapping[int, DialogKesenjangan]) -> Saran | None:
    """The coaching suggestion from the latest predicate (of `tahun`) and the employee's gaps."""
    return saran_coaching(predikat=predikat, tahun=tahun, kompetensi=kompetensi_coaching(kp, dialog))


@dataclass
class KinerjaPegawai:
    riwayat: list[PenilaianKinerja]  # latest year first
    saran: Saran | None

    @property
    def terakhir(self) -> PenilaianKinerja | None:
        return self.riwayat[0] if self.riwayat else None


def kinerja_pegawai(pegawai: Pegawai, *, tahun: int, kp: KesenjanganPegawai | None = None,
                    dialog: Mapping[int, DialogKesenjangan] | None = None) -> KinerjaPegawai:
    """One employee's recent predicates and the coaching suggestion (gaps and dialogs of `tahun`; pass
    `kp`/`dialog` when the page already has them)."""
    riwayat = list(pegawai.penilaian_kinerja.order_by("-tahun")[:RIWAYAT_DITAMPILKAN])
    kp = kp if kp is not None else kesenjangan_pegawai(pegawai)
    dialog = dialog if dialog is not None else dialog_pegawai(pegawai, tahun)
    terakhir = riwayat[0] if riwayat else None
    return KinerjaPegawai(riwayat=riwayat, saran=saran_untuk(
        predikat=terakhir.predikat if terakhir else None, tahun=terakhir.tahun if terakhir else None, kp=kp,
        dialog=dialog,
    ))

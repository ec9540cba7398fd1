"""Access to competency work (gap dialog, development plan, assessments), on the vocabulary of
`bangkom.pegawai.akses`."""
from __future__ import annotations

from bangkom.pegawai.akses import peran
from bangkom.pegawai.models import Pegawai


def boleh_kelola_pengembangan(user, pegawai: Pegawai) -> bool:
    """May hold the gap dialog and edit the development plan of this employee: the employee
    themselves and their direct supervisor (the two parties of Panduan Langsa's dialog)."""
    p = peran(user)
    return p.pegawai is not None and p.pegawai.pk in (pegawai.pk, pegawai.atasan_id)


def sumber_penilaian_boleh(user, pegawai: Pegawai) -> list[str]:
    """Assessment sources the user may record for this employee: the employee rates themselves
    (penilaian diri); the direct supervisor records asesmen and penilaian atasan; BPSDM records
    asesmen/uji kompetensi results."""
    p = peran(user)
    sumber = []
    if p.pegawai is not None and p.pegawai.pk == pegawai.pk:
        sumber.append("penilaian_diri")
    if p.bpsdm or (p.pegawai is not None and pegawai.atasan_id == p.pegawai.pk):
        sumber.append("asesmen")
    if p.pegawai is not None and pegawai.atasan_id == p.pegawai.pk:
        sumber.append("penilaian_atasan")
    return sumber

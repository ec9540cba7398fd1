"""The "perlu coaching" list of the atasan's team and the kepala's OPD: active employees without a running
coaching agreement whose latest performance predicate is below "Baik", or whose competency gap is to be
closed by coaching, each with the suggestion saying which (bangkom.kompetensi.kinerja). One selector,
a constant number of queries whatever the number of employees."""
from __future__ import annotations

from dataclasses import dataclass

from django.db.models import QuerySet

from bangkom.kompetensi.kinerja import SUMBER_KEDUANYA, SUMBER_KESENJANGAN, SUMBER_KINERJA, Saran
from bangkom.kompetensi.models import DialogKesenjangan, PenilaianKinerja
from bangkom.kompetensi.selectors import kesenjangan_untuk
from bangkom.kompetensi.selectors_kinerja import kinerja_terakhir, saran_untuk
from bangkom.pegawai.models import Pegawai

from .models import KesepakatanCoaching

URUTAN_SUMBER = {SUMBER_KEDUANYA: 0, SUMBER_KINERJA: 1, SUMBER_KESENJANGAN: 2}


@dataclass(frozen=True)
class PerluCoaching:
    pegawai: Pegawai
    kinerja: PenilaianKinerja | None  # the latest year's result, if any
    saran: Saran
    boleh_mulai: bool  # the viewer is the atasan langsung: the link opens the agreement form


def perlu_coaching(qs_pegawai: QuerySet[Pegawai], *, tahun: int, oleh: Pegawai | None) -> list[PerluCoaching]:
    """Who in `qs_pegawai` (already scoped to the viewer) needs coaching, performance-and-gap first, then
    performance, then gap, by name. `tahun` picks the gap dialogs whose chosen form counts; `oleh` is
    the viewer (their own subordinates get the one-tap start)."""
    berjalan = KesepakatanCoaching.objects.filter(status=KesepakatanCoaching.Status.BERJALAN).values("pegawai_id")
    data = kesenjangan_untuk(qs_pegawai.filter(aktif=True).exclude(pk__in=berjalan))
    ids = [kp.pegawai.pk for kp in data]
    kinerja = kinerja_terakhir(ids)
    dialog: dict[int, dict[int, DialogKesenjangan]] = {}
    for d in DialogKesenjangan.objects.filter(pegawai_id__in=ids, tahun=tahun):
        dialog.setdefault(d.pegawai_id, {})[d.kompetensi_id] = d
    hasil = []
    for kp in data:
        p = kp.pegawai
        saran = saran_untuk(kinerja.get(p.pk), kp, dialog.get(p.pk, {}))
        if saran is not None:
            hasil.append(PerluCoaching(pegawai=p, kinerja=kinerja.get(p.pk), saran=saran,
                                       boleh_mulai=oleh is not None and p.atasan_id == oleh.pk))
    return sorted(hasil, key=lambda x: (URUTAN_SUMBER[x.saran.sumber], x.pegawai.nama))

"""The "perlu coaching" list of the atasan's team and the kepala's OPD: active employees whose latest
performance predicate is below "Baik" and who have no running coaching agreement, each with the
suggestion saying whether a competency gap to close by coaching adds to it (bangkom.kompetensi.kinerja).
One selector, a constant number of queries whatever the number of employees: one when nobody is below
"Baik", four otherwise (the gaps and dialogs of those employees only)."""
from __future__ import annotations

from dataclasses import dataclass

from django.db.models import OuterRef, QuerySet, Subquery

from bangkom.kompetensi.kinerja import DI_BAWAH_EKSPEKTASI, SUMBER_KEDUANYA, Saran
from bangkom.kompetensi.models import DialogKesenjangan, PenilaianKinerja
from bangkom.kompetensi.selectors import kesenjangan_untuk
from bangkom.kompetensi.selectors_kinerja import saran_untuk
from bangkom.pegawai.models import Pegawai

from .models import KesepakatanCoaching


@dataclass(frozen=True)
class PerluCoaching:
    pegawai: Pegawai
    tahun_kinerja: int  # the latest year with a result
    saran: Saran
    boleh_mulai: bool  # the viewer is the atasan langsung: the link opens the agreement form


def perlu_coaching(qs_pegawai: QuerySet[Pegawai], *, tahun: int, oleh: Pegawai | None) -> list[PerluCoaching]:
    """Who in `qs_pegawai` (already scoped to the viewer) needs coaching: performance and gap first, then
    performance alone, by name. `tahun` picks the gap dialogs whose chosen form counts; `oleh` is the
    viewer (their own subordinates get the one-tap start)."""
    berjalan = KesepakatanCoaching.objects.filter(status=KesepakatanCoaching.Status.BERJALAN).values("pegawai_id")
    terakhir = PenilaianKinerja.objects.filter(pegawai=OuterRef("pk")).order_by("-tahun")
    calon = (
        qs_pegawai.filter(aktif=True).exclude(pk__in=berjalan)
        .annotate(kinerja_tahun=Subquery(terakhir.values("tahun")[:1]),
                  kinerja_predikat=Subquery(terakhir.values("predikat")[:1]))
        .filter(kinerja_predikat__in=DI_BAWAH_EKSPEKTASI)
    )
    data = kesenjangan_untuk(calon)
    dialog: dict[int, dict[int, DialogKesenjangan]] = {}
    for d in DialogKesenjangan.objects.filter(pegawai_id__in=[kp.pegawai.pk for kp in data], tahun=tahun):
        dialog.setdefault(d.pegawai_id, {})[d.kompetensi_id] = d
    hasil = []
    for kp in data:
        p = kp.pegawai
        predikat, tahun_kinerja = getattr(p, "kinerja_predikat"), getattr(p, "kinerja_tahun")  # noqa: B009 (annotations)
        saran = saran_untuk(predikat=predikat, tahun=tahun_kinerja, kp=kp, dialog=dialog.get(p.pk, {}))
        if saran is not None:  # always: the predicate alone calls for coaching
            hasil.append(PerluCoaching(pegawai=p, tahun_kinerja=tahun_kinerja, saran=saran,
                                       boleh_mulai=oleh is not None and p.atasan_id == oleh.pk))
    return sorted(hasil, key=lambda x: (x.saran.sumber != SUMBER_KEDUANYA, x.pegawai.nama))

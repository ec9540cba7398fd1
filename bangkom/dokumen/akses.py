"""Access to issued sheets and export jobs, on the vocabulary of `bangkom.pegawai.akses`."""
from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet
from django.http import Http404

from bangkom.pegawai.akses import objek_atau_404, opd_terlihat, pegawai_terlihat, peran
from bangkom.pegawai.models import Pegawai

from .models import LembarTerbit, ProsesEkspor


def lembar_boleh_disahkan(user) -> QuerySet[LembarTerbit]:
    """Issued sheets the user may countersign ("Mengetahui", RULES §4): those issued needing it,
    of employees of the OPD the user heads. Not BPSDM: the signature block is the kepala's."""
    opd = peran(user).opd_dipimpin
    if opd is None:
        return LembarTerbit.objects.none()
    return LembarTerbit.objects.filter(perlu_pengesahan=True, pegawai__opd=opd)


def proses_ekspor_atau_404(user, pk) -> ProsesEkspor:
    """An export job (progress, result file; sheets or report): only whoever requested it, or BPSDM."""
    qs = ProsesEkspor.objects.select_related("opd", "unit", "diminta_oleh__pegawai")
    if not peran(user).bpsdm:
        qs = qs.filter(diminta_oleh_id=getattr(user, "pk", None))
    return objek_atau_404(qs, pk, "Proses ekspor tidak ditemukan.")


def pegawai_lembar_atau_404(user, pk, jenis: str) -> Pegawai:
    """The employee whose activity sheet of form `jenis` is asked for: whoever may read them, except
    that a guide (a mentor) reaches only through their relationship the sheets of what they guide,
    never the coaching sheet (coaching is between the employee and their supervisor)."""
    qs = pegawai_terlihat(user, bimbingan=jenis != "coaching").select_related("opd", "unit", "jabatan", "atasan")
    return objek_atau_404(qs, pk, "Data pegawai tidak ditemukan.")


def lembar_terbit_terlihat(user) -> QuerySet[LembarTerbit]:
    """Issued sheets whose stored PDF the user may download: those of employees the user may see
    (the rule of `pegawai_lembar_atau_404`: never a mentor's way to a coaching sheet)."""
    return LembarTerbit.objects.filter(
        Q(pegawai__in=pegawai_terlihat(user, bimbingan=False))
        | (~Q(jenis="coaching") & Q(pegawai__in=pegawai_terlihat(user)))
    )


def lembar_terbit_atau_404(user, kode: str) -> LembarTerbit:
    lembar = lembar_terbit_terlihat(user).select_related("pegawai").filter(kode=kode).first()
    if lembar is None:
        raise Http404("Lembar kegiatan tidak ditemukan.")
    return lembar


def boleh_ekspor_opd(user, opd) -> bool:
    """Bulk export of activity sheets: BPSDM for any OPD, a kepala OPD for their own."""
    return opd_terlihat(user).filter(pk=opd.pk).exists()


def wajib_ekspor_opd(user, opd) -> None:
    if not boleh_ekspor_opd(user, opd):
        raise PermissionDenied("Anda tidak berhak mengekspor lembar kegiatan perangkat daerah ini.")

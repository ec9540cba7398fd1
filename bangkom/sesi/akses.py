"""Access to coaching/mentoring sessions and their evaluations, on the vocabulary of
`bangkom.pegawai.akses`. Generic over the relationship (`induk`): nothing here knows coaching
or mentoring."""
from __future__ import annotations

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet

from bangkom.pegawai.akses import baris_terlihat, objek_atau_404, pegawai_terlihat, peran
from jp_conversion.models import StatusKegiatan

from .models import Evaluasi, PesertaSesi, Sesi


def sesi_terlihat(user) -> QuerySet[Sesi]:
    """Coaching/mentoring sessions the user may read: those they lead, and those of any
    participant they may see other than by guiding them (self, today's subordinates, the kepala's
    OPD). A mentor sees the sessions they lead, never their mentee's coaching sessions."""
    return baris_terlihat(
        user, Sesi, lambda me: Q(pembimbing=me) | Q(peserta__pegawai__in=pegawai_terlihat(user, bimbingan=False))
    ).distinct()


def sesi_atau_404(user, pk) -> Sesi:
    return objek_atau_404(sesi_terlihat(user).select_related("pembimbing"), pk, "Sesi tidak ditemukan.")


def boleh_paraf_sesi(user, sesi) -> bool:
    p = peran(user)
    return p.pegawai is not None and sesi.pembimbing_id == p.pegawai.pk


def peserta_sendiri(user, sesi) -> PesertaSesi | None:
    """The user's own participant row of the session (to confirm or dispute), or None."""
    p = peran(user)
    if p.pegawai is None:
        return None
    return PesertaSesi.objects.filter(sesi=sesi, pegawai=p.pegawai).first()


def penilaian_evaluasi(user, induk, skala: str):
    """(peserta, pembimbing, jenis) the user may rate on this scale for this relationship, or None.
    `manfaat`: a participant of an initialled session of the relationship rates it themselves;
    `kontribusi`: the direct supervisor of such a participant rates its contribution to work.
    The pembimbing is the one who led the participant's latest initialled session (a re-matched
    mentoring relationship is rated for its latest mentor)."""
    p = peran(user)
    if p.pegawai is None or induk is None:
        return None
    ikut = PesertaSesi.objects.filter(
        sesi__induk_tipe=ContentType.objects.get_for_model(induk), sesi__induk_id=induk.pk,
        kegiatan__status=StatusKegiatan.DISETUJUI,
    ).select_related("pegawai", "sesi__pembimbing").order_by("-sesi__tanggal", "-sesi__mulai")
    if skala == "manfaat":
        ikut = ikut.filter(pegawai=p.pegawai)
    elif skala == "kontribusi":
        ikut = ikut.filter(pegawai__atasan=p.pegawai)
    else:
        return None
    ps = ikut.first()
    return None if ps is None else (ps.pegawai, ps.sesi.pembimbing, ps.sesi.jenis)


def evaluasi_terlihat(user) -> QuerySet[Evaluasi]:
    """Evaluations whose recap the user may read: a pembimbing their own; a kepala those of their
    OPD's participants; BPSDM all."""
    return baris_terlihat(user, Evaluasi, lambda me: Q(pembimbing=me), opd="peserta__opd")


def wajib_rekap_evaluasi(user) -> None:
    """The recap is for those who guide (coaches, mentors), kepala OPD and BPSDM."""
    p = peran(user)
    if not (p.bpsdm or p.kepala or p.atasan or p.mentor):
        raise PermissionDenied("Rekap evaluasi hanya untuk pembimbing, Kepala OPD dan Pengelola BPSDM.")

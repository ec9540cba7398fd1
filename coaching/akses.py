"""Access to coaching agreements, on the vocabulary of `bangkom.pegawai.akses`."""
from __future__ import annotations

from django.db.models import Q, QuerySet

from bangkom.pegawai.akses import objek_atau_404, peran

from .models import KesepakatanCoaching


def kesepakatan_terlihat(user) -> QuerySet[KesepakatanCoaching]:
    """Coaching agreements the user may read: as coach of a running one, as coachee, as the
    coachee's current supervisor, as kepala of the coachee's OPD, or as BPSDM. Mentors do not see
    coaching; a former supervisor does not see the (ended) agreements of their old coachee."""
    p = peran(user)
    if p.bpsdm:
        return KesepakatanCoaching.objects.all()
    if p.pegawai is None:
        return KesepakatanCoaching.objects.none()
    me = p.pegawai
    kondisi = Q(atasan=me, status=KesepakatanCoaching.Status.BERJALAN) | Q(pegawai=me) | Q(pegawai__atasan=me)
    if p.opd_dipimpin is not None:
        kondisi |= Q(pegawai__opd=p.opd_dipimpin)
    return KesepakatanCoaching.objects.filter(kondisi)


def kesepakatan_atau_404(user, pk) -> KesepakatanCoaching:
    qs = kesepakatan_terlihat(user).select_related("atasan", "pegawai", "pegawai__jabatan", "pegawai__opd")
    return objek_atau_404(qs, pk, "Kesepakatan coaching tidak ditemukan.")


def boleh_kelola_kesepakatan(user, kesepakatan) -> bool:
    """Log sessions in, close: the coach of the agreement only."""
    p = peran(user)
    return p.pegawai is not None and kesepakatan.atasan_id == p.pegawai.pk


def boleh_akui_kesepakatan(user, kesepakatan) -> bool:
    p = peran(user)
    return p.pegawai is not None and kesepakatan.pegawai_id == p.pegawai.pk

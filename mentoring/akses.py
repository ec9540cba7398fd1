"""Access to mentoring requests and relationships, on the vocabulary of `bangkom.pegawai.akses`."""
from __future__ import annotations

from django.db.models import Q, QuerySet

from bangkom.pegawai.akses import baris_terlihat, objek_atau_404, peran

from .models import PermintaanMentoring


def permintaan_mentoring_terlihat(user) -> QuerySet[PermintaanMentoring]:
    """Mentoring requests/relationships the user may read: their own (as employee or as mentor),
    their direct subordinates' (the atasan follows the development of their staff), their OPD's
    for the kepala, all for BPSDM. A mentor never sees another mentor's mentees through this."""
    return baris_terlihat(
        user, PermintaanMentoring, lambda me: Q(pemohon=me) | Q(mentor=me) | Q(pemohon__atasan=me), opd="pemohon__opd"
    )


def permintaan_mentoring_atau_404(user, pk) -> PermintaanMentoring:
    qs = permintaan_mentoring_terlihat(user).select_related(
        "pemohon__jabatan", "pemohon__opd", "pemohon__atasan", "mentor__jabatan",
        "mentor__opd", "dialihkan_dari__mentor", "diakhiri_oleh", "kompetensi",
    )
    return objek_atau_404(qs, pk, "Permintaan mentoring tidak ditemukan.")


def boleh_jawab_mentoring(user, permintaan) -> bool:
    """Accept/decline a request, log its sessions, move the peer-mentoring phase: its mentor."""
    p = peran(user)
    return p.pegawai is not None and permintaan.mentor_id == p.pegawai.pk


def boleh_catat_sesi_mentoring(user, permintaan) -> bool:
    """Log a session: the mentor (also for a group) or the mentee themselves, for their own one-to-one
    session (two-party confirmation: the mentor then initials it or rejects it with a reason)."""
    p = peran(user)
    return p.pegawai is not None and p.pegawai.pk in (permintaan.mentor_id, permintaan.pemohon_id)


def boleh_akhiri_mentoring(user, permintaan) -> bool:
    """Pause, resume or end a relationship: either side, or BPSDM. The change is recorded as made
    by an employee, so an account without an employee record (a bare superuser) cannot act."""
    p = peran(user)
    if p.pegawai is None:
        return False
    return p.bpsdm or p.pegawai.pk in (permintaan.pemohon_id, permintaan.mentor_id)


def boleh_alihkan_mentoring(user, permintaan) -> bool:
    """Re-match to another mentor: the employee (e.g. after an unanswered or declined request) or BPSDM
    (with an employee record, like boleh_akhiri_mentoring)."""
    p = peran(user)
    if p.pegawai is None:
        return False
    return p.bpsdm or permintaan.pemohon_id == p.pegawai.pk

"""Access to coaching agreements, on the vocabulary of `bangkom.pegawai.akses`."""
from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet

from bangkom.pegawai.akses import baris_terlihat, objek_atau_404, peran

from .models import KesepakatanCoaching, PenunjukanCoach


def kesepakatan_terlihat(user) -> QuerySet[KesepakatanCoaching]:
    """Coaching agreements the user may read: as coach of a running one (the atasan langsung or an
    appointed coach), as coachee, as the coachee's current supervisor (also agreements led by an
    appointed coach), as kepala of the coachee's OPD, or as BPSDM. Mentors do not see coaching; a
    former supervisor does not see the (ended) agreements of their old coachee."""
    return baris_terlihat(
        user, KesepakatanCoaching,
        lambda me: Q(atasan=me, status=KesepakatanCoaching.Status.BERJALAN) | Q(pegawai=me) | Q(pegawai__atasan=me),
        opd="pegawai__opd",
    )


def kesepakatan_atau_404(user, pk) -> KesepakatanCoaching:
    qs = kesepakatan_terlihat(user).select_related(
        "atasan", "pegawai", "pegawai__jabatan", "pegawai__opd", "penunjukan"
    )
    return objek_atau_404(qs, pk, "Kesepakatan coaching tidak ditemukan.")


def boleh_kelola_kesepakatan(user, kesepakatan) -> bool:
    """Log sessions in, close: the coach of the agreement only. An appointed coach keeps it while the
    appointment was not ended early (ending it cancels its running agreements anyway); its period
    lies inside the appointment's, so a coach may still finish it after the appointment's last day."""
    p = peran(user)
    if p.pegawai is None or kesepakatan.atasan_id != p.pegawai.pk:
        return False
    return kesepakatan.penunjukan_id is None or not kesepakatan.penunjukan.diakhiri


def boleh_catat_sesi_kesepakatan(user, kesepakatan) -> bool:
    """Log a session: the coach (`boleh_kelola_kesepakatan`) or the coachee themselves (two-party
    confirmation: whoever logs it stands behind it, the other party confirms or initials it)."""
    p = peran(user)
    if p.pegawai is not None and kesepakatan.pegawai_id == p.pegawai.pk:
        return True
    return boleh_kelola_kesepakatan(user, kesepakatan)


def boleh_akui_kesepakatan(user, kesepakatan) -> bool:
    p = peran(user)
    return p.pegawai is not None and kesepakatan.pegawai_id == p.pegawai.pk


# --- appointed coaches (RULES §4 "Who coaches") ---


def boleh_tunjuk_coach(user, pegawai) -> bool:
    """Appoint a coach for this employee, or end the appointment: BPSDM for anyone, a kepala OPD for
    the employees of their own OPD."""
    p = peran(user)
    return p.bpsdm or (p.opd_dipimpin is not None and pegawai.opd_id == p.opd_dipimpin.pk)


def wajib_pengelola_penunjukan(user) -> None:
    p = peran(user)
    if not (p.bpsdm or p.kepala):
        raise PermissionDenied("Penunjukan coach dikelola oleh Kepala OPD dan Pengelola BPSDM.")


def penunjukan_dikelola(user) -> QuerySet[PenunjukanCoach]:
    """Appointments the user manages (lists, end): BPSDM all, a kepala OPD those of their OPD's employees."""
    p = peran(user)
    if p.bpsdm:
        return PenunjukanCoach.objects.all()
    if p.opd_dipimpin is not None:
        return PenunjukanCoach.objects.filter(pegawai__opd=p.opd_dipimpin)
    return PenunjukanCoach.objects.none()


def penunjukan_dikelola_atau_404(user, pk) -> PenunjukanCoach:
    qs = penunjukan_dikelola(user).select_related("pegawai", "pegawai__opd", "coach", "coach__profil_mentor")
    return objek_atau_404(qs, pk, "Penunjukan coach tidak ditemukan.")

"""Access to self-study assignments and what hangs from them (logs, sources, resumes), on the
vocabulary of `bangkom.pegawai.akses`."""
from __future__ import annotations

from django.db.models import Q, QuerySet

from bangkom.pegawai.akses import baris_terlihat, objek_atau_404, pegawai_terlihat, peran

from .models import LogBelajar, PenugasanBelajar, Resume, SumberBelajar

BERJALAN = [PenugasanBelajar.Status.USULAN, PenugasanBelajar.Status.AKTIF]


def penugasan_belajar_terlihat(user) -> QuerySet[PenugasanBelajar]:
    """Self-study assignments the user may read: those they gave that still run, and those of any
    employee they may see (self, today's subordinates, the OPD for kepala, all for BPSDM). A former
    supervisor reads no assignment of theirs that is over (access follows the current relationship)."""
    return baris_terlihat(
        user, PenugasanBelajar,
        lambda me: Q(atasan=me, status__in=BERJALAN) | Q(pegawai_id__in=pegawai_terlihat(user).values("pk")),
    )


def penugasan_belajar_atau_404(user, pk) -> PenugasanBelajar:
    qs = penugasan_belajar_terlihat(user).select_related("pegawai", "atasan", "kompetensi")
    return objek_atau_404(qs, pk, "Penugasan belajar mandiri tidak ditemukan.")


def boleh_kelola_penugasan_belajar(user, penugasan) -> bool:
    """The assigning supervisor approves proposals, names sources, initials logs and resumes,
    and evaluates; nobody else (not even BPSDM) initials on their behalf."""
    p = peran(user)
    return p.pegawai is not None and penugasan.atasan_id == p.pegawai.pk


def boleh_isi_penugasan_belajar(user, penugasan) -> bool:
    """Only the assigned employee logs study and writes resumes."""
    p = peran(user)
    return p.pegawai is not None and penugasan.pegawai_id == p.pegawai.pk


def _objek_belajar_atau_404(user, model, pk, pesan: str):
    qs = model.objects.select_related("penugasan__pegawai", "penugasan__atasan").filter(
        penugasan__in=penugasan_belajar_terlihat(user)
    )
    return objek_atau_404(qs, pk, pesan)


def log_belajar_atau_404(user, pk) -> LogBelajar:
    return _objek_belajar_atau_404(user, LogBelajar, pk, "Log belajar tidak ditemukan.")


def sumber_belajar_atau_404(user, pk) -> SumberBelajar:
    return _objek_belajar_atau_404(user, SumberBelajar, pk, "Sumber belajar tidak ditemukan.")


def resume_belajar_atau_404(user, pk) -> Resume:
    return _objek_belajar_atau_404(user, Resume, pk, "Resume tidak ditemukan.")

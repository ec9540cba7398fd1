"""Access to ledger activities, on the vocabulary of `bangkom.pegawai.akses`."""
from __future__ import annotations

from bangkom.pegawai.akses import objek_atau_404, pegawai_terlihat, peran

from .models import KegiatanEksternal


def boleh_paraf(user, kegiatan) -> bool:
    """Only the activity's pembimbing (coach, mentor or supervisor for self-study) initials it."""
    p = peran(user)
    return p.pegawai is not None and kegiatan.pembimbing_id == p.pegawai.pk


def kegiatan_eksternal_atau_404(user, pk) -> KegiatanEksternal:
    """An external activity (and its certificate) is visible to whoever may read its employee."""
    qs = KegiatanEksternal.objects.select_related(
        "kegiatan", "kegiatan__pegawai", "kegiatan__pembimbing", "kegiatan__diparaf_oleh"
    ).filter(kegiatan__pegawai__in=pegawai_terlihat(user))
    return objek_atau_404(qs, pk, "Kegiatan tidak ditemukan.")


def boleh_verifikasi_eksternal(user, eksternal) -> bool:
    """The supervisor it was submitted to (its pembimbing), or BPSDM for someone else's activity."""
    p = peran(user)
    if p.pegawai is None:
        return False
    kegiatan = eksternal.kegiatan
    return kegiatan.pembimbing_id == p.pegawai.pk or (p.bpsdm and kegiatan.pegawai_id != p.pegawai.pk)

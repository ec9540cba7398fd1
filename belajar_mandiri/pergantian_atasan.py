"""When an employee's supervisor changes, their running self-study moves to the new one (access
follows the current relationship); connected to `bangkom.pegawai.sinyal.atasan_berganti` in ready()."""

from __future__ import annotations

from django.db import transaction

from bangkom.lib.model import alasan_riwayat
from bangkom.notifikasi.services import notifikasi_kirim
from bangkom.pegawai.models import Pegawai
from jp_conversion.models import Kegiatan, StatusKegiatan

from .models import PenugasanBelajar
from .services import tautan_penugasan

ALASAN_ATASAN_BERGANTI = "Atasan langsung berganti"


@transaction.atomic
def penugasan_alihkan_atasan_berganti(
    *, pegawai: Pegawai, lama: Pegawai | None, baru: Pegawai | None, oleh=None
) -> int:
    """The employee's supervisor changed: running self-study (proposed or active assignments given
    by the former supervisor) moves to the new one, with the study logs still waiting for paraf, so
    the former supervisor keeps no access and the new one decides, initials and evaluates (self-study
    is guided by the current atasan langsung). Each change is in the history with the reason. With
    no new supervisor nothing moves. Returns how many assignments moved."""
    if lama is None or baru is None:
        return 0

    berjalan = list(PenugasanBelajar.objects.select_for_update().filter(
        pegawai=pegawai, atasan=lama, status__in=[PenugasanBelajar.Status.USULAN, PenugasanBelajar.Status.AKTIF],
    ))
    for p in berjalan:
        p.atasan = baru
        alasan_riwayat(p, alasan=ALASAN_ATASAN_BERGANTI, oleh=oleh)
        p.save(update_fields=["atasan", "diubah"])
    # Every self-study activity of the employee still waiting for the former supervisor's paraf.
    for k in Kegiatan.objects.select_for_update().filter(
        pegawai=pegawai, pembimbing=lama, status=StatusKegiatan.DIAJUKAN, jenis="belajar_mandiri"
    ):
        k.pembimbing = baru
        alasan_riwayat(k, alasan=ALASAN_ATASAN_BERGANTI, oleh=oleh)
        k.save(update_fields=["pembimbing", "diubah"])
    if berjalan:
        notifikasi_kirim(
            penerima=baru, judul=f"Penugasan belajar mandiri {pegawai.nama_lengkap} kini Anda bimbing",
            pesan="\n".join(p.topik for p in berjalan),
            tautan=tautan_penugasan(berjalan[0]) if len(berjalan) == 1 else "",
        )
    return len(berjalan)


def atasan_berganti_diterima(sender, *, pegawai: Pegawai, lama: Pegawai | None, baru: Pegawai | None,
                             oleh=None, **_) -> None:
    """Receiver of `bangkom.pegawai.sinyal.atasan_berganti` (connected in `apps.py`)."""
    penugasan_alihkan_atasan_berganti(pegawai=pegawai, lama=lama, baru=baru, oleh=oleh)

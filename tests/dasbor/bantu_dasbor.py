"""Helpers for the dashboard/report tests: activities go through the ledger services, so the
numbers compared are the ledger's own."""
from datetime import date
from decimal import Decimal

from django.utils import timezone

from jp_conversion import services

TAHUN = timezone.localdate().year - 1  # a whole past year: every date is allowed, the pace is 12/12


def disetujui(pegawai, pembimbing, jenis, bulan, hari, *, jp_belajar=None, materi=None):
    """Record one activity and have its pembimbing initial it; returns the Kegiatan."""
    k = services.kegiatan_catat(
        pegawai=pegawai, jenis=jenis, tanggal=date(TAHUN, bulan, hari),
        materi=materi or f"{jenis} {bulan}-{hari}", pembimbing=pembimbing,
        jp_belajar=Decimal(jp_belajar) if jp_belajar is not None else None,
    )
    return services.kegiatan_paraf(kegiatan=k, oleh=pembimbing, setuju=True)


def isi_sari_dan_budi(cast):
    """Sari: 2 coaching (4 JP) + 1 mentoring (2) + 3 belajar mandiri days (6) + a seminar (4) = 16 JP.
    Budi: one coaching session a month, January to November = 22 JP (reached)."""
    disetujui(cast.sari, cast.budi, "coaching", 2, 3)
    disetujui(cast.sari, cast.budi, "coaching", 3, 4)
    disetujui(cast.sari, cast.rina, "mentoring", 4, 5)
    for hari in (6, 7, 8):
        disetujui(cast.sari, cast.budi, "belajar_mandiri", 5, hari, jp_belajar=3)  # capped at 2/day
    disetujui(cast.sari, cast.budi, "seminar", 6, 9)
    for bulan in range(1, 12):
        disetujui(cast.budi, cast.hasan, "coaching", bulan, 10)

from datetime import time, timedelta

import pytest
from django.utils import timezone

from bangkom.sesi.kontrak import IsiSesi
from coaching.services import coaching_sesi_catat, kesepakatan_akui, kesepakatan_buat


@pytest.fixture
def kesepakatan_baru(cast):
    """Budi's agreement with Sari, not yet acknowledged: it takes no session."""
    today = timezone.localdate()
    return kesepakatan_buat(
        atasan=cast.budi, pegawai=cast.sari, kegiatan="Penyusunan laporan kinerja triwulan",
        kesenjangan="Orientasi pada hasil: level 2 dari 3", tujuan="Laporan triwulan tepat waktu",
        target="Laporan triwulan III selesai sebelum tanggal 10", mulai=today - timedelta(days=60),
        selesai=today + timedelta(days=30),
    )


@pytest.fixture
def kesepakatan(cast, kesepakatan_baru):
    """Budi's agreement with Sari, running from two months ago to next month, acknowledged by Sari
    (no session is taken before the konsensus)."""
    return kesepakatan_akui(kesepakatan=kesepakatan_baru, oleh=cast.sari)


@pytest.fixture
def catat_sesi(cast):
    """Log a coaching session today (hour `jam`) in an agreement, as its coach."""

    def _catat(k, jam=8, materi=None, tanggal=None, id_klien=None, **kw):
        return coaching_sesi_catat(
            kesepakatan=k, oleh=k.atasan, id_klien=id_klien,
            isi=IsiSesi(
                tanggal=tanggal or timezone.localdate(), mulai=time(jam), selesai=time(jam, 45),
                materi=materi or f"Sesi pukul {jam}", **kw,
            ),
        )

    return _catat

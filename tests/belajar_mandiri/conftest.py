from datetime import timedelta
from decimal import Decimal

import pytest
from django.utils import timezone

from belajar_mandiri import services


@pytest.fixture
def hari_ini():
    return timezone.localdate()


@pytest.fixture
def buat_penugasan(cast, hari_ini):
    """Budi assigns Sari (or another pair) a study period covering the last 60 days."""

    def _buat(*, atasan=None, pegawai=None, lingkup="nasional", topik="Analisis kebutuhan pelatihan"):
        return services.penugasan_buat(
            atasan=atasan or cast.budi, pegawai=pegawai or cast.sari, topik=topik,
            kesenjangan="Belum mampu menyusun analisis kebutuhan pelatihan (level 2 → 3).", lingkup=lingkup,
            mulai=hari_ini - timedelta(days=60), selesai=hari_ini + timedelta(days=30), jp_rencana=Decimal("20"),
        )

    return _buat


@pytest.fixture
def penugasan(buat_penugasan):
    return buat_penugasan()

from __future__ import annotations

import pytest
from django.core.cache import cache
from django.test import Client

from bangkom.api.models import Cakupan
from bangkom.api.services import klien_buat

SEMUA = [c.value for c in Cakupan]


@pytest.fixture(autouse=True)
def _cache_kosong():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def kunci(cast):
    """kunci(cakupan=[...], opd=None) → (klien, a test client sending that key)."""

    def _kunci(cakupan=None, opd=None, kedaluwarsa=None):
        klien, rahasia = klien_buat(nama="LMS uji", cakupan=cakupan or SEMUA, oleh=cast.dewi.user, opd=opd,
                                    kedaluwarsa=kedaluwarsa)
        return klien, Client(HTTP_AUTHORIZATION=f"Bearer {rahasia}")

    return _kunci

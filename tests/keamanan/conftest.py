import pytest
from django.core.cache import cache

from tests.keamanan.peta_url import bangun_dunia


@pytest.fixture
def dunia(cast):
    """The cast plus every actor of the access matrix and Sari's objects (see peta_url.py). The cache
    starts empty: rate-limit windows (the public verification page) filled by an earlier test on the
    same worker must not turn this test's requests into 429s."""
    cache.clear()
    return bangun_dunia(cast)

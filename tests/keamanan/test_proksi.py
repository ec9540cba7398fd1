"""Issue 17 [R] item 8: behind nginx every request comes from the proxy's address. The client
address is taken from X-Forwarded-For only as far as the configured trusted proxies
(PROXY_TEPERCAYA) vouch for it, for both the sign-in lockout (django-axes) and the rate limits;
and the lockout keys on account AND address, so five wrong passwords from one place do not lock
the employee out everywhere."""
import pytest
from django.core.cache import cache
from django.test import Client, RequestFactory

from bangkom.lib.batas import TANPA_ALAMAT, alamat_ip_klien, alamat_klien, lampaui
from tests.conftest import SANDI

PROXY = "10.0.0.2"


def _req(xff=None, remote=PROXY):
    meta = {"REMOTE_ADDR": remote}
    if xff is not None:
        meta["HTTP_X_FORWARDED_FOR"] = xff
    return RequestFactory().get("/", **meta)


def test_without_a_trusted_proxy_the_header_is_ignored(settings):
    settings.PROXY_TEPERCAYA = 0
    assert alamat_klien(_req("203.0.113.5")) == PROXY


def test_a_proxy_count_takes_the_address_the_last_proxy_saw(settings):
    settings.PROXY_TEPERCAYA = 1
    assert alamat_klien(_req("203.0.113.5")) == "203.0.113.5"
    # a client that forges the header only adds entries on the left
    assert alamat_klien(_req("1.2.3.4, 203.0.113.5")) == "203.0.113.5"
    assert alamat_klien(_req(None)) == PROXY
    settings.PROXY_TEPERCAYA = 2
    assert alamat_klien(_req("1.2.3.4, 203.0.113.5, 10.0.0.9")) == "203.0.113.5"


def test_a_proxy_list_is_walked_from_the_right(settings):
    settings.PROXY_TEPERCAYA = ["10.0.0.0/24", "192.168.1.1"]
    assert alamat_klien(_req("1.2.3.4, 203.0.113.5, 192.168.1.1")) == "203.0.113.5"
    # not from a trusted proxy: the header is the client's own claim and is ignored
    assert alamat_klien(_req("1.2.3.4", remote="198.51.100.7")) == "198.51.100.7"
    assert alamat_klien(_req("garbage, 10.0.0.5")) == "10.0.0.5"


def test_the_settings_read_the_environment(monkeypatch):
    from bangkom.settings import proxy_tepercaya

    assert proxy_tepercaya("") == 0
    assert proxy_tepercaya("1") == 1
    assert proxy_tepercaya("10.0.0.1, 10.0.1.0/24") == ["10.0.0.1", "10.0.1.0/24"]


def test_rate_limits_count_each_client_behind_the_proxy(settings):
    settings.PROXY_TEPERCAYA = 1
    cache.clear()
    for _ in range(3):
        assert not lampaui(_req("203.0.113.5"), nama="uji-proksi", batas=3)
    assert lampaui(_req("203.0.113.5"), nama="uji-proksi", batas=3)
    assert not lampaui(_req("198.51.100.7"), nama="uji-proksi", batas=3)


@pytest.mark.django_db
def test_five_wrong_passwords_from_one_place_lock_only_that_place(cast, settings):
    settings.PROXY_TEPERCAYA = 1
    penyerang = Client(REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR="203.0.113.5")
    for _ in range(settings.AXES_FAILURE_LIMIT):
        penyerang.post("/masuk/", {"username": cast.sari.nip, "password": "salah"})
    assert penyerang.post("/masuk/", {"username": cast.sari.nip, "password": SANDI}).status_code in (403, 429)
    # Sari herself, from her office, through the same nginx
    sari = Client(REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR="198.51.100.7")
    assert sari.post("/masuk/", {"username": cast.sari.nip, "password": SANDI}).status_code == 302
    # and the attacker's place is not locked for other accounts either
    assert penyerang.post("/masuk/", {"username": cast.budi.nip, "password": SANDI}).status_code == 302


def test_the_lockout_keys_on_account_and_address_together(settings):
    assert settings.AXES_LOCKOUT_PARAMETERS == [["username", "ip_address"]]
    assert settings.AXES_CLIENT_IP_CALLABLE == "bangkom.lib.batas.alamat_ip_klien"


def test_axes_gets_no_placeholder_for_a_request_without_an_address():
    """A sign-in made in code (force_login) has no REMOTE_ADDR; axes stores the address in an IP
    column, which PostgreSQL validates, so it gets None rather than the rate limit's placeholder."""
    from django.http import HttpRequest

    request = HttpRequest()
    assert alamat_klien(request) == TANPA_ALAMAT and alamat_ip_klien(request) is None
    request.META["REMOTE_ADDR"] = "10.1.2.3"
    assert alamat_ip_klien(request) == "10.1.2.3"

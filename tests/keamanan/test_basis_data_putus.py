"""Issue 17 [R], found by the topology test (scripts/uji_topologi.py): with PostgreSQL stopped, a
signed-in page failed in the middleware that reads the session (before any view), and the error
page then asked the database again, so gunicorn answered a bare 500. It must be the clear 503."""
from unittest import mock

from django.contrib.sessions.backends.db import SessionStore
from django.db import OperationalError

TURUN = OperationalError("connection failed: Connection refused")


def test_an_outage_before_the_view_answers_a_clear_503(cast, masuk):
    c = masuk(cast.sari)
    c.raise_request_exception = False
    with (
        mock.patch.object(SessionStore, "_get_session_from_db", side_effect=TURUN),
        mock.patch("bangkom.pegawai.middleware._koneksi_putus", return_value=True),
    ):
        resp = c.get("/")
    assert resp.status_code == 503
    assert "Layanan sedang tidak tersedia" in resp.content.decode()


def test_other_server_errors_keep_the_500_page(cast, masuk):
    c = masuk(cast.sari)
    c.raise_request_exception = False
    with mock.patch("bangkom.dasbor.views.peran", side_effect=OperationalError("deadlock detected")):
        resp = c.get("/")
    assert resp.status_code == 500  # the database answers: a bug, not an outage


def test_persistent_connections_are_checked_before_reuse(settings):
    # After PostgreSQL restarts, the first request of each app-server process must reconnect,
    # not fail on the dead persistent connection (CONN_MAX_AGE keeps it between requests).
    assert settings.DATABASES["default"]["CONN_HEALTH_CHECKS"] is True


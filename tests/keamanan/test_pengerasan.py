"""Hardening: sign-in throttling, password rules, session expiry, production settings
(`check --deploy`), CSP without inline scripts, security headers, error pages that leak nothing."""
import os
import re
import secrets
import subprocess
import sys
from pathlib import Path
from unittest import mock

import pytest
from django.conf import settings
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.test import Client

from tests.conftest import SANDI

AKAR = Path(settings.BASE_DIR)


def test_five_failed_sign_ins_lock_the_account_with_an_indonesian_message(cast, client):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        resp = client.post("/masuk/", {"username": cast.sari.nip, "password": "salah-sekali"})
    assert resp.status_code in (403, 429)
    resp = client.post("/masuk/", {"username": cast.sari.nip, "password": SANDI})
    html = resp.content.decode()
    assert resp.status_code in (403, 429), "the right password must not open a locked account"
    assert "Terlalu banyak percobaan masuk" in html and "15 menit" in html
    assert "_auth_user_id" not in client.session


def test_a_lock_on_one_account_leaves_others_alone(cast, client):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        client.post("/masuk/", {"username": cast.sari.nip, "password": "salah"})
    resp = client.post("/masuk/", {"username": cast.budi.nip, "password": SANDI})
    assert resp.status_code == 302


@pytest.mark.parametrize("sandi", ["12345678", "password", "pendek"])
def test_weak_passwords_are_refused(db, sandi):
    with pytest.raises(ValidationError):
        validate_password(sandi)


def test_sessions_expire():
    assert settings.SESSION_EXPIRE_AT_BROWSER_CLOSE
    assert 0 < settings.SESSION_COOKIE_AGE <= 12 * 3600
    assert settings.SESSION_COOKIE_HTTPONLY


def test_production_settings_pass_check_deploy(tmp_path):
    from tests.dokumen.test_dokumen_lembar import _sertifikat_uji

    p12, _ = _sertifikat_uji(tmp_path)  # an agency certificate: the demo identity would warn
    env = {
        **os.environ, "DEBUG": "0", "SECRET_KEY": secrets.token_urlsafe(50),
        "ALLOWED_HOSTS": "bangkom.example.go.id", "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}",
        "SITUS_URL": "https://bangkom.example.go.id",
        "PENANDATANGAN_P12": str(p12), "PENANDATANGAN_P12_SANDI": "sandi-uji",
    }
    env.pop("DJANGO_SETTINGS_MODULE", None)
    env.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)  # set by the browser-test fixtures, never in production
    hasil = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=AKAR, env=env, capture_output=True, text=True, timeout=120,
    )
    assert hasil.returncode == 0, hasil.stdout + hasil.stderr
    # And the development fallback key really is refused in production:
    env["SECRET_KEY"] = "django-insecure-bangkom-dev-only-key-change-me"
    hasil = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=AKAR, env=env, capture_output=True, text=True, timeout=120,
    )
    assert hasil.returncode != 0 and "SECRET_KEY" in hasil.stdout + hasil.stderr


def _templat():
    folder = [AKAR / "templates", *AKAR.glob("*/templates"), *AKAR.glob("bangkom/*/templates")]
    for f in folder:
        yield from f.rglob("*.html")


SKRIP_INLINE = re.compile(r"<script\b(?![^>]*\bsrc\s*=)[^>]*>", re.IGNORECASE)
HANDLER_INLINE = re.compile(r"\son[a-z]+\s*=\s*[\"']", re.IGNORECASE)
URL_JAVASCRIPT = re.compile(r"""(?:href|src|action)\s*=\s*["']\s*javascript:""", re.IGNORECASE)


def test_no_template_has_inline_script_or_event_handlers():
    """CSP forbids inline scripts: put JavaScript in static/js/ and wire it with data-* attributes."""
    berkas = list(_templat())
    assert any(f.name == "base.html" for f in berkas)
    salah = []
    for f in berkas:
        teks = f.read_text(encoding="utf-8")
        for pola, apa in ((SKRIP_INLINE, "inline <script>"), (HANDLER_INLINE, "on*= handler"),
                          (URL_JAVASCRIPT, "javascript: URL")):
            for m in pola.finditer(teks):
                baris = teks.count("\n", 0, m.start()) + 1
                salah.append(f"{f.relative_to(AKAR)}:{baris}: {apa}: {m.group(0).strip()[:60]}")
    assert not salah, "Inline JavaScript is blocked by the CSP:\n" + "\n".join(salah)


def test_the_scan_itself_catches_inline_code():
    assert SKRIP_INLINE.search('<script>alert(1)</script>')
    assert not SKRIP_INLINE.search('<script src="/static/js/a.js"></script>')
    assert HANDLER_INLINE.search('<button onclick="x()">')
    assert not HANDLER_INLINE.search('<button data-onclick="x">')


def test_pages_carry_csp_and_security_headers(cast):
    def klien(p=None):
        c = Client()
        if p is not None:
            c.force_login(p.user, backend="django.contrib.auth.backends.ModelBackend")
        return c

    for c, url in ((klien(), "/masuk/"), (klien(cast.sari), "/"), (klien(cast.dewi), "/pegawai/impor/")):
        resp = c.get(url)
        assert resp.status_code == 200
        csp = resp["Content-Security-Policy"]
        assert "script-src 'self'" in csp and "'unsafe-inline'" not in csp.split("script-src")[1].split(";")[0]
        assert "frame-ancestors 'none'" in csp
        assert resp["X-Content-Type-Options"] == "nosniff"
        assert resp["X-Frame-Options"] == "DENY"
        assert resp["Referrer-Policy"] == "same-origin"
        assert "camera=()" in resp["Permissions-Policy"] and "geolocation=()" in resp["Permissions-Policy"]


BOCOR = ("Traceback", "SECRET_KEY", "settings.py", "DATABASES", "/work/", "site-packages", "OperationalError",
         "Rahasia-nip-198805172012031203")


def _tidak_bocor(html: str):
    for kata in BOCOR:
        assert kata not in html, f"error page leaks {kata!r}"


def test_404_page_is_indonesian_and_leaks_nothing(cast, masuk):
    assert not settings.DEBUG
    resp = masuk(cast.sari).get("/halaman-yang-tidak-ada/")
    assert resp.status_code == 404
    html = resp.content.decode()
    assert 'lang="id"' in html and "tidak ditemukan" in html.lower()
    _tidak_bocor(html)


def test_403_page_is_indonesian_and_leaks_nothing(cast, masuk):
    resp = masuk(cast.sari).get("/pegawai/impor/")
    assert resp.status_code == 403
    html = resp.content.decode()
    assert "Akses ditolak" in html
    _tidak_bocor(html)


def test_500_page_is_indonesian_and_leaks_nothing(cast, masuk):
    c = masuk(cast.sari)
    c.raise_request_exception = False
    galat = RuntimeError("SECRET_KEY=abc DATABASES Rahasia-nip-198805172012031203")
    with mock.patch("bangkom.dasbor.views.peran", side_effect=galat):
        resp = c.get("/")
    assert resp.status_code == 500
    html = resp.content.decode()
    assert 'lang="id"' in html and "kesalahan" in html.lower()
    _tidak_bocor(html)


def test_503_page_is_indonesian():
    html = (AKAR / "templates" / "503.html").read_text(encoding="utf-8")
    assert "tidak tersedia" in html and 'lang="id"' in html


def test_a_nul_character_in_a_query_or_a_form_is_refused_before_the_database(cast, masuk):
    """PostgreSQL refuses NUL in text; the middleware answers 400 instead of a 500, and writes nothing."""
    from jp_conversion.models import Kegiatan

    c = masuk(cast.dewi)
    r = c.get("/pegawai/", {"q": "sari\x00"})
    assert r.status_code == 400 and "karakter yang tidak sah" in r.content.decode()
    sebelum = Kegiatan.objects.count()
    r = masuk(cast.sari).post("/belajar-mandiri/", {"materi": "modul\x00", "tanggal": "2026-01-05"})
    assert r.status_code == 400 and Kegiatan.objects.count() == sebelum
    assert c.get("/pegawai/", {"q": "sari"}).status_code == 200

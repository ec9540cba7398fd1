"""The access matrix of the JSON API: every /api/v1/ URL × keys of every scope and OPD restriction.
Without a key: 401; a key without the endpoint's scope: 403; with it: served; a key restricted to
another OPD never sees Sari (404 for her objects, absent from lists, her NIP refused on POST).
Sessions never open the API (test_matriks_akses.py: 401 for every actor)."""
from __future__ import annotations

import datetime as dt

import pytest
from django.core.cache import cache
from django.test import Client
from django.utils import timezone

from bangkom.api.models import Cakupan
from bangkom.api.services import klien_buat
from tests.keamanan.peta_url import minta, semua_rute, url_untuk

# url name → (method, scope); None: public (the contract and its docs hold no data).
CAKUPAN_API: dict[str, tuple[str, str] | None] = {
    "api:schema": None,
    "api:docs": None,
    "api:pegawai": ("get", Cakupan.BACA_PEGAWAI),
    "api:jp-pegawai": ("get", Cakupan.BACA_JP),
    "api:pemenuhan-opd": ("get", Cakupan.BACA_JP),
    "api:pemenuhan-pegawai": ("get", Cakupan.BACA_JP),
    "api:lembar": ("get", Cakupan.BACA_JP),
    "api:lembar-detail": ("get", Cakupan.BACA_JP),
    "api:lembar-pdf": ("get", Cakupan.BACA_JP),
    "api:kegiatan-eksternal": ("post", Cakupan.TULIS_KEGIATAN),
}

RUTE_API = [r for r in semua_rute() if r.namespace == "api"]


def test_setiap_url_api_punya_cakupan():
    nama = {r.nama for r in RUTE_API}
    assert nama == set(CAKUPAN_API), (
        f"Add each /api/ URL to CAKUPAN_API with its scope: missing {nama - set(CAKUPAN_API)}, "
        f"stale {set(CAKUPAN_API) - nama}"
    )


def _klien(d, cakupan, opd=None) -> Client:
    _, kunci = klien_buat(nama=f"uji {cakupan} {opd}", cakupan=cakupan, oleh=d.admin, opd=opd)
    return Client(HTTP_AUTHORIZATION=f"Bearer {kunci}", raise_request_exception=False)


def _kiriman(d) -> dict:
    return {"kunci_idempotensi": "matriks-1", "nip": d.sari.nip, "jenis": "e_learning", "materi": "Kursus matriks",
            "tanggal": str(timezone.localdate() - dt.timedelta(days=1)), "jp": "2", "penyelenggara": "LMS ASN",
            "url_bukti": "https://lms.example.go.id/s/1"}


def _panggil(c: Client, metode: str, url: str, data: dict | None = None):
    cache.clear()  # the rate limit is tested on its own
    if metode == "post":
        return minta(c, "post", url, data=data or {}, content_type="application/json")
    return minta(c, "get", url)


@pytest.mark.parametrize("rute", RUTE_API, ids=lambda r: r.nama)
def test_matriks_api(dunia, rute):
    url = url_untuk(dunia, rute)
    aturan = CAKUPAN_API[rute.nama]
    if aturan is None:
        assert _panggil(Client(), "get", url).status_code == 200
        return
    metode, cakupan = aturan
    galat = []
    tanpa = _panggil(Client(), metode, url)
    if tanpa.status_code != 401:
        galat.append(f"no key → {tanpa.status_code}, expected 401")
    for lain in Cakupan:
        r = _panggil(_klien(dunia, [lain]), metode, url, _kiriman(dunia))
        if lain == cakupan and r.status_code not in (200, 201):
            galat.append(f"scope {lain} → {r.status_code} {r.content[:200]!r}, expected served")
        if lain != cakupan and r.status_code != 403:
            galat.append(f"scope {lain} → {r.status_code}, expected 403")
    semua = [c.value for c in Cakupan]
    sendiri = _panggil(_klien(dunia, semua, opd=dunia.dinkes), metode, url, _kiriman(dunia))
    if sendiri.status_code not in (200, 201):
        galat.append(f"key of Sari's OPD → {sendiri.status_code} {sendiri.content[:200]!r}, expected served")
    asing = _panggil(_klien(dunia, semua, opd=dunia.dpupr), metode, url, _kiriman(dunia))
    if rute.parameter or metode == "post":
        if asing.status_code not in (400, 404):
            galat.append(f"key of another OPD → {asing.status_code}, expected 404/400 (Sari is not theirs)")
    elif asing.status_code != 200 or dunia.sari.nip.encode() in asing.content:
        galat.append(f"key of another OPD → {asing.status_code}, or Sari listed (she must not be)")
    assert not galat, f"{rute.nama} {url}:\n" + "\n".join(galat)

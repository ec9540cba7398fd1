"""BPSDM's pages of API clients: create (key shown once), list (paged), revoke."""
from __future__ import annotations

import pytest
from django.test import Client

from bangkom.api.models import KlienAPI

pytestmark = pytest.mark.django_db


def test_buat_klien_kunci_tampil_sekali_lalu_dipakai(cast, masuk):
    c = masuk(cast.dewi)
    r = c.post("/integrasi/klien/baru/", {"nama": "LMS Provinsi", "cakupan": ["baca_jp", "tulis_kegiatan"],
                                          "opd": cast.dinkes.pk, "kedaluwarsa": ""}, follow=True)
    klien = KlienAPI.objects.get()
    assert klien.cakupan == ["baca_jp", "tulis_kegiatan"] and klien.opd == cast.dinkes
    html = r.content.decode()
    assert "Klien aktif sekarang: 1" in html
    kunci = html.split('id="kunci" readonly value="')[1].split('"')[0]
    assert kunci.startswith(f"bkm_{klien.awalan}_")
    assert Client(HTTP_AUTHORIZATION=f"Bearer {kunci}").get("/api/v1/pemenuhan/opd/").status_code == 200
    lagi = c.get(f"/integrasi/klien/{klien.pk}/kunci/").content.decode()
    assert kunci not in lagi and "tidak dapat ditampilkan lagi" in lagi
    assert "LMS Provinsi" in c.get("/integrasi/klien/").content.decode()


def test_form_menyimpan_isian_dan_pesan_jelas(cast, masuk):
    c = masuk(cast.dewi)
    r = c.post("/integrasi/klien/baru/", {"nama": "SIASN", "cakupan": [], "kedaluwarsa": "2000-01-01"})
    html = r.content.decode()
    assert r.status_code == 200 and 'value="SIASN"' in html
    assert "Pilih sedikitnya satu cakupan." in html and "tidak boleh sebelum hari ini" in html
    assert not KlienAPI.objects.exists()


def test_cabut_kunci(cast, masuk, kunci):
    klien, api = kunci()
    c = masuk(cast.dewi)
    r = c.post(f"/integrasi/klien/{klien.pk}/cabut/", follow=True)
    assert "dicabut" in r.content.decode() and "Klien aktif sekarang: 0" in r.content.decode()
    assert api.get("/api/v1/pegawai/").status_code == 401


def test_hanya_bpsdm(cast, masuk):
    c = masuk(cast.hasan)
    assert c.get("/integrasi/klien/").status_code == 403
    assert c.post("/integrasi/klien/baru/", {"nama": "x", "cakupan": ["baca_jp"]}).status_code == 403
    assert not KlienAPI.objects.exists()

"""The private iCalendar feed: parses with `icalendar`, lists the sessions one leads or takes part in,
and stops answering once revoked or replaced."""
from __future__ import annotations

import datetime as dt

import pytest
from django.test import Client
from django.utils import timezone
from icalendar import Calendar

from bangkom.api.kalender import kalender_buat, kalender_cabut
from bangkom.sesi.kontrak import IsiSesi
from bangkom.sesi.services import sesi_catat
from mentoring.models import PermintaanMentoring
from tests.keamanan.peta_url import _IndukMentoring

pytestmark = pytest.mark.django_db


@pytest.fixture
def sesi(cast):
    permintaan = PermintaanMentoring.objects.create(pemohon=cast.sari, mentor=cast.rina, topik="Analisis jabatan",
                                                    status=PermintaanMentoring.Status.DITERIMA)
    isi = IsiSesi(tanggal=timezone.localdate() - dt.timedelta(days=1), mulai=dt.time(9), selesai=dt.time(10, 30),
                  materi="Menyusun peta jabatan")
    return sesi_catat(jenis="mentoring", induk=_IndukMentoring(permintaan), pembimbing=cast.rina, peserta=[cast.sari],
                      isi=isi)


def _acara(resp):
    assert resp.status_code == 200 and resp["Content-Type"].startswith("text/calendar")
    return [k for k in Calendar.from_ical(resp.content).walk("VEVENT")]


def test_umpan_terbaca_icalendar_untuk_peserta_dan_pembimbing(cast, sesi):
    for orang in (cast.sari, cast.rina):
        (acara,) = _acara(Client().get(f"/api/kalender/{kalender_buat(pegawai=orang)}.ics"))
        assert str(acara["summary"]) == "Mentoring: Menyusun peta jabatan"
        assert acara.decoded("dtstart").hour == 9 and acara.decoded("dtend").minute == 30
        assert str(acara["uid"]) == f"sesi-{sesi.pk}@bangkom"
    assert _acara(Client().get(f"/api/kalender/{kalender_buat(pegawai=cast.joko)}.ics")) == []


def test_token_dicabut_atau_diganti_ditolak(cast, sesi):
    lama = kalender_buat(pegawai=cast.sari)
    baru = kalender_buat(pegawai=cast.sari)
    assert Client().get(f"/api/kalender/{lama}.ics").status_code == 404
    assert Client().get(f"/api/kalender/{baru}.ics").status_code == 200
    kalender_cabut(pegawai=cast.sari)
    assert Client().get(f"/api/kalender/{baru}.ics").status_code == 404
    assert Client().get("/api/kalender/tebakan-acak-yang-panjang-sekali.ics").status_code == 404


def test_halaman_kalender_tautan_sekali(cast, masuk, sesi):
    c = masuk(cast.sari)
    r = c.post("/integrasi/kalender/baru/", follow=True)
    html = r.content.decode()
    assert "Sesi dalam kalender: 1" in html
    url = html.split('id="url-kalender" readonly value="')[1].split('"')[0]
    assert url.endswith(".ics") and "/api/kalender/" in url
    assert Client().get(url[url.index("/api/"):]).status_code == 200
    lagi = c.get("/integrasi/kalender/").content.decode()
    assert url not in lagi and "tidak dapat ditampilkan lagi" in lagi
    c.post("/integrasi/kalender/cabut/")
    assert Client().get(url[url.index("/api/"):]).status_code == 404

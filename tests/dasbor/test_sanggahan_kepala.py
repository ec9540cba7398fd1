"""The kepala OPD's disputed sessions: the first few on the dashboard, all of them on their own page,
paged with the shared key paginator and searchable; only the OPD's own, only for its kepala."""
from datetime import time, timedelta

import pytest
from django.utils import timezone

from bangkom.dasbor import views
from bangkom.sesi.kontrak import IsiSesi
from bangkom.sesi.services import sesi_konfirmasi
from coaching.services import coaching_sesi_catat, kesepakatan_akui, kesepakatan_buat
from tests.factories import PegawaiFactory


@pytest.fixture
def tiga_disanggah(cast):
    hari_ini = timezone.localdate()
    k = kesepakatan_akui(kesepakatan=kesepakatan_buat(
        atasan=cast.budi, pegawai=cast.sari, kegiatan="SKP", tujuan="SKP tepat waktu", target="SKP selesai",
        mulai=hari_ini - timedelta(days=40), selesai=hari_ini + timedelta(days=10),
    ), oleh=cast.sari)
    daftar = []
    for i, (jam, materi) in enumerate(((8, "Rencana kerja"), (10, "Analisis beban kerja"), (13, "Laporan kinerja"))):
        isi = IsiSesi(tanggal=hari_ini - timedelta(days=i), mulai=time(jam), selesai=time(jam, 45), materi=materi)
        s = coaching_sesi_catat(kesepakatan=k, oleh=cast.budi, isi=isi)
        sesi_konfirmasi(sesi=s, oleh=cast.sari, setuju=False, alasan=f"Alasan {materi.lower()}")
        daftar.append(s)
    return daftar


def test_the_page_pages_with_the_shared_paginator_and_searches(cast, masuk, tiga_disanggah, monkeypatch):
    monkeypatch.setattr(views, "SANGGAHAN_PER_HALAMAN", 2)
    c = masuk(cast.hasan)
    r = c.get("/dasbor/kepala/sanggahan/")
    assert r.status_code == 200 and r.context["halaman"].paginator.count == 3
    assert [ps.sesi.materi for ps in r.context["halaman"]] == ["Rencana kerja", "Analisis beban kerja"]  # newest first
    assert "Halaman 1 dari 2" in r.content.decode() and "page=2" in r.content.decode()
    r = c.get("/dasbor/kepala/sanggahan/?page=2")
    assert [ps.sesi.materi for ps in r.context["halaman"]] == ["Laporan kinerja"]
    for q in ("beban", "alasan laporan", "Sari", "Budi Santoso"):
        assert c.get("/dasbor/kepala/sanggahan/", {"q": q}).context["halaman"].paginator.count >= 1, q
    r = c.get("/dasbor/kepala/sanggahan/", {"q": "beban"})
    assert [ps.sesi.materi for ps in r.context["halaman"]] == ["Analisis beban kerja"]
    assert "page=2" not in r.content.decode()
    r = c.get("/dasbor/kepala/sanggahan/", {"q": "tidak ada yang cocok"})
    assert "Tidak ada sesi disanggah yang cocok" in r.content.decode()


def test_the_dashboard_shows_the_first_and_links_to_all(cast, masuk, tiga_disanggah, monkeypatch):
    monkeypatch.setattr(views, "SANGGAHAN_DI_DASBOR", 2)
    r = masuk(cast.hasan).get("/dasbor/kepala/")
    assert len(r.context["disanggah"]) == 2 and r.context["disanggah_n"] == 3
    assert "Lihat semua 3 sesi yang disanggah" in r.content.decode()


def test_only_a_kepala_sees_only_their_own_opd(cast, masuk, tiga_disanggah, django_assert_max_num_queries):
    bambang = PegawaiFactory(nama="Bambang Wijaya", unit=cast.joko.unit, jabatan=cast.hasan.jabatan)
    cast.dpupr.kepala = bambang
    cast.dpupr.save()
    r = masuk(bambang).get("/dasbor/kepala/sanggahan/")
    assert r.status_code == 200 and r.context["halaman"].paginator.count == 0
    for orang in (cast.sari, cast.budi, cast.joko):
        assert masuk(orang).get("/dasbor/kepala/sanggahan/").status_code == 403, orang.nama
    c = masuk(cast.hasan)
    with django_assert_max_num_queries(16):  # the page's rows in a fixed number of queries
        assert c.get("/dasbor/kepala/sanggahan/").status_code == 200

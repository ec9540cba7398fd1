"""Coaching pages: the supervisor's list, new agreement, the agreement with its sessions, the
session form with the JP preview, one-tap paraf; the employee's side; what Joko and Rina get."""
from datetime import timedelta

import pytest
from django.utils import timezone

from bangkom.sesi.models import Sesi
from bangkom.sesi.services import sesi_konfirmasi
from coaching.models import KesepakatanCoaching
from coaching.services import kesepakatan_buat
from jp_conversion.models import RekapTahunan
from tests.factories import PegawaiFactory, paraf_lengkap


def data_sesi(jam=9, materi="Menyusun kerangka laporan", **kw):
    return {
        "tanggal": timezone.localdate().isoformat(), "mulai": f"{jam:02d}:00", "selesai": f"{jam:02d}:45",
        "materi": materi, "mode": "tatap_muka", "lingkup": "nasional", **kw,
    }


def test_the_supervisor_creates_an_agreement_for_a_subordinate(cast, masuk):
    c = masuk(cast.budi)
    halaman = c.get("/coaching/baru/")
    assert halaman.status_code == 200
    pilihan = halaman.context["form"].fields["pegawai"].queryset
    assert list(pilihan) == [cast.sari]
    today = timezone.localdate()
    r = c.post("/coaching/baru/", {
        "pegawai": cast.sari.pk, "kegiatan": "Laporan triwulan", "kesenjangan": "", "tujuan": "Tepat waktu",
        "target": "Selesai tanggal 10", "mulai": today.isoformat(), "selesai": (today + timedelta(days=30)).isoformat(),
    })
    k = KesepakatanCoaching.objects.get()
    assert r.status_code == 302 and r["Location"] == f"/coaching/{k.pk}/"
    assert (k.atasan, k.pegawai) == (cast.budi, cast.sari)


def test_the_agreement_form_keeps_input_and_refuses_someone_not_a_subordinate(cast, masuk):
    c = masuk(cast.budi)
    r = c.post("/coaching/baru/", {
        "pegawai": cast.joko.pk, "kegiatan": "Laporan triwulan", "tujuan": "", "target": "Target saya",
        "mulai": "2025-03-10", "selesai": "2025-03-01",
    })
    assert r.status_code == 200
    teks = r.content.decode()
    assert "bukan bawahan langsung Anda" in teks and "Tujuan wajib diisi." in teks
    assert "setelah periode mulai" in teks and "Laporan triwulan" in teks and "Target saya" in teks
    assert not KesepakatanCoaching.objects.exists()


@pytest.mark.parametrize("nama", ["sari", "joko", "rina"])
def test_only_supervisors_open_agreements(cast, masuk, nama):
    assert masuk(getattr(cast, nama)).get("/coaching/baru/").status_code == 403


def test_the_agreement_page_is_for_coach_coachee_and_their_line_only(cast, masuk, kesepakatan):
    url = f"/coaching/{kesepakatan.pk}/"
    for nama in ("budi", "sari", "hasan", "dewi"):
        assert masuk(getattr(cast, nama)).get(url).status_code == 200, nama
    for nama in ("joko", "rina", "agus"):
        assert masuk(getattr(cast, nama)).get(url).status_code == 404, nama
    assert masuk(cast.joko).get(f"/coaching/{kesepakatan.pk}/sesi/").status_code == 404
    assert masuk(cast.hasan).get(f"/coaching/{kesepakatan.pk}/sesi/").status_code == 403  # reads, never logs
    assert masuk(cast.hasan).post(f"/coaching/{kesepakatan.pk}/tutup/").status_code == 403


def test_the_employee_acknowledges_on_the_page(cast, masuk, kesepakatan_baru):
    kesepakatan = kesepakatan_baru
    c = masuk(cast.sari)
    assert "Saya memahami dan menyetujui" in c.get(f"/coaching/{kesepakatan.pk}/").content.decode()
    assert masuk(cast.budi).post(f"/coaching/{kesepakatan.pk}/akui/").status_code == 403
    c = masuk(cast.sari)
    c.post(f"/coaching/{kesepakatan.pk}/akui/")
    kesepakatan.refresh_from_db()
    assert kesepakatan.diakui
    assert "Saya memahami" not in c.get(f"/coaching/{kesepakatan.pk}/").content.decode()


def test_the_session_form_previews_2_jp_then_the_cap(cast, masuk, kesepakatan, catat_sesi):
    c = masuk(cast.budi)
    url = f"/coaching/{kesepakatan.pk}/sesi/"
    r = c.post(url, data_sesi(aksi="periksa"))
    teks = r.content.decode()
    assert "Pratinjau JP" in teks and "2 JP: sesi coaching nasional" in teks
    assert "Menyusun kerangka laporan" in teks  # the input is kept
    assert not Sesi.objects.exists()
    for jam in (7, 10):
        paraf_lengkap(catat_sesi(kesepakatan, jam=jam), cast.budi)
    teks = c.post(url, data_sesi(jam=13, aksi="periksa")).content.decode()
    assert "tidak dihitung: melebihi batas 2 sesi coaching" in teks


def test_saving_lands_on_the_agreement_with_one_tap_paraf(cast, masuk, kesepakatan):
    c = masuk(cast.budi)
    r = c.post(f"/coaching/{kesepakatan.pk}/sesi/", data_sesi(aksi="simpan"), follow=True)
    sesi = Sesi.objects.get()
    assert r.redirect_chain[-1][0] == f"/coaching/{kesepakatan.pk}/#menunggu-paraf"
    teks = r.content.decode()
    assert "Menunggu paraf Anda" in teks and f'action="/sesi/{sesi.pk}/paraf/"' in teks
    sesi_konfirmasi(sesi=sesi, oleh=cast.sari, setuju=True)  # the coachee stands behind it too
    r = c.post(f"/sesi/{sesi.pk}/paraf/", {"aksi": "setujui", "kembali": f"/coaching/{kesepakatan.pk}/"})
    assert r["Location"] == f"/coaching/{kesepakatan.pk}/"
    assert sesi.status == "disetujui"
    rekap = RekapTahunan.objects.get(pegawai=cast.sari, tahun=timezone.localdate().year)
    assert rekap.jp_coaching == 2


def test_session_errors_are_shown_beside_the_fields_and_nothing_is_lost(cast, masuk, kesepakatan, catat_sesi):
    catat_sesi(kesepakatan, jam=9, materi="Sesi pertama")
    c = masuk(cast.budi)
    besok = (timezone.localdate() + timedelta(days=1)).isoformat()
    teks = c.post(f"/coaching/{kesepakatan.pk}/sesi/", data_sesi(
        aksi="simpan", materi="Sesi bertumpuk", catatan_pra="Siapkan data"
    )).content.decode()
    assert "Waktu bertumpuk" in teks and "Sesi bertumpuk" in teks and "Siapkan data" in teks
    teks = c.post(f"/coaching/{kesepakatan.pk}/sesi/", data_sesi(aksi="simpan", tanggal=besok)).content.decode()
    assert "masa depan" in teks
    assert Sesi.objects.count() == 1


@pytest.mark.parametrize("nama,status", [("joko", 404), ("rina", 404), ("sari", 302), ("hasan", 302)])
def test_only_the_coach_initials_through_the_pages(cast, masuk, kesepakatan, catat_sesi, nama, status):
    sesi = catat_sesi(kesepakatan)
    r = masuk(getattr(cast, nama)).post(f"/sesi/{sesi.pk}/paraf/", {"aksi": "setujui"})
    assert r.status_code == status
    assert sesi.status == "diajukan"


def test_the_employee_sees_sessions_jp_and_why(cast, masuk, kesepakatan, catat_sesi):
    paraf_lengkap(catat_sesi(kesepakatan, jam=8, lingkup="internasional"), cast.budi)
    catat_sesi(kesepakatan, jam=10, materi="Menunggu")
    teks = masuk(cast.sari).get(f"/coaching/{kesepakatan.pk}/").content.decode()
    assert "4 JP: sesi coaching internasional" in teks and "Menunggu paraf" in teks
    assert "Menunggu paraf Anda" not in teks  # the coachee does not initial


def test_closing_asks_for_the_evaluation_note(cast, masuk, kesepakatan):
    c = masuk(cast.budi)
    r = c.post(f"/coaching/{kesepakatan.pk}/tutup/", {"status": "selesai", "catatan_evaluasi": ""})
    assert "Catatan evaluasi atau alasan wajib diisi." in r.content.decode()
    r = c.post(f"/coaching/{kesepakatan.pk}/tutup/", {"status": "selesai", "catatan_evaluasi": "Target tercapai"})
    kesepakatan.refresh_from_db()
    assert kesepakatan.status == "selesai"
    assert c.get(f"/coaching/{kesepakatan.pk}/sesi/").status_code == 302


def test_the_lists_search_paginate_and_keep_their_query_count(cast, masuk, django_assert_max_num_queries):
    today = timezone.localdate()
    for i in range(25):
        bawahan = PegawaiFactory(nama=f"Staf {i:02d}", unit=cast.sari.unit, atasan=cast.budi)
        kesepakatan_buat(
            atasan=cast.budi, pegawai=bawahan, kegiatan="Kegiatan", tujuan=f"Tujuan {i}", target="T",
            mulai=today - timedelta(days=5), selesai=today + timedelta(days=5),
        )
    c = masuk(cast.budi)
    with django_assert_max_num_queries(12):
        r = c.get("/coaching/?sebagai=coach")
    assert r.context["halaman"].paginator.count == 25 and len(r.context["halaman"]) == 20
    assert "sebagai=coach&amp;page=2" in r.content.decode() or "sebagai=coach&page=2" in r.content.decode()
    r = c.get("/coaching/?sebagai=coach&q=Staf 07")
    assert [k.pegawai.nama for k in r.context["halaman"]] == ["Staf 07"]
    assert masuk(cast.joko).get("/coaching/?sebagai=coach").context["halaman"].paginator.count == 0
    assert masuk(cast.sari).get("/coaching/").context["sebagai"] == "coachee"


def test_the_agreement_page_query_count_does_not_grow_with_sessions(
    cast, masuk, kesepakatan, catat_sesi, django_assert_max_num_queries
):
    for jam in range(7, 17, 2):
        catat_sesi(kesepakatan, jam=jam)
    c = masuk(cast.budi)
    with django_assert_max_num_queries(18):
        r = c.get(f"/coaching/{kesepakatan.pk}/")
    assert len(r.context["menunggu"]) == 5


def test_the_menu_and_the_profile_link_to_coaching(cast, masuk):
    assert 'href="/coaching/?sebagai=coachee"' in masuk(cast.sari).get("/").content.decode()
    teks = masuk(cast.budi).get(f"/pegawai/{cast.sari.pk}/").content.decode()
    assert f"/coaching/baru/?pegawai={cast.sari.pk}" in teks

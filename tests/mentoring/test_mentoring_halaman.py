"""Mentoring pages: request with suggestions, answer, sessions, access (another mentor and Joko
get nothing), lists with search/pagination in constant queries, mentor profiles."""
from datetime import time, timedelta

import pytest
from django.utils import timezone

from bangkom.sesi.kontrak import IsiSesi
from bangkom.sesi.models import Sesi
from mentoring import services
from mentoring.models import PermintaanMentoring
from tests.factories import JabatanFactory, MentorFactory, PegawaiFactory, paraf_lengkap

Status = PermintaanMentoring.Status


@pytest.fixture
def permintaan(cast):
    return services.permintaan_ajukan(pemohon=cast.sari, mentor=cast.rina, topik="Analisis beban kerja")


@pytest.fixture
def berjalan(cast, permintaan):
    return services.permintaan_terima(permintaan=permintaan, oleh=cast.rina, aspek="ABK")


def test_request_page_suggests_mentors_with_reasons_and_keeps_input(cast, masuk):
    c = masuk(cast.sari)
    r = c.get("/mentoring/ajukan/")
    html = r.content.decode()
    assert r.status_code == 200 and "Rina Marlina" in html and "atasan langsung" in html
    # searching posts the form back without saving and keeps what was typed
    r = c.post("/mentoring/ajukan/", {"topik": "Imunisasi", "kesenjangan": "level 2", "format": "satu_satu",
                                       "q": "Budi", "cari": "1"})
    html = r.content.decode()
    assert 'value="Imunisasi"' in html and "Budi Santoso" in html and not PermintaanMentoring.objects.exists()
    # an ineligible mentor id typed in the request: the same clear message, nothing lost
    tukang = PegawaiFactory(jabatan=JabatanFactory(rumpun="Teknik", tingkat=1), unit=cast.joko.unit)
    r = c.post("/mentoring/ajukan/", {"topik": "Imunisasi", "format": "satu_satu", "mentor": tukang.pk,
                                       "aksi": "simpan"})
    assert r.status_code == 200 and "tidak memenuhi syarat" in r.content.decode()
    assert 'value="Imunisasi"' in r.content.decode() and not PermintaanMentoring.objects.exists()
    r = c.post("/mentoring/ajukan/", {"topik": "Imunisasi", "format": "satu_satu", "mentor": cast.rina.pk,
                                       "aksi": "simpan"})
    p = PermintaanMentoring.objects.get()
    assert r.status_code == 302 and r.url == f"/mentoring/{p.pk}/" and p.mentor == cast.rina


def test_mentor_accepts_and_logs_a_session_with_preview(cast, masuk, permintaan):
    c = masuk(cast.rina)
    assert "Analisis beban kerja" in c.get("/mentoring/mentee/").content.decode()
    r = c.post(f"/mentoring/{permintaan.pk}/jawab/", {"aksi": "terima", "aspek": ""})
    assert r.status_code == 400 and "Tuliskan aspek" in r.content.decode()
    r = c.post(f"/mentoring/{permintaan.pk}/jawab/", {"aksi": "terima", "aspek": "ABK", "rencana_pertemuan": "Selasa"})
    assert r.status_code == 302
    hari_ini = timezone.localdate()
    data = {"tanggal": hari_ini.isoformat(), "mulai": "09:00", "selesai": "10:00", "materi": "ABK 1",
            "mode": "tatap_muka", "lingkup": "nasional"}
    r = c.post(f"/mentoring/{permintaan.pk}/sesi/baru/", {**data, "aksi": "periksa"})
    assert "Pratinjau JP" in r.content.decode() and not Sesi.objects.exists()
    r = c.post(f"/mentoring/{permintaan.pk}/sesi/baru/", {**data, "selesai": "08:00", "aksi": "simpan"})
    assert "Jam selesai harus setelah" in r.content.decode() and 'value="ABK 1"' in r.content.decode()
    r = c.post(f"/mentoring/{permintaan.pk}/sesi/baru/", {**data, "aksi": "simpan"})
    assert r.status_code == 302 and Sesi.objects.get().pembimbing == cast.rina


def test_the_employee_cannot_answer_nor_log_a_session_before_acceptance(cast, masuk, permintaan):
    c = masuk(cast.sari)
    assert c.post(f"/mentoring/{permintaan.pk}/jawab/", {"aksi": "terima", "aspek": "x"}).status_code == 403
    r = c.get(f"/mentoring/{permintaan.pk}/sesi/baru/", follow=True)
    assert r.redirect_chain[-1][0] == f"/mentoring/{permintaan.pk}/"
    assert "Sesi hanya dapat dicatat selama mentoring berjalan" in r.content.decode()


def test_another_mentor_and_joko_get_404(cast, masuk, berjalan):
    sesi = services.mentoring_sesi_catat(
        permintaan=berjalan, oleh=cast.rina,
        isi=IsiSesi(tanggal=timezone.localdate(), mulai=time(9), selesai=time(10), materi="ABK"),
    )
    mentor_lain = MentorFactory(pegawai=PegawaiFactory(unit=cast.rina.unit)).pegawai
    menteenya = PegawaiFactory(jabatan=JabatanFactory(rumpun="Kepegawaian"), unit=cast.rina.unit)
    services.permintaan_ajukan(pemohon=menteenya, mentor=mentor_lain, topik="x")
    for orang in (mentor_lain, cast.joko):
        c = masuk(orang)
        for url in (f"/mentoring/{berjalan.pk}/", f"/mentoring/{berjalan.pk}/sesi/baru/", f"/sesi/{sesi.pk}/",
                    f"/mentoring/pegawai/{cast.sari.pk}/"):
            assert c.get(url).status_code == 404, (orang.nama, url)
        assert c.post(f"/mentoring/{berjalan.pk}/akhiri/", {"alasan": "x"}).status_code == 404
        assert "Analisis beban kerja" not in c.get("/mentoring/mentee/").content.decode()
        assert "Analisis beban kerja" not in c.get("/mentoring/").content.decode()
        assert c.get("/mentoring/semua/").status_code == 403
    berjalan.refresh_from_db()
    assert berjalan.status == Status.DITERIMA


def test_supervisor_and_bpsdm_see_the_relationship(cast, masuk, berjalan):
    assert masuk(cast.budi).get(f"/mentoring/{berjalan.pk}/").status_code == 200
    c = masuk(cast.dewi)
    assert c.get(f"/mentoring/{berjalan.pk}/").status_code == 200
    assert "Analisis beban kerja" in c.get("/mentoring/semua/?q=Sari&status=diterima").content.decode()


def test_bpsdm_rematches_and_ends(cast, masuk, berjalan):
    c = masuk(cast.dewi)
    r = c.post(f"/mentoring/{berjalan.pk}/alihkan/", {"mentor": cast.budi.pk, "alasan": "Rina mutasi"})
    baru = PermintaanMentoring.objects.get(dialihkan_dari=berjalan)
    assert r.status_code == 302 and r.url == f"/mentoring/{baru.pk}/"
    html = c.get(f"/mentoring/{baru.pk}/").content.decode()
    assert "Riwayat pengalihan mentor" in html and "Rina Marlina" in html
    r = c.post(f"/mentoring/{baru.pk}/akhiri/", {"alasan": ""})
    assert r.status_code == 400 and "Alasan wajib diisi" in r.content.decode()
    c.post(f"/mentoring/{baru.pk}/akhiri/", {"alasan": "Tidak diperlukan lagi"})
    baru.refresh_from_db()
    assert baru.status == Status.DIAKHIRI and baru.diakhiri_oleh == cast.dewi


def test_pause_and_resume_from_the_page(cast, masuk, berjalan):
    c = masuk(cast.sari)
    c.post(f"/mentoring/{berjalan.pk}/jeda/", {"aksi": "jeda", "alasan": "Diklat"})
    berjalan.refresh_from_db()
    assert berjalan.status == Status.DIJEDA
    assert masuk(cast.rina).get(f"/mentoring/{berjalan.pk}/sesi/baru/").status_code == 302
    c = masuk(cast.rina)
    c.post(f"/mentoring/{berjalan.pk}/jeda/", {"aksi": "lanjutkan"})
    berjalan.refresh_from_db()
    assert berjalan.status == Status.DITERIMA


def test_lists_run_in_constant_queries(cast, masuk, django_assert_max_num_queries):
    for i in range(12):
        p = PegawaiFactory(jabatan=cast.sari.jabatan, unit=cast.budi.unit, atasan=cast.budi)
        services.permintaan_ajukan(pemohon=p, mentor=cast.rina, topik=f"Topik {i}")
    c = masuk(cast.rina)
    with django_assert_max_num_queries(14):
        assert c.get("/mentoring/mentee/").status_code == 200
    c = masuk(cast.dewi)
    with django_assert_max_num_queries(14):
        assert c.get("/mentoring/semua/").status_code == 200
    with django_assert_max_num_queries(14):
        assert c.get("/mentoring/mentor/").status_code == 200
    c = masuk(cast.sari)
    with django_assert_max_num_queries(20):  # + competency levels and the competency list
        assert c.get("/mentoring/ajukan/").status_code == 200


def test_mentor_profile_and_registration_by_bpsdm(cast, masuk, berjalan):
    c = masuk(cast.sari)
    html = c.get(f"/mentoring/mentor/pegawai/{cast.rina.pk}/").content.decode()
    assert "Pelayanan Kesehatan" in html and "1 dari 5 mentee aktif" in html
    assert c.get("/mentoring/mentor/baru/").status_code == 403
    calon = PegawaiFactory(nama="Calon Mentor")
    c = masuk(cast.dewi)
    r = c.post("/mentoring/mentor/baru/", {"nip": calon.nip, "bidang": "Perencanaan", "sertifikasi": "coach",
                                           "kapasitas": 3, "aktif": "on"})
    assert "Isi tanggal sertifikasi" in r.content.decode() and 'value="Perencanaan"' in r.content.decode()
    r = c.post("/mentoring/mentor/baru/", {"nip": calon.nip, "bidang": "Perencanaan", "sertifikasi": "coach",
                                           "tanggal_sertifikasi": "2024-05-01", "kapasitas": 3, "aktif": "on"})
    assert r.status_code == 302 and calon.profil_mentor.bersertifikat
    r = c.post("/mentoring/mentor/baru/", {"nip": calon.nip, "bidang": "x", "kapasitas": 3})
    assert "sudah terdaftar" in r.content.decode()
    r = c.post(f"/mentoring/mentor/{calon.profil_mentor.pk}/ubah/", {"bidang": "Perencanaan", "kapasitas": 0})
    assert "paling sedikit 1" in r.content.decode()


def test_menu_and_profile_link(cast, masuk, berjalan):
    assert "Mentee Saya" in masuk(cast.rina).get("/").content.decode()
    html = masuk(cast.sari).get("/").content.decode()
    assert 'href="/mentoring/"' in html and "Mentee Saya" not in html
    assert f"/mentoring/pegawai/{cast.sari.pk}/" in masuk(cast.budi).get(f"/pegawai/{cast.sari.pk}/").content.decode()


def test_after_14_days_the_employee_is_offered_other_mentors(cast, masuk):
    lama = timezone.localdate() - timedelta(days=15)
    p = services.permintaan_ajukan(pemohon=cast.sari, mentor=cast.rina, topik="ABK", hari_ini=lama)
    html = masuk(cast.sari).get(f"/mentoring/{p.pk}/").content.decode()
    assert "Belum dijawab 15 hari" in html and "Budi Santoso" in html and "atasan langsung" in html
    r = masuk(cast.sari).post(f"/mentoring/{p.pk}/alihkan/", {"mentor": cast.budi.pk})
    baru = PermintaanMentoring.objects.get(dialihkan_dari=p)
    assert r.url == f"/mentoring/{baru.pk}/" and baru.mentor == cast.budi


def test_kepala_sees_the_opd_relationships_but_cannot_act(cast, masuk, berjalan):
    c = masuk(cast.hasan)
    assert c.get(f"/mentoring/{berjalan.pk}/").status_code == 200
    assert c.post(f"/mentoring/{berjalan.pk}/jawab/", {"aksi": "tolak", "alasan": "x"}).status_code == 403
    assert c.post(f"/mentoring/{berjalan.pk}/akhiri/", {"alasan": "x"}).status_code == 403


def test_after_an_initialled_session_mentee_and_supervisor_can_rate(cast, masuk, berjalan):

    sesi = services.mentoring_sesi_catat(
        permintaan=berjalan, oleh=cast.rina,
        isi=IsiSesi(tanggal=timezone.localdate(), mulai=time(9), selesai=time(10), materi="ABK"),
    )
    assert "Nilai manfaat mentoring" not in masuk(cast.sari).get(f"/mentoring/{berjalan.pk}/").content.decode()
    paraf_lengkap(sesi, cast.rina)
    html = masuk(cast.sari).get(f"/mentoring/{berjalan.pk}/").content.decode()
    assert "Nilai manfaat mentoring" in html
    r = masuk(cast.sari).get(f"/sesi/evaluasi/mentoring.permintaanmentoring/{berjalan.pk}/manfaat/")
    assert r.status_code == 200
    assert "Nilai kontribusi" in masuk(cast.budi).get(f"/mentoring/{berjalan.pk}/").content.decode()

"""Pages: who sees what (Joko sees nothing of Sari's), the dialog and plan forms, BPSDM pages,
the gap map and its download, query counts."""
from datetime import timedelta

import pytest
from django.utils import timezone

from bangkom.kompetensi import services
from bangkom.kompetensi.models import BarisRencana, DialogKesenjangan, Kompetensi, StandarKompetensi
from tests.factories import PegawaiFactory

HARI_INI = timezone.localdate()


@pytest.fixture
def senjang(cast):
    kamus = {k.kode: k for k in Kompetensi.objects.all()}
    for kode, level in [("komunikasi", 3), ("integritas", 2)]:
        StandarKompetensi.objects.create(jabatan=cast.sari.jabatan, kompetensi=kamus[kode], level_standar=level)
    for p in (cast.sari, cast.joko):
        services.penilaian_catat(pegawai=p, kompetensi=kamus["komunikasi"], level=1, sumber="asesmen",
                                 tanggal=HARI_INI - timedelta(days=5), penilai=None)
    return kamus


def test_sari_sees_her_gaps_and_joko_gets_404(cast, senjang, masuk):
    url = f"/kompetensi/pegawai/{cast.sari.pk}/"
    r = masuk(cast.sari).get(url)
    assert r.status_code == 200 and "Komunikasi" in r.content.decode() and "Belum dinilai" in r.content.decode()
    assert masuk(cast.joko).get(url).status_code == 404
    assert masuk(cast.joko).get(f"/kompetensi/pegawai/{cast.sari.pk}/rencana/").status_code == 404
    k = senjang["komunikasi"].pk
    assert masuk(cast.joko).post(f"/kompetensi/pegawai/{cast.sari.pk}/dialog/{k}/",
                                 {"penyebab": "motivasi", "aksi": "simpan"}).status_code == 404
    assert not DialogKesenjangan.objects.exists()


def test_my_competency_link_goes_to_my_page(cast, masuk):
    r = masuk(cast.sari).get("/kompetensi/")
    assert r.status_code == 302 and r.url == f"/kompetensi/pegawai/{cast.sari.pk}/"


def test_budi_holds_the_dialog_sees_the_recommendation_and_keeps_what_he_typed(cast, senjang, masuk):
    c = masuk(cast.budi)
    url = f"/kompetensi/pegawai/{cast.sari.pk}/dialog/{senjang['komunikasi'].pk}/"
    r = c.post(url, {"penyebab": "motivasi", "catatan": "jenuh", "aksi": "periksa"})
    assert "Rekomendasi: Coaching" in r.content.decode() and "jenuh" in r.content.decode()
    assert not DialogKesenjangan.objects.exists()
    r = c.post(url, {"penyebab": "motivasi", "bentuk_dipilih": "mentoring", "catatan": "jenuh", "aksi": "simpan"})
    html = r.content.decode()
    assert "Tuliskan alasan" in html and "jenuh" in html
    r = c.post(url, {"penyebab": "motivasi", "aksi": "simpan"})
    assert r.status_code == 302
    d = DialogKesenjangan.objects.get()
    assert d.bentuk_dipilih == "coaching" and d.dikonfirmasi_atasan == cast.budi
    r = masuk(cast.sari).post(f"/kompetensi/pegawai/{cast.sari.pk}/dialog/konfirmasi/{d.pk}/")
    d.refresh_from_db()
    assert d.dikonfirmasi_lengkap


def test_hasan_the_kepala_may_read_but_not_hold_the_dialog(cast, senjang, masuk):
    url = f"/kompetensi/pegawai/{cast.sari.pk}/dialog/{senjang['komunikasi'].pk}/"
    c = masuk(cast.hasan)
    assert c.get(url).status_code == 200
    assert c.post(url, {"penyebab": "motivasi", "aksi": "simpan"}).status_code == 403


def test_a_plan_line_is_added_and_the_form_keeps_input_on_error(cast, senjang, masuk):
    c = masuk(cast.sari)
    url = f"/kompetensi/pegawai/{cast.sari.pk}/rencana/?tahun={HARI_INI.year}"
    r = c.post(url, {"bentuk": "belajar_mandiri", "uraian": "Membaca modul", "jp_direncanakan": "0",
                     "bulan_mulai": "3", "bulan_selesai": "2"})
    html = r.content.decode()
    assert "Membaca modul" in html and "paling sedikit" in html and "tidak boleh sebelum" in html
    r = c.post(url, {"bentuk": "belajar_mandiri", "uraian": "Membaca modul", "jp_direncanakan": "6",
                     "bulan_mulai": "2", "bulan_selesai": "3", "kompetensi": senjang["komunikasi"].pk})
    assert r.status_code == 302
    assert BarisRencana.objects.get().rencana.pegawai == cast.sari
    assert masuk(cast.hasan).post(url, {"bentuk": "coaching"}).status_code == 403


def test_assessment_sources_follow_the_role(cast, senjang, masuk):
    url = f"/kompetensi/pegawai/{cast.sari.pk}/penilaian/"
    r = masuk(cast.sari).get(url)
    assert "Penilaian diri" in r.content.decode() and "Penilaian atasan" not in r.content.decode()
    r = masuk(cast.sari).post(url, {"kompetensi": senjang["integritas"].pk, "level": "2", "sumber": "asesmen",
                                    "tanggal": HARI_INI.isoformat()})
    assert r.status_code == 200 and not cast.sari.penilaian_kompetensi.filter(sumber="asesmen",
                                                                              kompetensi__kode="integritas").exists()
    besok = (HARI_INI + timedelta(days=2)).isoformat()
    r = masuk(cast.budi).post(url, {"kompetensi": senjang["integritas"].pk, "level": "2",
                                    "sumber": "penilaian_atasan", "tanggal": besok})
    assert "masa depan" in r.content.decode()
    r = masuk(cast.budi).post(url, {"kompetensi": senjang["integritas"].pk, "level": "2",
                                    "sumber": "penilaian_atasan", "tanggal": HARI_INI.isoformat()})
    assert r.status_code == 302
    assert masuk(cast.hasan).get(url).status_code == 403
    assert masuk(cast.joko).get(url).status_code == 404


def test_the_gap_map_is_scoped_to_the_kepalas_opd(cast, senjang, masuk):
    c = masuk(cast.hasan)
    r = c.get("/kompetensi/peta/")
    html = r.content.decode()
    assert r.status_code == 200 and "Dinas Kesehatan" in html and "1 dari 1" in html
    assert "Dinas Pekerjaan Umum" not in html
    assert c.get(f"/kompetensi/peta/?opd={cast.dpupr.pk}").status_code == 404
    r = c.get("/kompetensi/peta/unduh/?format=csv")
    isi = r.content.decode("utf-8-sig")
    assert cast.sari.nip in isi and cast.joko.nip not in isi
    assert masuk(cast.sari).get("/kompetensi/peta/").status_code == 403
    assert masuk(cast.joko).get("/kompetensi/peta/unduh/?format=csv").status_code == 403
    r = masuk(cast.dewi).get("/kompetensi/peta/unduh/?format=csv")
    assert cast.joko.nip in r.content.decode("utf-8-sig")


def test_bpsdm_pages_are_for_bpsdm_only(cast, masuk):
    for url in ("/kompetensi/kamus/", "/kompetensi/standar/", "/kompetensi/standar/impor/",
                f"/kompetensi/standar/{cast.sari.jabatan.pk}/"):
        assert masuk(cast.joko).get(url).status_code == 403
        assert masuk(cast.dewi).get(url).status_code == 200


def test_bpsdm_edits_a_position_standard_with_the_formset(cast, masuk):
    c = masuk(cast.dewi)
    url = f"/kompetensi/standar/{cast.sari.jabatan.pk}/"
    kompetensi = list(Kompetensi.objects.filter(aktif=True).order_by("jenis", "urutan", "nama"))
    data = {"standar-TOTAL_FORMS": len(kompetensi), "standar-INITIAL_FORMS": len(kompetensi)}
    for i, k in enumerate(kompetensi):
        data[f"standar-{i}-kompetensi_id"] = k.pk
        data[f"standar-{i}-level"] = "3" if k.kode == "integritas" else ""
    assert c.post(url, data).status_code == 302
    assert list(StandarKompetensi.objects.values_list("kompetensi__kode", "level_standar")) == [("integritas", 3)]


def test_bpsdm_edits_the_dictionary_and_a_technical_competency_needs_its_field(cast, masuk):
    c = masuk(cast.dewi)
    data = {"kode": "sanitasi", "jenis": "teknis", "nama": "Sanitasi", "definisi": "d", "rumpun": "",
            "aktif": "on", "urutan": "60", "level-TOTAL_FORMS": "5", "level-INITIAL_FORMS": "0"}
    for i in range(5):
        data[f"level-{i}-deskripsi"] = f"Level {i + 1}"
    r = c.post("/kompetensi/kamus/tambah/", data)
    assert "rumpun" in r.content.decode() and "Sanitasi" in r.content.decode()
    data["rumpun"] = "Kesehatan Lingkungan"
    assert c.post("/kompetensi/kamus/tambah/", data).status_code == 302
    assert Kompetensi.objects.get(kode="sanitasi").level.count() == 5


def test_the_team_list_has_a_constant_number_of_queries(cast, senjang, masuk, django_assert_max_num_queries):
    c = masuk(cast.hasan)
    c.get("/kompetensi/pegawai/")
    for _ in range(8):
        PegawaiFactory(opd=cast.dinkes, unit=cast.sari.unit, jabatan=cast.sari.jabatan)
    with django_assert_max_num_queries(14):
        r = c.get("/kompetensi/pegawai/?q=")
    assert r.status_code == 200 and "Sari Wulandari" in r.content.decode()
    assert "Joko" not in masuk(cast.budi).get("/kompetensi/pegawai/").content.decode()

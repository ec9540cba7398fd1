"""JP pages, external activities and their verification; every test also asks what Joko gets."""
from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from bangkom.notifikasi.models import Notifikasi
from jp_conversion.eksternal import kegiatan_eksternal_ajukan
from jp_conversion.models import Kegiatan, KegiatanEksternal, StatusKegiatan, TargetJP
from jp_conversion.services import kegiatan_catat, kegiatan_paraf
from tests.factories import PegawaiFactory

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
HARI_INI = timezone.localdate()
KEMARIN = HARI_INI - timedelta(days=1) if HARI_INI.day > 1 else HARI_INI


def pdf(nama="sertifikat.pdf"):
    return SimpleUploadedFile(nama, PDF, content_type="application/pdf")


def ajukan(pegawai, **kw):
    data = dict(jenis="e_learning", tanggal=KEMARIN, materi="Literasi Digital ASN", penyelenggara="LMS ASN",
                sertifikat=pdf(), jp_belajar=Decimal("2"))
    data.update(kw)
    return kegiatan_eksternal_ajukan(pegawai=pegawai, **data)


def isian(**kw):
    data = {"jenis": "e_learning", "materi": "Literasi Digital ASN", "penyelenggara": "LMS ASN",
            "tanggal": KEMARIN.isoformat(), "lingkup": "nasional", "jp_belajar": "2", "aksi": "simpan"}
    data.update(kw)
    return data


# --- JP page ------------------------------------------------------------------------------------
def test_jp_saya_shows_progress_every_activity_its_reason_and_advice(cast, masuk, django_assert_max_num_queries):
    TargetJP.objects.create(tahun=HARI_INI.year, jenis_asn="PNS", target=Decimal("24"))
    k = kegiatan_catat(pegawai=cast.sari, jenis="coaching", tanggal=KEMARIN, materi="SKP", pembimbing=cast.budi)
    kegiatan_paraf(kegiatan=k, oleh=cast.budi, setuju=True)
    ajukan(cast.sari)
    kegiatan_catat(pegawai=cast.sari, jenis="mentoring", tanggal=date(HARI_INI.year - 1, 5, 5), materi="lama",
                   pembimbing=cast.rina)
    c = masuk(cast.sari)
    with django_assert_max_num_queries(14):
        r = c.get(reverse("jp:saya"))
    html = r.content.decode()
    assert "JP saya" in html and "2 JP</strong> dari target 24 JP" in html
    assert "2 JP: sesi coaching nasional" in html and "belum dihitung: menunggu paraf" in html
    assert "Literasi Digital ASN" in html and "Sisa 22 JP" in html
    assert f'<option value="{HARI_INI.year - 1}"' in html and "lama" not in html
    assert "JP Saya" in html  # the nav entry
    lalu = c.get(reverse("jp:saya"), {"tahun": HARI_INI.year - 1}).content.decode()
    assert "lama" in lalu and "sudah berakhir" in lalu
    assert c.get(reverse("jp:saya"), {"tahun": "abc"}).status_code == 200


def test_query_count_does_not_grow_with_activities(cast, masuk, django_assert_max_num_queries):
    for i in range(12):
        ajukan(cast.sari, materi=f"Kursus {i}", tanggal=HARI_INI - timedelta(days=i % 3))
    c = masuk(cast.sari)
    with django_assert_max_num_queries(14):
        assert c.get(reverse("jp:saya")).status_code == 200


def test_pppk_sees_the_ceiling_apart(cast, masuk):
    cast.sari.jenis_asn = "PPPK"
    cast.sari.save()
    html = masuk(cast.sari).get(reverse("jp:saya")).content.decode()
    assert "paling lama 24 JP setahun" in html


def test_who_sees_an_employees_jp(cast, masuk):
    url = reverse("jp:pegawai", args=[cast.sari.pk])
    for orang in (cast.sari, cast.budi, cast.hasan, cast.dewi):
        assert masuk(orang).get(url).status_code == 200
    assert masuk(cast.joko).get(url).status_code == 404
    assert masuk(cast.rina).get(url).status_code == 404
    assert "JP dan kegiatan pengembangan" in masuk(cast.budi).get(
        reverse("pegawai:detail", args=[cast.sari.pk])).content.decode()


# --- submitting ---------------------------------------------------------------------------------
def test_preview_shows_the_credit_and_keeps_what_was_typed(cast, masuk):
    c = masuk(cast.sari)
    r = c.post(reverse("jp:eksternal-ajukan"), isian(aksi="periksa", jp_belajar="5"))
    html = r.content.decode()
    assert r.status_code == 200 and "Pratinjau JP" in html
    assert "3 JP dari 5 JP: batas 3 JP per hari" in html
    assert 'value="Literasi Digital ASN"' in html
    assert not Kegiatan.objects.exists()


def test_submit_needs_a_certificate_and_keeps_the_form(cast, masuk):
    r = masuk(cast.sari).post(reverse("jp:eksternal-ajukan"), isian())
    assert "Unggah sertifikat atau bukti kegiatan." in r.content.decode()
    assert 'value="Literasi Digital ASN"' in r.content.decode()
    palsu = SimpleUploadedFile("a.pdf", b"bukan pdf")
    r = masuk(cast.sari).post(reverse("jp:eksternal-ajukan"), isian(sertifikat=palsu))
    assert "Isi berkas tidak sesuai" in r.content.decode()
    assert not Kegiatan.objects.exists()


def test_submit_shows_ledger_guards_beside_the_field(cast, masuk):
    c = masuk(cast.sari)
    r = c.post(reverse("jp:eksternal-ajukan"), isian(jenis="pelatihan", jp_belajar="", sertifikat=pdf()))
    assert "JP wajib diisi" in r.content.decode()
    besok = (HARI_INI + timedelta(days=1)).isoformat()
    r = c.post(reverse("jp:eksternal-ajukan"), isian(tanggal=besok, sertifikat=pdf()))
    assert "Tanggal tidak boleh di masa depan." in r.content.decode()
    r = c.post(reverse("jp:eksternal-ajukan"), isian(jenis="coaching", sertifikat=pdf()))
    assert "Jenis kegiatan tidak dikenal." in r.content.decode()
    assert not Kegiatan.objects.exists()


def test_submit_records_it_for_the_supervisor_and_tells_him(cast, masuk):
    r = masuk(cast.sari).post(reverse("jp:eksternal-ajukan"), isian(sertifikat=pdf(), jp_belajar="1,5"))
    e = KegiatanEksternal.objects.get()
    assert r.status_code == 302 and r.url == reverse("jp:eksternal", args=[e.pk])
    k = e.kegiatan
    assert (k.pegawai, k.pembimbing, k.status, k.jp_belajar) == (cast.sari, cast.budi, "diajukan", Decimal("1.5"))
    assert k.sumber == e and e.diajukan_oleh == cast.sari.user
    assert Notifikasi.objects.filter(penerima=cast.budi, tautan=reverse("jp:eksternal", args=[e.pk])).exists()


def test_fixed_value_forms_ignore_the_jp_typed(cast):
    e = ajukan(cast.sari, jenis="seminar", jp_belajar=Decimal("20"))
    assert e.kegiatan.jp_belajar is None


# --- certificate and verification ---------------------------------------------------------------
def test_certificate_download_is_access_checked(cast, masuk):
    e = ajukan(cast.sari)
    url = reverse("jp:eksternal-sertifikat", args=[e.pk])
    r = masuk(cast.budi).get(url)
    assert r.status_code == 200 and b"".join(r.streaming_content) == PDF
    assert masuk(cast.sari).get(url).status_code == 200
    assert masuk(cast.joko).get(url).status_code == 404
    assert masuk(cast.rina).get(url).status_code == 404
    assert masuk(cast.joko).get(reverse("jp:eksternal", args=[e.pk])).status_code == 404


def test_supervisor_verifies_and_the_employee_gets_the_jp(cast, masuk):
    e = ajukan(cast.sari)
    url = reverse("jp:eksternal-verifikasi", args=[e.pk])
    assert "Verifikasi (setujui)" in masuk(cast.budi).get(reverse("jp:eksternal", args=[e.pk])).content.decode()
    assert masuk(cast.joko).post(url, {"aksi": "setujui"}).status_code == 404
    assert masuk(cast.hasan).post(url, {"aksi": "setujui"}).status_code == 403  # sees it, may not verify
    assert masuk(cast.sari).post(url, {"aksi": "setujui"}).status_code == 403
    r = masuk(cast.budi).post(url, {"aksi": "setujui"})
    assert r.status_code == 302
    k = Kegiatan.objects.get(pk=e.kegiatan_id)
    assert (k.status, k.jp, k.alasan) == ("disetujui", Decimal("2.00"), "2 JP: e-learning nasional")
    assert Notifikasi.objects.filter(penerima=cast.sari, judul__startswith="Kegiatan diverifikasi").exists()
    masuk(cast.budi).post(url, {"aksi": "batal", "alasan": "Sertifikat buram"})
    assert Kegiatan.objects.get(pk=e.kegiatan_id).status == "diajukan"


def test_rejection_without_reason_is_refused_with_a_message(cast, masuk):
    e = ajukan(cast.sari)
    r = masuk(cast.budi).post(reverse("jp:eksternal-verifikasi", args=[e.pk]), {"aksi": "tolak"}, follow=True)
    assert "Alasan penolakan wajib diisi." in r.content.decode()
    assert Kegiatan.objects.get(pk=e.kegiatan_id).status == "diajukan"


def test_bpsdm_verifies_for_an_employee_without_supervisor(cast, masuk):
    lajang = PegawaiFactory(nama="Tanpa Atasan", unit=cast.sari.unit)
    e = ajukan(lajang)
    assert e.kegiatan.pembimbing is None
    assert masuk(cast.dewi).get(reverse("jp:verifikasi")).content.decode().count("Tanpa Atasan") == 1
    masuk(cast.dewi).post(reverse("jp:eksternal-verifikasi", args=[e.pk]), {"aksi": "setujui"})
    k = Kegiatan.objects.get(pk=e.kegiatan_id)
    assert (k.status, k.pembimbing, k.diparaf_oleh) == ("disetujui", cast.dewi, cast.dewi)


def test_waiting_list_and_approve_several(cast, masuk, django_assert_max_num_queries):
    es = [ajukan(cast.sari, materi=f"Kursus {i}", tanggal=HARI_INI - timedelta(days=i)) for i in range(3)]
    ajukan(cast.joko, materi="Milik Joko")
    c = masuk(cast.budi)
    with django_assert_max_num_queries(12):
        html = c.get(reverse("jp:verifikasi")).content.decode()
    assert "3 kegiatan menunggu verifikasi" in html and "Milik Joko" not in html
    assert "Kursus 1" in c.get(reverse("jp:verifikasi"), {"q": "kursus 1"}).content.decode()
    assert "Kursus 2" not in c.get(reverse("jp:verifikasi"), {"q": "kursus 1"}).content.decode()
    r = c.post(reverse("jp:verifikasi"), {"pilih": [es[0].pk, es[1].pk]}, follow=True)
    assert "2 kegiatan diverifikasi" in r.content.decode()
    assert list(Kegiatan.objects.filter(pegawai=cast.sari, status=StatusKegiatan.DISETUJUI).order_by("pk")) == [
        es[0].kegiatan, es[1].kegiatan]
    # Agus (Joko's supervisor) cannot approve Sari's through the list; Joko has no list at all
    masuk(cast.agus).post(reverse("jp:verifikasi"), {"pilih": [es[2].pk]})
    assert Kegiatan.objects.get(pk=es[2].kegiatan_id).status == "diajukan"
    assert masuk(cast.joko).get(reverse("jp:verifikasi")).status_code == 403


@pytest.mark.parametrize("nama", ["rina", "sari"])
def test_no_waiting_list_for_non_supervisors(cast, masuk, nama):
    assert masuk(getattr(cast, nama)).get(reverse("jp:verifikasi")).status_code == 403


def test_external_multi_day_training_through_the_form(cast, masuk):
    mulai = date(HARI_INI.year - 1, 3, 2)
    r = masuk(cast.sari).post(reverse("jp:eksternal-ajukan"), isian(
        jenis="pelatihan", jp_belajar="40", tanggal=mulai.isoformat(),
        tanggal_selesai=(mulai + timedelta(days=4)).isoformat(), sertifikat=pdf()))
    assert r.status_code == 302
    k = Kegiatan.objects.get(pegawai=cast.sari, jenis="pelatihan")
    assert (k.jp_belajar, k.jumlah_hari) == (Decimal("40"), 5)


@pytest.mark.parametrize("aksi", ["periksa", "simpan"])
def test_external_activity_before_2018_is_refused_beside_the_date(cast, masuk, aksi):
    r = masuk(cast.sari).post(reverse("jp:eksternal-ajukan"), isian(
        aksi=aksi, jenis="seminar", tanggal="2017-05-02", sertifikat=pdf()))
    assert r.status_code == 200
    assert r.context["form"].errors["tanggal"] == [
        "Tanggal sebelum 1 Januari 2018 (berlakunya aturan konversi JP pertama, Perlan 10/2018) tidak dapat dicatat."
    ]
    assert not Kegiatan.objects.filter(pegawai=cast.sari).exists()

"""The mentoring evaluation records the condition before and after and the
OPD's IKU it supports (optional), and the evaluation recap shows them."""
from datetime import time

import pytest
from django.utils import timezone

from bangkom.sesi.kontrak import IsiSesi
from bangkom.sesi.models import Evaluasi, IndikatorEvaluasi
from bangkom.sesi.selectors import evaluasi_hasil_kinerja
from bangkom.sesi.services import evaluasi_simpan, sesi_konfirmasi, sesi_paraf
from mentoring import services

URL = "/sesi/evaluasi/mentoring.permintaanmentoring/{}/{}/"


@pytest.fixture
def berjalan(cast):
    p = services.permintaan_ajukan(pemohon=cast.sari, mentor=cast.rina, topik="Analisis beban kerja")
    p = services.permintaan_terima(permintaan=p, oleh=cast.rina, aspek="ABK")
    sesi = services.mentoring_sesi_catat(
        permintaan=p, oleh=cast.rina,
        isi=IsiSesi(tanggal=timezone.localdate(), mulai=time(9), selesai=time(10), materi="ABK"),
    )
    sesi_paraf(sesi=sesi, oleh=cast.rina, setuju=True)
    sesi_konfirmasi(sesi=sesi, oleh=cast.sari, setuju=True)  # counted: both parties stood behind it
    return p


def _isian(skala, **lain):
    return {f"indikator_{i.pk}": 4 for i in IndikatorEvaluasi.objects.filter(skala=skala, aktif=True)} | lain


def test_the_mentee_records_before_after_and_iku_and_the_recap_shows_them(cast, masuk, berjalan):
    c = masuk(cast.sari)
    html = c.get(URL.format(berjalan.pk, "manfaat")).content.decode()
    assert "Kondisi sebelum mentoring" in html and "IKU perangkat daerah yang didukung" in html
    r = c.post(URL.format(berjalan.pk, "manfaat"), _isian(
        "manfaat", kondisi_sebelum="ABK seksi belum pernah disusun", kondisi_sesudah="ABK tiga jabatan selesai",
        iku_opd="Persentase jabatan dengan ABK mutakhir",
    ))
    assert r.status_code == 302
    e = Evaluasi.objects.get(penilai=cast.sari)
    assert (e.kondisi_sebelum, e.kondisi_sesudah, e.iku_opd) == (
        "ABK seksi belum pernah disusun", "ABK tiga jabatan selesai", "Persentase jabatan dengan ABK mutakhir")
    # editing again shows what was recorded
    assert "ABK tiga jabatan selesai" in c.get(URL.format(berjalan.pk, "manfaat")).content.decode()
    for orang in (cast.dewi, cast.hasan, cast.rina):
        html = masuk(orang).get("/sesi/evaluasi/rekap/").content.decode()
        assert "Persentase jabatan dengan ABK mutakhir" in html, orang
        assert "ABK seksi belum pernah disusun" in html and "ABK tiga jabatan selesai" in html
    assert "Persentase jabatan" not in masuk(cast.agus).get("/sesi/evaluasi/rekap/").content.decode()


def test_the_fields_are_optional_and_an_evaluation_without_them_is_not_listed(cast, masuk, berjalan):
    r = masuk(cast.sari).post(URL.format(berjalan.pk, "manfaat"), _isian("manfaat"))
    assert r.status_code == 302
    assert Evaluasi.objects.get().iku_opd == ""
    assert not evaluasi_hasil_kinerja(Evaluasi.objects.all()).exists()
    assert "Belum ada evaluasi yang mencatat kondisi" in masuk(cast.dewi).get("/sesi/evaluasi/rekap/").content.decode()


def test_the_supervisor_can_record_them_too_and_a_too_long_iku_is_refused(cast, masuk, berjalan):
    c = masuk(cast.budi)
    r = c.post(URL.format(berjalan.pk, "kontribusi"), _isian("kontribusi", iku_opd="x" * 301))
    assert r.status_code == 200 and "IKU paling banyak 300 karakter" in r.content.decode()
    r = c.post(URL.format(berjalan.pk, "kontribusi"), _isian("kontribusi", iku_opd="Indeks pelayanan publik"))
    assert r.status_code == 302 and Evaluasi.objects.get(penilai=cast.budi).iku_opd == "Indeks pelayanan publik"


def test_a_service_call_without_the_fields_keeps_what_was_recorded(cast, berjalan):
    skor = {i.pk: 4 for i in IndikatorEvaluasi.objects.filter(skala="manfaat", aktif=True)}
    isian = dict(skala="manfaat", induk=berjalan, jenis="mentoring", pembimbing=cast.rina, peserta=cast.sari,
                 penilai=cast.sari, skor=skor)
    evaluasi_simpan(**isian, iku_opd="IKU A", kondisi_sebelum="Sebelum")
    evaluasi_simpan(**isian, catatan="Ubah catatan saja")
    e = Evaluasi.objects.get()
    assert (e.iku_opd, e.kondisi_sebelum, e.catatan) == ("IKU A", "Sebelum", "Ubah catatan saja")

"""Evaluation pages (generic over the relationship, used by coaching here) and the recap with
its Excel export (RULES §5)."""
from io import BytesIO

import pytest
from openpyxl import load_workbook

from bangkom.sesi.models import Evaluasi, IndikatorEvaluasi
from bangkom.sesi.services import evaluasi_simpan
from tests.factories import paraf_lengkap


@pytest.fixture
def diparaf(cast, kesepakatan, catat_sesi):
    paraf_lengkap(catat_sesi(kesepakatan), cast.budi)
    return kesepakatan


def url(k, skala):
    return f"/sesi/evaluasi/coaching.kesepakatancoaching/{k.pk}/{skala}/"


def isian(skala, nilai):
    indikator = IndikatorEvaluasi.objects.filter(skala=skala)
    data = {f"indikator_{i.pk}": str(n) for i, n in zip(indikator, nilai, strict=False)}
    return data | {"catatan": "Bermanfaat"}


def test_the_coachee_rates_only_after_an_initialled_session(cast, masuk, kesepakatan, catat_sesi):
    c = masuk(cast.sari)
    assert c.get(url(kesepakatan, "manfaat")).status_code == 404
    s = catat_sesi(kesepakatan)
    assert c.get(url(kesepakatan, "manfaat")).status_code == 404  # waiting for paraf
    paraf_lengkap(s, cast.budi)
    teks = c.get(url(kesepakatan, "manfaat")).content.decode()
    assert "1 · Sangat tidak setuju" in teks and "5 · Sangat setuju" in teks
    assert "Kualitas hasil kerja" in teks


def test_the_coachee_rating_is_kept_on_errors_and_saved_once(cast, masuk, diparaf):
    c = masuk(cast.sari)
    data = isian("manfaat", [4, 5, 3, 4])
    tidak_lengkap = dict(data)
    tidak_lengkap.pop(next(iter(tidak_lengkap)))
    teks = c.post(url(diparaf, "manfaat"), tidak_lengkap).content.decode()
    assert "Beri nilai untuk “Pemahaman terhadap tugas dan fungsi jabatan”." in teks
    assert teks.count("checked") == 3  # the three answered indicators stay chosen
    assert not Evaluasi.objects.exists()
    r = c.post(url(diparaf, "manfaat"), data)
    assert r.status_code == 302 and r["Location"] == f"/coaching/{diparaf.pk}/"
    e = Evaluasi.objects.get()
    assert (e.peserta, e.pembimbing, e.penilai, e.jenis) == (cast.sari, cast.budi, cast.sari, "coaching")
    assert sorted(e.skor.values_list("skor", flat=True)) == [3, 4, 4, 5]
    c.post(url(diparaf, "manfaat"), isian("manfaat", [5, 5, 5, 5]))
    assert Evaluasi.objects.count() == 1 and set(e.skor.values_list("skor", flat=True)) == {5}


def test_the_supervisor_rates_the_contribution(cast, masuk, diparaf):
    c = masuk(cast.budi)  # Sari's atasan (and here also her coach)
    assert "1 · Sangat rendah" in c.get(url(diparaf, "kontribusi")).content.decode()
    assert c.post(url(diparaf, "kontribusi"), isian("kontribusi", [4, 4, 4, 4, 4])).status_code == 302
    assert Evaluasi.objects.get().skala == "kontribusi"
    assert c.get(url(diparaf, "manfaat")).status_code == 404  # Budi is not a participant


@pytest.mark.parametrize("nama", ["joko", "rina", "hasan", "dewi"])
def test_others_cannot_rate(cast, masuk, diparaf, nama):
    c = masuk(getattr(cast, nama))
    for skala in ("manfaat", "kontribusi", "lain"):
        assert c.get(url(diparaf, skala)).status_code == 404
    assert c.get(f"/sesi/evaluasi/pegawai.pegawai/{cast.sari.pk}/manfaat/").status_code == 404
    assert c.get("/sesi/evaluasi/tidak.ada/1/manfaat/").status_code == 404


def _nilai(cast, k, manfaat, kontribusi):
    ids = {s: [i.pk for i in IndikatorEvaluasi.objects.filter(skala=s)] for s in ("manfaat", "kontribusi")}
    evaluasi_simpan(skala="manfaat", induk=k, jenis="coaching", pembimbing=k.atasan, peserta=k.pegawai,
                    penilai=k.pegawai, skor=dict(zip(ids["manfaat"], manfaat, strict=True)))
    evaluasi_simpan(skala="kontribusi", induk=k, jenis="coaching", pembimbing=k.atasan, peserta=k.pegawai,
                    penilai=k.pegawai.atasan, skor=dict(zip(ids["kontribusi"], kontribusi, strict=True)))


def test_the_recap_per_pembimbing_opd_and_year_with_excel(cast, masuk, diparaf):
    _nilai(cast, diparaf, [4, 5, 4, 4], [3, 4, 4, 4, 5])
    c = masuk(cast.dewi)
    r = c.get("/sesi/evaluasi/rekap/?per=pembimbing")
    assert r.status_code == 200
    (baris,) = r.context["halaman"]
    assert baris.nama == cast.budi.nama_lengkap
    assert str(baris.manfaat.rata_rata) == "4.25" and baris.manfaat.kategori == "Sangat Baik"
    assert str(baris.kontribusi.rata_rata) == "4.00" and baris.kontribusi.kategori == "Tinggi"
    assert [b.nama for b in c.get("/sesi/evaluasi/rekap/?per=opd").context["halaman"]] == ["Dinas Kesehatan"]
    per_tahun = c.get("/sesi/evaluasi/rekap/?per=tahun").context["halaman"]
    assert [b.nama for b in per_tahun] == [str(Evaluasi.objects.first().tanggal.year)]
    r = c.get("/sesi/evaluasi/rekap/?per=pembimbing&format=xlsx")
    assert r["Content-Type"].startswith("application/vnd.openxmlformats")
    ws = load_workbook(BytesIO(r.content)).active
    kepala = [sel.value for sel in ws[1]]
    assert kepala[0] == "Pembimbing" and "Rata-rata manfaat" in kepala and "Kualitas hasil kerja" in kepala
    budi = [sel.value for sel in ws[2]]
    assert budi[0] == cast.budi.nama_lengkap and budi[1] == 1
    nilai = budi[kepala.index("Rata-rata manfaat")]
    assert isinstance(nilai, int | float) and abs(nilai - 4.25) < 1e-9
    assert budi[kepala.index("Kategori kontribusi")] == "Tinggi"
    assert [sel.value for sel in ws[3]][0] == "Keseluruhan"


def test_the_recap_is_scoped(cast, masuk, diparaf):
    _nilai(cast, diparaf, [4, 4, 4, 4], [4, 4, 4, 4, 4])
    assert len(masuk(cast.budi).get("/sesi/evaluasi/rekap/").context["halaman"]) == 1  # his own
    assert len(masuk(cast.hasan).get("/sesi/evaluasi/rekap/").context["halaman"]) == 1  # his OPD
    assert len(masuk(cast.rina).get("/sesi/evaluasi/rekap/").context["halaman"]) == 0  # not her mentee
    assert len(masuk(cast.agus).get("/sesi/evaluasi/rekap/").context["halaman"]) == 0  # other OPD
    assert masuk(cast.joko).get("/sesi/evaluasi/rekap/").status_code == 403
    assert masuk(cast.sari).get("/sesi/evaluasi/rekap/").status_code == 403
    r = masuk(cast.dewi).get("/sesi/evaluasi/rekap/?per=pembimbing&q=tidak-ada&tahun=2001")
    assert len(r.context["halaman"]) == 0 and "Belum ada evaluasi yang cocok" in r.content.decode()


def test_the_recap_query_count_is_flat(cast, masuk, diparaf, django_assert_max_num_queries):
    _nilai(cast, diparaf, [4, 4, 4, 4], [4, 4, 4, 4, 4])
    c = masuk(cast.dewi)
    with django_assert_max_num_queries(18):
        c.get("/sesi/evaluasi/rekap/?per=opd")

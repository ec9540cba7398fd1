import pytest
from django.core.cache import cache
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import RequestFactory
from django.urls import reverse

from bangkom.dokumen import lembar
from bangkom.dokumen.views import BATAS_VERIFIKASI_PER_MENIT
from bangkom.lib import batas
from bangkom.pegawai.nip import samarkan
from jp_conversion.services import kegiatan_batal_paraf
from tests.dokumen.test_dokumen_lembar import TAHUN_2025


@pytest.fixture(autouse=True)
def _cache_bersih():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def terbit(cast, coaching_sari):
    return lembar.lembar_terbitkan(pegawai=cast.sari, jenis="coaching", mulai=TAHUN_2025[0], selesai=TAHUN_2025[1])


def test_halaman_publik_tanpa_data_pribadi(client, cast, terbit):
    lembar_terbit, _ = terbit
    resp = client.get(reverse("verifikasi:detail", args=[lembar_terbit.kode.lower()]))
    assert resp.status_code == 200
    html = resp.content.decode()
    assert "BERLAKU" in html and "TIDAK BERLAKU" not in html
    assert samarkan(cast.sari.nip) in html
    assert cast.sari.nip not in html
    assert "Sari" not in html and "Wulandari" not in html and "Budi" not in html
    assert "Tahun 2025" in html and "Coaching" in html
    assert lembar_terbit.sha256 in html
    assert "PAdES" in html  # signed by the demo identity by default
    assert ">2<" in html  # number of approved sessions
    assert "Analisis beban kerja" not in html  # no activity content either


def test_kegiatan_berubah_tidak_berlaku_lagi(client, cast, coaching_sari, terbit):
    kegiatan_batal_paraf(kegiatan=coaching_sari[1], oleh=cast.budi, alasan="Tanggal keliru")
    resp = client.get(reverse("verifikasi:detail", args=[terbit[0].kode]))
    assert "TIDAK BERLAKU LAGI: kegiatan telah berubah; terbitkan lembar baru" in resp.content.decode()


def test_unggah_pdf_asli_cocok_yang_diubah_tidak(client, terbit):
    lembar_terbit, pdf = terbit
    url = reverse("verifikasi:detail", args=[lembar_terbit.kode])
    resp = client.post(url, {"berkas": SimpleUploadedFile("lembar.pdf", pdf, "application/pdf")})
    assert "COCOK:" in resp.content.decode() and "TIDAK COCOK" not in resp.content.decode()
    tengah = len(pdf) // 2
    diubah = pdf[:tengah] + bytes([pdf[tengah] ^ 0x01]) + pdf[tengah + 1:]  # one bit flipped
    assert diubah != pdf
    resp = client.post(url, {"berkas": SimpleUploadedFile("lembar.pdf", diubah, "application/pdf")})
    assert "TIDAK COCOK" in resp.content.decode()
    resp = client.post(url, {"berkas": SimpleUploadedFile("lembar.pdf", b"bukan pdf", "application/pdf")})
    assert "Isi berkas tidak sesuai" in resp.content.decode()


def test_kode_tidak_dikenal_404(client, db):
    resp = client.get(reverse("verifikasi:detail", args=["ZZZZZZZZZZ"]))
    assert resp.status_code == 404
    assert "tidak terdaftar" in resp.content.decode()


def test_batas_permintaan_per_ip(client, db):
    url = reverse("verifikasi:detail", args=["ZZZZZZZZZZ"])
    for _ in range(BATAS_VERIFIKASI_PER_MENIT):
        assert client.get(url).status_code == 404
    resp = client.get(url)
    assert resp.status_code == 429
    assert "Terlalu banyak permintaan" in resp.content.decode()
    assert client.get(url, REMOTE_ADDR="10.0.0.9").status_code == 404  # another client is not affected


def test_jendela_batas_bergeser(monkeypatch):
    rf = RequestFactory()
    waktu = [1_000_000.0]
    monkeypatch.setattr(batas.time, "time", lambda: waktu[0])
    req = rf.get("/", REMOTE_ADDR="10.1.1.1")
    hasil = [batas.lampaui(req, nama="uji", batas=3) for _ in range(4)]
    assert hasil == [False, False, False, True]
    waktu[0] += 60
    assert batas.lampaui(req, nama="uji", batas=3) is False

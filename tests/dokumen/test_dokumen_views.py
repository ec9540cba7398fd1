import hashlib
import io
import zipfile
from datetime import date

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse

from bangkom.dokumen import ekspor, lembar
from bangkom.dokumen.models import LembarTerbit, ProsesEkspor
from tests.dokumen.conftest import teks_pdf


def _url(pegawai, jenis="coaching"):
    return reverse("dokumen:lembar", args=[pegawai.pk, jenis])


def test_unduh_lembar_sendiri_dan_atasan(masuk, cast, coaching_sari):
    resp = masuk(cast.budi).post(_url(cast.sari), {"tahun": 2025})
    assert resp.status_code == 200 and resp["Content-Type"] == "application/pdf"
    terbit = LembarTerbit.objects.get()
    assert resp["X-Kode-Verifikasi"] == terbit.kode
    assert terbit.sha256 == hashlib.sha256(resp.content).hexdigest()
    assert terbit.diterbitkan_oleh == cast.budi.user
    assert f"lembar-coaching-{cast.sari.nip}-2025.pdf" in resp["Content-Disposition"]


def test_orang_luar_tidak_dapat_mengunduh(masuk, cast, coaching_sari):
    assert masuk(cast.joko).post(_url(cast.sari), {"tahun": 2025}).status_code == 404
    assert not LembarTerbit.objects.exists()


def test_salinan_internal_dan_rentang_tanggal(masuk, cast, coaching_sari):
    resp = masuk(cast.sari).post(_url(cast.sari), {"mulai": "2025-03-01", "selesai": "2025-05-31", "internal": "1"})
    teks = teks_pdf(resp.content)
    assert "1 Maret 2025 s.d. 31 Mei 2025" in teks and "[MENUNGGU PARAF]" in teks
    assert "Menyusun rencana kerja" not in teks  # February: outside the range
    assert LembarTerbit.objects.get().internal


def test_periode_salah_pesan_jelas_dan_isian_tetap(masuk, cast):
    klien = masuk(cast.sari)
    resp = klien.post(_url(cast.sari), {"mulai": "2025-06-01", "selesai": "2025-01-01"})
    assert resp.status_code == 400
    html = resp.content.decode()
    assert "Tanggal selesai harus sama dengan atau setelah tanggal mulai." in html
    assert 'value="2025-06-01"' in html
    assert klien.post(_url(cast.sari), {"tahun": "1850"}).status_code == 400
    assert klien.post(_url(cast.sari, "diklat"), {"tahun": 2025}).status_code == 404
    resp = klien.get(_url(cast.sari))  # no period: the choice page
    assert resp.status_code == 200 and "Pilih tahun" in resp.content.decode()


def test_lembar_hanya_diterbitkan_dengan_post(masuk, cast, coaching_sari):
    """A GET (a link, a prefetcher, a crawler) shows the period form prefilled and issues nothing."""
    resp = masuk(cast.sari).get(_url(cast.sari), {"tahun": 2025})
    assert resp.status_code == 200 and resp["Content-Type"].startswith("text/html")
    assert 'value="2025"' in resp.content.decode() and 'method="post"' in resp.content.decode()
    assert not LembarTerbit.objects.exists()


@pytest.mark.parametrize("periode, kolom", [
    ({"tahun": "2017"}, "Tahun harus antara 2018"),
    ({"mulai": "2017-06-01", "selesai": "2018-01-31"}, "Perlan 10/2018"),
    ({"mulai": "2025-06-01", "selesai": f"{date.today().year + 2}-01-31"}, "tidak dapat dicatat"),
])
def test_periode_lembar_di_dalam_tahun_data(masuk, cast, periode, kolom):
    resp = masuk(cast.sari).post(_url(cast.sari), periode)
    assert resp.status_code == 400 and kolom in resp.content.decode()
    assert not LembarTerbit.objects.exists()


def test_profil_pegawai_menautkan_tiga_lembar(masuk, cast):
    html = masuk(cast.budi).get(reverse("pegawai:detail", args=[cast.sari.pk])).content.decode()
    for jenis in ("coaching", "mentoring", "belajar_mandiri"):
        assert _url(cast.sari, jenis) in html


@pytest.fixture
def dinkes_2025(cast, catat, coaching_sari):
    """Sari: coaching (2 approved); Rina: mentoring with Hasan (1 approved); Budi: only waiting."""
    catat(cast.rina, "mentoring", date(2025, 7, 1), "Kepemimpinan pelayanan", cast.hasan)
    catat(cast.budi, "coaching", date(2025, 7, 2), "Belum diparaf", cast.hasan, setuju=None)


def _zip(resp):
    isi = b"".join(resp.streaming_content)
    return zipfile.ZipFile(io.BytesIO(isi))


def test_ekspor_massal_kepala_opd(masuk, cast, dinkes_2025, monkeypatch):
    klien = masuk(cast.hasan)
    assert f'href="{reverse("dokumen:ekspor")}"' in klien.get(reverse("beranda")).content.decode()
    asli = lembar.lembar_terbitkan

    def kadang_gagal(**kw):
        if kw["pegawai"].pk == cast.rina.pk:
            raise RuntimeError("font rusak (uji)")
        return asli(**kw)

    monkeypatch.setattr(lembar, "lembar_terbitkan", kadang_gagal)
    resp = klien.post(reverse("dokumen:ekspor"), {
        "opd": cast.dinkes.pk, "jenis": ["coaching", "mentoring", "belajar_mandiri"], "tahun": 2025,
    })
    proses = ProsesEkspor.objects.get()
    assert resp.status_code == 302 and resp["Location"] == reverse("dokumen:ekspor-detail", args=[proses.pk])
    assert (proses.status, proses.total, proses.selesai_n, proses.jumlah_gagal) == ("selesai", 2, 2, 1)
    status = klien.get(reverse("dokumen:ekspor-status", args=[proses.pk])).json()
    assert status["persen"] == 100 and status["unduh"] == reverse("dokumen:ekspor-unduh", args=[proses.pk])
    assert "Unduh ZIP" in klien.get(reverse("dokumen:ekspor-detail", args=[proses.pk])).content.decode()

    zf = _zip(klien.get(status["unduh"]))
    nama = zf.namelist()
    assert f"{cast.sari.nip}/lembar-coaching-{cast.sari.nip}-2025.pdf" in nama
    assert "indeks.csv" in nama and len(nama) == 2
    indeks = zf.read("indeks.csv").decode("utf-8-sig")
    assert "GAGAL" in indeks and "font rusak (uji)" in indeks and cast.rina.nip in indeks
    assert "berhasil" in indeks
    assert "Tabel Kegiatan Coaching".upper() in teks_pdf(zf.read(nama[0]))
    # access to the ZIP: the requester and BPSDM only
    assert masuk(cast.joko).get(status["unduh"]).status_code == 404
    assert masuk(cast.budi).get(reverse("dokumen:ekspor-status", args=[proses.pk])).status_code == 404
    assert masuk(cast.dewi).get(status["unduh"]).status_code == 200


def test_ekspor_massal_hak_akses(masuk, cast):
    assert masuk(cast.joko).get(reverse("dokumen:ekspor")).status_code == 403
    cast.dpupr.kepala = cast.agus
    cast.dpupr.save()
    klien = masuk(cast.agus)
    form = klien.get(reverse("dokumen:ekspor")).content.decode()
    assert "Dinas Pekerjaan Umum" in form and "Dinas Kesehatan" not in form
    resp = klien.post(reverse("dokumen:ekspor"), {"opd": cast.dinkes.pk, "jenis": ["coaching"], "tahun": 2025})
    assert resp.status_code == 403
    assert not ProsesEkspor.objects.exists()


def test_ekspor_form_pesan_galat(masuk, cast):
    resp = masuk(cast.dewi).post(reverse("dokumen:ekspor"), {"opd": cast.dinkes.pk, "tahun": 1900})
    html = resp.content.decode()
    assert resp.status_code == 200
    assert "Pilih sedikitnya satu jenis lembar." in html and "Tahun harus antara" in html
    assert not ProsesEkspor.objects.exists()


def test_broker_tidak_terjangkau_dijalankan_langsung(cast, dinkes_2025):
    from bangkom.dokumen import tasks

    conf = tasks.ekspor_lembar.app.conf
    semula = {"task_always_eager": conf.task_always_eager, "broker_url": conf.broker_url}
    proses = ekspor.ekspor_mulai(oleh=cast.dewi.user, opd=cast.dinkes, jenis=["mentoring"], tahun=2025)
    conf.update(task_always_eager=False, broker_url="redis://127.0.0.1:1/0")  # nothing listens on port 1
    try:
        assert ekspor.ekspor_antrekan(proses, tasks.ekspor_lembar) is True
    finally:
        conf.update(semula)
    proses.refresh_from_db()
    assert proses.status == "selesai" and proses.total == 1
    assert proses.catatan == ekspor.CATATAN_TANPA_BROKER


def test_perintah_export_lembar_kegiatan(cast, dinkes_2025, tmp_path):
    pdf = tmp_path / "sari.pdf"
    call_command("export_lembar_kegiatan", "--tahun", "2025", "--nip", cast.sari.nip, "--jenis", "coaching",
                 "--output", str(pdf))
    assert LembarTerbit.objects.get().sha256 == hashlib.sha256(pdf.read_bytes()).hexdigest()
    zf = tmp_path / "dinkes.zip"
    call_command("export_lembar_kegiatan", "--tahun", "2025", "--opd", "DINKES", "--jenis", "mentoring",
                 "--output", str(zf))
    nama = zipfile.ZipFile(zf).namelist()
    assert nama == [f"{cast.rina.nip}/lembar-mentoring-{cast.rina.nip}-2025.pdf", "indeks.csv"]
    with pytest.raises(CommandError, match="tidak ditemukan"):
        call_command("export_lembar_kegiatan", "--tahun", "2025", "--opd", "XXX", "--output", str(zf))

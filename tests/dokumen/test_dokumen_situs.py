"""The address in the QR code (issue 18): SITUS_URL, required when DEBUG=0; in development the
host of the request that issued the sheet. The QR code is decoded from the rendered page (poppler's
pdftoppm + zbarimg) when those tools are there, and the printed URL is checked in any case."""
import os
import shutil
import subprocess
import sys
import zipfile
from io import BytesIO
from pathlib import Path

import pytest
from django.urls import reverse

from bangkom.dokumen.models import LembarTerbit, ProsesEkspor
from tests.dokumen.conftest import teks_pdf
from tests.dokumen.test_dokumen_tandatangan import terbitkan

AKAR = Path(__file__).resolve().parents[2]
ALAT_QR = shutil.which("pdftoppm") and shutil.which("zbarimg")


def qr_dari_pdf(pdf: bytes, tmp_path: Path) -> list[str]:
    """Every QR code on page 1, decoded by zbar from a 200 dpi rendering."""
    if not ALAT_QR:
        pytest.skip("pdftoppm (poppler-utils) atau zbarimg (zbar-tools) tidak terpasang")
    (tmp_path / "lembar.pdf").write_bytes(pdf)
    subprocess.run(["pdftoppm", "-r", "200", "-png", "-f", "1", "-l", "1", str(tmp_path / "lembar.pdf"),
                    str(tmp_path / "hal")], check=True, timeout=60)
    (gambar,) = tmp_path.glob("hal*.png")
    hasil = subprocess.run(["zbarimg", "--quiet", "--raw", "-Sdisable", "-Sqrcode.enable", str(gambar)],
                           capture_output=True, text=True, timeout=60)
    return hasil.stdout.split()


def test_qr_points_to_situs_url(cast, coaching_sari, settings, tmp_path):
    settings.SITUS_URL = "https://bangkom.example.go.id/"
    terbit, pdf = terbitkan(cast.sari, situs="http://penyerang.example")  # a request host is ignored
    url = f"https://bangkom.example.go.id/verifikasi/{terbit.kode}/"
    assert url in teks_pdf(pdf)
    assert qr_dari_pdf(pdf, tmp_path) == [url]


def test_in_development_the_issuing_request_host_is_used(cast, coaching_sari, masuk, settings, tmp_path):
    settings.DEBUG = True
    settings.ALLOWED_HOSTS = ["192.168.1.5"]
    resp = masuk(cast.sari).post(reverse("dokumen:lembar", args=[cast.sari.pk, "coaching"]), {"tahun": 2025},
                                HTTP_HOST="192.168.1.5:8000")
    assert resp.status_code == 200
    pdf = resp.content
    url = f"http://192.168.1.5:8000/verifikasi/{resp['X-Kode-Verifikasi']}/"
    assert url in teks_pdf(pdf)
    assert qr_dari_pdf(pdf, tmp_path) == [url]


def test_bulk_export_uses_the_requesters_recorded_host_in_development(cast, coaching_sari, masuk, settings):
    settings.DEBUG = True
    settings.ALLOWED_HOSTS = ["10.0.0.7"]
    klien = masuk(cast.dewi)
    resp = klien.post(reverse("dokumen:ekspor"), {"opd": cast.dinkes.pk, "jenis": ["coaching"], "tahun": 2025},
                      HTTP_HOST="10.0.0.7")
    assert resp.status_code == 302
    proses = ProsesEkspor.objects.get()
    assert proses.situs == "http://10.0.0.7"
    isi = klien.get(reverse("dokumen:ekspor-unduh", args=[proses.pk]), HTTP_HOST="10.0.0.7")
    zf = zipfile.ZipFile(BytesIO(b"".join(isi.streaming_content)))
    (nama,) = [n for n in zf.namelist() if n.endswith(".pdf")]
    kode = LembarTerbit.objects.get().kode
    assert f"http://10.0.0.7/verifikasi/{kode}/" in teks_pdf(zf.read(nama))


def test_production_without_situs_url_stops_at_start_up(tmp_path):
    env = {**os.environ, "DEBUG": "0", "SECRET_KEY": "x" * 60, "ALLOWED_HOSTS": "bangkom.example.go.id",
           "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}"}
    env.pop("SITUS_URL", None)
    env.pop("DJANGO_SETTINGS_MODULE", None)
    hasil = subprocess.run([sys.executable, "manage.py", "check"], cwd=AKAR, env=env, capture_output=True,
                           text=True, timeout=120)
    assert hasil.returncode != 0
    assert "ImproperlyConfigured" in hasil.stderr
    assert "SITUS_URL wajib diisi bila DEBUG=0" in hasil.stderr and "SITUS_URL is required" in hasil.stderr

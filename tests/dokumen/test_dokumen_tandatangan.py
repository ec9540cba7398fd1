"""Signing out of the box (issue 18): the demo identity signs every issued sheet with a PAdES
signature that pyHanko and poppler's `pdfsig` (an independent reader) both validate; one changed
byte fails both; `check --deploy` warns while the demo identity is in use."""
import shutil
import subprocess
from io import BytesIO
from pathlib import Path

import pytest
from django.core.checks import run_checks

from bangkom.dokumen import lembar, tandatangan
from tests.dokumen.conftest import teks_pdf
from tests.dokumen.test_dokumen_lembar import TAHUN_2025

PDFSIG = shutil.which("pdfsig")
perlu_pdfsig = pytest.mark.skipif(PDFSIG is None, reason="pdfsig (Debian poppler-utils) tidak terpasang")


def terbitkan(pegawai, **kw):
    return lembar.lembar_terbitkan(pegawai=pegawai, jenis="coaching", mulai=TAHUN_2025[0], selesai=TAHUN_2025[1],
                                   **kw)


def akar_demo():
    from asn1crypto import pem
    from asn1crypto import x509 as asn1_x509

    _, _, der = pem.unarmor(tandatangan.sertifikat_ca_demo())
    return asn1_x509.Certificate.load(der)


def validasi_pyhanko(pdf: bytes, akar=None) -> list:
    """Every embedded signature's pyHanko status, trusting only `akar` (the demo CA by default)."""
    from pyhanko.pdf_utils.reader import PdfFileReader
    from pyhanko.sign.validation import validate_pdf_signature
    from pyhanko_certvalidator import ValidationContext

    akar = akar or akar_demo()
    return [
        validate_pdf_signature(sig, ValidationContext(trust_roots=[akar], allow_fetching=False))
        for sig in PdfFileReader(BytesIO(pdf), strict=False).embedded_signatures
    ]


def pdfsig(pdf: bytes, tmp_path: Path) -> str:
    berkas = tmp_path / "periksa.pdf"
    berkas.write_bytes(pdf)
    hasil = subprocess.run([PDFSIG, str(berkas)], capture_output=True, text=True, timeout=60)
    return hasil.stdout + hasil.stderr


def rusak_satu_byte(pdf: bytes) -> bytes:
    """One byte changed inside the signed range (the page's /MediaBox key)."""
    rusak = bytearray(pdf)
    rusak[pdf.index(b"/MediaBox") + 1] = ord("N")
    return bytes(rusak)


def test_demo_identity_is_made_once_with_demo_names(settings, tmp_path):
    settings.PENANDATANGAN_DEMO_DIR = tmp_path / "demo"
    p12 = tandatangan.pastikan_identitas_demo()
    isi = p12.read_bytes()
    assert tandatangan.pastikan_identitas_demo() == p12 and p12.read_bytes() == isi  # not remade
    assert (p12.stat().st_mode & 0o777) == 0o600
    assert "DEMO" in akar_demo().subject.human_friendly
    assert tandatangan.memakai_demo()
    assert "DEMO" in tandatangan.nama_penanda()


def test_data_directory_is_ignored_by_git():
    akar = Path(__file__).resolve().parents[2]
    assert "data/" in (akar / ".gitignore").read_text().splitlines()


@perlu_pdfsig
def test_demo_sheet_is_valid_for_pyhanko_and_pdfsig(cast, coaching_sari, tmp_path):
    terbit, pdf = terbitkan(cast.sari)
    assert terbit.ditandatangani
    (status,) = validasi_pyhanko(pdf)
    assert status.intact and status.valid and status.trusted, status.pretty_print_details()
    assert status.coverage.name == "ENTIRE_FILE"
    laporan = pdfsig(pdf, tmp_path)
    assert "Signature is Valid" in laporan, laporan
    assert "ETSI.CAdES.detached" in laporan and "DEMO" in laporan
    assert "sertifikat DEMO" in teks_pdf(pdf)

    rusak = rusak_satu_byte(pdf)
    (status,) = validasi_pyhanko(rusak)
    assert not status.intact
    laporan = pdfsig(rusak, tmp_path)
    assert "Signature is Valid" not in laporan and "Digest Mismatch" in laporan, laporan


def test_the_signer_is_loaded_once_per_process(cast, coaching_sari, monkeypatch):
    from pyhanko.sign import signers

    terbitkan(cast.sari)  # loads it (and makes the identity if needed)
    muat = []
    asli = signers.SimpleSigner.load_pkcs12
    monkeypatch.setattr(signers.SimpleSigner, "load_pkcs12", lambda *a, **k: muat.append(1) or asli(*a, **k))
    for _ in range(3):
        terbitkan(cast.sari)
    assert muat == []


def test_without_demo_and_certificate_sheets_are_unsigned(cast, coaching_sari, settings):
    settings.PENANDATANGAN_DEMO = False
    terbit, pdf = terbitkan(cast.sari)
    assert not terbit.ditandatangani
    assert "tanpa tanda tangan elektronik" in teks_pdf(pdf)


def _pesan_deploy():
    return {p.id: p for p in run_checks(include_deployment_checks=True) if p.id.startswith("dokumen.")}


def test_check_deploy_warns_while_the_demo_identity_is_in_use(settings, tmp_path):
    from tests.dokumen.test_dokumen_lembar import _sertifikat_uji

    assert "dokumen.W001" in _pesan_deploy()
    settings.PENANDATANGAN_DEMO = False
    assert "dokumen.W002" in _pesan_deploy()
    p12, _ = _sertifikat_uji(tmp_path)
    settings.PENANDATANGAN_P12 = str(p12)
    settings.PENANDATANGAN_P12_SANDI = "sandi-uji"
    assert _pesan_deploy() == {}
    settings.PENANDATANGAN_P12_SANDI = "salah"
    tandatangan.lupakan_penanda()
    assert "dokumen.E001" in _pesan_deploy()

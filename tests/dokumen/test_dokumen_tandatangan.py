"""Signing out of the box (issue 18): the demo identity signs every issued sheet with a PAdES
signature that pyHanko and poppler's `pdfsig` (an independent reader) both validate; one changed
byte fails both; `check --deploy` warns while the demo identity is in use."""
import shutil
import subprocess
import threading
from datetime import UTC, datetime, timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from io import BytesIO
from pathlib import Path
from types import SimpleNamespace

import pytest
from django.core.checks import run_checks
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

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


# --- the kepala's countersignature as a second signature ------------------------------------

def test_countersignature_is_a_second_signature_and_the_first_stays_valid(cast, coaching_sari, client, tmp_path):
    from bangkom.dokumen.models import VersiLembar
    from bangkom.dokumen.pengesahan import HasilPengesahan, lembar_sahkan, pdf_terbaru

    cast.dinkes.wajib_pengesahan_kepala = True
    cast.dinkes.save()
    terbit, pdf1 = terbitkan(cast.sari)
    assert lembar_sahkan(terbit_ids=[terbit.pk], oleh=cast.hasan.user) == HasilPengesahan(disahkan=1)
    v1, v2 = VersiLembar.objects.filter(lembar=terbit).order_by("nomor")
    assert (v1.peristiwa, v2.peristiwa) == ("terbit", "pengesahan")
    pdf2 = pdf_terbaru(terbit)
    assert pdf2.startswith(pdf1)  # an incremental update: the issued bytes are untouched
    assert (v1.sha256, v2.sha256) == (terbit.sha256, lembar.sha256(pdf2))

    pertama, kedua = validasi_pyhanko(pdf2)
    for status in (pertama, kedua):
        assert status.intact and status.valid and status.trusted, status.pretty_print_details()
    assert pertama.coverage.name == "ENTIRE_REVISION" and kedua.coverage.name == "ENTIRE_FILE"
    assert pertama.modification_level.name in ("NONE", "LTA_UPDATES", "FORM_FILLING")
    info = tandatangan.baca_tanda_tangan(pdf2)
    assert [i.bidang for i in info] == [tandatangan.BIDANG_TERBIT, tandatangan.BIDANG_PENGESAHAN]
    assert "Mengetahui: Kepala Perangkat Daerah" in info[1].alasan
    if PDFSIG:
        laporan = pdfsig(pdf2, tmp_path)
        assert laporan.count("Signature is Valid") == 2, laporan

    # the verification page knows both versions and says which one an uploaded file is
    url = reverse("verifikasi:detail", args=[terbit.kode])
    html = client.get(url).content.decode()
    assert v1.sha256 in html and v2.sha256 in html and "Disahkan Kepala Perangkat Daerah" in html
    def unggah(isi):
        return client.post(url, {"berkas": SimpleUploadedFile("lembar.pdf", isi)}).content.decode()

    html = unggah(pdf1)
    assert "COCOK" in html and "versi 1</strong>" in html and "sudah ada versi yang lebih baru" in html
    html = unggah(pdf2)
    assert "COCOK" in html and "versi 2</strong>" in html and "sudah ada versi yang lebih baru" not in html
    assert "TIDAK COCOK" in unggah(rusak_satu_byte(pdf2))


def test_sheets_not_waiting_for_a_countersignature_are_not_stored(cast, coaching_sari, settings):
    from bangkom.dokumen.models import VersiLembar

    terbit, pdf = terbitkan(cast.sari)
    v = VersiLembar.objects.get(lembar=terbit)
    assert (v.nomor, v.sha256, v.berkas) == (1, lembar.sha256(pdf), "")
    assert "DEMO" in v.penanda and v.cap_waktu is None


# --- RFC 3161 timestamps (PAdES B-T) ----------------------------------------------------------

def _tsa_uji():
    """A TSA certificate (critical EKU timeStamping, RSA: the dummy timestamper is RSA-only) from its
    own test root. Returns (DummyTimeStamper, root as asn1crypto)."""
    from asn1crypto import keys
    from asn1crypto import x509 as asn1_x509
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import rsa
    from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID
    from pyhanko.sign.timestamps.dummy_client import DummyTimeStamper

    def nama(cn):
        return x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, cn)])

    sekarang = datetime.now(UTC) - timedelta(minutes=5)
    kunci_akar, kunci_tsa = (rsa.generate_private_key(public_exponent=65537, key_size=2048) for _ in range(2))
    akar = (
        x509.CertificateBuilder().subject_name(nama("Akar TSA Uji")).issuer_name(nama("Akar TSA Uji"))
        .public_key(kunci_akar.public_key()).serial_number(x509.random_serial_number())
        .not_valid_before(sekarang).not_valid_after(sekarang + timedelta(days=2))
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .sign(kunci_akar, hashes.SHA256())
    )
    tsa = (
        x509.CertificateBuilder().subject_name(nama("TSA Uji")).issuer_name(akar.subject)
        .public_key(kunci_tsa.public_key()).serial_number(x509.random_serial_number())
        .not_valid_before(sekarang).not_valid_after(sekarang + timedelta(days=2))
        .add_extension(x509.ExtendedKeyUsage([ExtendedKeyUsageOID.TIME_STAMPING]), critical=True)
        .sign(kunci_akar, hashes.SHA256())
    )

    def asn1(sert):
        return asn1_x509.Certificate.load(sert.public_bytes(serialization.Encoding.DER))

    kunci = keys.PrivateKeyInfo.load(kunci_tsa.private_bytes(
        serialization.Encoding.DER, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()))
    return DummyTimeStamper(tsa_cert=asn1(tsa), tsa_key=kunci, certs_to_embed=[asn1(akar)]), asn1(akar)


@pytest.fixture
def server_tsa():
    """An RFC 3161 server over HTTP on a free local port, in a thread, for the test's duration."""
    from asn1crypto import tsp

    penanda_waktu, akar = _tsa_uji()
    permintaan = []

    class Penangan(BaseHTTPRequestHandler):
        def do_POST(self):  # noqa: N802
            isi = self.rfile.read(int(self.headers["Content-Length"]))
            permintaan.append(self.headers["Content-Type"])
            jawab = penanda_waktu.request_tsa_response(tsp.TimeStampReq.load(isi)).dump()
            self.send_response(200)
            self.send_header("Content-Type", "application/timestamp-reply")
            self.send_header("Content-Length", str(len(jawab)))
            self.end_headers()
            self.wfile.write(jawab)

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Penangan)
    benang = threading.Thread(target=server.serve_forever, daemon=True)
    benang.start()
    yield SimpleNamespace(url=f"http://127.0.0.1:{server.server_address[1]}/tsa", akar=akar, permintaan=permintaan)
    server.shutdown()
    server.server_close()


def test_with_a_tsa_every_signature_is_timestamped_pades_b_t(cast, coaching_sari, settings, server_tsa, client,
                                                             tmp_path):
    from pyhanko.pdf_utils.reader import PdfFileReader
    from pyhanko.sign.validation import validate_pdf_signature
    from pyhanko_certvalidator import ValidationContext

    from bangkom.dokumen.models import VersiLembar
    from bangkom.dokumen.pengesahan import lembar_sahkan, pdf_terbaru

    settings.PENANDATANGAN_TSA_URL = server_tsa.url
    cast.dinkes.wajib_pengesahan_kepala = True
    cast.dinkes.save()
    terbit, _ = terbitkan(cast.sari)
    lembar_sahkan(terbit_ids=[terbit.pk], oleh=cast.hasan.user)
    pdf = pdf_terbaru(terbit)
    # one per signature, plus pyHanko's one-off size probe per timestamper (cached per process)
    assert len(server_tsa.permintaan) >= 2 and set(server_tsa.permintaan) == {"application/timestamp-query"}

    for sig in PdfFileReader(BytesIO(pdf), strict=False).embedded_signatures:
        status = validate_pdf_signature(
            sig, ValidationContext(trust_roots=[akar_demo()], allow_fetching=False),
            ts_validation_context=ValidationContext(trust_roots=[server_tsa.akar], allow_fetching=False),
        )
        assert status.intact and status.valid and status.trusted, status.pretty_print_details()
        ts = status.timestamp_validity
        assert ts is not None and ts.intact and ts.valid and ts.trusted, status.pretty_print_details()
    for v in VersiLembar.objects.filter(lembar=terbit):
        assert v.cap_waktu is not None and abs(v.cap_waktu - v.dibuat_pada) < timedelta(minutes=2)
    html = client.get(reverse("verifikasi:detail", args=[terbit.kode])).content.decode()
    assert "(RFC 3161)" in html and "Versi 1:" in html and "Versi 2:" in html
    if PDFSIG:
        assert pdfsig(pdf, tmp_path).count("Signature is Valid") == 2


def test_an_unreachable_tsa_fails_the_issue_instead_of_signing_without_time(cast, coaching_sari, settings):
    from bangkom.dokumen.models import LembarTerbit

    settings.PENANDATANGAN_TSA_URL = "http://127.0.0.1:9/tsa"  # discard port: nothing listens
    with pytest.raises(Exception, match="cap waktu|TSA|timestamp"):
        terbitkan(cast.sari)
    assert not LembarTerbit.objects.exists()  # the issue rolled back


# --- PKCS#11 token / HSM (SoftHSM2, a real PKCS#11 implementation) ----------------------------

MODUL_SOFTHSM = next((p for p in ("/usr/lib/softhsm/libsofthsm2.so", "/usr/lib/x86_64-linux-gnu/softhsm/libsofthsm2.so",
                                  "/usr/local/lib/softhsm/libsofthsm2.so") if Path(p).is_file()), None)


@pytest.mark.skipif(
    not (MODUL_SOFTHSM and shutil.which("softhsm2-util") and shutil.which("pkcs11-tool")),
    reason="SoftHSM2 (Debian softhsm2) atau pkcs11-tool (Debian opensc) tidak terpasang",
)
def test_pkcs11_token_signs_through_softhsm2(cast, coaching_sari, settings, tmp_path, monkeypatch):
    pytest.importorskip("pkcs11", reason="python-pkcs11 tidak terpasang")
    from asn1crypto import x509 as asn1_x509
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import rsa
    from cryptography.x509.oid import NameOID

    # a token in a temporary directory, initialised for this test only
    (tmp_path / "token").mkdir()
    conf = tmp_path / "softhsm2.conf"
    conf.write_text(f"directories.tokendir = {tmp_path / 'token'}\nobjectstore.backend = file\nlog.level = ERROR\n")
    monkeypatch.setenv("SOFTHSM2_CONF", str(conf))
    subprocess.run(["softhsm2-util", "--init-token", "--free", "--label", "bangkom-uji", "--pin", "123456",
                    "--so-pin", "654321"], check=True, capture_output=True, timeout=60)

    # the agency's key and certificate (from its own test CA), imported into the token
    def nama(cn):
        return x509.Name([x509.NameAttribute(NameOID.ORGANIZATION_NAME, "Pemprov Uji"),
                          x509.NameAttribute(NameOID.COMMON_NAME, cn)])

    sekarang = datetime.now(UTC) - timedelta(minutes=5)
    kunci_ca, kunci = (rsa.generate_private_key(public_exponent=65537, key_size=2048) for _ in range(2))
    ca = (x509.CertificateBuilder().subject_name(nama("CA Uji")).issuer_name(nama("CA Uji"))
          .public_key(kunci_ca.public_key()).serial_number(x509.random_serial_number())
          .not_valid_before(sekarang).not_valid_after(sekarang + timedelta(days=2))
          .add_extension(x509.BasicConstraints(ca=True, path_length=0), critical=True)
          .sign(kunci_ca, hashes.SHA256()))
    sert = (x509.CertificateBuilder().subject_name(nama("Segel Elektronik Uji")).issuer_name(ca.subject)
            .public_key(kunci.public_key()).serial_number(x509.random_serial_number())
            .not_valid_before(sekarang).not_valid_after(sekarang + timedelta(days=2))
            .add_extension(x509.KeyUsage(
                digital_signature=True, content_commitment=True, key_encipherment=False, data_encipherment=False,
                key_agreement=False, key_cert_sign=False, crl_sign=False, encipher_only=False, decipher_only=False),
                critical=True)
            .sign(kunci_ca, hashes.SHA256()))
    (tmp_path / "kunci.der").write_bytes(kunci.private_bytes(
        serialization.Encoding.DER, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()))
    (tmp_path / "sert.der").write_bytes(sert.public_bytes(serialization.Encoding.DER))
    (tmp_path / "rantai.pem").write_bytes(ca.public_bytes(serialization.Encoding.PEM))
    for berkas, jenis in (("kunci.der", "privkey"), ("sert.der", "cert")):
        subprocess.run(["pkcs11-tool", "--module", MODUL_SOFTHSM, "--token-label", "bangkom-uji", "--login",
                        "--pin", "123456", "--write-object", str(tmp_path / berkas), "--type", jenis,
                        "--label", "segel", "--id", "01"], check=True, capture_output=True, timeout=60)
    kunci_lepas = tmp_path / "kunci.der"
    kunci_lepas.unlink()  # from here on the key exists only in the token

    settings.PENANDATANGAN_PKCS11_MODUL = MODUL_SOFTHSM
    settings.PENANDATANGAN_PKCS11_TOKEN = "bangkom-uji"
    settings.PENANDATANGAN_PKCS11_PIN = "123456"
    settings.PENANDATANGAN_PKCS11_KUNCI = "segel"
    settings.PENANDATANGAN_RANTAI = str(tmp_path / "rantai.pem")
    assert tandatangan.jenis_penanda() == tandatangan.PKCS11 and not tandatangan.memakai_demo()
    assert _pesan_deploy() == {}  # no demo warning, and the token loads
    try:
        terbit, pdf = terbitkan(cast.sari)
        assert terbit.ditandatangani
        akar = asn1_x509.Certificate.load(ca.public_bytes(serialization.Encoding.DER))
        (status,) = validasi_pyhanko(pdf, akar=akar)
        assert status.intact and status.valid and status.trusted, status.pretty_print_details()
        assert "Segel Elektronik Uji" in tandatangan.baca_tanda_tangan(pdf)[0].penanda
        assert "sertifikat DEMO" not in teks_pdf(pdf)
        if PDFSIG:
            laporan = pdfsig(pdf, tmp_path)
            assert "Signature is Valid" in laporan and "Segel Elektronik Uji" in laporan, laporan
    finally:
        tandatangan.lupakan_penanda()


def test_verification_page_says_signed_by_whom_countersigned_and_superseded(cast, coaching_sari, client):
    from bangkom.dokumen.pengesahan import lembar_sahkan

    cast.dinkes.wajib_pengesahan_kepala = True
    cast.dinkes.save()
    lama, _ = terbitkan(cast.sari)
    url = reverse("verifikasi:detail", args=[lama.kode])
    html = client.get(url).content.decode()
    assert "DEMO Penandatangan Lembar Kegiatan Bangkom" in html and "sertifikat DEMO" in html
    assert "Menunggu pengesahan" in html and "Tidak — belum ada lembar yang lebih baru" in html
    assert "Tidak ada — waktu penandatanganan" in html  # no TSA configured
    baru, _ = terbitkan(cast.sari)
    lembar_sahkan(terbit_ids=[baru.pk], oleh=cast.hasan.user)
    html = client.get(url).content.decode()
    assert "Ya — ada lembar yang lebih baru" in html
    html = client.get(reverse("verifikasi:detail", args=[baru.kode])).content.decode()
    assert "Disahkan Kepala Perangkat Daerah pada" in html and "terbaru" in html
    # nothing more personal than the printed form; in fact no names at all, and a masked NIP
    for pribadi in ("Sari", "Hasan", "Budi", cast.sari.nip, cast.hasan.nip):
        assert pribadi not in html


def test_the_countersigned_sheet_is_downloaded_from_the_employee_page(cast, coaching_sari, masuk):
    from bangkom.dokumen.pengesahan import lembar_sahkan

    cast.dinkes.wajib_pengesahan_kepala = True
    cast.dinkes.save()
    terbit, pdf1 = terbitkan(cast.sari)
    url = reverse("dokumen:lembar-tersimpan", args=[terbit.kode])
    halaman = masuk(cast.sari).get(reverse("pegawai:detail", args=[cast.sari.pk])).content.decode()
    assert url in halaman and "menunggu pengesahan" in halaman

    lembar_sahkan(terbit_ids=[terbit.pk], oleh=cast.hasan.user)
    klien = masuk(cast.sari)
    assert "(disahkan)" in klien.get(reverse("pegawai:detail", args=[cast.sari.pk])).content.decode()
    unduh = klien.get(url)
    assert unduh.status_code == 200 and unduh["X-Kode-Verifikasi"] == terbit.kode
    assert len(validasi_pyhanko(unduh.content)) == 2 and unduh.content.startswith(pdf1)
    assert masuk(cast.joko).get(url).status_code == 404


def test_a_sheet_that_is_not_stored_has_no_download(cast, coaching_sari, masuk):
    terbit, _ = terbitkan(cast.sari)  # Dinkes does not ask for the countersignature: nothing kept
    assert masuk(cast.sari).get(reverse("dokumen:lembar-tersimpan", args=[terbit.kode])).status_code == 404
    assert reverse("dokumen:lembar-tersimpan", args=[terbit.kode]) not in masuk(cast.sari).get(
        reverse("pegawai:detail", args=[cast.sari.pk])).content.decode()


def test_signing_works_where_an_event_loop_is_running(cast, coaching_sari):
    """pyHanko's sync API starts its own event loop; inside a running one (Playwright's sync API, an
    async worker) the signature is made in a thread instead of failing."""
    import asyncio

    _, pdf = terbitkan(cast.sari)

    async def di_dalam_loop():
        return tandatangan.tandatangani(pdf, alasan="Uji", bidang="UjiLoop")

    assert len(validasi_pyhanko(asyncio.run(di_dalam_loop()))) == 2

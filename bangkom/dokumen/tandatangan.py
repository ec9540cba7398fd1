"""PAdES signatures of issued sheets (pyHanko). Which signer is used is chosen by settings, in
this order:

1. a PKCS#11 token or HSM, when `PENANDATANGAN_PKCS11_MODUL` names the module (.so) — with
   `PENANDATANGAN_PKCS11_TOKEN` (token label), `PENANDATANGAN_PKCS11_PIN`,
   `PENANDATANGAN_PKCS11_KUNCI` (key label) and optionally `PENANDATANGAN_PKCS11_SERTIFIKAT`
   (certificate label, default the key's label);
2. a PKCS#12 file, when `PENANDATANGAN_P12` names it (password `PENANDATANGAN_P12_SANDI`);
3. otherwise the demo identity (`PENANDATANGAN_DEMO`, on by default): a local "DEMO" CA and a
   signer certificate created on first use under `PENANDATANGAN_DEMO_DIR`, never in git, so a
   fresh install signs out of the box. `check --deploy` warns while it is in use in production.
   With `PENANDATANGAN_DEMO=0` and nothing else configured, sheets are issued unsigned.

`PENANDATANGAN_RANTAI` (a PEM file) adds intermediate certificates to embed (e.g. the BSrE chain
when a token holds only the signer's certificate). `PENANDATANGAN_TSA_URL` adds an RFC 3161
timestamp from that server to every signature (PAdES B-T).

The signer is loaded once per process (and configuration), not once per sheet.
"""
from __future__ import annotations

import asyncio
import fcntl
import os
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from functools import lru_cache
from io import BytesIO
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

PKCS11 = "pkcs11"
PKCS12 = "pkcs12"
DEMO = "demo"

BIDANG_TERBIT = "TandaTanganBangkom"
BIDANG_PENGESAHAN = "PengesahanKepala"

BERKAS_DEMO_P12 = "penandatangan-demo.p12"
BERKAS_DEMO_CA = "demo-ca.pem"
NAMA_CA_DEMO = "DEMO CA Bangkom (bukan untuk produksi)"
NAMA_PENANDA_DEMO = "DEMO Penandatangan Lembar Kegiatan Bangkom"


def jenis_penanda() -> str:
    """"pkcs11", "pkcs12", "demo", or "" (unsigned)."""
    if getattr(settings, "PENANDATANGAN_PKCS11_MODUL", ""):
        return PKCS11
    if getattr(settings, "PENANDATANGAN_P12", ""):
        return PKCS12
    if getattr(settings, "PENANDATANGAN_DEMO", True):
        return DEMO
    return ""


def tersedia() -> bool:
    return bool(jenis_penanda())


def memakai_demo() -> bool:
    return jenis_penanda() == DEMO


# --- the demo identity ------------------------------------------------------------------------

def folder_demo() -> Path:
    return Path(settings.PENANDATANGAN_DEMO_DIR)


def _nama(cn: str):
    from cryptography import x509
    from cryptography.x509.oid import NameOID

    return x509.Name([
        x509.NameAttribute(NameOID.COUNTRY_NAME, "ID"),
        x509.NameAttribute(NameOID.ORGANIZATION_NAME, "Bangkom DEMO"),
        x509.NameAttribute(NameOID.COMMON_NAME, cn),
    ])


def _tulis_atomik(path: Path, isi: bytes) -> None:
    sementara = path.with_name(f".{path.name}.{os.getpid()}")
    with open(sementara, "wb") as f:
        os.fchmod(f.fileno(), 0o600)
        f.write(isi)
    os.replace(sementara, path)


def pastikan_identitas_demo(folder: Path | None = None) -> Path:
    """Create the demo CA and signer (once; safe across processes) and return the PKCS#12 path.
    The CA's private key is thrown away after it has issued the one signer certificate."""
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import rsa
    from cryptography.hazmat.primitives.serialization import pkcs12

    folder = folder or folder_demo()
    p12 = folder / BERKAS_DEMO_P12
    if p12.is_file():
        return p12
    folder.mkdir(parents=True, exist_ok=True, mode=0o700)
    with open(folder / ".kunci", "w") as kunci_berkas:
        fcntl.flock(kunci_berkas, fcntl.LOCK_EX)
        if p12.is_file():  # another process made it while we waited
            return p12
        sekarang = datetime.now(UTC) - timedelta(minutes=5)
        kunci_ca = rsa.generate_private_key(public_exponent=65537, key_size=2048)
        kunci = rsa.generate_private_key(public_exponent=65537, key_size=2048)
        ski_ca = x509.SubjectKeyIdentifier.from_public_key(kunci_ca.public_key())
        ca = (
            x509.CertificateBuilder()
            .subject_name(_nama(NAMA_CA_DEMO)).issuer_name(_nama(NAMA_CA_DEMO))
            .public_key(kunci_ca.public_key()).serial_number(x509.random_serial_number())
            .not_valid_before(sekarang).not_valid_after(sekarang + timedelta(days=3650))
            .add_extension(x509.BasicConstraints(ca=True, path_length=0), critical=True)
            .add_extension(x509.KeyUsage(
                digital_signature=False, content_commitment=False, key_encipherment=False,
                data_encipherment=False, key_agreement=False, key_cert_sign=True, crl_sign=True,
                encipher_only=False, decipher_only=False), critical=True)
            .add_extension(ski_ca, critical=False)
            .sign(kunci_ca, hashes.SHA256())
        )
        sert = (
            x509.CertificateBuilder()
            .subject_name(_nama(NAMA_PENANDA_DEMO)).issuer_name(ca.subject)
            .public_key(kunci.public_key()).serial_number(x509.random_serial_number())
            .not_valid_before(sekarang).not_valid_after(sekarang + timedelta(days=1825))
            .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
            .add_extension(x509.KeyUsage(
                digital_signature=True, content_commitment=True, key_encipherment=False,
                data_encipherment=False, key_agreement=False, key_cert_sign=False, crl_sign=False,
                encipher_only=False, decipher_only=False), critical=True)
            .add_extension(x509.SubjectKeyIdentifier.from_public_key(kunci.public_key()), critical=False)
            .add_extension(x509.AuthorityKeyIdentifier.from_issuer_subject_key_identifier(ski_ca), critical=False)
            .sign(kunci_ca, hashes.SHA256())
        )
        _tulis_atomik(folder / BERKAS_DEMO_CA, ca.public_bytes(serialization.Encoding.PEM))
        _tulis_atomik(p12, pkcs12.serialize_key_and_certificates(
            b"bangkom-demo", kunci, sert, [ca], serialization.NoEncryption()))
    return p12


def sertifikat_ca_demo() -> bytes:
    """The demo CA certificate (PEM): the trust root to import into a PDF reader or a validator."""
    pastikan_identitas_demo()
    return (folder_demo() / BERKAS_DEMO_CA).read_bytes()


# --- loading the signer -------------------------------------------------------------------------

@dataclass(frozen=True)
class Konfigurasi:
    jenis: str
    p12: str = ""
    sandi: str = ""
    modul: str = ""
    token: str = ""
    pin: str = ""
    kunci: str = ""
    sertifikat: str = ""
    rantai: str = ""


def konfigurasi() -> Konfigurasi:
    jenis = jenis_penanda()
    rantai = getattr(settings, "PENANDATANGAN_RANTAI", "")
    if jenis == PKCS11:
        return Konfigurasi(
            jenis, modul=settings.PENANDATANGAN_PKCS11_MODUL, token=settings.PENANDATANGAN_PKCS11_TOKEN,
            pin=settings.PENANDATANGAN_PKCS11_PIN, kunci=settings.PENANDATANGAN_PKCS11_KUNCI,
            sertifikat=getattr(settings, "PENANDATANGAN_PKCS11_SERTIFIKAT", ""), rantai=rantai,
        )
    if jenis == PKCS12:
        return Konfigurasi(jenis, p12=settings.PENANDATANGAN_P12, sandi=settings.PENANDATANGAN_P12_SANDI,
                           rantai=rantai)
    if jenis == DEMO:
        return Konfigurasi(jenis, p12=str(folder_demo() / BERKAS_DEMO_P12))
    return Konfigurasi("")


def _rantai(path: str) -> list:
    if not path:
        return []
    from pyhanko.keys import load_certs_from_pemder

    if not Path(path).is_file():
        raise ImproperlyConfigured(f"Berkas rantai sertifikat tidak ditemukan / chain file not found: {path}")
    return list(load_certs_from_pemder([path]))


@lru_cache(maxsize=4)
def _penanda(k: Konfigurasi):
    from pyhanko.sign import signers

    if k.jenis == PKCS11:
        from pyhanko.config.pkcs11 import TokenCriteria
        from pyhanko.sign import pkcs11

        if not Path(k.modul).is_file():
            raise ImproperlyConfigured(f"Modul PKCS#11 tidak ditemukan / PKCS#11 module not found: {k.modul}")
        sesi = pkcs11.open_pkcs11_session(
            k.modul, token_criteria=TokenCriteria(label=k.token or None), user_pin=k.pin or None,
        )
        return pkcs11.PKCS11Signer(
            sesi, key_label=k.kunci or None, cert_label=k.sertifikat or k.kunci or None,
            ca_chain=_rantai(k.rantai), other_certs_to_pull=None,
        )
    if k.jenis == DEMO:
        pastikan_identitas_demo(Path(k.p12).parent)
    if not Path(k.p12).is_file():
        raise ImproperlyConfigured(
            f"Berkas sertifikat penandatangan tidak ditemukan / signer certificate file not found: {k.p12}")
    penanda = signers.SimpleSigner.load_pkcs12(
        pfx_file=k.p12, passphrase=k.sandi.encode() if k.sandi else None,
        other_certs=_rantai(k.rantai) or None,
    )
    if penanda is None:
        raise ImproperlyConfigured(
            "Sertifikat PKCS#12 tidak dapat dibuka (periksa kata sandinya) / cannot open the PKCS#12 file.")
    return penanda


def penanda():
    """The configured pyHanko signer, loaded once per process and configuration (None: unsigned)."""
    k = konfigurasi()
    return _penanda(k) if k.jenis else None


def lupakan_penanda() -> None:
    """Drop the loaded signers (tests, or after the configuration changed)."""
    _penanda.cache_clear()


def nama_penanda() -> str:
    """The signer certificate's subject, as a PDF reader shows it ("" when unsigned)."""
    p = penanda()
    return p.signing_cert.subject.human_friendly if p is not None else ""


# --- timestamps -------------------------------------------------------------------------------

def _kelas_timestamper():
    from asn1crypto import tsp
    from pyhanko.sign.timestamps.api import TimeStamper
    from pyhanko.sign.timestamps.common_utils import TimestampRequestError, set_tsp_headers

    class UrllibTimeStamper(TimeStamper):
        """RFC 3161 over HTTP with the standard library (no extra HTTP client dependency)."""

        def __init__(self, url: str, timeout: float = 10):
            self.url, self.timeout = url, timeout
            super().__init__()

        async def async_request_tsa_response(self, req: tsp.TimeStampReq) -> tsp.TimeStampResp:
            def kirim():
                permintaan = urllib.request.Request(self.url, data=req.dump(), headers=set_tsp_headers({}))
                try:
                    with urllib.request.urlopen(permintaan, timeout=self.timeout) as jawab:  # noqa: S310
                        jenis = jawab.headers.get("Content-Type", "")
                        isi = jawab.read()
                except OSError as exc:
                    raise TimestampRequestError("Server cap waktu (TSA) tidak dapat dihubungi") from exc
                if jenis.split(";")[0].strip() != "application/timestamp-reply":
                    raise TimestampRequestError("Jawaban server cap waktu (TSA) tidak sah")
                return tsp.TimeStampResp.load(isi)

            return await asyncio.to_thread(kirim)

    return UrllibTimeStamper


@lru_cache(maxsize=4)
def _timestamper(url: str):
    return _kelas_timestamper()(url)


def timestamper():
    url = getattr(settings, "PENANDATANGAN_TSA_URL", "")
    return _timestamper(url) if url else None


# --- signing ----------------------------------------------------------------------------------

def tandatangani(
    pdf: bytes, *, alasan: str, lokasi: str = "", bidang: str = BIDANG_TERBIT, nama: str | None = None,
) -> bytes:
    """Return the PDF with an invisible PAdES signature appended in an incremental update, so
    any earlier signature stays valid (the countersignature is a second one). With a TSA URL the
    signature carries an RFC 3161 timestamp (PAdES B-T)."""
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
    from pyhanko.sign import fields, signers

    penulis = IncrementalPdfFileWriter(BytesIO(pdf), strict=False)
    meta = signers.PdfSignatureMetadata(
        field_name=bidang,
        subfilter=fields.SigSeedSubFilter.PADES,
        md_algorithm="sha256",
        reason=alasan,
        location=lokasi or None,
        name=nama,
    )
    keluaran = _di_luar_loop(lambda: signers.sign_pdf(penulis, meta, signer=penanda(), timestamper=timestamper()))
    return keluaran.getvalue()


def _di_luar_loop(fungsi):
    """pyHanko's synchronous API calls asyncio.run(), which refuses to start where an event loop is
    already running in this thread (an async worker, Playwright's sync API in the browser tests);
    there the signing runs in a thread of its own."""
    try:
        asyncio.get_running_loop()
    except RuntimeError:
        return fungsi()
    with ThreadPoolExecutor(max_workers=1) as pelaksana:
        return pelaksana.submit(fungsi).result()


@dataclass(frozen=True)
class InfoTandaTangan:
    bidang: str
    penanda: str
    waktu: datetime | None  # the signer's claimed time
    cap_waktu: datetime | None  # the TSA's time (PAdES B-T), when present
    alasan: str


def baca_tanda_tangan(pdf: bytes) -> list[InfoTandaTangan]:
    """Who signed, when and whether timestamped, per signature, without validating trust (the
    verification page shows it; validity is a PDF reader's job, or `validate_pdf_signature`)."""
    from pyhanko.pdf_utils.reader import PdfFileReader

    hasil = []
    for sig in PdfFileReader(BytesIO(pdf), strict=False).embedded_signatures:
        hasil.append(InfoTandaTangan(
            bidang=sig.field_name,
            penanda=sig.signer_cert.subject.human_friendly,
            waktu=sig.self_reported_timestamp,
            cap_waktu=_cap_waktu(sig.signer_info),
            alasan=str(sig.sig_object.get("/Reason", "")),
        ))
    return hasil


def _cap_waktu(signer_info) -> datetime | None:
    """The genTime of the signature's RFC 3161 timestamp token (an unsigned attribute)."""
    atribut = signer_info["unsigned_attrs"]
    if not atribut or atribut.native is None:
        return None
    for a in atribut:
        if a["type"].native == "signature_time_stamp_token":
            token = a["values"][0]
            return token["content"]["encap_content_info"]["content"].parsed["gen_time"].native
    return None

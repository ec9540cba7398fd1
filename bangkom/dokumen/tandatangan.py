"""PAdES signature of issued sheets with pyHanko, when settings name a PKCS#12 file
(PENANDATANGAN_P12, password PENANDATANGAN_P12_SANDI). Without it sheets are issued unsigned."""
from __future__ import annotations

from functools import lru_cache
from io import BytesIO
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured


def tersedia() -> bool:
    return bool(getattr(settings, "PENANDATANGAN_P12", ""))


@lru_cache(maxsize=4)
def _penanda(path: str, sandi: str):
    from pyhanko.sign import signers

    if not Path(path).is_file():
        raise ImproperlyConfigured(f"Berkas sertifikat penandatangan tidak ditemukan: {path}")
    penanda = signers.SimpleSigner.load_pkcs12(pfx_file=path, passphrase=sandi.encode() if sandi else None)
    if penanda is None:
        raise ImproperlyConfigured("Sertifikat PKCS#12 tidak dapat dibuka (periksa kata sandinya).")
    return penanda


def tandatangani(pdf: bytes, *, alasan: str, lokasi: str = "") -> bytes:
    """Return the PDF with an invisible PAdES signature appended (incremental update)."""
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
    from pyhanko.sign import fields, signers

    penanda = _penanda(settings.PENANDATANGAN_P12, settings.PENANDATANGAN_P12_SANDI)
    penulis = IncrementalPdfFileWriter(BytesIO(pdf), strict=False)
    meta = signers.PdfSignatureMetadata(
        field_name="TandaTanganBangkom",
        subfilter=fields.SigSeedSubFilter.PADES,
        md_algorithm="sha256",
        reason=alasan,
        location=lokasi or None,
    )
    keluaran = signers.sign_pdf(penulis, meta, signer=penanda)
    return keluaran.getvalue()

"""Ledger rows for the sheet tests, written through the ledger services (so credits are real)."""
from datetime import date
from decimal import Decimal
from io import BytesIO

import pytest
from pypdf import PdfReader

from jp_conversion.services import kegiatan_catat, kegiatan_paraf


def teks_pdf(isi: bytes) -> str:
    """All pages' text with whitespace collapsed (table cells wrap lines anywhere)."""
    return " ".join(" ".join(hal.extract_text() for hal in PdfReader(BytesIO(isi)).pages).split())


@pytest.fixture
def catat():
    def _catat(pegawai, jenis, tanggal, materi, pembimbing, *, setuju=True, jp_belajar=None, alasan="Tidak sesuai"):
        k = kegiatan_catat(
            pegawai=pegawai, jenis=jenis, tanggal=tanggal, materi=materi, pembimbing=pembimbing,
            jp_belajar=Decimal(jp_belajar) if jp_belajar is not None else None,
        )
        if setuju is not None:
            k = kegiatan_paraf(kegiatan=k, oleh=pembimbing, setuju=setuju, alasan="" if setuju else alasan)
        return k

    return _catat


@pytest.fixture
def coaching_sari(cast, catat):
    """Sari's coaching in 2025 with Budi: two approved, one waiting, one rejected."""
    return [
        catat(cast.sari, "coaching", date(2025, 2, 3), "Menyusun rencana kerja tahunan", cast.budi),
        catat(cast.sari, "coaching", date(2025, 3, 11), "Analisis beban kerja seksi", cast.budi),
        catat(cast.sari, "coaching", date(2025, 4, 8), "Draf laporan kinerja triwulan", cast.budi, setuju=None),
        catat(cast.sari, "coaching", date(2025, 5, 6), "Materi yang ditolak pembimbing", cast.budi, setuju=False),
    ]

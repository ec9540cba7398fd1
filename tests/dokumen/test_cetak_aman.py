"""Issue 17 [R] item 7: bidirectional control characters never reach a printed sheet, and a
character the sheet's font (DejaVu Sans) has no glyph for (an emoji) is refused on input and
dropped when printing, never a tofu box or a fallback font. DejaVu Sans does draw some emoticons
(😀 U+1F600), which therefore print; 🦄 and 👍 have no glyph."""
from io import BytesIO

import pytest
from pypdf import PdfReader

from bangkom.dokumen import lembar
from bangkom.lib import cetak
from tests.dokumen.conftest import teks_pdf
from tests.dokumen.test_dokumen_lembar import TAHUN_2025

BIDI = "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u200e\u200f"


def test_the_helper_strips_bidi_controls_and_glyphless_characters():
    assert cetak.bersihkan(f"Sari{BIDI} Wulandari 🦄👍") == "Sari Wulandari "
    assert cetak.bersihkan("Senyum 😀") == "Senyum 😀"  # DejaVu Sans has this glyph
    assert cetak.bersihkan("Ña Ü – “kutip” ✓ 1/2\nbaris\tbaru") == "Ña Ü – “kutip” ✓ 1/2\nbaris\tbaru"
    assert cetak.tak_tercetak("ok 🦄 \u202e 😀 🦄") == ["🦄", "U+202E"]


def test_a_sheet_prints_a_name_without_bidi_controls_or_emoji(cast, coaching_sari):
    cast.sari.nama = "Sari \u202eilanaduW\u202c 🦄"
    cast.sari.save()
    pdf = lembar.lembar_pdf(pegawai=cast.sari, jenis="coaching", mulai=TAHUN_2025[0], selesai=TAHUN_2025[1])
    teks = teks_pdf(pdf)
    assert "Sari ilanaduW" in teks
    assert not set(BIDI + "🦄") & set(teks)
    fonts = PdfReader(BytesIO(pdf)).pages[0]["/Resources"]["/Font"]
    assert all("DejaVu" in f.get_object()["/BaseFont"] for f in fonts.values())


@pytest.mark.parametrize("teks", ["Catatan 🦄", "Catatan \u202eterbalik"])
def test_free_text_with_an_emoji_or_bidi_control_is_refused_with_a_message(teks):
    from coaching.forms import TutupForm

    form = TutupForm(data={"status": "selesai", "catatan_evaluasi": teks})
    assert not form.is_valid()
    assert "tidak dapat dicetak" in str(form.errors["catatan_evaluasi"])


def test_an_imported_name_with_an_emoji_is_a_preview_problem(cast):
    from bangkom.pegawai import impor
    from tests.pegawai.test_impor import baris, xlsx

    hasil = impor.pratinjau(xlsx(baris("199001012015031001", "Andi 👍")))
    assert any("tidak dapat dicetak" in m for m in hasil.baris[0].masalah)

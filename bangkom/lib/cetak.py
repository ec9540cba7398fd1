"""Text that goes onto a printed sheet (WeasyPrint PDFs).

Two kinds of character are kept off paper:
- **Bidirectional controls** (U+202A–U+202E, U+2066–U+2069, U+200E/U+200F) reorder what follows
  them: a name could print reversed, or an amount or NIP could read as another. Never useful in
  Indonesian names or notes.
- **Characters the sheet's font has no glyph for.** The sheets are set in DejaVu Sans (embedded,
  so a sheet looks the same everywhere); it covers Latin, Greek, Cyrillic, punctuation, arrows and
  many symbols, but no emoji. **(decision)** Rather than ship and embed a colour-emoji font (large,
  and a signed archival document is no place for pictographs), such characters are *refused on
  input* with a message (`validasi_tercetak`, used by the free-text forms and the employee import)
  and, as a safety net for older data, *dropped when printing* (`bersihkan`), so a sheet never
  shows a tofu box or silently switches to a fallback font.

The glyph set is read from the DejaVu Sans file fontconfig gives WeasyPrint; without it, a
conservative rule (no characters beyond the Basic Multilingual Plane, no unassigned/private-use
code points, no dingbat/emoji blocks) stands in.
"""
from __future__ import annotations

import subprocess
import unicodedata
from functools import cache

from django.core.exceptions import ValidationError

BIDI = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u200e\u200f")
KENDALI_BOLEH = frozenset("\n\r\t")


@cache
def _glyph_dejavu() -> frozenset[int] | None:
    try:
        jalur = subprocess.run(["fc-match", "-f", "%{file}", "DejaVu Sans"], capture_output=True, text=True,
                               timeout=10, check=True).stdout.strip()
        from fontTools.ttLib import TTFont

        if "DejaVuSans" not in jalur:
            return None
        return frozenset(TTFont(jalur, lazy=True).getBestCmap())
    except (OSError, subprocess.SubprocessError, ImportError, ValueError):
        return None


def _tercetak(ch: str) -> bool:
    if ch in BIDI:
        return False
    if ch in KENDALI_BOLEH:
        return True
    glyph = _glyph_dejavu()
    if glyph is not None:
        return ord(ch) in glyph
    kategori = unicodedata.category(ch)
    return ord(ch) <= 0xFFFF and kategori not in {"Cn", "Co", "Cs", "Cc"} and not 0x2600 <= ord(ch) <= 0x27BF


def bersihkan(teks: str) -> str:
    """`teks` without bidi controls and without characters the sheet font cannot print."""
    if teks.isascii():
        return teks
    return "".join(ch for ch in teks if _tercetak(ch))


def tak_tercetak(teks: str) -> list[str]:
    """The distinct characters of `teks` a sheet would not print, for a message (controls as U+XXXX)."""
    hasil: list[str] = []
    for ch in teks if not teks.isascii() else "":
        if not _tercetak(ch):
            tanda = f"U+{ord(ch):04X}" if ch in BIDI or unicodedata.category(ch).startswith("C") else ch
            if tanda not in hasil:
                hasil.append(tanda)
    return hasil


def validasi_tercetak(teks) -> None:
    """Form/import validator: refuse text with characters a printed sheet cannot show."""
    if not isinstance(teks, str):
        return
    buruk = tak_tercetak(teks)
    if buruk:
        raise ValidationError(
            "Teks berisi karakter yang tidak dapat dicetak pada lembar kegiatan (emoji, simbol khusus, "
            f"atau karakter kendali arah teks): {' '.join(buruk[:10])}. Hapus karakter tersebut."
        )

"""Spreadsheet cells that are never read as formulas (OWASP "CSV injection").

A text starting with `=`, `+`, `-`, `@`, a tab or a carriage return can be run as a formula by
Excel or LibreOffice when a user opens an export (`=HYPERLINK(...)` leaks data, `=cmd|...` runs a
program). Every export writes its values through this module:

- **Excel (.xlsx)**: the cell's type is written as text (`data_type = "s"`, an inline string) and
  the cell gets Excel's own "quote prefix" flag, which is what Excel sets when a user types
  `'=...`. The value itself is unchanged, so an exported name imports back byte for byte
  (export → edit → import of position standards), and the cell stays text even after editing.
- **CSV**: a CSV has no cell types, so the only defence is OWASP's: a single quote before the text.

Numbers (int, Decimal, float) and dates are never touched: they stay numbers, negatives included.
"""
from __future__ import annotations

from collections.abc import Iterable

AWALAN_BERBAHAYA = ("=", "+", "-", "@", "\t", "\r")


def berbahaya(nilai) -> bool:
    """True for a text that a spreadsheet program could read as a formula."""
    return isinstance(nilai, str) and nilai.startswith(AWALAN_BERBAHAYA)


def teks_csv(nilai):
    """The value for a CSV cell: a hostile text gets a leading single quote; the rest unchanged."""
    return "'" + nilai if berbahaya(nilai) else nilai


def baris_csv(baris: Iterable) -> list:
    return [teks_csv(v) for v in baris]


def sel_xlsx(ws, nilai, **gaya):
    """A cell for `ws.append(...)` (write-only or normal worksheet): hostile text is stored as text
    with the quote-prefix flag; `gaya` sets font/fill/alignment/number_format."""
    from openpyxl.cell import WriteOnlyCell

    sel = WriteOnlyCell(ws, value=nilai)
    if berbahaya(nilai):
        sel.data_type = "s"
        sel.quotePrefix = True
    for kunci, isi in gaya.items():
        setattr(sel, kunci, isi)
    return sel


def baris_xlsx(ws, baris: Iterable) -> list:
    """A row for `ws.append(...)`: plain values pass through, hostile text becomes a safe cell."""
    return [sel_xlsx(ws, v) if berbahaya(v) else v for v in baris]

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

Indonesian formats in Excel: numbers and dates stay real numeric and date cells with a number
format (`FORMAT_*`), never text, so the reader's Excel shows them with its own locale's separators
(an Indonesian Excel prints 12,50 and 1.234) and they still add up. `baris_xlsx(ws, row, formats)`
applies a format per column; dates always get `dd/mm/yyyy` (with the time when there is one).
"""
from __future__ import annotations

from collections.abc import Iterable, Sequence
from copy import copy
from datetime import date, datetime
from decimal import Decimal

from django.utils import timezone
from openpyxl.cell import Cell, WriteOnlyCell
from openpyxl.worksheet._write_only import WriteOnlyWorksheet

AWALAN_BERBAHAYA = ("=", "+", "-", "@", "\t", "\r")
FORMAT_BILANGAN = "#,##0"  # counts: employees, sessions
FORMAT_JP = "#,##0.00"  # JP, kept to the engine's two places
FORMAT_PERSEN = "0.0"  # a percentage stored as 0–100, its column header says "%"
FORMAT_TANGGAL = "dd/mm/yyyy"
FORMAT_WAKTU = "dd/mm/yyyy hh:mm"
_JENIS_ANGKA = (int, float, Decimal)


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
    sel = WriteOnlyCell(ws, value=nilai)
    if berbahaya(nilai):
        sel.data_type = "s"
        sel.quotePrefix = True
    for kunci, isi in gaya.items():
        setattr(sel, kunci, isi)
    return sel


def nilai_xlsx(ws, nilai, format_angka: str | None = None):
    """One value for `ws.append(...)`: hostile text as a safe text cell, a date or time as a date
    cell in the Indonesian order (local time, Excel knows no time zones), a number with
    `format_angka` as a numeric cell in that format; anything else as is."""
    if format_angka and type(nilai) in _JENIS_ANGKA:  # most cells of a report: checked first
        return _sel_angka(ws, nilai, format_angka)
    if berbahaya(nilai):
        return sel_xlsx(ws, nilai)
    if isinstance(nilai, datetime):
        lokal = timezone.localtime(nilai) if timezone.is_aware(nilai) else nilai
        return sel_xlsx(ws, lokal.replace(tzinfo=None), number_format=FORMAT_WAKTU)
    if isinstance(nilai, date):
        return sel_xlsx(ws, nilai, number_format=FORMAT_TANGGAL)
    if format_angka and isinstance(nilai, _JENIS_ANGKA) and not isinstance(nilai, bool):
        return _sel_angka(ws, nilai, format_angka)  # a subclass of a number type
    return nilai


class _SelAngka(Cell):
    """A numeric cell with a number format. openpyxl's write-only `append` first tries every value as
    a plain value and, for a cell, formats an error message with the cell's repr before taking it as
    a cell: in a province-wide export that repr was a tenth of the time. This cell's repr is free."""

    __slots__ = ()

    def __repr__(self) -> str:
        return "<SelAngka>"


class _SelAngkaTulis(_SelAngka):
    """The same cell on a write-only sheet, where it is written once with the sheet's shared style:
    its style id is known up front instead of being looked up in the workbook's style list (a hash of
    the style array) for every cell written."""

    __slots__ = ("_id_gaya",)

    @property
    def style_id(self) -> int:
        return self._id_gaya


def _sel_angka(ws, nilai, format_angka: str):
    """A numeric cell in a number format. The format's style is worked out once per sheet and shared:
    setting `number_format` on every cell looks the format up in the workbook each time, which made a
    province-wide export twice as slow as writing the bare values."""
    gaya = ws.__dict__.setdefault("_gaya_angka", {})
    if format_angka not in gaya:
        contoh = WriteOnlyCell(ws, value=nilai)
        contoh.number_format = format_angka
        gaya[format_angka] = (contoh._style, contoh.style_id)
    gaya_sel, id_gaya = gaya[format_angka]
    # A write-only sheet writes the cell at once and never touches it again, so the style can be
    # shared; a normal sheet may restyle one cell later (bold totals) and needs its own copy.
    if isinstance(ws, WriteOnlyWorksheet):
        sel = _SelAngkaTulis(ws, row=1, column=1, value=nilai)
        sel._style, sel._id_gaya = gaya_sel, id_gaya
        return sel
    sel = _SelAngka(ws, row=1, column=1, value=nilai)
    sel._style = copy(gaya_sel)
    return sel


def baris_xlsx(ws, baris: Iterable, format_kolom: Sequence[str | None] = ()) -> list:
    """A row for `ws.append(...)`: hostile text becomes a safe cell, dates date cells, and the numbers
    of column i get `format_kolom[i]` (None: Excel's General)."""
    return [nilai_xlsx(ws, v, format_kolom[i] if i < len(format_kolom) else None) for i, v in enumerate(baris)]

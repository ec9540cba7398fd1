"""CSV next to the Excel reader of `impor.baca_xlsx`, for imports that accept both (the LMS completions
first; any import may use it). The rows come out in the same shape (`BarisImpor` keyed by `kolom`
keys, header matched by title, case-insensitive), so a preview does not care which format arrived."""
from __future__ import annotations

import csv
import io

from .impor import BARIS_MAKS, BarisImpor, BerkasTidakValid, baca_xlsx

PEMISAH = ";,\t"  # Indonesian Excel saves CSV with ";" (comma is the decimal mark); other systems "," or tab
AWAL_ZIP = b"PK\x03\x04"  # every .xlsx is a zip archive


def baca_csv(isi: bytes, *, kolom: list[tuple[str, str]], wajib: set[str]) -> list[BarisImpor]:
    """Read a CSV (UTF-8, with or without BOM; delimiter ";", "," or tab, told by the header line)."""
    try:
        teks = isi.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise BerkasTidakValid("Berkas CSV harus berenkode UTF-8; simpan ulang sebagai 'CSV UTF-8'.") from None
    baris_judul = teks.lstrip("\r\n").partition("\n")[0]
    if not baris_judul.strip():
        raise BerkasTidakValid("Berkas kosong: tidak ada baris judul kolom.")
    # The header decides: the sniffer guesses wrong on data rows with commas inside course titles.
    pemisah = max(PEMISAH, key=baris_judul.count)
    pembaca = csv.reader(io.StringIO(teks.lstrip("\r\n")), delimiter=pemisah)
    judul = [j.strip().lower() for j in next(pembaca)]
    indeks = {kunci: judul.index(nama.lower()) for kunci, nama in kolom if nama and nama.lower() in judul}
    kurang = [nama for kunci, nama in kolom if kunci in wajib and kunci not in indeks]
    if kurang:
        raise BerkasTidakValid("Kolom wajib tidak ditemukan: " + ", ".join(kurang) + ".")
    hasil = []
    try:
        for nomor, sel in enumerate(pembaca, start=2):
            if nomor - 1 > BARIS_MAKS:
                raise BerkasTidakValid(f"Berkas berisi lebih dari {BARIS_MAKS} baris; bagi menjadi beberapa berkas.")
            if not any(s.strip() for s in sel):
                continue
            hasil.append(BarisImpor(nomor=nomor, data={
                kunci: (sel[i].strip() if i < len(sel) else "") for kunci, i in indeks.items()
            }))
    except csv.Error as exc:
        raise BerkasTidakValid(f"Berkas CSV rusak: {exc}.") from None
    return hasil


def baca_tabel(isi: bytes, *, kolom: list[tuple[str, str]], wajib: set[str]) -> list[BarisImpor]:
    """An .xlsx or a .csv, told apart by content (not by the name a user can get wrong)."""
    if isi.startswith(AWAL_ZIP):
        return baca_xlsx(isi, kolom=kolom, wajib=wajib)
    return baca_csv(isi, kolom=kolom, wajib=wajib)

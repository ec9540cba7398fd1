"""Indonesian dates for printed documents ("Senin, 2 Februari 2026"). Pure: no Django, no locale,
so the same text comes out whatever the server's locale is."""
from __future__ import annotations

from datetime import date, datetime

HARI = ("Senin", "Selasa", "Rabu", "Kamis", "Jumat", "Sabtu", "Minggu")
BULAN = (
    "Januari", "Februari", "Maret", "April", "Mei", "Juni",
    "Juli", "Agustus", "September", "Oktober", "November", "Desember",
)


def nama_hari(d: date) -> str:
    return HARI[d.weekday()]


def nama_bulan(bulan: int) -> str:
    if not 1 <= bulan <= 12:
        raise ValueError(f"Bulan harus 1 sampai 12, bukan {bulan}.")
    return BULAN[bulan - 1]


def tanggal_panjang(d: date) -> str:
    """2 Februari 2026"""
    return f"{d.day} {nama_bulan(d.month)} {d.year}"


def hari_tanggal(d: date) -> str:
    """Senin, 2 Februari 2026"""
    return f"{nama_hari(d)}, {tanggal_panjang(d)}"


def waktu_panjang(dt: datetime) -> str:
    """2 Februari 2026 pukul 09.30 (the caller converts to local time first)."""
    return f"{tanggal_panjang(dt)} pukul {dt.hour:02d}.{dt.minute:02d}"


def periode(mulai: date, selesai: date) -> str:
    """'Tahun 2026' for a whole calendar year, otherwise '1 Maret 2026 s.d. 30 Juni 2026'."""
    if mulai == date(mulai.year, 1, 1) and selesai == date(mulai.year, 12, 31):
        return f"Tahun {mulai.year}"
    if mulai == selesai:
        return tanggal_panjang(mulai)
    return f"{tanggal_panjang(mulai)} s.d. {tanggal_panjang(selesai)}"

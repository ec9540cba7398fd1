from datetime import date, datetime, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bangkom.lib.tanggal import (
    BULAN,
    HARI,
    hari_tanggal,
    nama_bulan,
    nama_hari,
    periode,
    tanggal_panjang,
    waktu_panjang,
)


@pytest.mark.parametrize(("d", "teks"), [
    (date(2026, 2, 2), "Senin, 2 Februari 2026"),
    (date(2025, 8, 17), "Minggu, 17 Agustus 2025"),
    (date(2024, 2, 29), "Kamis, 29 Februari 2024"),
    (date(2026, 12, 31), "Kamis, 31 Desember 2026"),
    (date(2025, 5, 2), "Jumat, 2 Mei 2025"),
])
def test_hari_tanggal(d, teks):
    assert hari_tanggal(d) == teks


def test_seminggu_berurutan():
    senin = date(2026, 2, 2)
    assert [nama_hari(senin + timedelta(days=i)) for i in range(7)] == list(HARI)


def test_bulan_dan_batasnya():
    assert [nama_bulan(m) for m in range(1, 13)] == list(BULAN)
    with pytest.raises(ValueError):
        nama_bulan(13)


def test_waktu_dan_periode():
    assert waktu_panjang(datetime(2026, 3, 4, 9, 5)) == "4 Maret 2026 pukul 09.05"
    assert periode(date(2026, 1, 1), date(2026, 12, 31)) == "Tahun 2026"
    assert periode(date(2026, 3, 1), date(2026, 6, 30)) == "1 Maret 2026 s.d. 30 Juni 2026"
    assert periode(date(2026, 3, 1), date(2026, 3, 1)) == "1 Maret 2026"


@settings(max_examples=60)
@given(st.dates(min_value=date(2000, 1, 1), max_value=date(2100, 12, 31)))
def test_format_selalu_terurai_kembali(d):
    hari, sisa = hari_tanggal(d).split(", ")
    tgl, bulan, tahun = sisa.split(" ")
    assert HARI.index(hari) == d.weekday()
    assert date(int(tahun), BULAN.index(bulan) + 1, int(tgl)) == d
    assert tanggal_panjang(d) == sisa

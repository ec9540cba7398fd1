"""Likert recap of evaluations (RULES §5). Pure, no database."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bangkom.sesi.likert import KATEGORI_BAIK, KATEGORI_KONTRIBUSI, Rekap, kategori, rekap

D = Decimal


@pytest.mark.parametrize(
    ("mean", "expected"),
    [
        ("1", "Sangat Tidak Baik"),
        ("1.80", "Sangat Tidak Baik"),
        ("1.804", "Sangat Tidak Baik"),
        ("1.805", "Tidak Baik"),
        ("1.81", "Tidak Baik"),
        ("2.60", "Tidak Baik"),
        ("2.61", "Cukup"),
        ("3.40", "Cukup"),
        ("3.41", "Baik"),
        ("4.20", "Baik"),
        ("4.204", "Baik"),
        ("4.205", "Sangat Baik"),
        ("4.21", "Sangat Baik"),
        ("5.00", "Sangat Baik"),
    ],
)
def test_kategori_boundaries_on_rounded_mean(mean, expected):
    assert kategori(D(mean)) == expected


def test_kategori_kontribusi_same_intervals():
    assert list(KATEGORI_KONTRIBUSI) == list(KATEGORI_BAIK)
    assert list(KATEGORI_KONTRIBUSI.values()) == [
        "Sangat Rendah", "Rendah", "Sedang", "Tinggi", "Sangat Tinggi",
    ]
    assert kategori(D("3.41"), skala="kontribusi") == "Tinggi"


@pytest.mark.parametrize("mean", ["0.99", "5.01", "0", "-3"])
def test_kategori_out_of_range(mean):
    with pytest.raises(ValueError, match="di luar rentang"):
        kategori(D(mean))


def test_rekap_per_indicator_and_overall_mean_of_all_scores():
    hasil = rekap({
        "Pemahaman tugas dan fungsi jabatan": [5, 4, 4],
        "Kualitas kerja": [3],
    })
    assert isinstance(hasil, Rekap)
    assert [r.nama for r in hasil.indikator] == ["Pemahaman tugas dan fungsi jabatan", "Kualitas kerja"]
    assert hasil.indikator[0].rata_rata == D("4.33")
    assert hasil.indikator[0].kategori == "Sangat Baik"
    assert hasil.indikator[1].rata_rata == D("3.00")
    assert hasil.indikator[1].kategori == "Cukup"
    # mean of all scores: 16 / 4 = 4.00 (the mean of means would be 3.67)
    assert hasil.rata_rata == D("4.00")
    assert hasil.kategori == "Baik"
    assert hasil.jumlah == 4


def test_rounding_half_up_and_category_from_rounded_mean():
    # 4.205 exactly: 841 / 200 -> 4.21 -> Sangat Baik
    scores = [5] * 41 + [4] * 159  # (205 + 636) / 200 = 4.205
    hasil = rekap({"x": scores})
    assert hasil.rata_rata == D("4.21")
    assert hasil.kategori == "Sangat Baik"
    # 1.805 -> 1.81 -> Tidak Baik
    hasil = rekap({"y": [2] * 161 + [1] * 39})
    assert hasil.rata_rata == D("1.81") and hasil.kategori == "Tidak Baik"
    assert hasil.rata_rata.as_tuple().exponent == -2


def test_rekap_kontribusi_scale():
    hasil = rekap({"Ketepatan waktu": [4, 4], "Kepatuhan SOP": [2]}, skala="kontribusi")
    assert hasil.indikator[0].kategori == "Tinggi"
    assert hasil.indikator[1].kategori == "Rendah"
    assert hasil.kategori == "Sedang"  # 10 / 3 = 3.33
    with pytest.raises(ValueError, match="Skala"):
        rekap({"a": [3]}, skala="lain")


def test_empty_input_gives_no_mean_and_no_category():
    hasil = rekap({})
    assert hasil.indikator == [] and hasil.rata_rata is None and hasil.kategori is None
    hasil = rekap({"Kerja sama": [], "Percaya diri": [5]})
    assert hasil.indikator[0].rata_rata is None and hasil.indikator[0].kategori is None
    assert hasil.rata_rata == D("5.00")


@pytest.mark.parametrize("bad", [0, 6, -1, 3.0, "4", True, None, D("4")])
def test_invalid_scores_rejected_with_indonesian_message(bad):
    with pytest.raises(ValueError, match="Skor indikator 'Kualitas kerja'"):
        rekap({"Kualitas kerja": [4, bad]})


@settings(max_examples=60, deadline=None)
@given(st.dictionaries(st.text(min_size=1, max_size=8), st.lists(st.integers(1, 5), max_size=30), max_size=6))
def test_prop_means_in_range_and_category_consistent(data):
    hasil = rekap(data)
    rows = [(r.rata_rata, r.kategori) for r in hasil.indikator] + [(hasil.rata_rata, hasil.kategori)]
    for mean, kat in rows:
        if mean is None:
            assert kat is None
            continue
        assert D(1) <= mean <= D(5)
        assert mean.as_tuple().exponent == -2
        assert kat == kategori(mean)
        (bawah, atas) = next(k for k, v in KATEGORI_BAIK.items() if v == kat)
        assert bawah <= mean <= atas
    every = [s for scores in data.values() for s in scores]
    if every:
        exact = D(sum(every)) / D(len(every))
        assert abs(hasil.rata_rata - exact) <= D("0.005")

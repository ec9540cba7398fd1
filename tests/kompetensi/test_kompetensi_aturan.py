"""Pure gap arithmetic and the choice of form (no database)."""
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bangkom.kompetensi.kesenjangan import (
    BELUM_DINILAI,
    KETERAMPILAN,
    MOTIVASI,
    PENGETAHUAN,
    bandingkan,
    hitung_kesenjangan,
    rekomendasi_bentuk,
)


def test_the_gap_is_required_minus_current_and_met_competencies_are_not_gaps():
    gaps = hitung_kesenjangan({"a": 3, "b": 2, "c": 2}, {"a": 1, "b": 2, "c": 4})
    assert [(g.kompetensi, g.selisih) for g in gaps] == [("a", 2)]


def test_a_competency_without_assessment_is_belum_dinilai_not_a_gap():
    semua = bandingkan({"a": 3}, {})
    assert semua[0].status == BELUM_DINILAI and semua[0].selisih == 0
    assert hitung_kesenjangan({"a": 3}, {}) == []


@settings(max_examples=50)
@given(st.dictionaries(st.integers(0, 20), st.integers(1, 5)), st.dictionaries(st.integers(0, 20), st.integers(1, 5)))
def test_gaps_are_never_negative_and_only_for_standard_competencies(standar, saat_ini):
    for g in hitung_kesenjangan(standar, saat_ini):
        assert g.selisih == standar[g.kompetensi] - saat_ini[g.kompetensi] > 0


@pytest.mark.parametrize(("selisih", "penyebab", "bentuk"), [
    (1, MOTIVASI, "coaching"),
    (2, KETERAMPILAN, "mentoring"),
    (3, KETERAMPILAN, "mentoring"),
    (1, KETERAMPILAN, "coaching"),
    (1, PENGETAHUAN, "belajar_mandiri"),
    (3, PENGETAHUAN, "belajar_mandiri"),
    (2, MOTIVASI, "coaching"),
    (1, None, "coaching"),
    (2, None, "mentoring"),
])
def test_the_recommendation_follows_panduan_langsa(selisih, penyebab, bentuk):
    hasil, penjelasan = rekomendasi_bentuk(selisih, penyebab)
    assert hasil == bentuk
    assert f"{selisih} level" in penjelasan


def test_the_explanation_names_the_reason():
    assert "motivasi" in rekomendasi_bentuk(1, MOTIVASI)[1]
    assert "keterampilan" in rekomendasi_bentuk(2, KETERAMPILAN)[1]
    assert "sumber belajar" in rekomendasi_bentuk(1, PENGETAHUAN)[1]
    assert "belum dibahas" in rekomendasi_bentuk(1, None)[1]


def test_no_recommendation_without_a_gap_or_with_an_unknown_cause():
    with pytest.raises(ValueError):
        rekomendasi_bentuk(0, MOTIVASI)
    with pytest.raises(ValueError):
        rekomendasi_bentuk(1, "cuaca")

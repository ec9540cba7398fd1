"""The pure JP conversion engine (RULES §3, CONVERSION.md). No database."""

from __future__ import annotations

import random
from collections import defaultdict
from dataclasses import replace
from datetime import date, timedelta
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from jp_conversion import rules
from jp_conversion.rules import Activity, Credit, RuleSet, convert

D = Decimal


def one(kind, day=date(2026, 3, 10), scope="nasional", jp=None) -> Credit:
    (credit,) = convert([Activity("a", kind, day, scope, jp)])
    return credit


# --------------------------------------------------------------------------------------------------
# The table: one case per form and scope
# --------------------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("kind", "scope", "jp", "expected"),
    [
        ("coaching", "nasional", None, "2.00"),
        ("coaching", "internasional", None, "4.00"),
        ("mentoring", "nasional", None, "2.00"),
        ("mentoring", "internasional", None, "4.00"),
        ("belajar_mandiri", "nasional", D("1.5"), "1.50"),
        ("belajar_mandiri", "internasional", D("2"), "2.40"),
        ("bimbingan_di_tempat_kerja", "nasional", None, "2.00"),
        ("bimbingan_di_tempat_kerja", "internasional", None, "2.40"),
        ("e_learning", "nasional", D("2.5"), "2.50"),
        ("e_learning", "nasional", D("5"), "3.00"),
        ("e_learning", "internasional", D("5"), "3.00"),
        ("pelatihan_jarak_jauh", "nasional", D("24"), "24.00"),
        ("pelatihan_jarak_jauh", "internasional", D("24"), "28.80"),
        ("detasering", "nasional", None, "20.00"),
        ("detasering", "internasional", None, "24.00"),
        ("outbound", "nasional", D("8"), "8.00"),
        ("outbound", "internasional", D("8"), "9.60"),
        ("benchmarking", "nasional", None, "10.00"),
        ("benchmarking", "internasional", None, "20.00"),
        ("pertukaran_pns", "nasional", None, "20.00"),
        ("pertukaran_pns", "internasional", None, "24.00"),
        ("komunitas_belajar", "nasional", D("3"), "2.00"),
        ("komunitas_belajar", "internasional", D("1"), "1.20"),
        ("magang", "nasional", None, "20.00"),
        ("magang", "internasional", None, "24.00"),
        ("tugas_belajar", "nasional", None, "20.00"),
        ("tugas_belajar", "internasional", None, "20.00"),
        ("pelatihan_struktural", "nasional", D("90"), "90.00"),
        ("pelatihan_struktural", "internasional", D("90"), "90.00"),
        ("pelatihan", "nasional", D("32"), "32.00"),
        ("pelatihan", "internasional", D("32"), "38.40"),
        ("seminar", "nasional", None, "4.00"),
        ("seminar", "internasional", None, "6.00"),
        ("workshop", "nasional", None, "5.00"),
        ("workshop", "internasional", None, "7.00"),
        ("kursus", "nasional", D("12"), "12.00"),
        ("kursus", "internasional", D("12"), "14.40"),
        ("sosialisasi", "nasional", None, "4.00"),
        ("sosialisasi", "internasional", None, "6.00"),
        ("pelatihan_kantor_sendiri", "nasional", D("16"), "16.00"),
        ("pelatihan_kantor_sendiri", "internasional", D("16"), "16.00"),
        ("klasikal_lainnya", "nasional", D("10"), "10.00"),
        ("klasikal_lainnya", "internasional", D("10"), "12.00"),
        ("nonklasikal_lainnya", "nasional", D("6"), "6.00"),
        ("nonklasikal_lainnya", "internasional", D("6"), "7.20"),
    ],
)
def test_table_value_of_each_form(kind, scope, jp, expected):
    credit = one(kind, scope=scope, jp=jp)
    assert credit.jp == D(expected)
    assert credit.jp.as_tuple().exponent == -2
    assert credit.counted is True
    assert credit.key == "a"


def test_every_form_is_in_the_table_with_label_and_source():
    expected = {
        "coaching", "mentoring", "belajar_mandiri", "bimbingan_di_tempat_kerja", "e_learning",
        "pelatihan_jarak_jauh", "detasering", "outbound", "benchmarking", "pertukaran_pns",
        "komunitas_belajar", "magang", "tugas_belajar", "pelatihan_struktural", "pelatihan", "seminar",
        "workshop", "kursus", "sosialisasi", "pelatihan_kantor_sendiri", "klasikal_lainnya",
        "nonklasikal_lainnya",
    }
    assert set(rules.semua_jenis()) == expected == set(rules.FORMS)
    for kind, f in rules.FORMS.items():
        assert f.kind == kind
        assert rules.label(kind) == f.label and f.label
        assert f.sumber and f.keyakinan
    assert set(rules.semua_jenis("klasikal")) == {
        "pelatihan_struktural", "pelatihan", "seminar", "workshop", "kursus", "sosialisasi",
        "pelatihan_kantor_sendiri", "klasikal_lainnya",
    }
    assert rules.label("belajar_mandiri") == "Belajar mandiri"


@pytest.mark.parametrize(
    ("kind", "kelompok", "kelas"),
    [
        ("coaching", "nonklasikal", "20"),
        ("mentoring", "nonklasikal", "20"),
        ("bimbingan_di_tempat_kerja", "nonklasikal", "20"),
        ("komunitas_belajar", "nonklasikal", "20"),
        ("belajar_mandiri", "nonklasikal", "70"),
        ("magang", "nonklasikal", "70"),
        ("detasering", "nonklasikal", "70"),
        ("nonklasikal_lainnya", "nonklasikal", "70"),
        ("e_learning", "nonklasikal", "10"),
        ("pelatihan", "klasikal", "10"),
        ("seminar", "klasikal", "10"),
        ("pelatihan_kantor_sendiri", "klasikal", "10"),
        ("klasikal_lainnya", "klasikal", "10"),
    ],
)
def test_every_form_has_its_group_and_10_20_70_class(kind, kelompok, kelas):
    assert rules.kelompok_dan_kelas(kind, date(2026, 1, 1)) == (kelompok, kelas)


def test_group_of_every_form_is_known_and_legacy_kinds_fall_back():
    for f in rules.FORMS.values():
        assert f.kelompok in rules.KELOMPOK and f.kelas in rules.KELAS
    assert rules.kelompok_dan_kelas("tidak_ada") == ("nonklasikal", "70")
    assert rules.kelompok_dan_kelas("seminar", date(2010, 1, 1)) == ("klasikal", "10")


def test_a_form_without_a_10_20_70_class_or_with_a_yearly_cap_on_sessions_is_refused():
    with pytest.raises(ValueError, match="kelas 10:20:70"):
        rules.Form("x", "X", "klasikal", "hari", D("4"))
    with pytest.raises(ValueError, match="batas per tahun"):
        rules.Form("x", "X", "nonklasikal", "sesi", D("2"), kelas="20", kali_per_tahun=1)


# --------------------------------------------------------------------------------------------------
# Magang: at most once a year (decision 11, BPSDM Malut study)
# --------------------------------------------------------------------------------------------------
def test_second_magang_of_a_year_is_kept_with_a_reason():
    acts = [Activity(2, "magang", date(2026, 8, 1)), Activity(1, "magang", date(2026, 3, 1), "internasional")]
    for order in (acts, acts[::-1]):
        credits = {c.key: c for c in convert(order)}
        assert (credits[1].jp, credits[1].counted) == (D("24.00"), True)
        assert (credits[2].jp, credits[2].counted) == (D("0.00"), False)
        assert credits[2].reason == "tidak dihitung: magang hanya dihitung sekali setahun (2026)"


def test_magang_counts_again_the_next_year_and_same_day_tie_goes_to_the_earliest_key():
    credits = convert([Activity(1, "magang", date(2025, 12, 31)), Activity(2, "magang", date(2026, 1, 2))])
    assert all(c.counted for c in credits)
    credits = {c.key: c for c in convert([Activity(9, "magang", date(2026, 5, 5)),
                                          Activity(4, "magang", date(2026, 5, 5))])}
    assert credits[4].counted and not credits[9].counted


def test_an_uncounted_magang_does_not_block_a_seminar_on_its_date():
    acts = [Activity(1, "magang", date(2026, 3, 1)), Activity(2, "magang", date(2026, 4, 1)),
            Activity(3, "seminar", date(2026, 4, 1))]
    assert [c.jp for c in convert(acts)] == [D("20.00"), D("0.00"), D("4.00")]


def test_an_earlier_magang_moves_the_yearly_count_and_can_lower_the_total():
    # Documented consequence of decision 11 ("the earliest counts"), like the mixed-scope case.
    acts = [Activity(1, "magang", date(2026, 6, 1)), Activity(2, "seminar", date(2026, 2, 1))]
    assert _total(acts) == D("24.00")
    assert _total([*acts, Activity("extra", "magang", date(2026, 2, 1))]) == D("20.00")


def test_fixed_value_forms_ignore_activity_jp():
    assert one("seminar", jp=D("3")).jp == D("4.00")


def test_reasons_are_indonesian_with_decimal_comma():
    assert one("coaching").reason == "2 JP: sesi coaching nasional"
    assert one("mentoring", scope="internasional").reason == "4 JP: sesi mentoring internasional"
    assert one("belajar_mandiri", scope="internasional", jp=D("2")).reason == (
        "2,40 JP: belajar mandiri internasional (+20%)"
    )
    assert one("belajar_mandiri", jp=D("3")).reason == "2 JP dari 3 JP: batas 2 JP per hari"
    assert one("pelatihan", scope="internasional", jp=D("32")).reason.startswith("38,40 JP: pelatihan")


# --------------------------------------------------------------------------------------------------
# Monthly session caps
# --------------------------------------------------------------------------------------------------
def test_third_session_in_a_month_is_not_counted():
    acts = [Activity(i, "coaching", date(2026, 1, d)) for i, d in enumerate((5, 12, 19))]
    credits = convert(acts)
    assert [c.jp for c in credits] == [D("2.00"), D("2.00"), D("0.00")]
    assert [c.counted for c in credits] == [True, True, False]
    assert credits[2].reason == "tidak dihitung: melebihi batas 2 sesi coaching per bulan (Januari 2026)"


def test_earliest_sessions_count_whatever_the_input_order():
    acts = [
        Activity("late", "mentoring", date(2026, 5, 28)),
        Activity("mid", "mentoring", date(2026, 5, 14)),
        Activity("early", "mentoring", date(2026, 5, 2)),
    ]
    credits = {c.key: c for c in convert(acts)}
    assert credits["early"].counted and credits["mid"].counted
    assert not credits["late"].counted
    assert "Mei 2026" in credits["late"].reason


def test_same_day_sessions_tie_broken_by_input_order():
    acts = [Activity(k, "coaching", date(2026, 2, 3)) for k in ("x", "y", "z")]
    assert [c.counted for c in convert(acts)] == [True, True, False]
    assert [c.counted for c in convert(acts[::-1])] == [True, True, False]  # now z, y count


def test_caps_are_per_kind():
    day = date(2026, 4, 7)
    acts = [Activity(f"c{i}", "coaching", day) for i in range(2)] + [
        Activity(f"m{i}", "mentoring", day) for i in range(2)
    ] + [Activity(f"b{i}", "bimbingan_di_tempat_kerja", day) for i in range(2)]
    credits = convert(acts)
    assert all(c.counted for c in credits)
    assert sum(c.jp for c in credits) == D("12.00")


def test_mixed_scopes_share_the_cap_and_keep_their_own_value():
    acts = [
        Activity(1, "coaching", date(2026, 6, 1), "internasional"),
        Activity(2, "coaching", date(2026, 6, 2), "nasional"),
        Activity(3, "coaching", date(2026, 6, 3), "internasional"),
    ]
    assert [c.jp for c in convert(acts)] == [D("4.00"), D("2.00"), D("0.00")]


@pytest.mark.parametrize(
    ("first", "second"),
    [(date(2026, 1, 31), date(2026, 2, 1)), (date(2025, 12, 31), date(2026, 1, 1))],
)
def test_month_and_year_boundaries_start_a_fresh_count(first, second):
    acts = [Activity(f"a{i}", "coaching", first) for i in range(3)] + [
        Activity(f"b{i}", "coaching", second) for i in range(3)
    ]
    counted = [c.counted for c in convert(acts)]
    assert counted == [True, True, False, True, True, False]


def test_day_boundary_for_self_study():
    acts = [
        Activity(1, "belajar_mandiri", date(2025, 12, 31), jp=D("2")),
        Activity(2, "belajar_mandiri", date(2026, 1, 1), jp=D("2")),
    ]
    assert [c.jp for c in convert(acts)] == [D("2.00"), D("2.00")]


def test_jp_maksimum_bulan():
    assert rules.jp_maksimum_bulan("coaching") == D("4.00")
    assert rules.jp_maksimum_bulan("mentoring", "internasional") == D("8.00")
    assert rules.jp_maksimum_bulan("bimbingan_di_tempat_kerja", "internasional") == D("4.80")
    with pytest.raises(ValueError, match="batas sesi per bulan"):
        rules.jp_maksimum_bulan("belajar_mandiri")


# --------------------------------------------------------------------------------------------------
# Daily JP caps (belajar mandiri, komunitas belajar, e-learning)
# --------------------------------------------------------------------------------------------------
def test_self_study_one_and_a_half_twice():
    day = date(2026, 3, 2)
    credits = convert([
        Activity(1, "belajar_mandiri", day, jp=D("1.5")),
        Activity(2, "belajar_mandiri", day, jp=D("1.5")),
        Activity(3, "belajar_mandiri", day, jp=D("1")),
    ])
    assert [c.jp for c in credits] == [D("1.50"), D("0.50"), D("0.00")]
    assert [c.counted for c in credits] == [True, True, False]
    assert credits[0].reason == "1,5 JP: belajar mandiri nasional"
    assert credits[1].reason == "0,5 JP dari 1,5 JP: batas 2 JP per hari"
    assert credits[2].reason == "tidak dihitung: batas 2 JP per hari sudah tercapai"


def test_self_study_cap_is_per_kind():
    day = date(2026, 3, 2)
    credits = convert([
        Activity(1, "belajar_mandiri", day, jp=D("2")),
        Activity(2, "komunitas_belajar", day, jp=D("2")),
        Activity(3, "e_learning", day, jp=D("3")),
    ])
    assert [c.jp for c in credits] == [D("2.00"), D("2.00"), D("3.00")]


@pytest.mark.parametrize(
    ("studied", "expected"),
    [("1.75", "2.10"), ("0.33", "0.40"), ("1.01", "1.21"), ("0.04", "0.05"), ("3", "2.40")],
)
def test_international_bonus_after_cap_rounded_half_up(studied, expected):
    assert one("belajar_mandiri", scope="internasional", jp=D(studied)).jp == D(expected)


def test_international_bonus_on_capped_amount_per_log():
    day = date(2026, 3, 2)
    credits = convert([
        Activity(1, "belajar_mandiri", day, "nasional", D("1.5")),
        Activity(2, "belajar_mandiri", day, "internasional", D("1.5")),
    ])
    assert [c.jp for c in credits] == [D("1.50"), D("0.60")]
    assert credits[1].reason.startswith("0,60 JP: 0,5 JP dari 1,5 JP (batas 2 JP per hari)")


def test_many_small_international_logs_never_exceed_the_day_cap():
    # Per-log rounding would give 50 x 0.05 = 2.50; cumulative rounding keeps the day at 2.40.
    day = date(2026, 3, 2)
    credits = convert([Activity(i, "belajar_mandiri", day, "internasional", D("0.04")) for i in range(60)])
    assert sum(c.jp for c in credits) == D("2.40")
    assert all(c.jp in (D("0.04"), D("0.05"), D("0.00")) for c in credits)


def test_studied_jp_is_required_and_positive():
    with pytest.raises(ValueError, match="wajib diisi"):
        one("belajar_mandiri")
    with pytest.raises(ValueError, match="lebih dari 0"):
        one("pelatihan", jp=D("0"))
    with pytest.raises(ValueError, match="lebih dari 0"):
        one("belajar_mandiri", jp=D("-1"))


# --------------------------------------------------------------------------------------------------
# Errors and versions
# --------------------------------------------------------------------------------------------------
def test_unknown_kind_and_scope_are_rejected():
    with pytest.raises(ValueError, match="tidak dikenal"):
        one("ngopi_bareng")
    with pytest.raises(ValueError, match="tidak dikenal"):
        rules.label("ngopi_bareng")
    with pytest.raises(ValueError, match="Lingkup"):
        one("coaching", scope="regional")


def test_day_before_first_rule_set_is_rejected():
    with pytest.raises(ValueError, match="Tidak ada aturan"):
        one("coaching", day=date(2017, 12, 31))
    assert one("coaching", day=date(2018, 1, 1)).jp == D("2.00")


def _two_versions():
    base = rules.RULE_SETS[0]
    forms = dict(base.forms)
    forms["coaching"] = replace(forms["coaching"], nasional=D("3"), sesi_per_bulan=1)
    del forms["sosialisasi"]
    return (base, RuleSet("uji-2030", date(2030, 1, 1), forms))


def test_version_selected_by_activity_date():
    sets = _two_versions()
    assert rules.versi_aturan(date(2029, 12, 31), sets) == "perlan-10-2018"
    assert rules.versi_aturan(date(2030, 1, 1), sets) == "uji-2030"
    assert rules.versi_aturan(date(2026, 1, 1)) == "perlan-10-2018"
    credits = convert(
        [
            Activity(1, "coaching", date(2029, 12, 31)),
            Activity(2, "coaching", date(2030, 1, 1)),
            Activity(3, "coaching", date(2030, 1, 2)),
        ],
        rule_sets=sets[::-1],  # order of the list does not matter
    )
    assert [c.jp for c in credits] == [D("2.00"), D("3.00"), D("0.00")]
    assert "batas 1 sesi" in credits[2].reason
    with pytest.raises(ValueError, match="uji-2030"):
        convert([Activity(1, "sosialisasi", date(2030, 5, 1))], rule_sets=sets)


def test_a_version_starting_mid_month_starts_a_fresh_count():
    base = rules.RULE_SETS[0]
    sets = (base, RuleSet("uji-tengah", date(2030, 1, 15), base.forms))
    acts = [Activity(i, "coaching", date(2030, 1, d)) for i, d in enumerate((2, 3, 16, 17))]
    assert all(c.counted for c in convert(acts, rule_sets=sets))


# --------------------------------------------------------------------------------------------------
# Properties
# --------------------------------------------------------------------------------------------------
KINDS = rules.semua_jenis()
STUDIED = {k for k, f in rules.FORMS.items() if f.unit == "jp"}
START = date(2025, 11, 1)

jp_values = st.decimals(min_value=D("0.01"), max_value=D("6"), places=2)


@st.composite
def activity_lists(draw, kinds=KINDS, scopes=("nasional", "internasional"), max_size=25):
    n = draw(st.integers(min_value=0, max_value=max_size))
    acts = []
    for i in range(n):
        kind = draw(st.sampled_from(kinds))
        day = START + timedelta(days=draw(st.integers(min_value=0, max_value=100)))
        scope = draw(st.sampled_from(scopes))
        jp = draw(jp_values) if kind in STUDIED else None
        acts.append(Activity(i, kind, day, scope, jp))
    return acts


PROPS = settings(max_examples=40, deadline=None)


@PROPS
@given(activity_lists())
def test_prop_never_negative_two_places_one_per_activity(acts):
    credits = convert(acts)
    assert [c.key for c in credits] == [a.key for a in acts]
    for c in credits:
        assert c.jp >= 0
        assert c.jp.as_tuple().exponent == -2
        assert c.counted == (c.jp > 0)
        assert c.reason


@PROPS
@given(activity_lists(kinds=("coaching", "mentoring", "bimbingan_di_tempat_kerja")))
def test_prop_no_month_counts_more_than_two_sessions_of_a_kind(acts):
    counted = defaultdict(int)
    for a, c in zip(acts, convert(acts), strict=True):
        counted[(a.kind, a.day.year, a.day.month)] += c.counted
    assert all(n <= 2 for n in counted.values())


@PROPS
@given(activity_lists(kinds=("belajar_mandiri", "komunitas_belajar"), max_size=30))
def test_prop_no_day_more_than_two_jp_of_self_study(acts):
    total = defaultdict(Decimal)
    base = defaultdict(Decimal)
    only_national = defaultdict(lambda: True)
    for a, c in zip(acts, convert(acts), strict=True):
        key = (a.kind, a.day)
        total[key] += c.jp
        base[key] += c.jp / D("1.2") if a.scope == "internasional" else c.jp
        only_national[key] &= a.scope == "nasional"
    for key, jp in total.items():
        assert jp <= D("2.40")
        assert base[key] <= D("2.01")  # before the bonus, up to the last cent of rounding
        if only_national[key]:
            assert jp <= D("2.00")


def _total(acts) -> Decimal:
    return sum((c.jp for c in convert(acts)), D("0"))


@PROPS
@given(activity_lists(scopes=("nasional",)), st.data())
def test_prop_adding_an_activity_never_lowers_the_total_single_scope(acts, data):
    # An added earlier magang is the exception (decision 11): test_an_earlier_magang_moves_the_yearly_count
    tanpa_magang = tuple(k for k in KINDS if k != "magang")
    extra = data.draw(activity_lists(kinds=tanpa_magang, scopes=("nasional",), max_size=1).filter(bool))[0]
    extra = replace(extra, key="extra")
    position = data.draw(st.integers(min_value=0, max_value=len(acts)))
    assert _total(acts[:position] + [extra] + acts[position:]) >= _total(acts)


@PROPS
@given(activity_lists(), st.data())
def test_prop_appending_a_later_activity_never_lowers_the_total(acts, data):
    extra = data.draw(activity_lists(max_size=1).filter(bool))[0]
    last = max((a.day for a in acts), default=START)
    extra = replace(extra, key="extra", day=max(extra.day, last))
    assert _total([*acts, extra]) >= _total(acts)


def test_mixed_scopes_earlier_national_session_can_displace_an_international_one():
    # Documented consequence of RULES §3 (earliest count, shared cap, own value): the total may drop.
    intl = [Activity(i, "coaching", date(2026, 1, 10 + i), "internasional") for i in range(2)]
    assert _total(intl) == D("8.00")
    assert _total([Activity("n", "coaching", date(2026, 1, 1)), *intl]) == D("6.00")


@PROPS
@given(
    st.lists(st.integers(min_value=0, max_value=120), unique=True, max_size=30),
    st.data(),
    st.randoms(use_true_random=False),
)
def test_prop_independent_of_input_order_across_days(offsets, data, rnd: random.Random):
    acts = []
    for i, off in enumerate(offsets):
        kind = data.draw(st.one_of(st.sampled_from(("coaching", "mentoring")), st.sampled_from(KINDS)))
        scope = data.draw(st.sampled_from(rules.SCOPES))
        jp = data.draw(jp_values) if kind in STUDIED else None
        acts.append(Activity(i, kind, START + timedelta(days=off), scope, jp))
    shuffled = acts[:]
    rnd.shuffle(shuffled)
    assert {c.key: c for c in convert(acts)} == {c.key: c for c in convert(shuffled)}


# --------------------------------------------------------------------------------------------------
# One day, one full-day event (decision 10, RULES §3)
# --------------------------------------------------------------------------------------------------
FULL_DAY = tuple(k for k, f in rules.FORMS.items() if f.unit in ("hari", "kegiatan"))


def test_full_day_forms_are_the_per_day_and_per_event_rows():
    assert {"seminar", "workshop", "sosialisasi", "magang"} <= set(FULL_DAY)
    assert not {"coaching", "belajar_mandiri", "pelatihan", "tugas_belajar"} & set(FULL_DAY)


def test_two_full_day_events_on_one_date_count_once_highest_jp():
    day = date(2026, 4, 7)
    acts = [
        Activity(1, "seminar", day),
        Activity(2, "workshop", day),
        Activity(3, "sosialisasi", day),
        Activity(4, "seminar", day + timedelta(days=1)),
    ]
    credits = {c.key: c for c in convert(acts)}
    assert (credits[2].jp, credits[2].counted) == (D("5.00"), True)
    for key in (1, 3):
        assert (credits[key].jp, credits[key].counted) == (D("0.00"), False)
        assert credits[key].reason == (
            "tidak dihitung: sudah ada kegiatan sehari penuh (workshop/lokakarya) pada tanggal ini"
        )
    assert credits[4].counted  # another date counts on its own


def test_full_day_tie_goes_to_the_earliest_key_whatever_the_order():
    day = date(2026, 4, 7)
    acts = [Activity(9, "seminar", day), Activity(3, "sosialisasi", day), Activity(5, "seminar", day)]
    for order in (acts, acts[::-1]):
        credits = {c.key: c for c in convert(order)}
        assert [credits[k].counted for k in (3, 5, 9)] == [True, False, False]
        assert "(sosialisasi)" in credits[5].reason


def test_full_day_international_value_wins_and_magang_day_is_full_day():
    day = date(2026, 4, 7)
    credits = convert([Activity("s", "seminar", day, "internasional"), Activity("w", "workshop", day)])
    assert [c.jp for c in credits] == [D("6.00"), D("0.00")]
    credits = convert([Activity("s", "seminar", day), Activity("m", "magang", day)])
    assert [c.counted for c in credits] == [False, True]


def test_full_day_rule_leaves_sessions_and_programmes_alone():
    day = date(2026, 4, 7)
    acts = [
        Activity("s", "seminar", day),
        Activity("c", "coaching", day),
        Activity("p", "pelatihan", day, jp=D("40")),
        Activity("b", "belajar_mandiri", day, jp=D("2")),
    ]
    assert all(c.counted for c in convert(acts))


@PROPS
@given(
    st.lists(
        st.tuples(
            st.sampled_from((*FULL_DAY, "coaching", "pelatihan")), st.integers(0, 4), st.sampled_from(rules.SCOPES)
        ),
        max_size=20,
    ),
    st.randoms(use_true_random=False),
)
def test_prop_full_day_result_independent_of_input_order_and_one_per_date(rows, rnd: random.Random):
    acts, coaching_days = [], set()
    for i, (kind, off, scope) in enumerate(rows):
        if kind == "coaching" and off in coaching_days:
            continue  # one session a day at most: same-day session ties are broken by input order
        coaching_days |= {off} if kind == "coaching" else set()
        acts.append(Activity(i, kind, START + timedelta(days=off), scope, D("8") if kind == "pelatihan" else None))
    shuffled = acts[:]
    rnd.shuffle(shuffled)
    credits = {c.key: c for c in convert(acts)}
    assert credits == {c.key: c for c in convert(shuffled)}
    per_day, other_than_capped_magang = defaultdict(int), set()
    for a in acts:
        if a.kind in FULL_DAY:
            per_day[a.day] += credits[a.key].counted
            if a.kind != "magang" or "setahun" not in credits[a.key].reason:
                other_than_capped_magang.add(a.day)
    assert all(n == (1 if day in other_than_capped_magang else 0) for day, n in per_day.items())


@PROPS
@given(
    st.lists(st.tuples(st.sampled_from(("magang", "seminar", "detasering", "coaching")), st.integers(0, 500),
                       st.sampled_from(rules.SCOPES)), max_size=25),
    st.randoms(use_true_random=False),
)
def test_prop_magang_counts_at_most_once_a_year_whatever_the_order(rows, rnd: random.Random):
    acts = [Activity(i, kind, START + timedelta(days=off), scope) for i, (kind, off, scope) in enumerate(rows)
            if kind != "coaching"]
    shuffled = acts[:]
    rnd.shuffle(shuffled)
    credits = {c.key: c for c in convert(acts)}
    assert credits == {c.key: c for c in convert(shuffled)}
    per_year: defaultdict[int, int] = defaultdict(int)
    for a in acts:
        c = credits[a.key]
        if a.kind == "magang":
            per_year[a.day.year] += c.counted
            if not c.counted:
                assert c.reason.startswith(("tidak dihitung: magang hanya dihitung sekali setahun",
                                            "tidak dihitung: sudah ada kegiatan sehari penuh"))
    assert all(n <= 1 for n in per_year.values())
    years = {a.day.year for a in acts if a.kind == "magang"}
    only_magang = [a for a in acts if a.kind == "magang"]
    # Alone (no other full-day event), exactly one magang counts in every year that has one.
    alone = {c.key: c for c in convert(only_magang)}
    assert sorted(a.day.year for a in only_magang if alone[a.key].counted) == sorted(years)

"""The planner is pure: no database."""
from datetime import date
from decimal import Decimal

from hypothesis import given, settings
from hypothesis import strategies as st

from jp_conversion.perencana import Langkah, rencana, sesi_terpakai

D = Decimal


def test_it_plans_the_nearest_month_first():
    r = rencana(tahun=2026, hari_ini=date(2026, 11, 20), target=D(20), total=D(14), terpakai={})
    assert r.sisa == D(6) and not r.tidak_terkejar
    assert r.langkah == (Langkah(11, "coaching", 2, D(4)), Langkah(11, "mentoring", 1, D(2)))
    assert r.saran == "Sisa 6 JP: 2 sesi coaching di November dan 1 sesi mentoring di November cukup."


def test_it_skips_sessions_already_counted_this_month():
    terpakai = sesi_terpakai([("coaching", date(2026, 11, 3)), ("coaching", date(2026, 11, 9)),
                              ("belajar_mandiri", date(2026, 11, 9)), ("mentoring", date(2026, 11, 10))])
    assert terpakai == {("coaching", 11): 2, ("mentoring", 11): 1}
    r = rencana(tahun=2026, hari_ini=date(2026, 11, 20), target=D(20), total=D(14), terpakai=terpakai)
    assert r.saran == "Sisa 6 JP: 1 sesi mentoring di November dan 2 sesi coaching di Desember cukup."
    assert r.kapasitas == D(10)


def test_it_flags_who_can_no_longer_reach_the_target_from_coaching_and_mentoring():
    r = rencana(tahun=2026, hari_ini=date(2026, 12, 1), target=D(20), total=D(4), terpakai={})
    assert r.tidak_terkejar and r.kapasitas == D(8) and r.langkah == ()
    assert "tidak dapat dipenuhi dari coaching dan mentoring saja" in r.saran
    assert "paling banyak memberi 8 JP" in r.saran


def test_reached_and_past_years():
    assert rencana(tahun=2026, hari_ini=date(2026, 3, 1), target=D(20), total=D("20.5"), terpakai={}).saran == (
        "Target 20 JP tahun 2026 sudah tercapai.")
    lalu = rencana(tahun=2025, hari_ini=date(2026, 3, 1), target=D(20), total=D("10.5"), terpakai={})
    assert lalu.tidak_terkejar and lalu.bulan_tersisa == ()
    assert lalu.saran == "Tahun 2025 sudah berakhir; kekurangan 9,5 JP tidak dapat dikejar lagi."
    depan = rencana(tahun=2027, hari_ini=date(2026, 3, 1), target=D(20), total=D(0), terpakai={})
    assert depan.bulan_tersisa == tuple(range(1, 13)) and depan.kapasitas == D(96)


terpakai_st = st.dictionaries(
    st.tuples(st.sampled_from(["coaching", "mentoring"]), st.integers(1, 12)), st.integers(0, 3), max_size=10
)


@settings(max_examples=60, deadline=None)
@given(
    bulan=st.integers(1, 12),
    total=st.decimals(min_value=0, max_value=30, places=2),
    target=st.sampled_from([D(20), D(24), D("12.5")]),
    terpakai=terpakai_st,
)
def test_plan_properties(bulan, total, target, terpakai):
    r = rencana(tahun=2026, hari_ini=date(2026, bulan, 28), target=target, total=total, terpakai=terpakai)
    assert r.sisa == max(D(0), target - total)
    assert r.kapasitas == sum(
        max(0, 2 - terpakai.get((j, b), 0)) * 2 for b in range(bulan, 13) for j in ("coaching", "mentoring")
    )
    assert r.tidak_terkejar == (r.kapasitas < r.sisa)
    if r.tercapai or r.tidak_terkejar:
        assert r.langkah == ()
    else:
        jp = sum(langkah.jp for langkah in r.langkah)
        assert r.sisa <= jp < r.sisa + 2  # enough, and not one session more than needed
        for langkah in r.langkah:
            assert langkah.bulan >= bulan and 1 <= langkah.sesi <= 2 - terpakai.get((langkah.jenis, langkah.bulan), 0)
    # one more counted session never raises what is left to plan with
    lebih = dict(terpakai)
    lebih[("coaching", 12)] = lebih.get(("coaching", 12), 0) + 1
    r2 = rencana(tahun=2026, hari_ini=date(2026, bulan, 28), target=target, total=total, terpakai=lebih)
    assert r2.kapasitas <= r.kapasitas

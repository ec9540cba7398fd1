"""The learning mix (issue 20): JP per group and per 10:20:70 class, from the engine's credits."""
from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.urls import reverse
from hypothesis import given, settings
from hypothesis import strategies as st

from jp_conversion import ragam, rules
from jp_conversion.models import Kegiatan, RekapTahunan
from jp_conversion.rules import Activity, convert
from tests.dasbor.bantu_dasbor import TAHUN, disetujui

D = Decimal
HARI = date(2026, 3, 2)


def test_mix_of_credits_by_group_and_class_with_shares():
    r = ragam.dari_kredit([("coaching", HARI, D("2")), ("seminar", HARI, D("4")), ("belajar_mandiri", HARI, D("4"))])
    assert (r.klasikal, r.nonklasikal, r.total) == (D("4"), D("6"), D("10"))
    assert [(b.kelas, b.jp, b.persen, b.model) for b in r.bagian] == [
        ("10", D("4"), D("40.0"), D("10")), ("20", D("2"), D("20.0"), D("20")), ("70", D("4"), D("40.0"), D("70")),
    ]
    assert r.petunjuk == []
    assert r.bagian[0].selisih == D("30.0")


def test_hint_names_the_missing_part_in_plain_language():
    r = ragam.dari_kredit([("pelatihan", HARI, D("10")), ("belajar_mandiri", HARI, D("2"))])
    assert r.petunjuk == [ragam.PETUNJUK_KOSONG["20"]]
    assert r.petunjuk[0].startswith("belum ada pembelajaran dengan kolega tahun ini")
    assert ragam.dari_kredit([]).petunjuk == ["belum ada JP yang dihitung tahun ini"]
    assert ragam.dari_kredit([]).persen("10") == D("0.0")


def test_group_totals_must_match_class_totals():
    with pytest.raises(ValueError, match="kelas 10:20:70"):
        ragam.Ragam(D("1"), D("0"), D("0"), D("0"), D("0"))


def test_mix_from_summed_fields_treats_null_as_zero():
    r = ragam.dari_jumlah({"jp_klasikal": 4, "jp_nonklasikal": None, "jp_kelas_10": 4.0})
    assert (r.total, r.kelas_10, r.kelas_20) == (D("4.00"), D("4.00"), D("0.00"))


KINDS = rules.semua_jenis()
STUDIED = {k for k, f in rules.FORMS.items() if f.unit == "jp"}


@settings(max_examples=40, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(KINDS), st.integers(0, 200), st.sampled_from(rules.SCOPES),
                          st.decimals(min_value=D("0.01"), max_value=D("40"), places=2)), max_size=25))
def test_prop_group_and_class_totals_add_up_to_the_engine_total(rows):
    acts = [Activity(i, kind, HARI + timedelta(days=off), scope, jp if kind in STUDIED else None)
            for i, (kind, off, scope, jp) in enumerate(rows)]
    credits = convert(acts)
    total = sum((c.jp for c in credits), D("0"))
    r = ragam.dari_kredit((a.kind, a.day, c.jp) for a, c in zip(acts, credits, strict=True))
    assert r.klasikal + r.nonklasikal == total == r.kelas_10 + r.kelas_20 + r.kelas_70
    if total:
        assert abs(sum(b.persen for b in r.bagian) - 100) <= D("0.2")


@pytest.mark.django_db
def test_the_ledger_keeps_the_mix_on_the_yearly_recap(cast, masuk):
    disetujui(cast.sari, cast.budi, "coaching", 2, 3)
    disetujui(cast.sari, cast.budi, "seminar", 6, 9)
    disetujui(cast.sari, cast.budi, "magang", 7, 1)
    disetujui(cast.sari, cast.budi, "magang", 8, 1)  # second magang of the year: not counted
    rekap = RekapTahunan.objects.get(pegawai=cast.sari, tahun=TAHUN)
    assert (rekap.total, rekap.jp_klasikal, rekap.jp_nonklasikal) == (D("26"), D("4"), D("22"))
    assert (rekap.jp_kelas_10, rekap.jp_kelas_20, rekap.jp_kelas_70) == (D("4"), D("2"), D("20"))
    kedua = Kegiatan.objects.get(pegawai=cast.sari, jenis="magang", tanggal__month=8)
    assert not kedua.dihitung and kedua.alasan.startswith("tidak dihitung: magang hanya dihitung sekali setahun")
    html = masuk(cast.sari).get(reverse("jp:saya"), {"tahun": TAHUN}).content.decode()
    assert "Ragam pembelajaran 10:20:70" in html and "Non-klasikal <strong>22 JP</strong>" in html
    assert "magang hanya dihitung sekali setahun" in html

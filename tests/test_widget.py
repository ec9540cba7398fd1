"""PilihanRingan must render what Django's Select renders (it only skips the per-option templates)."""
import re

import pytest
from django import forms
from django.test.html import parse_html

from bangkom.dasbor.forms import FilterLaporanForm
from bangkom.lib.widget import PilihanRingan

PILIHAN = [("", "Semua"), ("a", "Alfa & <Beta>"), ("2", "Dua")]


@pytest.mark.parametrize("nilai", [None, "", "a", "2", "tidak-ada"])
def test_markup_sama_dengan_select_django(nilai):
    attrs = {"id": "id_x", "aria-invalid": "true"}
    ringan = PilihanRingan(choices=PILIHAN).render("x", nilai, attrs=attrs)
    baku = forms.Select(choices=PILIHAN).render("x", nilai, attrs=attrs)
    assert parse_html(ringan) == parse_html(baku)
    assert "&lt;Beta&gt;" in ringan  # labels are escaped


def test_filter_laporan_memilih_opd_yang_disaring(cast):
    form = FilterLaporanForm({"opd": cast.dinkes.pk}, user=cast.dewi.user)
    assert form.is_valid()
    html = str(form["opd"])
    assert re.search(rf'<option value="{cast.dinkes.pk}" selected>', html)
    assert html.count(" selected") == 1 and '<option value="">Semua OPD</option>' in html


def test_bpsdm_lists_the_units_of_the_chosen_opd_only_and_a_kepala_those_of_his_opd(cast):
    def opsi_unit(data, user):
        return re.findall(r'<option value="(\d+)"', str(FilterLaporanForm(data, user=user)["unit"]))

    unit_dinkes = {str(u.pk) for u in (cast.sari.unit, cast.rina.unit, cast.hasan.unit)}
    assert opsi_unit({}, cast.dewi.user) == []
    assert set(opsi_unit({"opd": cast.dinkes.pk}, cast.dewi.user)) == unit_dinkes
    assert opsi_unit({"unit": cast.joko.unit_id}, cast.dewi.user) == [str(cast.joko.unit_id)]
    assert set(opsi_unit({}, cast.hasan.user)) == unit_dinkes
    # Any visible unit may still be chosen without its OPD (links carry the unit alone).
    assert FilterLaporanForm({"unit": cast.joko.unit_id}, user=cast.dewi.user).is_valid()

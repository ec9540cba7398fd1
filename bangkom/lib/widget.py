"""Form widgets shared by the apps."""
from __future__ import annotations

from django import forms
from django.forms.utils import flatatt
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe


class PilihanRingan(forms.Select):
    """A flat <select> rendered in Python. Django renders one template per <option>; the report
    filters list every OPD and unit of the province, and those per-option templates took a fifth of
    the compliance page's time. Same markup and selection rules as `forms.Select`, without optgroups."""

    def render(self, name, value, attrs=None, renderer=None):
        terpilih = set(self.format_value(value))
        atribut = {**self.build_attrs(self.attrs, attrs), "name": name}
        opsi = format_html_join("", '<option value="{}"{}>{}</option>', (
            (nilai, mark_safe(" selected") if nilai in terpilih else "", label)
            for nilai, label in ((str(v), label) for v, label in self.choices)
        ))
        return format_html("<select{}>{}</select>", flatatt(atribut), opsi)


class DaftarPilihan(forms.models.ModelChoiceIterator):
    """Model choices read with one plain SELECT. Django's iterator uses `queryset.iterator()`, which on
    PostgreSQL outside a transaction is a server-side cursor WITH HOLD (DECLARE, FETCH, CLOSE: three
    round trips, the result materialised at commit) for a list of a few hundred OPD or units."""

    def __iter__(self):
        if self.field.empty_label is not None:
            yield ("", self.field.empty_label)
        for obj in self.queryset.all():
            yield self.choice(obj)


class PilihanModel(forms.ModelChoiceField):
    """A ModelChoiceField whose <select> is rendered by `PilihanRingan` from one plain SELECT."""

    iterator = DaftarPilihan
    widget = PilihanRingan

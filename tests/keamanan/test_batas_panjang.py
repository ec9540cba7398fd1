"""Issue 17 [R] item 7: every free-text form field has a length cap (a model TextField has none, so
its form field must bring one), so a megabyte of text is a form error, not a stored row."""
import importlib
import inspect
import pkgutil

import pytest
from django import forms

PAKET = ["bangkom", "coaching", "mentoring", "belajar_mandiri", "jp_conversion"]


def _semua_formulir():
    hasil = {}
    for paket in PAKET:
        mod = importlib.import_module(paket)
        for info in pkgutil.walk_packages(mod.__path__, prefix=f"{paket}."):
            if not info.name.endswith(".forms"):
                continue
            m = importlib.import_module(info.name)
            for nama, kelas in inspect.getmembers(m, inspect.isclass):
                if issubclass(kelas, forms.BaseForm) and kelas.__module__ == m.__name__:
                    hasil[f"{m.__name__}.{nama}"] = kelas
    return hasil


FORMULIR = _semua_formulir()


def test_the_forms_were_found():
    assert len(FORMULIR) > 10


@pytest.mark.parametrize("nama", sorted(FORMULIR))
def test_every_text_field_has_a_length_cap(nama):
    kelas = FORMULIR[nama]
    tanpa_batas = [
        f for f, field in kelas.base_fields.items()
        if isinstance(field, forms.CharField) and not isinstance(field, forms.ModelChoiceField)
        and field.max_length is None
    ]
    assert tanpa_batas == [], f"{nama}: {tanpa_batas} tanpa max_length"


def test_a_huge_note_is_a_form_error_in_indonesian():
    from coaching.forms import TutupForm

    form = TutupForm(data={"status": "selesai", "catatan_evaluasi": "x" * 5001})
    assert not form.is_valid()
    assert "5000" in str(form.errors["catatan_evaluasi"])
    assert TutupForm(data={"status": "selesai", "catatan_evaluasi": "x" * 5000}).is_valid()
    assert 'maxlength="5000"' in str(TutupForm()["catatan_evaluasi"])

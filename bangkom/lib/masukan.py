"""Parsing of raw request values shared by views (lists of ids from checkboxes), and caps on form text."""
import uuid

from django import forms
from django.core.validators import MaxLengthValidator
from django.utils.choices import CallableChoiceIterator

from .cetak import validasi_tercetak

ID_MAKS = 2**63 - 1  # the largest value a BIGINT primary key (and SQLite's INTEGER) can hold


def angka_ascii(teks: str) -> bool:
    """True when `teks` is one or more ASCII digits 0-9. Unlike `str.isdigit()`, which also accepts
    Arabic-Indic, full-width and superscript digits (int() refuses the superscripts)."""
    return teks.isascii() and teks.isdigit()


def id_atau_none(teks) -> int | None:
    """One primary key from a request value, or None for anything that is not one."""
    teks = str(teks or "").strip()
    if angka_ascii(teks) and 0 < int(teks) <= ID_MAKS:
        return int(teks)
    return None


def daftar_id(nilai: list[str]) -> list[int]:
    """The valid primary keys in a list of submitted strings; anything else (text, negatives,
    numbers beyond a BIGINT) is dropped instead of reaching the database as an error."""
    hasil = []
    for v in nilai:
        v = v.strip()
        if angka_ascii(v) and 0 < int(v) <= ID_MAKS:
            hasil.append(int(v))
    return hasil


def istilah_cari(request, nama: str = "q") -> str:
    """A search term from the query string: trimmed, without NUL characters (PostgreSQL refuses
    them in a query) and at most 100 characters (a huge LIKE pattern fails on SQLite)."""
    return request.GET.get(nama, "").replace("\x00", "").strip()[:100]


PANJANG_TEKS_MAKS = 5000  # characters of one free-text answer (a page and a half of notes)


KOSONG_DJANGO = "---------"
LABEL_KOSONG = "— pilih —"


def label_kosong(field) -> None:
    """Django's bare "---------" empty choice reads as a glitch: it becomes "— pilih —"."""
    if getattr(field, "empty_label", None) == KOSONG_DJANGO:
        field.empty_label = LABEL_KOSONG
    elif isinstance(field, forms.ChoiceField) and not hasattr(field, "queryset") and not isinstance(
        field.choices, CallableChoiceIterator  # computed per request: never evaluated (or frozen) at import
    ):
        pilihan: list = list(getattr(field, "choices", []))
        if any(label == KOSONG_DJANGO for _, label in pilihan):
            field.choices = [(v, LABEL_KOSONG if label == KOSONG_DJANGO else label) for v, label in pilihan]


def batas_teks(kelas=None, *, maks: int = PANJANG_TEKS_MAKS, cetak: bool = True):
    """Class decorator for a form: every text field without a `max_length` (those a model
    TextField produces) gets `maks`, with its validator and the input's `maxlength`, so a megabyte
    pasted into a note is a form error in Indonesian, not a stored row. `@batas_teks` or
    `@batas_teks(maks=...)`; fields that already have a cap keep it. With `cetak` (the default) every
    text field of the form also refuses characters a printed sheet cannot show (bangkom.lib.cetak)."""
    def terapkan(k):
        for field in k.base_fields.values():
            if isinstance(field, forms.CharField) and field.max_length is None:
                field.max_length = maks
                field.validators.append(MaxLengthValidator(maks))
                field.widget.attrs.update(field.widget_attrs(field.widget))
            if cetak and isinstance(field, forms.CharField) and validasi_tercetak not in field.validators:
                field.validators.append(validasi_tercetak)
            label_kosong(field)
        return k

    return terapkan(kelas) if kelas is not None else terapkan


class IdKlienField(forms.CharField):
    """The id a phone gives an entry it may keep offline and send again (issue 22; set by
    static/js/luring.js in a hidden field): a UUID, or None when the page ran without the script."""

    widget = forms.HiddenInput

    def __init__(self, **kwargs):
        kwargs.setdefault("required", False)
        super().__init__(max_length=36, **kwargs)

    def clean(self, value) -> uuid.UUID | None:
        teks = super().clean(value)
        if not teks:
            return None
        try:
            return uuid.UUID(teks)
        except ValueError:
            raise forms.ValidationError(
                "Id entri dari perangkat tidak sah; muat ulang halaman lalu simpan lagi."
            ) from None

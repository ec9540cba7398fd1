"""Form helpers shared by every app's views."""
from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any, TypeVar

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest

T = TypeVar("T")


def tempel_galat(form: forms.BaseForm, exc: ValidationError) -> None:
    """Show a service's ValidationError on the form: errors keyed by a form field go beside it, the
    others (a message dict's unknown keys, or a plain message/list) above the form. The errors keep
    their codes and parameters, and the bound form keeps what the user typed."""
    if not hasattr(exc, "error_dict"):
        form.add_error(None, exc)
        return
    for nama, galat in exc.error_dict.items():
        form.add_error(nama if nama in form.fields else None, galat)


def periksa_urutan(form: forms.BaseForm, data: dict, mulai: str, selesai: str, pesan: str) -> None:
    """A period's end not before its start (both given and valid): else `pesan` beside the end field."""
    awal, akhir = data.get(mulai), data.get(selesai)
    if awal and akhir and akhir < awal:
        form.add_error(selesai, pesan)


def simpan_atau_galat(form: forms.BaseForm, layanan: Callable[..., T], **isian) -> T | None:
    """Call a service that returns what it saved; on ValidationError put the errors on the form
    (`tempel_galat`) and return None, so the view re-renders the bound form."""
    try:
        return layanan(**isian)
    except ValidationError as exc:
        tempel_galat(form, exc)
        return None


class PesanGalat:
    """For a POST that calls a service and redirects: `with PesanGalat(request) as hasil:` turns a
    ValidationError raised in the block into one error message (its texts joined) instead of a
    server error. The rest of the block (the success message) runs only when the service succeeded;
    `hasil.gagal` tells the view afterwards whether it did not."""

    def __init__(self, request: HttpRequest) -> None:
        self.request = request
        self.gagal = False

    def __enter__(self) -> PesanGalat:
        return self

    def __exit__(self, tipe, exc, jejak) -> bool:
        if isinstance(exc, ValidationError):
            messages.error(self.request, " ".join(exc.messages))
            self.gagal = True
            return True
        return False


# An action's service call, and its success message: a text, or one made from what the service returned.
Aksi = tuple[Callable[[], Any], str | Callable[[Any], str]]


def jalankan_aksi(request: HttpRequest, pilihan: Mapping[str, Aksi]) -> None:
    """For a POST form whose buttons send `aksi` (approve, reject, withdraw…): run the chosen action's
    service and show its success message. A ValidationError of the service becomes one error message
    (`PesanGalat`); an `aksi` not in `pilihan` (a forged or stale form) an error, with nothing run."""
    dipilih = pilihan.get(request.POST.get("aksi", ""))
    if dipilih is None:
        messages.error(request, "Aksi tidak dikenal.")
        return
    layanan, pesan = dipilih
    with PesanGalat(request):
        hasil = layanan()
        messages.success(request, pesan if isinstance(pesan, str) else pesan(hasil))

"""Form helpers shared by every app's views."""
from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from django import forms
from django.core.exceptions import ValidationError

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


def simpan_atau_galat(form: forms.BaseForm, layanan: Callable[..., T], **isian) -> T | None:
    """Call a service that returns what it saved; on ValidationError put the errors on the form
    (`tempel_galat`) and return None, so the view re-renders the bound form."""
    try:
        return layanan(**isian)
    except ValidationError as exc:
        tempel_galat(form, exc)
        return None

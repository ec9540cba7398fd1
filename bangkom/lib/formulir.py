"""Form helpers shared by every app's views."""
from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError


def tempel_galat(form: forms.BaseForm, exc: ValidationError) -> None:
    """Show a service's ValidationError on the form: errors keyed by a form field go beside it, the
    others (a message dict's unknown keys, or a plain message/list) above the form. The errors keep
    their codes and parameters, and the bound form keeps what the user typed."""
    if not hasattr(exc, "error_dict"):
        form.add_error(None, exc)
        return
    for nama, galat in exc.error_dict.items():
        form.add_error(nama if nama in form.fields else None, galat)

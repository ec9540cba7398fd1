"""`{{ nilai|jp }}`: JP as users read them, Indonesian decimal comma, no trailing zeros ("2", "1,5")."""
from decimal import Decimal

from django import template
from django.utils.html import format_html
from django.utils.safestring import mark_safe

from bangkom.lib.angka import format_jp

register = template.Library()


@register.filter
def jp(nilai) -> str:
    return format_jp(nilai, kosong="")


@register.filter
def angka(nilai):
    """Any cell of a printed report: numbers in Indonesian form ("46", "45,5"), text unchanged."""
    if isinstance(nilai, (Decimal, float, int)) and not isinstance(nilai, bool):
        return format_jp(nilai, sen=True)
    return nilai


@register.simple_tag
def status_jp(baris) -> str:
    """The reached / not yet reached badge of a compliance row. A tag, not an included template: the
    report renders it on every one of its 50 rows, and an include per row costs a template lookup and
    a context push each time."""
    if baris.tercapai:
        return mark_safe('<span class="badge text-bg-success">Tercapai</span>')  # noqa: S308 a constant
    return format_html('<span class="badge text-bg-warning">Belum tercapai</span> '
                       '<span class="small text-muted">sisa {} JP</span>', jp(baris.sisa_jp))

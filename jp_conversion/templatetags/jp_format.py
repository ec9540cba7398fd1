"""`{{ nilai|jp }}`: JP as users read them, Indonesian decimal comma, no trailing zeros ("2", "1,5")."""
from decimal import Decimal

from django import template

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

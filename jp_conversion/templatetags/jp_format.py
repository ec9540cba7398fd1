"""`{{ nilai|jp }}`: JP as users read them, Indonesian decimal comma, no trailing zeros ("2", "1,5")."""
from django import template

from bangkom.lib.angka import format_jp

register = template.Library()


@register.filter
def jp(nilai) -> str:
    return format_jp(nilai, kosong="")

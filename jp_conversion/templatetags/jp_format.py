"""`{{ nilai|jp }}`: JP as users read them, Indonesian decimal comma, no trailing zeros ("2", "1,5")."""
from decimal import Decimal, InvalidOperation

from django import template

register = template.Library()


@register.filter
def jp(nilai) -> str:
    try:
        d = Decimal(str(nilai))
    except (InvalidOperation, ValueError, TypeError):
        return ""
    if d == d.to_integral_value():
        return str(int(d))
    return format(d.normalize(), "f").replace(".", ",")

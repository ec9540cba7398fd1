from django import template

from bangkom.lib.angka import format_jp

register = template.Library()


@register.filter
def jp(nilai) -> str:
    """2.00 → "2", 2.40 → "2,4": JP as people write them."""
    return format_jp(nilai, sen=True)

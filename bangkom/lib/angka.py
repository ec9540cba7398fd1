"""JP as users read them: Indonesian decimal comma, no trailing zeros ("2", "1,5", "0,25")."""
from __future__ import annotations

from decimal import Decimal, InvalidOperation

SEN = Decimal("0.01")


def format_jp(nilai, *, kosong: str = "0", sen: bool = False) -> str:
    """`nilai` (Decimal, int, float or text) with a decimal comma and no trailing zeros.

    `kosong` is shown for None or for something that is not a number; `sen=True` first rounds to
    two places (the ledger's precision), so "1.333" shows as "1,33"."""
    if nilai is None:
        return kosong
    try:
        d = Decimal(str(nilai))
    except (InvalidOperation, ValueError, TypeError):
        return kosong
    if sen and d.is_finite():
        d = d.quantize(SEN)
    if d == d.to_integral_value():
        return str(int(d))
    return format(d.normalize(), "f").replace(".", ",")

"""Pounds and pence in a user's CSV cell (claims, IIF £ per point)."""

from __future__ import annotations

from decimal import Decimal

from pcntui.domain.money import parse_money
from pcntui.errors import UserError


def pounds_of(text: str | None, what: str, *, blank: Decimal | None = None) -> Decimal:
    """Pounds and pence, not negative (`4166.67`, `£4,166.67`); `blank` when given and the cell is empty.
    (To consolidate with the strict parsers of pcntui/domain/parse.py when that lands.)"""
    raw = (text or "").strip()
    if not raw:
        if blank is None:
            raise ValueError(f"{what} is missing")
        return blank
    try:
        value = parse_money(raw)
    except UserError as exc:
        raise ValueError(str(exc).rstrip(".")) from None
    if value < 0:
        raise ValueError(f"{what} {raw} is negative")
    if value != value.quantize(Decimal("0.01")):
        raise ValueError(f"{what} {raw} has fractions of a penny")
    return value.quantize(Decimal("0.01"))

"""Money is exact: Decimal pounds in code, integer pence in the database, half-up to the penny.

Reading an amount someone typed is `pcntui.domain.parse.parse_money`."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from fractions import Fraction

PENNY = Decimal("0.01")


def to_penny(value: Fraction | Decimal) -> Decimal:
    """Round half-up (away from zero) to the penny, exactly (a Fraction too: floor(|v|·100 + ½))."""
    if isinstance(value, Decimal):
        return value.quantize(PENNY, rounding=ROUND_HALF_UP)
    sign = -1 if value < 0 else 1
    pence = (abs(value) * 200 + 1) // 2
    return (Decimal(sign * pence) / 100).quantize(PENNY)


def round_penny(amount: Decimal) -> Decimal:
    """Round half-up to the penny."""
    return amount.quantize(PENNY, rounding=ROUND_HALF_UP)


def to_pence(amount: Decimal) -> int:
    """Decimal pounds → integer pence, rounding half-up."""
    return int(round_penny(amount) * 100)


def from_pence(pence: int) -> Decimal:
    """Integer pence → Decimal pounds with two places."""
    return (Decimal(pence) / 100).quantize(PENNY)


class Pounds(dict[int, Decimal]):
    """`from_pence` of each amount once, for many amounts that recur (most months and salaries
    are alike): `pounds[pence]`."""

    def __missing__(self, pence: int) -> Decimal:
        found = self[pence] = from_pence(pence)
        return found


def plain(amount: Decimal) -> str:
    """`1234.50`: two places, no symbol or separators (for CSV)."""
    return f"{round_penny(amount):.2f}"


def gbp(amount: Decimal, *, pence: bool = True) -> str:
    """`£1,234.50` (or `£1,235` with pence=False); negatives as `-£12.00`."""
    value = round_penny(amount) if pence else amount.quantize(Decimal(1), rounding=ROUND_HALF_UP)
    sign = "-" if value < 0 else ""
    body = f"{abs(value):,.2f}" if pence else f"{abs(value):,.0f}"
    return f"{sign}£{body}"

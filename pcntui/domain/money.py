"""Money is exact: Decimal pounds in code, integer pence in the database, half-up to the penny."""

from __future__ import annotations

import re
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from pcntui.errors import UserError

PENNY = Decimal("0.01")
_MONEY = re.compile(r"^-?£?-?[\d,]*\.?\d*$")


def round_penny(amount: Decimal) -> Decimal:
    """Round half-up to the penny."""
    return amount.quantize(PENNY, rounding=ROUND_HALF_UP)


def to_pence(amount: Decimal) -> int:
    """Decimal pounds → integer pence, rounding half-up."""
    return int(round_penny(amount) * 100)


def from_pence(pence: int) -> Decimal:
    """Integer pence → Decimal pounds with two places."""
    return (Decimal(pence) / 100).quantize(PENNY)


def parse_money(text: str) -> Decimal:
    """Parse `£1,234.56`, `1234.5` or `-12` into Decimal pounds; raise UserError otherwise."""
    cleaned = (text or "").strip().replace(" ", "")
    if not cleaned or not _MONEY.match(cleaned) or not any(c.isdigit() for c in cleaned):
        raise UserError(f"'{text}' is not an amount of money (expected e.g. 45000 or £45,000.00).")
    negative = cleaned.count("-") == 1
    try:
        value = Decimal(cleaned.replace("£", "").replace(",", "").replace("-", ""))
    except InvalidOperation as exc:  # pragma: no cover - the regex already guards this
        raise UserError(f"'{text}' is not an amount of money.") from exc
    return -value if negative else value


def plain(amount: Decimal) -> str:
    """`1234.50`: two places, no symbol or separators (for CSV)."""
    return f"{round_penny(amount):.2f}"


def gbp(amount: Decimal, *, pence: bool = True) -> str:
    """`£1,234.50` (or `£1,235` with pence=False); negatives as `-£12.00`."""
    value = round_penny(amount) if pence else amount.quantize(Decimal(1), rounding=ROUND_HALF_UP)
    sign = "-" if value < 0 else ""
    body = f"{abs(value):,.2f}" if pence else f"{abs(value):,.0f}"
    return f"{sign}£{body}"

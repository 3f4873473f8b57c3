"""Display text of a view's values: one rule per column Kind, the same on the screen, in the
CLI's tables and for the filter (`/` on a screen and `export --filter` match this text).

Every value passes `terminal_safe`, so text typed by someone else never acts on a terminal.
CSV files are written from the typed values instead (export/csvfile.py).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime
from decimal import Decimal
from typing import TYPE_CHECKING

from pcntui.domain.money import gbp
from pcntui.domain.text import terminal_safe

if TYPE_CHECKING:
    from pcntui.views.base import Column


def _number(value: object) -> str:
    if isinstance(value, Decimal):
        return f"{value.normalize():f}"  # 0.80 → 0.8, 10500.00 → 10500
    if isinstance(value, float):
        return f"{value:g}"
    return str(value)


def _count(value: object) -> str:
    return f"{value:,}" if isinstance(value, int) else _number(value)


def _money(value: object) -> str:
    return gbp(Decimal(value)) if isinstance(value, (Decimal, int)) else _number(value)


def _money_whole(value: object) -> str:
    return gbp(Decimal(value), pence=False) if isinstance(value, (Decimal, int)) else _number(value)


def wte(value: object) -> str:
    """Two places (0.4267 → 0.43); a difference that rounds to nothing is 0.00, never -0.00."""
    if not isinstance(value, (Decimal, int, float)):
        return str(value)
    text = f"{Decimal(value):.2f}"
    return "0.00" if text == "-0.00" else text


def _score(value: object) -> str:
    return f"{Decimal(value):.1f}" if isinstance(value, (Decimal, int, float)) else str(value)


def _pct(value: object) -> str:
    return f"{_number(value)}%"


def _date(value: object) -> str:
    return value.isoformat(timespec="seconds") if isinstance(value, datetime) else \
        value.isoformat() if isinstance(value, date) else str(value)


def _month(value: object) -> str:
    return value.strftime("%b %Y") if isinstance(value, date) else str(value)


def _bool(value: object) -> str:
    return "yes" if value else "no"


def _text(value: object) -> str:
    return str(value)


# Kind value → formatter (views.base.Kind is a StrEnum of exactly these names).
FORMATS: dict[str, Callable[[object], str]] = {
    "text": _text, "int": _number, "count": _count, "money": _money, "money_whole": _money_whole,
    "wte": wte, "pct": _pct, "decimal": _number, "score": _score, "date": _date, "month": _month, "bool": _bool, "choice": _text,
}


def cell(value: object, column: Column) -> str:
    """`value` as the user reads it in `column` ('' for a blank); a CHOICE shows its words."""
    if value is None or value == "":
        return ""
    if column.kind == "choice" and column.words:
        return terminal_safe(column.words.get(str(value), str(value)))
    return terminal_safe(FORMATS[column.kind](value))

"""Dates as users and the national files write them: ISO, UK day-first, and `01Jul2026`."""

from __future__ import annotations

import re
from datetime import date

from pcntui.errors import UserError

_ISO = re.compile(r"^\d{4}-\d{1,2}-\d{1,2}$")
_UK = re.compile(r"^\d{1,2}[/.-]\d{1,2}[/.-]\d{4}$")
_COMPACT = re.compile(r"^\d{1,2}\s?[A-Za-z]{3,9}\s?\d{4}$")  # 01Jul2026, 1 July 2026
_BASIC = re.compile(r"^\d{8}$")  # 20260701 (ODS files)

EXPECTED = "a date such as 2024-06-17 or 17/06/2024"


def parse_date(text: str) -> date:
    """Parse one date strictly; `17/06/2024` is 17 June. Raise UserError naming what was given."""
    raw = (text or "").strip()
    try:
        if _ISO.match(raw):
            year, month, day = (int(p) for p in raw.split("-"))
            return date(year, month, day)
        if _BASIC.match(raw):
            return date(int(raw[:4]), int(raw[4:6]), int(raw[6:]))
        if _UK.match(raw) or _COMPACT.match(raw):
            from dateutil import parser as _dateparser  # only here: it costs ~30 ms to import

            return _dateparser.parse(raw, dayfirst=True).date()
    except (ValueError, OverflowError):
        raise UserError(f"'{raw}' is not a real date (expected {EXPECTED}).") from None
    raise UserError(f"'{raw}' is not {EXPECTED}.")


def parse_optional_date(text: str | None) -> date | None:
    """Like parse_date, but blank means no date."""
    return None if text is None or not str(text).strip() else parse_date(str(text))


_MONTH_NUMERIC = re.compile(r"^(\d{4})-(\d{1,2})$")  # 2026-04
_MONTH_WORDS = re.compile(r"^([A-Za-z]{3,9})\.?\s+(\d{4})$")  # Apr 2026, April 2026
_FULL_NAMES = ("january", "february", "march", "april", "may", "june", "july", "august", "september",
               "october", "november", "december")
_MONTH_NUMBER = {**{n: i for i, n in enumerate(_FULL_NAMES, 1)}, **{n[:3]: i for i, n in enumerate(_FULL_NAMES, 1)},
                 "sept": 9}
MONTH_EXPECTED = "a month such as 2026-04, Apr 2026 or April 2026"


def parse_month(text: str) -> date:
    """`2026-04`, `Apr 2026` or `April 2026` (any case) → the month's first day; UserError otherwise.

    (To consolidate with the strict parsers of pcntui/domain/parse.py when that lands.)
    """
    raw = " ".join((text or "").split())
    numeric, words = _MONTH_NUMERIC.match(raw), _MONTH_WORDS.match(raw)
    if numeric:
        year, month = int(numeric.group(1)), int(numeric.group(2))
    elif words and words.group(1).lower() in _MONTH_NUMBER:
        year, month = int(words.group(2)), _MONTH_NUMBER[words.group(1).lower()]
    else:
        raise UserError(f"'{raw}' is not {MONTH_EXPECTED}.")
    if not 1 <= month <= 12 or year < 1900:
        raise UserError(f"'{raw}' is not a real month (expected {MONTH_EXPECTED}).")
    return date(year, month, 1)

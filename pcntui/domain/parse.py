"""The one set of strict parsers for what people type and files hold: every import, CLI flag and form.

Rules (the same everywhere, so the TUI refuses exactly what the CLI and imports refuse):

* Digits are ASCII `0-9` only: `²`, `١٢` and full-width digits are refused (`str.isdigit`,
  `int()`, `Decimal()` and regex `\\d` all accept them, so none is used here).
* A number is `-?digits(.digits)?`, or `.digits`; no exponent (`1e5`), no `NaN` or
  `Infinity`, no `+`, one `-` at most (`--5`, `+-1` are refused). Thousands separators
  are allowed only as commas between groups of exactly three digits (`1,234,567`; `1,2,3`
  and `12,34` are refused) and never in ids.
* Money is pounds: the number rules, an optional `£` and a minus before or after it
  (`-£12`, `£-12`), at most 2 decimal places unless the field says otherwise.
* Bounds: counts 0..10,000,000; money up to £10,000,000 (not negative unless the field
  allows it); WTE more than 0 and at most 1; an NWRS FTE more than 0 and at most 2 for one
  person's record (a pooled contracted-services row, several people, at most 100); ids
  1..2^63-1 (SQLite's integer range); percentages as each field requires.
* Dates: ISO `2024-06-17`, UK day-first `17/06/2024` (also `17.06.2024`, `17-06-2024`),
  the national files' `01Jul2026` / `1 July 2026`, and `20260701`; from 1 January 1948
  (the NHS) to 31 December 2100, anything else is refused as implausible.
* Yes/no: yes, y, true, 1 / no, n, false, 0 (any case).

Each parser takes the text and `what` (the field's name in words, '' when the caller
names it already, e.g. "row 3, column wte: …") and raises ParseError, one sentence.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date
from decimal import Decimal
from typing import TypeVar

from pcntui.errors import UserError

MAX_COUNT = 10_000_000
MAX_ID = 2**63 - 1
MAX_MONEY = Decimal(10_000_000)
MAX_WTE = Decimal(1)
MAX_NWRS_FTE = Decimal(2)
MAX_POOLED_FTE = Decimal(100)
MAX_PLACES = 9  # decimal places of a plain number (the NWRS file gives FTE to 9)
EARLIEST = date(1948, 1, 1)
LATEST = date(2100, 12, 31)
_LONGEST = 60  # characters: anything longer is not a number we accept

_INT = r"(?:[0-9]{1,3}(?:,[0-9]{3})+|[0-9]+)"
_NUMBER = re.compile(rf"(?P<sign>-?)(?P<int>{_INT})?(?:\.(?P<frac>[0-9]+))?")
_MONEY = re.compile(rf"(?P<s1>-?) ?£? ?(?P<s2>-?)(?P<int>{_INT})?(?:\.(?P<frac>[0-9]+))?")
_ID = re.compile(r"[0-9]+")
_ISO = re.compile(r"([0-9]{4})-([0-9]{1,2})-([0-9]{1,2})")
_UK = re.compile(r"([0-9]{1,2})([/.-])([0-9]{1,2})\2([0-9]{4})")
_NAMED = re.compile(r"([0-9]{1,2}) ?([A-Za-z]{3,9}) ?([0-9]{4})")  # 01Jul2026, 1 July 2026
_BASIC = re.compile(r"([0-9]{4})([0-9]{2})([0-9]{2})")  # 20260701 (ODS files)
_MONTHS = {m: i for i, m in enumerate(("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct",
                                         "nov", "dec"), start=1)}
_MONTH_NAMES = {"january": 1, "february": 2, "march": 3, "april": 4, "june": 6, "july": 7, "august": 8,
                "september": 9, "sept": 9, "october": 10, "november": 11, "december": 12}
YES = frozenset({"yes", "y", "true", "1"})
NO = frozenset({"no", "n", "false", "0"})
DATE_EXAMPLE = "2024-06-17 or 17/06/2024"

T = TypeVar("T")


class ParseError(UserError, ValueError):
    """A value that is not what its field expects. A ValueError too, so pydantic validators
    may call the parsers directly and place the sentence under the field."""

    def __init__(self, message: str, *, what: str = "", text: str = "", expected: str = "") -> None:
        super().__init__(message)
        self.what, self.text, self.expected = what, text, expected


# ---------------------------------------------------------------------- messages
def shown(text: str, limit: int = 40) -> str:
    """The value as the user gave it, safe to print: control characters escaped, long text cut."""
    safe = "".join(c if c.isprintable() else f"\\x{ord(c):02x}" if ord(c) < 256 else f"\\u{ord(c):04x}"
                   for c in text)
    return safe if len(safe) <= limit else safe[: limit - 1] + "…"


def _lead(what: str) -> str:
    return f"{what[:1].upper()}{what[1:]}: " if what else ""


def _blank(what: str, expected: str) -> ParseError:
    text = f"{what[:1].upper()}{what[1:]} is blank; give {expected}." if what else f"is blank; give {expected}."
    return ParseError(text, what=what, expected=expected)


def _not(what: str, text: str, kind: str, hint: str = "") -> ParseError:
    more = f" ({hint})" if hint else ""
    return ParseError(f"{_lead(what)}'{shown(text)}' is not {kind}{more}.", what=what, text=text, expected=kind)


def _range(what: str, text: str, rule: str) -> ParseError:
    return ParseError(f"{_lead(what)}{shown(text)} must be {rule}.", what=what, text=text, expected=rule)


def _words(value: Decimal | int, money: bool = False) -> str:
    value = Decimal(value)
    text = f"{value:,.0f}" if value == value.to_integral_value() else f"{value.normalize():,f}"
    return ("-£" + text[1:] if text.startswith("-") else "£" + text) if money else text


def _rule(low, high, *, low_open: bool, high_open: bool, money: bool = False) -> str:
    lo = ("more than " if low_open else "at least ") + _words(low, money)
    hi = ("less than " if high_open else "at most ") + _words(high, money)
    if not low_open and not high_open:
        return f"from {_words(low, money)} to {_words(high, money)}"
    return f"{lo} and {hi}"


def _check(value, what: str, text: str, low, high, low_open: bool, high_open: bool, money: bool = False):
    too_low = value <= low if low_open else value < low
    too_high = value >= high if high_open else value > high
    if too_low or too_high:
        raise _range(what, text, _rule(low, high, low_open=low_open, high_open=high_open, money=money))
    return value


# ---------------------------------------------------------------------- numbers
def _decimal(m: re.Match, places: int, what: str, text: str, kind: str, hint: str) -> Decimal:
    digits, frac = (m.group("int") or "").replace(",", ""), m.group("frac") or ""
    if not digits and not frac:
        raise _not(what, text, kind, hint)
    if len(frac) > places:
        raise _not(what, text, kind, f"at most {places} decimal place{'s' if places != 1 else ''}")
    return Decimal((digits or "0") + (f".{frac}" if frac else ""))


def parse_decimal(text: str, what: str = "", *, low: Decimal | int = 0, high: Decimal | int = MAX_COUNT,
                  low_open: bool = False, high_open: bool = False, places: int = MAX_PLACES,
                  hint: str = "e.g. 12 or 0.8", suffix: str = "") -> Decimal:
    """A decimal number within [low, high] (ends open where asked); `suffix` (e.g. %) may follow it."""
    raw = (text or "").strip()
    body = raw.removesuffix(suffix).rstrip() if suffix else raw
    if not raw:
        raise _blank(what, "a number " + _rule(low, high, low_open=low_open, high_open=high_open))
    m = _NUMBER.fullmatch(body) if len(body) <= _LONGEST else None
    if m is None:
        raise _not(what, raw, "a number", hint)
    value = _decimal(m, places, what, raw, "a number", hint)
    value = -value if m.group("sign") and value else value
    return _check(value, what, raw, Decimal(low), Decimal(high), low_open, high_open)


def parse_int(text: str, what: str = "", *, low: int = 0, high: int = MAX_COUNT, noun: str = "") -> int:
    """A whole number within [low, high]; commas only between groups of three digits."""
    raw = (text or "").strip()
    kind = "a whole number" + (f" of {noun}" if noun else "")
    if not raw:
        raise _blank(what, f"{kind} {_rule(low, high, low_open=False, high_open=False)}")
    m = _NUMBER.fullmatch(raw) if len(raw) <= _LONGEST else None
    if m is None or m.group("frac") is not None or not m.group("int"):
        raise _not(what, raw, kind, "digits only, e.g. 1234 or 1,234")
    value = int(m.group("int").replace(",", ""))
    value = -value if m.group("sign") else value
    return _check(value, what, raw, low, high, False, False)


def parse_count(text: str, what: str = "", *, low: int = 0, high: int = MAX_COUNT, noun: str = "") -> int:
    """A count of people or things: a whole number from 0 (or `low`) to 10,000,000."""
    return parse_int(text, what, low=max(low, 0), high=min(high, MAX_COUNT), noun=noun)


def parse_id(text: str, what: str = "") -> int:
    """A record id: digits only, 1 to 2^63-1 (what SQLite can hold)."""
    raw = (text or "").strip()
    if not raw:
        raise _blank(what, "an id (a whole number from 1)")
    if not _ID.fullmatch(raw) or len(raw) > _LONGEST:
        raise _not(what, raw, "an id", "a whole number such as 12")
    return _check(int(raw), what, raw, 1, MAX_ID, False, False)


def id_or_none(text: str, what: str = "id") -> int | None:
    """An id when `text` is all ASCII digits (ParseError when out of range), else None: a name."""
    raw = (text or "").strip()
    return parse_id(raw, what) if _ID.fullmatch(raw) else None


def parse_money(text: str, what: str = "", *, low: Decimal | int = 0, high: Decimal | int = MAX_MONEY,
                low_open: bool = False, places: int = 2) -> Decimal:
    """Pounds as Decimal: `45000`, `£45,000.00`, `-£12` (when `low` allows it), at most `places` decimals."""
    raw = (text or "").strip()
    kind, hint = "an amount of money", "e.g. 45000 or £45,000.00"
    rule = _rule(low, high, low_open=low_open, high_open=False, money=True)
    if not raw:
        raise _blank(what, f"an amount of money {rule}")
    m = _MONEY.fullmatch(raw) if len(raw) <= _LONGEST else None
    if m is None or (m.group("s1") and m.group("s2")):
        raise _not(what, raw, kind, hint)
    value = _decimal(m, places, what, raw, kind, hint)
    value = -value if (m.group("s1") or m.group("s2")) and value else value
    return _check(value, what, raw, Decimal(low), Decimal(high), low_open, False, money=True)


def parse_percent(text: str, what: str = "", *, low: Decimal | int = 0, high: Decimal | int = 100,
                  low_open: bool = False, high_open: bool = False) -> Decimal:
    """A percentage, `80` or `80%`, within the field's bounds (default 0 to 100)."""
    return parse_decimal(text, what, low=low, high=high, low_open=low_open, high_open=high_open,
                         hint="e.g. 80 or 12.5%", suffix="%")


def parse_wte(text: str, what: str = "") -> Decimal:
    """Whole-time equivalent of one post: more than 0 and at most 1 (e.g. 0.8)."""
    return parse_decimal(text, what, low=0, high=MAX_WTE, low_open=True, hint="e.g. 0.8")


def parse_nwrs_fte(text: str, what: str = "", *, pooled: bool = False) -> Decimal:
    """An FTE in the NWRS file: one person's record more than 0 and at most 2 (two contracts);
    a pooled contracted-services row (several people) at most 100."""
    high = MAX_POOLED_FTE if pooled else MAX_NWRS_FTE
    return parse_decimal(text, what, low=0, high=high, low_open=True, hint="e.g. 0.8 or 1.066666667")


def parse_yes_no(text: str, what: str = "") -> bool:
    """yes, y, true, 1 → True; no, n, false, 0 → False (any case)."""
    raw = (text or "").strip()
    if raw.lower() in YES:
        return True
    if raw.lower() in NO:
        return False
    if not raw:
        raise _blank(what, "yes or no")
    raise _not(what, raw, "yes or no")


# ---------------------------------------------------------------------- dates
def _named_month(word: str) -> int | None:
    word = word.lower()
    return _MONTHS.get(word) if len(word) == 3 else _MONTH_NAMES.get(word)


def _ymd(raw: str) -> tuple[int, int, int] | None:
    if m := _ISO.fullmatch(raw):
        return int(m[1]), int(m[2]), int(m[3])
    if m := _UK.fullmatch(raw):
        return int(m[4]), int(m[3]), int(m[1])
    if m := _BASIC.fullmatch(raw):
        return int(m[1]), int(m[2]), int(m[3])
    if (m := _NAMED.fullmatch(raw)) and (month := _named_month(m[2])):
        return int(m[3]), month, int(m[1])
    return None


def parse_date(text: str, what: str = "") -> date:
    """A date from 1948 to 2100: ISO, UK day-first (`17/06/2024` is 17 June), `01Jul2026` or `20260701`."""
    raw = (text or "").strip()
    if not raw:
        raise _blank(what, f"a date such as {DATE_EXAMPLE}")
    parts = _ymd(raw) if len(raw) <= _LONGEST else None
    if parts is None:
        raise _not(what, raw, "a date", f"write {DATE_EXAMPLE}")
    try:
        day = date(*parts)
    except ValueError:
        raise _not(what, raw, "a real date") from None
    if not EARLIEST <= day <= LATEST:
        raise _range(what, raw, f"from {EARLIEST.year} to {LATEST.year}")
    return day


_MONTH_NUMERIC = re.compile(r"([0-9]{4})-([0-9]{1,2})")  # 2026-04
_MONTH_WORDS = re.compile(r"([A-Za-z]{3,9})\.? +([0-9]{4})")  # Apr 2026, April 2026
MONTH_EXAMPLE = "2026-04, Apr 2026 or April 2026"


def parse_month(text: str, what: str = "") -> date:
    """A month, `2026-04`, `Apr 2026` or `April 2026` (any case), from 1948 to 2100 → its first day."""
    raw = " ".join((text or "").split())
    if not raw:
        raise _blank(what, f"a month such as {MONTH_EXAMPLE}")
    if m := _MONTH_NUMERIC.fullmatch(raw):
        year, month = int(m[1]), int(m[2])
    elif (m := _MONTH_WORDS.fullmatch(raw)) and (named := _named_month(m[1])):
        year, month = int(m[2]), named
    else:
        raise _not(what, raw, "a month", f"write {MONTH_EXAMPLE}")
    if not 1 <= month <= 12:
        raise _not(what, raw, "a real month", f"write {MONTH_EXAMPLE}")
    if not EARLIEST.year <= year <= LATEST.year:
        raise _range(what, raw, f"from {EARLIEST.year} to {LATEST.year}")
    return date(year, month, 1)


def iso_date(text: str | None) -> date | None:
    """A date as the store writes it (ISO), blank → None; stored values are read back as they are."""
    return date.fromisoformat(text) if text else None


def as_typed(value: object) -> str | None:
    """A value as its parser reads it back: yes/no, ISO dates, Decimals in full (`f`), whole numbers
    as digits; text as it is and None as None; anything else as str()."""
    if value is None or isinstance(value, str):
        return value
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, Decimal):
        return f"{value:f}"
    if isinstance(value, date):
        return value.isoformat()
    return str(value)


# ---------------------------------------------------------------------- blanks
def optional(parser: Callable[..., T], text: str | None, *args, **kwargs) -> T | None:
    """`parser(text, …)`, or None when the text is blank."""
    return None if text is None or not str(text).strip() else parser(str(text), *args, **kwargs)

"""NHS numbers: 10 ASCII digits, modulus-11 check digit, never all zeros; shown as `943 476 5919`."""

from __future__ import annotations

import re
from operator import mul

_SEPARATORS = re.compile(r"[\s-]")


def clean(text: str) -> str:
    """`text` without spaces and hyphens."""
    if not text or text.isalnum():  # nothing to remove
        return text or ""
    return _SEPARATORS.sub("", text)


_WEIGHTS = range(10, 1, -1)


def check_digit(first_nine: str) -> int | None:
    """The check digit for nine digits, or None when the remainder gives 10 (no valid number)."""
    total = sum(map(mul, map(int, first_nine), _WEIGHTS))
    check = 11 - total % 11
    if check == 11:
        return 0
    return None if check == 10 else check


def is_valid(text: str) -> bool:
    """True iff `text` is 10 digits (spaces allowed) whose last digit is the modulus-11 check digit.

    0000000000 passes the check but is no one's number (a placeholder), so it is not valid."""
    if not text or len(text) < 10:  # fewer than 10 characters: fewer than 10 digits
        return False
    digits = clean(text)
    if len(digits) != 10 or not (digits.isascii() and digits.isdigit()) or digits == "0" * 10:
        return False
    expected = check_digit(digits[:9])
    return expected is not None and expected == int(digits[9])


def invalid_reason(text: str) -> str:
    """Why `text` is not a valid NHS number, as a sentence (for a number that is_valid refuses)."""
    if clean(text) == "0" * 10:
        return f"'{text}' is a placeholder, not anyone's NHS number."
    return f"'{text}' is not a valid NHS number (10 digits, modulus-11 check)."


MASK = "*** *** "  # a masked number shows only its last four digits after this


def display(text: str, *, masked: bool = True) -> str:
    """`*** *** 5919` masked, `943 476 5919` unmasked."""
    d = clean(text)
    if masked:
        return MASK + d[6:]
    return f"{d[:3]} {d[3:6]} {d[6:]}"


def masked_sql(column: str) -> str:
    """SQL giving `display(n)` (masked) of a stored number `column` (10 digits, as the schema
    checks), NULL for none: an export of 100,000 patients masks them as SQLite reads them."""
    return f"'{MASK}' || substr({column}, 7)"

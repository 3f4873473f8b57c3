"""NHS numbers: 10 ASCII digits, modulus-11 check digit, never all zeros; shown as `943 476 5919`."""

from __future__ import annotations

import re

_SEPARATORS = re.compile(r"[\s-]")


def clean(text: str) -> str:
    """`text` without spaces and hyphens."""
    if not text or text.isalnum():  # nothing to remove
        return text or ""
    return _SEPARATORS.sub("", text)


_WEIGHTS = range(10, 1, -1)
# The weighted sum of each three of the nine digits (weights 10-8, 7-5, 4-2), looked up: an import
# checks 100,000 numbers, and three look-ups cost a third of summing nine products.
_THREES = [{f"{n:03d}": sum(int(d) * w for d, w in zip(f"{n:03d}", _WEIGHTS[at:at + 3])) for n in range(1000)}
           for at in (0, 3, 6)]


def check_digit(first_nine: str) -> int | None:
    """The check digit for nine digits, or None when the remainder gives 10 (no valid number)."""
    first, second, third = _THREES
    check = 11 - (first[first_nine[:3]] + second[first_nine[3:6]] + third[first_nine[6:9]]) % 11
    if check == 11:
        return 0
    return None if check == 10 else check


def is_valid(text: str) -> bool:
    """True iff `text` is 10 digits (spaces allowed) whose last digit is the modulus-11 check digit.

    0000000000 passes the check but is no one's number (a placeholder), so it is not valid."""
    if not text or len(text) < 10:  # fewer than 10 characters: fewer than 10 digits
        return False
    digits = clean(text)
    if len(digits) != 10 or not (digits.isascii() and digits.isdigit()) or digits == "0000000000":
        return False
    return check_digit(digits) == int(digits[9])


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

"""NHS numbers: 10 ASCII digits, modulus-11 check digit, never all zeros; shown as `943 476 5919`."""

from __future__ import annotations

import re
from collections.abc import Sequence

_SEPARATORS = re.compile(r"[\s-]")


def clean(text: str) -> str:
    """`text` without spaces and hyphens."""
    if not text or text.isalnum():  # nothing to remove
        return text or ""
    return _SEPARATORS.sub("", text)


_DIGITS = "0123456789"
# The weighted sum of each three of the nine digits (weights 10-8, 7-5, 4-2), looked up: an import
# checks 100,000 numbers, and three look-ups cost a third of summing nine products. (Made from
# digit pairs, not by summing each key's products: every command that imports this module pays it.)
_THREES = [{a + b + c: x * w1 + y * w2 + z * w3 for x, a in enumerate(_DIGITS) for y, b in enumerate(_DIGITS)
            for z, c in enumerate(_DIGITS)} for w1, w2, w3 in ((10, 9, 8), (7, 6, 5), (4, 3, 2))]


# The check digit as text for each remainder of the weighted sum divided by 11 ("X": none, for 10)
_CHECK = "0X987654321"


def check_digit(first_nine: str) -> int | None:
    """The check digit for nine digits, or None when the remainder gives 10 (no valid number)."""
    first, second, third = _THREES
    check = _CHECK[(first[first_nine[:3]] + second[first_nine[3:6]] + third[first_nine[6:9]]) % 11]
    return None if check == "X" else int(check)


def is_valid(text: str) -> bool:
    """True iff `text` is 10 digits (spaces allowed) whose last digit is the modulus-11 check digit.

    0000000000 passes the check but is no one's number (a placeholder), so it is not valid."""
    if not text or len(text) < 10:  # fewer than 10 characters: fewer than 10 digits
        return False
    digits = clean(text)
    if len(digits) != 10 or not (digits.isascii() and digits.isdigit()) or digits == "0000000000":
        return False
    return check_digit(digits) == int(digits[9])


def invalid_among(texts: Sequence[str | None]) -> list[int]:
    """Where in `texts` (None or blank: no number given) `is_valid` refuses one. A column of plain
    10-digit numbers (an import's) is checked by the check digits alone, without a call each."""
    given = [text for text in texts if text]
    joined = "".join(given)
    if not (joined.isascii() and joined.isdigit() and set(map(len, given)) <= {10}):
        return [i for i, text in enumerate(texts) if text and not is_valid(text)]
    first, second, third = _THREES
    return [i for i, n in enumerate(texts) if n and (
        _CHECK[(first[n[:3]] + second[n[3:6]] + third[n[6:9]]) % 11] != n[9] or n == "0000000000")]


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

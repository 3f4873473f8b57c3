"""ODS organisation codes: PCN `U` + 5 digits, GP practice 1 letter + 5 digits."""

from __future__ import annotations

import re

from pcntui.errors import UserError

PCN_CODE = re.compile(r"^U[0-9]{5}$")  # ASCII digits only (\d would take ١٢٣)
PRACTICE_CODE = re.compile(r"^[A-Z][0-9]{5}$")


def normalise(code: str) -> str:
    return (code or "").strip().upper()


def is_pcn_code(code: str) -> bool:
    return bool(PCN_CODE.match(normalise(code)))


def is_practice_code(code: str) -> bool:
    return bool(PRACTICE_CODE.match(normalise(code)))


def check_pcn_code(code: str) -> str:
    """Return the normalised PCN code or raise UserError."""
    value = normalise(code)
    if not PCN_CODE.match(value):
        raise UserError(f"'{code}' is not a PCN code (expected U followed by 5 digits, e.g. U12345).")
    return value


def check_practice_code(code: str) -> str:
    """Return the normalised practice code or raise UserError."""
    value = normalise(code)
    if not PRACTICE_CODE.match(value):
        raise UserError(f"'{code}' is not a GP practice code (expected a letter and 5 digits, e.g. G81001).")
    return value

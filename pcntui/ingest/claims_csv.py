"""The user's `claims` CSV (PRODUCT.md "Files"): claims as made on the national portal.

Columns (any case, any order; a UTF-8 BOM is fine): month, name, role, amount_claimed, status,
amount_paid (all present), optional submitted_on, paid_on, reference.
  month      2026-04, Apr 2026 or April 2026
  role       code, name or alias of an ARRS role
  status     submitted, approved, paid or rejected (blank: submitted)
  amounts    pounds, e.g. 4166.67 or £4,166.67; amount_paid blank = 0 (a paid claim needs it)
Every row is checked; a bad file is refused whole with every row and column named (roster matches too); the same
(month, name, role, reference) twice in the file is an error. Rows are matched to the roster
later, against the database (pcntui/store/claims.py).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from decimal import Decimal
from pathlib import Path

from pydantic import BaseModel, ValidationError, field_validator, model_validator

from pcntui.domain.arrs_rules import RuleBook
from pcntui.domain.claims import DEFAULT_STATUS, STATUSES, Claim, check_claim
from pcntui.domain.parse import optional, parse_money, parse_month
from pcntui.domain.fy import month_label
from pcntui.errors import UserError
from pcntui.ingest import arrs_fields as f

CLAIM_COLUMNS = ("month", "name", "role", "amount_claimed", "status", "amount_paid")
OPTIONAL_COLUMNS = ("submitted_on", "paid_on", "reference")


class ClaimRowIn(BaseModel):
    """One validated row of a claims file (role as its code; the month as its first day)."""

    row: int
    month: date
    name: f.Name
    role: f.RoleCode
    amount_claimed: Decimal
    status: str
    amount_paid: Decimal
    submitted_on: f.OptDay = None
    paid_on: f.OptDay = None
    reference: str = ""

    @field_validator("month", mode="before")
    @classmethod
    def _month(cls, v: str) -> date:
        if not (v or "").strip():
            raise ValueError("month is missing")
        try:
            return parse_month(v)
        except UserError as exc:
            raise ValueError(str(exc).rstrip(".")) from None

    @field_validator("amount_claimed", mode="before")
    @classmethod
    def _claimed(cls, v: str) -> Decimal:
        return parse_money(v, "amount_claimed")

    @field_validator("amount_paid", mode="before")
    @classmethod
    def _paid(cls, v: str) -> Decimal:
        return optional(parse_money, v, "amount_paid") or Decimal("0.00")

    @field_validator("status", mode="before")
    @classmethod
    def _status(cls, v: str) -> str:
        value = (v or "").strip().lower() or DEFAULT_STATUS
        if value not in STATUSES:
            raise ValueError(f"'{v.strip()}' is not a claim status ({', '.join(STATUSES)})")
        return value

    @field_validator("reference", mode="before")
    @classmethod
    def _reference(cls, v: str | None) -> str:
        return " ".join((v or "").split())

    @model_validator(mode="after")
    def _consistent(self) -> ClaimRowIn:
        problems = check_claim(self.status, self.amount_claimed, self.amount_paid, self.submitted_on, self.paid_on)
        if problems:
            raise ValueError("; ".join(f"column {column}: {msg}" for column, msg in problems))
        return self

    def claim(self) -> Claim:
        return Claim(month=self.month, name=self.name, role_code=self.role, amount_claimed=self.amount_claimed,
                     status=self.status, amount_paid=self.amount_paid, reference=self.reference,
                     submitted_on=self.submitted_on, paid_on=self.paid_on)


def _problems(exc: ValidationError, row_number: int) -> list[str]:
    """Row-level problems already name their columns; field problems get theirs from pydantic."""
    out = []
    for err in exc.errors():
        msg = err.get("msg", "invalid").removeprefix("Value error, ")
        if err.get("loc"):
            out.append(f"row {row_number}, column {err['loc'][0]}: {msg}.")
        else:
            out.extend(f"row {row_number}, {part}." for part in msg.split("; "))
    return out


def read_claims(path: str | Path, rules: RuleBook,
                match: Callable[[ClaimRowIn], str | None] | None = None) -> list[ClaimRowIn]:
    """Every row checked (and, with `match`, matched to the roster: it returns a problem or None);
    ImportFileError naming every bad row and column, else the rows."""
    path = Path(path)
    out: list[ClaimRowIn] = []
    problems: list[str] = []
    seen: dict[tuple, int] = {}
    for number, parsed in f.checked_rows(path, ClaimRowIn, CLAIM_COLUMNS, OPTIONAL_COLUMNS, kind="claims",
                                         problems=problems, context={"rules": rules}, sentences=_problems):
        key = parsed.claim().key
        if key in seen:
            ref = f"reference '{parsed.reference}'" if parsed.reference else "no reference"
            problems.append(f"row {number}: the claim for {parsed.name}, {rules.role_name(parsed.role)}, "
                            f"{month_label(parsed.month)} with {ref} is also on row {seen[key]}; give each claim "
                            "in a month its own reference.")
            continue
        seen[key] = number
        unmatched = match(parsed) if match is not None else None
        if unmatched:
            problems.append(f"row {number}, column name: {unmatched}")
            continue
        out.append(parsed)
    f.refuse(path, problems, "claims")
    return out

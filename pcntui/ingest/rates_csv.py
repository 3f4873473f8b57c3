"""The user's rates CSV: maximum reimbursable amounts per WTE with effective dates.

Columns: role, effective_from, annual_max, reimbursement_pct (all required), and optional
band, inner_london_max, outer_london_max, note. Upserts on (role, band, effective_from).
`annual_max` is the maximum per WTE per year at the row's `reimbursement_pct`; a row with a
band applies to staff of that band (e.g. General Practice Nurse 5 vs 6), one without to the rest.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from pathlib import Path

from pydantic import BaseModel, ValidationError, field_validator

from pcntui.domain.text import counted
from pcntui.domain.arrs_roles import parse_band
from pcntui.domain.arrs_rules import RuleBook, parse_annual_max, parse_reimbursement_pct
from pcntui.domain.parse import optional
from pcntui.errors import ImportFileError
from pcntui.ingest import arrs_fields as f
from pcntui.ingest.csvfile import read_rows

RATE_COLUMNS = ("role", "effective_from", "annual_max", "reimbursement_pct")
OPTIONAL_COLUMNS = ("band", "inner_london_max", "outer_london_max", "note")


class RateRowIn(BaseModel):
    row: int
    role: f.RoleCode
    effective_from: f.Day
    annual_max: Decimal
    reimbursement_pct: Decimal
    inner_london_max: Decimal | None = None
    outer_london_max: Decimal | None = None
    note: str = ""
    band: str = ""

    @field_validator("band", mode="before")
    @classmethod
    def _band(cls, v: str | None) -> str:
        return parse_band(v or "")

    @field_validator("annual_max", mode="before")
    @classmethod
    def _max(cls, v: str) -> Decimal:
        return parse_annual_max(v)

    @field_validator("inner_london_max", "outer_london_max", mode="before")
    @classmethod
    def _london(cls, v: str | None) -> Decimal | None:
        return optional(parse_annual_max, v)

    @field_validator("reimbursement_pct", mode="before")
    @classmethod
    def _pct(cls, v: str) -> Decimal:
        return parse_reimbursement_pct(v)


def read_rates(path: str | Path, rules: RuleBook) -> list[RateRowIn]:
    path = Path(path)
    out: list[RateRowIn] = []
    problems: list[str] = []
    seen: dict[tuple[str, str, date], int] = {}
    for row in read_rows(path, RATE_COLUMNS, kind="rates"):
        raw = {c: row.get(c) for c in (*RATE_COLUMNS, *OPTIONAL_COLUMNS)}
        try:
            parsed = RateRowIn.model_validate({"row": row.number, **raw}, context={"rules": rules})
        except ValidationError as exc:
            problems.extend(f.problems_of(exc, row.number))
            continue
        key = (parsed.role, parsed.band, parsed.effective_from)
        if key in seen:
            band = f" band {parsed.band}" if parsed.band else ""
            problems.append(f"row {row.number}: {parsed.role}{band} from {parsed.effective_from.isoformat()} is also "
                            f"on row {seen[key]}.")
            continue
        seen[key] = row.number
        out.append(parsed)
    if problems:
        raise ImportFileError(f"{path.name} was not imported: {counted(len(problems), 'problem')} in the rates file.", problems)
    return out

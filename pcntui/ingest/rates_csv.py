"""The user's rates CSV: maximum reimbursable amounts per WTE with effective dates.

Columns: role, effective_from, annual_max, reimbursement_pct (all required), and optional
band, inner_london_max, outer_london_max, note. Upserts on (role, band, effective_from).
`annual_max` is the maximum per WTE per year at the row's `reimbursement_pct`; a row with a
band applies to staff of that band (e.g. General Practice Nurse 5 vs 6), one without to the rest.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from pydantic import BaseModel

from pcntui.domain.arrs_rules import RuleBook
from pcntui.ingest import arrs_fields as f
from pcntui.inputs.arrs import AnnualMax, Band, OptAnnualMax, Pct

RATE_COLUMNS = ("role", "effective_from", "annual_max", "reimbursement_pct")
OPTIONAL_COLUMNS = ("band", "inner_london_max", "outer_london_max", "note")


class RateRowIn(BaseModel):
    row: int
    role: f.RoleCode
    effective_from: f.Day
    annual_max: AnnualMax
    reimbursement_pct: Pct
    inner_london_max: OptAnnualMax = None
    outer_london_max: OptAnnualMax = None
    note: str = ""
    band: Band = ""


def read_rates(path: str | Path, rules: RuleBook) -> list[RateRowIn]:
    path = Path(path)
    out: list[RateRowIn] = []
    problems: list[str] = []
    seen: dict[tuple[str, str, date], int] = {}
    for number, parsed in f.checked_rows(path, RateRowIn, RATE_COLUMNS, OPTIONAL_COLUMNS, kind="rates",
                                         problems=problems, context={"rules": rules}):
        key = (parsed.role, parsed.band, parsed.effective_from)
        if key in seen:
            band = f" band {parsed.band}" if parsed.band else ""
            problems.append(f"row {number}: {parsed.role}{band} from {parsed.effective_from.isoformat()} is also "
                            f"on row {seen[key]}.")
            continue
        seen[key] = number
        out.append(parsed)
    f.refuse(path, problems, "rates")
    return out

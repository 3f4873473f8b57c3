"""The user's rates CSV: maximum reimbursable amounts per WTE with effective dates.

Columns: role, effective_from, annual_max, reimbursement_pct (all required), and optional
inner_london_max, outer_london_max, note. Upserts on (role, effective_from).
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from pathlib import Path

from pydantic import BaseModel, ValidationError, ValidationInfo, field_validator

from pcntui.domain.arrs_rules import RuleBook
from pcntui.errors import ImportFileError
from pcntui.ingest import arrs_fields as f
from pcntui.ingest.csvfile import read_rows

RATE_COLUMNS = ("role", "effective_from", "annual_max", "reimbursement_pct")
OPTIONAL_COLUMNS = ("inner_london_max", "outer_london_max", "note")


class RateRowIn(BaseModel):
    row: int
    role: str  # role code
    effective_from: date
    annual_max: Decimal
    reimbursement_pct: Decimal
    inner_london_max: Decimal | None = None
    outer_london_max: Decimal | None = None
    note: str = ""

    @field_validator("role", mode="before")
    @classmethod
    def _role(cls, v: str, info: ValidationInfo) -> str:
        return f.role_code_of(v, info.context["rules"])

    @field_validator("effective_from", mode="before")
    @classmethod
    def _date(cls, v: str) -> date:
        return f.date_of(v, "effective_from")

    @field_validator("annual_max", mode="before")
    @classmethod
    def _max(cls, v: str) -> Decimal:
        return f.money_of(v, "annual_max")

    @field_validator("inner_london_max", "outer_london_max", mode="before")
    @classmethod
    def _london(cls, v: str | None) -> Decimal | None:
        if v is None or not str(v).strip():
            return None
        return f.money_of(v, "London maximum")

    @field_validator("reimbursement_pct", mode="before")
    @classmethod
    def _pct(cls, v: str) -> Decimal:
        if not (v or "").strip():
            raise ValueError("reimbursement_pct is missing")
        value = f.pct_of(v, low=Decimal(0), high=Decimal(100), what="reimbursement %")
        if value == 0:
            raise ValueError("reimbursement % must be more than 0")
        return value


def read_rates(path: str | Path, rules: RuleBook) -> list[RateRowIn]:
    path = Path(path)
    out: list[RateRowIn] = []
    problems: list[str] = []
    seen: dict[tuple[str, date], int] = {}
    for row in read_rows(path, RATE_COLUMNS, kind="rates"):
        raw = {c: row.get(c) for c in (*RATE_COLUMNS, *OPTIONAL_COLUMNS)}
        try:
            parsed = RateRowIn.model_validate({"row": row.number, **raw}, context={"rules": rules})
        except ValidationError as exc:
            problems.extend(f.problems_of(exc, row.number))
            continue
        key = (parsed.role, parsed.effective_from)
        if key in seen:
            problems.append(f"row {row.number}: {parsed.role} from {parsed.effective_from.isoformat()} is also on "
                            f"row {seen[key]}.")
            continue
        seen[key] = row.number
        out.append(parsed)
    if problems:
        raise ImportFileError(f"{path.name} was not imported: {len(problems)} problem(s) in the rates file.", problems)
    if not out:
        raise ImportFileError(f"{path.name} has a header but no rates; nothing was imported.")
    return out

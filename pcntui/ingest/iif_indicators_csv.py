"""The `iif-indicators` CSV (PRODUCT.md "Files"): IIF indicator definitions by year.

Columns (any case, any order; a UTF-8 BOM is fine): fy, indicator, ind_code, description,
numerator_measure, denominator_measure, lower_threshold, upper_threshold, points,
pound_per_point, higher_is_better (all present; ind_code and description may be blank);
optional reference_list_size, confirmed (yes/no, default yes), source, note.
  thresholds        percent, 0–100; for lower-is-better the lower threshold is the larger number
  higher_is_better  yes/no (also higher/lower)
The same reader checks the shipped table (pcntui/reference/iif_indicators.csv), so the two
can never disagree about what a valid row is. Every bad row and column is named; the same
(fy, indicator) twice in one file is an error.
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from pydantic import BaseModel, ValidationError, field_validator

from pcntui.domain.fy import FinancialYear
from pcntui.domain.iif import IifIndicator, check_indicator, threshold_problem
from pcntui.domain.parse import MAX_COUNT, optional, parse_count, parse_decimal, parse_money, parse_yes_no
from pcntui.errors import ImportFileError, UserError
from pcntui.ingest import arrs_fields as f
from pcntui.ingest.csvfile import read_rows

INDICATOR_COLUMNS = ("fy", "indicator", "ind_code", "description", "numerator_measure", "denominator_measure",
                     "lower_threshold", "upper_threshold", "points", "pound_per_point", "higher_is_better")
OPTIONAL_COLUMNS = ("reference_list_size", "confirmed", "source", "note")


def _text(v: str | None) -> str:
    return " ".join((v or "").split())


class IndicatorRowIn(BaseModel):
    row: int
    fy: str
    indicator: str
    ind_code: str = ""
    description: str = ""
    numerator_measure: str
    denominator_measure: str
    lower_threshold: Decimal
    upper_threshold: Decimal
    points: Decimal
    pound_per_point: Decimal
    higher_is_better: bool
    reference_list_size: int | None = None
    confirmed: bool = True
    source: str = ""
    note: str = ""

    @field_validator("fy", mode="before")
    @classmethod
    def _fy(cls, v: str) -> str:
        if not (v or "").strip():
            raise ValueError("fy is missing")
        try:
            return FinancialYear.parse(v).label
        except UserError as exc:
            raise ValueError(str(exc).rstrip(".")) from None

    @field_validator("indicator", "numerator_measure", "denominator_measure", mode="before")
    @classmethod
    def _required(cls, v: str, info) -> str:
        if not (v or "").strip():
            raise ValueError(f"{info.field_name} is missing")
        return _text(v)

    @field_validator("ind_code", "description", "source", "note", mode="before")
    @classmethod
    def _optional(cls, v: str | None) -> str:
        return _text(v)

    @field_validator("lower_threshold", "upper_threshold", "points", mode="before")
    @classmethod
    def _number(cls, v: str, info) -> Decimal:
        value = parse_decimal(v, info.field_name, high=MAX_COUNT)
        problem = threshold_problem(value) if info.field_name != "points" else (
            None if value > 0 else f"{value} must be more than 0")
        if problem:
            raise ValueError(problem)
        return value

    @field_validator("pound_per_point", mode="before")
    @classmethod
    def _pounds(cls, v: str) -> Decimal:
        return parse_money(v, "pound_per_point")

    @field_validator("higher_is_better", mode="before")
    @classmethod
    def _direction(cls, v: str) -> bool:
        word = (v or "").strip().lower()
        if word in ("higher", "up", "upwards"):
            return True
        if word in ("lower", "down", "downwards"):
            return False
        return parse_yes_no(v, "higher_is_better")

    @field_validator("confirmed", mode="before")
    @classmethod
    def _confirmed(cls, v: str | None) -> bool:
        return True if not (v or "").strip() else parse_yes_no(v, "confirmed")

    @field_validator("reference_list_size", mode="before")
    @classmethod
    def _size(cls, v: str | None) -> int | None:
        return optional(parse_count, v, low=1, noun="patients")

    def indicator_def(self, origin: str) -> IifIndicator:
        return IifIndicator(
            fy=FinancialYear.parse(self.fy), indicator=self.indicator, numerator_measure=self.numerator_measure,
            denominator_measure=self.denominator_measure, lower_threshold=self.lower_threshold,
            upper_threshold=self.upper_threshold, points=self.points, pound_per_point=self.pound_per_point,
            higher_is_better=self.higher_is_better, ind_code=self.ind_code, description=self.description,
            reference_list_size=self.reference_list_size, confirmed=self.confirmed, source=self.source,
            note=self.note, origin=origin,
        )


def read_indicators(path: str | Path, *, origin: str = "user") -> list[IifIndicator]:
    """Every row checked; ImportFileError naming every bad row and column, else the definitions."""
    path = Path(path)
    out: list[IifIndicator] = []
    problems: list[str] = []
    seen: dict[tuple, int] = {}
    for row in read_rows(path, INDICATOR_COLUMNS, kind="iif-indicators"):
        raw = {c: row.get(c) for c in (*INDICATOR_COLUMNS, *OPTIONAL_COLUMNS)}
        try:
            parsed = IndicatorRowIn.model_validate({"row": row.number, **raw}).indicator_def(origin)
        except ValidationError as exc:
            problems.extend(f.problems_of(exc, row.number))
            continue
        bad = check_indicator(parsed)
        if bad:
            problems.extend(f"row {row.number}, column {column}: {msg}." for column, msg in bad)
            continue
        if parsed.key in seen:
            problems.append(f"row {row.number}: {parsed.indicator} for {parsed.fy.label} is also on row "
                            f"{seen[parsed.key]}; give each indicator once per year.")
            continue
        seen[parsed.key] = row.number
        out.append(parsed)
    if problems:
        raise ImportFileError(f"{path.name} was not imported: {len(problems)} problem(s) in the IIF indicators "
                              "file.", problems)
    return out

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

from pydantic import BaseModel, field_validator

from pcntui.domain.iif import IifIndicator, check_indicator
from pcntui.ingest import arrs_fields as f
from pcntui.ingest import iif_indicator_fields as field
from pcntui.ingest.iif_indicator_fields import INDICATOR_COLUMNS, OPTIONAL_COLUMNS

__all__ = ["INDICATOR_COLUMNS", "OPTIONAL_COLUMNS", "IndicatorRowIn", "read_indicators"]


class IndicatorRowIn(BaseModel):
    """A row, every column checked by its parser (iif_indicator_fields.py), every problem named."""

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

    @field_validator(*field.PARSERS, mode="before")
    @classmethod
    def _parsed(cls, v: str | None, info) -> object:
        return field.PARSERS[info.field_name](v)

    def indicator_def(self, origin: str) -> IifIndicator:
        return field.definition(self.model_dump(), origin)


def read_indicators(path: str | Path, *, origin: str = "user") -> list[IifIndicator]:
    """Every row checked; ImportFileError naming every bad row and column, else the definitions."""
    path = Path(path)
    out: list[IifIndicator] = []
    problems: list[str] = []
    seen: dict[tuple, int] = {}
    for number, row in f.checked_rows(path, IndicatorRowIn, INDICATOR_COLUMNS, OPTIONAL_COLUMNS,
                                      kind="iif-indicators", problems=problems):
        parsed = row.indicator_def(origin)
        bad = check_indicator(parsed)
        if bad:
            problems.extend(f"row {number}, column {column}: {msg}." for column, msg in bad)
            continue
        if parsed.key in seen:
            problems.append(f"row {number}: {parsed.indicator} for {parsed.fy.label} is also on row "
                            f"{seen[parsed.key]}; give each indicator once per year.")
            continue
        seen[parsed.key] = number
        out.append(parsed)
    f.refuse(path, problems, "IIF indicators")
    return out

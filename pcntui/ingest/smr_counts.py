"""The `smr-counts` CSV: one practice's monthly search result for one cohort per row.

Columns (any case, any order): practice_code, cohort, as_of, eligible, completed; optional
invited, declined. Every problem in the file is collected (row and column named) so the
whole file can be rejected at once; a row's counts obey the counts form's rules (`CountIn`:
completed among eligible). Cohort names are resolved later, against the database.
"""

from __future__ import annotations

from pcntui.domain.text import counted
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from pydantic import BaseModel, Field, model_validator

from pcntui.domain import ods
from pcntui.domain.parse import parse_count, parse_date
from pcntui.domain.progress import Progress
from pcntui.errors import ImportFileError, UserError
from pcntui.ingest.csvfile import Row, read_rows
from pcntui.inputs.base import sentence
from pcntui.inputs.smr import CountIn, over_eligible

KIND = "smr-counts"
REQUIRED = ("practice_code", "cohort", "as_of", "eligible", "completed")
OPTIONAL = ("invited", "declined")


class CountRow(BaseModel):
    """One validated row. `row` is the line number a spreadsheet shows (header = 1)."""

    row: int
    practice_code: str
    cohort: str  # as written; matched to a cohort by code or name later
    as_of: date
    eligible: int = Field(ge=0)
    completed: int = Field(ge=0)
    invited: int | None = Field(default=None, ge=0)
    declined: int | None = Field(default=None, ge=0)

    @model_validator(mode="after")
    def _cohort_given(self) -> CountRow:
        if not self.cohort.strip():
            raise ValueError("cohort is blank")
        return self


@dataclass
class ParsedCounts:
    rows: list[CountRow] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    # (row, practice_code, cohort) of every row, good or bad, so the caller can check the
    # practice and cohort against the database for bad rows too (every problem named at once)
    refs: list[tuple[int, str, str]] = field(default_factory=list)


def _row(row: Row, problems: list[str]) -> CountRow | None:
    before = len(problems)
    values: dict[str, object] = {"row": row.number}
    code = row.get("practice_code")
    if not ods.is_practice_code(code):
        problems.append(f"row {row.number}, column practice_code: '{code}' is not a GP practice code "
                        "(a letter and 5 digits, e.g. Y90001).")
    values["practice_code"] = ods.normalise(code)
    cohort = row.get("cohort")
    if not cohort:
        problems.append(f"row {row.number}, column cohort: is blank (give the cohort's code or name).")
    values["cohort"] = cohort
    try:
        values["as_of"] = parse_date(row.get("as_of"))
    except UserError as exc:
        problems.append(f"row {row.number}, column as_of: {exc}")
    for column in REQUIRED[3:] + OPTIONAL:
        text = row.get(column)
        if column in OPTIONAL and not text:
            values[column] = None
            continue
        try:
            values[column] = parse_count(text, noun="patients")
        except UserError as exc:
            problems.append(f"row {row.number}, column {column}: {exc}")
    if len(problems) > before:
        return None
    problem = over_eligible(values["eligible"], values["completed"])  # the counts form's rule, said for the row
    if problem is not None:
        problems.append(sentence(problem, CountIn, front="csv", row=row.number))
        return None
    return CountRow(**values)


def parse_counts(path: str | Path, *, progress: Progress | None = None) -> ParsedCounts:
    """Read the file, collecting every row's problems (ImportFileError only for a file that is
    unreadable, malformed, missing columns or without rows)."""
    path = Path(path)
    out = ParsedCounts()
    seen: dict[tuple[str, str, date], int] = {}
    for row in read_rows(path, REQUIRED, kind=KIND, progress=progress):
        out.refs.append((row.number, ods.normalise(row.get("practice_code")), row.get("cohort")))
        parsed = _row(row, out.problems)
        if parsed is None:
            continue
        key = (parsed.practice_code, " ".join(parsed.cohort.casefold().split()), parsed.as_of)
        if key in seen:
            out.problems.append(
                f"row {row.number}: the same practice, cohort and as_of as row {seen[key]} "
                f"({parsed.practice_code}, {parsed.cohort}, {parsed.as_of.isoformat()})."
            )
            continue
        seen[key] = row.number
        out.rows.append(parsed)
    return out


def read_counts(path: str | Path) -> list[CountRow]:
    """Like parse_counts, but raise ImportFileError naming every problem."""
    parsed = parse_counts(path)
    if parsed.problems:
        raise ImportFileError(f"{Path(path).name} was not imported: {counted(len(parsed.problems), 'problem')}; "
                              "nothing was changed.", parsed.problems)
    return parsed.rows

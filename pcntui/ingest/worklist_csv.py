"""The `smr-worklist` CSV: one patient per row, for bulk loading the optional worklist.

Columns (any case, any order): practice_code, reference, cohort (one or more, separated
by ';' or '|'); optional nhs_number, status, identified_on, invited_on, booked_on,
reviewed_on, reviewer, meds_stopped, meds_changed, meds_started, follow_up_due, note.
Every problem is collected with its row and column so the file is rejected whole.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from pydantic import BaseModel, Field

from pcntui.domain import nhs_number, ods
from pcntui.domain.parse import optional, parse_count, parse_date
from pcntui.domain.progress import Progress
from pcntui.domain.worklist import WorklistEntry, parse_status, problems as entry_problems
from pcntui.errors import UserError
from pcntui.ingest.csvfile import Row, read_rows

KIND = "smr-worklist"
REQUIRED = ("practice_code", "reference", "cohort")
DATES = ("identified_on", "invited_on", "booked_on", "reviewed_on", "follow_up_due")
COUNTS = ("meds_stopped", "meds_changed", "meds_started")
OPTIONAL = ("nhs_number", "status", *DATES, "reviewer", *COUNTS, "note")
# Short column names people use for the same things.
ALIASES = {"stopped": "meds_stopped", "changed": "meds_changed", "started": "meds_started", "nhs_no": "nhs_number"}


class WorklistRow(BaseModel):
    row: int
    practice_code: str
    reference: str
    cohorts: list[str] = Field(min_length=1)  # as written; matched later
    nhs_number: str | None = None
    status: str = "identified"
    identified_on: date | None = None
    invited_on: date | None = None
    booked_on: date | None = None
    reviewed_on: date | None = None
    reviewer: str | None = None
    meds_stopped: int | None = Field(default=None, ge=0)
    meds_changed: int | None = Field(default=None, ge=0)
    meds_started: int | None = Field(default=None, ge=0)
    follow_up_due: date | None = None
    note: str | None = None

    def entry(self, cohort_codes: tuple[str, ...]) -> WorklistEntry:
        data = self.model_dump(exclude={"row", "cohorts"})
        return WorklistEntry(id=None, cohorts=cohort_codes, **data)


@dataclass
class ParsedWorklist:
    rows: list[WorklistRow] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    columns: set[str] = field(default_factory=set)  # the optional fields the file has a column for
    refs: list[tuple[int, str, list[str]]] = field(default_factory=list)  # (row, practice, cohorts) of every row


def split_cohorts(text: str) -> list[str]:
    return [c.strip() for c in re.split(r"[;|]", text or "") if c.strip()]


def _get(row: Row, column: str) -> str:
    value = row.get(column)
    if not value:
        for short, full in ALIASES.items():
            if full == column and row.get(short):
                return row.get(short)
    return value


def _row(row: Row, problems: list[str]) -> WorklistRow | None:
    before = len(problems)
    where = f"row {row.number}, column"
    values: dict[str, object] = {"row": row.number}
    code = row.get("practice_code")
    if not ods.is_practice_code(code):
        problems.append(f"{where} practice_code: '{code}' is not a GP practice code (a letter and 5 digits).")
    values["practice_code"] = ods.normalise(code)
    values["reference"] = row.get("reference")
    cohorts = split_cohorts(row.get("cohort"))
    if not cohorts:
        problems.append(f"{where} cohort: is blank (give one or more cohorts, separated by ';').")
    values["cohorts"] = cohorts
    nhs = nhs_number.clean(_get(row, "nhs_number"))
    values["nhs_number"] = nhs or None
    try:
        values["status"] = parse_status(row.get("status"))
    except UserError as exc:
        problems.append(f"{where} status: {exc}")
    for column in DATES:
        try:
            values[column] = optional(parse_date, _get(row, column))
        except UserError as exc:
            problems.append(f"{where} {column}: {exc}")
    for column in COUNTS:
        text = _get(row, column)
        if not text:
            values[column] = None
            continue
        try:
            values[column] = parse_count(text, noun="medicines")
        except UserError as exc:
            problems.append(f"{where} {column}: {exc}")
    values["reviewer"] = row.get("reviewer") or None
    values["note"] = row.get("note") or None
    if len(problems) > before:
        return None
    parsed = WorklistRow(**values)
    for text in entry_problems(parsed.entry(tuple(cohorts))):
        column, _, message = text.partition(": ")
        problems.append(f"{where} {column}: {message}")
    return None if len(problems) > before else parsed


def parse_worklist(path: str | Path, *, progress: Progress | None = None) -> ParsedWorklist:
    path = Path(path)
    out = ParsedWorklist()
    seen: dict[tuple[str, str], int] = {}
    for row in read_rows(path, REQUIRED, kind=KIND, progress=progress):
        if not out.columns:
            header = set(row.values)
            out.columns = {c for c in OPTIONAL if c in header or any(ALIASES.get(h) == c for h in header)}
        out.refs.append((row.number, ods.normalise(row.get("practice_code")), split_cohorts(row.get("cohort"))))
        parsed = _row(row, out.problems)
        if parsed is None:
            continue
        key = (parsed.practice_code, parsed.reference.casefold())
        if key in seen:
            out.problems.append(f"row {row.number}: reference {parsed.reference} at {parsed.practice_code} "
                                f"is already on row {seen[key]}.")
            continue
        seen[key] = row.number
        out.rows.append(parsed)
    return out

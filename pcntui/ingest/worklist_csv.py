"""The `smr-worklist` CSV: one patient per row, for bulk loading the optional worklist.

Columns (any case, any order): practice_code, reference, cohort (one or more, separated
by ';' or '|'); optional nhs_number, status, identified_on, invited_on, booked_on,
reviewed_on, reviewer, meds_stopped, meds_changed, meds_started, follow_up_due, note.
Rows are read one at a time (`WorklistFile`), each checked by the domain's parsers and
`domain.worklist.field_problems` (the rules the worklist form uses) with every problem named
by row and column, so the caller can reject the file whole without holding it twice.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import NamedTuple

from pcntui.domain import nhs_number, ods
from pcntui.domain.parse import parse_count, parse_date
from pcntui.domain.progress import Progress
from pcntui.domain.worklist import WorklistEntry, field_problems, parse_status
from pcntui.errors import UserError
from pcntui.ingest.csvfile import Row, read_rows

KIND = "smr-worklist"
REQUIRED = ("practice_code", "reference", "cohort")
DATES = ("identified_on", "invited_on", "booked_on", "reviewed_on", "follow_up_due")
COUNTS = ("meds_stopped", "meds_changed", "meds_started")
OPTIONAL = ("nhs_number", "status", *DATES, "reviewer", *COUNTS, "note")
# Short column names people use for the same things.
ALIASES = {"stopped": "meds_stopped", "changed": "meds_changed", "started": "meds_started", "nhs_no": "nhs_number"}


class WorklistLine(NamedTuple):
    """One row as read: its practice (normalised) and cohorts as written, for the caller to match
    against the database whether or not the row is good; `entry` is None when it has problems."""

    number: int
    practice_code: str
    cohorts: tuple[str, ...]
    entry: WorklistEntry | None
    problems: tuple[str, ...] = ()


def split_cohorts(text: str) -> list[str]:
    return [c.strip() for c in re.split(r"[;|]", text or "") if c.strip()]


class WorklistFile:
    """The rows of a worklist CSV, read and checked one at a time. `columns` (the optional fields
    the file has a column for) is known once the first row is read. A reference given twice for
    the same practice is refused on its second row."""

    def __init__(self, path: str | Path, *, progress: Progress | None = None):
        self.path = Path(path)
        self.progress = progress
        self.columns: set[str] = set()
        self._picks: list[str] = []  # the columns read from each row: FIELDS, then the short names used
        self._short: list[int] = []  # for each short name picked, the field it stands for
        self._seen: dict[tuple[str, str], int] = {}
        # Values repeat (dates, statuses, cohorts, counts): each distinct text is parsed once.
        self._caches: dict[str, dict[str, object]] = {name: {} for name in ("practice", "cohort", "status", "date",
                                                                            "meds")}

    def __iter__(self) -> Iterator[WorklistLine]:
        for row in read_rows(self.path, REQUIRED, kind=KIND, progress=self.progress):
            if not self._picks:
                header = set(row.values)
                self.columns = {c for c in OPTIONAL if c in header or any(ALIASES.get(h) == c for h in header)}
                shorts = [(short, full) for short, full in ALIASES.items() if short in header]
                self._picks = [*FIELDS, *(short for short, _ in shorts)]
                self._short = [FIELDS.index(full) for _, full in shorts]
            yield self._line(row)

    def _parsed(self, kind: str, parser, text: str) -> object:
        """`parser(text)`, None for blank text; cached per kind and text (UserError when bad)."""
        if not text:
            return None
        cache = self._caches[kind]
        try:
            return cache[text]
        except KeyError:
            value = cache[text] = parser(text)
            return value

    def _line(self, row: Row) -> WorklistLine:
        cells = row.pick(self._picks)
        for at, field in enumerate(self._short, start=len(FIELDS)):
            if not cells[field]:
                cells[field] = cells[at]
        code, reference, cohort_text, nhs, status, *rest = cells
        problems: list[str] = []
        where = _Where(row.number)
        practice = self._parsed("practice", _practice, code) or ("", False)
        if not practice[1]:
            problems.append(f"{where} practice_code: '{code}' is not a GP practice code (a letter and 5 digits).")
        practice = practice[0]
        cohorts = self._parsed("cohort", _cohorts, cohort_text) or ()
        if not cohorts:
            problems.append(f"{where} cohort: is blank (give one or more cohorts, separated by ';').")
        values: dict[str, object] = {"practice_code": practice, "reference": reference,
                                     "nhs_number": nhs_number.clean(nhs) or None}
        try:
            values["status"] = self._parsed("status", parse_status, status) or "identified"
        except UserError as exc:
            problems.append(f"{where} status: {exc}")
        for (column, kind, parser), text in zip(_REST, rest):
            if parser is None:
                values[column] = text or None
                continue
            try:
                values[column] = self._parsed(kind, parser, text)
            except UserError as exc:
                problems.append(f"{where} {column}: {exc}")
        if problems:
            return WorklistLine(row.number, practice, cohorts, None, tuple(problems))
        entry = WorklistEntry(id=None, cohorts=cohorts, **values)
        problems = [f"{where} {name}: {text}" for name, text in field_problems(entry)]
        if not problems:
            key = (practice, entry.reference.casefold())
            first = self._seen.setdefault(key, row.number)
            if first != row.number:
                problems.append(f"row {row.number}: reference {entry.reference} at {practice} is already on row "
                                f"{first}.")
        return WorklistLine(row.number, practice, cohorts, None if problems else entry, tuple(problems))


# The columns in the order `WorklistFile` reads them (the domain's field order after the first five).
FIELDS = ("practice_code", "reference", "cohort", "nhs_number", "status", "identified_on", "invited_on", "booked_on",
          "reviewed_on", "reviewer", "meds_stopped", "meds_changed", "meds_started", "follow_up_due", "note")


class _Where:
    """`row 7, column` for a problem sentence, made only when there is a problem."""

    __slots__ = ("number",)

    def __init__(self, number: int):
        self.number = number

    def __str__(self) -> str:
        return f"row {self.number}, column"


def _practice(text: str) -> tuple[str, bool]:
    return ods.normalise(text), ods.is_practice_code(text)


def _cohorts(text: str) -> tuple[str, ...]:
    return tuple(split_cohorts(text))


def _meds(text: str) -> int:
    return parse_count(text, noun="medicines")


# (column, cache, parser) of the columns after status; no parser: kept as text, blank → None
_REST = tuple((c, "date", parse_date) if c in DATES else (c, "meds", _meds) if c in COUNTS else (c, "", None)
              for c in FIELDS[5:])

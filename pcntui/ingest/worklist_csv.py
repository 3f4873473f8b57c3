"""The `smr-worklist` CSV: one patient per row, for bulk loading the optional worklist.

Columns (any case, any order): practice_code, reference, cohort (one or more, separated
by ';' or '|'); optional nhs_number, status, identified_on, invited_on, booked_on,
reviewed_on, reviewer, meds_stopped, meds_changed, meds_started, follow_up_due, note.
Rows are read one at a time (`WorklistFile`), each checked by the domain's parsers and
`domain.worklist.value_problems` (the rules the worklist form uses) with every problem named
by row and column, so the caller can reject the file whole without holding it twice. A row
becomes a tuple of values, not an entry: a file of 100,000 rows is read in about a second.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date
from operator import itemgetter
from pathlib import Path
from typing import NamedTuple

from pcntui.domain import nhs_number, ods
from pcntui.domain.parse import parse_count, parse_date
from pcntui.domain.progress import Progress
from pcntui.domain.text import QUOTE
from pcntui.domain.worklist import FIELDS, parse_status, value_problems
from pcntui.errors import UserError
from pcntui.ingest.csvfile import cell_text, read_table

KIND = "smr-worklist"
REQUIRED = ("practice_code", "reference", "cohort")
DATES = ("identified_on", "invited_on", "booked_on", "reviewed_on", "follow_up_due")
COUNTS = ("meds_stopped", "meds_changed", "meds_started")
OPTIONAL = ("nhs_number", "status", *DATES, "reviewer", *COUNTS, "note")
# Short column names people use for the same things.
ALIASES = {"stopped": "meds_stopped", "changed": "meds_changed", "started": "meds_started", "nhs_no": "nhs_number"}


class WorklistLine(NamedTuple):
    """One row as read: its practice (normalised) and cohorts as written, for the caller to match
    against the database whether or not the row is good; `values` (the row's values in the
    domain's `FIELDS` order, dates as ISO text) is None when it has problems."""

    number: int
    practice_code: str
    cohorts: tuple[str, ...]
    values: tuple | None
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
        self._seen: dict[tuple[str, str], int] = {}
        # Values repeat (practices, cohorts, statuses, dates, counts): each distinct text is parsed
        # once; a column's converter is a dict of the texts seen (`_Parsed`).
        self._practice = _Parsed(_practice, {"": ("", False)})
        self._cohorts = _Parsed(_cohorts, {"": ()})
        self._status = _Parsed(parse_status, {"": "identified"})
        self._days: dict[str, date] = {}
        self._rest = [_Dates(self._days) if c in DATES else _Parsed(_meds) if c in COUNTS else _Text()
                      for c in READ[5:]]

    def __iter__(self) -> Iterator[WorklistLine]:
        names, rows = read_table(self.path, REQUIRED, kind=KIND, progress=self.progress)
        header = set(names)
        self.columns = {c for c in OPTIONAL if c in header or any(ALIASES.get(h) == c for h in header)}
        # Each of READ's cells by position (a missing column: the blank added at the row's end),
        # then for a column also given by its short name, where to look when it is blank.
        where = {name: at for at, name in enumerate(names) if name}
        pick = itemgetter(*(where.get(c, len(names)) for c in READ))
        shorts = [(READ.index(full), where[short]) for short, full in ALIASES.items() if short in where]
        width = len(names) + 1
        line = self._line
        for number, cells in rows:
            if len(cells) < width:
                cells += [""] * (width - len(cells))
            texts = pick(cells)
            joined = "".join(texts)
            if joined.isprintable() and QUOTE not in joined:  # no cell for cell_text to change but by strip
                texts = list(map(str.strip, texts))
            else:
                texts = list(map(cell_text, texts))
            for at, short in shorts:
                if not texts[at]:
                    texts[at] = cell_text(cells[short])
            yield line(number, texts)

    def _line(self, number: int, texts: list[str]) -> WorklistLine:
        code, reference, cohort_text, nhs, status = texts[:5]
        problems: list[str] = []
        practice, ok = self._practice[code]
        if not ok:
            problems.append(f"row {number}, column practice_code: '{code}' is not a GP practice code (a letter and "
                            "5 digits).")
        cohorts = self._cohorts[cohort_text]
        if not cohorts:
            problems.append(f"row {number}, column cohort: is blank (give one or more cohorts, separated by ';').")
        nhs = nhs_number.clean(nhs) or None
        try:
            status = self._status[status]
        except UserError as exc:
            problems.append(f"row {number}, column status: {exc}")
        rest = texts[5:]
        try:
            values = [practice, reference, nhs, status, *map(dict.__getitem__, self._rest, rest)]
        except UserError:  # name every bad cell of the row, in column order
            for column, convert, text in zip(READ[5:], self._rest, rest):
                try:
                    convert[text]
                except UserError as exc:
                    problems.append(f"row {number}, column {column}: {exc}")
        if problems:
            return WorklistLine(number, practice, cohorts, None, tuple(problems))
        days = self._days.get
        problems = [f"row {number}, column {name}: {text}" for name, text in value_problems(
            reference, nhs, status, cohorts, _meds_of(values), days(texts[_IDENTIFIED]), days(texts[_REVIEWED]),
            days(texts[_FOLLOW_UP]))]
        if not problems:
            key = (practice, reference.casefold())
            first = self._seen.setdefault(key, number)
            if first != number:
                problems.append(f"row {number}: reference {reference} at {practice} is already on row {first}.")
        if problems:
            return WorklistLine(number, practice, cohorts, None, tuple(problems))
        return WorklistLine(number, practice, cohorts, tuple(values))


class _Parsed(dict):
    """A column's converter: `conv[text]` is `parser(text)`, parsed the first time a text is seen
    (UserError when bad, never kept); `known` seeds it (the blank's value)."""

    def __init__(self, parser, known: dict | None = None):
        super().__init__({"": None} if known is None else known)
        self.parser = parser

    def __missing__(self, text: str):
        value = self[text] = self.parser(text)
        return value


class _Dates(dict):
    """A date column's converter: the ISO text of a date as written; `days` keeps the date itself."""

    def __init__(self, days: dict[str, date]):
        super().__init__({"": None})
        self.days = days

    def __missing__(self, text: str) -> str:
        day = self.days[text] = parse_date(text)
        value = self[text] = day.isoformat()
        return value


class _Text(dict):
    """A text column's converter: the text as it is, a blank as None (nothing kept)."""

    def __init__(self) -> None:
        super().__init__({"": None})

    def __missing__(self, text: str) -> str:
        return text


# The columns in the order `WorklistFile` reads them: the domain's fields with the cohort third.
READ = (*FIELDS[:2], "cohort", *FIELDS[2:])
_IDENTIFIED, _REVIEWED, _FOLLOW_UP = (READ.index(c) for c in ("identified_on", "reviewed_on", "follow_up_due"))
_meds_of = itemgetter(*(FIELDS.index(c) for c in COUNTS))


def _practice(text: str) -> tuple[str, bool]:
    return ods.normalise(text), ods.is_practice_code(text)


def _cohorts(text: str) -> tuple[str, ...]:
    return tuple(split_cohorts(text))


def _meds(text: str) -> int:
    return parse_count(text, noun="medicines")

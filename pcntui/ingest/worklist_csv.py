"""The `smr-worklist` CSV: one patient per row, for bulk loading the optional worklist.

Columns (any case, any order): practice_code, reference, cohort (one or more, separated
by ';' or '|'); optional nhs_number, status, identified_on, invited_on, booked_on,
reviewed_on, reviewer, meds_stopped, meds_changed, meds_started, follow_up_due, note.
Rows are read a chunk at a time (`WorklistFile` yields `Chunk`s), column by column: a column
of values that repeat (practices, cohorts, statuses, dates, counts) is parsed once per distinct
text, and the domain's rules (`domain.worklist.column_problems`, the rules the worklist form
uses) go over whole columns, every problem named by row and column, so the caller can reject
the file whole without holding it twice. Rows become columns of values, not entries: a file of
100,000 rows is read in about half a second.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from itertools import islice
from pathlib import Path
from typing import NamedTuple

from pcntui.domain import nhs_number, ods
from pcntui.domain.parse import parse_count, parse_date
from pcntui.domain.progress import STEP, Progress
from pcntui.domain.text import QUOTE
from pcntui.domain.worklist import FIELDS, column_problems, parse_status, reference_key
from pcntui.errors import UserError
from pcntui.ingest.csvfile import cell_text, read_table

KIND = "smr-worklist"
REQUIRED = ("practice_code", "reference", "cohort")
DATES = ("identified_on", "invited_on", "booked_on", "reviewed_on", "follow_up_due")
COUNTS = ("meds_stopped", "meds_changed", "meds_started")
OPTIONAL = ("nhs_number", "status", *DATES, "reviewer", *COUNTS, "note")
# Short column names people use for the same things.
ALIASES = {"stopped": "meds_stopped", "changed": "meds_changed", "started": "meds_started", "nhs_no": "nhs_number"}
CHUNK = STEP  # rows read and checked together (and saved together: progress hears of each chunk)


class Refused(NamedTuple):
    """What a column's converter gives for a cell it cannot read: why, in words."""

    reason: str


class Chunk(NamedTuple):
    """Rows of the file, column by column. `practices` (normalised) and `cohorts` (as written) are
    there for the caller to match against the database whether or not a row is good; `keys`
    (practice, `reference_key`) match a row to an entry; `values` are the domain's `FIELDS`
    columns (dates as ISO text). `problems` names what is wrong with a row, by its place in the
    chunk: such a row is not to be saved (its values may hold a `Refused`)."""

    numbers: list[int]
    practices: list
    cohorts: list
    keys: list[tuple]
    values: list[list]
    problems: dict[int, list[str]]


def split_cohorts(text: str) -> list[str]:
    return [c.strip() for c in re.split(r"[;|]", text or "") if c.strip()]


class WorklistFile:
    """The rows of a worklist CSV, read and checked a chunk at a time. `columns` (the optional
    fields the file has a column for) is known once the first chunk is read. A reference given
    twice for the same practice is refused on its second row."""

    def __init__(self, path: str | Path, *, progress: Progress | None = None):
        self.path = Path(path)
        self.progress = progress
        self.columns: set[str] = set()
        self._seen: dict[tuple[str, str], int] = {}
        # READ's columns but the reference and NHS number (a text each row of its own): each
        # distinct text is cleaned and parsed once (`_Column`)
        self._convert = {"practice_code": _Column(_practice), "cohort": _Column(_cohorts),
                         "status": _Column(parse_status)}
        self._convert.update((c, _Column(_date) if c in DATES else _Column(_meds) if c in COUNTS
                              else _Column(_text)) for c in READ[5:])

    def __iter__(self) -> Iterator[Chunk]:
        names, rows = read_table(self.path, REQUIRED, kind=KIND, progress=self.progress)
        header = set(names)
        self.columns = {c for c in OPTIONAL if c in header or any(ALIASES.get(h) == c for h in header)}
        where = {name: at for at, name in enumerate(names) if name}
        # each of READ's columns by position (None: not in the file), and for a column also given by
        # its short name, where to look when it is blank
        self._at = [where.get(c) for c in READ]
        self._shorts = [(READ.index(full), where[short]) for short, full in ALIASES.items() if short in where]
        self._width = len(names)
        for block in iter(lambda: list(islice(rows, CHUNK)), []):
            yield self._chunk([number for number, _ in block], [cells for _, cells in block])

    def _chunk(self, numbers: list[int], cells: list[list[str]]) -> Chunk:
        width, n = self._width, len(cells)
        if min(map(len, cells)) < width:  # a short row: blanks for its missing cells
            cells = [row + [""] * (width - len(row)) if len(row) < width else row for row in cells]
        everything = list(zip(*cells))
        raw = [everything[at] if at is not None else ("",) * n for at in self._at]
        for at, short in self._shorts:
            raw[at] = [full if full and cell_text(full) else alias for full, alias in zip(raw[at], everything[short])]
        problems: dict[int, list[str]] = {}
        columns = {}
        for name, convert in self._convert.items():
            column = columns[name] = list(map(convert.__getitem__, raw[READ.index(name)]))
            if convert.refused and not convert.refused.isdisjoint(raw[READ.index(name)]):
                for i, value in enumerate(column):
                    if type(value) is Refused:
                        problems.setdefault(i, []).append(f"row {numbers[i]}, column {name}: {value.reason}")
        references = _texts(raw[1])
        nhs = _texts(raw[3])
        if not "".join(nhs).isalnum():  # spaces or hyphens to remove
            nhs = list(map(nhs_number.clean, nhs))
        nhs = [text or None for text in nhs]
        values = [columns["practice_code"], references, nhs, *(columns[c] for c in FIELDS[3:])]
        keys = list(zip(values[0], map(reference_key, references)))
        # rows with a cell not read (their problems in READ order, as the columns went) are not checked further
        good = [i for i in range(n) if i not in problems] if problems else range(n)
        checked = [[column[i] for i in good] for column in values] if problems else values
        cohorts = columns["cohort"]
        for i, found in column_problems(checked[1], checked[2], checked[3], [cohorts[i] for i in good],
                                        [checked[FIELDS.index(c)] for c in COUNTS],
                                        *(checked[FIELDS.index(c)] for c in ("identified_on", "reviewed_on",
                                                                             "follow_up_due"))).items():
            problems[good[i]] = [f"row {numbers[good[i]]}, column {name}: {text}" for name, text in found]
        self._first_rows(numbers, keys, references, values[0], problems)
        return Chunk(numbers, values[0], cohorts, keys, values, problems)

    def _first_rows(self, numbers: list[int], keys: list[tuple], references: list[str], practices: list,
                    problems: dict[int, list[str]]) -> None:
        """Note each good row's key; a key seen on an earlier row is a problem of the later one."""
        fresh = dict(zip(keys, numbers))
        if not problems and len(fresh) == len(keys) and self._seen.keys().isdisjoint(fresh):
            self._seen.update(fresh)  # no key twice (the usual file): all at once
            return
        for i, (key, number) in enumerate(zip(keys, numbers)):
            if i not in problems and (first := self._seen.setdefault(key, number)) != number:
                problems[i] = [f"row {number}: reference {references[i]} at {practices[i]} is already on row {first}."]


class _Column(dict):
    """A column's converter: `convert[text]` is the value of a cell as written: cleaned
    (`cell_text`), then parsed, the first time a text is seen, and kept for the next time (the
    first `KEPT` texts: a column of free text, each of its own, is not held twice). A text the
    parser refuses gives a `Refused`, and is noted in `refused`."""

    KEPT = 5000

    def __init__(self, parse: Callable[[str], object]):
        super().__init__()
        self.parse = parse
        self.refused: set[str] = set()

    def __missing__(self, raw: str):
        try:
            value = self.parse(cell_text(raw))
        except UserError as exc:
            value = Refused(str(exc))
            self.refused.add(raw)
        if len(self) < self.KEPT:
            self[raw] = value
        return value


def _texts(column) -> list[str]:
    """Cells of a column of texts each of its own (`cell_text` of each)."""
    joined = "".join(column)
    if joined.isprintable() and QUOTE not in joined:  # no cell for cell_text to change but by strip
        return list(map(str.strip, column))
    return list(map(cell_text, column))


# The columns in the order `WorklistFile` reads them: the domain's fields with the cohort third.
READ = (*FIELDS[:2], "cohort", *FIELDS[2:])


def _practice(text: str) -> str:
    if not ods.is_practice_code(text):
        raise UserError(f"'{text}' is not a GP practice code (a letter and 5 digits).")
    return ods.normalise(text)


def _cohorts(text: str) -> tuple[str, ...]:
    cohorts = tuple(split_cohorts(text))
    if not cohorts:
        raise UserError("is blank (give one or more cohorts, separated by ';').")
    return cohorts


def _date(text: str) -> str | None:
    return parse_date(text).isoformat() if text else None


def _meds(text: str) -> int | None:
    return parse_count(text, noun="medicines") if text else None


def _text(text: str) -> str | None:
    return text or None

"""The optional SMR worklist: pseudonymous patients the PCN tracks, their status and outcome.

A patient is known by the practice's own reference; the NHS number is optional (modulus 11,
shown masked unless asked). How a worklist becomes counts for progress, on a date D:
    eligible  = patients in the cohort identified on or before D (or undated), not 'not suitable'
    invited   = of those, status invited/booked/completed/declined
    completed = status completed with the review dated within the year up to D (undated: counted)
    declined  = status declined
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from pcntui.domain import nhs_number
from pcntui.errors import UserError

STATUSES = ("identified", "invited", "booked", "completed", "declined", "not_suitable")
STATUS_LABELS = {
    "identified": "identified", "invited": "invited", "booked": "booked", "completed": "completed",
    "declined": "declined", "not_suitable": "not suitable",
}
INVITED_OR_LATER = ("invited", "booked", "completed", "declined")
_STATUS_ALIASES = {
    "identified": "identified", "new": "identified", "to invite": "identified",
    "invited": "invited", "booked": "booked", "appointment booked": "booked",
    "completed": "completed", "complete": "completed", "done": "completed", "reviewed": "completed",
    "declined": "declined", "refused": "declined",
    "not suitable": "not_suitable", "unsuitable": "not_suitable", "excluded": "not_suitable",
}
SORTS = ("reference", "follow_up")
# An entry's fields as stored, in the order of the database's columns (imports and saves).
FIELDS = ("practice_code", "reference", "nhs_number", "status", "identified_on", "invited_on", "booked_on",
          "reviewed_on", "reviewer", "meds_stopped", "meds_changed", "meds_started", "follow_up_due", "note")


def parse_status(text: str) -> str:
    """`Not suitable`, `not_suitable`, `done` … → the stored status; UserError otherwise."""
    from pcntui.domain.cohort import normalise  # the cohort rules load only when a status is read

    key = normalise(text)
    if not key:
        return "identified"
    if key in _STATUS_ALIASES:
        return _STATUS_ALIASES[key]
    raise UserError(f"Status '{text}' is not one of: {', '.join(STATUS_LABELS.values())}.")


@dataclass(frozen=True)
class WorklistFilter:
    """What the worklist view shows. Empty fields do not filter.

    `search` matches the start of the reference (case-insensitive) or, with digits only,
    the start or the last four of the NHS number. `follow_up_before`: follow-up due before
    that date (overdue as of it).
    """

    practice_code: str | None = None
    cohort_code: str | None = None
    statuses: tuple[str, ...] = ()
    search: str | None = None
    reviewer: str | None = None
    follow_up_before: date | None = None
    sort: str = "reference"

    def __post_init__(self) -> None:
        bad = [s for s in self.statuses if s not in STATUSES]
        if bad:
            raise UserError(f"Unknown status {', '.join(bad)}; use one of {', '.join(STATUSES)}.")
        if self.sort not in SORTS:
            raise UserError(f"Sort '{self.sort}' is not one of {', '.join(SORTS)}.")


@dataclass(frozen=True)
class WorklistEntry:
    """One patient on the worklist (a row of the worklist view)."""

    id: int | None
    practice_code: str
    reference: str
    cohorts: tuple[str, ...] = ()
    nhs_number: str | None = None
    status: str = "identified"
    identified_on: date | None = None
    invited_on: date | None = None
    booked_on: date | None = None
    reviewed_on: date | None = None
    reviewer: str | None = None
    meds_stopped: int | None = None
    meds_changed: int | None = None
    meds_started: int | None = None
    follow_up_due: date | None = None
    note: str | None = None
    rev: int = 0

    def nhs_display(self, *, masked: bool = True) -> str:
        from pcntui.domain import nhs_number

        return nhs_number.display(self.nhs_number, masked=masked) if self.nhs_number else ""

    @property
    def status_label(self) -> str:
        return STATUS_LABELS.get(self.status, self.status)

    @property
    def outcome(self) -> str:
        """`2 stopped, 1 changed` — what the review did to the medicines."""
        parts = [f"{n} {what}" for n, what in ((self.meds_stopped, "stopped"), (self.meds_changed, "changed"),
                                               (self.meds_started, "started")) if n]
        return ", ".join(parts)

    def follow_up_overdue(self, on: date) -> bool:
        return self.follow_up_due is not None and self.follow_up_due < on


MAX_REFERENCE = 40
_ASCII_LOWER = str.maketrans("ABCDEFGHIJKLMNOPQRSTUVWXYZ", "abcdefghijklmnopqrstuvwxyz")


def reference_key(reference: str) -> str:
    """What a reference is matched by: as the stored column compares them (COLLATE NOCASE), so
    ASCII letters alone in either case ('Ä1' and 'ä1' are two references there, as in the form)."""
    return reference.lower() if reference.isascii() else reference.translate(_ASCII_LOWER)


def field_problems(entry: WorklistEntry) -> list[tuple[str, str]]:
    """What is wrong with an entry: (field, sentence) pairs, empty when it can be saved."""
    return value_problems(entry.reference, entry.nhs_number, entry.status, entry.cohorts,
                          (entry.meds_stopped, entry.meds_changed, entry.meds_started),
                          entry.identified_on, entry.reviewed_on, entry.follow_up_due)


_MEDS = ("meds_stopped", "meds_changed", "meds_started")
_STATUSES = frozenset(STATUSES)


def value_problems(reference: str | None, nhs: str | None, status: str, cohorts: tuple[str, ...],
                   meds: tuple[int | None, int | None, int | None], identified_on: date | None,
                   reviewed_on: date | None, follow_up_due: date | None) -> list[tuple[str, str]]:
    """`field_problems` of an entry's values (without making an entry of them)."""
    return column_problems([reference], [nhs], [status], [cohorts], [[m] for m in meds], [identified_on],
                           [reviewed_on], [follow_up_due]).get(0, [])


def column_problems(references: Sequence[str | None], nhs_numbers: Sequence[str | None], statuses: Sequence[str],
                    cohorts: Sequence[tuple[str, ...]], meds: Sequence[Sequence[int | None]],
                    identified_on: Sequence, reviewed_on: Sequence, follow_up_due: Sequence,
                    ) -> dict[int, list[tuple[str, str]]]:
    """`value_problems` of many entries given column by column (an import's rows), by row (rows
    with none left out), each row's in field order. Each rule goes over its whole column at once,
    over the distinct values of a column of few (statuses, counts). Dates are all `date` or all
    ISO text (which compare alike)."""
    found = [(i, 0, "reference", text) for i, ref in enumerate(references) if (text := _reference_problem(ref))]
    found += [(i, 1, "nhs_number", nhs_number.invalid_reason(nhs_numbers[i]))
              for i in nhs_number.invalid_among(nhs_numbers)]
    if not _STATUSES.issuperset(statuses):
        found += [(i, 2, "status", f"'{status}' is not one of {', '.join(STATUS_LABELS.values())}.")
                  for i, status in enumerate(statuses) if status not in _STATUSES]
    if not all(cohorts):
        found += [(i, 3, "cohort", "at least one cohort is required.") for i, c in enumerate(cohorts) if not c]
    for at, (name, column) in enumerate(zip(_MEDS, meds), start=4):
        if any(value is not None and value < 0 for value in set(column)):
            found += [(i, at, name, "cannot be negative.") for i, value in enumerate(column)
                      if value is not None and value < 0]
    found += [(i, 7, "reviewed_on", "the review is dated before the patient was identified.")
              for i, (reviewed, identified) in enumerate(zip(reviewed_on, identified_on))
              if reviewed and identified and reviewed < identified]
    found += [(i, 8, "follow_up_due", "the follow-up is due before the review.")
              for i, (due, reviewed) in enumerate(zip(follow_up_due, reviewed_on))
              if due and reviewed and due < reviewed]
    by_row: dict[int, list[tuple[str, str]]] = {}
    for i, _, name, text in sorted(found):
        by_row.setdefault(i, []).append((name, text))
    return by_row


def _reference_problem(reference: str | None) -> str | None:
    ref = (reference or "").strip()
    if not ref:
        return "the practice's own reference is required."
    if len(ref) > MAX_REFERENCE:
        return f"at most {MAX_REFERENCE} characters."
    if len(ref) >= 10 and nhs_number.is_valid(ref):  # (fewer characters: no NHS number)
        return "this is an NHS number; put it in the NHS number field, and use the practice's own reference here."
    return None


def problems(entry: WorklistEntry) -> list[str]:
    """What is wrong with an entry, in words naming the field (empty when it can be saved)."""
    return [f"{name}: {text}" for name, text in field_problems(entry)]

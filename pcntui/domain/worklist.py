"""The optional SMR worklist: pseudonymous patients the PCN tracks, their status and outcome.

A patient is known by the practice's own reference; the NHS number is optional (modulus 11,
shown masked unless asked). How a worklist becomes counts for progress, on a date D:
    eligible  = patients in the cohort identified on or before D (or undated), not 'not suitable'
    invited   = of those, status invited/booked/completed/declined
    completed = status completed with the review dated within the year up to D (undated: counted)
    declined  = status declined
"""

from __future__ import annotations

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


def field_problems(entry: WorklistEntry) -> list[tuple[str, str]]:
    """What is wrong with an entry: (field, sentence) pairs, empty when it can be saved."""
    return value_problems(entry.reference, entry.nhs_number, entry.status, entry.cohorts,
                          (entry.meds_stopped, entry.meds_changed, entry.meds_started),
                          entry.identified_on, entry.reviewed_on, entry.follow_up_due)


_MEDS = ("meds_stopped", "meds_changed", "meds_started")


def value_problems(reference: str | None, nhs: str | None, status: str, cohorts: tuple[str, ...],
                   meds: tuple[int | None, int | None, int | None], identified_on: date | None,
                   reviewed_on: date | None, follow_up_due: date | None) -> list[tuple[str, str]]:
    """`field_problems` of an entry's values (an import checks each row's values without making
    an entry of them)."""
    out = []
    ref = (reference or "").strip()
    if not ref:
        out.append(("reference", "the practice's own reference is required."))
    elif len(ref) > MAX_REFERENCE:
        out.append(("reference", f"at most {MAX_REFERENCE} characters."))
    elif nhs_number.is_valid(ref):
        out.append(("reference", "this is an NHS number; put it in the NHS number field, and use the practice's "
                                 "own reference here."))
    if nhs and not nhs_number.is_valid(nhs):
        out.append(("nhs_number", nhs_number.invalid_reason(nhs)))
    if status not in STATUSES:
        out.append(("status", f"'{status}' is not one of {', '.join(STATUS_LABELS.values())}."))
    if not cohorts:
        out.append(("cohort", "at least one cohort is required."))
    for name, value in zip(_MEDS, meds):
        if value is not None and value < 0:
            out.append((name, "cannot be negative."))
    if reviewed_on and identified_on and reviewed_on < identified_on:
        out.append(("reviewed_on", "the review is dated before the patient was identified."))
    if follow_up_due and reviewed_on and follow_up_due < reviewed_on:
        out.append(("follow_up_due", "the follow-up is due before the review."))
    return out


def problems(entry: WorklistEntry) -> list[str]:
    """What is wrong with an entry, in words naming the field (empty when it can be saved)."""
    return [f"{name}: {text}" for name, text in field_problems(entry)]

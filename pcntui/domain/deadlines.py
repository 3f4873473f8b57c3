"""The manager's dated items: what falls due when, for the calendar file and `status --due`.

A `Deadline` is one open, dated thing to act on: a DES requirement's due date, a staff
member's registration expiry, a planned post's expected start, an intervention's stage target
or plan action. `key` names the item itself (not its date), so the same item keeps the same
calendar UID when its date or words change, and a re-imported calendar updates it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta

from pcntui.domain.parse import ParseError, parse_int, shown

KINDS = {
    "requirement": "DES requirement",
    "registration": "Registration expiry",
    "planned_post": "Planned post start",
    "stage_target": "Intervention stage target",
    "action": "Intervention action",
}
MAX_HORIZON_DAYS = 366
_HORIZON = re.compile(r"([0-9]{1,4}) ?(d|w|days?|weeks?)", re.ASCII | re.IGNORECASE)
HORIZON_EXAMPLE = "14d, 2w or 30d"


@dataclass(frozen=True)
class Deadline:
    on: date
    kind: str  # a key of KINDS
    key: str  # the item's stable name, e.g. "requirement-2026-27-smr" (never its date)
    summary: str  # in words, e.g. "DES due: Identify, prioritise and offer SMRs"
    detail: str = ""
    estimated: bool = False  # the date is an estimate (not confirmed)

    @property
    def kind_label(self) -> str:
        return KINDS[self.kind]


def parse_horizon(text: str, what: str = "--due") -> int:
    """A number of days ahead: `14d`, `2w`, `30d` (also `14 days`, `2 weeks`), 1 day to a year."""
    raw = (text or "").strip()
    m = _HORIZON.fullmatch(raw)
    if not m:
        lead = f"{what}: " if what else ""
        raise ParseError(f"{lead}'{shown(raw)}' is not a number of days or weeks ahead, like {HORIZON_EXAMPLE}.",
                         what=what, text=raw, expected=HORIZON_EXAMPLE)
    weeks = m.group(2).lower().startswith("w")
    days = parse_int(m.group(1), what, low=1, high=MAX_HORIZON_DAYS // 7 if weeks else MAX_HORIZON_DAYS,
                     noun="weeks" if weeks else "days")
    return days * 7 if weeks else days


@dataclass(frozen=True)
class Due:
    """A deadline as seen from the as-of date: `days` from then (negative: overdue)."""

    deadline: Deadline
    days: int

    @property
    def overdue(self) -> bool:
        return self.days < 0


def falling_due(items: list[Deadline], as_of: date, days: int) -> list[Due]:
    """The items dated up to `days` after `as_of` (inclusive), overdue ones included, by date."""
    last = as_of + timedelta(days=days)
    due = [Due(d, (d.on - as_of).days) for d in items if d.on <= last]
    return sorted(due, key=lambda d: (d.deadline.on, d.deadline.kind, d.deadline.summary.casefold()))

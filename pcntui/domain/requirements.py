"""Network Contract DES service requirements and their deadlines.

A requirement belongs to a financial year and an area of focus, has a due date (which may
be unconfirmed: shipped dates that domain.md could not confirm are marked so), an owner,
a status and evidence. It is *overdue* when not done (or not applicable) and its due date
is before the as-of date; *due soon* when not done and due on the as-of date or within
the next DUE_SOON_DAYS (30) days. A requirement of a financial year that ended before the
as-of date and was left open is *lapsed*, not overdue: that year's DES is history and
nothing can now be done for it (the current year's requirements say what is due).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta

from pcntui.domain.fy import FinancialYear
from pcntui.errors import UserError

DUE_SOON_DAYS = 30
AREAS = {
    "cvd": "CVD prevention and diagnosis",
    "health_inequalities": "Tackling neighbourhood health inequalities",
    "anticipatory_care": "Anticipatory care",
    "personalised_care": "Personalised care",
    "smr": "Structured medication review and medicines optimisation",
    "enhanced_access": "Enhanced access",
    "care_homes": "Enhanced health in care homes",
    "cancer": "Early cancer diagnosis",
    "continuity": "Continuity of care",
    "access": "Capacity and access improvement",
    "other": "Other",
}
STATUSES = {
    "not_started": "Not started",
    "in_progress": "In progress",
    "done": "Done",
    "not_applicable": "Not applicable",
}
DUE_STATES = {"overdue": "Overdue", "due_soon": "Due soon", "lapsed": "Lapsed"}  # due_state → words
CLOSED = {"done", "not_applicable"}
LINK_KINDS = ("intervention", "smr_cohort", "staff")


@dataclass(frozen=True)
class RequirementDefinition:
    """What a requirement is (the shipped file's rows, a rules pack's): validated by
    `requirement_in.RequirementIn`, which loads pydantic, so reading them (every `status`) does not."""

    fy: str
    area: str
    title: str
    detail: str | None = None
    due_on: date | None = None
    due_confirmed: bool = True
    owner: str | None = None
    status: str = "not_started"
    evidence: str | None = None
    source: str | None = None


def parse_area(text: str) -> str:
    key = (text or "").strip().lower()
    for code, label in AREAS.items():
        if key in {code, code.replace("_", "-"), code.replace("_", " "), label.lower()}:
            return code
    raise UserError(f"'{text}' is not an area of focus; use one of: {', '.join(AREAS)}.")


@dataclass(frozen=True)
class Link:
    kind: str  # intervention / smr_cohort / staff
    target: str  # intervention id, SMR cohort code, staff name or id
    label: str = ""


@dataclass
class Requirement:
    id: int | None  # None: a shipped reference row not yet copied into the database
    ref_key: str | None
    fy: str
    area: str
    title: str
    detail: str | None
    due_on: date | None
    due_confirmed: bool
    owner: str | None
    status: str
    evidence: str | None
    source: str | None
    origin: str  # reference / user
    rev: int = 0
    links: list[Link] = field(default_factory=list)

    @property
    def area_label(self) -> str:
        return AREAS.get(self.area, self.area)

    def state(self, as_of: date) -> str:
        """`due_state` of this requirement, its year taken into account."""
        return due_state(self.status, self.due_on, as_of, self.fy)

    def due_text(self) -> str:
        if self.due_on is None:
            return "no date"
        return self.due_on.isoformat() + ("" if self.due_confirmed else " (unconfirmed)")


def state_problems(status: str, evidence: str | None) -> list[tuple[str, str]]:
    """(field, sentence) for each rule a requirement's status breaks: one set to done needs
    evidence, given now or already held (the commissioner will ask for it)."""
    if status == "done" and not (evidence or "").strip():
        return [("evidence", "say what shows it is done (the commissioner will ask).")]
    return []


def due_state(status: str, due_on: date | None, as_of: date, fy: str | None = None) -> str:
    """'overdue', 'due_soon', 'lapsed' (open when its year `fy` ended) or '' (done, not applicable,
    undated or later)."""
    if status in CLOSED:
        return ""
    if fy is not None and FinancialYear.parse(fy).end < as_of:
        return "lapsed"
    if due_on is None:
        return ""
    if due_on < as_of:
        return "overdue"
    if due_on <= as_of + timedelta(days=DUE_SOON_DAYS):
        return "due_soon"
    return ""

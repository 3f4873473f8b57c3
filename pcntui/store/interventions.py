"""Interventions in the database: the list and detail reads. Their writes are in
`store/intervention_writes.py`, the co-design log and plan in `store/codesign.py`, outcomes
and spend in `store/outcomes.py`.

Reads return dataclasses; all are safe to call from a TUI worker thread (the Store serialises
access with its lock).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from pcntui.domain.intervention import (
    STAGE_LABELS, StageMove, delivery_started_on, describe_focus,
)
from pcntui.domain.intervention_rag import ActionFact, MeasureFact, Rag, RagFacts
from pcntui.domain.measure import Reading, Track
from pcntui.errors import UserError
from pcntui.store.db import Store


def iso_text(day: date | None) -> str | None:
    """A date as the database holds it (ISO text), None as NULL."""
    return day.isoformat() if day else None


# ---------------------------------------------------------------------------- views
@dataclass
class StageRow:
    stage: str
    label: str
    target_on: date | None
    reached_on: date | None  # last date it was reached (kept after a move back, for history)
    evidence: str | None
    reached: bool  # at or before the current stage


@dataclass
class Partner:
    id: int
    name: str
    kind: str
    role: str | None
    rev: int


@dataclass
class Session:
    id: int
    held_on: date
    format: str
    title: str | None
    heard: str | None
    decisions: str | None
    participants: dict[str, int]
    rev: int

    @property
    def total(self) -> int:
        return sum(self.participants.values())


@dataclass
class YouSaid:
    id: int
    you_said: str
    we_did: str
    session_id: int | None
    action_id: int | None
    recorded_on: date | None


@dataclass
class Action:
    id: int
    description: str
    owner: str | None
    due_on: date | None
    done_on: date | None
    rev: int

    def overdue(self, as_of: date) -> bool:
        return self.done_on is None and self.due_on is not None and self.due_on < as_of


@dataclass
class Risk:
    id: int
    description: str
    rating: str
    mitigation: str | None


@dataclass
class Spend:
    id: int
    spent_on: date
    amount_pence: int
    note: str | None


@dataclass
class Measure:
    id: int
    name: str
    unit: str
    direction: str
    baseline_value: float
    baseline_on: date
    target_value: float
    target_on: date | None
    readings: list[Reading]
    track: Track
    rev: int


@dataclass
class InterventionRow:
    """One line of the interventions list (and of `export interventions`)."""

    id: int
    title: str
    stage: str
    stage_label: str
    stage_since: date | None
    lead: str | None
    focus: str
    population_size: int | None
    rag: Rag
    next_action: Action | None
    overdue_actions: int
    measures: int
    measures_on_track: int
    measures_off_track: int
    sessions: int
    budget_pence: int
    spend_pence: int
    rev: int


@dataclass
class InterventionDetail:
    id: int
    title: str
    stage: str
    lead: str | None
    focus_kind: str
    focus_detail: str | None
    population: str | None
    population_size: int | None
    deprivation_basis: str
    deprivation_note: str | None
    aims: str | None
    budget_pence: int
    created_on: date
    rev: int
    practices: list[str]
    stages: list[StageRow]
    moves: list[StageMove]
    partners: list[Partner]
    sessions: list[Session]
    you_said: list[YouSaid]
    actions: list[Action]
    risks: list[Risk]
    spend: list[Spend]
    measures: list[Measure]
    rag: Rag
    as_of: date

    @property
    def spend_pence(self) -> int:
        return sum(s.amount_pence for s in self.spend)

    @property
    def focus(self) -> str:
        return describe_focus(self.focus_kind, self.focus_detail)

    @property
    def stage_label(self) -> str:
        return STAGE_LABELS[self.stage]

    def next_action(self) -> Action | None:
        open_ = [a for a in self.actions if a.done_on is None]
        open_.sort(key=lambda a: (a.due_on is None, a.due_on or date.max, a.id))
        return open_[0] if open_ else None


# ---------------------------------------------------------------------------- reads
def require_intervention(store: Store, intervention_id: int) -> dict:
    rows = store.query("SELECT * FROM intervention WHERE id = ?", [intervention_id])
    if not rows:
        raise UserError(f"There is no intervention {intervention_id}.")
    return rows[0]


def get_intervention(store: Store, intervention_id: int, as_of: date) -> InterventionDetail:
    """Everything about one intervention, with its RAG as of `as_of`."""
    from pcntui.store.intervention_details import details

    with store.lock:
        iid = require_intervention(store, intervention_id)["id"]
        return details(store, [iid], as_of)[0]


def rag_facts(d: InterventionDetail) -> RagFacts:
    return RagFacts(
        stage=d.stage,
        stage_targets={s.stage: s.target_on for s in d.stages if s.target_on},
        actions=[ActionFact(a.description, a.due_on, a.done_on) for a in d.actions],
        measures=[MeasureFact(m.name, m.track.state, m.track.explanation) for m in d.measures],
        session_dates=[s.held_on for s in d.sessions],
        delivery_started_on=delivery_started_on(d.moves),
    )


def all_interventions(store: Store, as_of: date) -> list[InterventionDetail]:
    """Everything about every intervention (by id), read together: a handful of statements
    however many there are."""
    from pcntui.store.intervention_details import details

    return details(store, None, as_of)


def row_of(d: InterventionDetail) -> InterventionRow:
    last_in = [m.moved_on for m in d.moves if m.to_stage == d.stage]
    on = sum(1 for m in d.measures if m.track.state == "on_track")
    off = sum(1 for m in d.measures if m.track.state == "off_track")
    return InterventionRow(
        d.id, d.title, d.stage, d.stage_label, max(last_in) if last_in else None, d.lead, d.focus,
        d.population_size, d.rag, d.next_action(), sum(1 for a in d.actions if a.overdue(d.as_of)),
        len(d.measures), on, off, len(d.sessions), d.budget_pence, d.spend_pence, d.rev,
    )


def list_interventions(store: Store, as_of: date) -> list[InterventionRow]:
    """Every intervention (by id) with stage, RAG, next action and measure counts."""
    return [row_of(d) for d in all_interventions(store, as_of)]

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
    STAGE_CODES, STAGE_LABELS, StageMove, delivery_started_on, describe_focus, stage_index,
)
from pcntui.domain.intervention_rag import ActionFact, MeasureFact, Rag, RagFacts, compute
from pcntui.domain.measure import Reading, Track, track
from pcntui.domain.parse import iso_date
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


def _moves(store: Store, iid: int) -> list[StageMove]:
    return [
        StageMove(r["id"], r["from_stage"], r["to_stage"], iso_date(r["moved_on"]), r["evidence"])
        for r in store.query(
            "SELECT * FROM intervention_stage_move WHERE intervention_id = ? ORDER BY moved_on, id", [iid]
        )
    ]


def _measures(store: Store, iid: int, as_of: date) -> list[Measure]:
    out = []
    for m in store.query("SELECT * FROM outcome_measure WHERE intervention_id = ? ORDER BY id", [iid]):
        readings = [
            Reading(r["id"], iso_date(r["taken_on"]), r["value"], r["note"])
            for r in store.query("SELECT * FROM outcome_reading WHERE measure_id = ? ORDER BY taken_on, id", [m["id"]])
        ]
        t = track(m["direction"], m["baseline_value"], iso_date(m["baseline_on"]), m["target_value"], iso_date(m["target_on"]),
                  readings, as_of, m["unit"])
        out.append(Measure(m["id"], m["name"], m["unit"], m["direction"], m["baseline_value"], iso_date(m["baseline_on"]),
                           m["target_value"], iso_date(m["target_on"]), readings, t, m["rev"]))
    return out


def get_intervention(store: Store, intervention_id: int, as_of: date) -> InterventionDetail:
    """Everything about one intervention, with its RAG as of `as_of`."""
    with store.lock:
        r = require_intervention(store, intervention_id)
        iid = r["id"]
        targets = {s["stage"]: s for s in store.query("SELECT * FROM intervention_stage WHERE intervention_id = ?", [iid])}
        stages = [
            StageRow(code, STAGE_LABELS[code], iso_date(targets.get(code, {}).get("target_on")),
                     iso_date(targets.get(code, {}).get("reached_on")), targets.get(code, {}).get("evidence"),
                     stage_index(code) <= stage_index(r["stage"]))
            for code in STAGE_CODES
        ]
        sessions = []
        for s in store.query("SELECT * FROM codesign_session WHERE intervention_id = ? ORDER BY held_on, id", [iid]):
            people = {p["group_name"]: p["people"] for p in store.query(
                "SELECT group_name, people FROM codesign_participant WHERE session_id = ? ORDER BY rowid", [s["id"]])}
            sessions.append(Session(s["id"], iso_date(s["held_on"]), s["format"], s["title"], s["heard"], s["decisions"],
                                    people, s["rev"]))
        detail = InterventionDetail(
            id=iid, title=r["title"], stage=r["stage"], lead=r["lead"], focus_kind=r["focus_kind"],
            focus_detail=r["focus_detail"], population=r["population"], population_size=r["population_size"],
            deprivation_basis=r["deprivation_basis"], deprivation_note=r["deprivation_note"], aims=r["aims"],
            budget_pence=r["budget_pence"], created_on=iso_date(r["created_on"]), rev=r["rev"],
            practices=[p["practice_code"] for p in store.query(
                "SELECT practice_code FROM intervention_practice WHERE intervention_id = ? ORDER BY practice_code",
                [iid])],
            stages=stages,
            moves=_moves(store, iid),
            partners=[Partner(p["id"], p["name"], p["kind"], p["role"], p["rev"]) for p in store.query(
                "SELECT * FROM intervention_partner WHERE intervention_id = ? ORDER BY id", [iid])],
            sessions=sessions,
            you_said=[YouSaid(y["id"], y["you_said"], y["we_did"], y["session_id"], y["action_id"],
                              iso_date(y["recorded_on"])) for y in store.query(
                "SELECT * FROM you_said_we_did WHERE intervention_id = ? ORDER BY id", [iid])],
            actions=[Action(a["id"], a["description"], a["owner"], iso_date(a["due_on"]), iso_date(a["done_on"]), a["rev"])
                     for a in store.query("SELECT * FROM intervention_action WHERE intervention_id = ? "
                                          "ORDER BY coalesce(due_on, '9999-12-31'), id", [iid])],
            risks=[Risk(k["id"], k["description"], k["rating"], k["mitigation"]) for k in store.query(
                "SELECT * FROM intervention_risk WHERE intervention_id = ? ORDER BY id", [iid])],
            spend=[Spend(s["id"], iso_date(s["spent_on"]), s["amount_pence"], s["note"]) for s in store.query(
                "SELECT * FROM intervention_spend WHERE intervention_id = ? ORDER BY spent_on, id", [iid])],
            measures=_measures(store, iid, as_of),
            rag=Rag("green"),
            as_of=as_of,
        )
    detail.rag = compute(rag_facts(detail), as_of)
    return detail


def rag_facts(d: InterventionDetail) -> RagFacts:
    return RagFacts(
        stage=d.stage,
        stage_targets={s.stage: s.target_on for s in d.stages if s.target_on},
        actions=[ActionFact(a.description, a.due_on, a.done_on) for a in d.actions],
        measures=[MeasureFact(m.name, m.track.state, m.track.explanation) for m in d.measures],
        session_dates=[s.held_on for s in d.sessions],
        delivery_started_on=delivery_started_on(d.moves),
    )


def intervention_ids(store: Store) -> list[int]:
    return [r["id"] for r in store.query("SELECT id FROM intervention ORDER BY id")]


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
    return [row_of(get_intervention(store, i, as_of)) for i in intervention_ids(store)]

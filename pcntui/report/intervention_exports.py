"""`export interventions` and `export requirements` (columns documented in docs/interventions.md)."""

from __future__ import annotations

from pcntui.domain.money import from_pence
from pcntui.domain.period import Period
from pcntui.report.exports import Table
from pcntui.store import Store
from pcntui.store.interventions import get_intervention, intervention_ids, row_of
from pcntui.store.requirements import list_requirements

INTERVENTION_COLUMNS = [
    "id", "title", "stage", "stage_since", "rag", "rag_reasons", "lead", "focus", "population",
    "population_size", "practices", "next_action", "next_action_owner", "next_action_due", "overdue_actions",
    "codesign_sessions", "measures", "measures_on_track", "measures_off_track", "budget", "spend",
]
REQUIREMENT_COLUMNS = [
    "id", "ref_key", "fy", "area", "title", "due_on", "due_confirmed", "due_state", "owner", "status", "evidence",
    "links", "origin",
]


def interventions_table(store: Store, period: Period) -> Table:
    table = Table(list(INTERVENTION_COLUMNS))
    for iid in intervention_ids(store):
        d = get_intervention(store, iid, period.as_of)
        r = row_of(d)
        nxt = r.next_action
        table.rows.append([
            r.id, r.title, r.stage, r.stage_since, r.rag.level, "; ".join(x.message for x in r.rag.reasons),
            r.lead, r.focus, d.population, r.population_size, " ".join(d.practices),
            nxt.description if nxt else None, nxt.owner if nxt else None, nxt.due_on if nxt else None,
            r.overdue_actions, r.sessions, r.measures, r.measures_on_track, r.measures_off_track,
            from_pence(r.budget_pence), from_pence(r.spend_pence),
        ])
    return table


def requirements_table(store: Store, period: Period) -> Table:
    table = Table(list(REQUIREMENT_COLUMNS))
    for r in list_requirements(store):
        table.rows.append([
            r.id, r.ref_key, r.fy, r.area, r.title, r.due_on, r.due_confirmed,
            r.state(period.as_of), r.owner, r.status, r.evidence,
            "; ".join(f"{link.kind}:{link.target}" for link in r.links), r.origin,
        ])
    return table

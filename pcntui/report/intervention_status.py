"""`pcntui status` blocks for interventions and DES requirements (see docs/interventions.md)."""

from __future__ import annotations

import textwrap

from pcntui.domain.text import clip
from pcntui.domain.intervention import STAGE_CODES, STAGE_LABELS
from pcntui.domain.period import Period
from pcntui.domain.requirements import CLOSED, DUE_SOON_DAYS, Requirement
from pcntui.store import Store
from pcntui.store.interventions import list_interventions
from pcntui.store.requirements import flagged, list_requirements, none_recorded_text
from pcntui.views.status.base import Alert, Block

RAG_MARK = {"red": "RED", "amber": "AMBER", "green": "GREEN"}



def interventions_block(store: Store, period: Period) -> Block:
    rows = list_interventions(store, period.as_of)
    by_stage = {code: sum(1 for r in rows if r.stage == code) for code in STAGE_CODES}
    rag = {level: sum(1 for r in rows if r.rag.level == level) for level in ("red", "amber", "green")}
    overdue = sum(r.overdue_actions for r in rows)
    data = {
        "total": len(rows),
        "open": sum(1 for r in rows if r.stage != "closed"),
        "by_stage": by_stage,
        "rag": rag,
        "overdue_actions": overdue,
        "items": [
            {
                "id": r.id, "title": r.title, "stage": r.stage, "rag": r.rag.level,
                "reasons": [{"code": x.code, "severity": x.severity, "message": x.message} for x in r.rag.reasons],
                "overdue_actions": r.overdue_actions,
                "next_action": r.next_action.description if r.next_action else None,
                "next_action_due": r.next_action.due_on.isoformat() if r.next_action and r.next_action.due_on else None,
                "measures": r.measures, "measures_on_track": r.measures_on_track,
                "measures_off_track": r.measures_off_track,
            }
            for r in rows
        ],
    }
    if not rows:
        return Block("interventions", "Interventions",
                     ["None yet: create one with 'pcntui intervention add --title TEXT'."], data)
    lines = [f"{len(rows)} interventions: {rag['red']} red, {rag['amber']} amber, {rag['green']} green · "
             f"{overdue} overdue action{'s' if overdue != 1 else ''}"]
    lines.append("By stage: " + " · ".join(f"{STAGE_LABELS[c]} {n}" for c, n in by_stage.items() if n))
    alerts = []
    for r in rows:
        lines.append(f"#{r.id:<3} {RAG_MARK[r.rag.level]:<5} {clip(r.stage_label, 21):<21} {clip(r.title, 44)}")
        for reason in r.rag.reasons:  # pre-wrapped so continuation lines stay under the bullet
            lines.extend(textwrap.wrap(reason.message, 76, initial_indent="    - ", subsequent_indent="      "))
        if r.rag.level != "green":
            first = r.rag.reasons[0].message
            more = f" (+{len(r.rag.reasons) - 1} more)" if len(r.rag.reasons) > 1 else ""
            alerts.append(Alert("interventions", "problem" if r.rag.level == "red" else "warning",
                                f"Intervention {r.id} '{clip(r.title, 40)}' is {r.rag.level}: {first}{more}.",
                                str(r.id), f"intervention_{r.rag.level}"))
    return Block("interventions", "Interventions", lines, data, alerts)


def _item(r: Requirement) -> dict:
    return {"id": r.id, "ref_key": r.ref_key, "fy": r.fy, "area": r.area, "title": r.title,
            "due_on": r.due_on.isoformat() if r.due_on else None, "due_confirmed": r.due_confirmed,
            "status": r.status, "owner": r.owner}


def requirements_block(store: Store, period: Period) -> Block:
    everything = list_requirements(store)
    year = [r for r in everything if r.fy == period.fy.label]
    # due soon: any year; overdue: this year's only (older years are history).
    soon, _ = flagged(everything, period.as_of)
    _, late = flagged(year, period.as_of)
    counts = {s: sum(1 for r in year if r.status == s) for s in ("not_started", "in_progress", "done", "not_applicable")}
    data = {
        "fy": period.fy.label, "total": len(year), **counts, "due_soon_days": DUE_SOON_DAYS,
        "due_soon": [_item(r) for r in soon], "overdue": [_item(r) for r in late],
        "lapsed": sum(1 for r in year if r.state(period.as_of) == "lapsed"),
    }
    lines = []
    if not year:
        lines.append(none_recorded_text(period.fy.label))
    else:
        open_ = sum(1 for r in year if r.status not in CLOSED)
        lines.append(f"{period.fy.label}: {len(year)} requirements, {counts['done']} done, {open_} open · "
                     f"{len(late)} overdue · {len(soon)} due in the next {DUE_SOON_DAYS} days")
    alerts = []
    for r, word in [*((x, "OVERDUE") for x in late), *((x, "due soon") for x in soon)]:
        ident = f"#{r.id}" if r.id is not None else r.ref_key
        other = f" ({r.fy})" if r.fy != period.fy.label else ""  # due soon in another year: say which
        lines.append(f"{word:<8} {r.due_text()} {ident} {r.title}{other}" + (f" (owner {r.owner})" if r.owner else ""))
        state = r.state(period.as_of)
        alerts.append(Alert("requirements", "problem" if state == "overdue" else "warning",
                            f"DES requirement '{clip(r.title, 50)}' ({r.fy}) "
                            f"{'was due' if state == 'overdue' else 'is due'} {r.due_text()}.",
                            kind=f"des_{'overdue' if state == 'overdue' else 'due_soon'}"))
    return Block("requirements", "DES requirements", lines, data, alerts)

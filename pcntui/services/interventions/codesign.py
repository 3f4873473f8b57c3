"""An intervention's co-design log and plan: partners, sessions, "you said, we did", actions."""

from __future__ import annotations

from datetime import date

from pcntui.inputs.base import check
from pcntui.inputs.interventions import ActionDoneIn, ActionIn, PartnerIn, SessionIn, YouSaidIn
from pcntui.services.base import Raw, Saved
from pcntui.services.context import load_ctx
from pcntui.services.interventions.core import adding
from pcntui.store import Store
from pcntui.store import codesign as rows


def add_partner(store: Store, intervention_id: int, raw: Raw, *, today: date) -> Saved[int]:
    """`p` on the page and `pcntui intervention partner`."""
    with adding(store, intervention_id, PartnerIn, raw, today=today) as (tx, partner, warnings):
        pid = rows.insert_partner(tx, intervention_id, partner.name, partner.kind, partner.role)
        tx.label = f"Add partner {partner.name}"
    return Saved(pid, f"Added partner {pid}: {partner.name}.", warnings)


def log_session(store: Store, intervention_id: int, raw: Raw, *, today: date) -> Saved[int]:
    """`c` on the page and `pcntui intervention session`: a session held (not in the future) with
    at least one group of participants."""
    with adding(store, intervention_id, SessionIn, raw, today=today) as (tx, session, warnings):
        sid = rows.insert_session(tx, intervention_id, session.model_dump(), session.participants)
        tx.label = f"Co-design session {session.held_on.isoformat()} (intervention {intervention_id})"
    people = sum(session.participants.values())
    return Saved(sid, f"Logged co-design session {sid} ({session.held_on.isoformat()}, {people} people).",
                 warnings)


def add_you_said(store: Store, intervention_id: int, raw: Raw, *, today: date) -> Saved[int]:
    """`y` on the page and `pcntui intervention you-said`."""
    given = {"recorded_on": today, **raw}
    with adding(store, intervention_id, YouSaidIn, given, today=today) as (tx, pair, warnings):
        pid = rows.insert_you_said(tx, intervention_id, pair.model_dump())
        tx.label = f"You said, we did (intervention {intervention_id})"
    return Saved(pid, f"Recorded 'you said, we did' {pid}.", warnings)


def add_action(store: Store, intervention_id: int, raw: Raw, *, today: date) -> Saved[int]:
    """`a` on the page and `pcntui intervention action`."""
    with adding(store, intervention_id, ActionIn, raw, today=today) as (tx, action, warnings):
        aid = rows.insert_action(tx, intervention_id, action.description, action.owner, action.due_on)
        tx.label = f"Add action: {action.description}"
    return Saved(aid, f"Added action {aid}: {action.description}.", warnings)


def complete_action(store: Store, action_id: int, raw: Raw, *, today: date) -> Saved[int]:
    """`d` on the page and `pcntui intervention done`: done on a day not in the future."""
    with store.action() as tx:
        row = rows.action_row(tx, action_id)
        done, warnings = check(ActionDoneIn, raw, load_ctx(tx, today=today, need=(), item=row))
        rows.write_action_done(tx, action_id, done.on)
        tx.label = f"Action done: {row['description']}"
    return Saved(action_id, f"Action {action_id} done on {done.on.isoformat()}.", tuple(warnings))

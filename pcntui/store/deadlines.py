"""The one collection of the manager's dated items (`pcntui export calendar`, `status --due`, the TUI).

Open items only: DES requirements not done or not applicable (a requirement left open in a year
that has ended is lapsed, not due: it is left out), registration expiries of staff not gone by
then, open planned posts' expected starts, and for interventions not closed, the target dates of
stages not yet reached and the due dates of plan actions not done.
"""

from __future__ import annotations

from datetime import date

from pcntui.domain.deadlines import Deadline
from pcntui.domain.intervention import STAGE_LABELS, stage_reached
from pcntui.domain.requirements import CLOSED
from pcntui.store.arrs import load_rulebook
from pcntui.store.db import Store
from pcntui.store.requirements import list_requirements
from pcntui.store.staff import list_planned


def _requirements(store: Store, as_of: date) -> list[Deadline]:
    out = []
    for r in list_requirements(store):
        if r.due_on is None or r.status in CLOSED or r.state(as_of) == "lapsed":
            continue
        detail = [f"{r.area_label}, {r.fy}.", f"Status: {r.status.replace('_', ' ')}."]
        if r.owner:
            detail.append(f"Owner: {r.owner}.")
        if not r.due_confirmed:
            detail.append("The due date is not confirmed.")
        out.append(Deadline(r.due_on, "requirement", f"requirement-{r.ref_key or r.id}", f"DES due: {r.title}",
                            " ".join(detail), estimated=not r.due_confirmed))
    return out


def _registrations(store: Store, rules) -> list[Deadline]:
    rows = store.query(
        "SELECT id, name, role_code, registration_number, registration_expiry FROM staff "
        "WHERE registration_expiry IS NOT NULL AND (end_date IS NULL OR end_date >= registration_expiry) "
        "ORDER BY registration_expiry, id")
    out = []
    for r in rows:
        role = rules.role(r["role_code"])
        body = f"{role.registration_body} " if role and role.registration_body else ""
        number = f" Registration {body}{r['registration_number']}." if r["registration_number"] else ""
        out.append(Deadline(date.fromisoformat(r["registration_expiry"]), "registration", f"staff-{r['id']}-registration",
                            f"Registration expires: {r['name']} ({rules.role_name(r['role_code'])})",
                            f"Renew before this date to keep claiming for the post.{number}"))
    return out


def _planned(store: Store, rules) -> list[Deadline]:
    return [Deadline(p.expected_start, "planned_post", f"planned-{p.id}",
                     f"Planned post starts: {p.label(rules)} ({p.wte.normalize():f} WTE)",
                     f"{rules.role_name(p.role_code)}, {p.status}." + (f" {p.note}" if p.note else ""))
            for p in list_planned(store, open_only=True)]


def _interventions(store: Store) -> list[Deadline]:
    out = []
    for r in store.query(
            "SELECT s.intervention_id AS id, s.stage, s.target_on, i.title, i.stage AS current FROM intervention_stage s "
            "JOIN intervention i ON i.id = s.intervention_id "
            "WHERE s.target_on IS NOT NULL AND i.stage != 'closed' ORDER BY s.target_on, i.id"):
        if stage_reached(r["current"], r["stage"]):
            continue
        out.append(Deadline(date.fromisoformat(r["target_on"]), "stage_target", f"intervention-{r['id']}-{r['stage']}",
                            f"Stage target: {r['title']} to reach {STAGE_LABELS[r['stage']]}",
                            f"Intervention {r['id']} is at {STAGE_LABELS[r['current']]}."))
    for r in store.query(
            "SELECT a.id, a.description, a.owner, a.due_on, i.id AS iid, i.title FROM intervention_action a "
            "JOIN intervention i ON i.id = a.intervention_id "
            "WHERE a.done_on IS NULL AND a.due_on IS NOT NULL AND i.stage != 'closed' ORDER BY a.due_on, a.id"):
        owner = f" Owner: {r['owner']}." if r["owner"] else ""
        out.append(Deadline(date.fromisoformat(r["due_on"]), "action", f"intervention-action-{r['id']}",
                            f"Action due: {r['description']} ({r['title']})",
                            f"Plan action of intervention {r['iid']}.{owner}"))
    return out


def deadlines(store: Store, as_of: date) -> list[Deadline]:
    """Every open dated item, by date (the calendar's events; `status --due` picks a window of them)."""
    rules = load_rulebook(store)
    items = [*_requirements(store, as_of), *_registrations(store, rules), *_planned(store, rules),
             *_interventions(store)]
    return sorted(items, key=lambda d: (d.on, d.kind, d.key))


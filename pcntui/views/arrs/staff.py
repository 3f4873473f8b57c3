"""The roster and the planned posts as files: KIND `staff` (one row per spell of terms,
re-importable with `pcntui import staff`) and `arrs-planned`. Columns: docs/arrs.md."""

from __future__ import annotations

from datetime import timedelta
from typing import TYPE_CHECKING

from pcntui.views.arrs.months import exact
from pcntui.views.base import Column, Kind, Row, View, ViewQuery

if TYPE_CHECKING:
    from pcntui.domain.arrs_rules import RuleBook
    from pcntui.domain.staff import PlannedPost, StaffMember
    from pcntui.store.tx import Reader

SPELLS = (
    Column("name", "Name", priority=0), Column("role", "Role", priority=2), Column("wte", "WTE", Kind.WTE),
    Column("start_date", "From", Kind.DATE), Column("end_date", "To", Kind.DATE),
    Column("fte_salary", "FTE salary", Kind.MONEY), Column("oncost_pct", "On-cost %", Kind.PCT),
    Column("arrs_funded", "ARRS funded", Kind.BOOL), Column("practice", "Practice"), Column("band", "Band"),
    Column("employer", "Employer"), Column("supervisor", "Supervisor"),
    Column("registration_number", "Registration"), Column("registration_expiry", "Registration expiry", Kind.DATE),
    Column("training_pathway", "Training pathway"), Column("nwrs_id", "NWRS id"), Column("note", "Note"),
    Column("staff_id", "Id", Kind.INT, screen=False), Column("reimbursement_pct", "Reimbursed %", Kind.PCT),
    Column("estimated", "Estimated", Kind.BOOL), Column("previously_employed_until", "Employed before until", Kind.DATE),
)
POSTS = (
    Column("id", "#", Kind.INT), Column("title", "Post", priority=0), Column("role", "Role", priority=2),
    Column("wte", "WTE", Kind.WTE), Column("expected_start", "Expected start", Kind.DATE),
    Column("expected_end", "Expected end", Kind.DATE), Column("fte_salary", "FTE salary", Kind.MONEY),
    Column("oncost_pct", "On-cost %", Kind.PCT), Column("status", "Status"), Column("filled_by", "Filled by"),
    Column("note", "Note"),
)


def spells_of(staff: list[StaffMember], rules: RuleBook) -> View:
    """Each person's terms in date order, each spell ending the day before the next begins."""
    rows = []
    for m in staff:
        terms = sorted(m.terms, key=lambda t: t.effective_from)
        for i, t in enumerate(terms):
            end = terms[i + 1].effective_from - timedelta(days=1) if i + 1 < len(terms) else m.end_date
            rows.append(Row(f"{m.id}|{t.effective_from.isoformat()}", (
                m.name, rules.role_name(m.role_code), exact(t.wte), t.effective_from, end, t.fte_salary,
                exact(t.oncost_pct), m.arrs_funded, m.practice, m.band, m.employer, m.supervisor,
                m.registration_number, m.registration_expiry, m.training_pathway, m.nwrs_id, m.note, m.id,
                exact(m.reimbursement_pct), m.estimated, m.previously_employed_until), opens=str(m.id)))
    return View("staff", "Staff, one row per spell of terms", SPELLS, tuple(rows))


def posts_of(posts: list[PlannedPost], rules: RuleBook) -> View:
    rows = tuple(Row(str(p.id), (
        p.id, p.label(rules), rules.role_name(p.role_code), exact(p.wte), p.expected_start, p.expected_end,
        p.fte_salary, exact(p.oncost_pct), p.status, p.filled_by, p.note)) for p in posts)
    return View("arrs-planned", "Planned posts", POSTS, rows)


def staff(reader: Reader, q: ViewQuery) -> View:
    """`pcntui export staff`: the whole roster."""
    from pcntui.views.arrs.people import everyone
    from pcntui.views.arrs.year import rulebook

    return spells_of(everyone(reader), rulebook(reader))


def arrs_planned(reader: Reader, q: ViewQuery) -> View:
    """`pcntui export arrs-planned`."""
    from pcntui.views.arrs.people import planned_posts
    from pcntui.views.arrs.year import rulebook

    return posts_of(planned_posts(reader), rulebook(reader))

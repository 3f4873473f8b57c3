"""The rule tables in force, shipped rows merged with yours: maxima (KIND `arrs-rates`,
re-importable with `pcntui import rates`), caps on WTE (`arrs-caps`) and roles (`arrs-roles`).
Each is ordered by role name; a row is confirmed as `RuleBook` says (a maximum: `rate_confirmed_on`)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from pcntui.store.arrs import dec_text
from pcntui.views.base import Column, Kind, Row, View, ViewQuery

if TYPE_CHECKING:
    from pcntui.domain.arrs_rules import RuleBook
    from pcntui.store.tx import Reader

RATES = (
    Column("role", "Role", priority=0), Column("effective_from", "From", Kind.DATE),
    Column("annual_max", "Max £", Kind.MONEY), Column("reimbursement_pct", "%"),
    Column("inner_london_max", "Inner London", Kind.MONEY), Column("outer_london_max", "Outer London", Kind.MONEY),
    Column("confirmed", "Confirmed", Kind.BOOL), Column("origin", "Origin"), Column("source", "Source"),
    Column("note", "Note"), Column("band", "Band"),
)
CAPS = (
    Column("role", "Role", priority=0), Column("fy_from", "From"), Column("fy_to", "To"),
    Column("max_wte_under_100k", "<100k"), Column("max_wte_100k_plus", "100k+"),
    Column("confirmed", "Confirmed", Kind.BOOL), Column("origin", "Origin"), Column("source", "Source"),
    Column("note", "Note"),
)
ROLES = (
    Column("code", "Code"), Column("name", "Role", priority=0), Column("eligible_from", "Eligible from", Kind.DATE),
    Column("eligible_to", "Eligible to", Kind.DATE), Column("bands", "Bands"), Column("requires", "Needs"),
    Column("confirmed", "Confirmed", Kind.BOOL), Column("origin", "Origin"), Column("source", "Source"),
    Column("note", "Note"),
)


def rates_of(rules: RuleBook) -> View:
    rows = []
    for r in sorted(rules.rates, key=lambda r: (rules.role_name(r.role_code).casefold(), r.effective_from, r.band)):
        rows.append(Row(f"{r.role_code}|{r.band}|{r.effective_from.isoformat()}", (
            rules.role_name(r.role_code), r.effective_from, r.annual_max, dec_text(r.reimbursement_pct),
            r.inner_london_max, r.outer_london_max, rules.rate_confirmed_on(r, r.effective_from), r.origin, r.source,
            r.note, r.band)))
    return View("arrs-rates", "ARRS maxima", RATES, tuple(rows))


def caps_of(rules: RuleBook) -> View:
    rows = tuple(Row(f"{c.role_code}|{c.fy_from.label}", (
        rules.role_name(c.role_code), c.fy_from.label, c.fy_to.label if c.fy_to else None,
        dec_text(c.max_wte_under_100k), dec_text(c.max_wte_100k_plus), c.confirmed, c.origin, c.source, c.note))
        for c in sorted(rules.caps, key=lambda c: (rules.role_name(c.role_code).casefold(), c.fy_from.label)))
    return View("arrs-caps", "ARRS caps on WTE", CAPS, rows)


def needs(role) -> str:
    return ", ".join(w for w, on in (("supervisor", role.requires_supervisor), ("registration", role.requires_registration),
                                     ("training", role.requires_training_pathway)) if on)


def roles_of(rules: RuleBook) -> View:
    rows = tuple(Row(role.code, (role.code, role.name, role.eligible_from, role.eligible_to, role.bands, needs(role),
                                 role.confirmed, role.origin, role.source, role.note))
                 for role in rules.roles)
    return View("arrs-roles", "ARRS roles", ROLES, rows)


def _rules(reader: Reader) -> RuleBook:
    from pcntui.views.arrs.year import rulebook

    return rulebook(reader)


def rates(reader: Reader, q: ViewQuery) -> View:
    """`pcntui export arrs-rates`."""
    return rates_of(_rules(reader))


def caps(reader: Reader, q: ViewQuery) -> View:
    """`pcntui export arrs-caps`."""
    return caps_of(_rules(reader))


def roles(reader: Reader, q: ViewQuery) -> View:
    """`pcntui export arrs-roles`."""
    return roles_of(_rules(reader))

"""ARRS exports: `arrs` (per staff-month), `arrs-summary` (per role + TOTAL), `staff` (the roster,
re-importable), `arrs-planned` (planned posts), `arrs-rates` (maxima in force). Columns: docs/arrs.md.
"""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

from pcntui.domain.period import Period
from pcntui.report.exports import Table
from pcntui.store.arrs import ArrsView, arrs_view, dec_text as d, load_rulebook
from pcntui.store import Store
from pcntui.store.staff import list_planned, list_staff

ARRS_COLUMNS = [
    "fy", "month", "name", "role", "wte", "days_in_post", "actual_cost", "max_reimbursable", "claimable",
    "staff_id", "role_code", "days_in_month", "fte_salary", "oncost_pct", "oncost_default", "annual_max",
    "reimbursement_pct", "arrs_funded", "rate_confirmed", "to_date", "reason", "role_pct", "estimated",
]
SUMMARY_COLUMNS = [
    "fy", "role", "role_code", "staff", "wte", "actual_cost", "claimable", "roster_rest_of_year",
    "planned_rest_of_year", "forecast", "cap_wte", "peak_wte", "over_cap", "entitlement", "headroom",
    "forecast_unclaimed",
]
STAFF_COLUMNS = [
    "name", "role", "wte", "start_date", "end_date", "fte_salary", "oncost_pct", "arrs_funded", "practice", "band",
    "employer", "supervisor", "registration_number", "registration_expiry", "training_pathway", "nwrs_id", "note",
    "staff_id", "reimbursement_pct", "estimated", "previously_employed_until",
]
PLANNED_COLUMNS = ["id", "title", "role", "wte", "expected_start", "expected_end", "fte_salary", "oncost_pct",
                   "status", "filled_by", "note"]


def arrs_table(view: ArrsView) -> Table:
    y = view.year
    rules = view.inputs.rules
    table = Table(list(ARRS_COLUMNS))
    for m in y.months:
        table.rows.append([
            y.fy.label, m.month.strftime("%Y-%m"), m.name, rules.role_name(m.role_code), d(m.wte), m.days_in_post,
            m.actual_cost, m.max_reimbursable, m.claimable, m.staff_id, m.role_code, m.days_in_month, m.fte_salary,
            d(m.oncost_pct), m.oncost_default, m.annual_max, d(m.reimbursement_pct), m.arrs_funded, m.rate_confirmed,
            y.is_to_date(m.month), m.reason, d(m.role_pct), m.estimated,
        ])
    return table


def summary_table(view: ArrsView) -> Table:
    y = view.year
    h = y.headroom
    mix = {m.role_code: m for m in view.mix}
    table = Table(list(SUMMARY_COLUMNS))
    for r in y.roles:
        m = mix.get(r.role_code)
        table.rows.append([
            y.fy.label, r.role_name, r.role_code, r.staff, d(r.wte), r.actual_cost_to_date, r.claimable_to_date,
            r.roster_rest_of_year, r.planned_rest_of_year, r.forecast, d(m.cap) if m else None,
            d(m.peak_wte) if m else None, bool(m and m.over_cap), None, None, None,
        ])
    staff = sum(r.staff for r in y.roles)
    wte = d(sum((r.wte for r in y.roles), Decimal(0)))
    table.rows.append([
        y.fy.label, "TOTAL", "", staff, wte, y.actual_cost_to_date, y.claimable_to_date, y.roster_rest_of_year,
        y.planned_rest_of_year, y.forecast, None, None, any(m.over_cap for m in view.mix),
        h.entitlement, h.headroom, h.forecast_headroom,
    ])
    return table


def arrs_export(store: Store, period: Period) -> Table:
    return arrs_table(arrs_view(store, period))


def arrs_summary_export(store: Store, period: Period) -> Table:
    return summary_table(arrs_view(store, period))


def staff_export(store: Store, period: Period) -> Table:
    """The whole roster, one row per spell of terms (re-importable with `pcntui import staff`)."""
    rules = load_rulebook(store)
    table = Table(list(STAFF_COLUMNS))
    for m in list_staff(store):
        terms = sorted(m.terms, key=lambda t: t.effective_from)
        for i, t in enumerate(terms):
            end = terms[i + 1].effective_from - timedelta(days=1) if i + 1 < len(terms) else m.end_date
            table.rows.append([
                m.name, rules.role_name(m.role_code), d(t.wte), t.effective_from, end, t.fte_salary, d(t.oncost_pct),
                m.arrs_funded, m.practice, m.band, m.employer, m.supervisor, m.registration_number,
                m.registration_expiry, m.training_pathway, m.nwrs_id, m.note, m.id, d(m.reimbursement_pct),
                m.estimated, m.previously_employed_until,
            ])
    return table


def planned_export(store: Store, period: Period) -> Table:
    rules = load_rulebook(store)
    table = Table(list(PLANNED_COLUMNS))
    for p in list_planned(store):
        table.rows.append([p.id, p.label(rules), rules.role_name(p.role_code), d(p.wte), p.expected_start, p.expected_end,
                           p.fte_salary, d(p.oncost_pct), p.status, p.filled_by, p.note])
    return table

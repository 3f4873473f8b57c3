"""The ARRS views, headless: typed values, numeric sorting, the same rows as the screens, and the
item view that needs --id (issue 9)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from pcntui.domain.period import Period
from pcntui.errors import UserError
from pcntui.services.arrs.staff import add_staff
from pcntui.store import open_store
from pcntui.views.base import ViewQuery
from pcntui.views.load import view

TODAY = date(2026, 11, 23)
Q = ViewQuery(Period.make(TODAY))


def test_the_roster_holds_typed_values_and_claimable_sorts_by_amount(demo_db):
    with open_store(demo_db) as store:
        add_staff(store, {"name": "Late Starter", "role": "CP", "wte": "1", "start_date": "2027-03-01",
                          "fte_salary": "45000"}, today=TODAY)
        roster = view("arrs-roster", store, Q)
        in_year = [m for m in view("staff", store, Q).iter_rows()]
    keys = [c.key for c in roster.columns]
    rows = list(roster.iter_rows())
    assert keys[-1] == "claimable" and all(isinstance(r.values[-1], Decimal) for r in rows)
    late = next(r for r in rows if r.values[1] == "Late Starter")
    assert Decimal(1000) < late.values[-1] < Decimal(10000)  # four digits, unlike every demo amount
    ordered = [r.values[-1] for r in roster.sorted(keys.index("claimable")).iter_rows()]
    assert ordered == sorted(ordered) and ordered.index(late.values[-1]) < ordered.index(max(ordered))
    assert len({r.key for r in rows}) == len(rows) <= len(in_year)  # one row per person in the year


def test_a_filter_keeps_the_rows_holding_every_word(demo_db):
    with open_store(demo_db) as store:
        roster = view("arrs-roster", store, Q)
    kept = list(roster.filtered("clinical pharmacist").iter_rows())
    assert kept and all("Clinical Pharmacist" == r.values[2] for r in kept)


def test_a_persons_months_need_an_id(demo_db):
    with open_store(demo_db) as store:
        with pytest.raises(UserError, match="give --id STAFF_ID"):
            view("arrs-person", store, Q)
        with pytest.raises(UserError, match="no staff member with id 999"):
            view("arrs-person", store, ViewQuery(Q.period, item="999"))
        months = list(view("arrs-person", store, ViewQuery(Q.period, item="7")).iter_rows())
    assert [r.key for r in months][:2] == ["2026-04", "2026-05"] and len(months) == 12
    assert sum(r.values[6] for r in months) > 0


def test_the_maxima_are_ordered_by_role_name_then_date(demo_db):
    """§2.15 item 13: role names, ordered by name then date; confirmed as the rule book says."""
    with open_store(demo_db) as store:
        rows = list(view("arrs-rates", store, Q).iter_rows())
    order = [(r.values[0].casefold(), r.values[1]) for r in rows]
    assert order == sorted(order)
    assert rows[0].values[0] == "Advanced Practitioner"

"""A staff record says once what the domain checks (`StaffIn.checked`): its problems are what the
input refuses and its warnings what it shows."""

from __future__ import annotations

from datetime import date

from pcntui.inputs.arrs import StaffIn
from pcntui.inputs.base import validate
from pcntui.services.context import load_ctx
from pcntui.store import open_store

TODAY = date(2026, 11, 23)
STAFF = {"name": "Ada Lovel", "role": "CP", "wte": "0.8", "start_date": "2026-04-01", "fte_salary": "250000"}


def test_a_staff_record_warns_with_what_its_domain_check_finds(demo_db):
    with open_store(demo_db) as store:
        ctx = load_ctx(store, today=TODAY, need=("rules",))
    result = validate(StaffIn, STAFF, ctx)
    assert result.ok
    found = result.value.checked(ctx).tagged()[1]
    assert found  # far above the role's bands
    assert [(m.loc, m.text) for m in result.warnings if m.level == "warning"] == [((f,), t) for f, t in found]


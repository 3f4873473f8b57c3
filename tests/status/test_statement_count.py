"""The statements one `status` runs do not grow with the number of staff or interventions
(issue 12 item 5: no query per row, so the N+1 patterns cannot come back)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from pcntui.domain.period import Period
from pcntui.report import status
from pcntui.services.interventions.codesign import add_action, log_session
from pcntui.services.interventions.core import create_intervention
from pcntui.services.interventions.outcomes import add_measure, add_reading
from pcntui.store import open_store
from tests.conftest import TODAY


def statements(path, period: Period) -> list[str]:
    """Every statement one `status` build runs (a fresh open, as `pcntui status` makes), with
    nothing kept in the status cache (so each builds every part of its blocks)."""
    with open_store(path) as store:
        store.conn.execute("DELETE FROM status_block")
        seen: list[str] = []
        store.conn.set_trace_callback(seen.append)
        status.build(store, period)
        store.conn.set_trace_callback(None)
    return seen


def more_staff(store, copies: int) -> None:
    """Each member of staff `copies` more times, with their terms (one action)."""
    with store.action("More staff") as tx:
        staff = tx.query("SELECT * FROM staff")
        terms = tx.query("SELECT * FROM staff_terms")
        top = max(s["id"] for s in staff)
        for n in range(1, copies + 1):
            for s in staff:
                tx.db["staff"].insert({**s, "id": s["id"] + n * top, "name": f"{s['name']} {n}", "nwrs_id": ""})
            for t in terms:
                tx.db["staff_terms"].insert({**t, "staff_id": t["staff_id"] + n * top})


def more_interventions(store, count: int) -> None:
    """`count` interventions, each with a session, two actions and a measure with readings."""
    for i in range(count):
        iid = create_intervention(store, {"title": f"Outreach {i}"}, today=TODAY, on=date(2026, 5, 1)).value
        log_session(store, iid, {"held_on": date(2026, 6, 1), "participants": "patients=4, staff=2"}, today=TODAY)
        add_action(store, iid, {"description": "Call back", "due_on": date(2026, 9, 1)}, today=TODAY)
        add_action(store, iid, {"description": "Write up", "due_on": date(2027, 1, 1)}, today=TODAY)
        mid = add_measure(store, iid, {"name": "Uptake", "baseline_value": 10, "baseline_on": date(2026, 5, 1),
                                       "target_value": 30, "target_on": date(2027, 3, 31)}, today=TODAY).value
        for month in (7, 9):
            add_reading(store, mid, {"taken_on": date(2026, month, 1), "value": 12 + month}, today=TODAY)


def test_statements_per_status_do_not_grow_with_staff_or_interventions(demo_db):
    period = Period.make(TODAY)
    before = statements(demo_db, period)
    with open_store(demo_db) as store:
        counts = (store.scalar("SELECT count(*) FROM staff"), store.scalar("SELECT count(*) FROM intervention"))
        more_staff(store, 3)
        more_interventions(store, 6)
        grown = (store.scalar("SELECT count(*) FROM staff"), store.scalar("SELECT count(*) FROM intervention"))
    assert grown[0] == 4 * counts[0] and grown[1] == counts[1] + 6
    after = statements(demo_db, period)
    assert len(after) == len(before), sorted(set(after) - set(before))[:5]


def after_a_staff_change(path, period: Period, n: int) -> list[str]:
    """Every statement of the `status` right after a staff change, every block and part kept before
    it (the ARRS people's years brought up to date from what the change touched)."""
    from pcntui.store.staff import change_terms

    with open_store(path) as store:
        status.current(store, period)
        first = store.scalar("SELECT min(id) FROM staff WHERE end_date IS NULL")
        change_terms(store, first, date(2026, 9, 1), wte=Decimal(n) / 10)
        seen: list[str] = []
        store.conn.set_trace_callback(seen.append)
        status.current(store, period)
        store.conn.set_trace_callback(None)
    return seen


def test_statements_per_status_after_a_staff_change_do_not_grow_with_staff(demo_db):
    period = Period.make(TODAY)
    before = after_a_staff_change(demo_db, period, 7)
    with open_store(demo_db) as store:
        more_staff(store, 3)
    after = after_a_staff_change(demo_db, period, 6)
    assert len(after) == len(before), sorted(set(after) - set(before))[:5]


def test_statements_per_interventions_list_do_not_grow_with_interventions(demo_db):
    """The interventions screen's list and `export interventions` (views.interventions.list) read
    every intervention together: one statement per table, not a set per intervention."""
    from pcntui.views.interventions.list import interventions_page

    def listed() -> tuple[int, list[str]]:
        with open_store(demo_db) as store:
            seen: list[str] = []
            store.conn.set_trace_callback(seen.append)
            page = interventions_page(store, TODAY)
            store.conn.set_trace_callback(None)
        return len(page.view.rows), seen

    rows, before = listed()
    with open_store(demo_db) as store:
        more_interventions(store, 6)
    grown, after = listed()
    assert grown == rows + 6 and len(after) == len(before), len(after) - len(before)


def test_the_roster_is_read_in_the_same_statements_at_any_size(demo_db):
    """Every member of staff with their terms, in the statements a dozen take, at over a thousand
    (the terms of a roster were read 500 people at a time)."""
    from pcntui.store.staff import list_staff

    def read() -> tuple[int, list[str]]:
        with open_store(demo_db) as store:
            seen: list[str] = []
            store.conn.set_trace_callback(seen.append)
            staff = list_staff(store)
            store.conn.set_trace_callback(None)
        return len(staff), seen

    few, before = read()
    with open_store(demo_db) as store:
        with store.action("More staff") as tx:  # each member 100 more times, with their terms
            top = tx.query("SELECT max(id) AS top FROM staff")[0]["top"]
            tx.execute("WITH RECURSIVE n(k) AS (SELECT 1 UNION ALL SELECT k + 1 FROM n WHERE k < 100) "
                       "INSERT INTO staff (id, name, role_code, start_date, end_date, arrs_funded, practice) "
                       "SELECT s.id + k * ?, s.name || ' ' || k, s.role_code, s.start_date, s.end_date, s.arrs_funded, "
                       "s.practice FROM staff s, n", [top])
            tx.execute("WITH RECURSIVE n(k) AS (SELECT 1 UNION ALL SELECT k + 1 FROM n WHERE k < 100) "
                       "INSERT INTO staff_terms (staff_id, effective_from, wte, fte_salary_pence, oncost_pct) "
                       "SELECT t.staff_id + k * ?, t.effective_from, t.wte, t.fte_salary_pence, t.oncost_pct "
                       "FROM staff_terms t, n", [top])
    many, after = read()
    assert many == 101 * few > 1000
    assert len(after) == len(before), after

"""Each person's ARRS year kept between runs (store/arrs_totals.py): after any sequence of
changes and statuses on any days, the kept years brought up to date are the years worked out
from scratch (and the ARRS block from them on another day of the year is the one worked out
afresh), after a change to one person only that person's year is worked out again, and a status
on another day of the same year works out no one again."""

from __future__ import annotations

import contextlib
import json
import shutil
import sqlite3
from datetime import date, timedelta
from decimal import Decimal

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pcntui.domain import forecast
from pcntui.domain.arrs_rules import RateRow
from pcntui.domain.fy import FinancialYear
from pcntui.domain.period import Period
from pcntui.domain.staff import StaffMember, Terms
from pcntui.errors import UserError
from pcntui.report import status
from pcntui.report.arrs_status import arrs_block
from pcntui.store import arrs_totals, open_store
from pcntui.store.arrs import load_inputs, save_rate
from pcntui.store.forget import forget_worklist
from pcntui.store.staff import change_terms, delete_staff, end_staff, save_staff
from pcntui.views.status.cache import block_json
from tests.status.test_status_cache import PERIODS, take_step

# Days of one year and of another (the kept years are the year's, whatever the day): its first and
# last day, and an as-of date after the year shown (the TUI's other year).
DAYS = [*PERIODS, Period.make(date(2026, 4, 1)), Period.make(date(2027, 3, 31)), Period.make(date(2025, 4, 30)),
        PERIODS[0].with_fy(FinancialYear.of(date(2025, 4, 1)))]


def from_scratch(store, period) -> dict:
    inputs = load_inputs(store)
    return {p.staff_id: p for p in forecast.arrs_year(inputs, period.fy, period.as_of).people}


def brought_up_to_date(store, period) -> dict | None:
    """The kept years as the status block would use them (None: worked out afresh instead)."""
    held = arrs_totals.read(store, period)
    people = arrs_totals.people_of(store, held, load_inputs(store), period)
    return None if people is None else {p.staff_id: p for p in people}


def in_post(store, n: int) -> int | None:
    ids = [r["id"] for r in store.query("SELECT id FROM staff WHERE end_date IS NULL ORDER BY id")]
    return ids[n % len(ids)] if ids else None


def change(store, what: str, n: int) -> None:
    """One real change that moves someone's months (or every one's: a maximum); one refused (a date
    out of post) changes nothing."""
    with contextlib.suppress(UserError):
        _change(store, what, n)


def _change(store, what: str, n: int) -> None:
    who = in_post(store, n)
    if what == "terms" and who:
        change_terms(store, who, date(2026, 5 + n % 6, 1), wte=Decimal(n % 9 + 1) / 10)
    elif what == "salary" and who:
        change_terms(store, who, date(2025, 6, 1), fte_salary=Decimal(38000 + 500 * n))  # back-dated
    elif what == "leaver" and who:
        end_staff(store, who, date(2026, 7, 10 + n))
    elif what == "delete" and who:
        delete_staff(store, who)
    elif what == "add":
        save_staff(store, StaffMember(None, f"New Person {n}", "CP", date(2026, 4 + n % 6, 3), None,
                                      (Terms(date(2026, 4 + n % 6, 3), Decimal("0.8"), Decimal(40000 + n)),)))
    elif what == "maximum":
        save_rate(store, RateRow("CP", date(2026, 4, 1), Decimal(60000 + 100 * n), Decimal(100)))
    elif what == "forget":
        forget_worklist(store)
    elif what == "terms row" and who:  # a write to a person's terms alone (their staff row untouched)
        with store.action(f"Terms row {n}") as tx:
            tx.db.execute("UPDATE staff_terms SET wte = ? WHERE rowid = (SELECT max(rowid) FROM staff_terms "
                          "WHERE staff_id = ?)", [str(Decimal(n % 9 + 1) / 10), who])


CHANGES = ["terms", "salary", "leaver", "delete", "add", "maximum", "forget", "terms row"]
STEP = st.sampled_from([*CHANGES, "undo", "redo", "other copy", "status"])


def arrs_figures(store, period, path, fresh: bool) -> str:
    """The ARRS block's JSON for `period` in a copy of `store` at `path` (`fresh`: with nothing
    kept, so every year is worked out from scratch; else from the years kept in the copy)."""
    with store.lock, contextlib.closing(sqlite3.connect(path)) as copy:
        store.conn.backup(copy)
        if fresh:
            with copy:
                copy.execute("DELETE FROM status_block")
                copy.execute("DELETE FROM status_cache")
    with open_store(path) as it:
        return block_json(arrs_block(it, period))


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(steps=st.lists(st.tuples(STEP, st.sampled_from(CHANGES), st.integers(0, 8), st.sampled_from(range(len(DAYS)))),
                      min_size=1, max_size=8))
def test_kept_years_brought_up_to_date_are_always_the_ones_worked_out_from_scratch(demo_template, tmp_path_factory,
                                                                                  steps):
    folder = tmp_path_factory.mktemp("people")
    path = folder / "pcn.db"
    shutil.copyfile(demo_template, path)
    with open_store(path) as mine:
        for period in (PERIODS[0], PERIODS[2]):
            status.current(mine, period)  # (each year's people kept on one day, so other days use them)
        for what, other, n, p in steps:
            take_step(mine, path, what, other, n, change, CHANGES)
            if what == "status":
                status.current(mine, DAYS[p])
            for each in DAYS:
                kept = brought_up_to_date(mine, each)
                assert kept is None or kept == from_scratch(mine, each)
        for each in DAYS:  # (the figures from the years kept on another day are that day's)
            assert arrs_figures(mine, each, folder / "kept.db", False) == arrs_figures(mine, each, folder / "fresh.db",
                                                                                        True)


def counting(monkeypatch) -> list[int]:
    """The staff ids whose months are worked out (claimable.member_year calls) from now on."""
    seen: list[int] = []
    real = arrs_totals.member_year

    def member_year(member, *args, **kwargs):
        seen.append(member.id)
        return real(member, *args, **kwargs)

    monkeypatch.setattr(arrs_totals, "member_year", member_year)
    monkeypatch.setattr(forecast, "member_year", member_year)
    return seen


def test_after_changes_to_two_people_only_their_years_are_worked_out_again(demo_db, monkeypatch):
    period = PERIODS[0]
    with open_store(demo_db) as store:
        status.current(store, period)
        first, second = in_post(store, 0), in_post(store, 1)
        change_terms(store, first, date(2026, 9, 1), wte=Decimal("0.5"))
        change_terms(store, second, date(2025, 5, 1), fte_salary=Decimal("41000"))
        want = from_scratch(store, period)
        seen = counting(monkeypatch)
        assert brought_up_to_date(store, period) == want
        assert sorted(seen) == sorted({first, second})
        seen.clear()
        status.current(store, period)  # (and the planned posts' stand-ins, no roster person's)
        assert sorted(i for i in seen if i is not None) == sorted({first, second})


def test_a_change_to_a_maximum_or_a_forget_works_every_year_out_afresh(demo_db):
    period = PERIODS[0]
    with open_store(demo_db) as store:
        for what in ("maximum", "forget"):
            status.current(store, period)
            change(store, what, 1)
            assert brought_up_to_date(store, period) is None
            status.current(store, period)
            assert brought_up_to_date(store, period) == from_scratch(store, period)


def test_kept_years_that_are_not_the_rosters_people_are_worked_out_afresh(demo_db):
    """A kept set that does not match the roster now (a row written without the audit) is not used."""
    period = PERIODS[0]
    with open_store(demo_db) as store:
        status.current(store, period)
        with store.lock:
            data = json.loads(store.conn.execute("SELECT data FROM status_block WHERE block = ?",
                                                 [arrs_totals.KEY]).fetchone()[0])
            store.conn.execute("UPDATE status_block SET data = ? WHERE block = ?",
                               [json.dumps(data[1:]), arrs_totals.KEY])
        assert brought_up_to_date(store, period) is None



def latest_stamp(store) -> str:
    return "{id}@{at}".format(**store.query("SELECT id, at FROM action ORDER BY id DESC LIMIT 1")[0])


def copy_first_person(store, *, as_runs: bool) -> int:
    """A copy of the first staff row added in bulk (recorded as a run or a change holding it); its id."""
    from pcntui.store import audit

    columns = ", ".join(r["name"] for r in store.query("PRAGMA table_info(staff)") if r["name"] != "id")
    with store.action("A copy of the first person") as tx, audit.bulk_inserts(tx.db, "staff", as_runs=as_runs) as added:
        tx.execute(f"INSERT INTO staff (id, {columns}) SELECT (SELECT max(id) FROM staff) + 1, {columns} "
                   "FROM staff ORDER BY id LIMIT 1")
        added.add("staff", 1)
    return store.scalar("SELECT max(id) FROM staff")


def test_staff_rows_recorded_as_a_run_since_the_kept_years_work_everyone_out_afresh(demo_db):
    """A run of rows added (store/runs.py) holds no values to read staff ids from, so the changes
    since cannot say who changed: everyone is worked out afresh. The same row recorded as one
    change names its person."""
    with open_store(demo_db) as store:
        stamp = latest_stamp(store)
        added = copy_first_person(store, as_runs=False)
        assert arrs_totals.changed_since(store, stamp) == {added}
        stamp = latest_stamp(store)
        added = copy_first_person(store, as_runs=True)
        assert store.scalar("SELECT last_row_id FROM change WHERE table_name = 'staff' ORDER BY id DESC LIMIT 1") == added
        assert arrs_totals.changed_since(store, stamp) is None


def test_a_status_on_later_days_of_the_year_works_out_no_one_again(demo_db, monkeypatch):
    """The kept years are the year's: a new day (or another --as-of in the year) reads them, also
    after more other days than the cache keeps as-of dates."""
    first = date(2026, 6, 30)
    with open_store(demo_db) as store:
        status.current(store, Period.make(first))
        seen = counting(monkeypatch)
        for day in range(1, 15):
            status.current(store, Period.make(first + timedelta(days=day * 7)))
            assert [i for i in seen if i is not None] == []  # (the planned posts' stand-ins only)
        change_terms(store, in_post(store, 2), date(2026, 9, 1), wte=Decimal("0.4"))
        status.current(store, Period.make(date(2027, 1, 4)))
        assert [i for i in seen if i is not None] == [in_post(store, 2)]

"""Recalculation made visible: after a change that reaches back into ended months, `status` (text and
--json `arrs.recalculation`) says which months moved and by how much, against the figures just
before that change (store/arrs_recalc.py). Figures worked by hand in each docstring."""

import json

import pytest

from pcntui.cli.main import main
from pcntui.store import open_store

from .helpers import RATES_HEADER, STAFF_HEADER, write_csv

AS_OF = ["--fy", "2025/26", "--as-of", "2025-08-15"]  # April–July 2025 have ended


@pytest.fixture
def before_uplift(db_path, tmp_path, capsys):
    """The portal's pre-uplift CP maximum £66,972 from 1 Apr 2025 (the user's row); Asha, CP, 1 WTE,
    £80,000, on-cost 20%: actual 8,000.00 a month, above the cap 66,972 / 12 = 5,581.00. Ben, CP,
    £40,000, 20%: 4,000.00 a month, under every cap, so no maximum moves him."""
    open_store(db_path, mode="create").close()
    db = str(db_path)
    rates = write_csv(tmp_path / "rates.csv", RATES_HEADER, [["CP", "2025-04-01", "66972", "100"]])
    staff = write_csv(tmp_path / "staff.csv", STAFF_HEADER, [
        ["Asha", "CP", "1", "2025-04-01", "", "80000", "20", "yes"],
        ["Ben", "CP", "1", "2025-04-01", "", "40000", "20", "yes"],
    ])
    assert main(["import", "rates", str(rates), "--db", db]) == 0
    assert main(["import", "staff", str(staff), "--db", db]) == 0
    capsys.readouterr()
    return db


def arrs_json(capsys, db) -> dict:
    capsys.readouterr()
    assert main(["status", "--json", *AS_OF, "--db", db]) == 0
    return json.loads(capsys.readouterr().out)["arrs"]


def status_text(capsys, db) -> str:
    capsys.readouterr()
    assert main(["status", *AS_OF, "--db", db]) == 0
    return capsys.readouterr().out


def uplift(db, tmp_path, maximum="69383"):
    rates = write_csv(tmp_path / "uplift.csv", RATES_HEADER, [["CP", "2025-04-01", maximum, "100"]])
    assert main(["import", "rates", str(rates), "--db", db]) == 0


def test_a_new_roster_is_not_a_recalculation(before_uplift, capsys):
    """The latest ARRS action added Asha and Ben: their months are new, not recalculated."""
    assert arrs_json(capsys, before_uplift)["recalculation"] is None
    assert "Recalculated" not in status_text(capsys, before_uplift)


def test_the_backdated_uplift_says_which_months_moved_and_by_how_much(before_uplift, tmp_path, capsys):
    """The uplift is entered in August, backdated to 1 April: 66,972 × 1.036 = 69,383 (rounded).
    Asha's cap 69,383 / 12 = 5,781.9166… → 5,781.92: +200.92 in each of Apr, May, Jun, Jul (August
    has not ended: nothing claimed yet) = 803.68 of arrears. Ben is under both caps: unchanged."""
    uplift(before_uplift, tmp_path)
    r = arrs_json(capsys, before_uplift)["recalculation"]
    assert r["action"].startswith("Import rates") and r["total"] == 803.68
    assert r["months"] == [{"month": f"2025-0{m}", "difference": 200.92} for m in (4, 5, 6, 7)]
    assert {c["name"] for c in r["changes"]} == {"Asha"}
    assert (r["changes"][0]["before"], r["changes"][0]["after"]) == (5581.00, 5781.92)
    text = status_text(capsys, before_uplift)
    assert "Recalculated: 4 ended months, £803.68 more to claim (arrears)" in text
    assert "Apr 2025 +£200.92; May 2025 +£200.92; Jun 2025 +£200.92; Jul 2025 +£200.92" in text
    assert max(len(line) for line in text.splitlines()) <= 80


def test_undoing_the_uplift_is_itself_a_recalculation_back(before_uplift, tmp_path, capsys):
    """Undo puts 66,972 back: each month −200.92, 803.68 over-claimed if the arrears were claimed."""
    uplift(before_uplift, tmp_path)
    assert main(["undo", "--yes", "--db", before_uplift]) == 0
    r = arrs_json(capsys, before_uplift)["recalculation"]
    assert r["total"] == -803.68 and r["action"].startswith("Undo")
    assert "£803.68 over-claimed" in status_text(capsys, before_uplift)


def test_a_backdated_wte_change(before_uplift, capsys):
    """Ben goes to 0.5 WTE from 1 June, entered in August: 40,000 × 0.5 / 12 × 1.2 = 2,000.00 a month
    instead of 4,000.00 (still under the cap 66,972 × 0.5 / 12 = 2,790.50): Jun and Jul −2,000.00
    each, 4,000.00 over-claimed."""
    assert main(["arrs", "change", "Ben", "--from", "2025-06-01", "--wte", "0.5", "--db", before_uplift]) == 0
    r = arrs_json(capsys, before_uplift)["recalculation"]
    assert r["months"] == [{"month": "2025-06", "difference": -2000.0}, {"month": "2025-07", "difference": -2000.0}]
    assert r["total"] == -4000.0
    assert "−£2,000.00" in status_text(capsys, before_uplift)


def test_a_change_to_months_not_yet_ended_is_not_reported(before_uplift, capsys):
    """Ben to 0.5 WTE from 1 September: no ended month moves."""
    assert main(["arrs", "change", "Ben", "--from", "2025-09-01", "--wte", "0.5", "--db", before_uplift]) == 0
    assert arrs_json(capsys, before_uplift)["recalculation"] is None


def test_comparing_changes_nothing_in_the_file(before_uplift, tmp_path, capsys, db_path):
    def state():
        store = open_store(db_path)
        try:
            return tuple(store.scalar(f"SELECT {what}") for what in (
                "count(*) FROM action", "count(*) FROM change", "annual_max_pence FROM arrs_rate"))
        finally:
            store.close()

    uplift(before_uplift, tmp_path)
    before = state()
    arrs_json(capsys, before_uplift)
    assert state() == before and before[2] == 6_938_300


def test_the_earlier_state_is_rebuilt_from_every_table_the_figures_are_read_from(demo_db):
    """The comparison copies only the tables `load_inputs` reads (arrs_recalc.INPUT_TABLES): a
    table it reads and the copy lacked would fail loudly, one it no longer reads would be copied
    for nothing; both show here."""
    import sqlite3

    from pcntui.store.arrs import load_inputs
    from pcntui.store.arrs_recalc import INPUT_TABLES

    read: set[str] = set()

    def note(action, table, *_):
        if action == sqlite3.SQLITE_READ:
            read.add(table)
        return sqlite3.SQLITE_OK

    with open_store(demo_db, mode="ro") as store:
        store.conn.set_authorizer(note)
        load_inputs(store)
        store.conn.set_authorizer(None)
    assert read == set(INPUT_TABLES)


def test_a_change_whose_other_rows_moved_on_since_is_not_compared_as_undo_would_refuse_it(demo_db):
    """One action cuts Priya's salary by £20,000 from 1 April 2026 (her months to October move) and gives a
    DES requirement an owner; while that requirement is as it left it, the months show; once a
    later save changes the requirement, undo would refuse the action, and so is no comparison made."""
    from datetime import date

    from pcntui.domain.period import Period
    from pcntui.report.arrs_status import arrs_block

    period = Period.make(date(2026, 11, 23))
    with open_store(demo_db) as store:
        with store.action("A pay cut and an owner") as tx:
            tx.execute("UPDATE staff_terms SET fte_salary_pence = fte_salary_pence - 2000000 "
                       "WHERE staff_id = 1 AND effective_from = '2026-04-01'")
            tx.execute("UPDATE des_requirement SET owner = 'Ana' WHERE id = 1")
        moved = arrs_block(store, period).data["recalculation"]
        assert moved is not None and {c["name"] for c in moved["changes"]} == {"Priya Shah"}
        with store.action("Another owner") as tx:
            tx.execute("UPDATE des_requirement SET owner = 'Bo' WHERE id = 1")
        assert arrs_block(store, period).data["recalculation"] is None


def test_finding_the_latest_arrs_change_reads_none_of_the_later_changes_to_other_tables(demo_db):
    """A worklist import after the latest ARRS change writes thousands of changes to other tables;
    finding that ARRS change must not read them (schema.sql's partial index change_arrs_action):
    `status` after a change stays as quick at 100,000 worklist rows as at none."""
    from pcntui.store.arrs_recalc import latest_arrs_action

    def steps(store) -> tuple[int, int]:
        count = [0]

        def tick() -> int:
            count[0] += 1
            return 0

        store.conn.set_progress_handler(tick, 1)
        try:
            found = latest_arrs_action(store)
        finally:
            store.conn.set_progress_handler(None, 1)
        return found.id, count[0]

    with open_store(demo_db) as store:
        found, before = steps(store)
        with store.action("Many patients") as tx:
            tx.execute("WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 3000) "
                       "INSERT INTO smr_worklist(practice_code, reference) "
                       "SELECT (SELECT min(code) FROM practice), 'P' || i FROM n")
        assert store.scalar("SELECT count(*) FROM change WHERE action_id = (SELECT max(id) FROM action)") >= 3000
        found_after, after = steps(store)
    assert found_after == found
    assert after < before + 200, (before, after)  # one more action looked at, not its 3,000 changes


def test_a_change_to_one_person_rebuilds_only_their_record_before_it(demo_db):
    """A backdated change to one person's terms touches no rule: the state before it is that
    person's record as it was (copied and replayed alone), with the rules and everyone else as
    now, and it gives the same recalculation as the whole earlier state does."""
    from datetime import date
    from decimal import Decimal

    from pcntui.domain.forecast import arrs_year
    from pcntui.domain.period import Period
    from pcntui.store import audit
    from pcntui.store.arrs import load_inputs
    from pcntui.store.arrs_recalc import (RecalcBasis, _people_to_compare, inputs_before, latest_arrs_action,
                                          recalculated)
    from pcntui.store.staff import change_terms

    period = Period.make(date(2026, 11, 23))
    with open_store(demo_db) as store:
        staff_id = store.scalar("SELECT min(id) FROM staff WHERE end_date IS NULL AND arrs_funded")
        change_terms(store, staff_id, date(2026, 5, 1), wte=Decimal("0.5"))
        after = load_inputs(store)
        action = latest_arrs_action(store)
        changes = audit.changes_of(store.conn, action.id)
        people = _people_to_compare(changes, after)
        assert people == {staff_id}
        narrow = inputs_before(store, action, changes, after, people)
        whole = inputs_before(store, action, changes, after)
    assert [m.id for m in narrow.staff] == [staff_id] and len(whole.staff) == len(after.staff) > 1
    assert narrow.staff == tuple(m for m in whole.staff if m.id == staff_id)
    assert narrow.staff[0] != after.member(staff_id)  # (their terms before the change)
    year = arrs_year(after, period.fy, period.as_of)
    moved = recalculated(RecalcBasis(action, narrow, people), after, year)
    assert moved is not None and moved == recalculated(RecalcBasis(action, whole, people), after, year)

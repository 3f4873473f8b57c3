"""Undo and redo of many rows (issue 12: undoing a 100,000-row import took 18 s of CPU): a run of
rows added (or removed) one after another in one table is checked by one read and put back a
few hundred rows to a statement, and the result is exactly what putting back one change at a
time gives: the same rows, the same audit trail, the same refusals."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pcntui.errors import ConflictError
from pcntui.store import derived, open_store, runs

PRACTICES = ("Y90001", "Y90002")
COHORTS = ("POLYPHARMACY", "CARE_HOME")


def _pcn(path: Path):
    store = open_store(path, mode="create")
    with store.action("test PCN") as tx:
        tx.db["pcn"].insert({"code": "U99901", "name": "Test PCN"})
        for code in PRACTICES:
            tx.db["practice"].insert({"code": code, "pcn_code": "U99901", "name": f"Practice {code}"})
    from pcntui.store.smr import ensure_reference

    with store.action("cohorts") as tx:
        ensure_reference(tx.db)
    return store


def _state(store) -> dict[str, list[tuple]]:
    return {t: [tuple(r.values()) for r in store.query(f"SELECT rowid AS rowid_, * FROM {t} ORDER BY rowid")]
            for t in ("smr_worklist", "smr_worklist_cohort")}


def _trail(store, action_id: int) -> list[tuple]:
    return [tuple(r.values()) for r in store.query(
        "SELECT table_name, row_id, op, before, after FROM change WHERE action_id = ? ORDER BY id", [action_id])]


# One step inside an action: add n patients (then a cohort or two each), change or remove the k-th one.
step = st.one_of(
    st.tuples(st.just("add"), st.integers(1, 30)),
    st.tuples(st.just("edit"), st.integers(0, 200)),
    st.tuples(st.just("remove"), st.integers(0, 200)),
    st.tuples(st.just("unlink"), st.integers(0, 200)),
)


def _apply(store, steps: list[tuple[str, int]], label: str) -> None:
    with store.action(label) as tx:
        conn = tx.db.conn
        for op, n in steps:
            ids = [r for (r,) in conn.execute("SELECT id FROM smr_worklist ORDER BY id")]
            if op == "add":
                top = conn.execute("SELECT coalesce(max(id), 0) FROM smr_worklist").fetchone()[0]
                added = range(top + 1, top + 1 + n)
                for i in added:  # the patients, then their cohorts, as an import adds them
                    conn.execute("INSERT INTO smr_worklist (practice_code, reference, note) VALUES (?, ?, ?)",
                                 [PRACTICES[i % 2], f"R{i}", None if i % 3 else f"note {i}"])
                for i in added:
                    for code in COHORTS[: 1 + i % 2]:
                        conn.execute("INSERT INTO smr_worklist_cohort (worklist_id, cohort_code) VALUES (?, ?)",
                                     [i, code])
            elif ids and op == "edit":
                conn.execute("UPDATE smr_worklist SET status = 'invited', rev = rev + 1 WHERE id = ?", [ids[n % len(ids)]])
            elif ids and op == "remove":
                conn.execute("DELETE FROM smr_worklist WHERE id = ?", [ids[n % len(ids)]])
            elif ids and op == "unlink":
                conn.execute("DELETE FROM smr_worklist_cohort WHERE worklist_id = ?", [ids[n % len(ids)]])
        derived.fill(conn)  # as the worklist's writers keep it (store/derived.py)


def _one_at_a_time(monkeypatch) -> None:
    """Undo and redo as before runs were put back together: one change at a time."""
    monkeypatch.setattr(runs, "rows_independent", lambda db, table: False)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(first=st.lists(step, min_size=1, max_size=6), second=st.lists(step, min_size=1, max_size=6))
def test_undo_and_redo_of_runs_are_exactly_one_change_at_a_time(tmp_path_factory, first, second):
    folder = tmp_path_factory.mktemp("runs")
    results = []
    for together in (True, False):
        with pytest.MonkeyPatch.context() as patch:
            if not together:
                _one_at_a_time(patch)
            store = _pcn(folder / f"{together}.db")
            try:
                _apply(store, first, "first")
                before = _state(store)
                _apply(store, second, "second")
                after = _state(store)
                undone = store.undo()
                assert _state(store) == before
                undo_trail = _trail(store, store.history(1)[0].id)
                store.redo()
                assert _state(store) == after
                results.append((before, after, undone.label if undone else None, undo_trail,
                                _trail(store, store.history(1)[0].id)))
            finally:
                store.close()
    assert results[0] == results[1]


def _imported(tmp_path: Path, rows: int = 300):
    store = _pcn(tmp_path / "pcn.db")
    _apply(store, [("add", rows)], "Import")
    return store


def test_undoing_and_redoing_hundreds_of_added_rows_takes_a_few_statements_not_one_per_row(tmp_path):
    store = _imported(tmp_path)
    before = _state(store)
    seen: list[str] = []
    store.conn.set_trace_callback(seen.append)
    store.undo()
    store.redo()
    store.conn.set_trace_callback(None)
    # one statement is traced again for each row its triggers run on: count runs of the same text
    statements = [s for i, s in enumerate(seen) if not s.startswith("--") and (i == 0 or seen[i - 1] != s)]
    assert len(statements) < 120, len(statements)  # 300 patients and 450 cohort links, undone then redone
    assert _state(store) == before


@pytest.mark.parametrize("change", [
    "UPDATE smr_worklist SET note = 'seen' WHERE id = 150",
    "DELETE FROM smr_worklist_cohort WHERE worklist_id = 7",
    "DELETE FROM smr_worklist WHERE id = 300",
])
def test_a_row_of_the_run_changed_since_refuses_the_undo_and_changes_nothing(tmp_path, change):
    store = _imported(tmp_path)
    for table in ("smr_worklist", "smr_worklist_cohort"):  # a change behind the audit trail's back
        for op in ("insert", "update", "delete"):
            store.conn.execute(f"DROP TRIGGER audit_{table}_{op}")
    store.conn.execute("BEGIN")
    store.conn.execute(change)
    store.conn.execute("COMMIT")
    now = _state(store)
    with pytest.raises(ConflictError, match="has been changed since"):
        store.undo()
    assert _state(store) == now


def test_a_row_taken_since_refuses_the_redo_and_changes_nothing(tmp_path):
    store = _imported(tmp_path)
    store.undo()
    store.conn.execute("DROP TRIGGER audit_smr_worklist_insert")
    store.conn.execute("BEGIN")
    store.conn.execute("INSERT INTO smr_worklist (id, practice_code, reference) VALUES (120, 'Y90001', 'other')")
    store.conn.execute("COMMIT")
    now = _state(store)
    with pytest.raises(ConflictError, match="has been changed since"):
        store.redo()
    assert _state(store) == now


@pytest.mark.parametrize("count", [0, 1, 399, 400, 401, 1234])
def test_many_rows_go_in_in_their_order_whatever_their_number(count):
    import sqlite3

    from pcntui.store.many import rows_insert

    conn = sqlite3.connect(":memory:")
    conn.execute("CREATE TABLE t (a TEXT, b INTEGER)")
    rows = [(f"row {i}", None if i % 3 else i) for i in range(count)]
    rows_insert("t", ("a", "b"))(conn, rows)
    assert conn.execute("SELECT rowid, a, b FROM t ORDER BY rowid").fetchall() == [
        (i + 1, a, b) for i, (a, b) in enumerate(rows)]

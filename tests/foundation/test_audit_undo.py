"""Audit trail and undo: one action = one transaction = one undo step; conflicts refused."""

import sqlite3

import pytest

from pcntui.errors import ConflictError
from pcntui.store import records
from pcntui.store import open_store


def add_pcn(store, code="U12345", name="Test PCN"):
    with store.action(f"Add {code}") as tx:
        tx.db["pcn"].insert({"code": code, "name": name})
        tx.db["practice"].insert({"code": "A00001", "pcn_code": code, "name": "First Practice"})


def test_every_write_is_recorded_with_before_and_after(store):
    add_pcn(store)
    with store.action("Rename") as tx:
        records.save(tx.db, "practice", "code", {"code": "A00001", "name": "Renamed"})
    changes = store.query("SELECT table_name, op, before, after FROM change ORDER BY id")
    assert [(c["table_name"], c["op"]) for c in changes] == [("pcn", "insert"), ("practice", "insert"), ("practice", "update")]
    assert '"First Practice"' in changes[2]["before"] and '"Renamed"' in changes[2]["after"]
    assert [a.label for a in store.history()] == ["Rename", "Add U12345"]


def test_write_outside_an_action_is_refused(store):
    with pytest.raises(sqlite3.IntegrityError):
        store.db["pcn"].insert({"code": "U12345", "name": "Sneaky"})
    assert store.scalar("SELECT count(*) FROM pcn") == 0


def test_failed_action_rolls_back_everything(store):
    with pytest.raises(ValueError):
        with store.action("Half") as tx:
            tx.db["pcn"].insert({"code": "U12345", "name": "Test"})
            raise ValueError("user cancelled")
    assert store.scalar("SELECT count(*) FROM pcn") == 0
    assert store.history() == []


def test_empty_action_leaves_no_undo_step(store):
    add_pcn(store)
    with store.action("Nothing"):
        pass
    assert [a.label for a in store.history()] == ["Add U12345"]


def test_undo_reverts_last_action_then_the_one_before(store):
    add_pcn(store)
    with store.action("Rename") as tx:
        records.save(tx.db, "practice", "code", {"code": "A00001", "name": "Renamed"})
    with store.action("Delete") as tx:
        records.delete(tx.db, "practice", "code", "A00001")
    assert store.undo().label == "Delete"
    assert store.query("SELECT name FROM practice") == [{"name": "Renamed"}]
    assert store.undo().label == "Rename"
    assert store.query("SELECT name, rev FROM practice") == [{"name": "First Practice", "rev": 0}]
    assert store.undo().label == "Add U12345"
    assert store.scalar("SELECT count(*) FROM pcn") == 0
    assert store.undo() is None
    labels = [(a.label, a.state) for a in store.history()]
    assert labels[:3] == [("Undo: Add U12345", "done"), ("Undo: Rename", "done"), ("Undo: Delete", "done")]
    assert ("Delete", "undone") in labels


def test_undo_survives_reopen(db_path):
    store = open_store(db_path, mode="create")
    add_pcn(store)
    store.close()
    store = open_store(db_path)
    assert store.undo().label == "Add U12345"
    assert store.scalar("SELECT count(*) FROM practice") == 0
    store.close()


def test_second_copy_cannot_silently_overwrite(db_path):
    first = open_store(db_path, mode="create")
    add_pcn(first)
    second = open_store(db_path)
    rev = first.scalar("SELECT rev FROM practice WHERE code = 'A00001'")
    with second.action("Second copy edits") as tx:
        records.save(tx.db, "practice", "code", {"code": "A00001", "name": "Second"}, expected_rev=rev)
    with pytest.raises(ConflictError, match="changed by someone else"):
        with first.action("First copy edits a stale form") as tx:
            records.save(tx.db, "practice", "code", {"code": "A00001", "name": "First"}, expected_rev=rev)
    assert first.query("SELECT name FROM practice") == [{"name": "Second"}]
    first.close()
    second.close()


def test_undo_refused_when_rows_changed_elsewhere(db_path):
    first = open_store(db_path, mode="create")
    add_pcn(first)
    with first.action("Rename") as tx:
        records.save(tx.db, "practice", "code", {"code": "A00001", "name": "Renamed"})
    # another program edits the same row outside our knowledge (recorded as its own action)
    other = open_store(db_path)
    with other.action("Other") as tx:
        tx.db.execute("UPDATE practice SET postcode = 'ZZ1 1ZZ'")
    other.close()
    # the latest action is 'Other' (undoable); undo it, then 'Rename' is undoable again
    assert first.undo().label == "Other"
    assert first.undo().label == "Rename"
    first.close()


def test_conflicting_undo_changes_nothing(store):
    add_pcn(store)
    # simulate a row changed behind the audit trail's back (e.g. by an old tool)
    store.conn.execute("DROP TRIGGER audit_practice_update")
    store.conn.execute("BEGIN")
    store.conn.execute("UPDATE practice SET name = 'Changed behind our back'")
    store.conn.execute("COMMIT")
    with pytest.raises(ConflictError, match="changed since"):
        store.undo()
    assert store.scalar("SELECT count(*) FROM pcn") == 1
    assert store.history()[0].state == "done"


def test_backup_is_consistent_copy(store, tmp_path):
    add_pcn(store)
    out = store.backup(tmp_path / "copy.db")
    copy = open_store(out)
    assert copy.query("SELECT name FROM practice") == [{"name": "First Practice"}]
    assert (out.stat().st_mode & 0o777) == 0o600
    copy.close()
    assert store.check() == []

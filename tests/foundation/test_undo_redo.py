"""Undo is exact under concurrency and can itself be undone (redo); a new change ends the redo chain."""

from __future__ import annotations

import sqlite3

import pytest

from pcntui.errors import ConflictError, UserError
from pcntui.store import audit, records
from pcntui.store import open_store
from tests.reliability.history_checks import replay


def add_pcn(store):
    with store.action("Add U12345") as tx:
        tx.db["pcn"].insert({"code": "U12345", "name": "Test PCN"})
        tx.db["practice"].insert({"code": "A00001", "pcn_code": "U12345", "name": "First Practice"})


def rename(store, name, label=None):
    with store.action(label or f"Rename to {name}") as tx:
        records.save(tx.db, "practice", "code", {"code": "A00001", "name": name})


def practice(store) -> str | None:
    return store.scalar("SELECT name FROM practice WHERE code = 'A00001'")


def newer_saves_left_in_effect(store) -> list[str]:
    """Saves that committed between an undo's target and the undo itself and are still in
    effect: the undo skipped them (it should have reverted the newest)."""
    rows = store.query(
        "SELECT u.id AS undo_id, x.label FROM action u JOIN action x ON x.id > u.undoes AND x.id < u.id "
        "WHERE u.undoes IS NOT NULL AND x.undoes IS NULL AND x.state = 'done'"
    )
    return [f"undo #{r['undo_id']} skipped '{r['label']}'" for r in rows]


# ------------------------------------------------------------------ the race
def test_undo_reads_its_target_inside_the_write_transaction(db_path, monkeypatch):
    """Another copy saves right after undo has read what to revert: that save must either wait
    for the undo (so the undo reverts the newest change) or be the one undone; never skipped."""
    first = open_store(db_path, mode="create")
    add_pcn(first)
    rename(first, "Renamed")
    other = open_store(db_path)
    other.conn.execute("PRAGMA busy_timeout = 0")  # do not wait: say at once whether the file is locked
    real = audit.last_undoable
    seen = []

    def other_copy_saves():
        with other.action("Other copy renames the PCN") as tx:
            tx.db.execute("UPDATE pcn SET name = 'Renamed by the other copy'")

    def read_then_another_copy_saves(db):
        found = real(db)
        if not seen:
            seen.append(found.label)
            try:
                other_copy_saves()
                seen.append("the other copy saved in between")
            except UserError:  # busy: the undo holds the write lock from its read to its write
                seen.append("the other copy had to wait")
        return found

    monkeypatch.setattr(audit, "last_undoable", read_then_another_copy_saves)
    undone = first.undo()
    monkeypatch.undo()
    if seen[-1] == "the other copy had to wait":
        other_copy_saves()
    assert seen == ["Rename to Renamed", "the other copy had to wait"]
    assert undone.label == "Rename to Renamed"
    assert newer_saves_left_in_effect(first) == []
    assert practice(first) == "First Practice"
    assert first.scalar("SELECT name FROM pcn") == "Renamed by the other copy"
    other.close()
    first.close()


def test_an_undo_shown_to_the_user_is_refused_if_another_change_became_the_latest(db_path):
    first = open_store(db_path, mode="create")
    add_pcn(first)
    rename(first, "Renamed")
    shown = first.undo_target()
    other = open_store(db_path)
    rename(other, "Other", label="Other copy renames")
    other.close()
    with pytest.raises(ConflictError, match="no longer the one shown.*nothing was undone"):
        first.undo(expected_id=shown.id)
    assert practice(first) == "Other"
    assert first.undo(expected_id=first.undo_target().id).label == "Other copy renames"
    first.close()


# ------------------------------------------------------------------ redo
def test_redo_puts_back_what_undo_reverted_and_undo_of_a_redo_works(store):
    add_pcn(store)
    rename(store, "Second")
    rename(store, "Third")
    assert store.undo().label == "Rename to Third"
    assert store.undo().label == "Rename to Second"
    assert practice(store) == "First Practice"
    # redo goes forward in the reverse order of the undos
    assert store.redo().subject == "Rename to Second"
    assert practice(store) == "Second"
    assert store.redo().subject == "Rename to Third"
    assert practice(store) == "Third"
    assert store.redo() is None  # nothing left to redo
    # undo of a redo reverts it; redo brings it back again
    undone = store.undo()
    assert (undone.kind, undone.subject) == ("redo", "Rename to Third")
    assert practice(store) == "Second"
    assert store.redo().subject == "Rename to Third"
    assert practice(store) == "Third"
    labels = [(a.label, a.kind) for a in store.history()[:4]]
    assert labels == [("Redo: Rename to Third", "redo"), ("Undo: Rename to Third", "undo"),
                      ("Redo: Rename to Third", "redo"), ("Redo: Rename to Second", "redo")]
    assert replay(store).problems == []


def test_a_new_change_ends_the_redo_chain(store):
    add_pcn(store)
    rename(store, "Second")
    store.undo()
    assert store.redo_target().subject == "Rename to Second"
    rename(store, "Something else")
    assert store.redo_target() is None
    assert store.redo() is None
    assert practice(store) == "Something else"
    # the undo before the new change stays undone; undo now reverts the new change
    assert store.undo().label == "Rename to Something else"
    assert store.redo().subject == "Rename to Something else"
    assert store.redo() is None
    assert replay(store).problems == []


def test_nothing_to_redo_leaves_no_trace(store):
    add_pcn(store)
    assert store.redo() is None
    assert [a.label for a in store.history()] == ["Add U12345"]


def test_a_redo_whose_rows_changed_behind_its_back_is_refused_and_changes_nothing(store):
    add_pcn(store)
    rename(store, "Second")
    store.undo()
    store.conn.execute("DROP TRIGGER audit_practice_update")  # an old tool edits without recording
    store.conn.execute("UPDATE practice SET name = 'Behind our back'")
    before = store.history()
    with pytest.raises(ConflictError, match="Cannot redo 'Rename to Second': a practice record it changed "
                                            "has been changed since"):
        store.redo()
    assert practice(store) == "Behind our back"
    assert store.history() == before


def test_history_says_what_was_undone_and_redone(store):
    add_pcn(store)                  # 1
    rename(store, "Second")         # 2
    store.undo()                    # 3 undoes 2
    store.redo()                    # 4 redoes 2
    rename(store, "Third")          # 5
    store.undo()                    # 6 undoes 5
    status = {a.id: a.status for a in store.history()}
    assert status == {
        1: "done",
        2: "redone by #4",
        3: "undoes #2, redone by #4",
        4: "redoes #2",
        5: "undone by #6",
        6: "undoes #5",
    }
    store.undo()                    # 7 undoes the redo 4: rename 2 is undone again
    status = {a.id: a.status for a in store.history()}
    assert (status[2], status[4], status[7]) == ("undone by #7", "redoes #2, undone by #7", "undoes #4")
    assert store.action_summary(4).status == "redoes #2, undone by #7"


def test_a_version_1_file_is_migrated_and_its_undos_can_be_redone(db_path):
    """Files written before redo existed: their undos become kind 'undo' (and can be redone)."""
    store = open_store(db_path, mode="create")
    add_pcn(store)
    rename(store, "Second")
    store.undo()
    store.close()
    conn = sqlite3.connect(db_path)  # make it what version 1 wrote: no kind column
    conn.execute("DROP INDEX action_kind")
    conn.execute("ALTER TABLE action DROP COLUMN kind")
    conn.execute("PRAGMA user_version = 1")
    conn.commit()
    conn.close()
    store = open_store(db_path)
    assert [(a.label, a.kind) for a in store.history()] == [
        ("Undo: Rename to Second", "undo"), ("Rename to Second", "do"), ("Add U12345", "do")]
    assert store.redo().subject == "Rename to Second"
    assert practice(store) == "Second"
    store.close()

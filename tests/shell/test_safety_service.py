"""Undo and redo are services (services.safety) for both front ends: an undo of 10 rows or more
is done only once confirmed (design of issue 9, §2.15 item 17)."""

from __future__ import annotations

import pytest

from pcntui.errors import ConflictError
from pcntui.services.safety import ConfirmUndo, redo, undo, undo_question, undo_target
from pcntui.store import open_store


def practices(store) -> int:
    return len(store.query("SELECT code FROM practice"))


def test_a_big_undo_is_refused_until_confirmed(demo_db):
    with open_store(demo_db) as store:
        target = undo_target(store)
        assert target.needs_confirmation
        with pytest.raises(ConfirmUndo) as asked:
            undo(store)
        assert asked.value.question == undo_question(target)
        assert asked.value.question.startswith("'Load the demo PCN' changed ")
        assert practices(store) == 6  # nothing undone
        assert undo(store, expected_id=target.id, confirmed=True).id == target.id
        assert practices(store) == 0
        assert redo(store).undoes == target.id  # the undo it reverted
        assert practices(store) == 6


def test_a_small_undo_needs_no_confirmation(store):
    with store.action("Add a PCN") as tx:
        tx.db["pcn"].insert({"code": "U12345", "name": "Small"})
    assert undo(store).subject == "Add a PCN"
    assert undo(store) is None  # nothing left


def test_undo_of_another_action_than_the_one_shown_is_refused(demo_db):
    with open_store(demo_db) as store:
        shown = undo_target(store)
        with store.action("Rename") as tx:
            tx.execute("UPDATE practice SET name = 'Other' WHERE code = 'Y90001'")
        with pytest.raises(ConflictError):
            undo(store, expected_id=shown.id, confirmed=True)
        assert store.query("SELECT name FROM practice WHERE code = 'Y90001'")[0]["name"] == "Other"

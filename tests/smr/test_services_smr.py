"""The SMR services: one action per use case, checked inside it; a refusal changes nothing."""

from __future__ import annotations

import hashlib

import pytest

from pcntui.errors import ConflictError, ValidationFailed
from pcntui.services.smr.counts import delete_counts, save_counts
from pcntui.services.smr.worklist import save_worklist_entry
from pcntui.store.smr_counts import count_row
from tests.smr.conftest import TODAY, add_patient

COUNT = {"practice_code": "Y90001", "cohort": "Care home residents", "as_of": "31/05/2026", "eligible": "50",
         "completed": "20"}


def digest(store) -> str:
    return hashlib.sha256("\n".join(store.conn.iterdump()).encode()).hexdigest()


def actions(store) -> int:
    return store.scalar("SELECT count(*) FROM action")


def test_counts_saved_in_one_action_named_for_the_user_and_undone(pcn_store):
    saved = save_counts(pcn_store, COUNT, today=TODAY)
    assert saved.note == "Saved SMR counts for Y90001 Care home residents on 2026-05-31."
    assert pcn_store.query("SELECT label FROM action")[-1]["label"] == "SMR counts Y90001 Care home residents 2026-05-31"
    pcn_store.undo()
    assert count_row(pcn_store, "Y90001", "CARE_HOME", saved.value.as_of) is None


def test_completed_above_eligible_is_refused_and_nothing_is_written(pcn_store):
    before, n = digest(pcn_store), actions(pcn_store)
    with pytest.raises(ValidationFailed) as refused:
        save_counts(pcn_store, {**COUNT, "completed": "51"}, today=TODAY)
    assert [(m.loc, m.level) for m in refused.value.messages] == [(("completed",), "error")]
    assert refused.value.lines() == ["--completed: 51 is more than the 50 eligible; completed reviews are counted "
                                     "among eligible patients."]
    assert digest(pcn_store) == before and actions(pcn_store) == n


def test_a_correction_says_it_replaces_and_a_stale_one_is_a_conflict_with_what_is_held(pcn_store):
    save_counts(pcn_store, COUNT, today=TODAY)
    rev = count_row(pcn_store, "Y90001", "CARE_HOME", save_counts(pcn_store, COUNT, today=TODAY).value.as_of)["rev"]
    again = save_counts(pcn_store, {**COUNT, "completed": "25"}, today=TODAY, expected_rev=rev)
    assert [(w.loc, w.level) for w in again.warnings] == [(("as_of",), "info")]
    assert "held already; saving replaces them" in again.warnings[0].text
    with pytest.raises(ConflictError) as stale:
        save_counts(pcn_store, {**COUNT, "completed": "30"}, today=TODAY, expected_rev=rev)
    assert stale.value.current == {"eligible": 50, "completed": 25, "invited": None, "declined": None}


def test_counts_above_a_later_snapshot_warn_on_the_field(pcn_store):
    save_counts(pcn_store, {**COUNT, "as_of": "2026-07-31", "completed": "20"}, today=TODAY)
    saved = save_counts(pcn_store, {**COUNT, "as_of": "2026-06-30", "completed": "24"}, today=TODAY)
    assert [(w.loc, w.text) for w in saved.warnings] == [
        (("completed",), "24 is more than the 20 held for the later date 2026-07-31.")]


def test_delete_counts(pcn_store):
    save_counts(pcn_store, COUNT, today=TODAY)
    snap = save_counts(pcn_store, COUNT, today=TODAY).value
    assert delete_counts(pcn_store, "y90001", "CARE_HOME", snap.as_of, today=TODAY).note.startswith("Deleted")
    with pytest.raises(Exception, match="No SMR counts are held"):
        delete_counts(pcn_store, "Y90001", "CARE_HOME", snap.as_of, today=TODAY)


def test_a_worklist_edit_changes_only_what_is_given_and_is_undone(pcn_store):
    entry_id = add_patient(pcn_store, "Y90001", "E-1", ["CARE_HOME"], nhs_number="9434765919", note="first")
    n = actions(pcn_store)
    saved = save_worklist_entry(pcn_store, {"status": "booked", "booked_on": "2026-11-01"}, today=TODAY,
                                entry=("y90001", "e-1"))
    assert saved.value == entry_id and actions(pcn_store) == n + 1
    row = pcn_store.query("SELECT status, booked_on, note, nhs_number FROM smr_worklist WHERE id = ?", [entry_id])[0]
    assert row == {"status": "booked", "booked_on": "2026-11-01", "note": "first", "nhs_number": "9434765919"}
    pcn_store.undo()
    assert pcn_store.scalar("SELECT status FROM smr_worklist WHERE id = ?", [entry_id]) == "identified"

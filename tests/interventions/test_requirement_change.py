"""Changing a DES requirement (services/requirements.change_requirement): the one use case behind `e`
on the requirements screen and `pcntui requirement set` — one action, one model, one rule set."""

from __future__ import annotations

import sqlite3
from datetime import date

import pytest

from pcntui.cli.main import main
from pcntui.errors import ConflictError, ValidationFailed
from pcntui.inputs.base import meta, sentence, validate
from pcntui.inputs.context import Ctx
from pcntui.inputs.requirements import RequirementChangeIn
from pcntui.services.requirements import change_requirement
from pcntui.store import open_store
from pcntui.store.requirements import get_requirement, list_requirements

TODAY = date(2026, 11, 23)
OPEN = "2026-27-cancer"  # not started, no evidence in the demo


def dump(path) -> list:
    conn = sqlite3.connect(path)
    try:
        return [(t, conn.execute(f'SELECT * FROM "{t}" ORDER BY rowid').fetchall())
                for (t,) in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")]
    finally:
        conn.close()


def test_a_change_is_one_action_named_after_the_requirement_and_undone_whole(demo_copy):
    with open_store(demo_copy) as store:
        before = next(r for r in list_requirements(store) if r.ref_key == OPEN)
        saved = change_requirement(store, OPEN, {"status": "In progress", "owner": "Jo", "due_on": "31/12/2026"},
                                   today=TODAY)
        after = get_requirement(store, saved.value)
        assert (after.status, after.owner, after.due_on, after.evidence) == ("in_progress", "Jo", date(2026, 12, 31),
                                                                             None)
        assert saved.note == f"Updated DES requirement {saved.value}."
        assert store.history(1)[0].label == f"Edit DES requirement: {before.title}"
        store.undo()
        again = get_requirement(store, saved.value)
        assert (again.status, again.owner, again.due_on) == (before.status, before.owner, before.due_on)


def test_editing_a_shipped_row_on_a_new_file_is_one_undo_step(pcn_store, db_path):
    actions = len(pcn_store.history())
    rid = change_requirement(pcn_store, "2023-24-smr", {"owner": "Lead pharmacist"}, today=TODAY).value
    assert len(pcn_store.history()) == actions + 1
    assert get_requirement(pcn_store, rid).owner == "Lead pharmacist"
    pcn_store.undo()
    assert all(r.id is None for r in list_requirements(pcn_store))  # the shipped rows' copy went with it


def test_done_needs_evidence_given_now_or_already_held(demo_copy):
    with open_store(demo_copy) as store:
        before = dump(demo_copy)
        with pytest.raises(ValidationFailed) as caught:
            change_requirement(store, OPEN, {"status": "done"}, today=TODAY)
        assert caught.value.lines() == ["--evidence: say what shows it is done (the commissioner will ask)."]
        assert dump(demo_copy) == before  # refused inside the action: nothing written, not even the history
        rid = change_requirement(store, OPEN, {"evidence": "Audit of 2WW referrals"}, today=TODAY).value
        assert get_requirement(store, rid).status == "not_started"
        change_requirement(store, OPEN, {"status": "done"}, today=TODAY)  # the evidence held is enough
        assert get_requirement(store, rid).status == "done"
        with pytest.raises(ValidationFailed):
            change_requirement(store, rid, {"evidence": ""}, today=TODAY)  # done, then its evidence removed


def test_a_change_from_a_stale_copy_is_refused(demo_copy):
    with open_store(demo_copy) as store:
        rid = change_requirement(store, OPEN, {"owner": "Jo"}, today=TODAY).value
        old = get_requirement(store, rid).rev
        change_requirement(store, rid, {"owner": "Sam"}, today=TODAY, expected_rev=old)
        with pytest.raises(ConflictError):
            change_requirement(store, rid, {"owner": "Kim"}, today=TODAY, expected_rev=old)
        assert get_requirement(store, rid).owner == "Sam"


def test_the_cli_and_the_form_refuse_with_the_same_sentence(demo_copy, capsys):
    """The form shows "Evidence: …" (its label); the CLI "--evidence: …" (its flag); one text."""
    with open_store(demo_copy) as store:
        current = next(r for r in list_requirements(store) if r.ref_key == OPEN)
    form = validate(RequirementChangeIn, {**RequirementChangeIn.initial(current), "status": "done"}, Ctx(TODAY))
    (message,) = form.messages
    assert f"{meta(RequirementChangeIn, 'evidence').label}: {message.text}" == \
        "Evidence: say what shows it is done (the commissioner will ask)."
    assert main(["requirement", "set", OPEN, "--status", "done", "--db", str(demo_copy)]) == 2
    assert capsys.readouterr().err == f"pcntui: {sentence(message, RequirementChangeIn, front='cli')}\n"


def test_the_cli_sets_a_shipped_requirement_in_one_action(pcn_store, db_path, capsys):
    actions = len(pcn_store.history())
    pcn_store.close()
    assert main(["requirement", "set", "2023-24-smr", "--status", "in progress", "--owner", "Jo",
                 "--db", str(db_path)]) == 0
    assert capsys.readouterr().out.startswith("Updated DES requirement ")
    with open_store(db_path) as store:
        assert len(store.history()) == actions + 1

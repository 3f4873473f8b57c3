"""The ARRS services, headless: one action each (one undo step), refusals placed by field with
nothing written, a stale `expected_rev` refused with the record as the other copy saved it."""

from __future__ import annotations

from datetime import date

import pytest

from pcntui.errors import ConflictError, ValidationFailed
from pcntui.services.arrs.claims import save_claim
from pcntui.services.arrs.planned import add_planned, edit_planned
from pcntui.services.arrs.rules import save_rate
from pcntui.services.arrs.staff import add_staff, change_terms, edit_staff, record_leaver
from pcntui.store import open_store
from tests.conftest import file_sha

TODAY = date(2026, 11, 23)
AISHA = 7
GOOD = {"name": "Rosa Diaz", "role": "Clinical Pharmacist", "wte": "0.6", "start_date": "01/12/2026",
        "fte_salary": "£52,000"}


def actions(store) -> int:
    return store.scalar("SELECT count(*) FROM action")


def test_add_staff_is_one_action_that_undo_removes(demo_db):
    with open_store(demo_db) as store:
        before = actions(store)
        saved = add_staff(store, GOOD, today=TODAY)
        assert actions(store) == before + 1 and saved.note == "Added Rosa Diaz."
        terms = store.query("SELECT wte, fte_salary_pence FROM staff_terms WHERE staff_id = ?", [saved.value])
        assert terms == [{"wte": "0.6", "fte_salary_pence": 5_200_000}]
        assert all(w.level == "warning" for w in saved.warnings)  # the form's info lines stay in the form
        store.undo()
        assert store.query("SELECT id FROM staff WHERE name = 'Rosa Diaz'") == []


@pytest.mark.parametrize("bad, loc", [
    ({"wte": "1.5"}, ("wte",)), ({"end_date": "2026-11-01"}, ("end_date",)), ({"band": "12"}, ("band",)),
    ({"training_pathway": "maybe"}, ("training_pathway",)), ({"role": "Astronaut"}, ("role",)),
])
def test_a_refused_staff_record_is_placed_by_field_and_changes_nothing(demo_db, bad, loc):
    before = file_sha(demo_db)
    with open_store(demo_db) as store:
        with pytest.raises(ValidationFailed) as caught:
            add_staff(store, {**GOOD, **bad}, today=TODAY)
    assert loc in [m.loc for m in caught.value.errors]
    assert file_sha(demo_db) == before


def test_training_pathway_words_are_accepted_as_in_imports(demo_db):
    with open_store(demo_db) as store:
        saved = add_staff(store, {**GOOD, "training_pathway": "done"}, today=TODAY)
        assert store.scalar("SELECT training_pathway FROM staff WHERE id = ?", [saved.value]) == "completed"


def test_a_stale_rev_is_refused_with_what_the_other_copy_saved(demo_db):
    with open_store(demo_db) as store:
        rev = store.scalar("SELECT rev FROM staff WHERE id = ?", [AISHA])
        edit_staff(store, AISHA, {"supervisor": "Dr Other"}, today=TODAY, expected_rev=rev)  # the other copy
        with pytest.raises(ConflictError) as caught:
            edit_staff(store, AISHA, {"note": "mine"}, today=TODAY, expected_rev=rev)
        assert caught.value.current["supervisor"] == "Dr Other"
        assert store.scalar("SELECT note FROM staff WHERE id = ?", [AISHA]) == ""


def test_change_terms_and_leaver_checks_belong_to_their_fields(demo_db):
    with open_store(demo_db) as store:
        with pytest.raises(ValidationFailed) as caught:
            change_terms(store, AISHA, {"effective_from": "2020-01-01", "wte": "0.5"}, today=TODAY)
        assert [m.loc for m in caught.value.errors] == [("effective_from",)]
        with pytest.raises(ValidationFailed) as caught:
            change_terms(store, AISHA, {"effective_from": "2026-12-01"}, today=TODAY)
        assert [m.loc for m in caught.value.errors] == [()]  # nothing to change: about the record
        with pytest.raises(ValidationFailed) as caught:
            record_leaver(store, AISHA, {"end_date": "2020-01-01"}, today=TODAY)
        assert [m.loc for m in caught.value.errors] == [("end_date",)]


def test_a_new_planned_post_is_open_and_an_edit_may_close_it(demo_db):
    """§2.15 item 6."""
    post = {"role": "CP", "wte": "1", "expected_start": "2027-01-01", "fte_salary": "50000"}
    with open_store(demo_db) as store:
        with pytest.raises(ValidationFailed) as caught:
            add_planned(store, {**post, "status": "filled"}, today=TODAY)
        assert [m.loc for m in caught.value.errors] == [("status",)]
        saved = add_planned(store, post, today=TODAY)
        edit_planned(store, saved.value, {"status": "withdrawn"}, today=TODAY)
        assert store.scalar("SELECT status FROM planned_post WHERE id = ?", [saved.value]) == "withdrawn"


def test_a_rate_jump_is_a_warning_and_the_limit_an_error(demo_db):
    """§2.15 item 9."""
    with open_store(demo_db) as store:
        saved = save_rate(store, {"role": "CP", "effective_from": "2027-04-01", "annual_max": "95000"}, today=TODAY)
        assert [w.loc for w in saved.warnings] == [("annual_max",)]
        with pytest.raises(ValidationFailed) as caught:
            save_rate(store, {"role": "CP", "effective_from": "2027-04-01", "annual_max": "500000.01"}, today=TODAY)
        assert [m.loc for m in caught.value.errors] == [("annual_max",)]


def test_a_claim_paid_without_an_amount_paid_is_refused_under_that_box(demo_db):
    with open_store(demo_db) as store:
        with pytest.raises(ValidationFailed) as caught:
            save_claim(store, {"amount_claimed": "1000", "status": "paid"}, month=date(2026, 8, 1), name="Aisha Khan",
                       role_code="CC", staff_id=AISHA, today=TODAY)
        assert [m.loc for m in caught.value.errors] == [("amount_paid",)]
        assert store.scalar("SELECT count(*) FROM arrs_claim") == 0

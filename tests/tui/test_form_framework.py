"""The one form framework (tui/forms): checking as typed, messages under their box by `loc`,
and a refused save that keeps what the user typed — headless for the rules, Pilot for the modal."""

from __future__ import annotations

from datetime import date

import pytest
from textual.widgets import Input, Select

from pcntui.domain.requirements import STATUSES
from pcntui.errors import FieldMessage
from pcntui.inputs.context import Ctx
from pcntui.inputs.requirements import RequirementChangeIn
from pcntui.services.requirements import change_requirement
from pcntui.store import open_store
from pcntui.tui.forms import FieldSpec, FormModal, FormSpec, as_text, check_form, fields, open_form
from pcntui.tui.forms.spec import other_copy_text, place
from tests.tui.conftest import TODAY, settle

CTX = Ctx(TODAY)


def spec_for(requirement, *, today: date = TODAY) -> FormSpec:
    def save(store, values):
        return change_requirement(store, requirement.id, values, today=today, expected_rev=requirement.rev)

    return FormSpec(
        f"{requirement.fy}: {requirement.title}", RequirementChangeIn,
        fields(RequirementChangeIn, FieldSpec("status", widget="choice", choices=tuple(
            (label, code) for code, label in STATUSES.items())), "owner", "evidence"),
        save, base=RequirementChangeIn.initial(requirement))


class _Req:
    id, rev, fy, title = 1, 1, "2026/27", "A requirement"
    status, owner, evidence, due_on, due_confirmed = "not_started", None, None, date(2027, 3, 31), True


# ---------------------------------------------------------------- headless: where messages go


def test_done_without_evidence_is_an_error_under_evidence():
    result = check_form(spec_for(_Req()), {"status": "done", "owner": "", "evidence": ""}, CTX)
    assert not result.ok
    assert [m.text for m in result.under["evidence"]] == ["say what shows it is done (the commissioner will ask)."]
    assert "status" not in result.under and not result.general


def test_a_bad_choice_is_under_its_box_and_a_good_form_is_valid():
    bad = check_form(spec_for(_Req()), {"status": "finished", "owner": "", "evidence": ""}, CTX)
    assert "is not one of" in bad.under["status"][0].text
    good = check_form(spec_for(_Req()), {"status": "done", "owner": "Priya", "evidence": "Board minute"}, CTX)
    assert good.ok and good.value.status == "done" and good.value.owner == "Priya"


def test_a_message_about_the_record_or_a_field_not_shown_goes_under_the_form():
    under, general = place([FieldMessage(("wte",), "too big."), FieldMessage((), "whole record."),
                            FieldMessage(("other",), "not in form.")], ["wte"])
    assert [m.text for m in under["wte"]] == ["too big."]
    assert [m.text for m in general] == ["whole record.", "not in form."]


def test_values_are_shown_as_text_the_parsers_read_back():
    from decimal import Decimal

    assert [as_text(v) for v in (None, True, False, date(2026, 1, 2), Decimal("0.800"), Decimal("45000.50"),
                                 Decimal("45000"), 7)] == ["", "yes", "no", "2026-01-02", "0.8", "45000.5", "45000", "7"]


def test_fields_refuses_a_name_the_model_does_not_have():
    with pytest.raises(ValueError, match="wte"):
        fields(RequirementChangeIn, "wte")


def test_what_the_other_copy_saved_is_said_in_the_forms_labels():
    text = other_copy_text({"owner": "Sam", "evidence": None, "rev": 3}, spec_for(_Req()))
    assert text == "The other copy saved — Owner: Sam; Evidence: (blank)."


# ---------------------------------------------------------------- Pilot: the modal


def _first_requirement(db):
    from pcntui.store.requirements import list_requirements

    with open_store(db) as store:
        return list_requirements(store, fy="2026/27")[0]


async def _open(pilot, requirement, got: list):
    app = pilot.app
    open_form(app.screen, spec_for(requirement), RequirementChangeIn.initial(requirement), then=got.append)
    await settle(pilot)
    assert isinstance(app.screen, FormModal)
    return app.screen


async def _type(pilot, name: str, text: str) -> None:
    box = pilot.app.screen.query_one(f"#f-{name}", Input)
    box.focus()
    box.value = ""
    await pilot.press(*text) if text else await pilot.pause()


@pytest.fixture
def req_db(demo_db):
    """The demo with one requirement given a table id (so it has a rev to race on)."""
    from pcntui.store.requirements import list_requirements

    with open_store(demo_db) as store:
        r = list_requirements(store, fy="2026/27")[0]
        change_requirement(store, r.id if r.id is not None else r.ref_key, {"owner": "Lead"}, today=TODAY)
    return demo_db


async def test_an_error_waits_for_a_visit_or_a_save_and_the_form_stays_open(make_app, req_db):
    requirement = _first_requirement(req_db)
    got: list = []
    app = make_app(req_db)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        form = await _open(pilot, requirement, got)
        form.query_one("#f-status", Select).value = "done"
        await _type(pilot, "evidence", "")
        await settle(pilot)
        msg = form.query_one("#m-evidence")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert app.screen is form and not got
        assert "commissioner will ask" in str(msg.render())
        await _type(pilot, "evidence", "Minute 4")
        await settle(pilot)
        assert msg.has_class("-hidden")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert app.screen is not form and got and got[0].value == requirement.id


async def test_a_save_refused_because_another_copy_changed_it_keeps_the_typing(make_app, req_db):
    requirement = _first_requirement(req_db)
    got: list = []
    app = make_app(req_db)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        form = await _open(pilot, requirement, got)
        with open_store(req_db) as other:  # another copy saves first
            change_requirement(other, requirement.id, {"owner": "Sam Other"}, today=TODAY)
        await _type(pilot, "owner", "Mine")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert app.screen is form and not got
        assert form.query_one("#f-owner", Input).value == "Mine"
        said = str(form.query_one(".form-general").render())
        assert "Not saved" in said and "changed by someone else" in said and "Owner: Sam Other" in said

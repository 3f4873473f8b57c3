"""The CLI refuses what the interventions' and requirements' forms refuse, with the same sentence
(the form names the field by its label, the CLI by its flag): both check with the one input model.
Each case also leaves the database as it was."""

from __future__ import annotations

from datetime import date

import pytest

from pcntui.cli.main import main
from pcntui.services.context import load_ctx
from pcntui.store import open_store
from pcntui.tui.forms import as_text, check_form
from pcntui.tui.screens import requirements as req_forms
from pcntui.tui.screens.interventions import forms
from pcntui.views.interventions.detail import intervention_page
from tests.conftest import content_sha

TODAY = date(2026, 11, 23)


def form_sentence(db, form, typed: dict[str, str], item=None) -> str:
    """What the form says under the box for `typed` (the other boxes as the form starts them), with
    the context the form reads (tui/forms open_form: load_ctx of its `need`)."""
    spec, initial = form
    values = {f.name: as_text(initial.get(f.name)) for f in spec.fields} | typed
    with open_store(db) as store:
        ctx = load_ctx(store, today=TODAY, need=spec.need, item=item)
    result = check_form(spec, values, ctx)
    assert not result.ok
    errors = [m for ms in result.under.values() for m in ms if m.level == "error"] + result.general
    assert len(errors) == 1, errors
    return errors[0].text


def cli_sentence(db, argv: list[str], capsys) -> str:
    before = content_sha(db)
    assert main([*argv, "--db", str(db)]) == 2
    err = capsys.readouterr().err
    assert content_sha(db) == before and err.count("\n") == 1, err
    return err.removeprefix("pcntui: ").strip().split(": ", 1)[1]


def _page(db):
    with open_store(db) as store:
        return intervention_page(store, 1, TODAY)


CASES = {
    "a session in the future": (lambda p: forms.session(TODAY, p.detail),
                                {"held_on": "2030-01-01", "participants": "Residents=4"},
                                ["intervention", "session", "1", "--on", "2030-01-01", "--group", "Residents=4"]),
    "a session with nobody": (lambda p: forms.session(TODAY, p.detail), {"participants": ""},
                              ["intervention", "session", "1", "--on", "2026-11-23"]),
    "a participant count without a number": (lambda p: forms.session(TODAY, p.detail),
                                             {"participants": "Residents=4, Carers"},
                                             ["intervention", "session", "1", "--on", "2026-11-23", "--group",
                                              "Residents=4", "--group", "Carers"]),
    "a stage move in the future": (lambda p: forms.move_stage(TODAY, p.detail),
                                   {"stage": "evaluation", "on": "2030-01-01"},
                                   ["intervention", "stage", "1", "evaluation", "--on", "2030-01-01"]),
    "a stage move before it was created": (lambda p: forms.move_stage(TODAY, p.detail),
                                           {"stage": "evaluation", "on": "2020-01-01"},
                                           ["intervention", "stage", "1", "evaluation", "--on", "2020-01-01"]),
    "an action done in the future": (lambda p: forms.done(TODAY, p.detail.actions[0]), {"on": "2030-01-01"},
                                     ["intervention", "done", "1", "--on", "2030-01-01"]),
    "a reading in the future": (lambda p: forms.reading(TODAY, p.detail.measures[0]),
                                {"value": "5", "taken_on": "2030-01-01"},
                                ["intervention", "reading", "1", "5", "--on", "2030-01-01"]),
    "a reading before the baseline": (lambda p: forms.reading(TODAY, p.detail.measures[0]),
                                      {"value": "5", "taken_on": "2020-01-01"},
                                      ["intervention", "reading", "1", "5", "--on", "2020-01-01"]),
    "a reading that is not a number": (lambda p: forms.reading(TODAY, p.detail.measures[0]), {"value": "five"},
                                       ["intervention", "reading", "1", "five"]),
    "a practice not in the PCN": (lambda p: forms.new_intervention(TODAY),
                                  {"title": "x", "practices": "Y90001 Z99999"},
                                  ["intervention", "add", "--title", "x", "--practices", "Y90001,Z99999"]),
    "a budget in words": (lambda p: forms.new_intervention(TODAY),
                          {"title": "x", "budget": "lots"}, ["intervention", "add", "--title", "x", "--budget", "lots"]),
    "a blank title": (lambda p: forms.edit_intervention(TODAY, p.detail), {"title": " "},
                      ["intervention", "edit", "1", "--title", " "]),
    "a size that is negative": (lambda p: forms.edit_intervention(TODAY, p.detail),
                                {"population_size": "-5"}, ["intervention", "edit", "1", "--size=-5"]),
    "a measure aiming the wrong way": (lambda p: forms.measure(TODAY, p.detail),
                                       {"name": "x", "baseline_value": "5", "baseline_on": "2026-01-01",
                                        "target_value": "1"},
                                       ["intervention", "measure", "1", "--name", "x", "--baseline", "5",
                                        "--baseline-on", "2026-01-01", "--target", "1"]),
    "a target date left blank": (lambda p: forms.stage_target(TODAY, p.detail),
                                 {"stage": "evaluation", "target_on": ""},
                                 ["intervention", "target", "1", "evaluation", " "]),
    "a partner without a name": (lambda p: forms.partner(TODAY, p.detail), {"name": ""},
                                 ["intervention", "partner", "1", "--name", ""]),
}


@pytest.mark.parametrize("case", sorted(CASES))
def test_the_cli_refuses_what_the_intervention_forms_refuse(case, demo_copy, capsys):
    make, typed, argv = CASES[case]
    page = _page(demo_copy)
    form = make(page)
    item = page.detail.measures[0] if "reading" in case else page.detail.actions[0] if "done" in case else page.detail
    said = form_sentence(demo_copy, form, typed, item)
    assert cli_sentence(demo_copy, argv, capsys) == said


def _requirement(db, key: str):
    from pcntui.views.base import ViewQuery
    from pcntui.views.requirements import requirements_page
    from pcntui.domain.period import Period

    with open_store(db) as store:
        page = requirements_page(store, ViewQuery(Period.make(TODAY, None), fy_given=False))
    return next(r for r in page.items if r.ref_key == key or str(r.id) == key)


@pytest.mark.parametrize("typed, argv", [
    ({"status": "done", "evidence": ""}, ["requirement", "set", "2026-27-cancer", "--status", "done"]),
    ({"status": "finished"}, ["requirement", "set", "2026-27-cancer", "--status", "finished"]),
], ids=["done without evidence", "a status that is not one"])
def test_the_cli_refuses_what_the_requirement_form_refuses(typed, argv, demo_copy, capsys):
    r = _requirement(demo_copy, "2026-27-cancer")
    said = form_sentence(demo_copy, req_forms.change_form(TODAY, r), typed, r)
    assert cli_sentence(demo_copy, argv, capsys) == said


@pytest.mark.parametrize("typed, argv", [
    ({"fy": "2027"}, ["requirement", "add", "--fy", "2027", "--area", "cvd", "--title", "x"]),
    ({"title": "x", "due_on": "31/02/2027"}, ["requirement", "add", "--fy", "2027/28", "--area", "cvd", "--title", "x",
                                              "--due", "31/02/2027"]),
], ids=["a year that is not one", "a due date that is not a date"])
def test_the_cli_refuses_what_the_new_requirement_form_refuses(typed, argv, demo_copy, capsys):
    said = form_sentence(demo_copy, req_forms.new_form(TODAY, "2027/28"), {"title": "x", **typed})
    assert cli_sentence(demo_copy, argv, capsys) == said


def test_a_new_intervention_starts_focused_on_a_local_group_in_the_form_and_the_cli(demo_copy, capsys):
    """Design §2.15 item 3: before, the form started at Core20 and the CLI at local."""
    spec, initial = forms.new_intervention(TODAY)
    assert initial["focus_kind"] == "local" and any(f.name == "focus_kind" for f in spec.fields)
    assert main(["intervention", "add", "--title", "Walk-in", "--db", str(demo_copy)]) == 0
    with open_store(demo_copy) as store:
        assert intervention_page(store, 5, TODAY).detail.focus_kind == "local"

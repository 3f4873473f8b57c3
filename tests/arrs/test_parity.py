"""The CLI refuses what the TUI's ARRS forms refuse, with the same sentence (issue 9): each bad input
is checked by the form's own spec (what the form shows under its boxes) and by `pcntui arrs …`
(stderr, exit 2, the flag named), and nothing is saved by the CLI. Warnings are said by both."""

from __future__ import annotations

from datetime import date

import pytest

from pcntui.cli.main import main
from pcntui.domain.fy import FinancialYear
from pcntui.inputs.base import flags_of
from pcntui.services.context import load_ctx
from pcntui.store import open_store
from pcntui.inputs.arrs import EntitlementIn, StaffIn
from pcntui.tui.forms import as_text, check_form
from pcntui.tui.screens.arrs import forms
from pcntui.views.arrs.people import find_member
from pcntui.views.arrs.year import entitlement_of, rulebook
from tests.conftest import file_sha

TODAY = date(2026, 11, 23)
AISHA = "Aisha Khan"  # demo: Care Coordinator, 1 WTE from 2024-10-01
FY = FinancialYear.parse("2026/27")

STAFF = {"name": "Ada Lovel", "role": "CP", "wte": "0.8", "start_date": "2026-04-01", "fte_salary": "50000"}
POST = {"role": "CP", "wte": "1", "expected_start": "2027-01-01", "fte_salary": "50000"}
RATE = {"role": "CP", "effective_from": "2027-04-01", "annual_max": "70000"}


def spec_of(form: str, store):
    if form == "add_staff":
        return forms.staff_spec(None, TODAY), None
    if form == "edit_staff":
        m = find_member(store, AISHA)
        return forms.staff_spec(m, TODAY), m
    if form == "change":
        m = find_member(store, AISHA)
        return forms.change_spec(m, TODAY), m
    if form == "leave":
        m = find_member(store, AISHA)
        return forms.leaver_spec(m, TODAY), m
    if form == "plan":
        return forms.planned_spec(None, FY, TODAY, None, TODAY), None
    if form == "entitlement":
        return forms.entitlement_spec(FY, entitlement_of(store, FY), rulebook(store), TODAY), FY
    return forms.rate_spec(None, TODAY), None


def argv_of(form: str, values: dict[str, str], model) -> list[str]:
    head = {"add_staff": ["arrs", "add"], "edit_staff": ["arrs", "edit", AISHA], "change": ["arrs", "change", AISHA],
            "leave": ["arrs", "leave", AISHA], "plan": ["arrs", "plan"],
            "entitlement": ["arrs", "entitlement", "--fy", FY.label], "rate": ["arrs", "rate"]}[form]
    flags = flags_of(model)
    return [*head, *(part for name, text in values.items() for part in (flags[name], text))]


def initial_of(form: str, item, store) -> dict[str, object]:
    """What the form's boxes hold when it opens (as `forms.open_*` fills them)."""
    if form == "add_staff":
        return {"arrs_funded": "yes", "estimated": "no"}
    if form == "edit_staff":
        return StaffIn.initial(item, rulebook(store))
    if form == "leave":
        return {"end_date": item.end_date}
    if form == "plan":
        return {"status": "planned"}
    if form == "entitlement":
        return EntitlementIn.initial(entitlement_of(store, FY))
    return {"reimbursement_pct": "100"} if form == "rate" else {}


def form_says(form: str, values: dict[str, str], db) -> tuple[list[str], list[str]]:
    """(errors, warnings) as the form places them when `values` are typed over what it opens with,
    each as the CLI would say it ("--flag: text")."""
    with open_store(db) as store:
        spec, item = spec_of(form, store)
        ctx = load_ctx(store, today=TODAY, need=spec.need, item=item)
        typed = {k: as_text(v) for k, v in {**initial_of(form, item, store), **values}.items()}
        result = check_form(spec, typed, ctx)
    flags = flags_of(spec.model)
    said = [(flags[name] + ": " + m.text, m.level) for name, ms in result.under.items() for m in ms]
    said += [(m.text, m.level) for m in result.general]
    return sorted(t for t, level in said if level == "error"), sorted(t for t, level in said if level == "warning")


CASES = [  # (form, values typed, why)
    ("add_staff", {**STAFF, "wte": "1.5"}, "WTE above 1"),
    ("add_staff", {**STAFF, "wte": "²"}, "a superscript is not a number"),
    ("add_staff", {**STAFF, "wte": "1,2,3"}, "thousands commas in a WTE"),
    ("add_staff", {**STAFF, "wte": "NaN"}, "not a number"),
    ("add_staff", {**STAFF, "fte_salary": "50"}, "not a plausible salary"),
    ("add_staff", {**STAFF, "oncost_pct": "100"}, "on-cost of 100%"),
    ("add_staff", {**STAFF, "band": "12"}, "not an AfC band (§2.15 item 8)"),
    ("add_staff", {**STAFF, "training_pathway": "maybe"}, "not a training status (§2.15 item 8)"),
    ("add_staff", {**STAFF, "arrs_funded": "perhaps"}, "not yes or no (§2.15 item 8)"),
    ("add_staff", {**STAFF, "reimbursement_pct": "0"}, "an own % of 0"),
    ("add_staff", {**STAFF, "role": "Astronaut"}, "not an ARRS role"),
    ("add_staff", {**STAFF, "start_date": "31/02/2026"}, "not a real date"),
    ("add_staff", {**STAFF, "end_date": "2026-01-01"}, "ends before it starts (the domain's record rule)"),
    ("edit_staff", {"band": "band 12"}, "a correction with a bad band"),
    ("change", {"effective_from": "2020-01-01", "wte": "0.5"}, "not in post on that day"),
    ("change", {"effective_from": "2026-12-01", "fte_salary": "£1,000,000"}, "salary above £500,000"),
    ("leave", {"end_date": "2020-01-01"}, "leaves before starting"),
    ("plan", {**POST, "status": "filled"}, "a new post with a closed status (§2.15 item 6)"),
    ("plan", {**POST, "expected_end": "2026-01-01"}, "ends before it starts"),
    ("entitlement", {"amount": "900000", "rate_per_patient": "20"}, "a rate and an amount"),
    ("entitlement", {"weighted_population": "-3"}, "a negative population"),
    ("rate", {**RATE, "annual_max": "600000"}, "a maximum above £500,000 (§2.15 item 9)"),
    ("rate", {**RATE, "annual_max": "0"}, "a maximum of £0 (§2.15 item 9)"),
]


@pytest.mark.parametrize("form, values, why", CASES, ids=[c[2] for c in CASES])
def test_the_cli_refuses_what_the_form_refuses_with_the_same_sentence(form, values, why, demo_db, capsys):
    errors, _ = form_says(form, values, demo_db)
    assert errors, f"the form accepts {values} ({why})"
    with open_store(demo_db) as store:
        model = spec_of(form, store)[0].model
    before = file_sha(demo_db)
    capsys.readouterr()
    assert main([*argv_of(form, values, model), "--db", str(demo_db)]) == 2
    said = sorted(line.removeprefix("pcntui: ") for line in capsys.readouterr().err.splitlines())
    assert said == errors
    assert file_sha(demo_db) == before  # nothing saved


@pytest.mark.parametrize("form, values", [
    ("rate", {**RATE, "annual_max": "95000"}),  # a jump of more than 25% on the maximum in force (§2.15 item 9)
    ("add_staff", {**STAFF, "fte_salary": "250000"}),  # far above the role's bands
])
def test_a_warning_is_said_by_both_and_does_not_stop_the_save(form, values, demo_db, capsys):
    errors, warnings = form_says(form, values, demo_db)
    assert not errors and warnings
    with open_store(demo_db) as store:
        model = spec_of(form, store)[0].model
    capsys.readouterr()
    assert main([*argv_of(form, values, model), "--db", str(demo_db)]) == 0
    out = capsys.readouterr().out
    for text in warnings:
        assert "  warning: " + text.split(": ", 1)[1] in out

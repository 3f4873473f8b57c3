"""Input models (pcntui/inputs): one declaration per field (label, hint, CSV column, CLI flag), each
type over ONE parser of domain/parse.py, record rules field-tagged, and each front end's sentence."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from pydantic import model_validator

from pcntui.errors import FieldMessage, ValidationFailed
from pcntui.inputs.base import InputModel, Problems, check, columns_of, field, flags_of, meta, sentence, validate
from pcntui.inputs.context import Ctx
from pcntui.inputs.types import (
    FTE, FY, WTE, CohortCode, Count, Day, Id, Money, OptDay, OptText, Pct, PositiveMoney, PracticeCode, RoleCode,
    Text, YesNo, choice,
)
from pcntui.services.context import load_ctx

TODAY = date(2026, 11, 23)
CTX = Ctx(TODAY)


class Post(InputModel):
    wte: WTE = field("WTE", "more than 0 and at most 1, e.g. 0.8")
    fte_salary: Money = field("FT salary £", "full-time annual salary", flag="--salary", aliases=("salary",))
    start_date: Day = field("Start date", flag="--start")
    end_date: OptDay = field("End date", default=None, flag="--end")
    funded: YesNo = field("ARRS-funded", default=True)
    name: Text(20) = field("Name", default="Asha Patel")
    note: OptText(10) = field("Note", default=None)
    kind: choice({"clinical": "Clinical", "non_clinical": "Non-clinical"}, {"admin": "non_clinical"}) = field(
        "Kind", default="clinical")

    @model_validator(mode="after")
    def _dates(self) -> Post:
        if self.end_date is not None and self.end_date < self.start_date:
            raise Problems([FieldMessage(("end_date",), "is before the start date.")])
        return self

    def warnings(self, ctx: Ctx) -> list[FieldMessage]:
        return [FieldMessage((), "starts in the future.", "warning")] if self.start_date > ctx.today else []


GOOD = {"wte": "0.8", "fte_salary": "£45,000", "start_date": "01/12/2025"}


def messages(raw: dict, model=Post) -> dict[tuple, str]:
    result = validate(model, raw, CTX)
    assert not result.ok
    return {m.loc: m.text for m in result.messages}


def test_good_text_becomes_typed_values():
    result = validate(Post, {**GOOD, "funded": "no", "kind": "Admin", "note": "  "}, CTX)
    assert result.ok and result.warnings == ()
    post = result.value
    assert (post.wte, post.fte_salary, post.start_date) == (Decimal("0.8"), Decimal("45000"), date(2025, 12, 1))
    assert (post.funded, post.kind, post.note, post.end_date) == (False, "non_clinical", None, None)


@pytest.mark.parametrize(("name", "value", "says"), [
    ("wte", "1.5", "1.5 must be more than 0 and at most 1."),
    ("wte", "²", "is not a number"), ("wte", "NaN", "is not a number"),
    ("fte_salary", "1,2,3", "is not an amount of money"), ("fte_salary", "--50000", "is not an amount of money"),
    ("start_date", "31/02/2026", "is not a real date"), ("start_date", "1900-01-01", "1948"),
    ("funded", "maybe", "is not yes or no"), ("name", "x" * 21, "21 characters long; at most 20 fit"),
    ("name", " \x07 ", "is blank"), ("kind", "dentist", "is not one of: Clinical, Non-clinical"),
])
def test_each_bad_value_is_one_message_under_its_field(name, value, says):
    found = messages({**GOOD, name: value})
    assert list(found) == [(name,)] and says in found[(name,)]


def test_every_problem_is_found_at_once_and_unknown_fields_refused():
    found = messages({"wte": "0", "fte_salary": "x", "colour": "red"})
    assert set(found) == {("wte",), ("fte_salary",), ("start_date",), ("colour",)}
    assert found[("start_date",)] == "is required."


def test_a_record_rule_is_placed_by_the_domain_tag_and_warnings_do_not_block():
    assert messages({**GOOD, "end_date": "2025-11-30"}) == {("end_date",): "is before the start date."}
    result = validate(Post, {**GOOD, "start_date": "2027-01-04"}, CTX)
    assert result.ok and [w.level for w in result.warnings] == ["warning"]


def test_typed_values_are_checked_again_by_the_same_rules():
    post = validate(Post, GOOD, CTX).value
    assert validate(Post, post, CTX).value == post
    assert messages({**GOOD, "wte": Decimal("1.5")}) == {("wte",): "1.5 must be more than 0 and at most 1."}


def test_check_raises_validation_failed_naming_each_cli_flag():
    with pytest.raises(ValidationFailed) as caught:
        check(Post, {**GOOD, "fte_salary": "lots", "wte": "2"}, CTX)
    assert caught.value.lines() == ["--wte: 2 must be more than 0 and at most 1.",
                                    "--salary: 'lots' is not an amount of money (e.g. 45000 or £45,000.00)."]
    with pytest.raises(ValidationFailed) as caught:  # record rules run once every field is valid
        check(Post, {**GOOD, "end_date": "2020-01-01"}, CTX)
    assert caught.value.lines() == ["--end: is before the start date."]
    value, warnings = check(Post, GOOD, CTX)
    assert value.wte == Decimal("0.8") and warnings == []


def test_one_declaration_gives_label_hint_flag_and_csv_columns():
    m = meta(Post, "fte_salary")
    assert (m.label, m.hint, m.flag, m.csv, m.required) == ("FT salary £", "full-time annual salary", "--salary",
                                                             "fte_salary", True)
    assert flags_of(Post)["end_date"] == "--end" and flags_of(Post)["wte"] == "--wte"
    assert columns_of(Post)["salary"] == "fte_salary"


def test_each_front_end_says_a_message_its_way():
    msg = FieldMessage(("wte",), "1.5 must be more than 0 and at most 1.")
    assert sentence(msg, Post, front="form") == "1.5 must be more than 0 and at most 1."
    assert sentence(msg, Post, front="cli") == "--wte: 1.5 must be more than 0 and at most 1."
    assert sentence(FieldMessage(("fte_salary",), "is blank."), Post, front="csv", row=7) == \
        "row 7, column fte_salary: is blank."


@pytest.mark.parametrize(("kind", "good", "bad"), [
    (FTE, ("1.5", Decimal("1.5")), "2.5"), (Pct, ("80", Decimal("80")), "101"), (Count, ("1,234", 1234), "-1"),
    (Id, ("7", 7), "0"), (PositiveMoney, ("£1", Decimal("1")), "0"), (FY, ("2026-27", "2026/27"), "2026"),
])
def test_the_other_types_parse_with_their_one_parser(kind, good, bad):
    class One(InputModel):
        value: kind = field("Value")

    assert validate(One, {"value": good[0]}, CTX).value.value == good[1]
    assert not validate(One, {"value": bad}, CTX).ok


class Coded(InputModel):
    role: RoleCode = field("Role")
    cohort: CohortCode = field("Cohort")
    practice: PracticeCode = field("Practice")


def test_codes_are_matched_against_the_pcn_read_by_load_ctx(demo_store):
    ctx = load_ctx(demo_store, today=TODAY)
    result = validate(Coded, {"role": "Clinical Pharmacist", "cohort": "care home", "practice": "y90001"}, ctx)
    assert result.ok, result
    assert (result.value.role, result.value.cohort, result.value.practice) == ("CP", "CARE_HOME", "Y90001")
    found = {m.loc: m.text for m in validate(Coded, {"role": "Dentist", "cohort": "Teeth", "practice": "Z99999"},
                                              ctx).messages}
    assert "not an ARRS role" in found[("role",)] and "not an SMR cohort" in found[("cohort",)]
    assert found[("practice",)] == "Z99999 is not one of this PCN's practices."


def test_load_ctx_reads_only_what_is_needed(demo_store):
    ctx = load_ctx(demo_store, today=TODAY, need=("practices",), item="x")
    assert ctx.rules is None and ctx.cohorts is None and "Y90001" in ctx.practices and ctx.item == "x"
    with pytest.raises(ValueError, match="unknown needs"):
        load_ctx(demo_store, today=TODAY, need=("weather",))

"""Cohorts as reference data by year, user cohorts, IIF corrections, targets, name matching."""

from decimal import Decimal

import pytest

from pcntui.domain.cohort import Target, make_code
from pcntui.domain.fy import FinancialYear
from pcntui.errors import ConflictError, UserError, ValidationFailed
from pcntui.reference.smr_reference import reference_cohorts
from pcntui.services.iif import set_cohort_iif
from pcntui.services.smr.capacity import save_settings
from pcntui.services.smr.cohorts import delete_cohort, save_cohort, set_target
from pcntui.store import smr
from tests.smr.conftest import TODAY


def test_shipped_cohorts_are_the_product_names():
    names = [c.name for c in reference_cohorts()]
    assert names == ["Care home residents", "Complex polypharmacy", "Medicines associated with errors",
                     "Severe frailty", "Potentially addictive medicines", "Learning disability"]


def test_2022_23_iif_mapping_with_thresholds_unknown():
    by_code = {c.code: c.year(FinancialYear(2022)) for c in reference_cohorts()}
    assert {k: v.iif_indicator for k, v in by_code.items()} == {
        "CARE_HOME": "SMR-01D", "POLYPHARMACY": None, "MED_ERRORS": "SMR-01A", "SEVERE_FRAILTY": "SMR-01B",
        "ADDICTIVE": "SMR-01C", "LEARNING_DISABILITY": None,
    }
    for code in ("CARE_HOME", "MED_ERRORS", "SEVERE_FRAILTY", "ADDICTIVE"):
        y = by_code[code]
        assert y.iif_confirmed and not y.thresholds_known and not y.confirmed  # thresholds unconfirmed


def test_years_not_listed_are_carried_forward_unconfirmed():
    care = next(c for c in reference_cohorts() if c.code == "CARE_HOME")
    y = care.year(FinancialYear(2026))
    assert y.carried_forward_from == "2024/25" and not y.des_confirmed and not y.iif_confirmed
    assert care.year(FinancialYear(2019)) is None  # before the SMR service
    frailty = next(c for c in reference_cohorts() if c.code == "SEVERE_FRAILTY")
    assert not frailty.year(FinancialYear(2020)).des_priority  # not a 2020/21 group
    assert next(c for c in reference_cohorts() if c.code == "ADDICTIVE").year(FinancialYear(2020)).des_confirmed


@pytest.mark.parametrize("text,code", [
    ("care home residents", "CARE_HOME"), ("CARE_HOME", "CARE_HOME"), ("Care-Home", "CARE_HOME"),
    ("  complex   POLYPHARMACY ", "POLYPHARMACY"), ("10+ medicines", "POLYPHARMACY"),
    ("frailty", "SEVERE_FRAILTY"), ("LD", "LEARNING_DISABILITY"), ("opioids", "ADDICTIVE"),
    ("medication errors", "MED_ERRORS"),
])
def test_cohort_found_by_code_name_or_alias(pcn_store, text, code):
    assert smr.find_cohort(pcn_store, text).code == code


def test_unknown_cohort_names_the_known_ones(pcn_store):
    with pytest.raises(UserError, match="Care home residents"):
        smr.find_cohort(pcn_store, "gout")


def test_user_cohort_add_edit_delete(pcn_store):
    code = save_cohort(pcn_store, {"name": "Housebound on DOACs", "definition": "Housebound patients on a DOAC.",
                                   "aliases": ["hb doac"]}, today=TODAY).value
    c = smr.find_cohort(pcn_store, "HB DOAC")
    assert (c.code, c.origin) == (code, "user") == ("HOUSEBOUND_ON_DOACS", "user")
    fy = FinancialYear(2026)
    assert any(x.code == c.code for x, _ in smr.cohorts_for_year(pcn_store, fy))
    save_cohort(pcn_store, {"name": "Housebound on DOACs", "definition": "Changed.", "code": c.code},
                today=TODAY, expected_rev=c.rev)
    assert smr.find_cohort(pcn_store, code).definition == "Changed."
    with pytest.raises(ConflictError):  # the rev moved with the edit
        save_cohort(pcn_store, {"name": "Housebound on DOACs", "code": c.code}, today=TODAY, expected_rev=c.rev)
    with pytest.raises(ValidationFailed, match="already") as clash:
        save_cohort(pcn_store, {"name": "Frailty"}, today=TODAY)  # an alias of Severe frailty
    assert clash.value.messages[0].loc == ("name",)
    with pytest.raises(UserError, match="shipped"):
        delete_cohort(pcn_store, "CARE_HOME", today=TODAY)
    delete_cohort(pcn_store, c.code, today=TODAY)
    with pytest.raises(UserError):
        smr.find_cohort(pcn_store, "HB DOAC")


def test_iif_thresholds_set_by_the_user(pcn_store):
    fy = FinancialYear(2022)
    y = set_cohort_iif(pcn_store, "severe frailty", fy, lower=Decimal(20), upper=Decimal(40)).value
    assert (y.iif_indicator, y.iif_lower_pct, y.iif_upper_pct) == ("SMR-01B", 20.0, 40.0)
    assert smr.find_cohort(pcn_store, "SEVERE_FRAILTY").year(fy).thresholds_known
    with pytest.raises(UserError, match="above the upper threshold"):
        set_cohort_iif(pcn_store, "severe frailty", fy, lower=Decimal(50), upper=Decimal(40))
    pcn_store.undo()
    assert smr.find_cohort(pcn_store, "SEVERE_FRAILTY").year(fy).iif_lower_pct is None


def test_targets_percent_count_and_clear(pcn_store):
    fy = FinancialYear(2026)
    set_target(pcn_store, {"cohort": "care home residents", "fy": fy.label, "percent": "80"}, today=TODAY)
    set_target(pcn_store, {"cohort": "LD", "fy": fy.label, "count": "40"}, today=TODAY)
    assert smr.targets(pcn_store, fy) == {"CARE_HOME": Target("percent", Decimal(80)),
                                          "LEARNING_DISABILITY": Target("count", Decimal(40))}
    set_target(pcn_store, {"cohort": "LD", "fy": fy.label, "clear": True}, today=TODAY)
    assert "LEARNING_DISABILITY" not in smr.targets(pcn_store, fy)
    for bad, loc in (({"percent": "120"}, "percent"), ({"count": "2.5"}, "count"), ({}, "percent"),
                     ({"percent": "5", "count": "5"}, "percent")):
        with pytest.raises(ValidationFailed) as refused:
            set_target(pcn_store, {"cohort": "LD", "fy": fy.label, **bad}, today=TODAY)
        assert refused.value.messages[0].loc == (loc,)
    for bad in ({"percent": "120"}, {"count": "2.5"}, {"percent": "x"}, {}):
        with pytest.raises(UserError):
            Target.parse(**bad)


def test_settings_round_trip(pcn_store):
    assert smr.settings(pcn_store).minutes_per_review == 30
    s = save_settings(pcn_store, {"minutes_per_review": "40", "default_share_pct": "25"}, today=TODAY).value
    assert (s.minutes_per_review, s.default_share_pct, s.hours_per_wte) == (40, 25, 37.5)
    for bad in ({"minutes_per_review": "0"}, {"minutes_per_review": "0.5"}, {"hours_per_wte": "81"},
                {"default_share_pct": "101"}):
        with pytest.raises(ValidationFailed) as refused:
            save_settings(pcn_store, bad, today=TODAY)
        assert refused.value.messages[0].loc == tuple(bad)


def test_make_code():
    assert make_code("Housebound on DOACs") == "HOUSEBOUND_ON_DOACS"
    assert make_code("10+ meds") == "LOCAL_10_MEDS"

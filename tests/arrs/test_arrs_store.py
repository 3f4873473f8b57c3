"""The roster and rule tables in the database: one action per change, undo, optimistic locking."""

from dataclasses import replace
from datetime import date
from decimal import Decimal

import pytest

from pcntui.domain.arrs_rules import RateRow
from pcntui.domain.entitlement import Entitlement
from pcntui.domain.fy import FinancialYear
from pcntui.domain.period import Period
from pcntui.domain.staff import PlannedPost
from pcntui.errors import ConflictError, UserError
from pcntui.store.arrs import arrs_view, delete_rate, get_entitlement, load_rulebook, save_rate, set_entitlement
from pcntui.store.staff import (
    change_terms, delete_staff, end_staff, fill_planned, get_staff, list_planned, list_staff, roster, save_planned,
    save_staff,
)

from .helpers import D, member


def new(**kw):
    return replace(member(**kw), id=None)


def test_save_validates_and_warns(store):
    with pytest.raises(UserError, match="WTE 1.4 must be more than 0 and at most 1"):
        save_staff(store, new(wte="1.4"))
    with pytest.raises(UserError, match="before the start date"):
        save_staff(store, new(end="2024-01-01"))
    staff_id, check = save_staff(store, new(role="GP", start="2024-04-01", salary="80000"))
    assert any("not an ARRS role on 2024-04-01" in w for w in check.warnings)
    _, check = save_staff(store, new(name="Low Pay", salary="20000", start="2024-05-01"))
    assert any("outside" in w and "range" in w for w in check.warnings)
    assert get_staff(store, staff_id).name == "Asha Patel"


def test_change_end_delete_and_undo(store):
    staff_id, _ = save_staff(store, new(salary="48000", oncost="25"))
    member_after, _ = change_terms(store, staff_id, date(2024, 11, 1), wte=D("0.6"))
    assert [t.wte for t in member_after.terms] == [D(1), D("0.6")] and member_after.rev == 1
    end_staff(store, staff_id, date(2025, 1, 31))
    view = arrs_view(store, Period(date(2026, 11, 23), FinancialYear(2024)))
    assert view.year.claimable_to_date == D("5000") * 7 + D("3000") * 3
    with pytest.raises(UserError, match="not in post"):
        change_terms(store, staff_id, date(2025, 3, 1), wte=D("0.5"))
    delete_staff(store, staff_id)
    assert list_staff(store) == []
    store.undo()
    restored = get_staff(store, staff_id)
    assert restored.end_date == date(2025, 1, 31) and len(restored.terms) == 2


def test_a_stale_edit_is_refused(store):
    staff_id, _ = save_staff(store, new())
    seen = get_staff(store, staff_id)
    change_terms(store, staff_id, date(2024, 6, 1), fte_salary=D("50000"))  # someone else changes the terms
    with pytest.raises(ConflictError):
        save_staff(store, replace(seen, supervisor="Dr B"), expected_rev=seen.rev)


def test_planned_posts(store):
    staff_id, _ = save_staff(store, new())
    post_id = save_planned(store, PlannedPost(None, "CC", D(1), date(2025, 1, 1), D(28000), status="advertised"))
    assert [p.status for p in list_planned(store, open_only=True)] == ["advertised"]
    fill_planned(store, post_id, staff_id)
    assert list_planned(store, open_only=True) == [] and list_planned(store)[0].filled_by == staff_id
    with pytest.raises(UserError, match="WTE 2"):
        save_planned(store, PlannedPost(None, "CC", D(2), date(2025, 1, 1), D(28000)))


def test_user_rate_overrides_then_shipped_returns(store):
    save_rate(store, RateRow("CP", date(2024, 10, 1), D(70000), D(100)))
    rules = load_rulebook(store)
    assert rules.rate_on("CP", date(2024, 11, 1)).annual_max == D(70000)
    assert rules.rate_on("CP", date(2024, 11, 1)).origin == "user"
    delete_rate(store, "CP", date(2024, 10, 1))
    assert load_rulebook(store).rate_on("CP", date(2024, 11, 1)).annual_max == D(65838)


def test_entitlement_saved_and_changed_with_rev(store):
    fy = FinancialYear(2024)
    set_entitlement(store, Entitlement(fy, D("1000.00"), 100, D(10)))
    first = get_entitlement(store, fy)
    set_entitlement(store, Entitlement(fy, D("2000.00"), 200, D(10)), expected_rev=first.rev)
    assert get_entitlement(store, fy).amount == D("2000.00")
    with pytest.raises(ConflictError):
        set_entitlement(store, Entitlement(fy, D("3000.00"), 300, D(10)), expected_rev=first.rev)


def test_roster_lines(store):
    save_staff(store, new(name="Leaver", end="2024-06-30"))
    save_staff(store, new(name="Starter", start="2025-01-06"))
    save_staff(store, new(name="Changer", changes=[("2024-09-01", "0.5", "48000")]))
    lines = {line.member.name: line for line in roster(store, date(2024, 11, 23))}
    assert lines["Leaver"].status == "leaver" and lines["Starter"].status == "starter"
    assert lines["Changer"].wte == Decimal("0.5") and lines["Changer"].role_name == "Clinical Pharmacist"
    assert {line.member.name for line in roster(store, date(2024, 11, 23), search="change")} == {"Changer"}


def test_records_read_back_are_whole_and_equal_to_ones_made_as_usual(store, demo_store):
    """The roster reader fills frozen records without their __init__ (store/staff_read.py): each has
    every field, equals and hashes like one made through __init__, and keeps its cached order."""
    from dataclasses import fields

    from pcntui.domain.staff import StaffMember, Terms

    staff_id, _ = save_staff(store, replace(new(salary="48000", oncost="25", end="2026-01-31"), supervisor="Dr Lee",
                                            registration_number="GPhC 123", registration_expiry=date(2026, 5, 1),
                                            reimbursement_pct=D("100"), estimated=True, band="6",
                                            previously_employed_until=date(2023, 3, 31)))
    change_terms(store, staff_id, date(2024, 11, 1), wte=D("0.6"))
    read = [*list_staff(store), *list_staff(demo_store), get_staff(store, staff_id)]
    assert len(read) > 10
    for m in read:
        assert {f.name for f in fields(StaffMember)} <= m.__dict__.keys()
        usual = StaffMember(**{f.name: getattr(m, f.name) for f in fields(StaffMember)})
        assert m == usual and hash(m) == hash(usual) and repr(m) == repr(usual)
        assert m.terms == tuple(Terms(**{f.name: getattr(t, f.name) for f in fields(Terms)}) for t in m.terms)
        assert m.terms_in_order == m.terms  # (read in date order)
    last = read[-1]
    assert last.estimated and last.reimbursement_pct == D("100") and [t.wte for t in last.terms] == [D(1), D("0.6")]

"""Capacity read from the ARRS roster (when its tables exist) with SMR shares set or defaulted."""

from datetime import date

import pytest

from pcntui.domain.period import Period
from pcntui.errors import UserError, ValidationFailed
from pcntui.services.smr.capacity import save_settings, set_share
from pcntui.store.smr_capacity import capacity_report, find_staff, roster, staff_on

from .conftest import FY


@pytest.fixture
def roster_store(pcn_store):
    if "staff" not in pcn_store.db.table_names() or "staff_terms" not in pcn_store.db.table_names():
        pytest.skip("the ARRS staff tables are not in this schema")
    people = [  # name, role, start, end, [(from, wte)]
        ("Priya Shah", "CP", "2025-01-06", None, [("2025-01-06", "1"), ("2026-09-01", "0.8")]),
        ("Tom Okafor", "CP", "2026-02-01", None, [("2026-02-01", "0.6")]),
        ("Ana Costa", "AP", "2024-04-01", "2026-10-31", [("2024-04-01", "1")]),  # left before 23 Nov
        ("Sam Reid", "SPLW", "2024-04-01", None, [("2024-04-01", "1")]),  # cannot deliver SMRs by default
        ("Paul Grey", "PARA", "2024-04-01", None, [("2024-04-01", "0.5")]),  # a prescriber: share set below
    ]
    with pcn_store.action("roster") as tx:
        for name, role, start, end, terms in people:
            staff_id = tx.db["staff"].insert({"name": name, "role_code": role, "start_date": start,
                                           "end_date": end}).last_pk
            for frm, wte in terms:
                tx.db["staff_terms"].insert({"staff_id": staff_id, "effective_from": frm, "wte": wte,
                                          "fte_salary_pence": 5_000_000})
    return pcn_store


def test_roster_in_post_with_current_wte(roster_store, today):
    people = {name: (role, wte) for _, name, role, wte in staff_on(roster_store, today)}
    assert people["Priya Shah"] == ("Clinical Pharmacist", 0.8)  # terms changed on 1 Sep
    assert "Ana Costa" not in people
    assert staff_on(roster_store, date(2026, 6, 1))[0][3] == 1.0  # Ana, by name order, in post then


def test_shares_default_and_set(roster_store, today):
    paul, _ = find_staff(roster_store, "paul grey", today)
    assert set_share(roster_store, "paul grey", {"share_pct": "10"}, today=today).value == paul
    members = {m.name: m for m in roster(roster_store, today)}
    assert set(members) == {"Priya Shah", "Tom Okafor", "Paul Grey"}  # SPLW not counted
    assert (members["Priya Shah"].share_pct, members["Priya Shah"].share_set) == (20.0, False)
    assert (members["Paul Grey"].share_pct, members["Paul Grey"].share_set) == (10.0, True)
    save_settings(roster_store, {"default_share_pct": "25"}, today=today)
    assert {m.name: m.share_pct for m in roster(roster_store, today)}["Tom Okafor"] == 25
    set_share(roster_store, paul, {"share_pct": ""}, today=today)  # by id; blank: the role's default
    assert "Paul Grey" not in {m.name for m in roster(roster_store, today)}
    with pytest.raises(ValidationFailed) as refused:
        set_share(roster_store, paul, {"share_pct": "101"}, today=today)
    assert refused.value.messages[0].loc == ("share_pct",)
    with pytest.raises(UserError, match="No single staff member"):
        find_staff(roster_store, "Ana Costa", today)


def test_capacity_report_hand_worked(roster_store, today):
    # SMR hours: Priya 0.8 × 37.5 × 20% = 6.0; Tom 0.6 × 37.5 × 20% = 4.5 → 10.5 h/week
    # 300 reviews × 30 min = 150 h over 128 days (18.2857 weeks) = 8.203 h/week → spare 2.297
    report = capacity_report(roster_store, Period.make(today, FY), reviews_needed=300)
    c = report.capacity
    assert report.roster_available
    assert c.hours_available_per_week == pytest.approx(10.5)
    assert c.hours_needed_per_week == pytest.approx(150 / (128 / 7))
    assert not c.short
    # with 45-minute reviews: 225 h / 18.2857 = 12.305 h/week → short by 1.805 (≈ 0.05 WTE)
    save_settings(roster_store, {"minutes_per_review": "45"}, today=today)
    c = capacity_report(roster_store, Period.make(today, FY), reviews_needed=300).capacity
    assert c.short and c.gap_hours_per_week == pytest.approx(225 / (128 / 7) - 10.5)
    assert c.sentence() == "short by 1.8 hours/week (≈ 0.05 WTE pharmacist)"


def test_no_roster_table_means_no_smr_time(pcn_store, today, monkeypatch):
    import pcntui.store.smr_capacity as cap

    monkeypatch.setattr(cap, "staff_on", lambda store, day: None)
    report = capacity_report(pcn_store, Period.make(today, FY), reviews_needed=10)
    assert not report.roster_available and report.capacity.hours_available_per_week == 0

"""The demo's ARRS side, and the shipped rule tables themselves."""

import json
from datetime import date

from pcntui.cli.main import main
from pcntui.domain.fy import FinancialYear
from pcntui.domain.period import Period
from pcntui.reference.arrs import shipped_rulebook
from pcntui.store.arrs import arrs_view
from pcntui.store.staff import list_planned, list_staff
from pcntui.store.workforce import stored_reconciliation

from .test_arrs_imports import CANONICAL


def test_demo_roster_across_two_years(demo_store, today):
    staff = list_staff(demo_store)
    fy = FinancialYear.of(today)
    prev = fy.previous()
    assert any(m.start_date < prev.start and m.end_date is None for m in staff)  # in post throughout
    assert any(fy.contains(m.start_date) and m.start_date.day != 1 for m in staff)  # part-month starter this year
    assert any(m.end_date and fy.contains(m.end_date) for m in staff)  # leaver this year
    assert any(m.end_date and prev.contains(m.end_date) for m in staff)  # leaver last year
    assert any(len(m.terms) > 1 and m.terms[1].wte != m.terms[0].wte for m in staff)  # a WTE change
    assert any(not m.arrs_funded for m in staff)  # baseline
    assert any(m.role_code == "MHP" for m in staff)
    assert [p.status for p in list_planned(demo_store)] == ["advertised"]
    for year in (prev, fy):
        view = arrs_view(demo_store, Period(today, year))
        assert view.year.entitlement is not None and view.year.claimable_year > 0
        mhp = [m for m in view.year.months if m.role_code == "MHP"]
        assert mhp and all(m.reimbursement_pct == 50 for m in mhp)
    assert stored_reconciliation(demo_store).differences


def test_demo_status_text_and_json(demo_path, capsys):
    assert main(["status", "--db", str(demo_path), "--as-of", "2026-11-23"]) == 0
    out = capsys.readouterr().out
    assert "ARRS STAFFING 2026/27" in out and all(len(line) <= 80 for line in out.splitlines())
    assert main(["status", "--json", "--db", str(demo_path), "--as-of", "2026-11-23"]) == 0
    arrs = json.loads(capsys.readouterr().out)["arrs"]
    for key in ("entitlement", "claimable", "forecast", "headroom", "forecast_headroom", "roles", "alerts"):
        assert key in arrs
    assert arrs["forecast"] > arrs["claimable"] > 0 and arrs["planned_posts"] == 1


def test_shipped_tables_are_consistent():
    rules = shipped_rulebook()
    assert [r.name for r in rules.roles] == CANONICAL
    assert rules.index.duplicates() == []
    codes = {r.code for r in rules.roles}
    assert {r.role_code for r in rules.rates} <= codes and {c.role_code for c in rules.caps} <= codes
    for row in (*rules.rates, *rules.caps, *rules.funding, *rules.oncosts):
        assert row.confirmed or row.note, row  # every unconfirmed figure says why
        assert not row.confirmed or row.source, row  # every confirmed figure cites a source
    confirmed_cp = {(r.effective_from.isoformat(), int(r.annual_max)) for r in rules.rates_for("CP") if r.confirmed}
    assert confirmed_cp == {("2019-07-01", 37810), ("2020-04-01", 55670), ("2023-04-01", 59312),
                            ("2023-07-01", 62340), ("2024-10-01", 65838)}
    assert [(f.fy.label, str(f.rate_per_patient), f.confirmed) for f in rules.funding] == [
        ("2023/24", "22.671", True), ("2024/25", "22.894", True), ("2025/26", "26.631", True),
        ("2026/27", "26.631", False)]
    assert rules.role("GP").eligible_from == date(2024, 10, 1)

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
    assert any(a.wte != b.wte for m in staff for a, b in zip(m.terms, m.terms[1:]))  # a WTE change
    assert any(not m.arrs_funded for m in staff)  # baseline
    # the 2026/27 roster: GPs, general practice nurses of band 5 and 6, a second MHP at 100%
    assert sum(1 for m in staff if m.role_code == "GP") == 2
    assert sorted(m.band for m in staff if m.role_code == "GPN") == ["5", "6"]
    assert sorted(str(m.reimbursement_pct) for m in staff if m.role_code == "MHP") == ["100", "None"]
    # salaries rise with the pay awards on 1 April (AfC +3.6% in 2025/26; GPs +4%)
    priya = next(m for m in staff if m.name == "Priya Shah")
    assert [(t.effective_from, t.fte_salary) for t in priya.terms][1:] == [(prev.start, 53872), (fy.start, 55488)]
    nina = next(m for m in staff if m.name == "Dr Nina Patel")
    assert nina.terms_on(prev.start).fte_salary == 85280  # 82,000 × 1.04
    assert [p.status for p in list_planned(demo_store)] == ["advertised"]
    for year in (prev, fy):
        view = arrs_view(demo_store, Period(today, year))
        assert view.year.entitlement is not None and view.year.claimable_year > 0
        mhp = [m for m in view.year.months if m.role_code == "MHP"]
        assert {(m.name, m.reimbursement_pct) for m in mhp} == {("Hannah Lewis", 50), ("Owen Reid", 100)}
        # the demo uses its entitlement as a PCN does: 90–100% forecast this year, little lost last year
        share = view.year.forecast / view.year.entitlement.amount
        assert (0.9 if year == fy else 0.93) <= share <= 1, (year.label, share)
    ents = [arrs_view(demo_store, Period(today, y)).year.entitlement for y in (prev, fy)]
    assert ents[0].weighted_population < ents[1].weighted_population  # the lists grew
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
    # no figure rests on an unconfirmed number without saying so (issue 10): the entitlement's rate (its
    # 'Unconfirmed:' line: tests/tui/arrs/test_arrs_summary_text.py), and the underspend alert built on it
    assert "× £26.631; rate unconfirmed)" in " ".join(out.split())  # the 2025/26 rate carried forward
    under = next(a for a in arrs["alerts"] if a["kind"] == "underspend")
    assert under["message"].endswith("(rests on unconfirmed £26.631 rate per patient and maxima).")
    assert (arrs["rate_confirmed"], arrs["maxima_confirmed"], arrs["oncosts_confirmed"]) == (False, False, True)


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

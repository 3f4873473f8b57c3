"""The ARRS rules of 2024/25–2026/27, hand-worked: a person's own reimbursement %, maxima by band,
the 2024/25 ring-fenced GP pot, the backdated 2025/26 uplift and what it recalculates, the
12-month rule, estimated records. Every expected figure is worked out in the comments."""

from datetime import date
from decimal import Decimal
from fractions import Fraction

from hypothesis import given, settings
from hypothesis import strategies as st

from pcntui.domain.arrs_alerts import arrs_alerts
from pcntui.domain.arrs_caps import role_mix
from pcntui.domain.claimable import NO_BAND_RATE, member_month, member_year, month_claim, to_penny
from pcntui.domain.entitlement import Entitlement, make_entitlement, rate_confirmed
from pcntui.domain.forecast import ArrsInputs, arrs_year
from pcntui.domain.fy import FinancialYear
from pcntui.domain.recalculation import recalculation
from pcntui.domain.staff import check_member, with_change
from pcntui.reference.arrs import shipped_rulebook

from .helpers import D, member, rules_with
from .test_arrs_properties import annual_max, month_pieces

FY24, FY25, FY26 = FinancialYear(2024), FinancialYear(2025), FinancialYear(2026)


def by_month(rows):
    return {r.month.strftime("%Y-%m"): r for r in rows}


def alerts_of(inputs, fy, as_of):
    year = arrs_year(inputs, fy, as_of)
    return {a.kind: a for a in arrs_alerts(inputs, year, role_mix(inputs.rules, inputs.staff, fy, as_of, None))}


# ---------------------------------------------------------------------- a GP and two MHPs, mid-year rate change
MID_YEAR = rules_with(("MHP", "2026-04-01", "30000", "50"), ("MHP", "2026-10-15", "33000", "50"),
                      ("GP", "2026-04-01", "96000", "100"), ("GP", "2026-10-15", "102000", "100"))
MHP_A = member(name="Ann", role="MHP", wte="1", salary="60000", oncost="20", start="2026-04-01", id=1)
MHP_B = member(name="Bea", role="MHP", wte="0.8", salary="60000", oncost="20", start="2026-04-01", id=2,
               reimbursement_pct=D(100))
GP = member(name="Dr Cole", role="GP", wte="1", salary="100000", oncost="20", start="2026-04-01", id=3)


def test_a_gp_and_two_mhps_one_at_100_percent_across_a_mid_year_rate_change():
    # The new maxima are dated 15 Oct: a month uses the row in effect on its 1st, so November is the first.
    a = by_month(member_year(MHP_A, MID_YEAR, FY26))
    # MHP A at the role's 50%: actual 60,000 × 1 / 12 × 1.2 = 6,000.00; 50% of it 3,000.00;
    # cap = 30,000 × (50/50) × 1 / 12 = 2,500.00 → 2,500.00; from Nov 33,000 / 12 = 2,750.00.
    assert (a["2026-10"].actual_cost, a["2026-10"].max_reimbursable, a["2026-10"].claimable) == (
        D("6000.00"), D("2500.00"), D("2500.00"))
    assert a["2026-11"].claimable == D("2750.00") and a["2026-10"].reimbursement_pct == 50
    b = by_month(member_year(MHP_B, MID_YEAR, FY26))
    # MHP B at her own 100%: actual 60,000 × 0.8 / 12 × 1.2 = 4,800.00, all of it claimable up to
    # cap = 30,000 × (100/50) × 0.8 / 12 = 4,000.00; from Nov 33,000 × 2 × 0.8 / 12 = 4,400.00.
    assert (b["2026-10"].actual_cost, b["2026-10"].max_reimbursable, b["2026-10"].claimable) == (
        D("4800.00"), D("4000.00"), D("4000.00"))
    assert b["2026-11"].claimable == D("4400.00")
    assert (b["2026-10"].reimbursement_pct, b["2026-10"].role_pct, b["2026-10"].annual_max) == (100, 50, D("30000"))
    g = by_month(member_year(GP, MID_YEAR, FY26))
    # GP: actual 100,000 / 12 × 1.2 = 10,000.00; cap 96,000 / 12 = 8,000.00, from Nov 102,000 / 12 = 8,500.00.
    assert (g["2026-10"].claimable, g["2026-11"].claimable) == (D("8000.00"), D("8500.00"))
    year = arrs_year(ArrsInputs(MID_YEAR, (MHP_A, MHP_B, GP)), FY26, date(2026, 11, 23))
    # to date Apr–Oct, 7 months: 7 × (2,500 + 4,000 + 8,000) = 101,500.00
    assert year.claimable_to_date == D("101500.00")
    # whole year: A 7 × 2,500 + 5 × 2,750 = 31,250; B 7 × 4,000 + 5 × 4,400 = 50,000; GP 7 × 8,000 + 5 × 8,500
    # = 98,500; total 179,750.00
    assert year.claimable_year == D("179750.00")


def test_a_person_percentage_is_checked():
    assert check_member(MHP_B, MID_YEAR).ok
    for bad in ("0", "100.5", "-5"):
        problems = check_member(member(role="MHP", reimbursement_pct=D(bad)), MID_YEAR).problems
        assert any(f"Reimbursement {bad}%" in p and "at most 100" in p for p in problems), bad


def test_a_person_percentage_below_the_role_scales_the_cap_down():
    # A CP reimbursed at 70% (role 100%): cap = 65,838 × (70/100) / 12 = 3,840.55; 70% of actual
    # 60,000 / 12 × 1.2 = 6,000 is 4,200.00 → 3,840.55
    row = member_month(member(salary="60000", oncost="20", reimbursement_pct=D(70)), shipped_rulebook(),
                       date(2024, 11, 1))
    assert (row.max_reimbursable, row.claimable) == (D("3840.55"), D("3840.55"))


# ---------------------------------------------------------------------- maxima by band
def test_general_practice_nurse_band_5_and_band_6_use_their_own_maxima():
    rules = shipped_rulebook()
    day = date(2025, 6, 1)
    # actual 60,000 / 12 × 1.2 = 6,000.00 in both; band 5 cap 44,913 / 12 = 3,742.75;
    # band 6 cap 55,238 / 12 = 4,603.1666… → 4,603.17
    five = member_month(member(role="GPN", band="5", salary="60000", oncost="20", start="2025-04-01"), rules, day)
    six = member_month(member(role="GPN", band="Band 6", salary="60000", oncost="20", start="2025-04-01"), rules, day)
    assert (five.annual_max, five.claimable) == (D("44913"), D("3742.75"))
    assert (six.annual_max, six.claimable) == (D("55238"), D("4603.17"))
    # no band recorded: no row applies, the month claims nothing and the alert says to record the band
    none = member(role="GPN", salary="60000", oncost="20", start="2025-04-01", id=9, name="Cat")
    assert member_month(none, rules, day).reason == NO_BAND_RATE
    found = alerts_of(ArrsInputs(rules, (none,)), FY25, date(2025, 11, 23))
    assert "by band (5, 6)" in found["no_rate"].message and "Cat" in found["no_rate"].message
    assert any("record the band" in w for w in check_member(none, rules).warnings)
    # a row without a band applies to the rest; a band row still wins for its band
    mine = rules_with(("GPN", "2025-04-01", "50000", "100"))
    assert member_month(none, mine, day).claimable == D("4166.67")  # 50,000 / 12
    assert member_month(member(role="GPN", band="5", salary="60000", oncost="20", start="2025-04-01"), mine,
                        day).claimable == D("3742.75")


# ---------------------------------------------------------------------- the 2024/25 ring-fenced GP pot
def test_2024_25_gp_claims_count_against_the_ring_fenced_gp_pot():
    rules = shipped_rulebook()
    ent = make_entitlement(FY24, weighted_population=50000, rules=rules)
    # main pot 50,000 × 22.894 = 1,144,700.00; GP pot 50,000 × 1.303 = 65,150.00
    assert (ent.amount, ent.gp_rate_per_patient, ent.gp_amount) == (D("1144700.00"), D("1.303"), D("65150.00"))
    cp = member(name="Asha", salary="48000", oncost="25", id=1)  # 48,000 / 12 × 1.25 = 5,000.00 < every cap
    gp = member(name="Dr Bell", role="GP", salary="80000", oncost="25", start="2024-10-01", id=2)
    inputs = ArrsInputs(rules, (cp, gp), (), (ent,))
    year = arrs_year(inputs, FY24, date(2025, 1, 15))
    # GP: actual 80,000 / 12 × 1.25 = 8,333.33 > cap 92,462 / 12 = 7,705.1666… → 7,705.17 a month from Oct
    assert year.gp_claimable_to_date == D("23115.51")  # Oct–Dec: 3 × 7,705.17
    assert year.claimable_to_date == D("68115.51")  # + CP Apr–Dec 9 × 5,000.00
    pot = year.gp_pot
    assert (pot.entitlement, pot.headroom) == (D("65150.00"), D("42034.49"))  # 65,150.00 − 23,115.51
    assert year.gp_forecast == D("46231.02")  # Oct–Mar 6 × 7,705.17
    assert pot.forecast_headroom == D("18918.98")  # 65,150.00 − 46,231.02
    # the main pot leaves GP claims out: 1,144,700.00 − 45,000.00; forecast 1,144,700.00 − 60,000.00
    assert (year.headroom.headroom, year.headroom.forecast_headroom) == (D("1099700.00"), D("1084700.00"))
    found = alerts_of(inputs, FY24, date(2025, 1, 15))
    assert found["gp_underspend"].amount == D("18918.98") and found["underspend"].amount == D("1084700.00")
    # 2025/26 has one pot: the same GP counts against the entitlement
    ent25 = make_entitlement(FY25, weighted_population=50000, rules=rules)
    assert ent25.gp_amount is None
    year25 = arrs_year(ArrsInputs(rules, (cp, gp), (), (ent25,)), FY25, date(2025, 11, 23))
    assert year25.gp_pot is None and year25.headroom.headroom == ent25.amount - year25.claimable_to_date


def test_gp_pot_over_the_ring_fence_is_a_problem_and_a_gp_rate_can_be_given():
    rules = shipped_rulebook()
    ent = make_entitlement(FY24, weighted_population=10000, rules=rules, gp_rate_per_patient=D("2"))
    assert ent.gp_amount == D("20000.00")  # 10,000 × 2
    gps = tuple(member(name=f"Dr {i}", role="GP", salary="80000", oncost="25", start="2024-10-01", id=i)
                for i in range(1, 3))
    found = alerts_of(ArrsInputs(rules, gps, (), (ent,)), FY24, date(2025, 1, 15))
    # forecast 2 × 46,231.02 = 92,462.04, over the 20,000.00 pot by 72,462.04
    assert found["gp_overspend"].severity == "problem" and found["gp_overspend"].amount == D("72462.04")
    amount_only = make_entitlement(FY24, weighted_population=None, amount=D("500000"), rules=rules)
    assert amount_only.gp_amount is None  # no weighted population: no GP pot


def test_entitlement_rate_confirmed_or_not():
    rules = shipped_rulebook()
    assert rate_confirmed(D("26.631"), rules, FY26) is False  # 2026/27: the 2025/26 rate carried forward
    assert rate_confirmed(D("27.10"), rules, FY26) is True  # the user's own figure
    assert rate_confirmed(D("26.631"), rules, FY25) is True and rate_confirmed(None, rules, FY26) is None
    assert rate_confirmed(D("1.303"), rules, FY24, gp=True) is True


# ---------------------------------------------------------------------- backdated uplift and recalculation
def test_the_backdated_august_2025_uplift_recalculates_the_ended_months():
    # Before the uplift the portal had the March 2025 figure 66,972; pcntui ships the estimate
    # 66,972 × 1.036 = 69,382.99 → 69,383 from 1 Apr 2025.
    before_rules = rules_with(("CP", "2025-04-01", "66972", "100"))
    after_rules = shipped_rulebook()
    cp = member(salary="80000", oncost="20", start="2025-04-01")  # actual 8,000.00 a month, above both caps
    as_of = date(2025, 8, 15)  # April–July have ended
    before = member_year(cp, before_rules, FY25)
    after = member_year(cp, after_rules, FY25)
    # 66,972 / 12 = 5,581.00; 69,383 / 12 = 5,781.9166… → 5,781.92: +200.92 a month
    assert (before[0].claimable, after[0].claimable) == (D("5581.00"), D("5781.92"))
    recalc = recalculation(before, after, as_of)
    assert recalc.months == [date(2025, m, 1) for m in (4, 5, 6, 7)]  # August has not ended: nothing claimed yet
    assert recalc.by_month() == [(date(2025, m, 1), D("200.92")) for m in (4, 5, 6, 7)]
    assert recalc.total == D("803.68")  # 4 × 200.92: the arrears to claim


def test_a_rate_row_in_the_past_and_a_backdated_wte_change():
    before_rules = rules_with(("CP", "2025-04-01", "60000", "100"))
    after_rules = rules_with(("CP", "2025-04-01", "62160", "100"))  # 60,000 × 1.036
    a = member(name="Ann", salary="65000", oncost="20", start="2025-04-01", id=1)  # actual 6,500.00
    b = member(name="Ben", wte="0.5", salary="40000", oncost="20", start="2025-04-01", id=2)  # actual 2,000.00
    as_of = date(2025, 9, 15)  # April–August ended
    rows = lambda rules, *staff: arrs_year(ArrsInputs(rules, staff), FY25, as_of).months  # noqa: E731
    recalc = recalculation(rows(before_rules, a, b), rows(after_rules, a, b), as_of)
    # Ann: cap 60,000 / 12 = 5,000.00 → 62,160 / 12 = 5,180.00, +180.00 a month; Ben stays at 2,000.00
    assert {c.name for c in recalc.changes} == {"Ann"} and len(recalc.changes) == 5
    assert all((c.before, c.after, c.difference) == (D("5000.00"), D("5180.00"), D("180.00")) for c in recalc.changes)
    assert recalc.total == D("900.00")  # 5 × 180.00
    # a backdated WTE change: Ann to 0.5 WTE from 1 June: cap 62,160 × 0.5 / 12 = 2,590.00 < 3,250.00
    halved = with_change(a, date(2025, 6, 1), wte=D("0.5"))
    recalc = recalculation(rows(after_rules, a, b), rows(after_rules, halved, b), as_of)
    assert recalc.months == [date(2025, 6, 1), date(2025, 7, 1), date(2025, 8, 1)]
    assert recalc.total == D("-7770.00")  # 3 × (2,590.00 − 5,180.00): over-claimed
    assert not recalculation(rows(after_rules, a), rows(after_rules, a), as_of)


def test_a_start_date_moved_earlier_adds_ended_months():
    rules = rules_with(("CP", "2025-04-01", "60000", "100"))
    late = member(salary="48000", oncost="25", start="2025-06-01")  # 5,000.00 a month
    early = member(salary="48000", oncost="25", start="2025-05-01")
    recalc = recalculation(member_year(late, rules, FY25), member_year(early, rules, FY25), date(2025, 9, 15))
    assert [(c.month, c.before, c.after) for c in recalc.changes] == [(date(2025, 5, 1), D("0.00"), D("5000.00"))]


# ---------------------------------------------------------------------- the 12-month rule, estimated records
def test_the_12_month_rule_for_new_nurse_and_support_worker_posts():
    rules = shipped_rulebook()
    gpn = rules.role("GPN")
    assert gpn.no_recent_employment_months == 12 and rules.role("CP").no_recent_employment_months is None
    assert gpn.recently_employed(date(2025, 6, 15), date(2024, 6, 15))  # 12 months before to the day
    assert not gpn.recently_employed(date(2025, 6, 15), date(2024, 6, 14))
    assert not gpn.recently_employed(date(2025, 6, 15), None)
    nurse = member(name="Nia", role="GPN", band="5", start="2025-06-01", salary="30000", oncost="20", id=4,
                   previously_employed_until=date(2025, 1, 31), supervisor="X", registration_number="1")
    found = alerts_of(ArrsInputs(rules, (nurse,)), FY25, date(2025, 11, 23))
    assert found["recently_employed"].severity == "problem" and "12 months" in found["recently_employed"].message
    assert any("12 months" in w for w in check_member(nurse, rules).warnings)
    bad = member(role="GPN", start="2025-06-01", previously_employed_until=date(2025, 6, 1))
    assert any("must be before the start date" in p for p in check_member(bad, rules).problems)


def test_estimated_records_are_counted_apart_and_alerted_once():
    rules = shipped_rulebook()
    real = member(name="Real", salary="48000", oncost="25", id=1)  # 5,000.00 a month
    guesses = tuple(member(name=f"NWRS {i}", salary="48000", oncost="25", id=i, estimated=True) for i in (2, 3))
    inputs = ArrsInputs(rules, (real, *guesses), (), (Entitlement(FY24, D("300000")),))
    year = arrs_year(inputs, FY24, date(2024, 11, 23))
    assert year.claimable_to_date == D("105000.00")  # 3 people × 7 months × 5,000.00
    assert year.estimated_claimable_to_date == D("70000.00")  # 2 × 7 × 5,000.00
    assert year.estimated_forecast == D("120000.00")  # 2 × 12 × 5,000.00
    alerts = [a for a in arrs_alerts(inputs, year, []) if a.kind == "estimated_records"]
    assert len(alerts) == 1 and alerts[0].message.startswith("2 staff records are estimated")
    assert "£70,000.00 of the claimable to date" in alerts[0].message


# ---------------------------------------------------------------------- properties
person_pct = st.decimals(min_value=Decimal("0.5"), max_value=Decimal(100), places=1)
role_pct = st.sampled_from([Decimal(50), Decimal(70), Decimal(100)])


def _exact(month_days, pieces, maximum, pct, rpct) -> Fraction:
    actual = sum(Fraction(p.fte_salary) * Fraction(p.wte) / 12 * Fraction(p.days, month_days)
                 * (1 + Fraction(p.oncost_pct) / 100) for p in pieces)
    cap = sum(Fraction(maximum) * Fraction(pct) / Fraction(rpct) * Fraction(p.wte) / 12 * Fraction(p.days, month_days)
              for p in pieces)
    return min(actual * Fraction(pct) / 100, cap), cap


@settings(max_examples=150, deadline=None)
@given(month_pieces(), annual_max, person_pct, role_pct)
def test_claim_with_a_person_percentage_never_exceeds_the_cap(mp, maximum, pct, rpct):
    month_days, pieces = mp
    c = month_claim(month_days, pieces, maximum, pct, rpct)
    exact, cap = _exact(month_days, pieces, maximum, pct, rpct)
    assert 0 <= c.claimable <= to_penny(cap) and to_penny(c.cap) == to_penny(cap)
    assert c.claimable <= to_penny(c.actual_cost * pct / 100)
    assert c.claimable == to_penny(exact)


@settings(max_examples=150, deadline=None)
@given(month_pieces(), annual_max, person_pct, role_pct)
def test_claim_scales_exactly_with_the_person_percentage(mp, maximum, pct, rpct):
    """The share and the cap are both linear in the person's %: claim(p) = p / role% × claim(role%), unrounded."""
    month_days, pieces = mp
    at_role, _ = _exact(month_days, pieces, maximum, rpct, rpct)
    scaled = month_claim(month_days, pieces, maximum, pct, rpct)
    assert scaled.claimable == to_penny(Fraction(pct) / Fraction(rpct) * at_role)
    assert month_claim(month_days, pieces, maximum, rpct, rpct).claimable == to_penny(at_role)


def test_what_if_a_gp_post_in_2024_25_is_set_against_the_gp_pot():
    from pcntui.domain.forecast import what_if
    from pcntui.domain.staff import PlannedPost

    rules = shipped_rulebook()
    ent = make_entitlement(FY24, weighted_population=50000, rules=rules)
    post = PlannedPost(None, "GP", D(1), date(2025, 1, 1), D("80000"), oncost_pct=D(25))
    w = what_if(ArrsInputs(rules, (), (), (ent,)), FY24, date(2024, 12, 15), post)
    # Jan–Mar 3 × 7,705.17 = 23,115.51 against the £65,150.00 GP pot, not the main pot
    assert (w.added, w.before.entitlement, w.after.forecast_headroom) == (D("23115.51"), D("65150.00"), D("42034.49"))


def test_a_salary_warning_names_the_dated_terms_it_is_about():
    """A change of salary out of the band range warns about that change, by its date (a later
    change must not read as a warning about the salary just entered)."""
    rules = shipped_rulebook()
    cc = member(role="CC", band="4", start="2026-04-01", salary="28000", changes=[("2026-09-01", "1", "40000")])
    warned = [w for w in check_member(cc, rules).warnings if "Full-time salary" in w]
    assert len(warned) == 1 and "£40,000" in warned[0] and warned[0].endswith("(from 2026-09-01).")

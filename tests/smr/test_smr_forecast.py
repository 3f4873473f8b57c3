"""Run-rate forecasts, weekly rate needed and the date the target is reached, worked by hand.

Year 2026/27: 1 April 2026 (day 0) – 31 March 2027 (day 364).
"""

from datetime import date
from decimal import Decimal

import pytest
from dateutil.relativedelta import relativedelta
from hypothesis import given
from hypothesis import strategies as st

from pcntui.domain import smr_forecast as fc
from pcntui.domain.cohort import Target
from pcntui.domain.smr_progress import Snapshot, Status, practice_progress

from .conftest import FY


def P(d, v):
    return fc.Point(d, v)


def test_three_even_snapshots_hand_worked():
    # days 30, 60, 90 (1 May, 31 May, 30 Jun) with 10, 20, 30 completed:
    # slope = Σ(x−x̄)(y−ȳ)/Σ(x−x̄)² = ((−30)(−10) + 0 + (30)(10)) / (900 + 0 + 900) = 600/1800 = 1/3 per day
    pts = [P(date(2026, 5, 1), 10), P(date(2026, 5, 31), 20), P(date(2026, 6, 30), 30)]
    rate = fc.run_rate(pts, FY)
    assert rate == pytest.approx(1 / 3)
    # 30 Jun 2026 → 31 Mar 2027 = 274 days; forecast = 30 + 274/3 = 121.33
    assert fc.days_left(date(2026, 6, 30), FY) == 274
    assert fc.forecast(pts[-1], rate, FY) == pytest.approx(30 + 274 / 3)
    # target 100: (100 − 30) / (1/3) = 210 days after 30 Jun = 26 Jan 2027, 64 days before 31 March
    assert fc.reach_date(pts, 100, rate) == date(2027, 1, 26)
    # from 7 Jul 2026: 267 days = 38.142857 weeks left; 70 / 38.142857 = 1.835 per week
    assert fc.weekly_needed(70, date(2026, 7, 7), FY) == pytest.approx(70 / (267 / 7))


def test_practice_progress_hand_worked():
    snaps = [Snapshot(date(2026, 5, 1), 200, 10), Snapshot(date(2026, 5, 31), 200, 20),
             Snapshot(date(2026, 6, 30), 200, 30)]
    p = practice_progress("Y90001", snaps, FY, date(2026, 7, 7), Target("percent", Decimal(50)))
    assert p.percent == pytest.approx(15.0)  # 30 / 200
    assert p.target_count == 100  # ⌈200 × 50 / 100⌉
    assert p.remaining == 70
    assert p.rate_per_week == pytest.approx(7 / 3)  # 1/3 a day
    assert p.forecast == 121  # 121.33 rounded half up
    assert p.forecast_percent == pytest.approx(100 * (30 + 274 / 3) / 200)  # 60.67%
    assert p.reach_date == date(2027, 1, 26)
    assert p.days_late == -64  # 26 Jan is 64 days before 31 March
    assert p.status == Status.AHEAD  # reached ≥ 28 days early
    assert p.rag == "green"
    assert p.weekly_needed == pytest.approx(70 / (267 / 7))


def test_one_snapshot_uses_the_start_of_the_year():
    # 45 completed on 30 Jun (day 90) → 0.5 a day from 1 April; forecast 45 + 0.5 × 274 = 182
    snaps = [Snapshot(date(2026, 6, 30), 300, 45)]
    p = practice_progress("Y90001", snaps, FY, date(2026, 6, 30), Target("count", Decimal(200)))
    assert p.rate_per_day == pytest.approx(0.5)
    assert p.forecast == 182
    # 200 − 45 = 155 more at 0.5 a day = 310 days → 6 May 2027, 36 days late
    assert p.reach_date == date(2027, 5, 6)
    assert p.days_late == 36
    assert p.status == Status.AT_RISK  # 182 ≥ 0.9 × 200 = 180, but < 200


def test_one_snapshot_on_1_april_gives_no_rate():
    p = practice_progress("Y90001", [Snapshot(date(2026, 4, 1), 100, 5)], FY, date(2026, 4, 2),
                          Target("percent", Decimal(50)))
    assert p.rate_per_day is None
    assert p.forecast == 5  # nothing to project
    assert p.reach_date is None and p.days_late is None
    assert p.status == Status.BEHIND


def test_no_progress_is_never_reached():
    snaps = [Snapshot(date(2026, 5, 1), 100, 20), Snapshot(date(2026, 6, 1), 100, 20),
             Snapshot(date(2026, 7, 1), 100, 20)]
    p = practice_progress("Y90001", snaps, FY, date(2026, 7, 1), Target("percent", Decimal(40)))
    assert p.rate_per_day == 0
    assert p.forecast == 20
    assert p.reach_date is None
    assert p.status == Status.BEHIND and p.rag == "red"
    # 20 more in 273 days (1 Jul → 31 Mar) = 39 weeks: 20 / 39 = 0.513 a week
    assert p.weekly_needed == pytest.approx(20 / (273 / 7))


def test_target_already_met():
    snaps = [Snapshot(date(2026, 5, 31), 200, 90), Snapshot(date(2026, 6, 30), 200, 105),
             Snapshot(date(2026, 7, 31), 200, 120)]
    p = practice_progress("Y90001", snaps, FY, date(2026, 8, 5), Target("percent", Decimal(50)))
    assert p.status == Status.MET
    assert p.remaining == 0
    assert p.weekly_needed == 0
    assert p.reach_date == date(2026, 6, 30)  # first snapshot with completed ≥ 100
    assert p.days_late == (date(2026, 6, 30) - date(2027, 3, 31)).days  # −274


def test_counts_going_backwards_do_not_project_backwards():
    snaps = [Snapshot(date(2026, 5, 1), 100, 30), Snapshot(date(2026, 5, 31), 100, 20)]
    p = practice_progress("Y90001", snaps, FY, date(2026, 6, 1), Target("percent", Decimal(50)))
    assert p.rate_per_day < 0
    assert p.forecast == 20  # the negative rate is treated as 0
    assert p.reach_date is None


def test_forecast_never_exceeds_eligible():
    snaps = [Snapshot(date(2026, 5, 1), 40, 30), Snapshot(date(2026, 5, 31), 40, 35)]
    p = practice_progress("Y90001", snaps, FY, date(2026, 6, 1), None)
    assert p.forecast == 40
    assert p.status == Status.NO_TARGET


def test_year_over_no_time_left():
    snaps = [Snapshot(date(2027, 3, 31), 100, 40)]
    p = practice_progress("Y90001", snaps, FY, date(2027, 5, 1), Target("percent", Decimal(50)))
    assert p.weekly_needed is None
    assert p.forecast == 40
    assert p.status == Status.BEHIND


def test_snapshots_outside_the_year_or_after_as_of_are_ignored():
    snaps = [Snapshot(date(2026, 3, 31), 100, 90), Snapshot(date(2026, 6, 30), 100, 45),
             Snapshot(date(2026, 12, 31), 100, 80)]
    p = practice_progress("Y90001", snaps, FY, date(2026, 11, 23), None)
    assert [s.as_of for s in p.snapshots] == [date(2026, 6, 30)]
    assert p.completed == 45


def test_no_snapshots_is_no_data():
    p = practice_progress("Y90001", [], FY, date(2026, 11, 23), Target("percent", Decimal(50)))
    assert p.status == Status.NO_DATA and p.rag == "none"
    assert p.forecast is None and p.target_count is None


@given(st.lists(st.integers(0, 500), min_size=2, max_size=12))
def test_property_forecast_between_latest_and_eligible(increments):
    values, total = [], 0
    for inc in increments:
        total += inc
        values.append(total)
    eligible = values[-1] + 100
    snaps = [Snapshot(date(2026, 4, 28) + relativedelta(months=i), eligible, v) for i, v in enumerate(values)]
    p = practice_progress("Y90001", snaps, FY, date(2027, 3, 31), Target("percent", Decimal(50)))
    assert values[-1] <= p.forecast <= eligible
    assert p.rate_per_day >= 0  # cumulative counts never give a negative trend


@given(st.floats(0.01, 50), st.integers(1, 300), st.integers(0, 200))
def test_property_reach_date_consistent_with_rate(rate, gap, latest):
    pts = [P(date(2026, 6, 30), latest)]
    when = fc.reach_date(pts, latest + gap, rate)
    days = (when - date(2026, 6, 30)).days
    assert rate * days >= gap - 1e-6  # reached by then
    assert rate * (days - 1) < gap + 1e-6  # not a day earlier

"""PCN totals from practices, targets split by practice, statuses and count warnings."""

from datetime import date
from decimal import Decimal

import pytest

from pcntui.domain.cohort import CohortYear, Target
from pcntui.domain.fy import FinancialYear
from pcntui.domain.iif import IifIndicator
from pcntui.domain.smr_progress import (
    Snapshot, Status, count_warnings, forecast_line, pcn_progress, pcn_series, practice_progress,
)

from .conftest import FY

AS_OF = date(2026, 7, 7)


def _practices(target=None):
    a = [Snapshot(date(2026, 5, 1), 200, 10), Snapshot(date(2026, 5, 31), 200, 20), Snapshot(date(2026, 6, 30), 200, 30)]
    b = [Snapshot(date(2026, 5, 31), 100, 15), Snapshot(date(2026, 6, 30), 100, 30)]
    return [practice_progress("Y90001", a, FY, AS_OF, target), practice_progress("Y90002", b, FY, AS_OF, target),
            practice_progress("Y90003", [], FY, AS_OF, target)]


def test_pcn_total_sums_practices():
    target = Target("percent", Decimal(40))
    practices = _practices(target)
    total = pcn_progress(practices, FY, AS_OF, target)
    assert (total.eligible, total.completed) == (300, 60)
    # rates: A 1/3 a day; B (30 − 15) / 30 days = 0.5 a day → 5/6 a day together
    assert total.rate_per_day == pytest.approx(1 / 3 + 0.5)
    # forecasts: A 30 + 274/3 = 121.33; B 30 + 0.5 × 274 = 167 → capped at 100 eligible; sum 221.33
    assert total.forecast == 221
    assert total.target_count == 120  # ⌈300 × 40%⌉
    # reach: 60 more at 5/6 a day = 72 days after 30 Jun → 10 Sep 2026
    assert total.reach_date == date(2026, 9, 10)
    assert total.status == Status.AHEAD
    assert total.latest_as_of == date(2026, 6, 30)
    assert practices[2].status == Status.NO_DATA


def test_pcn_series_carries_each_practice_forward():
    practices = _practices()
    series = pcn_series({p.label: p.snapshots for p in practices})
    assert [(s.as_of, s.eligible, s.completed) for s in series] == [
        (date(2026, 5, 1), 200, 10),  # only A so far
        (date(2026, 5, 31), 300, 35),  # A 20 + B 15
        (date(2026, 6, 30), 300, 60),
    ]


def test_count_target_split_by_eligible():
    t = Target("count", Decimal(120))
    # 120 × 200 / 300 = 80 and 120 × 100 / 300 = 40
    assert t.for_practice(200, 300) == Target("count", Decimal(80))
    assert t.for_practice(100, 300).count_for(100) == 40
    assert Target("percent", Decimal("72.5")).for_practice(1, 2).count_for(200) == 145  # ⌈200 × 72.5%⌉
    assert Target("percent", Decimal(50)).count_for(7) == 4  # ⌈3.5⌉


@pytest.mark.parametrize("forecast,status", [(100, Status.ON_TRACK), (95, Status.AT_RISK), (90, Status.AT_RISK),
                                             (89, Status.BEHIND)])
def test_status_thresholds(forecast, status):
    from pcntui.domain.smr_progress import status_of

    assert status_of(True, 50, 100, forecast, date(2027, 3, 20), FY) == status


def test_iif_thresholds_share_of_points():
    row = IifIndicator(FinancialYear(2022), "SMR-01B", "N", "D", Decimal(20), Decimal(40), None, None)
    y = CohortYear("2022/23", iif_indicator="SMR-01B", iif_confirmed=True, iif=row)
    assert y.iif_share(10) == 0 and y.iif_share(40) == 1 and y.iif_share(30) == pytest.approx(0.5)
    assert CohortYear("2022/23", iif_indicator="SMR-01B").iif_share(30) is None  # thresholds unknown
    p = practice_progress("Y90001", [Snapshot(date(2026, 6, 30), 100, 25)], FY, AS_OF, None, y)
    assert p.iif_share_now == pytest.approx(0.25)  # (25 − 20) / (40 − 20)


def test_count_warnings():
    snaps = [Snapshot(date(2026, 3, 31), 100, 90, 95), Snapshot(date(2026, 4, 30), 100, 5, 20),  # new year: fine
             Snapshot(date(2026, 5, 31), 100, 12, 30), Snapshot(date(2026, 6, 30), 100, 10, 28),
             Snapshot(date(2026, 7, 31), 10, 14, 30)]
    messages = [w.message for w in count_warnings(snaps)]
    assert messages == [
        "completed went down from 12 on 2026-05-31 to 10 on 2026-06-30",
        "invited went down from 30 on 2026-05-31 to 28 on 2026-06-30",
        "completed 14 is more than eligible 10 on 2026-07-31",
        "invited 30 is more than eligible 10 on 2026-07-31",
    ]


def test_count_warnings_about_a_snapshot_being_saved_name_its_field():
    held = [Snapshot(date(2026, 5, 31), 100, 12, 30), Snapshot(date(2026, 7, 31), 100, 20, 40)]
    new = Snapshot(date(2026, 6, 30), 100, 25, 45)  # above the later snapshot: said from its own side
    found = [(w.field, w.text) for w in count_warnings([*held, new], about={new.as_of})]
    assert found == [("completed", "25 is more than the 20 held for the later date 2026-07-31"),
                     ("invited", "45 is more than the 40 held for the later date 2026-07-31")]
    assert count_warnings(held, about={new.as_of}) == []


def test_forecast_line():
    p = _practices()[0]
    assert forecast_line(p, FY) == [(date(2026, 6, 30), 30.0), (date(2027, 3, 31), pytest.approx(30 + 274 / 3))]

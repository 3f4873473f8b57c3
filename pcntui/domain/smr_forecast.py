"""Run-rate forecast of SMRs completed by 31 March, from the year's snapshots.

Counts are year-to-date (completed = patients in the cohort with an SMR since 1 April).

* **Run rate** (reviews per day): the least-squares slope of `completed` against the day,
  over the year's snapshots. With a single snapshot the year's start (1 April, 0
  completed) is the second point, so the rate is `completed / days since 1 April`. A
  single snapshot dated 1 April gives no rate (None).
* **Forecast** at 31 March: `latest completed + max(rate, 0) × days from the latest
  snapshot to 31 March`, never more than the latest eligible count.
* **Weekly rate needed**: `(target − latest completed) / (days from the as-of date to
  31 March / 7)`; 0 when the target is met; None when no days are left.
* **Date the target is reached** at the current rate: `latest snapshot date +
  ⌈(target − latest completed) / rate⌉ days`; when already met, the first snapshot date
  with `completed ≥ target`; None when the rate is not positive. `days_late` = that date −
  31 March (negative = earlier than 31 March).
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from pcntui.domain.fy import FinancialYear


@dataclass(frozen=True)
class Point:
    """One dated value of a series (a count on a day)."""

    day: date
    value: int


def run_rate(points: Sequence[Point], fy: FinancialYear) -> float | None:
    """Reviews per day: least-squares slope over the points (see module docstring)."""
    pts = sorted(points, key=lambda p: p.day)
    if not pts:
        return None
    if len(pts) == 1:
        if pts[0].day <= fy.start:
            return None
        pts = [Point(fy.start, 0), pts[0]]
    xs = [(p.day - fy.start).days for p in pts]
    ys = [p.value for p in pts]
    n = len(pts)
    mean_x = sum(xs) / n
    mean_y = sum(ys) / n
    sxx = sum((x - mean_x) ** 2 for x in xs)
    if sxx == 0:
        return None
    sxy = sum((x - mean_x) * (y - mean_y) for x, y in zip(xs, ys))
    return sxy / sxx


def days_left(from_day: date, fy: FinancialYear) -> int:
    """Days from `from_day` to 31 March (0 on or after it)."""
    return max((fy.end - from_day).days, 0)


def forecast(latest: Point, rate: float | None, fy: FinancialYear, cap: int | None = None) -> float:
    """Completed by 31 March at the run rate (never below the latest count, never above `cap`)."""
    projected = latest.value + max(rate or 0.0, 0.0) * days_left(latest.day, fy)
    if cap is not None:
        projected = min(projected, max(cap, latest.value))
    return projected


def weekly_needed(remaining: int, as_of: date, fy: FinancialYear) -> float | None:
    """Reviews per week needed from `as_of` to 31 March to close a gap of `remaining`."""
    if remaining <= 0:
        return 0.0
    days = days_left(as_of, fy)
    if days == 0:
        return None
    return remaining / (days / 7)


def reach_date(points: Sequence[Point], target: int, rate: float | None) -> date | None:
    """When `completed` reaches `target` at the run rate (see module docstring)."""
    pts = sorted(points, key=lambda p: p.day)
    if not pts:
        return None
    for p in pts:
        if p.value >= target:
            return p.day
    if rate is None or rate <= 0:
        return None
    latest = pts[-1]
    days = (target - latest.value) / rate
    return latest.day + timedelta(days=math.ceil(days - 1e-9))  # 1e-9: float noise, not a day


def round_half_up(x: float) -> int:
    return int(math.floor(x + 0.5))

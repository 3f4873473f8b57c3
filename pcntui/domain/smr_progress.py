"""SMR progress for one cohort: per practice and the PCN total, against target and IIF thresholds.

Inputs are the year's snapshots (year-to-date counts) of each practice. A practice's row
uses its own snapshots (forecast rules: smr_forecast). The PCN total is the sum of the
practices' latest counts and of their forecasts; its run rate is the sum of their rates.

Status, from the latest counts and the forecast at 31 March (forecast rounded half up):
  met       completed ≥ target
  ahead     forecast ≥ target and the target is reached ≥ 28 days before 31 March
  on track  forecast ≥ target
  at risk   forecast ≥ 90% of the target
  behind    otherwise
  no target / no data
RAG: met, ahead, on track → green; at risk → amber; behind → red; else none.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from enum import Enum

from pcntui.domain import smr_forecast as fc
from pcntui.domain.cohort import CohortYear, Target
from pcntui.domain.fy import FinancialYear

AT_RISK_SHARE = 0.9  # forecast within 10% of the target is "at risk", below it "behind"
AHEAD_DAYS = 28  # reached at least four weeks before 31 March is "ahead"
STALE_DAYS = 45  # counts older than this (vs the as-of date) are flagged


class Status(str, Enum):
    MET = "met"
    AHEAD = "ahead"
    ON_TRACK = "on track"
    AT_RISK = "at risk"
    BEHIND = "behind"
    NO_TARGET = "no target"
    NO_DATA = "no data"

    @property
    def rag(self) -> str:
        return {
            Status.MET: "green", Status.AHEAD: "green", Status.ON_TRACK: "green",
            Status.AT_RISK: "amber", Status.BEHIND: "red",
        }.get(self, "none")


@dataclass(frozen=True)
class Snapshot:
    """One search result: year-to-date counts for one practice and cohort on `as_of`."""

    as_of: date
    eligible: int
    completed: int
    invited: int | None = None
    declined: int | None = None


@dataclass(frozen=True)
class CountWarning:
    """A count that looks wrong: `field` (completed, invited, declined) and `text` (which does
    not name the field, so a form shows it under that field)."""

    as_of: date
    text: str
    field: str = "completed"

    @property
    def message(self) -> str:
        return f"{self.field} {self.text}"


@dataclass(frozen=True)
class Progress:
    """One row of progress (a practice, or the PCN total) for one cohort in one year."""

    label: str  # practice code, or 'PCN'
    snapshots: tuple[Snapshot, ...]  # the year's series up to the as-of date (for the chart)
    latest_as_of: date | None
    eligible: int
    completed: int
    invited: int | None
    declined: int | None
    target: Target | None
    target_count: int | None
    rate_per_day: float | None
    forecast_value: float | None  # unrounded
    weekly_needed: float | None
    reach_date: date | None
    days_late: int | None  # reach date − 31 March; negative = earlier
    status: Status
    iif_share_now: float | None = None
    iif_share_forecast: float | None = None

    @property
    def percent(self) -> float | None:
        return 100 * self.completed / self.eligible if self.eligible else None

    @property
    def remaining(self) -> int | None:
        return None if self.target_count is None else max(self.target_count - self.completed, 0)

    @property
    def rate_per_week(self) -> float | None:
        return None if self.rate_per_day is None else self.rate_per_day * 7

    @property
    def forecast(self) -> int | None:
        return None if self.forecast_value is None else fc.round_half_up(self.forecast_value)

    @property
    def forecast_percent(self) -> float | None:
        if self.forecast_value is None or not self.eligible:
            return None
        return 100 * self.forecast_value / self.eligible

    @property
    def target_percent(self) -> float | None:
        """The target as a % of the latest eligible count."""
        if self.target is None:
            return None
        if self.target.kind == "percent":
            return float(self.target.value)
        return 100 * self.target_count / self.eligible if self.eligible else None

    @property
    def rag(self) -> str:
        return self.status.rag


def year_snapshots(snapshots: Iterable[Snapshot], fy: FinancialYear, as_of: date) -> list[Snapshot]:
    """The snapshots dated within `fy` and not after `as_of`, oldest first."""
    return sorted((s for s in snapshots if fy.contains(s.as_of) and s.as_of <= as_of), key=lambda s: s.as_of)


def status_of(has_data: bool, completed: int, target_count: int | None, forecast: int | None,
              reach: date | None, fy: FinancialYear) -> Status:
    if not has_data:
        return Status.NO_DATA
    if target_count is None:
        return Status.NO_TARGET
    if completed >= target_count:
        return Status.MET
    if forecast is not None and forecast >= target_count:
        if reach is not None and (fy.end - reach).days >= AHEAD_DAYS:
            return Status.AHEAD
        return Status.ON_TRACK
    if forecast is not None and forecast >= AT_RISK_SHARE * target_count:
        return Status.AT_RISK
    return Status.BEHIND


def _finish(label: str, series: Sequence[Snapshot], eligible: int, completed: int, invited: int | None,
            declined: int | None, latest: date | None, rate: float | None, forecast_value: float | None,
            target: Target | None, fy: FinancialYear, as_of: date, year: CohortYear | None,
            reach_rate: float | None) -> Progress:
    target_count = target.count_for(eligible) if target is not None and series else None
    weekly = reach = days_late = None
    if target_count is not None:
        weekly = fc.weekly_needed(target_count - completed, min(as_of, fy.end), fy)
        points = [fc.Point(s.as_of, s.completed) for s in series]
        reach = fc.reach_date(points, target_count, reach_rate)
        days_late = None if reach is None else (reach - fy.end).days
    forecast_int = None if forecast_value is None else fc.round_half_up(forecast_value)
    status = status_of(bool(series), completed, target_count, forecast_int, reach, fy)
    pct = 100 * completed / eligible if eligible else None
    fpct = 100 * forecast_value / eligible if eligible and forecast_value is not None else None
    return Progress(
        label=label, snapshots=tuple(series), latest_as_of=latest, eligible=eligible, completed=completed,
        invited=invited, declined=declined, target=target, target_count=target_count, rate_per_day=rate,
        forecast_value=forecast_value, weekly_needed=weekly, reach_date=reach, days_late=days_late,
        status=status,
        iif_share_now=year.iif_share(pct) if year else None,
        iif_share_forecast=year.iif_share(fpct) if year else None,
    )


def practice_progress(label: str, snapshots: Iterable[Snapshot], fy: FinancialYear, as_of: date,
                      target: Target | None, year: CohortYear | None = None) -> Progress:
    """Progress of one practice from its snapshots (any years; only `fy`'s up to `as_of` are used)."""
    series = year_snapshots(snapshots, fy, as_of)
    if not series:
        return _finish(label, [], 0, 0, None, None, None, None, None, target, fy, as_of, year, None)
    last = series[-1]
    rate = fc.run_rate([fc.Point(s.as_of, s.completed) for s in series], fy)
    value = fc.forecast(fc.Point(last.as_of, last.completed), rate, fy, cap=last.eligible)
    return _finish(label, series, last.eligible, last.completed, last.invited, last.declined, last.as_of,
                   rate, value, target, fy, as_of, year, rate)


def pcn_series(series_by_practice: Mapping[str, Sequence[Snapshot]]) -> list[Snapshot]:
    """The PCN's series: at each date any practice reported, the sum of every practice's
    latest snapshot on or before that date (a practice not yet reporting adds 0)."""
    dates = sorted({s.as_of for series in series_by_practice.values() for s in series})
    out = []
    for day in dates:
        eligible = completed = 0
        invited: int | None = 0
        declined: int | None = 0
        for series in series_by_practice.values():
            known = [s for s in series if s.as_of <= day]
            if not known:
                continue
            s = known[-1]
            eligible += s.eligible
            completed += s.completed
            invited = None if invited is None or s.invited is None else invited + s.invited
            declined = None if declined is None or s.declined is None else declined + s.declined
        out.append(Snapshot(day, eligible, completed, invited, declined))
    return out


def pcn_progress(practices: Sequence[Progress], fy: FinancialYear, as_of: date, target: Target | None,
                 year: CohortYear | None = None, label: str = "PCN") -> Progress:
    """The PCN total: sums of the practices' latest counts, forecasts and run rates."""
    reporting = [p for p in practices if p.snapshots]
    series = pcn_series({p.label: p.snapshots for p in reporting})
    if not reporting:
        return _finish(label, [], 0, 0, None, None, None, None, None, target, fy, as_of, year, None)

    def total(values: list[int | None]) -> int | None:
        return None if any(v is None for v in values) else sum(values)  # type: ignore[arg-type]

    rates = [p.rate_per_day for p in reporting if p.rate_per_day is not None]
    rate = sum(rates) if rates else None
    value = sum(p.forecast_value for p in reporting if p.forecast_value is not None)
    return _finish(
        label, series, sum(p.eligible for p in reporting), sum(p.completed for p in reporting),
        total([p.invited for p in reporting]), total([p.declined for p in reporting]),
        max(p.latest_as_of for p in reporting if p.latest_as_of), rate, value, target, fy, as_of, year,
        rate,
    )


def count_warnings(snapshots: Iterable[Snapshot], about: Collection[date] | None = None) -> list[CountWarning]:
    """What looks wrong in one practice's history for one cohort (the one list the form, the
    CLI, the import and progress use): completed or invited above eligible; a year-to-date
    count (completed, invited, declined) lower than the snapshot before it in the same
    financial year. `about`: only warnings about the snapshots of those dates (being saved);
    one above a later held snapshot is then said from its own side."""
    series = sorted(snapshots, key=lambda s: s.as_of)
    out = []
    for s in series:
        if about is not None and s.as_of not in about:
            continue
        for name in ("completed", "invited"):
            value = getattr(s, name)
            if value is not None and value > s.eligible:
                out.append(CountWarning(s.as_of, f"{value} is more than eligible {s.eligible} on "
                                                 f"{s.as_of.isoformat()}", name))
    for prev, cur in zip(series, series[1:]):
        if FinancialYear.of(prev.as_of) != FinancialYear.of(cur.as_of):
            continue
        for name in ("completed", "invited", "declined"):
            a, b = getattr(prev, name), getattr(cur, name)
            if a is None or b is None or b >= a:
                continue
            if about is None or cur.as_of in about:
                out.append(CountWarning(cur.as_of, f"went down from {a} on {prev.as_of.isoformat()} "
                                                   f"to {b} on {cur.as_of.isoformat()}", name))
            elif prev.as_of in about:
                out.append(CountWarning(prev.as_of, f"{a} is more than the {b} held for the later date "
                                                    f"{cur.as_of.isoformat()}", name))
    return sorted(out, key=lambda w: w.as_of)


def is_stale(latest: date | None, as_of: date, fy: FinancialYear) -> bool:
    """The latest counts are more than STALE_DAYS older than the as-of date (in an open year)."""
    if latest is None:
        return False
    return (min(as_of, fy.end) - latest) > timedelta(days=STALE_DAYS)



def forecast_line(progress: Progress, fy: FinancialYear) -> list[tuple[date, float]]:
    """Two points for a chart's forecast: (latest snapshot, completed) → (31 March, forecast)."""
    if progress.latest_as_of is None or progress.forecast_value is None:
        return []
    return [(progress.latest_as_of, float(progress.completed)), (fy.end, progress.forecast_value)]


def month_values(progress: Progress, fy: FinancialYear) -> list[tuple[float | None, bool]]:
    """The chart's series: (% completed at each month end of the year, is-forecast), from the
    snapshots up to the latest counts, then along the forecast line to 31 March."""
    eligible = progress.eligible or 0
    out: list[tuple[float | None, bool]] = []
    snaps = list(progress.snapshots)
    line = forecast_line(progress, fy)
    latest = progress.latest_as_of
    for first in fy.months():
        month_end = first.replace(day=28) + timedelta(days=4)
        month_end = month_end - timedelta(days=month_end.day)
        seen = [s for s in snaps if s.as_of <= month_end]
        if latest is not None and month_end <= latest or (
                seen and seen[-1] is snaps[-1] and (month_end.year, month_end.month) == (latest.year, latest.month)):
            s = seen[-1] if seen else None
            out.append(((100 * s.completed / s.eligible) if s and s.eligible else (0.0 if s else None), False))
        elif line and eligible:
            (d0, v0), (d1, v1) = line
            span = (d1 - d0).days or 1
            v = v0 + (v1 - v0) * min(max((month_end - d0).days, 0), span) / span
            out.append((100 * v / eligible, True))
        else:
            out.append((None, False))
    return out

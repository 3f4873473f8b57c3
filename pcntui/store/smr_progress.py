"""SMR progress as the screens, status and exports need it: cohorts × practices for a year.

Each practice's series for a cohort comes from its imported counts; where a practice has no
counts for that cohort in the year but has worklist entries, the worklist's derived monthly
counts are used instead (source 'worklist'). The PCN total is computed from the practices
(pcntui.domain.smr_progress). All functions only read, and return plain dataclasses, so a
TUI worker thread can call them.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from datetime import date

from pcntui.domain.cohort import Cohort, CohortYear, Target
from pcntui.domain.fy import FinancialYear
from pcntui.domain.period import Period
from pcntui.domain.smr_forecast import days_left
from pcntui.domain.smr_progress import (
    Progress, Snapshot, count_warnings, forecast_line, is_stale, pcn_progress, practice_progress, year_snapshots,
)
from pcntui.store import audit
from pcntui.store.db import Store
from pcntui.store.smr import SmrSettings, cohorts_for_year, find_cohort, practice_names, settings, targets
from pcntui.store.smr_counts import counted_pairs, history
from pcntui.store.worklist import TABLES as WORKLIST_TABLES, worklist_snapshots


@dataclass(frozen=True)
class CohortProgress:
    """One cohort in one year: the PCN total and one row per practice."""

    cohort: Cohort
    year: CohortYear
    target: Target | None
    pcn: Progress
    practices: list[Progress]  # every practice of the PCN, in name order (label = practice code)
    sources: dict[str, str]  # practice code → 'counts', 'worklist' or 'none'
    warnings: list[str] = field(default_factory=list)  # counts that look wrong, as sentences
    stale: list[str] = field(default_factory=list)  # practices whose latest counts are old
    missing: list[str] = field(default_factory=list)  # practices with no counts this year

    def practice(self, code: str) -> Progress | None:
        return next((p for p in self.practices if p.label == code), None)

    @property
    def counts_latest(self) -> date | None:
        """The newest snapshot date among the practices' imported counts (not worklist-derived ones)."""
        return max((p.latest_as_of for p in self.practices
                    if p.latest_as_of and self.sources.get(p.label) == "counts"), default=None)


@dataclass(frozen=True)
class SmrOverview:
    fy: FinancialYear
    as_of: date
    cohorts: list[CohortProgress]
    practice_names: dict[str, str]
    settings: SmrSettings
    codes: tuple[str, ...] = ()  # every cohort that applies, in order (`cohorts` may hold only some)

    @property
    def reviews_needed(self) -> int:
        """Reviews still needed to meet every cohort's PCN target (summed over cohorts)."""
        return sum(c.pcn.remaining or 0 for c in self.cohorts)

    def cohort(self, code: str) -> CohortProgress | None:
        return next((c for c in self.cohorts if c.cohort.code == code), None)

    @property
    def latest_counts(self) -> date | None:
        """The newest snapshot date among imported counts (else among worklist-derived ones): the
        "latest counts" the SMR screen, the dashboard and `status` all show."""
        dates = [day for c in self.cohorts if (day := c.counts_latest)]
        dates = dates or [c.pcn.latest_as_of for c in self.cohorts if c.pcn.latest_as_of]
        return max(dates, default=None)


def _cohort_progress(cohort: Cohort, year: CohortYear, target: Target | None, fy: FinancialYear, as_of: date,
                     names: dict[str, str], counted: dict[tuple[str, str], list[Snapshot]],
                     from_worklist: dict[tuple[str, str], list[Snapshot]]) -> CohortProgress:
    series: dict[str, list[Snapshot]] = {}
    sources: dict[str, str] = {}
    warnings: list[str] = []
    for code in names:
        own = counted.get((code, cohort.code), [])
        mine = year_snapshots(own, fy, as_of)
        if mine:
            series[code], sources[code] = mine, "counts"
            for w in count_warnings(own):
                if fy.contains(w.as_of) and w.as_of <= as_of:
                    warnings.append(f"{code} {cohort.name}: {w.message}.")
        elif year_snapshots(from_worklist.get((code, cohort.code), []), fy, as_of):
            series[code], sources[code] = year_snapshots(from_worklist[(code, cohort.code)], fy, as_of), "worklist"
        else:
            series[code], sources[code] = [], "none"
    pcn_eligible = sum(s[-1].eligible for s in series.values() if s)
    practices = []
    for code, snaps in series.items():
        t = target.for_practice(snaps[-1].eligible if snaps else 0, pcn_eligible) if target else None
        practices.append(practice_progress(code, snaps, fy, as_of, t, year))
    total = pcn_progress(practices, fy, as_of, target, year)
    stale = [p.label for p in practices if is_stale(p.latest_as_of, as_of, fy) and days_left(as_of, fy) > 0]
    missing = [code for code, src in sources.items() if src == "none"]
    return CohortProgress(cohort, year, target, total, practices, sources, warnings, stale, missing)


def kept_worklist_snapshots(store: Store, fy: FinancialYear, as_of: date,
                            pairs: set[tuple[str, str]]) -> dict[tuple[str, str], list[Snapshot]]:
    """`worklist_snapshots`, kept in the status cache while the worklist is unchanged (its one
    query reads every patient: a change to anything else need not count them again)."""
    from pcntui.store import status_cache

    def compute() -> str:
        found = worklist_snapshots(store, fy, as_of, pairs)
        return json.dumps([[p, k, [[s.as_of.isoformat(), s.eligible, s.completed, s.invited, s.declined]
                                   for s in series]] for (p, k), series in found.items()])

    asked = hashlib.sha256(json.dumps(sorted(pairs)).encode()).hexdigest()[:16]
    text = status_cache.kept(store, f"smr worklist {asked}", status_cache.period_key(as_of.isoformat(), fy.label),
                             WORKLIST_TABLES, compute)
    return {(p, k): [Snapshot(date.fromisoformat(d), *n) for d, *n in series] for p, k, series in json.loads(text)}


def smr_overview(store: Store, period: Period, only: set[str] | None = None) -> SmrOverview:
    """Every cohort that applies in the period's year (of them only those in `only`, if given),
    with PCN and per-practice progress."""
    fy, as_of = period.fy, period.as_of
    names = practice_names(store)
    applying = cohorts_for_year(store, fy)  # read once (not once per practice)
    if only is None:
        counted = history(store, start=fy.start, end=fy.end)
    else:
        counted = {}
        for code in sorted(only & {c.code for c, _ in applying}):
            counted.update(history(store, code, start=fy.start, end=fy.end))
    # (every cohort's pairs with counts, `only` or not: the worklist's kept counts are asked for all)
    need_worklist = {(p, c.code) for p in names for c, _ in applying} - counted_pairs(store, fy, as_of)
    from_worklist = kept_worklist_snapshots(store, fy, as_of, need_worklist) if need_worklist else {}
    tgts = targets(store, fy)
    cohorts = [_cohort_progress(c, y, tgts.get(c.code), fy, as_of, names, counted, from_worklist)
               for c, y in applying if only is None or c.code in only]
    return SmrOverview(fy, as_of, cohorts, names, settings(store), tuple(c.code for c, _ in applying))


def changed_cohorts(store: Store, stamp: str, reads: tuple[str, ...]) -> set[str] | None:
    """The cohorts whose counts the actions after the one of `stamp` wrote (None: they wrote another
    of the tables `reads` too, or counts recorded as a run of rows, or a forget came since: audit.changed_keys)."""
    with store.lock:
        return audit.changed_keys(store.conn, stamp, reads, _cohorts_of_change)


def _cohorts_of_change(c: audit.Change) -> set[str] | None:
    """The cohorts of a change to the counts (None: a change to another table)."""
    if c.table != "smr_count":
        return None
    return audit.values_of(c, "cohort_code") or None


def cohort_progress(store: Store, period: Period, cohort_text: str) -> CohortProgress:
    """One cohort's progress (cohort detail: chart series in `pcn.snapshots` and each
    practice's `snapshots`; forecast line from `forecast_line`)."""
    fy, as_of = period.fy, period.as_of
    cohort = find_cohort(store, cohort_text)
    year = cohort.year(fy) or CohortYear(fy=fy.label, des_priority=False, note="Not a DES priority group this year.")
    names = practice_names(store)
    counted = history(store, cohort.code, start=fy.start, end=fy.end)
    need = {(p, cohort.code) for p in names if not year_snapshots(counted.get((p, cohort.code), []), fy, as_of)}
    from_worklist = worklist_snapshots(store, fy, as_of, need) if need else {}
    return _cohort_progress(cohort, year, targets(store, fy).get(cohort.code), fy, as_of, names, counted,
                            from_worklist)



__all__ = ["CohortProgress", "SmrOverview", "smr_overview", "changed_cohorts", "cohort_progress", "forecast_line",
           "Progress"]

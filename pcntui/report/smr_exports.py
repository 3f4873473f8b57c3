"""SMR exports: `smr` (progress per cohort per practice + a TOTAL row per cohort),
`smr-counts` (every snapshot of the year) and `smr-worklist` (NHS numbers masked).
Columns are documented in docs/smr.md."""

from __future__ import annotations

from collections.abc import Iterator

from pcntui.domain.period import Period
from pcntui.domain.smr_progress import Progress
from pcntui.domain.worklist import WorklistFilter
from pcntui.report.exports import Table
from pcntui.store import Store
from pcntui.store.smr_progress import CohortProgress, smr_overview

SMR_COLUMNS = [
    "fy", "cohort_code", "cohort", "practice_code", "practice_name", "source", "as_of",
    "eligible", "invited", "completed", "declined", "percent", "target", "target_count",
    "forecast", "forecast_percent", "rate_per_week", "weekly_needed", "reach_date", "days_late",
    "status", "rag", "iif_indicator", "iif_lower_pct", "iif_upper_pct", "iif_confirmed",
]
COUNT_COLUMNS = ["practice_code", "practice_name", "cohort_code", "cohort", "as_of", "eligible", "invited",
                 "completed", "declined", "source"]
WORKLIST_COLUMNS = ["practice_code", "reference", "nhs_number_masked", "cohorts", "status", "identified_on",
                    "invited_on", "booked_on", "reviewed_on", "reviewer", "meds_stopped", "meds_changed",
                    "meds_started", "follow_up_due", "note"]


def _f(x: float | None, places: int = 1) -> str | None:
    return None if x is None else f"{x:.{places}f}"


def _row(fy: str, c: CohortProgress, p: Progress, code: str, name: str | None, source: str | None) -> list:
    y = c.year
    return [
        fy, c.cohort.code, c.cohort.name, code, name, source, p.latest_as_of,
        p.eligible if p.snapshots else None, p.invited, p.completed if p.snapshots else None, p.declined,
        _f(p.percent), _f(p.target_percent), p.target_count, p.forecast, _f(p.forecast_percent),
        _f(p.rate_per_week, 2), _f(p.weekly_needed, 2), p.reach_date, p.days_late, p.status.value, p.rag,
        y.iif_indicator, y.iif_lower_pct, y.iif_upper_pct, y.iif_confirmed and y.carried_forward_from is None,
    ]


def smr_table(store: Store, period: Period) -> Table:
    o = smr_overview(store, period)
    table = Table(list(SMR_COLUMNS))
    for c in o.cohorts:
        for p in c.practices:
            table.rows.append(_row(o.fy.label, c, p, p.label, o.practice_names.get(p.label), c.sources.get(p.label)))
        table.rows.append(_row(o.fy.label, c, c.pcn, "TOTAL", "PCN total", None))
    return table


def smr_counts_table(store: Store, period: Period) -> Table:
    table = Table(list(COUNT_COLUMNS))
    fy = period.fy
    for r in store.query(
        "SELECT n.*, p.name AS practice_name, coalesce(c.name, n.cohort_code) AS cohort_name FROM smr_count n "
        "LEFT JOIN practice p ON p.code = n.practice_code LEFT JOIN smr_cohort c ON c.code = n.cohort_code "
        "WHERE n.as_of BETWEEN ? AND ? ORDER BY n.cohort_code, n.practice_code, n.as_of",
        [fy.start.isoformat(), fy.end.isoformat()],
    ):
        table.rows.append([r["practice_code"], r["practice_name"], r["cohort_code"], r["cohort_name"], r["as_of"],
                           r["eligible"], r["invited"], r["completed"], r["declined"], r["source"]])
    return table


def worklist_rows(store: Store) -> Iterator[list]:
    """The whole worklist as export rows, read page by page (never one big query); NHS numbers masked."""
    from pcntui.store.worklist import worklist_page

    key = None
    while True:
        page = worklist_page(store, WorklistFilter(), key, limit=2000)
        for e in page.entries:
            yield [
                e.practice_code, e.reference, e.nhs_display(masked=True) or None, ";".join(e.cohorts), e.status,
                e.identified_on, e.invited_on, e.booked_on, e.reviewed_on, e.reviewer, e.meds_stopped,
                e.meds_changed, e.meds_started, e.follow_up_due, e.note,
            ]
        if not page.has_more:
            return
        key = page.next_key


def smr_worklist_table(store: Store, period: Period) -> Table:
    return Table(list(WORKLIST_COLUMNS), list(worklist_rows(store)))

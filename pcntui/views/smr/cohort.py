"""`smr-cohort --id CODE`: one cohort's practices this year (the cohort screen), and the chart's
month series (`domain.smr_progress.month_values`)."""

from __future__ import annotations

from pcntui.errors import UserError
from pcntui.store.smr import practice_names
from pcntui.store.smr_progress import CohortProgress, cohort_progress
from pcntui.store.tx import Reader
from pcntui.views.base import Column, Kind, Row, View, ViewQuery
from pcntui.views.smr.overview import one_place

COLUMNS = (
    Column("fy", "Year"), Column("cohort_code", "Cohort code"), Column("practice_code", "Practice code"),
    Column("practice_name", "Practice"), Column("source", "From"), Column("as_of", "Counts of", Kind.DATE),
    Column("eligible", "Eligible", Kind.COUNT), Column("completed", "Completed", Kind.COUNT),
    Column("percent", "Now %"), Column("target", "Target %"), Column("forecast", "Forecast", Kind.COUNT),
    Column("status", "Status"),
)


def cohort_view(cp: CohortProgress, names: dict[str, str], fy: str) -> View:
    """One cohort already read, as the `smr-cohort` view: one row per practice (key: its code)."""
    rows = tuple(
        Row(p.label, (fy, cp.cohort.code, p.label, names.get(p.label, ""), cp.sources.get(p.label, "none"),
                      p.latest_as_of, p.eligible, p.completed, one_place(p.percent), one_place(p.target_percent),
                      p.forecast, p.status.value), frozenset({f"rag:{p.rag}"}), opens=p.label)
        for p in cp.practices)
    return View("smr-cohort", f"{cp.cohort.name} {fy}", COLUMNS, rows)


def read_cohort(reader: Reader, q: ViewQuery) -> tuple[CohortProgress, dict[str, str]]:
    """The cohort `q.item` names (code or name) and the practices' names."""
    if not q.item:
        raise UserError("Say which cohort with --id (its code or name).")
    return cohort_progress(reader, q.period, q.item), practice_names(reader)


def smr_cohort(reader: Reader, q: ViewQuery) -> View:
    """`pcntui export smr-cohort --id CODE`."""
    cp, names = read_cohort(reader, q)
    return cohort_view(cp, names, q.period.fy.label)

"""`smr-counts`: every snapshot of counts held for the year, and one cohort's history (all years)."""

from __future__ import annotations

from pcntui.domain.smr_progress import Snapshot
from pcntui.store.smr_counts import history, year_rows
from pcntui.store.tx import Reader
from pcntui.views.base import Column, Kind, Row, View, ViewQuery

COLUMNS = (
    Column("practice_code", "Practice code"), Column("practice_name", "Practice"),
    Column("cohort_code", "Cohort code"), Column("cohort", "Cohort"), Column("as_of", "As of"),
    Column("eligible", "Eligible", Kind.COUNT), Column("invited", "Invited", Kind.COUNT),
    Column("completed", "Completed", Kind.COUNT), Column("declined", "Declined", Kind.COUNT),
    Column("source", "From"),
)


def smr_counts(reader: Reader, q: ViewQuery) -> View:
    """`pcntui export smr-counts`."""
    rows = tuple(
        Row(f"{r['practice_code']}|{r['cohort_code']}|{r['as_of']}",
            (r["practice_code"], r["practice_name"], r["cohort_code"], r["cohort_name"], r["as_of"], r["eligible"],
             r["invited"], r["completed"], r["declined"], r["source"]))
        for r in year_rows(reader, q.period.fy))
    return View("smr-counts", f"SMR counts {q.period.fy.label}", COLUMNS, rows)


def cohort_history(reader: Reader, cohort_code: str, practice_code: str | None = None
                   ) -> dict[tuple[str, str], list[Snapshot]]:
    """Every snapshot of one cohort (all years), by (practice, cohort), oldest first: `pcntui smr history`."""
    return history(reader, cohort_code, practice_code)


def held_counts(reader: Reader) -> dict[tuple[str, str], list[Snapshot]]:
    """Every count held, by (practice, cohort), oldest first: what the counts form warns against."""
    return history(reader)

"""`smr`: progress per cohort per practice with a PCN total per cohort (the SMR overview screen,
`pcntui export smr`). Columns are documented in docs/smr.md.

Percentages keep the text they always had in the file ("80.0"): they are one-place text, the
rates two-place Decimals."""

from __future__ import annotations

from decimal import Decimal

from pcntui.domain.smr_progress import Progress
from pcntui.store.smr_progress import CohortProgress, SmrOverview, smr_overview
from pcntui.store.tx import Reader
from pcntui.views.base import Column, Kind, Row, View, ViewQuery

COLUMNS = (
    Column("fy", "Year"), Column("cohort_code", "Cohort code"), Column("cohort", "Cohort"),
    Column("practice_code", "Practice code"), Column("practice_name", "Practice"), Column("source", "From"),
    Column("as_of", "Counts of", Kind.DATE), Column("eligible", "Eligible", Kind.COUNT),
    Column("invited", "Invited", Kind.COUNT), Column("completed", "Completed", Kind.COUNT),
    Column("declined", "Declined", Kind.COUNT), Column("percent", "Now %"), Column("target", "Target %"),
    Column("target_count", "Target reviews", Kind.COUNT), Column("forecast", "Forecast", Kind.COUNT),
    Column("forecast_percent", "Forecast %"), Column("rate_per_week", "Rate/week", Kind.DECIMAL),
    Column("weekly_needed", "Need/week", Kind.DECIMAL), Column("reach_date", "Reaches target", Kind.DATE),
    Column("days_late", "Days late", Kind.INT), Column("status", "Status"), Column("rag", "RAG"),
    Column("iif_indicator", "IIF indicator"), Column("iif_lower_pct", "IIF lower %", Kind.PCT),
    Column("iif_upper_pct", "IIF upper %", Kind.PCT), Column("iif_confirmed", "IIF confirmed", Kind.BOOL),
)
TOTAL = "TOTAL"


def one_place(x: float | None) -> str | None:
    return None if x is None else f"{x:.1f}"


def two_places(x: float | None) -> Decimal | None:
    return None if x is None else Decimal(f"{x:.2f}")


def progress_values(fy: str, c: CohortProgress, p: Progress, code: str, name: str | None,
                    source: str | None) -> tuple[object, ...]:
    y = c.year
    has = bool(p.snapshots)
    return (
        fy, c.cohort.code, c.cohort.name, code, name, source, p.latest_as_of,
        p.eligible if has else None, p.invited, p.completed if has else None, p.declined,
        one_place(p.percent), one_place(p.target_percent), p.target_count, p.forecast, one_place(p.forecast_percent),
        two_places(p.rate_per_week), two_places(p.weekly_needed), p.reach_date, p.days_late, p.status.value, p.rag,
        y.iif_indicator, y.iif_lower_pct, y.iif_upper_pct, y.iif_confirmed and y.carried_forward_from is None,
    )


def row_key(cohort: str, practice: str | None) -> str:
    """`CARE_HOME|Y90001`, or `CARE_HOME|` for the PCN total: what the screen's cursor follows."""
    return f"{cohort}|{practice or ''}"


def overview_view(o: SmrOverview) -> View:
    """The overview already read, as the `smr` view: each cohort's practices, then its PCN total."""
    rows = []
    fy = o.fy.label
    for c in o.cohorts:
        for p in c.practices:
            rows.append(Row(row_key(c.cohort.code, p.label),
                            progress_values(fy, c, p, p.label, o.practice_names.get(p.label), c.sources.get(p.label)),
                            frozenset({f"rag:{p.rag}"}), opens=c.cohort.code))
        rows.append(Row(row_key(c.cohort.code, None), progress_values(fy, c, c.pcn, TOTAL, "PCN total", None),
                        frozenset({"total", f"rag:{c.pcn.rag}"}), opens=c.cohort.code))
    return View("smr", f"SMR cohorts {fy}", COLUMNS, tuple(rows))


def read_overview(reader: Reader, q: ViewQuery) -> SmrOverview:
    """Every cohort of the year with the PCN's and each practice's progress (the screen's summary)."""
    return smr_overview(reader, q.period)


def smr(reader: Reader, q: ViewQuery) -> View:
    """`pcntui export smr`."""
    return overview_view(read_overview(reader, q))

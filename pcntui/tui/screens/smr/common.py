"""What the SMR table screens share: progress in words and marks, columns that fit the
terminal, and `x` writing the screen's view (the bytes of `pcntui export KIND`)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from rich.text import Text

from pcntui.tui.screens.table import TableData, TableScreen
from pcntui.tui.widgets.view_table import Col
from pcntui.views.base import View

RAG_STYLE = {"green": "bold green", "amber": "bold yellow", "red": "bold red"}
RAG_MARK = {"green": "●", "amber": "▲", "red": "■"}
STATUS_ORDER = ["behind", "at risk", "on track", "ahead", "met", "no target", "no data"]


@dataclass
class SmrData(TableData):
    view: View | None = None  # what `x` writes: the view `pcntui export KIND` writes
    extra: object = None  # what the screen keeps besides the rows (the chart, the reports, the counts held)


def pct(value: float | None) -> str | None:
    return None if value is None else f"{value:.1f}%"


def status_text(progress) -> Text:
    rag = progress.rag
    return Text(f"{RAG_MARK.get(rag, '·')} {progress.status.value}", style=RAG_STYLE.get(rag, "dim"))


def done_text(progress) -> str | None:
    if progress.latest_as_of is None:
        return None
    return f"{progress.completed:,}/{progress.eligible:,}"


def target_text(progress) -> str | None:
    if progress.target is None:
        return None
    if progress.target.kind == "count":
        return f"{progress.target_count:,} reviews"
    return pct(progress.target_percent)


def timing_words(progress) -> str:
    """Weekly rate needed, current rate, and when the target is reached at that rate."""
    if progress.latest_as_of is None:
        return "no counts this year yet"
    if progress.target_count is None:
        return "no target set for this year"
    parts = []
    if progress.remaining == 0:
        parts.append(f"target of {progress.target_count:,} met")
    elif progress.weekly_needed is not None:
        parts.append(f"needs {progress.weekly_needed:.1f} reviews/week to 31 March")
    else:
        parts.append(f"the year ended {progress.remaining:,} short")
    if progress.rate_per_week is not None:
        parts.append(f"doing {progress.rate_per_week:.1f}/week")
    if progress.days_late is not None and progress.remaining:
        d = progress.days_late
        when = progress.reach_date.strftime("%-d %b %Y")
        if d > 0:
            parts.append(f"reaches it {when}: {d} days late")
        elif d < 0:
            parts.append(f"reaches it {when}: {-d} days early")
        else:
            parts.append("reaches it on 31 March")
    elif progress.remaining and progress.weekly_needed is not None:
        parts.append("never at the current rate")
    return " · ".join(parts)


def progress_cols(*, need_priority: int | None = None) -> list[Col]:
    """The columns `progress_cells` fills (`need_priority`: how soon the weekly need gives way on a narrow screen)."""
    return [Col("status", "Status"), Col("done", "Done/elig.", numeric=True), Col("percent", "Now", numeric=True),
            Col("target", "Target", numeric=True), Col("forecast", "Forecast", numeric=True),
            Col("weekly", "Need/wk", numeric=True, priority=need_priority)]


def progress_cells(progress) -> list[object]:
    """Status, done/eligible, now %, target, forecast %, weekly needed."""
    return [status_text(progress), done_text(progress), pct(progress.percent), target_text(progress),
            pct(progress.forecast_percent),
            None if progress.weekly_needed is None or progress.remaining == 0 else f"{progress.weekly_needed:.1f}"]


def progress_sort(progress) -> list[object]:
    value = progress.status.value
    return [STATUS_ORDER.index(value) if value in STATUS_ORDER else 9,
            progress.completed if progress.latest_as_of else None, progress.percent, progress.target_percent,
            progress.forecast_percent, progress.weekly_needed]


def exported(view: View, filter_text: str, order: Sequence[str] | None = None) -> tuple[list[str], list[list]]:
    """What `x` writes: the view's CSV columns and its rows filtered as `export KIND --filter`
    filters them; `order` (the screen's sorted keys) reorders them when the screen is sorted."""
    shown = list(view.filtered(filter_text).iter_rows())
    if order is not None:
        at = {key: i for i, key in enumerate(order)}
        shown.sort(key=lambda row: at.get(row.key, len(at)))
    from pcntui.export.views import csv_table

    columns, rows = csv_table(view, shown)
    return columns, list(rows)


class SmrTable(TableScreen):
    """An SMR table screen: `x` writes the screen's view, never a copy of its rows."""

    SECTION = "smr"

    def export_data(self):
        view = getattr(self.data, "view", None)
        if view is None:
            return None
        table = self.table
        order = table.visible_keys() if table.sort_column is not None else None
        return exported(view, table.filter_text, order)

"""One SMR cohort this year: the PCN's % reviewed by month as a chart (the series is the
domain's `month_values`), the forecast in words, then each practice (`x` = export smr-cohort --id)."""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text

from pcntui.domain.period import Period
from pcntui.domain.smr_progress import month_values
from pcntui.store import Store
from pcntui.tui.commands import bindings_for
from pcntui.tui.safe import markup
from pcntui.tui.screens.smr.common import (
    SmrData, SmrTable, pct, progress_cells, progress_cols, progress_sort, target_text, timing_words,
)
from pcntui.tui.screens.smr.overview import open_counts
from pcntui.tui.screens.table import TableData
from pcntui.tui.widgets.view_table import Col, Row
from pcntui.views.base import ViewQuery

MONTHS = ["Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec", "Jan", "Feb", "Mar"]
EIGHTHS = " ▁▂▃▄▅▆▇█"


def text_chart(progress, fy, *, height: int = 6) -> Text:
    """Bars per month (solid: counted; shaded: forecast at the current rate) and the target line."""
    values = month_values(progress, fy)
    target = progress.target_percent
    top = max([v for v, _ in values if v is not None] + [target or 0, 10.0])
    top = min(100.0, top * 1.1) if top < 100 else top
    text = Text()
    target_row = None if target is None else min(height - 1, int(target / top * height))
    for r in range(height - 1, -1, -1):
        if target_row == r:
            text.append(f"{target:5.0f}% ┤", style="magenta")
        elif r == height - 1:
            text.append(f"{top:5.0f}% │", style="dim")
        else:
            text.append("       │", style="dim")
        for v, forecast in values:
            cell = "     "
            if v is not None:
                level = v / top * height - r
                ch = "█" if level >= 1 else EIGHTHS[max(1, int(level * 8))] if level > 0 else " "
                if ch != " ":
                    cell = " " + ch * 3 + " "
            if target_row == r and cell.strip() == "":
                text.append("─────", style="magenta")
            else:
                text.append(cell, style="dim cyan" if forecast else "cyan")
        if target_row == r:
            text.append(" target", style="magenta")
        text.append("\n")
    text.append("    0% └" + "─" * 60 + "\n", style="dim")
    text.append("        " + "".join(f" {m} " for m in MONTHS), style="dim")
    text.append("\n        █ counted  ", style="cyan")
    text.append("█ forecast at the current rate", style="dim cyan")
    return text


class CohortScreen(SmrTable):
    """One cohort: the PCN's year as a chart, the forecast in words, each practice."""

    NOUN = ("practice", "practices")
    EMPTY = "No practices in this PCN."
    HELP = (
        "One SMR cohort this year: a chart of the PCN's % reviewed at each month end (solid) and "
        "the forecast to 31 March at the current rate (shaded), with the target line; the weekly "
        "rate needed and how many days early or late the target is reached at the current rate; "
        "then each practice. Opening a practice's row enters its monthly counts."
    )
    BINDINGS = bindings_for("CohortScreen")
    COLUMNS: ClassVar = [Col("practice", "Practice", width=26), Col("as_of", "Counts of"), *progress_cols(),
                         Col("source", "From")]
    DEFAULT_CSS = """
    CohortScreen #smr-chart { height: auto; padding: 0 0 1 0; }
    CohortScreen #table { min-height: 5; }
    """

    def __init__(self, cohort_code: str) -> None:
        super().__init__(crumb=f"Cohort {cohort_code}")
        self.cohort_code = cohort_code

    @property
    def EXPORT_NAME(self) -> str:  # type: ignore[override]
        return f"smr-{self.cohort_code.lower()}"

    def fetch(self, store: Store, period: Period) -> TableData:
        from pcntui.views.smr.cohort import cohort_view, read_cohort
        from pcntui.views.smr.counts import held_counts

        cp, names = read_cohort(store, ViewQuery(period, item=self.cohort_code))
        fy = period.fy
        rows = []
        for p in cp.practices:
            source = cp.sources.get(p.label, "none")
            as_of = p.latest_as_of.isoformat() if p.latest_as_of else None
            rows.append(Row(p.label, [f"{p.label} {names.get(p.label, '')}", as_of, *progress_cells(p), source],
                            sort=[p.label, as_of, *progress_sort(p), source]))
        pcn = cp.pcn
        head = f"[b]{markup(cp.cohort.name)}[/b] {fy.label}"
        if cp.year.iif_indicator:
            head += f" · IIF {markup(cp.year.iif_indicator)}"
        if not cp.year.des_priority:
            head += " · [dim]not a DES priority group this year[/dim]"
        lines = [head]
        if cp.cohort.definition:
            lines.append(f"[dim]{markup(cp.cohort.definition)}[/dim]")
        now = (f"PCN: {pcn.completed:,} of {pcn.eligible:,} reviewed ({pct(pcn.percent)})"
               if pcn.latest_as_of else "PCN: no counts this year")
        if pcn.target is not None:
            now += f" · target {target_text(pcn)} = {pcn.target_count:,}"
        if pcn.forecast is not None:
            now += f" · forecast {pcn.forecast:,} ({pct(pcn.forecast_percent)}) at 31 March"
        lines.append(now)
        words = timing_words(pcn)
        lines.append(markup(words[:1].upper() + words[1:]))
        if cp.warnings:
            lines.append(f"[$warning]Check:[/] {markup(' '.join(cp.warnings[:2]))}")
        if cp.missing:
            lines.append(f"[dim]No counts this year from {markup(', '.join(cp.missing))}.[/dim]")
        return SmrData("\n".join(lines), rows, view=cohort_view(cp, names, fy.label),
                       extra={"chart": text_chart(pcn, fy), "held": held_counts(store)})

    def compose_above_table(self):
        from textual.widgets import Static

        yield Static("", id="smr-chart")

    def show(self, data: TableData) -> None:
        from textual.widgets import Static

        super().show(data)
        extra = getattr(data, "extra", None) or {}
        if extra.get("chart") is not None:
            self.query_one("#smr-chart", Static).update(extra["chart"])

    def open_row(self, key: str) -> None:
        open_counts(self, key, self.cohort_code)

    def action_counts(self) -> None:
        open_counts(self, self.table.current_key(), self.cohort_code)

"""The SMR section: cohorts × practices, one cohort's year as a chart, clinician capacity.

Keys on the overview: `enter` cohort detail · `e` enter a practice's counts for the row ·
`c` capacity · `w` worklist · `/` filter · `o` sort · `x` export. Every figure comes from
`pcntui.store.smr_progress` / `smr_capacity` (rules: docs/smr.md), read in a worker.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta
from typing import ClassVar

from rich.text import Text

from pcntui.domain.period import Period
from pcntui.store import Store
from pcntui.tui.commands import bindings_for
from pcntui.tui.safe import markup
from pcntui.tui.screens.table import TableData, TableScreen
from pcntui.tui.widgets.view_table import Col, Row


@dataclass
class SmrData(TableData):
    extra: object = None  # what the screen keeps besides the rows (the chart, the capacity report)

RAG_STYLE = {"green": "bold green", "amber": "bold yellow", "red": "bold red"}
RAG_MARK = {"green": "●", "amber": "▲", "red": "■"}


def pct(value: float | None) -> str | None:
    return None if value is None else f"{value:.1f}%"


def status_text(progress) -> Text:
    rag = progress.rag
    mark = RAG_MARK.get(rag, "·")
    return Text(f"{mark} {progress.status.value}", style=RAG_STYLE.get(rag, "dim"))


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


def timing_words(progress, fy) -> str:
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
            parts.append(f"reaches it on 31 March")
    elif progress.remaining and progress.weekly_needed is not None:
        parts.append("never at the current rate")
    return " · ".join(parts)


def progress_cells(progress) -> list[object]:
    """Status, done/eligible, now %, target, forecast %, weekly needed."""
    return [status_text(progress), done_text(progress), pct(progress.percent), target_text(progress),
            pct(progress.forecast_percent),
            None if progress.weekly_needed is None or progress.remaining == 0 else f"{progress.weekly_needed:.1f}"]


def progress_sort(progress) -> list[object]:
    order = ["behind", "at risk", "on track", "ahead", "met", "no target", "no data"]
    return [order.index(progress.status.value) if progress.status.value in order else 9,
            progress.completed if progress.latest_as_of else None, progress.percent, progress.target_percent,
            progress.forecast_percent, progress.weekly_needed]


class FitColumns:
    """Columns with a width are trimmed on a narrow terminal and shown whole on a wide one."""

    WIDE_AT = 140  # from this many columns the cohort and practice names are shown whole

    def on_resize(self, event) -> None:
        self._fit_columns(event.size.width)

    def _fit_columns(self, width: int) -> None:
        """Names whole on a wide terminal; trimmed so the status stays in view on a narrow one."""
        table = self.table
        wide = width >= self.WIDE_AT
        changed = False
        for col in self.COLUMNS:
            if col.width is None:
                continue
            column = table.columns.get(col.key)  # type: ignore[call-overload]
            if column is not None and column.auto_width != wide:
                column.auto_width = wide
                column.width = column.content_width if wide else col.width
                changed = True
        if changed and table.all_rows:
            table.set_rows(table.all_rows)


class SmrScreen(FitColumns, TableScreen):
    SECTION = "smr"
    EXPORT_NAME = "smr"
    NOUN = ("row", "rows")
    OPENS = True
    EMPTY = "No SMR cohorts apply to this year."
    HELP = (
        "Structured Medication Reviews: for each priority cohort, the PCN total and each practice's "
        "latest completed / eligible, the % reviewed, the target, the forecast at 31 March at the "
        "current rate and the status (● green on track or met, ▲ amber at risk, ■ red behind). "
        "Opening a row shows the cohort (chart and forecast); counts are entered for the practice and "
        "cohort of the row. The filter takes e.g. a practice code; the CSV export has the columns of "
        "'pcntui export smr'."
    )
    BINDINGS = bindings_for("SmrScreen")
    COLUMNS: ClassVar = [
        Col("cohort", "Cohort", width=24),
        Col("practice", "Practice", width=22),
        Col("status", "Status"),
        Col("done", "Done/elig.", numeric=True),
        Col("percent", "Now", numeric=True),
        Col("target", "Target", numeric=True),
        Col("forecast", "Forecast", numeric=True),
        Col("weekly", "Need/wk", numeric=True),
    ]

    def fetch(self, store: Store, period: Period) -> TableData:
        from pcntui.report.smr_exports import SMR_COLUMNS, _row as smr_row
        from pcntui.store.smr_progress import smr_overview

        ov = smr_overview(store, period)
        rows: list[Row] = []
        for cp in ov.cohorts:
            name = cp.cohort.name
            rows.append(Row(f"{cp.cohort.code}|", [Text(name, style="bold"), Text("PCN total", style="bold"),
                                                  *progress_cells(cp.pcn)],
                            sort=[name, "", *progress_sort(cp.pcn)]))
            for p in cp.practices:
                rows.append(Row(f"{cp.cohort.code}|{p.label}",
                                [name, f"{p.label} {ov.practice_names.get(p.label, '')}", *progress_cells(p)],
                                sort=[name, p.label, *progress_sort(p)]))
        behind = [cp.cohort.name for cp in ov.cohorts if cp.pcn.rag == "red"]
        at_risk = [cp.cohort.name for cp in ov.cohorts if cp.pcn.rag == "amber"]
        latest = max((cp.pcn.latest_as_of for cp in ov.cohorts if cp.pcn.latest_as_of), default=None)
        text = f"[b]SMR cohorts {ov.fy.label}[/b] as of {ov.as_of.isoformat()}"
        text += f" · latest counts {latest.isoformat()}" if latest else " · no counts this year"
        text += f" · {ov.reviews_needed:,} reviews still needed"
        if behind:
            text += f"\n[b $error]Behind:[/] {markup(', '.join(behind))}"
        if at_risk:
            text += f"\n[b $warning]At risk:[/] {markup(', '.join(at_risk))}"
        warnings = [w for cp in ov.cohorts for w in cp.warnings]
        if warnings:
            more = f" (+{len(warnings) - 1} more)" if len(warnings) > 1 else ""
            text += f"\n[$warning]Check:[/] {markup(warnings[0])}{more}"
        # the rows of 'pcntui export smr', from the overview already read (not read twice)
        export_cols = list(SMR_COLUMNS)
        export_rows: dict[str, list] = {}
        for c in ov.cohorts:
            for p in c.practices:
                export_rows[f"{c.cohort.code}|{p.label}"] = smr_row(
                    ov.fy.label, c, p, p.label, ov.practice_names.get(p.label), c.sources.get(p.label))
            export_rows[f"{c.cohort.code}|"] = smr_row(ov.fy.label, c, c.pcn, "TOTAL", "PCN total", None)
        return TableData(text, rows, export_cols, export_rows)

    def _row_key(self) -> tuple[str, str | None] | None:
        key = self.table.current_key()
        if key is None:
            return None
        cohort, _, practice = key.partition("|")
        return cohort, practice or None

    def open_row(self, key: str) -> None:
        cohort, _, _ = key.partition("|")
        self.app.push_screen(CohortScreen(cohort))

    def action_counts(self) -> None:
        from pcntui.tui.screens.smr_forms import CountsForm

        picked = self._row_key()
        cohort, practice = picked if picked else (None, None)
        self.app.push_screen(CountsForm(practice=practice, cohort=cohort))

    def action_capacity(self) -> None:
        self.app.push_screen(CapacityScreen())

    def action_smr_iif(self) -> None:
        from pcntui.tui.screens.iif import IifScreen

        self.app.push_screen(IifScreen())

    def action_worklist(self) -> None:
        from pcntui.tui.screens.smr_worklist import WorklistScreen

        self.app.push_screen(WorklistScreen())

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in ("counts", "capacity", "worklist"):
            return True if self.pcn_app.store is not None else None
        return super().check_action(action, parameters)


# ---------------------------------------------------------------------- the chart
MONTHS = ["Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec", "Jan", "Feb", "Mar"]
EIGHTHS = " ▁▂▃▄▅▆▇█"


def month_values(progress, fy) -> list[tuple[float | None, bool]]:
    """(% completed at each month end, is-forecast) from the snapshots and the forecast line."""
    from pcntui.domain.smr_progress import forecast_line

    eligible = progress.eligible or 0
    out: list[tuple[float | None, bool]] = []
    snaps = list(progress.snapshots)
    line = forecast_line(progress, fy)
    for i, first in enumerate(fy.months()):
        month_end = (first.replace(day=28) + timedelta(days=4))
        month_end = month_end - timedelta(days=month_end.day)
        seen = [s for s in snaps if s.as_of <= month_end]
        if progress.latest_as_of is not None and month_end <= progress.latest_as_of or (
                seen and seen[-1] is snaps[-1] and month_end.month == progress.latest_as_of.month
                and month_end.year == progress.latest_as_of.year):
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
                if level >= 1:
                    ch = "█"
                elif level > 0:
                    ch = EIGHTHS[max(1, int(level * 8))]
                else:
                    ch = " "
                if ch != " ":
                    cell = " " + ch * 3 + " "
            style = "dim cyan" if forecast else "cyan"
            if target_row == r and cell.strip() == "":
                text.append("─────", style="magenta")
            else:
                text.append(cell, style=style)
        if target_row == r:
            text.append(" target", style="magenta")
        text.append("\n")
    text.append("    0% └" + "─" * 60 + "\n", style="dim")
    text.append("        " + "".join(f" {m} " for m in MONTHS), style="dim")
    text.append("\n        █ counted  ", style="cyan")
    text.append("█ forecast at the current rate", style="dim cyan")
    return text


class CohortScreen(FitColumns, TableScreen):
    """One cohort: the PCN's year as a chart, the forecast in words, each practice."""

    SECTION = "smr"
    NOUN = ("practice", "practices")
    OPENS = True
    EMPTY = "No practices in this PCN."
    HELP = (
        "One SMR cohort this year: a chart of the PCN's % reviewed at each month end (solid) and "
        "the forecast to 31 March at the current rate (shaded), with the target line; the weekly "
        "rate needed and how many days early or late the target is reached at the current rate; "
        "then each practice. Opening a practice's row enters its monthly counts."
    )
    BINDINGS = bindings_for("CohortScreen")
    COLUMNS: ClassVar = [
        Col("practice", "Practice", width=26),
        Col("as_of", "Counts of"),
        Col("status", "Status"),
        Col("done", "Done/elig.", numeric=True),
        Col("percent", "Now", numeric=True),
        Col("target", "Target", numeric=True),
        Col("forecast", "Forecast", numeric=True),
        Col("weekly", "Need/wk", numeric=True),
        Col("source", "From"),
    ]

    def __init__(self, cohort_code: str) -> None:
        super().__init__(crumb=f"Cohort {cohort_code}")
        self.cohort_code = cohort_code

    @property
    def EXPORT_NAME(self) -> str:  # type: ignore[override]
        return f"smr-{self.cohort_code.lower()}"

    def fetch(self, store: Store, period: Period) -> TableData:
        from pcntui.store.smr import practice_names
        from pcntui.store.smr_progress import cohort_progress

        cp = cohort_progress(store, period, self.cohort_code)
        names = practice_names(store)
        fy = period.fy
        rows = []
        export = {}
        for p in cp.practices:
            source = cp.sources.get(p.label, "none")
            rows.append(Row(p.label, [f"{p.label} {names.get(p.label, '')}",
                                      p.latest_as_of.isoformat() if p.latest_as_of else None,
                                      *progress_cells(p), source],
                            sort=[p.label, p.latest_as_of.isoformat() if p.latest_as_of else None,
                                  *progress_sort(p), source]))
            export[p.label] = [fy.label, cp.cohort.code, p.label, names.get(p.label, ""), source,
                               p.latest_as_of.isoformat() if p.latest_as_of else "", p.eligible, p.completed,
                               "" if p.percent is None else f"{p.percent:.1f}",
                               "" if p.target_percent is None else f"{p.target_percent:.1f}",
                               "" if p.forecast is None else p.forecast, p.status.value]
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
        words = timing_words(pcn, fy)
        lines.append(markup(words[:1].upper() + words[1:]))
        if cp.warnings:
            lines.append(f"[$warning]Check:[/] {markup(' '.join(cp.warnings[:2]))}")
        if cp.missing:
            lines.append(f"[dim]No counts this year from {markup(', '.join(cp.missing))}.[/dim]")
        cols = ["fy", "cohort_code", "practice_code", "practice_name", "source", "as_of", "eligible",
                "completed", "percent", "target", "forecast", "status"]
        return SmrData("\n".join(lines), rows, cols, export, extra=text_chart(pcn, fy))

    def compose_body(self):
        from textual.containers import Vertical
        from textual.widgets import Static

        from pcntui.tui.screens.table import FilterInput
        from pcntui.tui.widgets.view_table import ViewTable

        with Vertical(id="body"):
            yield Static("Loading…", id="summary")
            yield Static("", id="smr-chart")
            yield FilterInput(placeholder="Filter: type to narrow the rows · enter keeps it · escape clears it",
                              id="filter", classes="-hidden")
            yield ViewTable(self.COLUMNS, id="table")
            yield Static("", id="table-status")

    DEFAULT_CSS = """
    CohortScreen #smr-chart { height: auto; padding: 0 0 1 0; }
    CohortScreen #table { min-height: 5; }
    """

    def show(self, data: TableData) -> None:
        from textual.widgets import Static

        super().show(data)
        chart = getattr(data, "extra", None)
        if chart is not None:
            self.query_one("#smr-chart", Static).update(chart)

    def open_row(self, key: str) -> None:
        self._counts(key)

    def action_counts(self) -> None:
        self._counts(self.table.current_key())

    def _counts(self, practice: str | None) -> None:
        from pcntui.tui.screens.smr_forms import CountsForm

        self.app.push_screen(CountsForm(practice=practice, cohort=self.cohort_code))


# ---------------------------------------------------------------------- capacity
class CapacityScreen(TableScreen):
    """Clinician hours per week needed to 31 March against the roster's SMR time."""

    SECTION = "smr"
    NOUN = ("clinician", "clinicians")
    OPENS = True
    EMPTY = "Nobody on the ARRS roster can deliver SMRs yet (add staff in the ARRS section)."
    HELP = (
        "Capacity: reviews still needed × minutes per SMR, spread over the weeks to 31 March, "
        "against the hours each roster member gives to SMRs (WTE × hours per WTE week × SMR share). "
        "Opening a person's row edits their SMR share; the export holds the roster shown."
    )
    EXPORT_NAME = "smr-capacity"
    BINDINGS = bindings_for("CapacityScreen")
    COLUMNS: ClassVar = [
        Col("name", "Name"),
        Col("role", "Role"),
        Col("wte", "WTE", numeric=True),
        Col("share", "SMR share", numeric=True),
        Col("hours", "Hours/week", numeric=True),
        Col("set", "Share"),
    ]

    def __init__(self) -> None:
        super().__init__(crumb="Capacity")
        self.report = None

    def fetch(self, store: Store, period: Period):
        from pcntui.store.smr_capacity import capacity_report

        report = capacity_report(store, period)
        cap = report.capacity
        rows, export = [], {}
        for m in report.roster:
            hours = m.wte * cap.hours_per_wte * m.share_pct / 100
            rows.append(Row(str(m.staff_id), [m.name, m.role, f"{m.wte:.2f}", f"{m.share_pct:g}%",
                                              f"{hours:.1f}", "set" if m.share_set else "default"],
                            sort=[m.name, m.role, m.wte, m.share_pct, hours, m.share_set]))
            export[str(m.staff_id)] = [m.staff_id, m.name, m.role, f"{m.wte:.2f}", f"{m.share_pct:g}",
                                       f"{hours:.2f}", "yes" if m.share_set else "no"]
        gap = cap.gap_hours_per_week
        style = "$error" if cap.short else "$success"
        lines = [f"[b]SMR capacity {period.fy.label}[/b] as of {period.as_of.isoformat()}: "
                 f"[b {style}]{markup(cap.sentence())}[/]"]
        needed = "–" if cap.hours_needed_per_week is None else f"{cap.hours_needed_per_week:.1f}"
        lines.append(f"{cap.reviews_needed:,} reviews still needed × {cap.minutes_per_review:g} min over "
                     f"{cap.weeks_left:.1f} weeks = {needed} hours/week needed · "
                     f"{cap.hours_available_per_week:.1f} hours/week available "
                     f"(≈ {cap.reviews_per_week_capacity:.0f} reviews/week)")
        if gap is not None and cap.short and cap.hours_per_wte:
            lines.append(f"[dim]{cap.hours_per_wte:g} hours per WTE week; a patient in two cohorts needs one SMR, "
                         "so the need can be overstated.[/dim]")
        if not report.roster_available:
            lines.append("[dim]No staff roster yet: add ARRS staff to count their SMR time.[/dim]")
        cols = ["staff_id", "name", "role", "wte", "smr_share_pct", "hours_per_week", "share_set"]
        return SmrData("\n".join(lines), rows, cols, export, extra=report)

    def show(self, data: TableData) -> None:
        self.report = getattr(data, "extra", None)
        super().show(data)

    def open_row(self, key: str) -> None:
        self._edit(key)

    def action_edit_share(self) -> None:
        self._edit(self.table.current_key())

    def _edit(self, key: str | None) -> None:
        if key is None or self.report is None:
            return
        member = next((m for m in self.report.roster if str(m.staff_id) == key), None)
        if member is None:
            return
        from pcntui.tui.screens.smr_forms import ShareForm

        self.app.push_screen(ShareForm(member.staff_id, member.name, member.share_pct, member.share_set))

    def action_minutes(self) -> None:
        from pcntui.tui.screens.smr_forms import MinutesForm

        minutes = self.report.capacity.minutes_per_review if self.report else 30
        self.app.push_screen(MinutesForm(minutes))

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "edit_share":
            return True if self.data is not None and self.table.current_key() is not None else None
        if action == "minutes":
            return True if self.data is not None else None
        return super().check_action(action, parameters)

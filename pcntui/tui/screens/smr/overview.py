"""The SMR overview: each cohort's practices then its PCN total, with status and forecast
(`enter` a cohort · `e` counts for the row · `g` every practice's counts in one grid ·
`c` capacity · `w` worklist · `x` = export smr)."""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text

from pcntui.domain.period import Period
from pcntui.store import Store
from pcntui.tui.commands import bindings_for
from pcntui.tui.safe import markup
from pcntui.tui.screens.smr.common import SmrData, SmrTable, progress_cells, progress_cols, progress_sort
from pcntui.tui.widgets.view_table import Col, Row
from pcntui.views.base import ViewQuery


def open_counts(screen, practice: str | None, cohort: str | None) -> None:
    """The counts form for a practice and cohort (either may be chosen in the form)."""
    from pcntui.tui.forms import open_form
    from pcntui.tui.forms.smr import counts_form

    held = getattr(screen.data, "extra", None) if screen.data is not None else None
    held = held.get("held") if isinstance(held, dict) else None
    initial = {"practice_code": practice, "cohort": cohort, "as_of": screen.pcn_app.today}
    open_form(screen, counts_form(screen.pcn_app.today), initial, item=held)


class SmrScreen(SmrTable):
    EXPORT_NAME = "smr"
    EMPTY = "No SMR cohorts apply to this year."
    HELP = (
        "Structured Medication Reviews: for each priority cohort, each practice's latest completed / "
        "eligible then the PCN total, the % reviewed, the target, the forecast at 31 March at the "
        "current rate and the status (● green on track or met, ▲ amber at risk, ■ red behind). "
        "Opening a row shows the cohort (chart and forecast); counts are entered for the practice and "
        "cohort of the row. The filter takes e.g. a practice code; the CSV export is 'pcntui export smr'."
    )
    BINDINGS = bindings_for("SmrScreen")
    # a row is a cohort at a practice: both show
    COLUMNS: ClassVar = [Col("cohort", "Cohort", width=24), Col("practice", "Practice", width=22, priority=0),
                         *progress_cols(need_priority=2)]

    def fetch(self, store: Store, period: Period) -> SmrData:
        from pcntui.views.smr.counts import held_counts
        from pcntui.views.smr.overview import overview_view, read_overview, row_key

        ov = read_overview(store, ViewQuery(period))
        rows: list[Row] = []
        for cp in ov.cohorts:
            name = cp.cohort.name
            for p in cp.practices:
                rows.append(Row(row_key(cp.cohort.code, p.label),
                                [name, f"{p.label} {ov.practice_names.get(p.label, '')}", *progress_cells(p)],
                                sort=[name, p.label, *progress_sort(p)]))
            rows.append(Row(row_key(cp.cohort.code, None), [Text(name, style="bold"), Text("PCN total", style="bold"),
                                                            *progress_cells(cp.pcn)],
                            sort=[name, "~", *progress_sort(cp.pcn)]))
        behind = [cp.cohort.name for cp in ov.cohorts if cp.pcn.rag == "red"]
        at_risk = [cp.cohort.name for cp in ov.cohorts if cp.pcn.rag == "amber"]
        latest = ov.latest_counts
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
        return SmrData(text, rows, view=overview_view(ov), extra={"held": held_counts(store)})

    def _row_key(self) -> tuple[str, str | None] | None:
        key = self.table.current_key()
        if key is None:
            return None
        cohort, _, practice = key.partition("|")
        return cohort, practice or None

    def open_row(self, key: str) -> None:
        from pcntui.tui.screens.smr.cohort import CohortScreen

        cohort, _, _ = key.partition("|")
        self.app.push_screen(CohortScreen(cohort))

    def action_counts(self) -> None:
        cohort, practice = self._row_key() or (None, None)
        open_counts(self, practice, cohort)

    def action_counts_grid(self) -> None:
        from pcntui.tui.screens.smr.grid import open_grid

        open_grid(self)

    def action_capacity(self) -> None:
        from pcntui.tui.screens.smr.capacity import CapacityScreen

        self.app.push_screen(CapacityScreen())

    def action_smr_iif(self) -> None:
        from pcntui.tui.screens.iif import IifScreen

        self.app.push_screen(IifScreen())

    def action_worklist(self) -> None:
        from pcntui.tui.screens.smr.worklist import WorklistScreen

        self.app.push_screen(WorklistScreen())

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in ("counts", "counts_grid", "capacity", "worklist"):
            return True if self.pcn_app.store is not None else None
        return super().check_action(action, parameters)

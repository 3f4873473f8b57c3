"""The ICB roll-up in the TUI: one row per PCN file (the columns of `pcntui rollup`), `/` filter,
`o` sort, `x` export (the CSV of `pcntui rollup --out`), `enter` that PCN's dashboard, read-only.

Every file is opened read-only; the dashboard opened from a row shows a banner saying so and
offers no key that edits (`edits` in the command registry); escape comes back here.
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, ClassVar

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.message import Message
from textual.screen import ModalScreen
from textual.widgets import Input, Label, Static

from pcntui.domain.money import gbp
from pcntui.domain.text import terminal_safe
from pcntui.tui.safe import markup
from pcntui.tui.screens.table import TableData, TableScreen
from pcntui.tui.widgets.view_table import Col, Row

if TYPE_CHECKING:
    from pcntui.domain.period import Period
    from pcntui.store import Store

SHOWN_SKIPPED = 3  # skipped files named in the summary; the rest counted


def _money(value: Decimal | None) -> str | None:
    return None if value is None else gbp(value, pence=False)


class RollupScreen(TableScreen):
    COLUMNS: ClassVar[list[Col]] = [
        Col("pcn_code", "Code"), Col("pcn_name", "PCN"), Col("patients", "Patients", numeric=True),
        Col("arrs_entitlement", "Entitlement", numeric=True),
        Col("arrs_claimable_to_date", "Claimable to date", numeric=True),
        Col("arrs_forecast", "Forecast", numeric=True), Col("arrs_headroom", "Headroom", numeric=True),
        Col("smr_cohorts_behind", "SMR behind", numeric=True), Col("interventions_red", "Red", numeric=True),
        Col("interventions_amber", "Amber", numeric=True), Col("des_overdue", "DES overdue", numeric=True),
        Col("alerts", "Alerts", numeric=True), Col("file", "File"),
    ]
    NOUN = ("PCN", "PCNs")
    EXPORT_NAME = "rollup"
    EMPTY = "No PCN file could be read."
    HELP = ("The ICB roll-up: one row per PCN file or share file, with the figures each file's own "
            "status gives (red and amber are interventions). Every file is opened read-only and left as "
            "it was. Opening a row shows that PCN's dashboard, read-only. The CSV export holds the rows "
            "shown and their TOTAL, as 'pcntui rollup --out' writes them.")

    def __init__(self, paths: Sequence[Path], *, as_of_given: bool = False) -> None:
        super().__init__(crumb="ICB roll-up")
        self.paths = list(paths)
        self.as_of_given = as_of_given
        self.result = None  # pcntui.report.rollup.Rollup

    def reload(self) -> None:
        app = self.pcn_app
        if not app.first_frame_shown:
            return
        self._requested_version = app.data_version
        self._fetch(None, app.period, app.data_version)  # the files are opened by the roll-up itself

    def fetch(self, store: Store | None, period: Period) -> TableData:
        from pcntui.report.rollup import Request, rollup

        self.result = result = rollup(self.paths, Request(period, self.as_of_given), parallel=False)
        rows = []
        for r in result.rows:
            patients = None if r["patients"] is None else f"{r['patients']:,}"
            cells = [r["pcn_code"], terminal_safe(r["pcn_name"]), patients,
                     *(_money(r[c]) for c in ("arrs_entitlement", "arrs_claimable_to_date", "arrs_forecast",
                                              "arrs_headroom")),
                     r["smr_cohorts_behind"], r["interventions_red"], r["interventions_amber"], r["des_overdue"],
                     r["alerts"], terminal_safe(r["file"])]
            sort = list(cells)
            sort[2] = r["patients"]
            for i, c in enumerate(("arrs_entitlement", "arrs_claimable_to_date", "arrs_forecast", "arrs_headroom")):
                sort[3 + i] = None if r[c] is None else int(r[c] * 100)
            rows.append(Row(r["file"], cells, sort))
        return TableData(self._summary(result), rows, found=True)

    def _summary(self, result) -> str:
        t = result.total
        text = (f"[b]{len(result.rows)} PCNs[/b] · FY {result.request.period.fy.label} as of "
                f"{result.request.period.as_of.isoformat()} · TOTAL: {t['patients'] or 0:,} patients · "
                f"entitlement {markup(_money(t['arrs_entitlement']) or '–')} · claimable to date "
                f"{markup(_money(t['arrs_claimable_to_date']) or '–')} · {t['alerts'] or 0} alerts")
        if result.skipped:
            named = "; ".join(f"{Path(f).name}: {reason}" for f, reason in result.skipped[:SHOWN_SKIPPED])
            more = len(result.skipped) - SHOWN_SKIPPED
            text += (f"\n[$warning]{len(result.skipped)} skipped[/]: {markup(terminal_safe(named))}"
                     + (f" (+{more} more)" if more > 0 else ""))
        return text

    def export_data(self):
        from pcntui.report.rollup_out import COLUMNS, table_rows

        if self.result is None:
            return None
        by_file = {r["file"]: r for r in self.result.rows}
        return list(COLUMNS), table_rows([by_file[k] for k in self.table.visible_keys() if k in by_file])

    def open_row(self, key: str) -> None:
        self._open_pcn(key)

    class Opened(Message):
        def __init__(self, store: Store, file: str) -> None:
            super().__init__()
            self.store = store
            self.file = file

    @work(thread=True, exclusive=True, group="db", exit_on_error=False)
    def _open_pcn(self, file: str) -> None:
        from pcntui.report.rollup import open_pcn

        self.post_message(self.Opened(open_pcn(file), file))

    @on(Opened)
    def _opened(self, message: Opened) -> None:
        from pcntui.tui.screens.dashboard import DashboardScreen

        row = next((r for r in self.result.rows if r["file"] == message.file), None) if self.result else None
        who = f"{row['pcn_code']} {row['pcn_name']}" if row else message.file
        banner = (f"READ-ONLY: {who} ({message.file}). Nothing can be changed here; "
                  "escape goes back to the roll-up.")
        self.app.push_screen(DashboardScreen(store=message.store, banner=terminal_safe(banner)))

    def handle_back(self) -> bool:
        if super().handle_back():
            return True
        return getattr(self.app, "rollup_only", False)  # the roll-up is the whole App: escape stays


class FolderModal(ModalScreen[Path | None]):
    """Asks for the folder (or file) of PCN files to roll up."""

    BINDINGS = [Binding("escape", "cancel", "Cancel")]

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog"):
            yield Label("ICB roll-up: the folder of pcntui files and share files (each opened read-only)")
            yield Input("~/", id="path")
            yield Static("", id="problem")

    @on(Input.Submitted, "#path")
    def _submitted(self, event: Input.Submitted) -> None:
        path = Path(event.value.strip() or ".").expanduser()
        if not path.exists():
            self.query_one("#problem", Static).update(f"There is no folder or file at {markup(str(path))}.")
            return
        self.dismiss(path)

    def action_cancel(self) -> None:
        self.dismiss(None)

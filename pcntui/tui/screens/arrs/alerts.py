"""The year's ARRS alerts (the view `arrs-alerts`); enter on a person's alert opens their months."""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text

from pcntui.domain.period import Period
from pcntui.store import Store
from pcntui.tui.commands import key_of
from pcntui.tui.safe import markup
from pcntui.tui.screens.arrs.base import ArrsTable
from pcntui.tui.widgets.view_table import Col, Row


class AlertsScreen(ArrsTable):
    NOUN = ("alert", "alerts")
    EMPTY = "No ARRS alerts this year."
    EXPORT_NAME = "arrs-alerts"
    HELP = (
        "What needs attention in the year: over- and underspend against the entitlement, roles over "
        "their cap, staff whose role is not eligible or has no maximum, missing supervisors, "
        "registrations or training pathways, expired registrations and overdue planned posts. "
        "Opening an alert about a person shows their months."
    )
    COLUMNS: ClassVar = [
        Col("severity", "Severity"),
        Col("message", "Alert"),
    ]

    CRUMB = "Alerts"

    def table_of(self, store: Store, period: Period, view):
        from pcntui.views.arrs.alerts import alerts_of

        return alerts_of(view)

    def content(self, view, table):
        rows = []
        for r in table.iter_rows():
            severity, message = r.values[2], r.values[3]
            sev = Text(severity, style="bold $text-error" if severity == "problem" else "$text-warning")
            rows.append(Row(r.key, [sev, message], sort=[0 if severity == "problem" else 1, message]))
        text = (f"[b]ARRS alerts {view.year.fy.label}[/b] · problems first · "
                f"[b]{key_of('open')}[/b] on a person's alert opens them")
        return text, rows, {"full": {r.key: r.values[3] for r in table.iter_rows()}}

    def on_data_table_row_highlighted(self, event) -> None:
        """The whole alert under the cursor, wrapped above the table (long ones do not fit a row)."""
        if self.data is None or event.row_key is None:
            return
        full = self.data.extra.get("full", {}).get(event.row_key.value)
        if full:
            self.query_one("#summary").update(f"{self.data.summary}\n[b]›[/b] {markup(full)}")

    def open_row(self, key: str) -> None:
        from pcntui.tui.screens.arrs.person import PersonScreen

        staff = key.split(":", 1)[1]
        if staff:
            m = self.member(int(staff))
            self.app.push_screen(PersonScreen(int(staff), m.name if m else None))
        else:
            self.notify("This alert is about the year, not one person: m shows the roles, v the planned posts.")

"""SMR capacity: clinician hours per week needed to 31 March against the roster's SMR time
(`e` a clinician's share · `m` the assumptions · `x` = export smr-capacity)."""

from __future__ import annotations

from typing import ClassVar

from pcntui.domain.period import Period
from pcntui.store import Store
from pcntui.tui.commands import bindings_for
from pcntui.tui.safe import markup
from pcntui.tui.screens.smr.common import SmrData, SmrTable
from pcntui.tui.screens.table import Shown, TableData, cols_of, typed_row
from pcntui.views.base import Column, Kind, ViewQuery


class CapacityScreen(SmrTable):
    """Clinician hours per week needed to 31 March against the roster's SMR time."""

    NOUN = ("clinician", "clinicians")
    EMPTY = "Nobody on the ARRS roster can deliver SMRs yet (add staff in the ARRS section)."
    HELP = (
        "Capacity: reviews still needed × minutes per SMR, spread over the weeks to 31 March, "
        "against the hours each roster member gives to SMRs (WTE × hours per WTE week × SMR share). "
        "Opening a person's row edits their SMR share; the export is 'pcntui export smr-capacity'."
    )
    EXPORT_NAME = "smr-capacity"
    BINDINGS = bindings_for("CapacityScreen")
    TABLE = (Column("name", "Name"), Column("role", "Role"), Column("wte", "WTE", Kind.WTE),
             Column("share", "SMR share", Kind.PCT), Column("hours", "Hours/week", Kind.DECIMAL), Column("set", "Share"))
    COLUMNS: ClassVar = cols_of(TABLE)

    def __init__(self) -> None:
        super().__init__(crumb="Capacity")
        self.report = None

    def fetch(self, store: Store, period: Period) -> SmrData:
        from pcntui.views.smr.capacity import capacity_view, read_capacity

        report = read_capacity(store, ViewQuery(period))
        cap = report.capacity
        view = capacity_view(report, period.fy.label)
        rows = [typed_row(r.key, [m.name, m.role, m.wte, m.share_pct, Shown(r.values[5], f"{r.values[5]:.1f}"),
                                  Shown(m.share_set, "set" if m.share_set else "default")], self.TABLE)
                for m, r in zip(report.roster, view.rows)]
        style = "$error" if cap.short else "$success"
        lines = [f"[b]SMR capacity {period.fy.label}[/b] as of {period.as_of.isoformat()}: "
                 f"[b {style}]{markup(cap.sentence())}[/]"]
        needed = "–" if cap.hours_needed_per_week is None else f"{cap.hours_needed_per_week:.1f}"
        lines.append(f"{cap.reviews_needed:,} reviews still needed × {cap.minutes_per_review:g} min over "
                     f"{cap.weeks_left:.1f} weeks = {needed} hours/week needed · "
                     f"{cap.hours_available_per_week:.1f} hours/week available "
                     f"(≈ {cap.reviews_per_week_capacity:.0f} reviews/week)")
        if cap.gap_hours_per_week is not None and cap.short and cap.hours_per_wte:
            lines.append(f"[dim]{cap.hours_per_wte:g} hours per WTE week; a patient in two cohorts needs one SMR, "
                         "so the need can be overstated.[/dim]")
        if not report.roster_available:
            lines.append("[dim]No staff roster yet: add ARRS staff to count their SMR time.[/dim]")
        return SmrData("\n".join(lines), rows, view=view, extra=report)

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
        from pcntui.tui.forms import open_form
        from pcntui.tui.forms.smr import share_form

        open_form(self, share_form(self.pcn_app.today, member.staff_id, member.name),
                  {"share_pct": f"{member.share_pct:g}" if member.share_set else ""})

    def action_minutes(self) -> None:
        from pcntui.tui.forms import open_form
        from pcntui.tui.forms.smr import settings_form

        cap = self.report.capacity if self.report else None
        initial = {} if cap is None else {"minutes_per_review": f"{cap.minutes_per_review:g}",
                                          "hours_per_wte": f"{cap.hours_per_wte:g}"}
        open_form(self, settings_form(self.pcn_app.today), initial)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "edit_share":
            return True if self.data is not None and self.table.current_key() is not None else None
        if action == "minutes":
            return True if self.data is not None else None
        return super().check_action(action, parameters)

"""What every ARRS screen shares: the year loaded in `fetch` (views/arrs), the keys to the other
ARRS screens, the entitlement and staff forms, and deletes run through a service in a worker.

The keys are declared in `tui/commands/arrs.toml`; forms get what they check against from
`open_form` (read in a worker), never reading the database on the UI thread.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal
from typing import TYPE_CHECKING, Any, ClassVar

from textual import work
from textual.worker import Worker, WorkerState

from pcntui.domain.text import counted
from pcntui.store import Store
from pcntui.tui.commands import bindings_for, key_of
from pcntui.tui.messages import DataChanged, describe_error
from pcntui.tui.safe import markup
from pcntui.tui.screens.table import TableData, TableScreen
from pcntui.views.format import wte

if TYPE_CHECKING:
    from pcntui.domain.period import Period
    from pcntui.domain.staff import StaffMember
    from pcntui.services.base import Saved
    from pcntui.store.arrs import ArrsView  # the type only
    from pcntui.tui.widgets.view_table import Row
    from pcntui.views.base import View

SAVE_WORKER = "arrs-save"


def wte_text(value: Decimal | None) -> str | None:
    """A WTE as every table shows one (views.format: two places)."""
    return None if value is None else wte(value)


def number_text(value: Decimal | None) -> str | None:
    """A percentage's number as held, without trailing zeros (20.00 → 20)."""
    return None if value is None else f"{value.normalize():f}"


def alerts_line(view: ArrsView) -> str:
    problems = sum(1 for a in view.alerts if a.severity == "problem")
    warnings = len(view.alerts) - problems
    if not view.alerts:
        return "[$success]No ARRS alerts.[/]"
    parts = []
    if problems:
        parts.append(f"[b $error]{problems} problem{'s' if problems != 1 else ''}[/]")
    if warnings:
        parts.append(f"[$warning]{warnings} warning{'s' if warnings != 1 else ''}[/]")
    return " · ".join(parts) + f" ([b]{key_of('arrs_alerts')}[/b] lists them)"


def role_mix_note(view: ArrsView) -> str:
    over = [x for x in view.mix if x.over_cap]
    if not over:
        return ""
    return " · [b $error]over cap: " + ", ".join(markup(x.role_name) for x in over) + f"[/] ({key_of('arrs_mix')})"


@dataclass
class ArrsData(TableData):
    view: Any = None  # ArrsView
    extra: dict = field(default_factory=dict)


NAV: dict[str, tuple[str, str]] = {  # command → (module under tui/screens/arrs, screen class)
    "arrs_mix": ("mix", "MixScreen"), "arrs_alerts": ("alerts", "AlertsScreen"),
    "arrs_claims": ("claims", "ClaimsScreen"), "arrs_planned": ("planned", "PlannedScreen"),
    "arrs_nwrs": ("nwrs", "NwrsScreen"), "arrs_rules": ("rules", "RulesScreen"),
}


class ArrsBase(TableScreen):
    """The view loaded in `fetch`, the nav keys, the entitlement and staff forms, save workers."""

    SECTION = "arrs"
    BINDINGS = bindings_for("ArrsBase")
    IS_ROOT: ClassVar[bool] = False

    @property
    def view(self) -> ArrsView | None:
        return getattr(self.data, "view", None)

    # ---------------------------------------------------------------- going to the other ARRS screens
    def _go(self, command: str) -> None:
        """The action of each NAV command (`action_arrs_mix` …, made below the class)."""
        import importlib

        module, name = NAV[command]
        if type(self).__name__ == name:
            return
        screen = getattr(importlib.import_module(f"pcntui.tui.screens.arrs.{module}"), name)()
        if self.IS_ROOT or not isinstance(self.app.screen, ArrsBase) or type(self.app.screen).__name__ == "PersonScreen":
            self.app.push_screen(screen)
        else:
            self.app.switch_screen(screen)

    def action_arrs_entitlement(self) -> None:
        from pcntui.tui.screens.arrs import forms

        if self.view is not None:
            fy = self.view.year.fy
            forms.open_entitlement(self, fy, self.view.inputs.entitlement_for(fy))

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "arrs_entitlement":
            return True if self.view is not None else None
        if action in NAV and NAV[action][1] == type(self).__name__:
            return False  # already here: not offered
        return super().check_action(action, parameters)

    # ---------------------------------------------------------------- staff actions (roster and person)
    def member(self, staff_id: int | None) -> StaffMember | None:
        view = self.view
        if view is None or staff_id is None:
            return None
        return view.inputs.member(staff_id)

    def staff_for_action(self) -> StaffMember | None:
        """The staff member the staff keys act on (the roster's row, the person shown)."""
        return None

    def _staff_check(self) -> bool | None:
        return True if self.staff_for_action() is not None else None

    def _staff_form(self, opener: str) -> None:
        """Open `forms.<opener>` for the staff member the keys act on (none: nothing happens)."""
        from pcntui.tui.screens.arrs import forms

        m = self.staff_for_action()
        if m is not None:
            getattr(forms, opener)(self, m)

    def action_edit_staff(self) -> None:
        self._staff_form("open_staff")

    def action_change_terms(self) -> None:
        self._staff_form("open_change")

    def action_end_staff(self) -> None:
        self._staff_form("open_leaver")

    def action_delete_staff(self) -> None:
        from pcntui.services.arrs.staff import delete_staff
        from pcntui.tui.screens.confirm import ConfirmModal

        m = self.staff_for_action()
        if m is None or self.view is None:
            return
        months = sum(1 for x in self.view.year.months if x.staff_id == m.id)
        terms = "its terms go" if len(m.terms) == 1 else f"all {len(m.terms)} sets of terms go"
        detail = (f"{m.name}'s record and {terms}; {counted(months, 'month')} of {self.view.year.fy.label} claims "
                  f"go with them. {key_of('undo')} undoes it.")

        def answered(yes: bool | None) -> None:
            if yes:
                self.save_in_worker(lambda store: delete_staff(store, m.id, expected_rev=m.rev), after=self.after_delete)

        self.app.push_screen(ConfirmModal(f"Delete {m.name} ({self.view.inputs.rules.role_name(m.role_code)})?",
                                          detail=detail), answered)

    def after_delete(self) -> None:
        pass

    # ---------------------------------------------------------------- saving from a screen (deletes)
    def save_in_worker(self, fn: Callable[[Store], Saved], *, after: Callable[[], None] | None = None) -> None:
        """Run one service in a worker; its note is said once it has saved."""
        store = self.pcn_app.store
        if store is None:
            return
        self._after_save = after
        self._save(store, fn)

    @work(thread=True, exclusive=True, group="db", exit_on_error=False, name=SAVE_WORKER)
    def _save(self, store: Store, fn: Callable[[Store], Saved]) -> None:
        saved = fn(store)
        self.app.call_from_thread(self._saved, saved.note)

    def _saved(self, note: str) -> None:
        after = getattr(self, "_after_save", None)
        self._after_save = None
        self.app.post_message(DataChanged(note))
        if after is not None:
            after()

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        if event.worker.name == SAVE_WORKER:
            if event.state == WorkerState.ERROR and event.worker.error is not None:
                event.stop()
                self.notify(describe_error(event.worker.error), title="Not done", severity="error", timeout=10)
            return
        super().on_worker_state_changed(event)


def _goes_to(command: str) -> Callable[[ArrsBase], None]:
    def action(self: ArrsBase) -> None:
        self._go(command)

    action.__name__ = f"action_{command}"
    return action


for _command in NAV:  # one action per ARRS screen the keys go to: `action_arrs_mix` …
    setattr(ArrsBase, f"action_{_command}", _goes_to(_command))


def exported(view: View, keys: list[str]) -> tuple[list[str], list[list[object]]]:
    """What `x` writes for a View: its CSV columns and the rows on screen, in screen order, with
    their typed values, then its total rows (as `View.filtered` keeps them), so the file is the
    bytes of `pcntui export KIND` (filtered: its rows)."""
    from pcntui.export.views import csv_table

    by_key = {r.key: r for r in view.iter_rows()}
    shown = [by_key[k] for k in keys if k in by_key]
    shown += [r for r in view.iter_rows() if "total" in r.tags and r.key not in keys]
    columns, rows = csv_table(view, shown)
    return columns, list(rows)


class ViewBacked:
    """A screen whose table is a View (kept in `data.extra["table"]`): `x` writes that View."""

    def export_data(self):
        table = self.data.extra.get("table") if self.data is not None else None
        if table is None:
            return None
        return exported(table, self.table.visible_keys())


class ArrsTable(ViewBacked, ArrsBase):
    """An ARRS sub-screen over one View of the year: `fetch` reads the year and `table_of` it (what
    `x` writes); `content` makes the summary and rows from them, with any extra data the screen keeps."""

    CRUMB: ClassVar[str] = ""

    def __init__(self) -> None:
        super().__init__(crumb=self.CRUMB)

    def fetch(self, store: Store, period: Period) -> ArrsData:
        from pcntui.views.arrs.year import arrs_year

        view = arrs_year(store, period)
        table = self.table_of(store, period, view)
        text, rows, extra = self.content(view, table)
        return ArrsData(text, rows, view=view, extra={"table": table, **extra})

    def table_of(self, store: Store, period: Period, view: ArrsView) -> View:
        raise NotImplementedError

    def content(self, view: ArrsView, table: View) -> tuple[str, list[Row], dict]:
        raise NotImplementedError

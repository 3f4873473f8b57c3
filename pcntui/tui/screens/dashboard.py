"""The dashboard: the four areas' key figures first (a panel each, with a small chart where
the terminal is wide enough), then the alerts grouped by kind, worst first, in one list.

`enter` on a panel opens its section; on an alert group of one, that alert's section (and
item); on a larger group, the list of its alerts (`AlertsScreen`). Figures come from
`views.status.glance`, groups from `views.status.groups` (the same as `pcntui status`).
A block listed in the catalog appears without changes; one whose builder fails shows the
error in its place.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from textual import work
from textual.app import ComposeResult
from textual.containers import Grid, Vertical
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from pcntui.tui.commands import bindings_for, key_of
from pcntui.tui.safe import markup
from pcntui.tui.screens.base import DataScreen
from pcntui.tui.sections import section
from pcntui.tui.widgets.glance import AlertList, FigurePanel, alert_prompt

if TYPE_CHECKING:
    from pcntui.domain.period import Period
    from pcntui.store import Store


@dataclass
class DashboardData:
    """What the dashboard shows for a period: the status blocks, their alerts (and groups) and figures."""

    blocks: list  # pcntui.views.status.base.Block
    alerts: list  # pcntui.views.status.base.Alert
    groups: list  # pcntui.views.status.groups.AlertGroup
    glances: list  # pcntui.views.status.glance.Glance
    period: Period  # the year and date they are for


def build_blocks(store: Store, period: Period) -> DashboardData:
    """Every status block in the catalog (from the status cache when it is current, as
    `pcntui status` reads it); a builder that fails gives a block saying so (views.alerts)."""
    from pcntui.report import status
    from pcntui.views.status.glance import glance
    from pcntui.views.status.groups import group_alerts

    def failed(builder, exc: Exception):
        from pcntui.views.alerts import failed_block  # (and the views it builds on) only when a block fails

        return failed_block(getattr(builder, "__name__", "block").removesuffix("_block"), exc)

    blocks = status.current(store, period, failed)
    alerts = [a for b in blocks for a in b.alerts]
    glances = [g for g in (glance(b) for b in blocks) if g is not None]
    return DashboardData(blocks, alerts, group_alerts(alerts), glances, period)


class DashboardScreen(DataScreen):
    SECTION = "dashboard"
    EXPORT_NAME = "alerts"
    HELP = (
        "The PCN at a glance for the financial year in the header: each area's key figures "
        "(✕ needs action, ! watch, ✓ fine), with a chart from about 145 columns, then "
        "the alerts grouped by kind, worst first. The arrow keys move in the alerts, tab between the "
        "alerts and the panels; opening a panel goes to its section, an alert to its item, "
        "a group to the list of its alerts. "
        "The CSV export holds every alert."
    )
    BINDINGS = bindings_for("DashboardScreen")

    def __init__(self, *, store: Store | None = None, banner: str | None = None) -> None:
        super().__init__(store=store, banner=banner)
        self.data: DashboardData | None = None

    def compose_body(self) -> ComposeResult:
        with Vertical(id="dashboard"):
            yield Grid(id="glance")
            yield Static("Loading…", id="dash-intro")  # (a Static: a Label's styles are not needed here)
            yield AlertList(id="alerts")

    def fetch(self, store: Store, period: Period) -> DashboardData:
        return build_blocks(store, period)

    def show(self, data: DashboardData) -> None:
        self.data = data
        grid = self.query_one("#glance", Grid)
        grid.remove_children()
        grid.mount_all([FigurePanel(g, openable=section(g.key) is not None, hints=self.fixed_store is None)
                        for g in data.glances])  # read only (the roll-up): no keys to suggest
        n, k = len(data.alerts), len(data.groups)
        groups = f" in {k} groups" if k < n else ""
        how = f"{key_of('open')} opens one." if self.fixed_store is None else "read only."
        self.query_one("#dash-intro", Static).update(
            f"[b $warning]{n} {'alert needs' if n == 1 else 'alerts need'} you{groups}[/], worst first: {how}"
            if n else "[$text-success]✓ No alerts: nothing needs your attention.[/]"
        )
        alerts = self.query_one("#alerts", OptionList)
        highlighted = alerts.highlighted
        alerts.clear_options()
        alerts.add_options([Option(alert_prompt(g), id=str(i)) for i, g in enumerate(data.groups)])
        alerts.display = bool(data.groups)
        if data.groups:
            alerts.highlighted = min(highlighted or 0, len(data.groups) - 1)
        if self.focused is None or self.focused is alerts:
            self.call_after_refresh(self._first_focus)
        self.refresh_bindings()
        self.call_after_refresh(self._load_charts)  # once the figures are painted

    def _first_focus(self) -> None:
        """What needs the manager: the alerts, else the first panel."""
        alerts = self.query_one("#alerts")
        if self.focused is None or (self.focused is alerts and not alerts.display):
            target = alerts if alerts.display else next(iter(self.query(FigurePanel)), None)
            if target is not None:
                target.focus()

    @work(thread=True, group="charts", exclusive=True, exit_on_error=False)
    def _load_charts(self) -> None:
        """Import the plotting library off the UI thread, after the figures are on screen."""
        import textual_plotext  # noqa: F401 - the import is the work

        self.app.call_from_thread(self._mount_charts)

    def _mount_charts(self) -> None:
        for panel in self.query(FigurePanel):
            panel.mount_chart()

    def show_error(self, text: str) -> None:
        self.query_one("#dash-intro", Static).update(f"[b $error]Could not load the dashboard:[/] {markup(text)}")

    def _selected_group(self):
        alerts = self.query_one("#alerts", OptionList)
        if self.data is None or alerts.highlighted is None or not self.data.groups:
            return None
        return self.data.groups[alerts.highlighted]

    async def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if self.data is not None:
            await self.open_group(self.data.groups[event.option_index])

    async def open_group(self, group) -> None:
        """A group of one: its alert's item; a larger group: the list of its alerts to pick from."""
        if group.count == 1:
            await open_alert(self, group.alerts[0])
            return
        from pcntui.tui.screens.pick import PickModal

        async def picked(index: int | None) -> None:
            if index is not None:
                await open_alert(self, group.alerts[index])

        marks = {"problem": "✕", "warning": "!"}
        options = [f"{marks.get(a.severity, '!')} {a.message}" for a in group.alerts]
        self.app.push_screen(PickModal(group.text, options, classes="pick alerts"), picked)

    async def action_open(self) -> None:
        focused = self.focused
        if isinstance(focused, FigurePanel):
            await self.app.run_action(f"section('{focused.glance.key}')")
        elif isinstance(focused, OptionList) and (group := self._selected_group()) is not None:
            await self.open_group(group)

    def export_data(self):
        """The view `alerts` (what `pcntui export alerts` writes) of the alerts shown."""
        from pcntui.views.alerts import alerts_view

        return None if self.data is None else alerts_view(self.data.alerts, self.data.period)

    def can_export(self) -> bool:
        """Loaded: the alerts can be written (asked at each footer refresh, so no view is built here)."""
        return self.data is not None

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "open":
            if self.fixed_store is not None:
                return False  # another file's dashboard: its sections are not this App's
            focused = self.focused
            if isinstance(focused, FigurePanel):
                return True if focused.openable else None
            return True if isinstance(focused, OptionList) and self._selected_group() is not None else None
        return super().check_action(action, parameters)


async def open_alert(screen, alert) -> None:
    """Go to the alert's section and, for an alert about one item, that item."""
    if not section(alert.area):
        screen.notify("That area has no section of its own yet.", severity="warning")
        return
    await screen.app.run_action(f"section('{alert.area}')")
    if alert.ref is not None:
        opener = getattr(screen.app.screen, "open_row", None)
        if opener is not None:
            opener(alert.ref)


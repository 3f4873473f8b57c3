"""The dashboard: the status blocks (`pcntui status`) and the alerts, each one focusable.

`enter` on a block or an alert opens its section (blocks and alerts carry the section
name as their key/area). A block listed in the catalog (`[[block]]` in pcntui/catalog/)
appears here without changes. A block whose builder fails shows the error in its place.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, ClassVar

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Grid, VerticalScroll
from textual.widgets import Label, Static

from pcntui.domain.text import terminal_safe
from pcntui.tui.commands import bindings_for, key_of
from pcntui.tui.safe import markup
from pcntui.tui.screens.base import DataScreen
from pcntui.tui.sections import section

if TYPE_CHECKING:
    from pcntui.domain.period import Period
    from pcntui.store import Store


@dataclass
class DashboardData:
    blocks: list  # pcntui.views.status.base.Block
    alerts: list  # pcntui.views.status.base.Alert


def build_blocks(store: Store, period: Period) -> DashboardData:
    """Every status block in the catalog; one failing builder does not hide the others."""
    from pcntui.report import status
    from pcntui.tui.messages import describe_error

    blocks = []
    for builder in status.builders():
        try:
            blocks.append(builder(store, period))
        except Exception as exc:  # noqa: BLE001 - shown to the user in the block's place
            key = getattr(builder, "__name__", "block").removesuffix("_block")
            text = describe_error(exc)
            blocks.append(status.Block(key, key.upper(), [f"Could not compute: {text}"], None,
                                       [status.Alert(key, "problem", f"{key.upper()} block failed: {text}")]))
    return DashboardData(blocks, [a for b in blocks for a in b.alerts])


class Card(Static):
    """A focusable block or alert; `enter` opens `target` (a section name)."""

    can_focus = True
    ref: str | None = None  # for an alert about one item: the row key its section opens

    def __init__(self, content: str, target: str | None, **kwargs) -> None:
        super().__init__(terminal_safe(content), markup=False, **kwargs)
        self.target = target


class Cards(VerticalScroll, can_focus=False, inherit_bindings=False):
    """Scrolls to the focused card; arrow keys move between cards."""

    BINDINGS: ClassVar = [
        Binding("down,right,j", "app.focus_next", "Next block or alert", show=False),
        Binding("up,left,k", "app.focus_previous", "Previous block or alert", show=False),
    ]


class DashboardScreen(DataScreen):
    SECTION = "dashboard"
    EXPORT_NAME = "alerts"
    HELP = (
        "The PCN at a glance for the financial year in the header: first the alerts that "
        "need you, then one block per area. The arrow keys (or tab) move between alerts and "
        "blocks; opening one goes to its section (an alert about one item, to that item). "
        "The CSV export holds the alerts."
    )
    BINDINGS = bindings_for("DashboardScreen")

    def __init__(self, *, store: Store | None = None, banner: str | None = None) -> None:
        super().__init__(store=store, banner=banner)
        self.data: DashboardData | None = None

    def compose_body(self) -> ComposeResult:
        # What needs the manager comes first: the alerts, then the figures block by block.
        with Cards(id="dashboard"):
            yield Static("Loading…", id="dash-intro")
            yield Label("Alerts", id="alerts-title", classes="section-title")
            yield Grid(id="alerts")
            yield Label("At a glance", id="blocks-title", classes="section-title")
            yield Grid(id="blocks")

    def fetch(self, store: Store, period: Period) -> DashboardData:
        return build_blocks(store, period)

    def show(self, data: DashboardData) -> None:
        self.data = data
        focused = self.focused
        index = list(self.query(Card)).index(focused) if isinstance(focused, Card) else 0
        n = len(data.alerts)
        self.query_one("#dash-intro", Static).update(
            f"[b $warning]{n} {'alert needs' if n == 1 else 'alerts need'} you[/]"
            + ("." if self.fixed_store is not None else f": {key_of('open')} on one opens it.")
            if n else "[$text-success]No alerts: nothing needs your attention.[/]"
        )
        blocks = self.query_one("#blocks", Grid)
        alerts = self.query_one("#alerts", Grid)
        blocks.remove_children()
        alerts.remove_children()
        cards = []
        for b in data.blocks:
            target = b.key if section(b.key) else None
            card = Card("\n".join(b.lines), target, classes="block")
            card.border_title = b.title
            if target:
                card.border_subtitle = f"{key_of('open')} ›"
            cards.append(card)
        blocks.mount_all(cards)
        alert_cards = []
        for a in data.alerts:
            mark = "!!" if a.severity == "problem" else " !"
            target = a.area if section(a.area) else None
            card = Card(f"{mark} {a.message}", target, classes=f"alert -{a.severity}")
            card.ref = a.ref if target else None
            alert_cards.append(card)
        if not alert_cards:
            alert_cards.append(Static("None.", classes="no-alerts"))
        self.query_one("#alerts-title", Label).display = bool(data.alerts)
        alerts.display = bool(data.alerts)
        alerts.mount_all(alert_cards)
        self.query_one("#alerts-title", Label).update(f"Alerts ({n})")
        self.call_after_refresh(self._refocus, index)

    def _refocus(self, index: int) -> None:
        cards = list(self.query(Card))
        if cards:
            cards[min(index, len(cards) - 1)].focus(scroll_visible=index > 0)

    def show_error(self, text: str) -> None:
        self.query_one("#dash-intro", Static).update(f"[b $error]Could not load the dashboard:[/] {markup(text)}")

    async def action_open(self) -> None:
        focused = self.focused
        if not isinstance(focused, Card):
            return
        if focused.target is None:
            self.notify("That area has no section of its own yet.", severity="warning")
            return
        ref = getattr(focused, "ref", None)
        await self.app.run_action(f"section('{focused.target}')")
        if ref is not None:
            # an alert about one item (a person, an intervention, a cohort) opens that item
            opener = getattr(self.app.screen, "open_row", None)
            if opener is not None:
                opener(ref)

    def export_data(self):
        if self.data is None:
            return None
        return ["area", "severity", "message"], [[a.area, a.severity, a.message] for a in self.data.alerts]

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "open":
            if self.fixed_store is not None:
                return False  # another file's dashboard: its sections are not this App's
            return True if isinstance(self.focused, Card) and self.focused.target else None
        return super().check_action(action, parameters)

"""`?`: what the current screen shows, its keys and the keys that work everywhere.

The keys come from the command registry (`pcntui.tui.commands`): each with its title and
help line, so the help says what the footer and the palette say. A key the screen does not
offer here is left out; one that needs something first (a row, a measure) is shown dimmed.
"""

from __future__ import annotations

from dataclasses import dataclass

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.dom import DOMNode
from textual.screen import ModalScreen
from textual.widgets import Label, Static

from pcntui.domain.glossary import GLOSSARY
from pcntui.domain.text import terminal_safe
from pcntui.tui.commands import commands_on


@dataclass(frozen=True)
class KeyLine:
    keys: str  # as read: "e enter", "!"
    title: str
    help: str
    enabled: bool = True


PALETTE_LINE = KeyLine("ctrl+p", "Command palette", "Every command of every screen, by name")


def key_lines(node: DOMNode) -> list[KeyLine]:
    """The keyed commands of a screen or of the App that apply there (not those it says never do)."""
    lines = []
    for cmd in commands_on(node):
        if not cmd.keys:
            continue
        state = node.check_action(cmd.name, cmd.params)
        if state is not False:
            lines.append(KeyLine(cmd.key_text, cmd.title, cmd.help, bool(state)))
    return lines


def glossary_table() -> Table:
    """The money words (PRODUCT.md "Words"), one a row."""
    table = Table.grid(padding=(0, 2))
    table.add_column(style="bold", no_wrap=True)
    table.add_column()
    for word, meaning in GLOSSARY:
        table.add_row(word, meaning)
    return table


class HelpScreen(ModalScreen[None]):
    BINDINGS = [Binding("escape,q,question_mark", "close", "Close")]

    def __init__(self, title: str, about: str, here: list[KeyLine], everywhere: list[KeyLine]) -> None:
        super().__init__()
        self.heading = title
        self.about = about
        self.here = here
        self.everywhere = [*everywhere, PALETTE_LINE]

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog", classes="help"):
            yield Label(terminal_safe(f"Help · {self.heading}"), classes="dialog-title", markup=False)
            with VerticalScroll(id="help-body"):
                if self.about:
                    yield Static(self.about, classes="help-about", markup=False)
                if self.here:
                    yield Label("On this screen", classes="help-heading")
                    yield Static(self._table(self.here), classes="help-keys")
                yield Label("Everywhere", classes="help-heading")
                yield Static(self._table(self.everywhere), classes="help-keys")
                yield Label("Words", classes="help-heading")
                yield Static(glossary_table(), classes="help-keys")
            yield Label("escape or ? closes", classes="dialog-hint")

    def on_mount(self) -> None:
        self._fit()

    def on_resize(self) -> None:
        self._fit()

    def _fit(self) -> None:
        # The dialog is at most 90% of the screen; its border, padding, title and hint take 8 lines.
        self.query_one("#help-body").styles.max_height = max(4, int(self.app.size.height * 0.9) - 8)

    def _table(self, lines: list[KeyLine]) -> Table:
        """Key, title and help, the help wrapping under the title."""
        accent = self.app.current_theme.accent or "cyan"
        table = Table.grid(padding=(0, 2))
        width = max(len(line.keys) for line in (*self.here, *self.everywhere))
        table.add_column(justify="right", no_wrap=True, min_width=width)
        table.add_column(ratio=1)
        for line in lines:
            key_style = f"bold {accent}" if line.enabled else "dim"
            what = Text.assemble((line.title, "bold" if line.enabled else "dim"), "  ", (line.help, "dim"))
            table.add_row(Text(line.keys, style=key_style), what)
        return table

    def action_close(self) -> None:
        self.dismiss(None)

"""A full-screen message for a database file that cannot be used: one sentence, `q` quits."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import Screen
from textual.widgets import Header, Label, Static

from pcntui.domain.text import terminal_safe
from pcntui.tui.widgets.footer import KeyFooter


class MessageScreen(Screen):
    BINDINGS = [Binding("q,escape", "app.quit_with_error", "Quit")]

    def __init__(self, title: str, text: str) -> None:
        super().__init__()
        self.heading = title
        self.text = text

    def compose(self) -> ComposeResult:
        yield Header()
        with Vertical(id="message"):
            yield Label(self.heading, classes="dialog-title")
            yield Static(terminal_safe(self.text), id="message-text", markup=False)
            yield Static("Press q to quit.", classes="dialog-hint")
        yield KeyFooter()

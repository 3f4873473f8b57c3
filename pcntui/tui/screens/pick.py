"""A small list to pick one item from (e.g. the column to sort by)."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Label, OptionList

from pcntui.domain.text import terminal_safe
from pcntui.tui.safe import plain


class PickModal(ModalScreen[int | None]):
    """Returns the index picked, or None on escape."""

    BINDINGS = [Binding("escape", "cancel", "Cancel")]

    def __init__(self, title: str, options: list[str], selected: int = 0, *, classes: str = "pick") -> None:
        super().__init__()
        self.dialog_classes = classes
        self.title_text = title
        self.options = options
        self.selected = selected

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog", classes=self.dialog_classes):
            yield Label(terminal_safe(self.title_text), classes="dialog-title", markup=False)
            yield OptionList(*(plain(o) for o in self.options), id="options")
            yield Label("↑↓ choose · enter pick · escape cancel", classes="dialog-hint")

    def on_mount(self) -> None:
        options = self.query_one(OptionList)
        options.highlighted = self.selected
        options.focus()

    @on(OptionList.OptionSelected)
    def _picked(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(event.option_index)

    def action_cancel(self) -> None:
        self.dismiss(None)

"""The confirmation every delete goes through: `ModalScreen[bool]`.

    self.app.push_screen(ConfirmModal("Delete Jo Bloggs (Clinical Pharmacist)?",
                                      detail="Their 14 months of claims go too; `u` undoes it."),
                         callback)

`y`/`enter` on the red button confirms; `n`/`escape` cancels. The default focus is on
Cancel, so an absent-minded `enter` never deletes.
"""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Label, Static

from pcntui.domain.text import terminal_safe


class ConfirmModal(ModalScreen[bool]):
    BINDINGS = [
        Binding("y", "confirm", "Yes"),
        Binding("n,escape", "cancel", "No"),
        Binding("left,right", "switch", "Switch", show=False),
    ]

    def __init__(self, question: str, *, detail: str = "", confirm_label: str = "Delete") -> None:
        super().__init__()
        self.question = question
        self.detail = detail
        self.confirm_label = confirm_label

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog", classes="confirm"):
            yield Label(terminal_safe(self.question), classes="dialog-title", markup=False)
            if self.detail:
                yield Static(terminal_safe(self.detail), classes="dialog-detail", markup=False)
            with Horizontal(classes="dialog-buttons"):
                yield Button(f"{self.confirm_label} (y)", variant="error", id="yes")
                yield Button("Cancel (n)", variant="default", id="no")

    def on_mount(self) -> None:
        self.query_one("#no", Button).focus()

    @on(Button.Pressed, "#yes")
    def action_confirm(self) -> None:
        self.dismiss(True)

    @on(Button.Pressed, "#no")
    def action_cancel(self) -> None:
        self.dismiss(False)

    def action_switch(self) -> None:
        target = "#no" if self.query_one("#yes", Button).has_focus else "#yes"
        self.query_one(target, Button).focus()

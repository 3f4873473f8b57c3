"""The older modal form base, kept only for the ARRS claims form (screens/arrs_claims.py) until
it moves onto the one form framework (tui/forms). No SMR form uses it: they are FormSpecs in
tui/forms/smr.py. Delete this module when arrs_claims no longer imports it.

`ctrl+s` (or the Save button) saves in a worker; `escape` cancels and nothing is saved; a
save tells the App the data changed, so every screen reloads.
"""

from __future__ import annotations

from typing import Any

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.message import Message
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, Static

from pcntui.tui.messages import DataChanged, describe_error
from pcntui.tui.safe import markup

FORM_CSS = """
FormModal #dialog { max-width: 96; }
FormModal .field { height: 1; margin: 0; }
FormModal .field.-tall { height: auto; margin: 0 0 1 0; }
FormModal .field Label { width: 16; padding: 0 1 0 0; }
FormModal .field Input { width: 1fr; }
FormModal .field Select { width: 1fr; }
FormModal .field SelectionList { width: 1fr; height: auto; max-height: 5; }
FormModal #problems { color: $text-error; height: auto; }
FormModal #warnings { color: $text-warning; height: auto; }
FormModal #context { color: $text-muted; height: auto; margin: 0 0 1 0; }
FormModal #previous { color: $text-muted; height: auto; }
FormModal #fields { height: auto; max-height: 50vh; }
FormModal #dialog { max-height: 100%; }
"""


class FormModal(ModalScreen[bool]):
    """Shared: `ctrl+s` save, `escape` cancel, a problems line, saving in a worker."""

    DEFAULT_CSS = FORM_CSS
    BINDINGS = [
        Binding("ctrl+s", "save", "Save"),
        Binding("escape", "cancel", "Cancel"),
    ]

    class Saved(Message):
        def __init__(self, note: str, warnings: list[str]) -> None:
            super().__init__()
            self.note = note
            self.warnings = warnings

    class Failed(Message):
        def __init__(self, text: str) -> None:
            super().__init__()
            self.text = text

    def __init__(self) -> None:
        super().__init__(classes="smr-form")
        self.saving = False

    def buttons(self) -> ComposeResult:
        with Horizontal(classes="dialog-buttons"):
            yield Button("Save (ctrl+s)", variant="primary", id="save")
            yield Button("Cancel (esc)", variant="default", id="cancel")

    @property
    def store(self):
        return self.app.store  # type: ignore[attr-defined]

    def set_problems(self, problems: list[str]) -> None:
        self.query_one("#problems", Static).update(markup("\n".join(problems)))

    def problems(self) -> list[str]:
        return []

    def action_cancel(self) -> None:
        self.dismiss(False)

    @on(Button.Pressed, "#cancel")
    def _cancel_pressed(self) -> None:
        self.dismiss(False)

    @on(Button.Pressed, "#save")
    def _save_pressed(self) -> None:
        self.action_save()

    @on(Input.Submitted)
    def _submitted(self, event: Input.Submitted) -> None:
        event.stop()
        inputs = list(self.query(Input))
        if inputs and event.input is inputs[-1]:
            self.action_save()
        else:
            self.focus_next()

    def action_save(self) -> None:
        problems = self.problems()
        self.set_problems(problems)
        if problems or self.saving or self.store is None:
            return
        self.saving = True
        self._save(self.store, self.values())

    def values(self) -> Any:
        return None

    def do_save(self, store, values) -> tuple[str, list[str]]:
        raise NotImplementedError

    @work(thread=True, exclusive=True, group="db", exit_on_error=False)
    def _save(self, store, values) -> None:
        try:
            note, warnings = self.do_save(store, values)
        except Exception as exc:  # noqa: BLE001 - shown in the form, nothing saved
            self.post_message(self.Failed(describe_error(exc)))
            return
        self.post_message(self.Saved(note, warnings))

    @on(Saved)
    def _saved(self, message: Saved) -> None:
        text = message.note
        if message.warnings:
            self.app.notify(" ".join(message.warnings), title="Saved — please check", severity="warning", timeout=10)
        self.app.post_message(DataChanged(text))
        self.dismiss(True)

    @on(Failed)
    def _failed(self, message: Failed) -> None:
        self.saving = False
        self.set_problems([message.text])


def field(label: str, widget, *, tall: bool = False) -> Horizontal:
    return Horizontal(Label(label), widget, classes="field -tall" if tall else "field")

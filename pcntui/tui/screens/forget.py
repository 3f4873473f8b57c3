"""`F` on the SMR worklist: forget every patient for good, after typing the PCN code (or FORGET).

`ask_to_forget(app)` counts what there is (worker), asks in `ForgetModal`, forgets (worker,
`pcntui.store.forget`), then says what was removed and which backups still hold NHS numbers.
"""

from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, Static

from pcntui.tui.messages import DataChanged

if TYPE_CHECKING:
    from pcntui.store.db import Store
    from pcntui.store.forget import ForgetReport, WorklistData
    from pcntui.tui.app import PcnApp


class ForgetModal(ModalScreen[bool]):
    """Dismisses True only once one of `words` is typed; escape cancels."""

    BINDINGS = [Binding("escape", "cancel", "Cancel")]

    def __init__(self, data: WorklistData, words: list[str]) -> None:
        super().__init__()
        self.data = data
        self.words = words

    @property
    def wanted(self) -> str:
        return " or ".join(self.words)

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog", classes="confirm"):
            yield Label("Forget the SMR worklist for good?", classes="dialog-title")
            yield Static(self.data.warning + " Backups beside the database keep their copy; you will see which.",
                         classes="dialog-detail", markup=False)
            yield Label(f"Type {self.wanted} to confirm:", markup=False)
            yield Input(id="typed")
            yield Static("", id="typed-check", classes="dialog-hint", markup=False)
            with Horizontal(classes="dialog-buttons"):
                yield Button("Forget", variant="error", id="forget", disabled=True)
                yield Button("Cancel", id="cancel")

    def on_mount(self) -> None:
        self.query_one("#typed", Input).focus()

    def _typed_ok(self) -> bool:
        from pcntui.store.forget import matches

        return matches(self.words, self.query_one("#typed", Input).value)

    @on(Input.Changed, "#typed")
    def _changed(self) -> None:
        self.query_one("#forget", Button).disabled = not self._typed_ok()
        self.query_one("#typed-check", Static).update("")

    @on(Input.Submitted, "#typed")
    @on(Button.Pressed, "#forget")
    def _forget(self) -> None:
        if self._typed_ok():
            self.dismiss(True)
        else:
            self.query_one("#typed-check", Static).update(f"Type {self.wanted} exactly; nothing is removed until then.")

    @on(Button.Pressed, "#cancel")
    def action_cancel(self) -> None:
        self.dismiss(False)


def ask_to_forget(app: PcnApp) -> None:
    if app.store is not None:
        app.run_worker(partial(_count, app, app.store), thread=True, group="db", exit_on_error=False)


def _count(app: PcnApp, store: Store) -> None:
    from pcntui.store.forget import confirmation_words, worklist_data

    app.call_from_thread(_ask, app, store, worklist_data(store), confirmation_words(store))


def _ask(app: PcnApp, store: Store, data: WorklistData, words: list[str]) -> None:
    if data.empty:
        app.notify("There is no SMR worklist data in this database to forget.", title="Forget")
        return

    def answered(yes: bool | None) -> None:
        if yes:
            app.notify("Forgetting the SMR worklist…", title="Forget")
            app.run_worker(partial(_forget, app, store), thread=True, group="db", exit_on_error=False)

    app.push_screen(ForgetModal(data, words), answered)


def _forget(app: PcnApp, store: Store) -> None:
    from pcntui.store.forget import forget_worklist

    app.call_from_thread(_forgotten, app, forget_worklist(store))


def _forgotten(app: PcnApp, report: ForgetReport) -> None:
    app.post_message(DataChanged())
    app.notify("\n".join(report.lines()), title="Forgotten", markup=False, timeout=30,
               severity="warning" if report.copies or not report.scrubbed else "information")

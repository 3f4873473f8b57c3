"""`F` on the SMR worklist: forget every patient for good, after typing the PCN code (or FORGET).

`ForgetModal(store)` counts what there is to forget (worker), waits for the code to be typed,
forgets (worker, `services.safety.forget_worklist`) and dismisses with the ForgetReport (None when
cancelled or when there was nothing to forget); `announce` then says what was removed and
which backups still hold NHS numbers.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from textual import on, work
from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.message import Message
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, Static
from textual.worker import Worker, WorkerState

from pcntui.tui.messages import DataChanged, describe_error

if TYPE_CHECKING:
    from pcntui.services.safety import ForgetAsk, ForgetReport
    from pcntui.store import Store


class ForgetModal(ModalScreen["ForgetReport | None"]):
    BINDINGS = [Binding("escape", "cancel", "Cancel")]

    @dataclass
    class Counted(Message):
        ask: ForgetAsk

    @dataclass
    class Forgotten(Message):
        report: ForgetReport

    def __init__(self, store: Store) -> None:
        super().__init__()
        self.store = store
        self.ask: ForgetAsk | None = None

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog", classes="confirm"):
            yield Label("Forget the SMR worklist for good?", classes="dialog-title")
            yield Static("Counting the worklist and its history…", id="what", classes="dialog-detail", markup=False)
            yield Label("", id="prompt", markup=False)
            yield Input(id="typed", disabled=True)
            yield Static("", id="typed-check", classes="dialog-hint", markup=False)
            with Horizontal(classes="dialog-buttons"):
                yield Button("Forget", variant="error", id="forget", disabled=True)
                yield Button("Cancel", id="cancel")

    def on_mount(self) -> None:
        from pcntui.services.safety import forget_ask

        self._in_worker(forget_ask, self.Counted)

    @work(thread=True, exclusive=True, group="db", exit_on_error=False)
    def _in_worker(self, step: Callable[[Store], object], answer: Callable[[object], Message]) -> None:
        """Run one step of services.safety on the file; its answer comes back as a message."""
        self.post_message(answer(step(self.store)))

    @on(Counted)
    def _counted(self, message: Counted) -> None:
        if message.ask.data.empty:
            self.app.notify("There is no SMR worklist data in this database to forget.", title="Forget")
            self.dismiss(None)
            return
        self.ask = message.ask
        self.query_one("#what", Static).update(
            message.ask.data.warning + " Backups beside the database keep their copy; you will see which.")
        self.query_one("#prompt", Label).update(f"Type {self._wanted} to confirm:")
        box = self.query_one("#typed", Input)
        box.disabled = False
        box.focus()

    @property
    def _wanted(self) -> str:
        return " or ".join(self.ask.words) if self.ask else ""

    def _typed_ok(self) -> bool:
        from pcntui.services.safety import forget_typed_ok

        return self.ask is not None and forget_typed_ok(self.ask, self.query_one("#typed", Input).value)

    @on(Input.Changed, "#typed")
    def _changed(self) -> None:
        self.query_one("#forget", Button).disabled = not self._typed_ok()
        self.query_one("#typed-check", Static).update("")

    @on(Input.Submitted, "#typed")
    @on(Button.Pressed, "#forget")
    def _confirmed(self) -> None:
        if not self._typed_ok():
            self.query_one("#typed-check", Static).update(f"Type {self._wanted} exactly; nothing is removed until then.")
            return
        self.query_one("#typed", Input).disabled = True
        self.query_one("#forget", Button).disabled = True
        self.query_one("#typed-check", Static).update("Forgetting…")
        from pcntui.services.safety import forget_worklist

        self._in_worker(forget_worklist, self.Forgotten)

    @on(Forgotten)
    def _forgotten(self, message: Forgotten) -> None:
        self.dismiss(message.report)

    @on(Button.Pressed, "#cancel")
    def action_cancel(self) -> None:
        self.dismiss(None)

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        if event.state == WorkerState.ERROR and event.worker.error is not None:
            self.query_one("#typed-check", Static).update(f"Not done: {describe_error(event.worker.error)}")
            self.query_one("#typed", Input).disabled = self.ask is None


def announce(app: App, report: ForgetReport | None) -> None:
    """After the modal: every screen reloads, and the user reads what was removed and what is left."""
    if report is None:
        return
    app.post_message(DataChanged())
    app.notify("\n".join(report.lines()), title="Forgotten", markup=False, timeout=30,
               severity="warning" if report.copies or not report.scrubbed else "information")

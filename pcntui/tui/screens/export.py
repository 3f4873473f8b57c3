"""`x`: write the current table view to a CSV file (path checked as you type)."""

from __future__ import annotations

import os
from collections.abc import Sequence
from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.message import Message
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, Static
from textual.worker import Worker, WorkerState

from pcntui.tui.messages import describe_error
from pcntui.tui.safe import markup

if TYPE_CHECKING:
    from pcntui.views.base import View


def default_path(name: str, today: date) -> str:
    return f"~/pcntui-{name}-{today.isoformat()}.csv"


def check_path(text: str) -> tuple[Path | None, str | None, str | None]:
    """(path, error, note) for what the user typed. An error means it cannot be written."""
    text = text.strip()
    if not text:
        return None, "Type the path of the CSV file to write.", None
    path = Path(text).expanduser()
    if path.is_dir():
        return None, f"{path} is a folder; add a file name, e.g. {path / 'export.csv'}.", None
    parent = path.parent
    if not parent.exists():
        return None, f"The folder {parent} does not exist.", None
    if not parent.is_dir():
        return None, f"{parent} is a file, not a folder.", None
    if not os.access(parent, os.W_OK):
        return None, f"You cannot write to the folder {parent}.", None
    if path.exists() and not os.access(path, os.W_OK):
        return None, f"{path} is read-only.", None
    note = f"{path.name} exists and will be replaced." if path.exists() else None
    if path.suffix.lower() != ".csv":
        note = ((note + " ") if note else "") + "The name does not end in .csv; Excel may not open it directly."
    return path, None, note


class ExportModal(ModalScreen[Path | None]):
    """Dismisses with the path written, or None when cancelled."""

    BINDINGS = [Binding("escape", "cancel", "Cancel")]

    class Written(Message):
        def __init__(self, path: Path) -> None:
            super().__init__()
            self.path = path

    def __init__(self, name: str, columns: list[str], rows: list[Sequence[object]], *, today: date,
                 view: View | None = None) -> None:
        super().__init__()
        self.view_name = name
        self.columns = columns
        self.rows = rows
        self.today = today
        self.view = view

    @classmethod
    def of_view(cls, name: str, view: View, *, today: date) -> ExportModal:
        """`x` on a screen showing a view: the file `pcntui export KIND` writes (export.views.write_view)."""
        rows = tuple(view.iter_rows())
        shown = replace(view, rows=rows)
        return cls(name, [c.key for c in view.columns if c.csv], list(rows), today=today, view=shown)

    def compose(self) -> ComposeResult:
        n = len(self.rows)
        with Vertical(id="dialog", classes="export"):
            yield Label(f"Export {n} {'row' if n == 1 else 'rows'} to CSV", classes="dialog-title")
            yield Label("File:")
            yield Input(default_path(self.view_name, self.today), id="path")
            yield Static("", id="path-check")
            with Horizontal(classes="dialog-buttons"):
                yield Button("Save", variant="primary", id="save")
                yield Button("Cancel", id="cancel")

    def on_mount(self) -> None:
        box = self.query_one("#path", Input)
        box.focus()
        box.cursor_position = len(box.value)
        self._check(box.value)

    def _check(self, text: str) -> Path | None:
        path, error, note = check_path(text)
        check = self.query_one("#path-check", Static)
        check.set_class(error is not None, "-error")
        check.update(markup(error or note or f"Columns: {', '.join(self.columns)}"))
        self.query_one("#save", Button).disabled = error is not None
        return path

    @on(Input.Changed, "#path")
    def _changed(self, event: Input.Changed) -> None:
        self._check(event.value)

    @on(Input.Submitted, "#path")
    @on(Button.Pressed, "#save")
    def _save(self) -> None:
        path = self._check(self.query_one("#path", Input).value)
        if path is not None:
            self.query_one("#save", Button).disabled = True
            self._write(path)

    @work(thread=True, exclusive=True, group="export", exit_on_error=False)
    def _write(self, path: Path) -> None:
        if self.view is not None:
            from pcntui.export.views import write_view

            written = write_view(self.view, path)
        else:
            from pcntui.export.csvfile import write_csv

            written = write_csv(path, self.columns, self.rows)
        self.post_message(self.Written(written or path))

    @on(Written)
    def _written(self, message: Written) -> None:
        self.dismiss(message.path)

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        if event.state == WorkerState.ERROR and event.worker.error is not None:
            check = self.query_one("#path-check", Static)
            check.add_class("-error")
            check.update(markup(f"Not written: {describe_error(event.worker.error)}"))
            self.query_one("#save", Button).disabled = False

    @on(Button.Pressed, "#cancel")
    def action_cancel(self) -> None:
        self.dismiss(None)

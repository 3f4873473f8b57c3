"""Month-end SMR counts in one grid: every practice (rows) × the year's cohorts (columns) for one
date, each cell typed `completed/eligible` (e.g. 40/70), checked as typed (inputs/smr.check_grid:
each cell as the counts form checks it) and saved as one action (services/smr/counts.save_count_grid).

Keys: tab / shift+tab across, up / down (and enter) between practices, ctrl+s save, escape cancel.
A block pasted into a cell (tab- or comma-separated, e.g. copied from a spreadsheet) fills the cells
from there; ctrl+o reads a CSV of the grid (as ctrl+w writes it) into the cells: either way each cell
is checked as if typed (ingest/count_grid.py).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from textual import events, on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Grid, Horizontal, Vertical
from textual.message import Message
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, Static
from textual.worker import Worker, WorkerState

from pcntui.domain.text import counted
from pcntui.domain.text import clean_input, terminal_safe
from pcntui.errors import FieldMessage, ValidationFailed
from pcntui.ingest.count_grid import grid_table, paste_block
from pcntui.inputs.smr import check_grid
from pcntui.tui.messages import DataChanged, describe_error


def _short(text: str, width: int) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"


class CellInput(Input):
    """A grid cell: a paste of more than one value goes to the grid, which spreads it from here."""

    @dataclass
    class Pasted(Message):
        cell: CellInput
        text: str

    @staticmethod
    def is_block(text: str) -> bool:
        return any(sep in text.rstrip("\r\n") for sep in ("\t", ",", "\n", "\r"))

    def _on_paste(self, event: events.Paste) -> None:
        if self.is_block(event.text):
            event.stop()
            self.post_message(self.Pasted(self, event.text))
        else:
            super()._on_paste(event)

    def action_paste(self) -> None:
        if self.is_block(self.app.clipboard):
            self.post_message(self.Pasted(self, self.app.clipboard))
        else:
            super().action_paste()


class CountsGrid(ModalScreen):
    """Dismisses with the service's `Saved`, or None when cancelled."""

    DEFAULT_CSS = """
    CountsGrid #dialog { padding: 0 1; }
    CountsGrid #cells { height: auto; grid-gutter: 0 1; }
    CountsGrid #cells Label { width: 100%; color: $text-muted; }
    CountsGrid #cells Input { width: 100%; height: 1; border: none; padding: 0 1; background: $boost; }
    CountsGrid #cells Input:focus { background: $accent 25%; }
    CountsGrid #cells Input.-error { background: $error 30%; }
    CountsGrid #cells Input.-warning { background: $warning 20%; }
    CountsGrid .grid-date { height: 1; }
    CountsGrid .grid-date Input { width: 16; height: 1; border: none; padding: 0 1; background: $boost; }
    CountsGrid #where { color: $text-muted; height: 1; }
    CountsGrid #grid-messages { height: auto; max-height: 8; }
    CountsGrid #grid-messages.-error { color: $text-error; }
    CountsGrid #grid-messages.-warning { color: $text-warning; }
    """
    BINDINGS: ClassVar = [
        Binding("escape", "cancel", "Cancel"),
        Binding("ctrl+s", "save", "Save", priority=True),
        Binding("ctrl+o", "open_csv", "Read a CSV", priority=True),
        Binding("ctrl+w", "export", "Write the CSV", priority=True),  # x would be typed into the cell
        # priority: moved before the next key is passed on, so fast typing lands in the new cell
        Binding("up", "move(-1)", "Up", show=False, priority=True),
        Binding("down,enter", "move(1)", "Down", show=False, priority=True),
        Binding("tab", "across(1)", "Next cell", show=False, priority=True),
        Binding("shift+tab", "across(-1)", "Previous cell", show=False, priority=True),
    ]

    class Done(Message):
        def __init__(self, saved) -> None:
            super().__init__()
            self.saved = saved

    def __init__(self, ctx, practices: list[tuple[str, str]], cohorts: list[tuple[str, str]]) -> None:
        super().__init__()
        self.ctx = ctx
        self.practices = practices
        self.cohorts = cohorts
        self.refused: list[FieldMessage] = []
        self.saving = False

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog"):
            yield Label("SMR counts at month end: every practice and cohort", classes="dialog-title")
            yield Static("Type each practice's year-to-date completed/eligible under the cohort, e.g. 40/70; "
                         "leave a cell empty to enter nothing for it. Paste a block copied from a spreadsheet "
                         "into a cell to fill from there; ctrl+o reads a CSV of the grid, ctrl+w writes one.",
                         markup=False)
            with Horizontal(classes="grid-date"):
                yield Label("Counts as of  ")
                yield Input(self.ctx.today.isoformat(), id="as_of")
            label, cell = self.widths(self.app.size.width)
            grid = Grid(id="cells")
            grid.styles.grid_size_columns = len(self.cohorts) + 1
            grid.styles.grid_columns = f"{label} {' '.join([str(cell)] * len(self.cohorts))}"
            with grid:
                yield Label("")
                for _, name in self.cohorts:
                    yield Label(terminal_safe(_short(name, cell)), markup=False)
                for r, (code, name) in enumerate(self.practices):
                    yield Label(terminal_safe(_short(f"{code} {name}", label - 1)), markup=False)
                    for c in range(len(self.cohorts)):
                        yield CellInput(id=f"c-{r}-{c}", placeholder="done/elig" if cell >= 11 else "d/e")
            yield Static("", id="where", markup=False)
            yield Static("", id="grid-messages", markup=False)
            with Horizontal(classes="dialog-buttons"):
                yield Button("Save (ctrl+s)", variant="primary", id="save", compact=True)
                yield Button("Cancel (esc)", id="cancel", compact=True)

    def widths(self, screen_width: int) -> tuple[int, int]:
        """The practice column and each cohort's cell, so every cohort fits from 80 columns up."""
        room = screen_width - 8  # the dialog's border and padding
        label = 20 if screen_width >= 100 else 14
        cell = (room - label) // max(len(self.cohorts), 1) - 1
        return label, max(6, min(14, cell))

    def on_mount(self) -> None:
        label, cell = self.widths(self.app.size.width)
        dialog = self.query_one("#dialog")
        dialog.styles.width = dialog.styles.max_width = min(label + len(self.cohorts) * (cell + 1) + 6,
                                                            self.app.size.width)
        if self.practices and self.cohorts:
            self.query_one("#c-0-0", Input).focus()

    # ---------------------------------------------------------------- checking
    def cells(self) -> dict[tuple[int, int], str]:
        out = {}
        for box in self.query("#cells Input").results(Input):
            _, r, c = (box.id or "").split("-")
            out[(int(r), int(c))] = clean_input(box.value)
        return out

    def check(self) -> list[FieldMessage]:
        _, messages = check_grid(self.query_one("#as_of", Input).value, self.cells(),
                                 [p for p, _ in self.practices], [c for c, _ in self.cohorts], self.ctx)
        messages = [*self.refused, *messages] if self.refused else messages
        levels: dict[tuple[int, int], set[str]] = {}
        lines = []
        for m in messages:
            if len(m.loc) >= 2 and isinstance(m.loc[0], int):
                r, c = m.loc[0], m.loc[1]
                levels.setdefault((r, c), set()).add(m.level)
                where = f"{self.practices[r][0]} · {self.cohorts[c][1]}: {m.loc[2] if len(m.loc) > 2 else ''} "
            else:
                where = "Counts as of: " if m.loc else ""
            lines.append(("⚠ " if m.level != "error" else "") + where + m.text)
        for box in self.query("#cells Input").results(Input):
            _, r, c = (box.id or "").split("-")
            found = levels.get((int(r), int(c)), set())
            box.set_class("error" in found, "-error")
            box.set_class("error" not in found and bool(found), "-warning")
        say = self.query_one("#grid-messages", Static)
        say.update(terminal_safe("\n".join(lines)))
        say.set_class(any(m.level == "error" for m in messages), "-error")
        say.set_class(bool(messages) and not any(m.level == "error" for m in messages), "-warning")
        return messages

    @on(Input.Changed)
    def _typed(self) -> None:
        self.refused = []
        self.check()

    def on_descendant_focus(self, event) -> None:
        wid = getattr(event.widget, "id", None) or ""
        if wid.startswith("c-"):
            _, r, c = wid.split("-")
            code, name = self.practices[int(r)]
            self.query_one("#where", Static).update(terminal_safe(f"{code} {name} · {self.cohorts[int(c)][1]}"))

    def action_across(self, step: int) -> None:
        """The next (or previous) cell along the row, then on to the next row; past the grid, the buttons."""
        wid = getattr(self.focused, "id", None) or ""
        width, cells = len(self.cohorts), len(self.cohorts) * len(self.practices)
        if wid.startswith("c-"):
            _, r, c = wid.split("-")
            at = int(r) * width + int(c) + step
        elif wid == "as_of" and step > 0 and cells:
            at = 0
        else:
            at = -1
        if 0 <= at < cells:
            self.set_focus(self.query_one(f"#c-{at // width}-{at % width}", Input))
        elif step > 0:
            self.focus_next()
        else:
            self.focus_previous()

    def action_move(self, step: int) -> None:
        wid = getattr(self.focused, "id", None) or ""
        if not wid.startswith("c-"):
            return
        _, r, c = wid.split("-")
        row = min(max(int(r) + step, 0), len(self.practices) - 1)
        self.set_focus(self.query_one(f"#c-{row}-{c}", Input))  # at once: the next key goes to that cell

    # ---------------------------------------------------------------- a pasted block, a CSV in and out
    def fill(self, cells: dict[tuple[int, int], str], *, clear: bool = False) -> None:
        """Put values in cells (every other cell emptied with `clear`); they are checked as typed."""
        for box in self.query("#cells Input").results(Input):
            _, r, c = (box.id or "").split("-")
            key = (int(r), int(c))
            if key in cells or clear:
                box.value = cells.get(key, "")
        self.refused = []
        self.check()

    @on(CellInput.Pasted)
    def _pasted(self, message: CellInput.Pasted) -> None:
        _, r, c = (message.cell.id or "").split("-")
        cells, outside = paste_block(message.text, (int(r), int(c)), (len(self.practices), len(self.cohorts)))
        self.fill(cells)
        if outside:
            self.notify(f"{counted(outside, 'pasted value')} fell outside the grid and were left out.", severity="warning")

    def action_open_csv(self) -> None:
        from pathlib import Path

        from pcntui.tui.screens.imports import csv_picker

        self.app.push_screen(csv_picker(Path.home(), "Choose the counts grid CSV", button="Read"), self.read_csv)

    def read_csv(self, path) -> None:
        if path is not None:
            self._read(path)

    @work(thread=True, exclusive=True, group="grid-file", exit_on_error=False)
    def _read(self, path) -> None:
        from pcntui.ingest.count_grid import read_grid

        cells = read_grid(path, self.practices, self.cohorts)
        self.app.call_from_thread(self.fill, cells, clear=True)

    def action_export(self) -> None:
        from pcntui.tui.screens.export import ExportModal

        columns, rows = grid_table(self.practices, self.cohorts, self.cells())
        self.app.push_screen(ExportModal("smr-counts-grid", columns, rows, today=self.ctx.today))

    # ---------------------------------------------------------------- saving
    @on(Button.Pressed, "#save")
    def action_save(self) -> None:
        if self.saving:
            return
        if any(m.level == "error" for m in self.check()):
            self.notify("Not saved: put right the cells marked first.", severity="warning")
            return
        store = getattr(self.app, "store", None)
        if store is None:
            return
        self.saving = True
        self._save(store, self.query_one("#as_of", Input).value, self.cells())

    @work(thread=True, exclusive=True, group="db", exit_on_error=False)
    def _save(self, store, as_of: str, cells: dict[tuple[int, int], str]) -> None:
        from pcntui.services.smr.counts import save_count_grid

        saved = save_count_grid(store, as_of, cells, [p for p, _ in self.practices], [c for c, _ in self.cohorts],
                                today=self.ctx.today)
        self.post_message(self.Done(saved))

    @on(Done)
    def _done(self, message: Done) -> None:
        message.stop()
        self.app.post_message(DataChanged(message.saved.note))
        self.dismiss(message.saved)

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        if event.state != WorkerState.ERROR or event.worker.error is None:
            return
        event.stop()  # said here: the grid stays open with what was typed
        self.saving = False
        error = event.worker.error
        if event.worker.group == "grid-file":  # the CSV could not be read: nothing in the grid changed
            problems = getattr(error, "problems", ())
            self.refused = [FieldMessage((), describe_error(error)), *(FieldMessage((), p) for p in problems)]
            self.check()
            return
        if isinstance(error, ValidationFailed):
            self.refused = list(error.messages)
        else:
            self.refused = [FieldMessage((), f"Not saved: {describe_error(error)}")]
        self.check()

    @on(Button.Pressed, "#cancel")
    def action_cancel(self) -> None:
        self.dismiss(None)


def open_grid(screen) -> None:
    """Read the practices, the year's cohorts and the counts held in a worker, then show the grid."""
    app = screen.app
    store = app.store
    if store is None:
        return

    def load() -> None:
        from pcntui.services.smr.counts import counts_ctx
        from pcntui.views.smr.lookups import grid_axes

        ctx = counts_ctx(store, today=app.today)
        practices, cohorts = grid_axes(store, app.fy)
        app.call_from_thread(app.push_screen, CountsGrid(ctx, practices, cohorts))

    app.run_worker(load, thread=True, group="db", exit_on_error=False, name="counts grid")

"""The palette's "Import a file…" (and one entry per KIND): the same `services.imports` as
`pcntui import KIND FILE`.

Choose the kind, type the file's path or browse for it (textual-fspicker), Check: a dry run that
counts what would be added and updated, or lists every problem with its row and column (nothing
is changed). Import then saves the same file as one action (`u` undoes it). Long files show a
progress bar while they are read and saved; escape stops them, and nothing is changed.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen, Screen
from textual.widgets import Button, Input, Label, OptionList, ProgressBar, Select, Static
from textual.worker import Worker, WorkerState
from textual_fspicker import FileOpen, Filters
from textual_fspicker.parts import CurrentDirectory

from pcntui.catalog import import_kinds
from pcntui.tui.commands import key_of
from pcntui.tui.messages import DataChanged, describe_error
from pcntui.tui.safe import markup, plain

POLL = 0.1  # seconds between two looks at the progress of a running import


class Stopped(Exception):
    """The user pressed escape while a file was being read or saved."""


@dataclass
class Running:
    """What the worker reports as it goes (plain attributes: set in its thread, read by a timer)."""

    stage: str = "Starting"
    done: int = 0
    total: int | None = None
    stop: bool = False

    def __call__(self, stage: str, done: int, total: int | None) -> None:
        if self.stop:
            raise Stopped
        self.stage, self.done, self.total = stage, done, total


class ProgressLine(Horizontal):
    """A bar and a stage label ("Reading 2,000 of 13,932 rows") for a `Running`, shown while it runs."""

    DEFAULT_CSS = """
    ProgressLine { height: 1; display: none; }
    ProgressLine.-running { display: block; }
    """

    def compose(self) -> ComposeResult:
        yield ProgressBar(show_eta=False)
        yield Label("")

    def show(self, running: Running | None) -> None:
        self.set_class(running is not None, "-running")
        if running is None:
            return
        self.query_one(ProgressBar).update(total=running.total or None, progress=running.done)
        of = f" of {running.total:,}" if running.total else ""
        rows = f"{running.done:,}{of} rows" if running.done or running.total else ""
        self.query_one(Label).update(f" {running.stage} {rows}".rstrip())


def csv_picker(start: Path, title: str, *, button: str = "Choose") -> ImportFileOpen:
    """The file dialog every file box uses (the import dialog, the counts grid, first run)."""
    filters = Filters(("CSV files", lambda p: p.suffix.lower() == ".csv"), ("All files", lambda _: True))
    return ImportFileOpen(start, title, open_button=button, filters=filters)


class ImportFileOpen(FileOpen):
    """textual-fspicker's file dialog, with the folder's name shown as written (never as markup)."""

    def _header_area(self) -> ComposeResult:
        yield CurrentDirectory(markup=False)


def start_import(screen: Screen, kind: str | None = None) -> None:
    """Open the import dialog over `screen` (its App must have a database open)."""
    if getattr(screen.app, "store", None) is None:
        screen.notify("Open or set up a database first.", severity="warning")
        return
    screen.app.push_screen(ImportModal(kind))


class ImportModal(ModalScreen[None]):
    """Kind, file, Check (dry run), Import (one action); problems and notes in a list."""

    DEFAULT_CSS = """
    ImportModal { align: center middle; }
    ImportModal #import-dialog {
        width: 96%; max-width: 120; height: 100%; max-height: 40;
        border: thick $primary; background: $surface; padding: 0 1;
    }
    ImportModal #import-title { text-style: bold; }
    ImportModal #import-kind { width: 1fr; }
    ImportModal #import-help { color: $text-muted; height: auto; }
    ImportModal #import-file-row { height: auto; }
    ImportModal #import-path { width: 1fr; }
    ImportModal #import-browse { min-width: 12; margin-left: 1; }
    ImportModal #import-status { height: auto; }
    ImportModal #import-status.-error { color: $error; }
    ImportModal #import-list { height: 1fr; min-height: 3; border: round $panel; }
    ImportModal .dialog-buttons { height: auto; margin: 0; align-horizontal: right; }
    ImportModal .dialog-buttons Button { margin-left: 1; }
    """
    BINDINGS = [Binding("escape", "cancel", "Cancel"), Binding("ctrl+o", "browse", "Browse", priority=True)]

    def __init__(self, kind: str | None = None) -> None:
        super().__init__()
        self.kinds = {k.kind: k for k in import_kinds()}
        self.first_kind = kind if kind in self.kinds else None
        self.checked: tuple[str, Path] | None = None  # the kind and file the shown preview is of
        self.running: Running | None = None

    # ---------------------------------------------------------------- layout
    def compose(self) -> ComposeResult:
        with Vertical(id="import-dialog"):
            yield Label("Import a file", id="import-title")
            yield Select([(k.kind, k.kind) for k in self.kinds.values()], id="import-kind",
                         prompt="What the file holds", value=self.first_kind or Select.NULL)
            yield Static("", id="import-help")
            with Horizontal(id="import-file-row"):
                yield Input(placeholder="the file's path (or Browse: ctrl+o)", id="import-path")
                yield Button("Browse…", id="import-browse")
            yield Static("Choose what the file holds and the file, then Check: nothing is changed until Import.",
                         id="import-status")
            yield ProgressLine(id="import-progress")
            yield OptionList(id="import-list")
            with Horizontal(classes="dialog-buttons"):
                yield Button("Check", variant="primary", id="import-go")
                yield Button("Cancel", id="import-cancel")

    def on_mount(self) -> None:
        self.query_one("#import-path" if self.first_kind else "#import-kind").focus()
        self.set_interval(POLL, self._show_progress)

    # ---------------------------------------------------------------- what is chosen
    @property
    def kind(self) -> str | None:
        value = self.query_one("#import-kind", Select).value
        return value if isinstance(value, str) else None

    @property
    def path(self) -> Path | None:
        text = self.query_one("#import-path", Input).value.strip()
        return Path(text).expanduser() if text else None

    @on(Select.Changed, "#import-kind")
    @on(Input.Changed, "#import-path")
    def _changed(self) -> None:
        kind = self.kind
        self.query_one("#import-help", Static).update(markup(self.kinds[kind].help) if kind else "")
        if self.running is None:
            self.checked = None
            self._buttons()

    def _buttons(self) -> None:
        go = self.query_one("#import-go", Button)
        go.label = "Import" if self.checked else "Check"
        go.disabled = self.running is not None
        self.query_one("#import-browse", Button).disabled = self.running is not None
        self.query_one("#import-cancel", Button).label = "Stop" if self.running else "Cancel"

    def say(self, text: str, *, error: bool = False) -> None:
        status = self.query_one("#import-status", Static)
        status.set_class(error, "-error")
        status.update(markup(text))

    def listing(self, lines: list[str], title: str = "") -> None:
        box = self.query_one("#import-list", OptionList)
        box.clear_options()
        box.add_options([plain(line) for line in lines])
        box.border_title = title

    # ---------------------------------------------------------------- browse
    @on(Button.Pressed, "#import-browse")
    def action_browse(self) -> None:
        if self.running is not None:
            return
        typed = self.path
        start = next((p for p in (typed, typed and typed.parent) if p is not None and p.is_dir()), Path.home())
        kind = self.kind
        title = f"Choose the {kind} file" if kind else "Choose the file to import"
        self.app.push_screen(csv_picker(start, title), self._picked)

    def _picked(self, path: Path | None) -> None:
        if path is None:
            return
        box = self.query_one("#import-path", Input)
        box.value = str(path)
        box.cursor_position = len(box.value)
        self._go()

    # ---------------------------------------------------------------- check, then import
    @on(Input.Submitted, "#import-path")
    @on(Button.Pressed, "#import-go")
    def _go(self) -> None:
        if self.running is not None:
            return
        kind, path = self.kind, self.path
        if kind is None:
            self.say("Choose what the file holds first.", error=True)
            self.query_one("#import-kind", Select).focus()
            return
        if path is None:
            self.say("Type the file's path, or press Browse (ctrl+o) to choose it.", error=True)
            self.query_one("#import-path", Input).focus()
            return
        save = self.checked == (kind, path)
        self.running = Running()
        self._buttons()
        self.listing([])
        self.say(f"{'Importing' if save else 'Checking'} {path.name}…")
        self._run(kind, path, save, self.running)

    @work(thread=True, exclusive=True, group="db", exit_on_error=False)
    def _run(self, kind: str, path: Path, save: bool, running: Running) -> tuple[str, Path, bool, object]:
        from pcntui.services.imports import preview_import, run_import

        store = self.app.store  # type: ignore[attr-defined]
        if save:
            return kind, path, save, run_import(store, kind, path, progress=running)
        return kind, path, save, preview_import(store, kind, path, progress=running)

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        if event.worker.name != "_run" or event.state not in (WorkerState.SUCCESS, WorkerState.ERROR):
            return
        event.stop()
        self.running = None
        self._show_progress()
        if event.state == WorkerState.ERROR:
            error = event.worker.error
            stopped = isinstance(error, Stopped)
            self.say("Stopped; nothing was changed." if stopped else describe_error(error), error=not stopped)
            if not stopped:  # a stop leaves the check standing: Import runs it again
                self.checked = None
        else:
            kind, path, save, result = event.worker.result
            if save:
                self._imported(result)
                return
            self._previewed(kind, path, result)
        self._buttons()

    def _previewed(self, kind: str, path: Path, preview) -> None:
        if not preview.ok:
            problems = list(preview.problems)
            then = " Every problem is listed below: correct the file, then Check again." if problems else ""
            self.say(f"{preview.refused}{then}", error=True)
            self.listing(problems, f"Problems: {len(problems):,}" if problems else "")
            return
        report = preview.report
        counts = f"{report.inserted:,} to add, {report.updated:,} to update, {report.unchanged:,} unchanged"
        if report.skipped:
            counts += f", {report.skipped:,} skipped"
        if preview.changes:
            self.checked = (kind, path)
            self.say(f"{path.name} as {kind}: {counts}. Import saves this as one action "
                     f"({key_of('undo')} undoes it).")
        else:
            self.say(f"{path.name} as {kind}: {counts}. Nothing to import: the database already holds it.")
        self.listing(list(report.notes or []), "Notes" if report.notes else "")

    def _imported(self, report) -> None:
        note = f"Imported {report.summary()} Saved as one action: {key_of('undo')} undoes it."
        self.app.post_message(DataChanged(note))
        self.dismiss(None)

    def _show_progress(self) -> None:
        self.query_one(ProgressLine).show(self.running)

    # ---------------------------------------------------------------- leaving
    @on(Button.Pressed, "#import-cancel")
    def action_cancel(self) -> None:
        if self.running is not None:
            self.running.stop = True  # the worker stops at its next progress report; nothing is saved
            self.say("Stopping…")
            return
        self.dismiss(None)

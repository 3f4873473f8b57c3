"""The palette's "Export rules pack…" and "Import rules pack…" (docs/rules-pack.md): the same
`store.rules_pack` functions as `pcntui rules export` / `rules import`, with a typed path.

Import checks the file and shows what would change, row by row (a dry run); Apply then applies
that pack as one action (`u` undoes it), after the pre-import backup.
"""

from __future__ import annotations

from pathlib import Path

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, Static
from textual.worker import Worker, WorkerState

from pcntui.errors import ImportFileError
from pcntui.tui.messages import describe_error
from pcntui.tui.safe import markup


def _error_text(exc: BaseException) -> str:
    if isinstance(exc, ImportFileError):
        return "\n".join([str(exc).splitlines()[0], *(f"  {p}" for p in exc.problems)])
    return describe_error(exc)


class _PackModal(ModalScreen[str | None]):
    """A path box, a result area and two buttons; dismisses with a message for the app, or None."""

    BINDINGS = [Binding("escape", "cancel", "Cancel")]
    TITLE = ""
    GO = ""

    def __init__(self, path: str) -> None:
        super().__init__()
        self.start_path = path

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog", classes="export"):
            yield Label(self.TITLE, classes="dialog-title")
            yield Label("File:")
            yield Input(self.start_path, id="path")
            with VerticalScroll(id="pack-result-box"):
                yield Static("", id="pack-result")
            with Horizontal(classes="dialog-buttons"):
                yield Button(self.GO, variant="primary", id="go")
                yield Button("Cancel", id="cancel")

    def on_mount(self) -> None:
        box = self.query_one("#path", Input)
        box.focus()
        box.cursor_position = len(box.value)

    def show(self, text: str, *, error: bool = False) -> None:
        result = self.query_one("#pack-result", Static)
        result.set_class(error, "-error")
        result.update(markup(text))

    def path(self) -> Path | None:
        text = self.query_one("#path", Input).value.strip()
        if not text:
            self.show("Type the path of the rules pack file.", error=True)
            return None
        return Path(text).expanduser()

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        if event.state == WorkerState.ERROR and event.worker.error is not None:
            self.show(_error_text(event.worker.error), error=True)
            self.query_one("#go", Button).disabled = False
        elif event.state == WorkerState.SUCCESS:
            self.finished(event.worker.result)

    def finished(self, result: object) -> None:
        self.dismiss(str(result))

    @on(Button.Pressed, "#cancel")
    def action_cancel(self) -> None:
        self.dismiss(None)


class ExportRulesModal(_PackModal):
    """Writes the shown year's rules pack to the typed path."""

    GO = "Save"

    def __init__(self, fy) -> None:
        super().__init__(f"~/pcntui-rules-{fy.label.replace('/', '-')}.toml")
        self.fy = fy
        self.TITLE = f"Export the rules pack for {fy.label}"

    @on(Input.Submitted, "#path")
    @on(Button.Pressed, "#go")
    def _save(self) -> None:
        path = self.path()
        if path is not None:
            self.query_one("#go", Button).disabled = True
            self._write(path)

    @work(thread=True, exclusive=True, group="db", exit_on_error=False)
    def _write(self, path: Path) -> str:
        from pcntui.services.rules_pack import export_rules

        export_rules(self.app.store, self.fy, path)
        return f"Rules pack for {self.fy.label} written to {path}."


class ImportRulesModal(_PackModal):
    """Check (a dry run listing each change), then Apply the same file as one action."""

    TITLE = "Import a rules pack"
    GO = "Check"

    def __init__(self) -> None:
        super().__init__("")
        self.checked: Path | None = None

    @on(Input.Changed, "#path")
    def _changed(self) -> None:
        self.checked = None
        self.query_one("#go", Button).label = "Check"

    @on(Input.Submitted, "#path")
    @on(Button.Pressed, "#go")
    def _go(self) -> None:
        path = self.path()
        if path is None:
            return
        if not path.is_file():
            self.show(f"There is no file {path}.", error=True)
            return
        self.query_one("#go", Button).disabled = True
        self._run(path, dry_run=path != self.checked)

    @work(thread=True, exclusive=True, group="db", exit_on_error=False)
    def _run(self, path: Path, *, dry_run: bool) -> tuple[Path, bool, list[str], int]:
        from pcntui.services.rules_pack import import_rules

        report = import_rules(self.app.store, path, dry_run=dry_run)
        return path, dry_run, report.lines(), len(report.changes)

    def finished(self, result: object) -> None:
        path, dry_run, lines, changes = result  # type: ignore[misc]
        if not dry_run:
            self.dismiss(lines[0] + (" Saved as one action: u undoes it." if changes else ""))
            return
        go = self.query_one("#go", Button)
        go.disabled = changes == 0
        if changes:
            self.checked = path
            go.label = "Apply"
            lines = [*lines[:-1], "Apply saves these changes as one action (u undoes it)."]
        self.show("\n".join(lines))

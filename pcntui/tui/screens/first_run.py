"""First run (no database file yet): load the demo, or set up your PCN from the NHS files.

The set-up form checks every field as you type and says what is wrong in words. Each file is
typed (→ completes) or chosen with ctrl+o in the import dialog's file picker. The practice map
is read in a worker; its PCNs are listed and narrowed by what you type in the PCN box (a code or
part of a name). Set-up is one action, its files' rows counted on the import dialog's progress
line; if it fails, the new file is removed and nothing is left half-made.
"""

from __future__ import annotations

from pathlib import Path

from textual import events, on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.message import Message
from textual.screen import Screen
from textual.suggester import Suggester
from textual.widgets import Button, Header, Input, Label, OptionList, Static
from textual.widgets.option_list import Option
from textual.worker import Worker, WorkerState

from pcntui.domain.text import counted
from pcntui.tui.commands import bindings_for
from pcntui.tui.messages import StoreOpened, describe_error
from pcntui.tui.safe import markup, plain
from pcntui.tui.screens.imports import POLL, ProgressLine, Running, csv_picker
from pcntui.tui.widgets.footer import KeyFooter

MAX_LISTED = 200


class PathSuggester(Suggester):
    """Completes a file or folder name as you type a path (→ accepts the suggestion)."""

    def __init__(self) -> None:
        super().__init__(use_cache=False, case_sensitive=True)

    async def get_suggestion(self, value: str) -> str | None:
        if not value or value.endswith(("/", "~")) and not value.endswith("/"):
            return None
        path = Path(value).expanduser()
        folder, stem = (path, "") if value.endswith("/") else (path.parent, path.name)
        try:
            names = sorted(p.name for p in folder.iterdir() if p.name.startswith(stem) and not p.name.startswith("."))
        except OSError:
            return None
        if not names or (stem and names[0] == stem):
            return None
        rest = names[0][len(stem):]
        if (folder / names[0]).is_dir():
            rest += "/"
        return value + rest


class PcnCodeInput(Input):
    BINDINGS = [Binding("down", "screen.focus_list", "Pick from the list", show=False)]


def check_file(text: str, *, optional: bool) -> tuple[Path | None, str | None]:
    """(path, problem) for a file path typed by the user."""
    text = text.strip()
    if not text:
        return None, None if optional else "Type the path of the file."
    path = Path(text).expanduser()
    if path.is_dir():
        return None, f"{path} is a folder; give the CSV file inside it."
    if not path.exists():
        return None, f"There is no file at {path}."
    return path, None


class FirstRunScreen(Screen):
    CLOSE_WHEN_OPENED = True  # the App pops it once the new database is open
    HELP = (
        "There is no database at the path shown yet. Load the demo (a fictional PCN, to try "
        "the app) or set up your own PCN from the national files published by NHS England: "
        "the practice map (gp-reg-pat-prac-map), optionally list sizes "
        "(gp-reg-pat-prac-quin-age) and the Fingertips IMD file. tab moves between fields."
    )
    BINDINGS = bindings_for("FirstRunScreen")

    class MapRead(Message):
        def __init__(self, path: Path, pcns: list[tuple[str, str, int]]) -> None:
            super().__init__()
            self.path = path
            self.pcns = pcns

    def __init__(self, db_path: Path) -> None:
        super().__init__()
        self.db_path = db_path
        self.map_path: Path | None = None
        self.pcns: list[tuple[str, str, int]] = []
        self.busy = False
        self.running: Running | None = None  # the set-up's progress, while it reads the files
        self.checked: tuple | None = None  # the inputs the preview shown is about

    def compose(self) -> ComposeResult:
        yield Header()
        with VerticalScroll(id="first-run"):
            yield Static(
                f"[b]Welcome to pcntui.[/b] There is no database at [b]{markup(str(self.db_path))}[/b] yet.",
                id="welcome",
            )
            with Horizontal(classes="choice"):
                yield Button("Load the demo PCN", id="demo", variant="primary")
                yield Static("A fictional PCN with six practices, to try things out.", classes="hint")
            yield Label("Or set up your PCN from the NHS files", classes="section-title")
            yield Label("Practice map file (gp-reg-pat-prac-map CSV):")
            yield Input(placeholder="e.g. ~/Downloads/gp-reg-pat-prac-map.csv (→ completes)", id="map-file",
                        suggester=PathSuggester(), select_on_focus=False)  # keys typed on the demo button come here
            yield Static("", id="map-check", classes="check -hidden")
            yield Label("PCN code (or part of its name, then pick below):")
            yield PcnCodeInput(placeholder="U12345", id="pcn-code")
            yield Static("", id="pcn-check", classes="check -hidden")
            yield OptionList(id="pcn-list", classes="-hidden")
            yield Label("List sizes file (optional, gp-reg-pat-prac-quin-age CSV):")
            yield Input(placeholder="leave empty to skip", id="list-file", suggester=PathSuggester())
            yield Static("", id="list-check", classes="check -hidden")
            yield Label("IMD file (optional, Fingertips IMD score per GP practice CSV):")
            yield Input(placeholder="leave empty to skip", id="imd-file", suggester=PathSuggester())
            yield Static("", id="imd-check", classes="check -hidden")
            with Horizontal(classes="choice"):
                yield Button("Check", id="check", disabled=True)
                yield Button("Set up my PCN", id="setup", variant="success", disabled=True)
                yield Static("", id="setup-status", classes="hint")
            yield ProgressLine(id="setup-progress")
            yield Static("", id="setup-preview", classes="-hidden")
        yield KeyFooter()

    FILES = {"map-file": "the practice map (gp-reg-pat-prac-map)", "list-file": "the list sizes (gp-reg-pat-prac-quin-age)",
             "imd-file": "the IMD scores (Fingertips)"}

    def on_mount(self) -> None:
        self.query_one("#demo", Button).focus()
        self.set_interval(POLL, lambda: self.query_one(ProgressLine).show(self.running))

    def on_key(self, event: events.Key) -> None:
        """Typing while the demo button has the focus types into the practice map box: a newcomer
        who starts with a path loses no characters (keys bound on this screen, e.g. q, keep their meaning)."""
        if (isinstance(self.focused, Button) and event.is_printable and event.character not in (None, " ")
                and event.key not in self.active_bindings):
            box = self.query_one("#map-file", Input)
            box.focus()
            box.post_message(events.Key(event.key, event.character))
            event.stop()

    def action_browse(self) -> None:
        """The file box in focus (else the practice map's) filled from the imports' file picker."""
        box_id = getattr(self.focused, "id", None)
        box = self.query_one(f"#{box_id if box_id in self.FILES else 'map-file'}", Input)
        typed = Path(box.value.strip()).expanduser() if box.value.strip() else None
        start = next((p for p in (typed, typed and typed.parent) if p is not None and p.is_dir()), Path.home())

        def picked(path: Path | None) -> None:
            if path is not None:
                box.value = str(path)
                box.focus()

        self.app.push_screen(csv_picker(start, f"Choose {self.FILES[box.id or 'map-file']}"), picked)

    def handle_back(self) -> bool:
        return True  # nothing behind this screen

    # ---------------------------------------------------------------- the form
    def _say(self, widget_id: str, text: str, *, error: bool = False) -> None:
        check = self.query_one(widget_id, Static)
        check.set_class(error, "-error")
        check.update(markup(text))
        check.set_class(not text, "-hidden")

    @on(Input.Changed, "#map-file")
    def _map_changed(self, event: Input.Changed) -> None:
        self.map_path, self.pcns = None, []
        self._fill_list()
        path, problem = check_file(event.value, optional=False)
        if problem:
            self._say("#map-check", problem if event.value.strip() else "", error=bool(event.value.strip()))
        else:
            self._say("#map-check", "Reading…")
            self._read_map(path)
        self._validate()

    @work(thread=True, exclusive=True, group="map", exit_on_error=False)
    def _read_map(self, path: Path) -> None:
        from pcntui.services.setup import pcns_in_map

        self.post_message(self.MapRead(path, pcns_in_map(path)))

    @on(MapRead)
    def _map_read(self, message: MapRead) -> None:
        current, _ = check_file(self.query_one("#map-file", Input).value, optional=False)
        if current != message.path:
            return  # the user has typed another path since
        self.map_path, self.pcns = message.path, message.pcns
        if not self.pcns:
            self._say("#map-check", f"{message.path.name} lists no PCNs.", error=True)
        else:
            self._say("#map-check", f"✓ {len(self.pcns)} PCNs in {message.path.name}.")
        self._fill_list()
        self._validate()

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        if event.state != WorkerState.ERROR or event.worker.error is None:
            return
        text = describe_error(event.worker.error)
        if event.worker.group == "map":
            self._say("#map-check", text, error=True)
        else:
            self.busy, self.running = False, None
            self._say("#setup-status", text, error=True)
            self.checked = None
            self.query_one("#setup-preview", Static).add_class("-hidden")
            self.query_one("#demo", Button).disabled = False
            self.notify(text, title="Not done", severity="error", timeout=10)
            self._validate()

    def _matches(self) -> list[tuple[str, str, int]]:
        typed = self.query_one("#pcn-code", Input).value.strip().casefold()
        if not typed:
            return self.pcns
        return [p for p in self.pcns if typed in p[0].casefold() or typed in p[1].casefold()]

    def _fill_list(self) -> None:
        options = self.query_one("#pcn-list", OptionList)
        options.clear_options()
        matches = self._matches()
        options.set_class(not self.pcns, "-hidden")
        options.add_options(
            [Option(plain(f"{code}  {name} ({counted(n, 'practice')})"), id=code) for code, name, n in matches[:MAX_LISTED]]
        )
        if len(matches) > MAX_LISTED:
            options.add_option(Option(f"… {len(matches) - MAX_LISTED} more: type to narrow", disabled=True))

    @on(Input.Changed, "#pcn-code")
    def _code_changed(self) -> None:
        self._fill_list()
        self._validate()

    def action_focus_list(self) -> None:
        options = self.query_one("#pcn-list", OptionList)
        if options.option_count:
            options.focus()
            if options.highlighted is None:
                options.highlighted = 0

    @on(OptionList.OptionSelected, "#pcn-list")
    def _picked(self, event: OptionList.OptionSelected) -> None:
        if event.option.id:
            box = self.query_one("#pcn-code", Input)
            box.value = event.option.id
            self.query_one("#list-file", Input).focus()

    @on(Input.Changed, "#list-file")
    @on(Input.Changed, "#imd-file")
    def _optional_changed(self) -> None:
        self._validate()

    def chosen_pcn(self) -> tuple[str | None, str | None]:
        """(code, problem) for the PCN box."""
        from pcntui.domain import ods

        typed = self.query_one("#pcn-code", Input).value.strip()
        if not typed:
            return None, "Type your PCN code, or pick your PCN from the list." if self.pcns else ""
        if not ods.is_pcn_code(typed):
            if self.pcns and len(typed) > 1:
                n = len(self._matches())
                if n == 0:
                    return None, f"No PCN in {self.map_path.name} matches “{typed}” (by code or name)."
                return None, f"{n} PCN{'s' if n != 1 else ''} match “{typed}”; pick one below (↓ then enter)."
            return None, f"'{typed}' is not a PCN code (U followed by 5 digits, e.g. U12345)."
        code = ods.normalise(typed)
        if self.map_path is None:
            return code, "Choose the practice map file first."
        found = next((p for p in self.pcns if p[0] == code), None)
        if found is None:
            return None, f"{code} is not in {self.map_path.name}."
        return code, None

    def _validate(self) -> bool:
        code, problem = self.chosen_pcn()
        if problem is None and code:
            name, n = next((p[1], p[2]) for p in self.pcns if p[0] == code)
            self._say("#pcn-check", f"✓ {name}, {counted(n, 'practice')}.")
        else:
            self._say("#pcn-check", problem or "", error=bool(problem) and problem != "")
        ok = problem is None and code is not None
        for widget_id, check_id in (("#list-file", "#list-check"), ("#imd-file", "#imd-check")):
            _, file_problem = check_file(self.query_one(widget_id, Input).value, optional=True)
            self._say(check_id, file_problem or "", error=bool(file_problem))
            ok = ok and file_problem is None
        for button in ("#setup", "#check"):
            self.query_one(button, Button).disabled = not ok or self.busy
        if self.checked is not None and self.checked != self._inputs():  # the preview is of other files
            self.checked = None
            self.query_one("#setup-preview", Static).add_class("-hidden")
            self._say("#setup-status", "")
        return ok

    def _inputs(self) -> tuple:
        return (self.map_path, *self._chosen_files())

    # ---------------------------------------------------------------- the two ways in
    @on(Button.Pressed, "#demo")
    def action_demo(self) -> None:
        if self.busy:
            return
        self._start("Writing the demo PCN…")
        self._write_demo(self.db_path, self.app.today)  # type: ignore[attr-defined]

    def _chosen_files(self) -> tuple[str | None, Path | None, Path | None]:
        code, _ = self.chosen_pcn()
        list_file, _ = check_file(self.query_one("#list-file", Input).value, optional=True)
        imd_file, _ = check_file(self.query_one("#imd-file", Input).value, optional=True)
        return code, list_file, imd_file

    @on(Button.Pressed, "#check")
    def action_check(self) -> None:
        """The import dialog's Check: what set-up would write from these files, or every problem."""
        self._go(check=True)

    @on(Button.Pressed, "#setup")
    def action_setup(self) -> None:
        self._go(check=False)

    def _go(self, *, check: bool) -> None:
        if self.busy or not self._validate():
            if not self.busy:
                self.notify("Fill in the practice map file and your PCN code first.", severity="warning")
            return
        code, list_file, imd_file = self._chosen_files()
        self._start(f"Checking the files for {code}…" if check else f"Setting up {code}: reading the files…")
        self.running = Running()
        work = self._check if check else self._setup
        work(self.db_path, code, self.map_path, list_file, imd_file, self.running)

    def _start(self, text: str) -> None:
        self.busy = True
        self._say("#setup-status", text)
        for button in ("#setup", "#check", "#demo"):
            self.query_one(button, Button).disabled = True

    @work(thread=True, exclusive=True, group="db", exit_on_error=False)
    def _write_demo(self, db_path: Path, today) -> None:
        from pcntui.services.setup import open_demo

        done = open_demo(db_path, today=today, source="tui")
        self.app.post_message(StoreOpened(done.store, done.pcn, note=f"Loaded the demo PCN into {db_path}."))

    @work(thread=True, exclusive=True, group="db", exit_on_error=False)
    def _check(self, db_path: Path, code: str, map_file: Path, list_file: Path | None, imd_file: Path | None,
               running: Running) -> None:
        from pcntui.services.setup import preview_setup

        self.post_message(self.Checked(preview_setup(db_path, code, map_file, list_file, imd_file, progress=running)))

    class Checked(Message):
        def __init__(self, preview) -> None:
            super().__init__()
            self.preview = preview

    @on(Checked)
    def _checked(self, message: Checked) -> None:
        preview = message.preview
        self.busy, self.running = False, None
        self.query_one("#demo", Button).disabled = False
        box = self.query_one("#setup-preview", Static)
        if preview.refused is not None:
            then = " Every problem is listed below: correct the file, then Check again." if preview.problems else ""
            self._say("#setup-status", preview.refused + then, error=True)
            box.update("\n".join(markup(p) for p in preview.problems))
        else:
            self._say("#setup-status", "Checked: set-up saves this as one action.")
            box.update("\n".join(markup(line) for line in preview.lines()))
        box.set_class(not preview.problems and preview.refused is not None, "-hidden")
        self.checked = self._inputs()
        self.call_after_refresh(box.scroll_visible, animate=False)  # below the buttons: bring it into view
        self._validate()

    @work(thread=True, exclusive=True, group="db", exit_on_error=False)
    def _setup(self, db_path: Path, code: str, map_file: Path, list_file: Path | None, imd_file: Path | None,
               running: Running) -> None:
        from pcntui.services.setup import setup_pcn

        # a failure removes the file
        done = setup_pcn(db_path, code, map_file, list_file, imd_file, source="tui", progress=running)
        self.app.post_message(StoreOpened(done.store, done.pcn, note=done.note()))

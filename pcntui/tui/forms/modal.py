"""The one form of the TUI: a modal showing a `FormSpec`, checked as you type, saved through
its service in a worker.

Each message sits under the box it is about (by its `loc`); an error on a blank box you have
not visited waits until you try to save. A save the service refuses keeps the form open with
what you typed: a refusal because another copy of pcntui changed the record also says what
that copy saved. `enter` moves to the next box (saves from the last), `ctrl+s` saves from
anywhere, `escape` cancels.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING, Any, ClassVar

from textual import on, work
from textual.actions import SkipAction
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.message import Message
from textual.screen import ModalScreen
from textual.suggester import SuggestFromList
from textual.widget import Widget
from textual.widgets import Button, Input, Label, Select, Static, TextArea
from textual.worker import Worker, WorkerState

from pcntui.domain.text import clean_input, terminal_safe
from pcntui.errors import ConflictError, FieldMessage, ValidationFailed
from pcntui.tui.forms.spec import FieldSpec, FormCheck, FormSpec, as_text, check_form, other_copy_text, place
from pcntui.tui.messages import DataChanged, describe_error
from pcntui.tui.safe import plain

if TYPE_CHECKING:
    from pcntui.inputs.context import Ctx
    from pcntui.services.base import Saved
    from pcntui.store import Store

KEYS = "tab or enter next box · ctrl+s save · esc cancel"


class FormModal(ModalScreen["Saved | None"]):
    """A form for `spec`, starting from `initial` (field → value), checked against `ctx`."""

    DEFAULT_CSS = """
    FormModal #dialog { max-width: 100; padding: 0 1; }
    FormModal #dialog .dialog-title, FormModal #dialog .dialog-buttons { margin: 0; }
    FormModal .form-intro { color: $text-muted; height: auto; }
    FormModal .form-fields { height: auto; max-height: 16; }
    FormModal .form-field { height: auto; }
    FormModal .form-label { width: 22; padding: 0 1 0 0; color: $text-muted; }
    FormModal .form-field Input { width: 1fr; height: 1; border: none; padding: 0 1; background: $boost; }
    FormModal .form-field Input:focus { background: $accent 25%; }
    FormModal .form-field Select { width: 1fr; }
    FormModal .form-field TextArea { width: 1fr; height: 4; }
    FormModal .form-msg { height: auto; padding: 0 0 0 22; color: $text-muted; }
    FormModal .form-msg.-error, FormModal .form-general.-error { color: $text-error; }
    FormModal .form-msg.-warning, FormModal .form-general.-warning { color: $text-warning; }
    FormModal .form-hint { height: auto; color: $text-muted; }
    FormModal .form-general { height: auto; }
    FormModal .form-summary { height: auto; }
    FormModal .form-keys { color: $text-muted; }
    FormModal .-hidden { display: none; }
    """
    # Priority bindings run as the key arrives, before the next key goes to a box: keys typed (or pasted) fast
    # after tab or enter land in the next box, not the one being left.
    BINDINGS: ClassVar = [
        Binding("escape", "cancel", "Cancel"), Binding("ctrl+s", "save", "Save", priority=True),
        Binding("tab", "next_box", show=False, priority=True),
        Binding("shift+tab", "previous_box", show=False, priority=True),
        Binding("enter", "enter", show=False, priority=True),
    ]

    class Done(Message):
        def __init__(self, saved: Saved) -> None:
            super().__init__()
            self.saved = saved

    def __init__(self, spec: FormSpec, initial: Mapping[str, object] | None = None, *, ctx: Ctx) -> None:
        super().__init__()
        self.spec = spec
        self.initial = {k: as_text(v) for k, v in (initial or {}).items()}
        self.ctx = ctx
        self.result = FormCheck(None)
        self.refusal: list[FieldMessage] = []  # what the service said at the last save (until the next change)
        self.refused_text = ""
        self.saving = False
        self.show_all = False  # a save was tried: every error shows
        self.visited: set[str] = set()

    # ---------------------------------------------------------------- layout
    def compose(self) -> ComposeResult:
        spec = self.spec
        with Vertical(id="dialog", classes="form"):
            yield Label(terminal_safe(spec.title), classes="dialog-title", markup=False)
            if spec.intro:
                yield Static(terminal_safe(spec.intro), classes="form-intro", markup=False)
            with VerticalScroll(classes="form-fields"):
                for f in spec.fields:
                    with Horizontal(classes="form-field"):
                        yield Label(terminal_safe(spec.label(f)), classes="form-label", markup=False)
                        yield self._box(f)
                    yield Static("", id=f"m-{f.name}", classes="form-msg -hidden", markup=False)
            yield Static("", classes="form-hint", markup=False)
            yield Static("", classes="form-general -hidden", markup=False)
            yield Static("", classes="form-summary -hidden", markup=False)
            with Horizontal(classes="dialog-buttons"):
                yield Button(f"{spec.save_label} (ctrl+s)", variant="primary", id="save", compact=True)
                yield Button("Cancel (esc)", id="cancel", compact=True)
            yield Label(KEYS, classes="form-keys")

    def _box(self, f: FieldSpec) -> Widget:
        value = self.initial.get(f.name, "")
        if f.widget == "choice":
            options = [(plain(label), code) for label, code in f.choices_for(self.ctx)]
            chosen = value if value in {code for _, code in options} else Select.NULL
            return Select(options, value=chosen, allow_blank=chosen is Select.NULL, id=f"f-{f.name}", compact=True)
        if f.widget == "area":
            return TextArea(terminal_safe(value), id=f"f-{f.name}", soft_wrap=True, show_line_numbers=False)
        words = f.suggestions_for(self.ctx)
        suggester = SuggestFromList(words, case_sensitive=False) if words else None
        return Input(terminal_safe(value), placeholder=self.spec.hint(f), id=f"f-{f.name}", suggester=suggester)

    def on_mount(self) -> None:
        self.check()
        if self.spec.fields:
            self.query_one(f"#f-{self.spec.fields[0].name}").focus()

    # ---------------------------------------------------------------- checking
    def values(self) -> dict[str, str]:
        out: dict[str, str] = {}
        for f in self.spec.fields:
            box = self.query_one(f"#f-{f.name}")
            if isinstance(box, Select):
                out[f.name] = "" if box.value is Select.NULL else str(box.value)
            elif isinstance(box, TextArea):
                out[f.name] = clean_input(box.text)
            else:
                out[f.name] = clean_input(box.value)
        return out

    def check(self) -> FormCheck:
        values = self.values()
        self.result = check_form(self.spec, values, self.ctx)
        under, general = dict(self.result.under), list(self.result.general)
        if self.refusal:  # the service's own word stays until the user changes something
            more_under, more_general = place(self.refusal, [f.name for f in self.spec.fields])
            for name, ms in more_under.items():
                under[name] = [*ms, *under.get(name, [])]
            general = [*more_general, *general]
        for f in self.spec.fields:
            shown = [m for m in under.get(f.name, ())
                     if m.level != "error" or self.show_all or f.name in self.visited or values[f.name].strip()]
            self._say(self.query_one(f"#m-{f.name}", Static), shown)
        lines = [m for m in general if m.level != "error" or self.show_all or self.visited]
        box = self.query_one(".form-general", Static)
        self._say(box, lines, extra=self.refused_text)
        summary = self.query_one(".form-summary", Static)
        summary.update(self.result.summary)
        summary.set_class(not self.result.summary, "-hidden")
        self.query_one("#save", Button).disabled = self.saving or (not self.result.ok and self.show_all)
        return self.result

    @staticmethod
    def _say(box: Static, messages: list[FieldMessage], *, extra: str = "") -> None:
        text = " ".join([*(m.text for m in messages), extra]).strip()
        levels = {m.level for m in messages} | ({"error"} if extra else set())
        box.update(terminal_safe(text))
        box.set_class(not text, "-hidden")
        box.set_class("error" in levels, "-error")
        box.set_class("error" not in levels and "warning" in levels, "-warning")

    def _changed(self, widget: Widget) -> None:
        if widget.id and self.is_mounted:
            self.visited.add(widget.id.removeprefix("f-"))
        self.refusal, self.refused_text = [], ""
        self.check()

    @on(Input.Changed)
    @on(Select.Changed)
    @on(TextArea.Changed)
    def _typed(self, event: Input.Changed | Select.Changed | TextArea.Changed) -> None:
        widget = getattr(event, "input", None) or getattr(event, "select", None) or getattr(event, "text_area", None)
        if widget is not None and widget.has_focus:
            self._changed(widget)
        else:
            self.check()

    def on_descendant_blur(self, event) -> None:
        wid = getattr(event.widget, "id", None) or ""
        if wid.startswith("f-") and wid.removeprefix("f-") not in self.visited:
            self.visited.add(wid.removeprefix("f-"))
            self.check()

    def on_descendant_focus(self, event) -> None:
        wid = getattr(event.widget, "id", None) or ""
        f = next((f for f in self.spec.fields if wid == f"f-{f.name}"), None)
        if f is not None:
            hint = self.spec.hint(f)
            self.query_one(".form-hint", Static).update(terminal_safe(f"{self.spec.label(f)}: {hint}" if hint else ""))

    def action_next_box(self) -> None:
        self.focus_next()

    def action_previous_box(self) -> None:
        self.focus_previous()

    def action_enter(self) -> None:
        """In a text box: the next box (saves from the last). Elsewhere the key is the widget's own."""
        box = self.focused
        if not isinstance(box, Input):
            raise SkipAction()
        if self.spec.fields and box.id == f"f-{self.spec.fields[-1].name}":
            self.action_save()
        else:
            self.focus_next()

    # ---------------------------------------------------------------- saving
    @on(Button.Pressed, "#save")
    def action_save(self) -> None:
        if self.saving:
            return
        self.show_all = True
        if not self.check().ok:
            self.notify("Not saved: put right what is marked first.", severity="warning")
            return
        store = getattr(self.app, "store", None)
        if store is None:
            self.refused_text = "No database is open."
            self.check()
            return
        self.saving = True
        self.check()
        self._save(store, self.values())

    @work(thread=True, exclusive=True, group="db", exit_on_error=False)
    def _save(self, store: Store, values: dict[str, str]) -> None:
        self.post_message(self.Done(self.spec.save(store, values)))

    @on(Done)
    def _done(self, message: Done) -> None:
        message.stop()
        saved = message.saved
        self.app.post_message(DataChanged(saved.note))
        for w in saved.warnings:
            self.app.notify(terminal_safe(w.text), severity="warning")
        self.dismiss(saved)

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        if event.state != WorkerState.ERROR or event.worker.error is None:
            return
        event.stop()  # said here: the form stays open with what was typed
        error = event.worker.error
        self.saving = False
        if isinstance(error, ValidationFailed):
            self.refusal, self.refused_text = list(error.messages), ""
        elif isinstance(error, ConflictError):
            self.refusal = []
            self.refused_text = " ".join(x for x in (f"Not saved: {error}", other_copy_text(error.current, self.spec))
                                         if x)
        else:
            self.refusal, self.refused_text = [], f"Not saved: {describe_error(error)}"
        self.check()

    @on(Button.Pressed, "#cancel")
    def action_cancel(self) -> None:
        self.dismiss(None)


def open_form(screen: Any, spec: FormSpec, initial: Mapping[str, object] | None = None, *, item: object | None = None,
              then: Callable[[Saved | None], None] | None = None) -> None:
    """Show `spec` over `screen`: what its checks need (`spec.need`) is read in a worker first."""
    from pcntui.inputs.context import Ctx

    app = screen.app
    today = getattr(app, "today")

    def push(ctx: Ctx) -> None:
        app.push_screen(FormModal(spec, initial, ctx=ctx), then)

    if not spec.need:
        push(Ctx(today, item=item))
        return
    store = getattr(app, "store", None)
    if store is None:
        app.notify("No database is open.", severity="error")
        return

    def load() -> None:
        from pcntui.services.context import load_ctx

        ctx = load_ctx(store, today=today, need=spec.need, item=item)
        app.call_from_thread(push, ctx)

    app.run_worker(load, thread=True, group="db", exit_on_error=False, name="form context")

"""Forms for the interventions and requirements screens: one modal that validates as you type.

`FormModal(title, fields, build, save)`:

* `fields` are `Field`s (text, date, whole number, number, money or a choice), each with a
  label and a hint saying what is expected (the hint of the focused field is shown under the
  form, and as the placeholder of an empty box);
* `build(values)` turns the text typed into the record to save (a pydantic model) or raises
  `UserError` with one sentence naming the field: it runs on every keystroke, and the
  sentence is shown in words under the form; Save stays disabled while there is a problem;
* `save(store, record)` writes it (one store action, one undo step) in a worker thread. A
  refusal from the store (e.g. a date before the intervention began) is shown in the form,
  which stays open: nothing is saved half-way. On success the modal dismisses with what
  `save` returned.

`enter` moves to the next box and saves from the last one; `ctrl+s` saves from anywhere;
`escape` cancels.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.message import Message
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, Select, Static
from textual.worker import Worker, WorkerState

from pcntui.domain.text import clean_input, terminal_safe
from pcntui.errors import UserError
from pcntui.tui.messages import describe_error
from pcntui.tui.safe import plain


@dataclass
class Field:
    name: str
    label: str
    hint: str = ""  # what is expected, in words
    kind: str = "text"  # text | date | int | number | money | choice
    value: str = ""  # initial text (for a choice: the value chosen)
    choices: list[tuple[str, str]] = field(default_factory=list)  # (label, value)
    placeholder: str = ""


# ---------------------------------------------------------------------------- forms over input models
def model_form(title: str, model: type, names: Sequence[str], save: Callable[[Any, dict[str, str]], Any], *,
               ctx: Any, base: Mapping[str, object] | None = None, initial: Mapping[str, object] | None = None,
               choices: Mapping[str, Sequence[tuple[str, str]]] | None = None, intro: str = "",
               save_label: str = "Save") -> FormModal:
    """A form of `names`, fields of the input model `model` (labels and hints from its `field()`s),
    checked as typed by `inputs.base.validate` with `ctx` ({**base, **typed}); `save(store, typed)`
    calls the one service, which checks again inside its action."""
    from pcntui.inputs.base import meta, validate

    initial, choices, base = initial or {}, choices or {}, base or {}

    def shown(value: object) -> str:
        if value is None:
            return ""
        if isinstance(value, (tuple, list)):
            return " ".join(str(v) for v in value)
        return value.isoformat() if isinstance(value, date) else str(value)

    fields = [Field(name, meta(model, name).label, meta(model, name).hint, kind="choice" if name in choices else "text",
                    value=shown(initial.get(name)), choices=list(choices.get(name, ()))) for name in names]
    warnings: list[str] = []

    def build(values: dict[str, str]) -> dict[str, str]:
        result = validate(model, {**base, **values}, ctx)
        if not result.ok:
            first = [m for m in result.messages if m.level == "error"][0]
            name = next((p for p in first.loc if isinstance(p, str)), None)
            label = meta(model, name).label if name in model.model_fields else ""
            raise UserError(f"{label}: {first.text}" if label else first.text)
        warnings[:] = [m.text for m in result.warnings]
        return values

    return FormModal(title, fields, build, lambda store, values: save(store, values), intro=intro,
                     save_label=save_label, warn=lambda _values: " ".join(warnings) or None)


# ---------------------------------------------------------------------------- the modal
class FormInput(Input):
    """An Input whose `enter` moves on (the form saves from the last box)."""


class FormModal(ModalScreen[Any]):
    BINDINGS = [
        Binding("escape", "cancel", "Cancel"),
        Binding("ctrl+s", "save", "Save", priority=True),
    ]
    DEFAULT_CSS = """
    FormModal #dialog.form { max-width: 100; }
    FormModal #dialog.form { padding: 0 1; }
    FormModal #dialog.form .dialog-title { margin: 0; }
    FormModal #form-fields { height: auto; max-height: 16; }
    FormModal .form-row { height: 1; margin: 0; }
    FormModal .form-label { width: 26; height: 1; color: $text; }
    FormModal .form-row Input { width: 1fr; height: 1; border: none; padding: 0 1; background: $boost; }
    FormModal .form-row Input:focus { background: $accent 30%; }
    FormModal .form-row Select { width: 1fr; height: 1; }
    FormModal .form-row Select > SelectCurrent { border: none; height: 1; padding: 0 1; background: $boost; }
    FormModal .form-row Select:focus > SelectCurrent { background: $accent 30%; }
    FormModal .form-row Select > SelectOverlay { width: 1fr; }
    FormModal #form-hint { color: $text-muted; height: auto; margin: 1 0 0 0; }
    FormModal .form-keys { color: $text-muted; height: 1; }
    FormModal #form-check { height: auto; color: $text-success; }
    FormModal .dialog-buttons { margin: 1 0 0 0; }
    FormModal #form-check.-error { color: $text-error; }
    FormModal #form-check.-warning { color: $text-warning; }
    FormModal .form-intro { height: auto; margin: 0; color: $text-muted; }
    """

    class Saved(Message):
        def __init__(self, result: Any) -> None:
            super().__init__()
            self.result = result

    def __init__(self, title: str, fields: list[Field], build: Callable[[dict[str, str]], Any],
                 save: Callable[[Any, Any], Any], *, intro: str = "", ok: str = "Ready to save.",
                 save_label: str = "Save", warn: Callable[[Any], str | None] | None = None) -> None:
        super().__init__()
        self.title_text = title
        self.fields = fields
        self.build = build
        self.save_fn = save
        self.intro = intro
        self.ok = ok
        self.save_label = save_label
        self.warn = warn
        self.record: Any = None
        self.problem: str | None = None

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog", classes="form"):
            yield Label(terminal_safe(self.title_text), classes="dialog-title", markup=False)
            if self.intro:
                yield Static(terminal_safe(self.intro), classes="form-intro", markup=False)
            with VerticalScroll(id="form-fields"):
                for f in self.fields:
                    with Horizontal(classes="form-row"):
                        yield Label(terminal_safe(f.label), classes="form-label", markup=False)
                        if f.kind == "choice":
                            yield Select([(plain(label), value) for label, value in f.choices],
                                         value=f.value or f.choices[0][1], allow_blank=False,
                                         id=f"f-{f.name}")
                        else:
                            yield FormInput(terminal_safe(f.value), placeholder=f.placeholder or f.hint, id=f"f-{f.name}")
            yield Static("", id="form-hint", markup=False)
            yield Static("", id="form-check", markup=False)
            yield Static("tab next box · enter next (saves from the last) · ctrl+s save · esc cancel",
                         classes="form-keys")
            with Horizontal(classes="dialog-buttons"):
                yield Button(f"{self.save_label} (ctrl+s)", variant="primary", id="save", compact=True)
                yield Button("Cancel (esc)", id="cancel", compact=True)

    def on_mount(self) -> None:
        first = self.query_one(f"#f-{self.fields[0].name}")
        first.focus()
        self._validate()
        self._show_hint(self.fields[0])

    # ---------------------------------------------------------------- values
    def values(self) -> dict[str, str]:
        out: dict[str, str] = {}
        for f in self.fields:
            widget = self.query_one(f"#f-{f.name}")
            if isinstance(widget, Select):
                out[f.name] = "" if widget.value is Select.BLANK else str(widget.value)
            else:
                out[f.name] = clean_input(widget.value)
        return out

    def _validate(self) -> bool:
        check = self.query_one("#form-check", Static)
        try:
            self.record = self.build(self.values())
            self.problem = None
        except UserError as exc:
            self.record = None
            self.problem = str(exc)
        note = self.warn(self.record) if self.warn is not None and self.problem is None else None
        check.set_class(self.problem is not None, "-error")
        check.set_class(note is not None, "-warning")
        check.update(terminal_safe(self.problem or (f"{self.ok} Note: {note}" if note else self.ok)))
        self.query_one("#save", Button).disabled = self.problem is not None
        return self.problem is None

    def _show_hint(self, f: Field) -> None:
        self.query_one("#form-hint", Static).update(terminal_safe(f"{f.label}: {f.hint}") if f.hint else "")

    @on(Input.Changed)
    @on(Select.Changed)
    def _changed(self) -> None:
        self._validate()

    def on_descendant_focus(self, event) -> None:
        wid = getattr(event.widget, "id", None) or ""
        for f in self.fields:
            if wid == f"f-{f.name}":
                self._show_hint(f)

    @on(Input.Submitted)
    def _submitted(self, event: Input.Submitted) -> None:
        event.stop()
        last = f"f-{self.fields[-1].name}"
        if event.input.id == last:
            self.action_save()
        else:
            self.focus_next()

    # ---------------------------------------------------------------- saving
    @on(Button.Pressed, "#save")
    def action_save(self) -> None:
        if not self._validate():
            self.notify(self.problem or "Something is not right yet.", severity="warning")
            return
        store = getattr(self.app, "store", None)
        if store is None:
            return
        self.query_one("#save", Button).disabled = True
        self.query_one("#form-check", Static).update("Saving…")
        self._save(store, self.record)

    @work(thread=True, exclusive=True, group="db", exit_on_error=False)
    def _save(self, store, record) -> None:
        result = self.save_fn(store, record)
        self.post_message(self.Saved(result))

    @on(Saved)
    def _saved(self, message: Saved) -> None:
        message.stop()
        self.dismiss(message.result if message.result is not None else True)

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        if event.state == WorkerState.ERROR and event.worker.error is not None:
            check = self.query_one("#form-check", Static)
            check.add_class("-error")
            check.update(terminal_safe(f"Not saved: {describe_error(event.worker.error)}"))
            self.query_one("#save", Button).disabled = False

    @on(Button.Pressed, "#cancel")
    def action_cancel(self) -> None:
        self.dismiss(None)


# ---------------------------------------------------------------------------- a text file
def summary_form(title: str, default: str, text_of: Callable[[Any], str]) -> FormModal:
    """A one-field form: where to write a text file (checked as you type)."""
    from pcntui.export.csvfile import write_text_atomic

    def build(values: dict[str, str]) -> Path:
        from pcntui.tui.screens.export import check_path

        path, error, _ = check_path(values["path"])
        if error:
            raise UserError(error)
        return path

    def save(store, path: Path) -> Path:
        return write_text_atomic(path, text_of(store)) or path

    return FormModal(title, [Field("path", "File", "where to write it (the folder must exist); ~ is your home folder",
                                   value=default)],
                     build, save, ok="Ready to write.", save_label="Write",
                     warn=lambda path: f"{path.name} exists and will be replaced." if path.exists() else None)

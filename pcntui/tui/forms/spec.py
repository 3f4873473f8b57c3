"""What a form is, without Textual: its input model, its fields, the one service it saves
through, and how what was typed is checked and where each message goes.

Every form of the TUI is a `FormSpec` shown by `tui/forms/modal.FormModal`; the checking
(`check_form`) is plain Python, so it is tested headless and behaves the same in every form.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import TYPE_CHECKING, Any, Literal

from pcntui.domain.parse import as_typed
from pcntui.errors import FieldMessage

if TYPE_CHECKING:
    from pcntui.inputs.base import InputModel
    from pcntui.inputs.context import Ctx
    from pcntui.services.base import Saved
    from pcntui.store import Store

Widget = Literal["text", "choice", "area"]
Choices = Sequence[tuple[str, str]]  # (label shown, value saved)


@dataclass(frozen=True)
class FieldSpec:
    """One box of a form: a field of the model, shown with its label and hint (from the model's
    `field()` unless given here)."""

    name: str
    label: str | None = None
    hint: str | None = None
    widget: Widget = "text"
    choices: Choices | Callable[[Ctx], Choices] = ()  # for "choice"
    suggest: Sequence[str] | Callable[[Ctx], Sequence[str]] = ()  # completions for "text"

    def choices_for(self, ctx: Ctx) -> Choices:
        return tuple(self.choices(ctx) if callable(self.choices) else self.choices)

    def suggestions_for(self, ctx: Ctx) -> tuple[str, ...]:
        return tuple(self.suggest(ctx) if callable(self.suggest) else self.suggest)


@dataclass(frozen=True)
class FormSpec:
    """A form: `save(store, values)` calls ONE service (which checks the values again inside its
    transaction) and returns its `Saved`; `need` says what the form's checks read (load_ctx);
    `base` holds the record's values that are not in the form, merged under what is typed."""

    title: str
    model: type[InputModel]
    fields: tuple[FieldSpec, ...]
    save: Callable[[Store, dict[str, str]], Saved]
    need: tuple[str, ...] = ()
    base: Mapping[str, object] | None = None
    intro: str = ""
    summary: Callable[[Any, Ctx], str] | None = None  # a live line from the valid model
    save_label: str = "Save"

    def label(self, f: FieldSpec) -> str:
        from pcntui.inputs.base import meta

        return f.label or (meta(self.model, f.name).label if f.name in self.model.model_fields else f.name)

    def hint(self, f: FieldSpec) -> str:
        from pcntui.inputs.base import meta

        return f.hint if f.hint is not None else (
            meta(self.model, f.name).hint if f.name in self.model.model_fields else "")


def fields(model: type[InputModel], *items: str | FieldSpec) -> tuple[FieldSpec, ...]:
    """`fields(StaffIn, "name", FieldSpec("role", suggest=role_names), "wte")`; a name that is not
    a field of the model is a programming error, caught at import."""
    out = tuple(FieldSpec(i) if isinstance(i, str) else i for i in items)
    unknown = [f.name for f in out if f.name not in model.model_fields]
    if unknown:
        raise ValueError(f"{model.__name__} has no field(s) {unknown}")
    return out


def as_text(value: object) -> str:
    """How a stored value is shown in a box: dates ISO, Decimals without trailing zeros (money
    keeps pence when it has them), yes/no, None blank."""
    text = as_typed(value) or ""
    if isinstance(value, Decimal) and "." in text:
        return text.rstrip("0").rstrip(".")
    return text


@dataclass(frozen=True)
class FormCheck:
    """What the typed values amount to: the valid model (None when something blocks saving), the
    messages under each box, the messages about the whole record, and the live summary."""

    value: Any
    under: dict[str, list[FieldMessage]] = field(default_factory=dict)
    general: list[FieldMessage] = field(default_factory=list)
    summary: str = ""

    @property
    def ok(self) -> bool:
        return self.value is not None


def place(messages: Sequence[FieldMessage], names: Sequence[str]) -> tuple[dict[str, list[FieldMessage]],
                                                                            list[FieldMessage]]:
    """Each message under the box its `loc` names; the rest (the record, a field not in the form)
    under the form."""
    under: dict[str, list[FieldMessage]] = {}
    general: list[FieldMessage] = []
    for m in messages:
        name = next((p for p in m.loc if isinstance(p, str)), None)
        if name in names:
            under.setdefault(name, []).append(m)
        else:
            general.append(m)
    return under, general


def typed_values(spec: FormSpec, values: Mapping[str, str]) -> dict[str, object]:
    """The record to check: the spec's base values with what is typed over them."""
    return {**dict(spec.base or {}), **{f.name: values.get(f.name, "") for f in spec.fields}}


def check_form(spec: FormSpec, values: Mapping[str, str], ctx: Ctx) -> FormCheck:
    """Check the typed values through the model (the same rules the service applies)."""
    from pcntui.inputs.base import validate

    names = [f.name for f in spec.fields]
    result = validate(spec.model, typed_values(spec, values), ctx)
    if not result.ok:
        under, general = place(result.messages, names)
        return FormCheck(None, under, general)
    under, general = place(result.warnings, names)
    summary = spec.summary(result.value, ctx) if spec.summary is not None else ""
    return FormCheck(result.value, under, general, summary)


def other_copy_text(current: Mapping[str, object] | None, spec: FormSpec) -> str:
    """What another copy saved, field by field, in the form's own labels (for a refused save)."""
    if not current:
        return ""
    labels = {f.name: spec.label(f) for f in spec.fields}
    shown = [f"{labels[k]}: {as_text(v) or '(blank)'}" for k, v in current.items() if k in labels]
    return ("The other copy saved — " + "; ".join(shown) + ".") if shown else ""

"""Input models and how they are checked: one model per entity, its fields declared with
`field()` (label, hint, CSV column, CLI flag), its rules in its types and validators.

`validate()` never raises for bad input: it returns Valid (the typed model and its warnings)
or Invalid (every problem, each placed by `loc`). `check()` raises ValidationFailed instead,
for services. `sentence()` says a message the way each front end shows it.

Record-level rules are `@model_validator(mode="after")` methods that call the domain's check
and raise `Problems` with the domain's own field tags; rules that need today, the rules in
force or the practices read the `Ctx` (types.ctx_of(info)).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, Generic, Literal, TypeVar

from pydantic import BaseModel, ConfigDict, Field, ValidationError
from pydantic_core import PydanticUndefined

from pcntui.errors import FieldMessage, ValidationFailed, cli_sentence, flag_of
from pcntui.inputs.context import Ctx

M = TypeVar("M", bound="InputModel")
Front = Literal["form", "cli", "csv"]


class Problems(Exception):
    """Raised inside a model validator: field-tagged messages (not a ValueError, so pydantic
    passes it through whole instead of rewording it)."""

    def __init__(self, messages: list[FieldMessage]):
        super().__init__("; ".join(m.text for m in messages))
        self.messages = list(messages)


class InputModel(BaseModel):
    """Base of every input model: unknown fields refused, text trimmed, values frozen."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True, frozen=True)

    def warnings(self, ctx: Ctx) -> list[FieldMessage]:
        """Doubtful but allowed (shown, never blocking); level "warning" or "info"."""
        return []


def field(label: str, hint: str = "", *, default: Any = PydanticUndefined, csv: str | None = None,
          aliases: tuple[str, ...] = (), flag: str | None = None, widget: str | None = None) -> Any:
    """A model field with what every front end shows and reads: its label and hint, its CSV
    column (default: the field's name) and other column names it is known by, its CLI flag
    (default: --field-name) and the form widget ("text", "choice", "multi", "yesno")."""
    extra = {"csv": csv, "aliases": list(aliases), "flag": flag, "widget": widget}
    return Field(default, title=label, description=hint, json_schema_extra={"pcntui": extra})


@dataclass(frozen=True)
class Meta:
    name: str
    label: str
    hint: str
    csv: str
    aliases: tuple[str, ...]
    flag: str
    widget: str | None
    required: bool


def meta(model: type[InputModel], name: str) -> Meta:
    """What `field()` declared for `name` (defaults for a plain pydantic field)."""
    info = model.model_fields[name]
    extra = (info.json_schema_extra or {}).get("pcntui", {}) if isinstance(info.json_schema_extra, dict) else {}
    return Meta(name, info.title or name.replace("_", " ").capitalize(), info.description or "",
                extra.get("csv") or name, tuple(extra.get("aliases") or ()),
                flag_of(name, {name: extra["flag"]} if extra.get("flag") else {}), extra.get("widget"),
                info.is_required())


def parser_of(model: type[InputModel], name: str) -> str | None:
    """The name of the parser a field's text goes through (`inputs.types.parsed`; "… or blank"
    when a blank means none), None for text."""
    for item in model.model_fields[name].metadata:
        func = getattr(item, "func", None)
        if getattr(func, "parser", None) is not None:
            return func.parser.__name__ + (" or blank" if func.optional else "")
    return None


def flags_of(model: type[InputModel]) -> dict[str, str]:
    """Field name → its CLI flag."""
    return {name: meta(model, name).flag for name in model.model_fields}


def columns_of(model: type[InputModel]) -> dict[str, str]:
    """CSV column name (and each alias), lower case → field name."""
    out = {}
    for name in model.model_fields:
        m = meta(model, name)
        for column in (m.csv, *m.aliases):
            out[column.lower()] = name
    return out


@dataclass(frozen=True)
class Valid(Generic[M]):
    value: M
    warnings: tuple[FieldMessage, ...] = ()
    ok: bool = True


@dataclass(frozen=True)
class Invalid:
    messages: tuple[FieldMessage, ...]
    ok: bool = False


def _text(error: Mapping[str, Any]) -> str:
    """One sentence for one pydantic error, without the field's name."""
    kind, ctx = error["type"], error.get("ctx") or {}
    if kind == "value_error" and "error" in ctx:
        return str(ctx["error"])
    if kind == "missing":
        return "is required."
    if kind == "extra_forbidden":
        return "is not one of this record's fields."
    if kind in ("string_too_long", "too_long"):
        return f"is too long (at most {ctx.get('max_length')})."
    msg = str(error.get("msg") or "is not valid")
    return msg[:1].lower() + msg[1:] + ("" if msg.endswith(".") else ".")


def messages_of(error: ValidationError) -> list[FieldMessage]:
    return [FieldMessage(tuple(e["loc"]), _text(e)) for e in error.errors(include_url=False)]


def validate(model: type[M], raw: Mapping[str, object] | InputModel, ctx: Ctx) -> Valid[M] | Invalid:
    """Check `raw` (text as typed, or a model checked again with a fresh `ctx`) against `model`."""
    data = raw.model_dump() if isinstance(raw, InputModel) else dict(raw)
    try:
        value = model.model_validate(data, context={"ctx": ctx})
    except ValidationError as exc:
        return Invalid(tuple(messages_of(exc)))
    except Problems as exc:
        return Invalid(tuple(exc.messages))
    return Valid(value, tuple(value.warnings(ctx)))


def check(model: type[M], raw: Mapping[str, object] | InputModel, ctx: Ctx) -> tuple[M, list[FieldMessage]]:
    """The valid model and its warnings; ValidationFailed (naming each field's CLI flag) if not valid."""
    result = validate(model, raw, ctx)
    if not result.ok:
        raise ValidationFailed(result.messages, flags_of(model))
    return result.value, list(result.warnings)


def sentence(msg: FieldMessage, model: type[InputModel], *, front: Front, row: int | None = None) -> str:
    """The message as a front end says it:
    form: "1.5 must be more than 0 and at most 1." (under the WTE box)
    cli:  "--wte: 1.5 must be more than 0 and at most 1."
    csv:  "row 7, column wte: 1.5 must be more than 0 and at most 1."
    """
    if front == "form":
        return msg.text
    if front == "cli":
        return cli_sentence(msg, flags_of(model))
    name = next((p for p in msg.loc if isinstance(p, str)), None)
    where = f"row {row}" if row is not None else ""
    if name is not None:
        column = meta(model, name).csv if name in model.model_fields else name
        where = f"{where}, column {column}" if where else f"column {column}"
    return f"{where}: {msg.text}" if where else msg.text

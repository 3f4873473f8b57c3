"""`--flags` from an input model's fields (pcntui.inputs), read as typed and checked by the model,
so a command refuses what the TUI's form refuses with the same sentence."""

from __future__ import annotations

import argparse
from collections.abc import Iterable, Mapping

from pcntui.cli.common import reads
from pcntui.inputs.base import InputModel, meta, parser_of


def model_options(a: argparse.ArgumentParser, model: type[InputModel], names: Iterable[str], *,
                  required: Iterable[str] | bool = (), helps: Mapping[str, str] | None = None,
                  metavar: str | None = None) -> None:
    """One `--flag` per field in `names` (dest: the field's name; what it holds declared from the
    field's parser). `required`: these fields must be given, or True: the model's required ones
    (a new record). The help is `helps[name]`, else the field's label and hint."""
    helps = helps or {}
    for name in names:
        m = meta(model, name)
        must = m.required if required is True else name in set(required or ())
        holds = parser_of(model, name)
        a.add_argument(m.flag, dest=name, metavar=metavar or name.split("_")[-1].upper(), required=must,
                       help=helps.get(name, f"{m.label}: {m.hint}" if m.hint else m.label).replace("%", "%%"),
                       type=reads(holds) if holds else None)


def raw_of(args: argparse.Namespace, names: Iterable[str]) -> dict[str, object]:
    """The fields given on the command line, as typed (a flag left out changes nothing)."""
    return {name: getattr(args, name) for name in names if getattr(args, name, None) is not None}

"""`--flags` from an input model's fields (label and hint as the help), and the values typed."""

from __future__ import annotations

import argparse
from collections.abc import Iterable

from pcntui.cli.common import reads
from pcntui.inputs.base import InputModel, meta, parser_of


def add_options(p: argparse.ArgumentParser, model: type[InputModel], names: Iterable[str], *,
                required: bool = False) -> None:
    """One `--flag TEXT` per field; the text is checked by the model (as the form checks it).
    `required`: the model's required fields must be given (a new record)."""
    for name in names:
        m = meta(model, name)
        hint = f": {m.hint}" if m.hint else ""
        holds = parser_of(model, name)
        p.add_argument(m.flag, dest=name, metavar="TEXT", help=f"{m.label}{hint}", required=required and m.required,
                       type=reads(holds) if holds else None)


def values_of(args: argparse.Namespace, names: Iterable[str]) -> dict[str, object]:
    """The fields given on the command line (a flag left out changes nothing)."""
    return {name: getattr(args, name) for name in names if getattr(args, name, None) is not None}


def say(saved) -> None:
    """A service's note, then each warning as the CLI says it (`  warning: --invited: …`)."""
    from pcntui.errors import cli_sentence

    print(saved.note)
    for w in saved.warnings:
        print(f"  {'note' if w.level == 'info' else 'warning'}: {cli_sentence(w, flags_of_saved(saved))}")


def flags_of_saved(saved) -> dict[str, str]:
    value = saved.value
    return {name: meta(type(value), name).flag for name in type(value).model_fields} \
        if isinstance(value, InputModel) else {}

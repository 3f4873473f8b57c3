"""Flags read from an input model (`inputs.arrs`): each field's flag and hint as the model declares
them, passed to a service as typed, so `pcntui arrs …` refuses what the TUI's form refuses with
the same sentence ("pcntui: --wte: 1.5 must be more than 0 and at most 1.")."""

from __future__ import annotations

import argparse
from collections.abc import Iterable

from pcntui.cli.common import reads
from pcntui.inputs.base import meta, parser_of


def model_options(a: argparse.ArgumentParser, model, names: Iterable[str], *, required: Iterable[str] = (),
                  helps: dict[str, str] | None = None) -> None:
    """One `--flag TEXT` per field in `names` (dest: the field's name)."""
    required, helps = set(required), helps or {}
    for name in names:
        m = meta(model, name)
        holds = parser_of(model, name)
        a.add_argument(m.flag, dest=name, metavar=name.split("_")[-1].upper(), required=name in required,
                       help=helps.get(name, m.hint or m.label).replace("%", "%%"), type=reads(holds) if holds else None)


def raw_of(args: argparse.Namespace, names: Iterable[str]) -> dict[str, object]:
    """The fields given on the command line, as typed."""
    return {n: getattr(args, n) for n in names if getattr(args, n, None) is not None}


def say(saved, more: str = "") -> None:
    """The service's sentence (and `more`), then each warning (never the info lines a form shows as you type)."""
    print(saved.note.removesuffix(".") + more if more else saved.note)
    warn(saved)


def warn(saved) -> None:
    for w in saved.warnings:
        if w.level == "warning":
            print("  warning: " + w.text)

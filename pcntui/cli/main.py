"""`pcntui`: argument parsing, dispatch, and the promise of exit codes.

0 success; 1 the command ran and found what it was asked to flag; 2 bad usage or input
(one clear line on stderr, never a traceback).
"""

from __future__ import annotations

import sqlite3
import sys
from types import SimpleNamespace
from typing import TYPE_CHECKING

from pcntui.errors import UserError, ValidationFailed

if TYPE_CHECKING:
    import argparse

TUI_OPTIONS = {"--db": "db", "--as-of": "as_of"}  # the plain `pcntui` command line's options → attributes


def plain_tui_args(argv: list[str]) -> SimpleNamespace | None:
    """`pcntui [--db PATH] [--as-of DATE]` read without argparse (which, with the registry of
    commands, `pcntui` no longer loads before the TUI's first frame), giving what argparse gives:
    each option as `--opt VALUE` or `--opt=VALUE`, in any order, the last one given winning, and
    `as_of` None when not given. Anything else (a command, --help, an abbreviation, an option
    without its value, a value starting with '-') returns None: argparse reads that command line
    (`cli.parser`), as before. tests/foundation/test_plain_args.py checks that the two agree."""
    found: dict[str, str | None] = {"as_of": None}
    words = iter(argv)
    for word in words:
        option, equals, value = word.partition("=")
        if option not in TUI_OPTIONS:
            return None
        if not equals:
            value = next(words, None)
            if value is None or value.startswith("-"):
                return None
        found[TUI_OPTIONS[option]] = value
    return SimpleNamespace(**found)


def build_parser(only: str | None = None) -> argparse.ArgumentParser:
    """`pcntui.cli.parser.build_parser` (argparse is imported only when a command line needs it)."""
    from pcntui.cli.parser import build_parser as build

    return build(only)


def run_tui(args: argparse.Namespace | SimpleNamespace) -> int:
    from pcntui.cli.common import db_path, today

    path, day = db_path(args), today(args)  # (a bad --db or --as-of is refused before the collector is held)
    from pcntui.tui import collector

    collector.hold()  # until the first screen's data is on screen (tui/collector.py)
    from pcntui.tui.app import run  # the only place the CLI imports Textual

    return run(path, today=day)


def run_rollup_tui(paths: list, request) -> int:
    """`pcntui rollup PATH... --tui`: the roll-up table in the TUI (files opened read-only)."""
    from pcntui.tui.rollup_app import run_rollup  # the TUI's roll-up mode

    return run_rollup(paths, request)


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else list(argv)
    args = plain_tui_args(argv)
    if args is None:
        from pcntui.cli.parser import tui_args

        args = tui_args(argv)
    if args is not None:
        return _run(run_tui, args)
    from pcntui.cli.parser import invoked
    from pcntui.cli.terminal import clean_args, safe_output

    with safe_output():  # text a command prints (names, notes, errors) never acts on the terminal
        args = build_parser(invoked(argv)).parse_args(argv)
        if getattr(args, "stub", False):  # a command line `invoked` could not read: build everything
            args = build_parser().parse_args(argv)
        args = clean_args(args)
        return _run(getattr(args, "handler", None) or run_tui, args)


def _run(handler, args: argparse.Namespace | SimpleNamespace) -> int:
    try:
        return int(handler(args) or 0)
    except ValidationFailed as exc:  # one line per problem, naming the flag: "--wte: 1.5 must be …"
        for line in exc.lines():
            print(f"pcntui: {line}", file=sys.stderr)
        return 2
    except UserError as exc:
        print(f"pcntui: {exc}", file=sys.stderr)
        return 2
    except sqlite3.Error as exc:
        print(f"pcntui: the database could not be used ({exc}).", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("pcntui: interrupted; nothing half-saved (every change is one transaction).", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0

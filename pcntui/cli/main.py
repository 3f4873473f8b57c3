"""`pcntui`: argument parsing, dispatch, and the promise of exit codes.

0 success; 1 the command ran and found what it was asked to flag; 2 bad usage or input
(one clear line on stderr, never a traceback).
"""

from __future__ import annotations

import argparse
import importlib
import sqlite3
import sys

from pcntui import __version__
from pcntui.errors import UserError, ValidationFailed


class Parser(argparse.ArgumentParser):
    def error(self, message: str):  # one line, exit 2
        self.exit(2, f"{self.prog}: error: {message} (see '{self.prog} --help').\n")


def db_option() -> argparse.ArgumentParser:
    """`--db PATH`, accepted before or after the subcommand's own arguments."""
    parent = argparse.ArgumentParser(add_help=False)
    parent.add_argument("--db", metavar="PATH", default=argparse.SUPPRESS,
                        help="database file (default: $PCNTUI_DB, else one in your user data folder)")
    return parent


def _messages_once() -> None:
    """argparse asks gettext for each message of each parser it makes, and gettext, finding no
    catalog, looks through every locale folder again each time (a stat per folder, some 250
    times per run). With no catalog for argparse's messages, each is its own text: say so once."""
    import gettext

    if not gettext.find(gettext.textdomain()):
        argparse._ = str


def build_parser(only: str | None = None) -> argparse.ArgumentParser:
    """The whole parser (`only` None), or one with just command `only` built in full and every
    other command a one-line stub (enough for `--help` and for refusing a typo): a command's
    module, and what it imports, is loaded only when that command runs."""
    from pcntui.cli.registry import COMMANDS

    _messages_once()
    parent = db_option()
    parser = Parser(
        prog="pcntui",
        parents=[parent],
        description="Keyboard-driven case manager for a Primary Care Network: ARRS staffing, SMR cohorts, "
        "health-inequality interventions. With no command, opens the TUI.",
        epilog="Exit codes: 0 success, 1 alerts found (--fail-on-alerts), 2 bad usage or input.",
    )
    parser.add_argument("--version", action="version", version=f"pcntui {__version__}")
    parser.add_argument("--as-of", metavar="DATE", help="open the TUI as of this date (default today)")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=Parser)
    wanted = None if only is None else COMMANDS[only].module if only in COMMANDS else ""
    for name, command in COMMANDS.items():
        if name in sub.choices:
            continue  # built with another command of its module
        if wanted is None or command.module == wanted:
            importlib.import_module(command.module).register(sub, parent)
        else:
            stub = sub.add_parser(name, parents=[parent], help=command.help,
                                  description=command.help[0].upper() + command.help[1:] + ".")
            stub.set_defaults(stub=True)
    return parser


def _invoked(argv: list[str]) -> str:
    """The command named on the command line ('' when none is: `--help`, `--version`, a typo)."""
    from pcntui.cli.registry import COMMANDS  # (not loaded for plain `pcntui`: the TUI paints sooner)

    quick = argparse.ArgumentParser(add_help=False, parents=[db_option()], exit_on_error=False)
    quick.add_argument("--as-of")
    quick.add_argument("command", nargs="?")
    try:
        args, _ = quick.parse_known_args(argv)
    except (argparse.ArgumentError, SystemExit):
        return ""
    return args.command if args.command in COMMANDS else ""


def _tui_args(argv: list[str] | None) -> argparse.Namespace | None:
    """`pcntui [--db PATH] [--as-of DATE]` and nothing else: the TUI, without building every
    subcommand's parser. Anything else (a command, --help, --version, a mistake) returns None
    and goes through the full parser."""
    quick = argparse.ArgumentParser(add_help=False, parents=[db_option()], exit_on_error=False)
    quick.add_argument("--as-of")
    try:
        args, rest = quick.parse_known_args(sys.argv[1:] if argv is None else argv)
    except (argparse.ArgumentError, SystemExit):
        return None
    return None if rest else args


def run_tui(args: argparse.Namespace) -> int:
    from pcntui.tui import collector

    collector.hold()  # until the first screen's data is on screen (tui/collector.py)
    from pcntui.cli.common import db_path, today

    from pcntui.tui.app import run  # the only place the CLI imports Textual

    return run(db_path(args), today=today(args))


def run_rollup_tui(paths: list, request) -> int:
    """`pcntui rollup PATH... --tui`: the roll-up table in the TUI (files opened read-only)."""
    from pcntui.tui.rollup_app import run_rollup  # the TUI's roll-up mode

    return run_rollup(paths, request)


def main(argv: list[str] | None = None) -> int:
    args = _tui_args(argv)
    if args is not None:
        return _run(run_tui, args)
    from pcntui.cli.terminal import clean_args, safe_output

    argv = sys.argv[1:] if argv is None else list(argv)
    with safe_output():  # text a command prints (names, notes, errors) never acts on the terminal
        args = build_parser(_invoked(argv)).parse_args(argv)
        if getattr(args, "stub", False):  # a command line _invoked could not read: build everything
            args = build_parser().parse_args(argv)
        args = clean_args(args)
        return _run(getattr(args, "handler", None) or run_tui, args)


def _run(handler, args: argparse.Namespace) -> int:
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

"""The argument parser of `pcntui` (argparse): built in full, or with only the command named
built in full and every other command a one-line stub. Imported only when a command line is more
than the plain `pcntui [--db PATH] [--as-of DATE]` (`cli.main.plain_tui_args` reads that one)."""

from __future__ import annotations

import argparse
import importlib

from pcntui import __version__


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


def _quick() -> argparse.ArgumentParser:
    """The options of the TUI itself (`--db`, `--as-of`), read as the whole parser reads them."""
    quick = argparse.ArgumentParser(add_help=False, parents=[db_option()], exit_on_error=False)
    quick.add_argument("--as-of")
    return quick


def invoked(argv: list[str]) -> str:
    """The command named on the command line ('' when none is: `--help`, `--version`, a typo)."""
    from pcntui.cli.registry import COMMANDS

    quick = _quick()
    quick.add_argument("command", nargs="?")
    try:
        args, _ = quick.parse_known_args(argv)
    except (argparse.ArgumentError, SystemExit):
        return ""
    return args.command if args.command in COMMANDS else ""


def tui_args(argv: list[str]) -> argparse.Namespace | None:
    """`pcntui [--db PATH] [--as-of DATE]` and nothing else, as argparse reads it (abbreviations
    such as `--as` included): the TUI, without building every subcommand's parser. Anything else
    (a command, --help, --version, a mistake) returns None and goes through the full parser."""
    try:
        args, rest = _quick().parse_known_args(argv)
    except (argparse.ArgumentError, SystemExit):
        return None
    return None if rest else args

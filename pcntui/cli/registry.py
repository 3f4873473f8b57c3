"""The static table of `pcntui` commands: name → the module that builds its parser, and its
one-line help. `pcntui --help` is printed from this table alone; a command's own module (and
whatever it imports) is loaded only when that command runs.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable
from typing import NamedTuple


class Command(NamedTuple):
    module: str  # has register(sub, parent): adds this command (and its module's others)
    help: str


COMMANDS: dict[str, Command] = {  # in the order `pcntui --help` lists them
    "setup": Command("pcntui.cli.pcn_commands", "set up your PCN and its practices from the national files"),
    "import": Command("pcntui.cli.pcn_commands", "import a file (all-or-nothing)"),
    "export": Command("pcntui.cli.pcn_commands", "export a view as CSV"),
    "demo": Command("pcntui.cli.pcn_commands", "write a realistic demo PCN to the database file"),
    "status": Command("pcntui.cli.status_commands", "the quick check-in: figures and alerts"),
    "share": Command("pcntui.cli.rollup_commands", "write a share file for the ICB: figures, no names"),
    "rollup": Command("pcntui.cli.rollup_commands", "ICB roll-up of many PCN files, read-only: one row per PCN"),
    "backup": Command("pcntui.cli.backup_commands", "write a consistent copy of the database, or list the copies"),
    "restore": Command("pcntui.cli.backup_commands", "put a backup back in place of the database"),
    "check": Command("pcntui.cli.safety_commands", "integrity and foreign-key check"),
    "undo": Command("pcntui.cli.history_commands", "undo the last change (one action)"),
    "redo": Command("pcntui.cli.history_commands", "redo what the last undo reverted"),
    "history": Command("pcntui.cli.history_commands", "list recent changes"),
    "intervention": Command("pcntui.cli.interventions", "health-inequality interventions"),
    "requirement": Command("pcntui.cli.requirements", "Network Contract DES requirements and deadlines"),
    "smr": Command("pcntui.cli.smr", "SMR cohorts: progress, targets, capacity, worklist"),
    "arrs": Command("pcntui.cli.arrs", "ARRS staffing: year summary, entitlement, roster, plans, rules, claims"),
    "iif": Command("pcntui.cli.iif", "IIF achievement: each indicator against its thresholds, points and £"),
    "year": Command("pcntui.cli.year_commands", "the financial year as a whole: start the next one"),
    "rules": Command("pcntui.cli.rules", "export or import a year's rules pack (rule tables in one file)"),
}


def add_command(sub, name: str, parent: argparse.ArgumentParser, handler=None, **options) -> argparse.ArgumentParser:
    """The sub-parser of command `name`, with its help from the table (and --db from `parent`);
    `handler` runs it (a command with ACTIONs leaves that to `add_actions`)."""
    p = sub.add_parser(name, parents=[parent], help=COMMANDS[name].help, **options)
    if handler is not None:
        p.set_defaults(handler=handler)
    return p


def add_actions(command: argparse.ArgumentParser, dest: str, parent: argparse.ArgumentParser, *,
                required: bool = True) -> Callable[..., argparse.ArgumentParser]:
    """The ACTIONs of `command` (`pcntui COMMAND ACTION`, the action's name in `args.<dest>`): returns
    `action(name, help, handler, description=None)`, which adds one, described by its help as a
    sentence unless `description` is given."""
    acts = command.add_subparsers(dest=dest, metavar="ACTION", required=required, parser_class=type(command))

    def action(name: str, help: str, handler, description: str | None = None) -> argparse.ArgumentParser:
        a = acts.add_parser(name, parents=[parent], help=help.replace("%", "%%"),  # argparse formats help with %
                            description=description or help[0].upper() + help[1:] + ".")
        a.set_defaults(handler=handler)
        return a

    return action

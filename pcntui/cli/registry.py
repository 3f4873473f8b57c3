"""The static table of `pcntui` commands: name → the module that builds its parser, its one-line
help and its description (what each command is, declared once, beside the others). `pcntui --help`
is printed from this table alone; a command's own module (and whatever it imports) is loaded only
when that command runs; it adds only the command's arguments.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable
from typing import NamedTuple


class Command(NamedTuple):
    module: str  # has register(sub, parent): adds this command (and its module's others)
    help: str  # the line under `pcntui --help`
    description: str  # the paragraph at the top of `pcntui COMMAND --help`


COMMANDS: dict[str, Command] = {  # in the order `pcntui --help` lists them
    "setup": Command(
        "pcntui.cli.pcn_commands", "set up your PCN and its practices from the national files",
        "Create or refresh the PCN and its member practices from the published 'Patients Registered at a GP "
        "Practice' map (and optionally list sizes and IMD)."),
    "import": Command(
        "pcntui.cli.pcn_commands", "import a file (all-or-nothing)",
        "Import one file in one transaction; errors name the row and column."),  # + the KINDs
    "export": Command(
        "pcntui.cli.pcn_commands", "export a view as CSV",
        "Write CSV (UTF-8, ISO dates, 2-place money, Excel-safe); 'calendar' writes an iCalendar (.ics) file "
        "instead."),  # + the KINDs
    "demo": Command(
        "pcntui.cli.pcn_commands", "write a realistic demo PCN to the database file",
        "Write a demo PCN (fictional names, valid-format codes)."),
    "status": Command(
        "pcntui.cli.status_commands", "the quick check-in: figures and alerts",
        "Print the PCN at a glance with every alert; plain text fits 80 columns."),
    "share": Command(
        "pcntui.cli.rollup_commands", "write a share file for the ICB: figures, no names",
        "Write a share file for the ICB: the figures 'status' shows for every year the database holds, per ARRS "
        "role and per SMR cohort, with no names, salaries, NHS numbers or free text (docs/share.md). 'pcntui "
        "rollup' reads it like a pcntui file."),
    "rollup": Command(
        "pcntui.cli.rollup_commands", "ICB roll-up of many PCN files, read-only: one row per PCN",
        "ICB roll-up: one row per PCN from many pcntui files and share files (or folders of them, not their "
        "sub-folders), and a TOTAL row. Every file is opened read-only and left byte-for-byte unchanged; files "
        "that cannot be read are listed as skipped."),
    "backup": Command(
        "pcntui.cli.backup_commands", "write a consistent copy of the database, or list the copies",
        "Copy the database while it may be in use (SQLite online backup). Without --out the copy goes in the "
        "backups folder beside the database (NAME-backups), where pcntui also keeps a copy each day, one before "
        "each large or rules import and one before each restore."),
    "restore": Command(
        "pcntui.cli.backup_commands", "put a backup back in place of the database",
        "Copy FILE into the database in place (a copy of pcntui that has it open sees the change), after keeping "
        "what it replaces in the backups folder."),
    "check": Command(
        "pcntui.cli.safety_commands", "integrity and foreign-key check",
        "Run SQLite's integrity and foreign-key checks, and check that each SMR worklist row's cohorts are its "
        "cohort links; exit 1 if problems are found."),
    "undo": Command(
        "pcntui.cli.history_commands", "undo the last change (one action)",
        "Revert the most recent change still in effect (a save, an import, a set-up, a redo). One that changed "
        "10 rows or more asks first; without a terminal to ask on, it needs --yes."),
    "redo": Command(
        "pcntui.cli.history_commands", "redo what the last undo reverted",
        "Put back what the most recent undo reverted. Possible while nothing else was saved since that undo (a "
        "new change ends the chain of redos)."),
    "history": Command(
        "pcntui.cli.history_commands", "list recent changes",
        "List recent actions, newest first, with whether each was undone or redone."),
    "intervention": Command(
        "pcntui.cli.interventions", "health-inequality interventions",
        "Create and track health-inequality interventions (TNHI): stages, co-design sessions, actions, outcome "
        "measures, the commissioner summary."),
    "requirement": Command(
        "pcntui.cli.requirements", "Network Contract DES requirements and deadlines",
        "List, add, update and link the DES service requirements (shipped for the years known; add your own for "
        "new years)."),
    "smr": Command(
        "pcntui.cli.smr", "SMR cohorts: progress, targets, capacity, worklist",
        "Structured Medication Review cohorts: progress against targets per practice, run-rate forecast to 31 "
        "March, clinician capacity, the optional worklist. Import counts with 'pcntui import smr-counts FILE'; "
        "export with 'pcntui export smr'."),
    "arrs": Command(
        "pcntui.cli.arrs", "ARRS staffing: year summary, entitlement, roster, plans, rules, claims",
        "ARRS staffing against the rules and the entitlement. With no ACTION, prints the year's summary by role. "
        "See docs/arrs.md."),
    "iif": Command(
        "pcntui.cli.iif", "IIF achievement: each indicator against its thresholds, points and £",
        "IIF achievement for the year: each indicator's numerator and denominator from the imported achievement "
        "file, against its thresholds, in points and pounds (and pounds adjusted for list size). See docs/iif.md."),
    "year": Command(
        "pcntui.cli.year_commands", "the financial year as a whole: start the next one",
        "The financial year as a whole."),
    "rules": Command(
        "pcntui.cli.rules", "export or import a year's rules pack (rule tables in one file)",
        "Export a financial year's rule tables (ARRS maxima, bands and London figures, reimbursement %, caps, "
        "per-patient rates, on-costs, pay bands, DES requirements, SMR cohort years and targets, IIF indicators) "
        "as one TOML rules pack, or import one. Format: docs/rules-pack.md."),
}


def add_command(sub, name: str, parent: argparse.ArgumentParser, handler=None, **options) -> argparse.ArgumentParser:
    """The sub-parser of command `name`, with its help and description from the table (and --db from
    `parent`); `handler` runs it (a command with ACTIONs leaves that to `add_actions`)."""
    options.setdefault("description", COMMANDS[name].description)
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

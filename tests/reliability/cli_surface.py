"""The command line as the trials see it, found by walking the real argparse parser (so a command
or flag added later is tried too): every command with plausible values for what it requires,
every flag that takes a number, a date or an id, hostile values for them, bad database files.

`ARGS` gives plausible values for the arguments a command requires and `EXTRA` the options some
need before they look at the database: extend them when a new command needs it (the walk says so).
"""

from __future__ import annotations

import argparse
import functools
import inspect
import os
import sqlite3
from dataclasses import dataclass
from pathlib import Path

from pcntui.cli.main import build_parser

ARGS = {  # required argument → a value that passes the command's own checks
    "kind": None,  # choices: the first one
    "file": "@csv", "practices": "@csv",
    "id": "1", "action_id": "1", "measure_id": "1",
    "title": "x", "name": "x", "what": "x", "said": "x", "did": "x", "who": "x", "staff": "x", "ref": "x",
    "cohort": "CARE_HOME", "practice": "Y90001", "practice_code": "Y90001", "area": "cvd",
    "key_practice": "Y90001", "key_reference": "x", "reference": "x", "cohorts": "CARE_HOME",
    "stage": "engagement", "date": "2026-11-01", "on": "2026-11-01", "baseline_on": "2026-11-01",
    "effective_from": "2026-11-01", "end_date": "2026-11-30", "start": "2027-01-01",
    "baseline": "1", "target": "2", "value": "1", "eligible": "10", "completed": "1",
    "amount": "100", "salary": "45000", "wte": "1", "role": "clinical_pharmacist",
    "fy": "2026/27", "pcn": "U99901", "intervention": "1", "percent": "80",
    "paths": "@csv", "out": "@csv",  # rollup reads its PATHs and --db; share writes --out
    "start_date": "2027-01-01", "expected_start": "2027-01-01", "fte_salary": "45000", "annual_max": "70000",  # arrs flags read by inputs.arrs (dest: the field)
}
EXTRA = {  # options a command needs before it looks at the database at all
    "requirement set": ["--owner", "x"], "smr delete-cohort": ["--yes"], "smr iif": ["--lower", "10"],
    "smr worklist-edit": ["--note", "x"], "smr worklist-delete": ["--yes"],
    "intervention session": ["--group", "Residents=3"],
}
CREATES = {"setup", "demo", "restore"}  # these make the database when there is none
READS_ONLY = {"share", "rollup"}  # these only read the database: a read-only file is theirs to read
FINDING = {"who": "1", "staff": "1", "ref": "1"}  # values that find the first records (not "x", which finds none)


@functools.cache
def parser(only: str | None = None) -> argparse.ArgumentParser:
    """The real parser, every command built in full, built once (building it is most of the
    cost of an in-process `main`; `only` is accepted like build_parser's and ignored)."""
    return build_parser()


def cached_parser(monkeypatch) -> None:
    """Make `pcntui.cli.main.main` reuse one parser (argparse keeps no state between parses)."""
    monkeypatch.setattr("pcntui.cli.main.build_parser", parser)


def commands() -> list[tuple[list[str], argparse.ArgumentParser]]:
    """Every command that takes --db, as (its words, its parser)."""
    found = []

    def walk(p: argparse.ArgumentParser, path: list[str]) -> None:
        subs = [a for a in p._actions if isinstance(a, argparse._SubParsersAction)]
        if not subs:
            found.append((path, p))
        for action in subs:
            for name, child in action.choices.items():
                walk(child, [*path, name])

    walk(parser(), [])
    return [(path, p) for path, p in found if any(a.dest == "db" for a in p._actions)]


def argv_for(path: list[str], p: argparse.ArgumentParser, db: str, csv_file: str, backup: str,
             replace: dict[str, str] | None = None) -> list[str]:
    """`path --db DB` with a plausible value for every argument it requires (or the one in
    `replace`, by dest, which is given as `--flag=VALUE`, or after `--` for a positional, so
    that a value starting with `-` reaches the command)."""
    replace = replace or {}
    options, positionals = list(path), []
    chosen = {group._group_actions[0] for group in p._mutually_exclusive_groups if group.required}
    for action in p._actions:
        needed = action.required or not action.option_strings or action in chosen or action.dest in replace
        if action.dest in ("help", "db") or not needed:
            continue
        if action.dest in replace:
            value = replace[action.dest]
        else:
            assert action.dest in ARGS, f"{' '.join(path)}: add a value for '{action.dest}' to ARGS"
            value = ARGS[action.dest]
            if action.choices:
                value = list(action.choices)[0]
            elif value == "@csv":
                value = backup if path == ["restore"] else csv_file
        if not action.option_strings:
            positionals.append(value)
        elif action.dest in replace:
            options.append(f"{action.option_strings[0]}={value}")
        else:
            options += [action.option_strings[0], value]
    options += [*EXTRA.get(" ".join(path), []), "--db", db]
    return [*options, "--", *positionals] if positionals and replace else [*options, *positionals]


# ---------------------------------------------------------------------------- flags that take a number, date or id
# What a flag holds is declared where the flag is: argparse's own `type=int/float`, `type=arg(parser)`
# (pcntui.cli.common.arg: converted by that parser), or `type=reads(holds)` (pcntui.cli.common.reads:
# the text is read by the command or by its input model). No table here to keep in step with the CLI.
NUMBERS = ["12345678901234567890123456", "9" * 40, "²", "1²", "١٢", "１２", "٣.٥", "NaN", "-nan", "Infinity", "-inf",
           "--5", "+-1", "1,2,3", "12,34", "1e30", "1E5", "0x1F", "1_000", "1 000"]
DATES = ["1900-01-01", "31/12/1947", "2101-01-01", "01Jan9999", "31/02/2026", "2026-13-01", "١٧/٠٦/٢٠٢٤", ""]
YEARS = ["1900/01", "2200/01", "9999/00", "２０２４/25", "٢٠٢٤/٢٥", "2024/26", "2024", ""]
IDS = ["0", "-1", "1.5", "1,000"]
# The extra values each kind of flag must refuse besides NUMBERS (nonsense for all of them).
EXTRAS = {"parse_date": DATES, "date": DATES, "year": YEARS, "parse_id": IDS, "id": IDS, "parse_count": ["-1", "1.5"],
          "parse_wte": ["0", "1.5", "-0.5"], "parse_percent": ["101", "-1"]}


@dataclass(frozen=True)
class ValueFlag:
    path: tuple[str, ...]  # the command's words
    dest: str
    holds: str  # the parser's name (parse_count, parse_budget, …) or what an untyped flag holds

    @property
    def name(self) -> str:
        return f"{' '.join(self.path)} {self.dest}"

    def hostile_values(self) -> list[str]:
        """Nonsense for what the flag holds; a blank only where a blank does not mean "none"."""
        holds, blank_is_none = self.holds.removesuffix(" or blank"), self.holds.endswith(" or blank")
        values = NUMBERS + EXTRAS.get(holds, DATES if "date" in holds else [])
        return [v for v in values if v or not blank_is_none]


def _holds(action: argparse.Action) -> str | None:
    """What the flag's declaration says it holds (None: free text, a choice or a switch)."""
    if action.type is None or action.nargs == 0 or action.choices:
        return None
    if hasattr(action.type, "holds"):  # pcntui.cli.common.reads
        return action.type.holds
    if action.type in (int, float):  # argparse's own conversion
        return action.type.__name__
    fn = inspect.getclosurevars(action.type).nonlocals.get("parser")  # pcntui.cli.common.arg
    if fn is None:
        return getattr(action.type, "__name__", None)
    return fn.rpartition(":")[2] if isinstance(fn, str) else fn.__name__


def value_flags() -> list[ValueFlag]:
    """Every argument of every command that takes a number, a date, a year or an id."""
    found = []
    for path, p in commands():
        for action in p._actions:
            holds = _holds(action)
            if holds and action.dest != "db":
                found.append(ValueFlag(tuple(path), action.dest, holds))
    return found


# ---------------------------------------------------------------------------- bad database files
BAD_FILES = ["not-sqlite", "other-sqlite", "newer-schema", "read-only", "folder", "missing"]


def make_bad(kind: str, folder: Path, demo: Path) -> Path:
    """A database file of the bad `kind` at `folder`/pcn.db (the folder made afresh)."""
    from pcntui.store import schema

    path = folder / "pcn.db"
    folder.mkdir(parents=True)
    if kind == "not-sqlite":
        path.write_text("practice_code,name\nY90001,A surgery\n")
    elif kind == "other-sqlite":
        conn = sqlite3.connect(path)
        conn.execute("CREATE TABLE notes (x)")
        conn.commit()
        conn.close()
    elif kind == "newer-schema":
        path.write_bytes(demo.read_bytes())
        conn = sqlite3.connect(path)
        conn.execute(f"PRAGMA user_version = {schema.SCHEMA_VERSION + 1}")
        conn.close()
    elif kind == "read-only":
        path.write_bytes(demo.read_bytes())
        os.chmod(path, 0o400)
    elif kind == "folder":
        path.mkdir()
    return path

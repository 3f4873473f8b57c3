"""Every bad database file × every command that takes --db (issue 8, item 11): one line on
stderr naming the file, exit 2, the file byte-for-byte unchanged and nothing written beside it.

The commands are found by walking the real parser, so a command added later is checked too;
`ARGS` gives plausible values for the arguments a command requires, `EXTRA` the options some
need before they look at the database (extend them when a new command needs it)."""

from __future__ import annotations

import argparse
import hashlib
import os
import sqlite3

import pytest

from pcntui.cli.main import build_parser, main
from pcntui.store import schema
from pcntui.store import open_store

ARGS = {  # required argument → a value that passes the command's own checks
    "kind": None,  # choices: the first one
    "file": "@csv", "practices": "@csv",
    "id": "1", "action_id": "1", "measure_id": "1",
    "title": "x", "name": "x", "what": "x", "said": "x", "did": "x", "who": "x", "staff": "x", "ref": "x",
    "cohort": "CARE_HOME", "practice": "Y90001", "area": "cvd",
    "stage": "engagement", "date": "2026-11-01", "on": "2026-11-01", "baseline_on": "2026-11-01",
    "effective_from": "2026-11-01", "end_date": "2026-11-30", "start": "2027-01-01",
    "baseline": "1", "target": "2", "value": "1", "eligible": "10", "completed": "1",
    "amount": "100", "salary": "45000", "wte": "1", "role": "clinical_pharmacist",
    "fy": "2026/27", "pcn": "U99901", "intervention": "1", "percent": "80",
}
EXTRA = {  # options a command needs before it looks at the database at all
    "requirement set": ["--owner", "x"], "smr delete-cohort": ["--yes"], "smr iif": ["--lower", "10"],
}
CREATES = {"setup", "demo", "restore"}  # these make the database when there is none


def commands() -> list[tuple[list[str], argparse.ArgumentParser]]:
    found = []

    def walk(parser: argparse.ArgumentParser, path: list[str]) -> None:
        subs = [a for a in parser._actions if isinstance(a, argparse._SubParsersAction)]
        if not subs:
            found.append((path, parser))
        for action in subs:
            for name, child in action.choices.items():
                walk(child, [*path, name])

    walk(build_parser(), [])
    return [(path, p) for path, p in found if any(a.dest == "db" for a in p._actions)]


def argv_for(path: list[str], parser: argparse.ArgumentParser, csv_file: str, backup: str) -> list[str]:
    argv = list(path)
    chosen = {group._group_actions[0] for group in parser._mutually_exclusive_groups if group.required}
    for action in parser._actions:
        needed = action.required or not action.option_strings or action in chosen
        if action.dest in ("help", "db") or not needed:
            continue
        assert action.dest in ARGS, f"{' '.join(path)}: add a value for '{action.dest}' to ARGS"
        value = ARGS[action.dest]
        if action.choices:
            value = list(action.choices)[0]
        elif value == "@csv":
            value = backup if path == ["restore"] else csv_file
        argv += [action.option_strings[0], value] if action.option_strings else [value]
    return argv + EXTRA.get(" ".join(path), [])


def make_bad(kind: str, tmp_path, demo_path):
    path = tmp_path / "bad" / "pcn.db"
    path.parent.mkdir()
    if kind == "not-sqlite":
        path.write_text("practice_code,name\nY90001,A surgery\n")
    elif kind == "other-sqlite":
        conn = sqlite3.connect(path)
        conn.execute("CREATE TABLE notes (x)")
        conn.commit()
        conn.close()
    elif kind == "newer-schema":
        path.write_bytes(demo_path.read_bytes())
        conn = sqlite3.connect(path)
        conn.execute(f"PRAGMA user_version = {schema.SCHEMA_VERSION + 1}")
        conn.close()
    elif kind == "read-only":
        path.write_bytes(demo_path.read_bytes())
        os.chmod(path, 0o400)
    elif kind == "folder":
        path.mkdir()
    return path


def fingerprint(path) -> tuple:
    if path.is_dir():
        return ("folder", sorted(os.listdir(path)))
    if not path.exists():
        return ("missing",)
    return (hashlib.sha256(path.read_bytes()).hexdigest(), os.stat(path).st_mode)


@pytest.mark.parametrize("kind", ["not-sqlite", "other-sqlite", "newer-schema", "read-only", "folder", "missing"])
def test_every_command_refuses_a_bad_database_file(kind, tmp_path, demo_path, capsys):
    csv_file = tmp_path / "input.csv"
    csv_file.write_text("practice_code,name\nY90001,A surgery\n")
    backup = tmp_path / "backup.db"
    store = open_store(demo_path)
    store.backup(backup)
    store.close()
    bad = make_bad(kind, tmp_path, demo_path)
    before, beside = fingerprint(bad), sorted(os.listdir(bad.parent))
    failures = []
    checked = 0
    for path, parser in commands():
        if kind == "missing" and path[0] in CREATES:
            continue
        argv = [*argv_for(path, parser, str(csv_file), str(backup)), "--db", str(bad)]
        try:
            code = main(argv)
        except SystemExit as exc:  # argparse refused the arguments: a gap in ARGS, reported below
            code = exc.code
        out, err = capsys.readouterr()
        checked += 1
        problems = []
        if code != 2:
            problems.append(f"exit {code}")
        if err.count("\n") != 1 or str(bad) not in err or "Traceback" in err:
            problems.append(f"stderr {err!r}")
        if fingerprint(bad) != before or sorted(os.listdir(bad.parent)) != beside:
            problems.append("the file or its folder changed")
        if problems:
            failures.append(f"{' '.join(argv[:-2])}: {'; '.join(problems)}")
    if kind == "read-only":
        os.chmod(bad, 0o600)
    assert checked >= 50
    assert not failures, "\n".join(failures)

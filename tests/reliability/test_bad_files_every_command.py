"""Every bad database file × every command that takes --db (issue 8, item 11): one line on
stderr naming the file, exit 2, the file byte-for-byte unchanged and nothing written beside it.

The commands are found by walking the real parser (tests/reliability/cli_surface.py), so a
command added later is checked too. In process here; `bad-file` in benchmarks/trials.py runs
the same pairs through the installed program."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from pcntui.cli.main import main
from pcntui.store import open_store
from tests.reliability.cli_surface import (
    BAD_FILES,
    CREATES,
    READS_ONLY,
    argv_for,
    cached_parser,
    commands,
    make_bad,
)
from tests.reliability.trial_kit import file_print


@pytest.fixture(scope="module")
def demo_and_backup(tmp_path_factory, demo_template) -> tuple[Path, Path]:
    folder = tmp_path_factory.mktemp("bad-files")
    demo, backup = folder / "demo.db", folder / "backup.db"
    shutil.copy2(demo_template, demo)
    store = open_store(demo)
    store.backup(backup)
    store.close()
    return demo, backup


@pytest.mark.parametrize("kind", BAD_FILES)
def test_every_command_refuses_a_bad_database_file(kind, tmp_path, demo_and_backup, capsys, monkeypatch):
    cached_parser(monkeypatch)
    demo, backup = demo_and_backup
    csv_file = tmp_path / "input.csv"
    csv_file.write_text("practice_code,name\nY90001,A surgery\n")
    bad = make_bad(kind, tmp_path / "bad", demo)
    before, beside = file_print(bad), sorted(os.listdir(bad.parent))
    failures = []
    checked = 0
    for path, parser in commands():
        if kind == "missing" and path[0] in CREATES:
            continue
        argv = argv_for(path, parser, str(bad), str(csv_file), str(backup))
        try:
            code = main(argv)
        except SystemExit as exc:  # argparse refused the arguments: a gap in ARGS, reported below
            code = exc.code
        out, err = capsys.readouterr()
        checked += 1
        problems = []
        if kind == "read-only" and path[0] in READS_ONLY:  # read, never written: it works
            if code != 0 or file_print(bad) != before or sorted(os.listdir(bad.parent)) != beside:
                failures.append(f"{' '.join(argv)}: exit {code} {err!r}, or the file or its folder changed")
            continue
        if code != 2:
            problems.append(f"exit {code}")
        if err.count("\n") != 1 or str(bad) not in err or "Traceback" in err:
            problems.append(f"stderr {err!r}")
        if file_print(bad) != before or sorted(os.listdir(bad.parent)) != beside:
            problems.append("the file or its folder changed")
        if problems:
            failures.append(f"{' '.join(argv)}: {'; '.join(problems)}")
    if kind == "read-only":
        os.chmod(bad, 0o600)
    assert checked >= 50
    assert not failures, "\n".join(failures)

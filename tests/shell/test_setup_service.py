"""Set-up is one service (services.setup.setup_pcn) for `pcntui setup` and the first-run screen:
a set-up that fails on a file it created removes the file (design of issue 9, §2.15 item 4)."""

from __future__ import annotations

import hashlib

import pytest

from pcntui.cli.main import main
from pcntui.errors import UserError
from pcntui.services.setup import setup_pcn
from tests.conftest import MAP_FILE

NOT_A_MAP = "code,name\nX,Y\n"


def test_cli_setup_that_fails_leaves_no_file(tmp_path, capsys):
    bad = tmp_path / "map.csv"
    bad.write_text(NOT_A_MAP, encoding="utf-8")
    db = tmp_path / "new.db"
    assert main(["setup", "--pcn", "U12345", "--practices", str(bad), "--db", str(db)]) == 2
    assert capsys.readouterr().err.startswith("pcntui: ")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["map.csv"]  # before: an empty new.db that skips first run


def test_cli_setup_with_a_missing_map_leaves_no_file(tmp_path):
    db = tmp_path / "new.db"
    assert main(["setup", "--pcn", "U12345", "--practices", str(tmp_path / "none.csv"), "--db", str(db)]) == 2
    assert not db.exists()


def test_a_failed_setup_keeps_a_file_it_did_not_create(demo_db, tmp_path):
    before = hashlib.sha256(demo_db.read_bytes()).hexdigest()
    bad = tmp_path / "map.csv"
    bad.write_text(NOT_A_MAP, encoding="utf-8")
    with pytest.raises(UserError):
        setup_pcn(demo_db, "U12345", bad)
    assert hashlib.sha256(demo_db.read_bytes()).hexdigest() == before


def test_a_dry_run_on_a_new_file_leaves_nothing(shared_data, tmp_path, capsys):
    db = tmp_path / "new.db"
    assert main(["setup", "--pcn", "U99438", "--practices", str(shared_data / MAP_FILE), "--dry-run",
                 "--db", str(db)]) == 0
    assert capsys.readouterr().out.startswith("Dry run, nothing changed.")
    assert list(tmp_path.iterdir()) == []


def test_setup_opens_the_new_file_set_up(shared_data, tmp_path):
    done = setup_pcn(tmp_path / "new.db", "U99438", shared_data / MAP_FILE, source="tui")
    try:
        assert done.pcn is not None and done.pcn["code"] == "U99438"
        assert done.note().startswith(f"Set up U99438 {done.pcn['name']}. ")
        assert done.store.source == "tui"
    finally:
        done.store.close()

"""The command line as a user meets it: exit codes, one-sentence errors, files left untouched."""

import csv
import gc
import io
import json
import os
import subprocess
import sys

import pytest

from pcntui import __version__
from pcntui.cli.main import build_parser, main
from tests.conftest import file_sha


def run(*args):
    """Run the real program in a subprocess (as a user would)."""
    return subprocess.run([sys.executable, "-m", "pcntui", *args], capture_output=True, text=True, timeout=60)


def test_version_and_help():
    p = run("--version")
    assert p.returncode == 0 and p.stdout.strip() == f"pcntui {__version__}"
    for cmd in ["setup", "demo", "status", "import", "export", "backup", "restore", "check", "undo", "history"]:
        h = run(cmd, "--help")
        assert h.returncode == 0 and "--db" in h.stdout, cmd


def test_every_subcommand_has_help_text():
    parser = build_parser()
    sub = next(a for a in parser._actions if a.dest == "command")
    for name, p in sub.choices.items():
        assert p.description, name


@pytest.mark.parametrize("where", ["before", "after"])
def test_db_option_before_or_after(demo_path, where, capsys):
    args = ["status", "--as-of", "2026-11-23"]
    args = ["--db", str(demo_path), *args] if where == "before" else [*args, "--db", str(demo_path)]
    assert main(args) == 0
    assert "Riverside & Downs Demo PCN" in capsys.readouterr().out


@pytest.mark.parametrize(
    "content,fragment",
    [(b"hello", "not an SQLite file"), (b"", "not an SQLite file")],
)
def test_bad_database_one_line_exit_2_untouched(tmp_path, content, fragment):
    path = tmp_path / "x.db"
    path.write_bytes(content)
    before = file_sha(path)
    for cmd in (["status"], ["undo"], ["export", "practices"], ["check"], ["backup"]):
        p = run(*cmd, "--db", str(path))
        assert p.returncode == 2, cmd
        assert fragment in p.stderr and "Traceback" not in p.stderr
        assert len(p.stderr.strip().splitlines()) == 1
    assert file_sha(path) == before


def test_read_only_database(demo_path):
    os.chmod(demo_path, 0o444)
    before = file_sha(demo_path)
    try:
        p = run("status", "--db", str(demo_path))
        assert p.returncode == 2 and "read-only" in p.stderr and "Traceback" not in p.stderr
        assert file_sha(demo_path) == before
    finally:
        os.chmod(demo_path, 0o600)


def test_bad_usage_exit_2(capsys):
    for args in (["status", "--fy", "2024"], ["status", "--as-of", "31/02/2024"], ["export", "nonsense"], ["frobnicate"]):
        with pytest.raises(SystemExit) as exc:
            code = main(args)
            raise SystemExit(code)
        assert exc.value.code == 2, args
        assert "Traceback" not in capsys.readouterr().err


def test_demo_refuses_overwrite_without_force(demo_path, capsys):
    before = file_sha(demo_path)
    assert main(["demo", "--db", str(demo_path)]) == 2
    assert "--force" in capsys.readouterr().err
    assert file_sha(demo_path) == before
    assert main(["demo", "--db", str(demo_path), "--force", "--as-of", "2026-11-23"]) == 0


def test_status_json_is_stable(demo_path, capsys):
    assert main(["status", "--json", "--db", str(demo_path), "--as-of", "2026-11-23"]) == 0
    doc = json.loads(capsys.readouterr().out)
    assert doc["status_version"] == 1 and doc["as_of"] == "2026-11-23" and doc["fy"] == "2026/27"
    assert doc["pcn"]["code"] == "U99901" and doc["pcn"]["practices"] == 6
    assert doc["pcn"]["patients"] == 54930
    assert isinstance(doc["alerts"], list)


def test_status_fy_option(demo_path, capsys):
    assert main(["status", "--fy", "2025/26", "--db", str(demo_path), "--as-of", "23/11/2026"]) == 0
    assert "financial year 2025/26" in capsys.readouterr().out


def test_status_text_fits_80_columns(demo_path, capsys):
    assert main(["status", "--db", str(demo_path), "--as-of", "2026-11-23"]) == 0
    assert max(len(line) for line in capsys.readouterr().out.splitlines()) <= 80


def test_fail_on_alerts(tmp_path, capsys):
    empty = tmp_path / "empty.db"
    from pcntui.store import open_store

    open_store(empty, mode="create").close()
    assert main(["status", "--db", str(empty), "--fail-on-alerts"]) == 1
    assert "No PCN" in capsys.readouterr().out


def test_export_to_file_is_0600_and_parses(demo_path, tmp_path, capsys):
    out = tmp_path / "out" / "practices.csv"
    assert main(["export", "practices", "--db", str(demo_path), "--out", str(out)]) == 0
    assert (out.stat().st_mode & 0o777) == 0o600
    rows = list(csv.DictReader(io.StringIO(out.read_text(encoding="utf-8-sig"))))
    assert len(rows) == 6 and rows[0]["practice_code"].startswith("Y9")
    assert not list(out.parent.glob(".*"))  # no temp file left behind


def test_export_all(demo_path, tmp_path, capsys):
    assert main(["export", "all", "--db", str(demo_path), "--out", str(tmp_path / "all")]) == 0
    assert (tmp_path / "all" / "practices.csv").is_file()
    assert main(["export", "all", "--db", str(demo_path)]) == 2


def test_backup_restore_check_undo(demo_path, tmp_path, capsys):
    backup = tmp_path / "b.db"
    assert main(["backup", "--db", str(demo_path), "--out", str(backup)]) == 0
    assert main(["check", "--db", str(backup)]) == 0
    assert main(["undo", "--yes", "--db", str(demo_path)]) == 0
    assert "Undone: Load the demo PCN" in capsys.readouterr().out
    assert main(["undo", "--db", str(demo_path)]) == 0
    assert "Nothing to undo" in capsys.readouterr().out
    assert main(["status", "--db", str(demo_path), "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["pcn"] is None
    assert main(["restore", str(backup), "--db", str(demo_path)]) == 0
    out = capsys.readouterr().out
    assert "kept as" in out
    kept = next(tmp_path.glob("demo.db-backups/demo-before-restore-*.db"))
    assert main(["status", "--db", str(demo_path), "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["pcn"]["practices"] == 6
    assert main(["check", "--db", str(kept)]) == 0


def test_restore_refuses_non_database(demo_path, tmp_path, capsys):
    junk = tmp_path / "junk.db"
    junk.write_text("not a db")
    before = file_sha(demo_path)
    assert main(["restore", str(junk), "--db", str(demo_path)]) == 2
    assert "not an SQLite file" in capsys.readouterr().err
    assert file_sha(demo_path) == before
    assert not list(tmp_path.glob(".demo.db.restore-*"))


def test_default_db_from_environment(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("PCNTUI_DB", str(tmp_path / "env.db"))
    assert main(["demo", "--as-of", "2026-11-23"]) == 0
    assert (tmp_path / "env.db").is_file()
    assert main(["status", "--as-of", "2026-11-23"]) == 0
    assert "Demo PCN" in capsys.readouterr().out


@pytest.mark.parametrize("argv", [["--db="], ["--db", " "], ["status", "--db="], ["demo", "--db", ""]])
def test_a_blank_db_is_refused_never_the_default_file(tmp_path, monkeypatch, capsys, argv):
    monkeypatch.setenv("PCNTUI_DB", str(tmp_path / "env.db"))  # (`--db "$UNSET"` must not open this)
    assert main(argv) == 2
    assert capsys.readouterr().err == ("pcntui: --db is blank: give the database file's path, "
                                       "or leave --db out for the default file.\n")
    assert not (tmp_path / "env.db").exists()
    assert gc.isenabled()  # (the TUI's start-up holds the collector only once the options are read)


def test_help_imports_no_storage_code():
    code = (
        "import sys\nfrom pcntui.cli.main import main\n"
        "try:\n    main(['--help'])\nexcept SystemExit:\n    pass\n"
        "heavy = [m for m in sys.modules if m.startswith(('pcntui.store', 'pcntui.report', 'sqlite_utils', 'pydantic'))]\n"
        "sys.stderr.write(str(heavy[:5])); sys.exit(1 if heavy else 0)\n"
    )
    p = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert p.returncode == 0, p.stderr

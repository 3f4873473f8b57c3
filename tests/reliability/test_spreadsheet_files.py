"""Files for Excel: a BOM in every file written with --out (none on stdout), and export → import
gives back the same names, including ones a spreadsheet would take for a formula or a quote."""

from __future__ import annotations

from pathlib import Path

from pcntui.cli.main import main
from pcntui.store import open_store

BOM = b"\xef\xbb\xbf"
NAMES = ["Zoë O'Brien", "=Zoë Formula", "'t Hooft", "+44 Reception", "-Dash Name", "@Handle"]


def rename_staff(db: Path) -> None:
    store = open_store(db)
    with store.action("Rename staff"):
        ids = [r["id"] for r in store.query("SELECT id FROM staff ORDER BY id LIMIT ?", [len(NAMES)])]
        for staff_id, name in zip(ids, NAMES):
            store.conn.execute("UPDATE staff SET name = ? WHERE id = ?", [name, staff_id])
    store.close()


def staff_names(db: Path) -> list[str]:
    store = open_store(db)
    try:
        return sorted(r["name"] for r in store.query("SELECT name FROM staff"))
    finally:
        store.close()


def test_files_carry_a_bom_and_stdout_none(demo_path, tmp_path, capfd):
    out = tmp_path / "staff.csv"
    assert main(["export", "staff", "--out", str(out), "--db", str(demo_path)]) == 0
    assert out.read_bytes().startswith(BOM + b"name,")
    capfd.readouterr()
    assert main(["export", "staff", "--db", str(demo_path)]) == 0
    assert capfd.readouterr().out.startswith("name,")
    folder = tmp_path / "all"
    assert main(["export", "all", "--out", str(folder), "--db", str(demo_path)]) == 0
    files = sorted(folder.glob("*.csv"))
    assert len(files) >= 10
    assert all(f.read_bytes().startswith(BOM) and not f.read_bytes()[3:].startswith(BOM) for f in files)


def test_export_then_import_gives_back_the_same_names(demo_path, tmp_path, capsys):
    rename_staff(demo_path)
    before = staff_names(demo_path)
    out = tmp_path / "staff.csv"
    assert main(["export", "staff", "--out", str(out), "--db", str(demo_path)]) == 0
    text = out.read_bytes().decode("utf-8")
    assert "\r\n'=Zoë Formula," in text and "\r\n''t Hooft," in text and "\r\nZoë O'Brien," in text
    capsys.readouterr()
    assert main(["import", "staff", str(out), "--db", str(demo_path)]) == 0
    report = capsys.readouterr().out
    assert "0 added" in report or "added" not in report, report
    assert staff_names(demo_path) == before

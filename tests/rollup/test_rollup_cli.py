"""`pcntui rollup`: each PCN's row is its own `status --json`, TOTAL is the sum, every file is left
byte-for-byte as it was (even one another pcntui holds open), and unreadable files are skipped."""

from __future__ import annotations

import csv
import io
import json
import sqlite3
import subprocess
import sys
from decimal import Decimal

import pytest
import sqlite_utils

from tests.conftest import ROOT
from tests.rollup.conftest import ENV, fingerprint, foreign_sqlite, pcntui, status_json

COLUMNS = ["pcn_code", "pcn_name", "file", "patients", "arrs_entitlement", "arrs_claimable_to_date", "arrs_forecast",
           "arrs_headroom", "smr_cohorts_behind", "interventions_red", "interventions_amber", "des_overdue", "alerts"]
MONEY = COLUMNS[4:8]


def expected_row(doc: dict, file: str) -> dict:
    """What PRODUCT.md says a PCN's row is, read straight off its `status --json`."""
    arrs, smr = doc["arrs"], doc["smr"]
    return {
        "pcn_code": doc["pcn"]["code"], "pcn_name": doc["pcn"]["name"], "file": file,
        "patients": doc["pcn"]["patients"],
        "arrs_entitlement": arrs["entitlement"], "arrs_claimable_to_date": arrs["claimable"],
        "arrs_forecast": arrs["forecast"], "arrs_headroom": arrs["headroom"],
        "smr_cohorts_behind": sum(c["status"] == "behind" for c in smr["cohorts"]),
        "interventions_red": doc["interventions"]["rag"]["red"],
        "interventions_amber": doc["interventions"]["rag"]["amber"],
        "des_overdue": len(doc["requirements"]["overdue"]),
        "alerts": len(doc["alerts"]),
    }


def check_total(doc: dict) -> None:
    total = doc["total"]
    assert total["pcn_code"] == "TOTAL"
    for c in COLUMNS[3:]:
        values = [r[c] for r in doc["pcns"] if r[c] is not None]
        if not values:
            assert total[c] is None, c
        elif c in MONEY:
            assert Decimal(str(total[c])) == sum(Decimal(str(v)) for v in values), c
        else:
            assert total[c] == sum(values), c


def test_rows_are_each_files_status_and_files_are_unchanged(demo_copy, tmp_path):
    folder = tmp_path / "icb"
    a = demo_copy("riverside.db", folder=folder)
    b = demo_copy("harbour.db", "U12345", folder=folder)
    for extra in ([], ["--fy", "2025/26"], ["--as-of", "2026-06-30"]):
        statuses = {a: status_json(a, *extra), b: status_json(b, *extra)}  # (status keeps its cache in the file)
        before = fingerprint(folder)
        p = pcntui("rollup", folder, "--json", *extra)
        assert fingerprint(folder) == before  # no -wal, -shm, backup, cache or migration beside them
        doc = json.loads(p.stdout)
        assert set(doc) == {"rollup_version", "fy", "as_of", "pcns", "total", "skipped"}
        assert doc["rollup_version"] == 1 and doc["skipped"] == []
        assert [r["pcn_code"] for r in doc["pcns"]] == ["U12345", "U99901"]
        for row in doc["pcns"]:
            path = a if row["pcn_code"] == "U99901" else b
            status = statuses[path]
            assert (doc["fy"], doc["as_of"]) == (status["fy"], status["as_of"])
            assert row == expected_row(status, str(path))
        check_total(doc)


def test_csv_and_db_out_hold_the_same_table(demo_copy, tmp_path):
    a = demo_copy("a.db")
    b = demo_copy("b.db", "U23456")
    doc = json.loads(pcntui("rollup", a, b, "--json").stdout)
    pcntui("rollup", a, b, "--out", tmp_path / "out.csv")
    out = tmp_path / "out.csv"
    assert out.stat().st_mode & 0o777 == 0o600
    rows = list(csv.DictReader(io.StringIO(out.read_text(encoding="utf-8-sig"))))
    assert list(rows[0]) == COLUMNS and len(rows) == 3 and rows[-1]["pcn_code"] == "TOTAL"
    for got, want in zip(rows, [*doc["pcns"], doc["total"]]):
        for c in COLUMNS:
            if c in MONEY:
                assert got[c] == f"{Decimal(str(want[c])):.2f}", c
            else:
                assert got[c] == str(want[c]), c
    pcntui("rollup", a, b, "--out", tmp_path / "out.db")
    db = sqlite_utils.Database(tmp_path / "out.db")
    assert db.table_names() == ["rollup"]
    table = list(db["rollup"].rows)
    assert len(table) == 3 and table[-1]["pcn_code"] == "TOTAL"
    assert table[0]["arrs_entitlement_pence"] == int(Decimal(rows[0]["arrs_entitlement"]) * 100)
    assert table[1]["alerts"] == int(rows[1]["alerts"])


def test_mixed_folder_skips_what_it_cannot_read(demo_copy, demo_template, tmp_path):
    folder = tmp_path / "mixed"
    good = demo_copy("good.db", folder=folder)
    foreign_sqlite(folder / "other-app.db")
    (folder / "corrupt.db").write_bytes(demo_template.read_bytes()[:4096] + b"\0garbage" * 2000)
    newer = demo_copy("newer.db", folder=folder)
    with sqlite3.connect(newer) as conn:
        conn.execute("PRAGMA user_version = 99")
    conn.close()  # (`with` commits but leaves it open: the roll-up runs in this process)
    (folder / "notes.txt").write_text("minutes of the ICB meeting\n")
    old = folder / "v0_1.db"
    old.write_bytes((ROOT / "tests" / "fixtures" / "v0.1.db").read_bytes())
    pcntui("share", "--db", good, "--out", folder / "good.share")
    before = fingerprint(folder)
    p = pcntui("rollup", folder, tmp_path / "missing.db", "--json")
    doc = json.loads(p.stdout)
    reasons = {r["file"].rsplit("/", 1)[-1]: r["reason"] for r in doc["skipped"]}
    assert set(reasons) == {"other-app.db", "corrupt.db", "newer.db", "notes.txt", "missing.db"}
    assert "not a pcntui database" in reasons["other-app.db"]
    assert "newer pcntui" in reasons["newer.db"]
    assert "not an SQLite file" in reasons["notes.txt"]
    assert "no such file" in reasons["missing.db"]
    assert all("\n" not in r for r in reasons.values())
    files = sorted(r["file"].rsplit("/", 1)[-1] for r in doc["pcns"])
    assert files == ["good.db", "good.share", "v0_1.db"]  # the older file is read (from a migrated copy)
    assert len(p.stderr.strip().splitlines()) == 5  # one line per skipped file
    assert fingerprint(folder) == before
    rows = {r["file"].rsplit("/", 1)[-1]: r for r in doc["pcns"]}
    assert {**rows["good.share"], "file": ""} == {**rows["good.db"], "file": ""}
    # the older file's row is the one `status` gives once the file is upgraded (on a copy)
    upgraded = tmp_path / "upgraded.db"
    upgraded.write_bytes(old.read_bytes())
    assert rows["v0_1.db"] == expected_row(status_json(upgraded), str(old))


def test_no_readable_file_is_exit_2(tmp_path):
    foreign_sqlite(tmp_path / "x.db")
    p = pcntui("rollup", tmp_path / "x.db", tmp_path / "nothing", check=False)
    assert p.returncode == 2
    assert p.stderr.strip().splitlines()[-1].startswith("pcntui: No file could be read")
    assert "Traceback" not in p.stderr


def test_text_fits_the_terminal(demo_copy, tmp_path):
    a = demo_copy("a-file-with-a-rather-long-name.db")
    b = demo_copy("b.db", "U34567")
    for width in (40, 80, 100, 160, 200):
        p = pcntui("rollup", a, b, columns=width)
        lines = p.stdout.splitlines()
        assert all(len(line) <= width for line in lines), (width, max(lines, key=len))
        assert "TOTAL" in p.stdout and "U34567" in p.stdout


HOLDER = """
import sys
from pcntui.store import open_store
store = open_store(sys.argv[1])
for i in range(3):
    with store.action("Committed") as tx:
        tx.execute("UPDATE pcn SET source = ?", [f"seen by the roll-up {i}"])
if sys.argv[2] == "writing":  # a write transaction in progress
    with store.action("Held") as tx:
        tx.execute("UPDATE pcn SET name = 'Not yet saved'")
        print("holding", flush=True)
        sys.stdin.readline()
else:  # open after saving, like a TUI left open
    print("holding", flush=True)
    sys.stdin.readline()
store.close()
"""


@pytest.mark.parametrize("state", ["idle", "writing"])
def test_file_held_open_by_another_pcntui_is_unchanged(demo_copy, tmp_path, state):
    folder = tmp_path / "held"
    path = demo_copy("held.db", folder=folder)
    holder = subprocess.Popen([sys.executable, "-c", HOLDER, str(path), state], stdin=subprocess.PIPE,
                              stdout=subprocess.PIPE, text=True, env=ENV)
    try:
        assert holder.stdout.readline().strip() == "holding"
        assert {p.name for p in folder.iterdir()} >= {"held.db", "held.db-wal", "held.db-shm"}
        before = fingerprint(folder)
        doc = json.loads(pcntui("rollup", folder, "--json").stdout)
        assert fingerprint(folder) == before  # the -shm too: no read mark written into it
        assert [r["pcn_name"] for r in doc["pcns"]] == ["Riverside & Downs Demo PCN"]  # committed state only
    finally:
        holder.communicate("\n", timeout=60)
    assert holder.returncode == 0

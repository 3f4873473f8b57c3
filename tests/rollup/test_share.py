"""`pcntui share`: a file fit to send to the ICB (figures, no people), read by `rollup` like the full file."""

from __future__ import annotations

import json
import sqlite3

from tests.rollup.conftest import fingerprint, pcntui


def secrets_of(db) -> tuple[set[str], set[int]]:
    """Text that names or identifies someone, and the salaries (pence and pounds), in a pcntui file."""
    conn = sqlite3.connect(db)
    texts: set[str] = set()
    for sql in ("SELECT name FROM staff", "SELECT supervisor FROM staff", "SELECT registration_number FROM staff",
                "SELECT note FROM staff", "SELECT nhs_number FROM smr_worklist", "SELECT reference FROM smr_worklist",
                "SELECT reviewer FROM smr_worklist", "SELECT note FROM smr_worklist", "SELECT title FROM intervention",
                "SELECT title FROM des_requirement"):
        texts |= {str(v).strip() for (v,) in conn.execute(sql) if v is not None and len(str(v).strip()) >= 4}
    pence = {v for (v,) in conn.execute("SELECT fte_salary_pence FROM staff_terms")}
    conn.close()
    return texts, pence | {p // 100 for p in pence}


def test_share_file_holds_no_names_salaries_or_nhs_numbers(demo_copy, tmp_path):
    db = demo_copy("demo.db")
    out = tmp_path / "to-icb.share"
    before = fingerprint(tmp_path)
    pcntui("share", "--db", db, "--out", out)
    assert fingerprint(tmp_path) == {**before, "to-icb.share": fingerprint(tmp_path)["to-icb.share"]}  # db as it was
    assert out.stat().st_mode & 0o777 == 0o600
    texts, salaries = secrets_of(db)
    assert len(texts) > 50 and any(t.isdigit() and len(t) == 10 for t in texts) and salaries  # the demo has them
    conn = sqlite3.connect(out)
    assert conn.execute("PRAGMA user_version").fetchone()[0] == 1
    tables = [t for (t,) in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")]
    assert {"share", "pcn_year", "figure", "role_year", "cohort_year", "alert_count"} <= set(tables)
    cells = 0
    for table in tables:
        for row in conn.execute(f"SELECT * FROM {table}"):
            for cell in row:
                cells += 1
                if isinstance(cell, int | float) and not isinstance(cell, bool):
                    assert cell not in salaries, (table, cell)
                text = str(cell).lower()
                leaked = [t for t in texts if t.lower() in text]
                assert not leaked, (table, cell, leaked)
                for salary in salaries:
                    assert text not in (str(salary), f"{salary}.0", f"{salary / 100:.2f}"), (table, cell)
    assert cells > 200
    roles = conn.execute("SELECT count(*) FROM role_year").fetchone()[0]
    cohorts = conn.execute("SELECT count(*) FROM cohort_year").fetchone()[0]
    years = [fy for (fy,) in conn.execute("SELECT fy FROM pcn_year ORDER BY fy")]
    conn.close()
    assert roles > 10 and cohorts >= 6 and years[-1] == "2026/27" and len(years) >= 2


def test_share_gives_the_same_figures_as_the_full_file_for_every_year(demo_copy, tmp_path):
    db = demo_copy("demo.db")
    share = tmp_path / "demo.share"
    pcntui("share", "--db", db, "--out", share)
    years = [fy for (fy,) in sqlite3.connect(share).execute("SELECT fy FROM pcn_year")]
    for fy in years:
        full = json.loads(pcntui("rollup", db, "--json", "--fy", fy).stdout)
        shared = json.loads(pcntui("rollup", share, "--json", "--fy", fy).stdout)
        assert [{**r, "file": ""} for r in shared["pcns"]] == [{**r, "file": ""} for r in full["pcns"]], fy
    # a year it does not hold, or another as-of date named on the command line: skipped, with the reason
    p = pcntui("rollup", share, db, "--json", "--as-of", "2026-10-01")
    doc = json.loads(p.stdout)
    assert [r["file"] for r in doc["pcns"]] == [str(db)]
    assert "as of 2026-11-23, not 2026-10-01" in doc["skipped"][0]["reason"]
    doc = json.loads(pcntui("rollup", share, db, "--json", "--fy", "2019/20").stdout)
    assert "holds no figures for 2019/20" in doc["skipped"][0]["reason"]


def test_share_refuses_a_folder_and_a_missing_database(tmp_path, demo_copy):
    db = demo_copy("demo.db")
    p = pcntui("share", "--db", db, "--out", tmp_path, check=False)
    assert p.returncode == 2 and "folder" in p.stderr
    p = pcntui("share", "--db", tmp_path / "none.db", "--out", tmp_path / "x.share", check=False)
    assert p.returncode == 2 and "no pcntui database" in p.stderr.lower()

"""Backups that happen by themselves (issue 8, item 10): each day, before big imports; listed;
and the warning about cloud-synced folders."""

from __future__ import annotations

import os
import sqlite3
import stat
from datetime import datetime, timedelta

import pcntui.store.backup as backup_mod
from pcntui.cli.main import main
from pcntui.store.backup import daily_backup, list_backups
from pcntui.store import open_store

RATES_HEADER = "role,effective_from,annual_max,reimbursement_pct\n"


def names(folder) -> list[str]:
    return sorted(p.name for p in folder.iterdir()) if folder.is_dir() else []


def test_first_change_of_the_day_is_preceded_by_a_backup(demo_path, tmp_path, capsys):
    folder = tmp_path / "demo.db-backups"
    for read_only in (["status"], ["export", "practices"], ["check"], ["history"], ["arrs", "staff"]):
        assert main([*read_only, "--db", str(demo_path)]) in (0, 1)
    assert not folder.exists()  # reading never writes a backup
    assert main(["intervention", "add", "--title", "Walk-in clinic", "--db", str(demo_path)]) == 0
    [daily] = folder.iterdir()
    assert daily.name.startswith("demo-daily-") and daily.suffix == ".db"
    assert stat.S_IMODE(folder.stat().st_mode) == 0o700 and stat.S_IMODE(daily.stat().st_mode) == 0o600
    conn = sqlite3.connect(daily)
    assert conn.execute("SELECT count(*) FROM intervention WHERE title = 'Walk-in clinic'").fetchone() == (0,)
    conn.close()
    assert main(["intervention", "add", "--title", "Second", "--db", str(demo_path)]) == 0
    assert len(names(folder)) == 1  # one a day


def test_a_new_empty_database_is_not_backed_up(tmp_path):
    store = open_store(tmp_path / "new.db", mode="create")
    assert daily_backup(store) is None
    store.close()
    assert not (tmp_path / "new.db-backups").exists()


def test_daily_copies_keep_7_days_and_4_weeks(demo_store, tmp_path):
    start = datetime(2026, 9, 1, 9, 30)  # a Tuesday
    for day in range(60):
        assert daily_backup(demo_store, start + timedelta(days=day)) is not None
        assert daily_backup(demo_store, start + timedelta(days=day, hours=3)) is None  # once a day
    kept = sorted(b.made.date() for b in list_backups(demo_store.path) if b.kind == "daily")
    last = (start + timedelta(days=59)).date()  # Friday 30 October 2026
    days = [last - timedelta(days=n) for n in range(7)]  # 24–30 October
    # The newest copy of each of the last 4 ISO weeks: Fri 30 Oct (week 44), Sun 25, 18, 11 Oct.
    weeks = [last, datetime(2026, 10, 25).date(), datetime(2026, 10, 18).date(), datetime(2026, 10, 11).date()]
    assert kept == sorted(set(days) | set(weeks))
    assert len(kept) == 9  # 24–30 October, and 11 and 18 October


def test_rules_and_large_imports_are_backed_up_first(demo_path, tmp_path, capsys, monkeypatch):
    folder = tmp_path / "demo.db-backups"
    monkeypatch.setattr(backup_mod, "daily_backup", lambda store, when=None: None)  # only import copies here
    rates = tmp_path / "rates.csv"
    rates.write_text(RATES_HEADER + "clinical_pharmacist,2027-04-01,60000,100\n", encoding="utf-8")
    assert main(["import", "rates", str(rates), "--db", str(demo_path), "--dry-run"]) == 0
    assert not folder.exists()  # a dry run changes nothing, so needs no copy
    assert main(["import", "rates", str(rates), "--db", str(demo_path)]) == 0
    [copy] = folder.iterdir()
    assert copy.name.startswith("demo-before-import-")
    conn = sqlite3.connect(copy)
    assert conn.execute("SELECT count(*) FROM arrs_rate WHERE effective_from = '2027-04-01'").fetchone() == (0,)
    conn.close()

    small = tmp_path / "staff.csv"
    small.write_text("name,role,wte,start_date,end_date,fte_salary,oncost_pct,arrs_funded\n"
                     "Jo Small,clinical_pharmacist,1,2026-04-01,,50000,,yes\n", encoding="utf-8")
    assert main(["import", "staff", str(small), "--db", str(demo_path)]) == 0
    assert len(names(folder)) == 1  # a one-row import is not "large"

    large = tmp_path / "worklist.csv"
    rows = "".join(f"Y90002,REF{n:05d},CARE_HOME\n" for n in range(1000))
    large.write_text("practice_code,reference,cohort\n" + rows, encoding="utf-8")
    assert main(["import", "smr-worklist", str(large), "--db", str(demo_path)]) == 0, capsys.readouterr().err
    assert len(names(folder)) == 2


def test_a_refused_import_leaves_no_copy(demo_path, tmp_path, capsys):
    rates = tmp_path / "rates.csv"
    rates.write_text(RATES_HEADER + "nobody,2027-04-01,60000,100\n", encoding="utf-8")
    assert main(["import", "rates", str(rates), "--db", str(demo_path)]) == 2
    assert not (tmp_path / "demo.db-backups").exists()


def test_backup_list_newest_first_with_date_and_size(demo_path, tmp_path, capsys, monkeypatch):
    assert main(["backup", "--list", "--db", str(demo_path)]) == 0
    assert "No backups of" in capsys.readouterr().out
    for when in (datetime(2026, 11, 20, 8, 0), datetime(2026, 11, 23, 9, 15)):
        monkeypatch.setattr(backup_mod, "now", lambda when=when: when)
        assert main(["backup", "--db", str(demo_path)]) == 0
    out = capsys.readouterr().out
    assert "demo.db-backups/demo-backup-20261123-091500.db" in out
    assert main(["backup", "--list", "--db", str(demo_path)]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert "newest first" in lines[0]
    assert lines[1].split()[:2] == ["2026-11-23", "09:15"] and lines[1].endswith("demo-backup-20261123-091500.db")
    assert lines[2].split()[:2] == ["2026-11-20", "08:00"]
    assert "KB" in lines[1] and "pcntui restore" in lines[-1]


def test_backup_list_works_when_the_database_is_gone(demo_path, tmp_path, capsys):
    """The list is what you need after losing the file: it does not need the database."""
    assert main(["backup", "--db", str(demo_path)]) == 0
    os.remove(demo_path)
    capsys.readouterr()
    assert main(["backup", "--list", "--db", str(demo_path)]) == 0
    assert "demo-backup-" in capsys.readouterr().out


def test_cloud_folder_warned_once(tmp_path, capsys):
    from pcntui.demo import write_demo

    path = tmp_path / "Dropbox" / "PCN" / "pcn.db"
    write_demo(path, today=datetime(2026, 11, 23).date())
    assert main(["intervention", "add", "--title", "One", "--db", str(path)]) == 0
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "Dropbox folder" in err and "corrupt" in err
    assert main(["intervention", "add", "--title", "Two", "--db", str(path)]) == 0
    assert capsys.readouterr().err == ""
    local = tmp_path / "local.db"
    write_demo(local, today=datetime(2026, 11, 23).date())
    assert main(["intervention", "add", "--title", "Three", "--db", str(local)]) == 0
    assert capsys.readouterr().err == ""


def test_cloud_service_names():
    from pathlib import Path

    from pcntui.store.files import cloud_service

    assert cloud_service(Path("/Users/jo/Library/Mobile Documents/com~apple~CloudDocs/pcn.db")) == "iCloud Drive"
    assert cloud_service(Path("C:/Users/jo/OneDrive - NHS/pcn.db")) == "OneDrive"
    assert cloud_service(Path("/Users/jo/Library/CloudStorage/GoogleDrive-jo@nhs.net/My Drive/pcn.db")) == "Google Drive"
    assert cloud_service(Path("/home/jo/Documents/pcn.db")) is None


def test_a_backups_time_is_read_from_its_name_as_strptime_reads_it():
    import pytest

    for stamp in ("20261123-091500", "20240229-235959", "19991231-000001"):
        assert backup_mod.stamp_time(stamp) == datetime.strptime(stamp, "%Y%m%d-%H%M%S")
    for bad in ("20261323-091500", "20260230-091500", "20261123-246000"):
        with pytest.raises(ValueError):
            datetime.strptime(bad, "%Y%m%d-%H%M%S")
        with pytest.raises(ValueError):
            backup_mod.stamp_time(bad)


LIST_IN_A_FRESH_PROCESS = """
import sys
from pathlib import Path
from pcntui.store.backup import list_backups
[b] = list_backups(Path(sys.argv[1]))
print(b.kind, b.made.isoformat(), '_strptime' in sys.modules)
"""


def test_listing_backups_sets_up_no_strptime(tmp_path):
    """Each start-up's daily-backup check lists the backups: their times come from their names
    without `datetime.strptime`, whose first call imports `_strptime` and builds its locale's
    patterns (issue 12: time before the dashboard's figures). A fresh process, as `pcntui` starts."""
    import subprocess
    import sys

    db = tmp_path / "pcn.db"
    (tmp_path / "pcn.db-backups").mkdir()
    (tmp_path / "pcn.db-backups" / "pcn-daily-20261123-091500.db").write_bytes(b"")
    out = subprocess.run([sys.executable, "-c", LIST_IN_A_FRESH_PROCESS, str(db)], capture_output=True, text=True)
    assert out.stdout.split() == ["daily", "2026-11-23T09:15:00", "False"], out.stderr


def test_a_file_whose_name_has_no_date_is_listed_as_a_copy_not_a_traceback(demo_path, tmp_path, capsys):
    """A file of the user's in the backups folder named like a backup but whose stamp is no date
    (30 February, month 13, hour 24): listed as a copy (its file's time), kept by the daily
    thinning, and the day's first change still makes its backup (it raised ValueError)."""
    folder = tmp_path / "demo.db-backups"
    folder.mkdir()
    odd = ["mine-daily-20260230-120000.db", "demo-before-import-20261323-091500.db", "demo-backup-20261123-246000-2.db"]
    for name in odd:
        (folder / name).write_bytes(b"")
    listed = {b.path.name: b for b in list_backups(demo_path)}
    assert {n: listed[n].kind for n in odd} == dict.fromkeys(odd, "copy")
    assert main(["backup", "--list", "--db", str(demo_path)]) == 0
    assert main(["intervention", "add", "--title", "Walk-in clinic", "--db", str(demo_path)]) == 0
    assert set(odd) < set(names(folder)) and any(n.startswith("demo-daily-") for n in names(folder))


def test_only_the_databases_own_copies_are_ever_pruned(demo_store):
    """Files the user put in the backups folder named like daily copies of another database (an old
    file's copies, kept by hand) were thinned and deleted with this database's own."""
    start = datetime(2026, 9, 1, 9, 30)
    folder = demo_store.path.parent / f"{demo_store.path.name}-backups"
    folder.mkdir()
    theirs = [folder / f"old-pcn-daily-{start + timedelta(days=d):%Y%m%d-%H%M%S}.db" for d in range(20)]
    theirs.append(folder / "notes.db")  # (named like no copy at all)
    for path in theirs:
        path.write_bytes(b"SQLite format 3\x00")
    for day in range(30):
        daily_backup(demo_store, start + timedelta(days=day))
    assert all(path.exists() for path in theirs)
    mine = [b for b in list_backups(demo_store.path) if b.path.name.startswith("demo-daily-")]
    assert len(mine) < 30  # its own were thinned

"""The SMR cohorts' IIF thresholds are the IIF table's (issue 13 deliverable 3): a cohort year
names its indicator; the thresholds are that indicator's row for the year, the user's row per
indicator winning over the shipped one (a shipped refresh never replaces it, and it hides none
of the year's other shipped indicators). Hand-worked on the PCN U99901 (three practices):

  SMR-01B in 2026/27, 20–40% of the cohort reviewed, higher is better, from an indicators file.
  Severe frailty, 30 September 2026: Y90001 15 / 100 = 15% (below: 0), Y90002 20 / 100 = 20%
  (at the lower threshold: 0), Y90003 45 / 100 = 45% (above: all), PCN 80 / 300 = 26.67%
  (between: (26.667 − 20) / (40 − 20) = 0.333); 40% (at the upper threshold) earns all.
"""

import csv
import io
import json
import shutil
import sqlite3
from dataclasses import replace
from decimal import Decimal as D
from pathlib import Path

import pytest

from pcntui.domain.fy import FinancialYear
from pcntui.reference.iif_reference import shipped_indicators
from pcntui.store import open_store
from pcntui.store.iif import load_indicators
from pcntui.store.smr import find_cohort
from tests.conftest import cli

FY = FinancialYear(2026)
YEAR = ["--fy", "2026/27", "--as-of", "2026-11-23"]
IND_HEADER = ("fy,indicator,ind_code,description,numerator_measure,denominator_measure,lower_threshold,"
              "upper_threshold,points,pound_per_point,higher_is_better\n")
SMR_01B = IND_HEADER + "2026/27,SMR-01B,,Severe frailty SMRs,SMR-01B Numerator,SMR-01B Denominator,20,40,10,198,yes\n"
COUNTS = ("practice_code,cohort,as_of,eligible,completed\n"
          "Y90001,Severe frailty,2026-09-30,100,15\nY90002,Severe frailty,2026-09-30,100,20\n"
          "Y90003,Severe frailty,2026-09-30,100,45\n")
FIXTURE = Path(__file__).resolve().parents[1] / "fixtures" / "v0.1.db"


@pytest.fixture
def db(pcn_store, db_path) -> str:
    pcn_store.close()
    return str(db_path)


def frailty_json(capsys, db: str) -> tuple[dict, dict]:
    code, out, _ = cli(capsys, "status", "--json", *YEAR, "--db", db)
    assert code in (0, 1)
    doc = json.loads(out)
    return doc, next(c for c in doc["smr"]["cohorts"] if c["code"] == "SEVERE_FRAILTY")


def export_iif(capsys, db: str) -> dict[str, dict]:
    code, out, _ = cli(capsys, "export", "iif", *YEAR, "--db", db)
    assert code == 0
    return {r["indicator"]: r for r in csv.DictReader(io.StringIO(out))}


def test_a_cohort_below_at_between_and_above_its_thresholds_read_from_the_iif_table(db, write_csv, capsys):
    assert cli(capsys, "import", "iif-indicators", str(write_csv("ind.csv", SMR_01B)), "--db", db)[0] == 0
    code, out, _ = cli(capsys, "smr", "iif", "Severe frailty", "--fy", "2026/27", "--indicator", "SMR-01B", "--db", db)
    assert code == 0 and "IIF SMR-01B 20–40%" in out  # only named: the thresholds are the table's
    assert cli(capsys, "import", "smr-counts", str(write_csv("counts.csv", COUNTS)), "--db", db)[0] == 0
    _, frailty = frailty_json(capsys, db)
    assert frailty["iif"] == {"indicator": "SMR-01B", "lower_pct": 20.0, "upper_pct": 40.0, "confirmed": True}
    shares = {p["code"]: p["iif_share_now"] for p in frailty["practices"]}
    assert shares == {"Y90001": 0.0, "Y90002": 0.0, "Y90003": 1.0}
    assert frailty["iif_share_now"] == 0.333
    with open_store(db) as store:
        year = find_cohort(store, "SEVERE_FRAILTY").year(FY)
        assert [year.iif_share(p) for p in (10, 20, 30, 40, 50)] == [0.0, 0.0, 0.5, 1.0, 1.0]
        assert store.scalar("SELECT count(*) FROM pragma_table_info('smr_cohort_year') "
                            "WHERE name LIKE 'iif_%_pct'") == 0  # one set of thresholds, not two


def test_smr_iif_writes_the_iif_table_and_export_iif_and_status_agree(db, capsys):
    code, out, _ = cli(capsys, "smr", "iif", "SEVERE_FRAILTY", "--fy", "2026/27", "--indicator", "SMR-01B",
                       "--lower", "20", "--upper", "40", "--db", db)
    assert code == 0 and "IIF SMR-01B 20–40%" in out
    for lower in ("20", "25.5"):
        if lower != "20":
            assert cli(capsys, "smr", "iif", "Severe frailty", "--fy", "2026/27", "--lower", lower, "--db", db)[0] == 0
        rows = export_iif(capsys, db)
        doc, frailty = frailty_json(capsys, db)
        status_row = next(i for i in doc["iif"]["indicators"] if i["indicator"] == "SMR-01B")
        assert (rows["SMR-01B"]["lower_threshold"], rows["SMR-01B"]["upper_threshold"]) == (lower, "40")
        assert status_row["lower_threshold"] == frailty["iif"]["lower_pct"] == float(lower)
        assert status_row["upper_threshold"] == frailty["iif"]["upper_pct"] == 40.0
        assert rows["SMR-01B"]["points_available"] == "" and status_row["points_available"] is None  # not known
        assert list(rows) == ["CAN-04", "HI-03", "SMR-01B"]  # the year's shipped indicators still apply
    code, _, err = cli(capsys, "smr", "iif", "Severe frailty", "--fy", "2026/27", "--lower", "45", "--db", db)
    assert code == 2 and "--lower: 45 is above the upper threshold 40" in err
    code, _, err = cli(capsys, "smr", "iif", "Care home residents", "--fy", "2026/27", "--indicator", "SMR-01X",
                       "--lower", "45", "--db", db)
    assert code == 2 and "--upper: SMR-01X has no thresholds on record for 2026/27: give both." in err
    assert "SMR-01X" not in export_iif(capsys, db)  # refused whole: the mapping was not saved either
    _, frailty = frailty_json(capsys, db)
    assert frailty["iif"]["lower_pct"] == 25.5


def test_the_users_threshold_row_wins_over_a_shipped_refresh_per_indicator(pcn_store, monkeypatch, capsys, db_path):
    from pcntui.services.iif import set_cohort_iif

    set_cohort_iif(pcn_store, "Severe frailty", FY, indicator="HI-03", lower=D(50), upper=D(90))
    shipped = [i for i in shipped_indicators() if i.fy == FY]
    refreshed = tuple(replace(i, lower_threshold=D(70), upper_threshold=D(85), note="a later release")
                      for i in shipped)  # a new release ships new thresholds for both 2026/27 indicators
    monkeypatch.setattr("pcntui.store.iif.shipped_indicators", lambda: refreshed)
    year = {i.indicator: i for i in load_indicators(pcn_store) if i.fy == FY}
    assert list(year) == ["CAN-04", "HI-03"]  # the user's row hides no other indicator of the year
    assert (year["HI-03"].lower_threshold, year["HI-03"].upper_threshold, year["HI-03"].origin) == (50, 90, "user")
    assert (year["CAN-04"].lower_threshold, year["CAN-04"].upper_threshold) == (70, 85)  # the refresh applies
    assert year["HI-03"].points == 36  # the rest of the shipped row came with the user's copy
    assert find_cohort(pcn_store, "SEVERE_FRAILTY").year(FY).iif_lower_pct == 50.0
    pcn_store.undo()  # the action is one step: mapping and thresholds go together
    assert find_cohort(pcn_store, "SEVERE_FRAILTY").year(FY).iif_indicator != "HI-03"
    assert pcn_store.scalar("SELECT count(*) FROM iif_indicator") == 0


def test_an_indicators_file_sets_the_years_other_shipped_rows_aside_and_a_pack_carries_that(pcn_store, write_csv,
                                                                                         tmp_path, capsys):
    from pcntui.store.iif import import_iif_indicators
    from pcntui.store.rules_pack import export_pack, import_pack

    import_iif_indicators(pcn_store, write_csv("ind.csv", SMR_01B))
    assert [i.indicator for i in load_indicators(pcn_store) if i.fy == FY] == ["SMR-01B"]
    pack = tmp_path / "pack.toml"
    pack.write_text(export_pack(pcn_store, FY), encoding="utf-8")
    fresh = tmp_path / "fresh.db"
    with open_store(fresh, mode="create") as other:
        report = import_pack(other, pack)
        assert [line.split(",")[-1].strip() for line in report.lines() if "set aside" in line] == [
            "indicator CAN-04 (shipped; the pack's year does not list it)",
            "indicator HI-03 (shipped; the pack's year does not list it)"]
        assert [i.indicator for i in load_indicators(other) if i.fy == FY] == ["SMR-01B"]
        assert export_pack(other, FY) == pack.read_text(encoding="utf-8")
        other.undo()
        assert [i.indicator for i in load_indicators(other) if i.fy == FY] == ["CAN-04", "HI-03"]


def _v01_with(tmp_path: Path, rows: list[tuple]) -> Path:
    """The v0.1 fixture with more cohort years written as 0.1.0 would have (in an action)."""
    path = tmp_path / "v0.1.db"
    shutil.copyfile(FIXTURE, path)
    conn = sqlite3.connect(path)
    with conn:
        conn.execute("INSERT INTO action(label, at, source, state) VALUES ('more IIF', '2026-11-23T10:00:00', 'cli', "
                     "'open')")
        conn.executemany("INSERT INTO smr_cohort_year(cohort_code, fy, des_priority, des_confirmed, iif_indicator, "
                         "iif_lower_pct, iif_upper_pct, iif_confirmed) VALUES (?, '2026/27', 1, 0, ?, ?, ?, 1)", rows)
        conn.execute("UPDATE action SET state = 'done' WHERE state = 'open'")
    conn.close()
    return path


def test_migration_moves_each_files_cohort_thresholds_into_the_iif_table(tmp_path, capsys):
    path = _v01_with(tmp_path, [("POLYPHARMACY", "SMR-01D", 30.0, 60.0), ("MED_ERRORS", "SMR-01D", 40.0, 80.0),
                                ("ADDICTIVE", "HI-03", 60.0, 80.0), ("SEVERE_FRAILTY", "SMR-01B", 25.0, None)])
    with open_store(path) as store:
        rows = store.query("SELECT fy, indicator, lower_threshold, upper_threshold, points, note FROM iif_indicator")
    assert [(r["fy"], r["indicator"], r["lower_threshold"], r["upper_threshold"], r["points"]) for r in rows] == [
        ("2026/27", "SMR-01D", "40", "80", None)]  # HI-03 60–80% is the shipped row: nothing to keep
    assert "Other cohorts' thresholds then: POLYPHARMACY 30–60%." in rows[0]["note"]
    assert list(tmp_path.glob("v0.1.db.v1-*.bak"))
    doc = json.loads(cli(capsys, "status", "--json", *YEAR, "--db", str(path))[1])
    iif = {c["code"]: c["iif"] for c in doc["smr"]["cohorts"]}
    assert (iif["CARE_HOME"]["lower_pct"], iif["CARE_HOME"]["upper_pct"]) == (40.0, 80.0)
    assert (iif["POLYPHARMACY"]["lower_pct"], iif["ADDICTIVE"]["lower_pct"]) == (40.0, 60.0)  # one set per indicator
    assert iif["SEVERE_FRAILTY"]["lower_pct"] is None  # half a pair never counted: there is no row for it
    for label in ("more IIF", "Change salary of Aisha Khan from 2026-10-01", "Set SMR Care home residents for 2026/27"):
        code, out, _ = cli(capsys, "undo", "--yes", "--db", str(path))
        assert code == 0 and label in out
    with open_store(path) as store:  # the action that set the thresholds took its iif_indicator row with it
        assert store.scalar("SELECT count(*) FROM iif_indicator") == 0
        assert store.scalar("SELECT count(*) FROM smr_cohort_year") == 0


V5_IIF_TABLE = """CREATE TABLE iif_indicator (
    fy TEXT NOT NULL, indicator TEXT NOT NULL COLLATE NOCASE, ind_code TEXT NOT NULL DEFAULT '',
    description TEXT NOT NULL DEFAULT '', numerator_measure TEXT NOT NULL, denominator_measure TEXT NOT NULL,
    lower_threshold TEXT NOT NULL, upper_threshold TEXT NOT NULL, points TEXT NOT NULL,
    pound_per_point_pence INTEGER NOT NULL, higher_is_better INTEGER NOT NULL DEFAULT 1,
    reference_list_size INTEGER, confirmed INTEGER NOT NULL DEFAULT 1, source TEXT NOT NULL DEFAULT '',
    note TEXT NOT NULL DEFAULT '', rev INTEGER NOT NULL DEFAULT 0, PRIMARY KEY (fy, indicator))"""


def test_migration_keeps_what_a_file_with_its_own_iif_table_showed(tmp_path, capsys):
    """As schema v4/v5 wrote it: the user's indicators for 2026/27 (SMR-01D 20–40%, 10 points)
    replaced the shipped year as a whole, and care-home residents kept 40–80% on the cohort."""
    path = tmp_path / "v0.1.db"
    shutil.copyfile(FIXTURE, path)
    conn = sqlite3.connect(path)
    with conn:
        conn.execute(V5_IIF_TABLE)
        conn.execute("INSERT INTO action(label, at, source, state) VALUES ('Import IIF indicators from ind.csv', "
                     "'2026-11-23T10:00:00', 'cli', 'done')")
        conn.execute("INSERT INTO iif_indicator(fy, indicator, numerator_measure, denominator_measure, lower_threshold, "
                     "upper_threshold, points, pound_per_point_pence) VALUES ('2026/27', 'SMR-01D', 'N', 'D', '20', "
                     "'40', '10', 19800)")
        conn.execute("INSERT INTO change(action_id, table_name, row_id, op, before, after) SELECT max(a.id), "
                     "'iif_indicator', i.rowid, 'insert', NULL, json_object('fy', i.fy, 'indicator', i.indicator, "
                     "'lower_threshold', i.lower_threshold, 'upper_threshold', i.upper_threshold, 'rev', i.rev) "
                     "FROM action a, iif_indicator i")
    conn.close()
    rows = export_iif(capsys, str(path))
    assert list(rows) == ["SMR-01D"]  # the shipped CAN-04 and HI-03 stay set aside, as the file showed
    assert (rows["SMR-01D"]["lower_threshold"], rows["SMR-01D"]["points_available"]) == ("40", "10")
    doc = json.loads(cli(capsys, "status", "--json", *YEAR, "--db", str(path))[1])
    care = next(c for c in doc["smr"]["cohorts"] if c["code"] == "CARE_HOME")
    assert (care["iif"]["lower_pct"], care["iif"]["upper_pct"], care["iif_share_now"]) == (40.0, 80.0, 0.246)
    with open_store(path) as store:
        assert "(the row had 20–40%)" in store.scalar("SELECT note FROM iif_indicator WHERE indicator = 'SMR-01D'")
    # the import came after the cohort's thresholds: undo goes back through both, in order
    assert "Import IIF indicators" in cli(capsys, "undo", "--yes", "--db", str(path))[1]
    assert list(export_iif(capsys, str(path))) == ["CAN-04", "HI-03"]
    assert cli(capsys, "undo", "--yes", "--db", str(path))[0] == 0  # the salary change
    assert "Set SMR Care home residents" in cli(capsys, "undo", "--yes", "--db", str(path))[1]
    with open_store(path) as store:
        assert store.scalar("SELECT count(*) FROM iif_indicator") == 0

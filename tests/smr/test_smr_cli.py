"""The shell side: import/export/status and `pcntui smr …` via main([...]), exit codes, CSV."""

import csv
import io
import json

import pytest

from pcntui.cli.main import main
from pcntui.views.smr.overview import COLUMNS
from tests.conftest import cli, content_sha

SMR_COLUMNS = [c.key for c in COLUMNS]

AS_OF = "2026-11-23"


@pytest.fixture
def db(smr_demo):
    return str(smr_demo)


def test_demo_has_one_cohort_on_track_one_behind_one_ahead(db, capsys):
    code, out, _ = cli(capsys, "status", "--db", db, "--as-of", AS_OF, "--json")
    assert code == 0
    smr = json.loads(out)["smr"]
    status = {c["code"]: c["status"] for c in smr["cohorts"]}
    assert status["CARE_HOME"] == "on track"
    assert status["POLYPHARMACY"] == "behind"
    assert status["SEVERE_FRAILTY"] == "ahead"
    assert {"at risk", "met"} <= set(status.values())
    care = next(c for c in smr["cohorts"] if c["code"] == "CARE_HOME")
    assert len(care["practices"]) == 6 and care["target"] == {"kind": "percent", "value": 80.0}
    assert care["eligible"] == sum(p["eligible"] for p in care["practices"])
    # a year of monthly counts: last year's twelve months and this year's to date
    code, out, _ = cli(capsys, "export", "smr-counts", "--db", db, "--fy", "2025/26", "--as-of", AS_OF)
    rows = list(csv.DictReader(io.StringIO(out)))
    assert len({r["as_of"] for r in rows}) == 12 and len({r["practice_code"] for r in rows}) == 6
    local = next(c for c in smr["cohorts"] if c["code"] == "HOUSEBOUND_DOAC")
    assert {p["source"] for p in local["practices"]} == {"worklist", "none"}
    assert smr["capacity"]["reviews_needed"] == smr["reviews_needed"] > 0


def test_status_text_fits_80_columns_and_flags(db, capsys):
    code, out, _ = cli(capsys, "status", "--db", db, "--as-of", AS_OF, "--fail-on-alerts")
    assert code == 1
    assert max(len(line) for line in out.splitlines()) <= 80
    block = out.split("SMR COHORTS")[1].split("\n\n")[0]
    assert "Complex polypharmacy" in block and "behind" in block and "Capacity:" in block
    assert "2 SMR cohorts are behind their target." in out  # Complex polypharmacy and the local cohort, grouped
    code, doc, _ = cli(capsys, "status", "--db", db, "--as-of", AS_OF, "--json")
    assert any(a["message"].startswith("SMR Complex polypharmacy is behind") for a in json.loads(doc)["alerts"])
    assert "completed went down" in out  # the demo's bad month is flagged


def test_export_smr_columns_and_total_rows(db, capsys, tmp_path):
    out_file = tmp_path / "smr.csv"
    code, _, err = cli(capsys, "export", "smr", "--db", db, "--as-of", AS_OF, "--out", str(out_file))
    assert code == 0 and "Wrote" in err
    assert oct(out_file.stat().st_mode & 0o777) == "0o600"
    rows = list(csv.DictReader(out_file.open(encoding="utf-8-sig")))
    assert list(rows[0]) == SMR_COLUMNS
    for required in ("eligible", "completed", "percent", "target", "forecast", "status"):
        assert required in SMR_COLUMNS
    totals = [r for r in rows if r["practice_code"] == "TOTAL"]
    assert len(totals) == 7  # six shipped cohorts + the demo's local one
    care = [r for r in rows if r["cohort_code"] == "CARE_HOME"]
    assert sum(int(r["completed"]) for r in care if r["practice_code"] != "TOTAL") == int(care[-1]["completed"])
    assert care[-1]["target"] == "80.0" and care[-1]["status"] == "on track"
    assert float(care[0]["percent"]) == pytest.approx(100 * int(care[0]["completed"]) / int(care[0]["eligible"]),
                                                      abs=0.05)


def test_export_worklist_masks_nhs_numbers(db, capsys):
    code, out, _ = cli(capsys, "export", "smr-worklist", "--db", db)
    assert code == 0
    rows = list(csv.DictReader(io.StringIO(out)))
    numbers = [r["nhs_number_masked"] for r in rows if r["nhs_number_masked"]]
    assert numbers and all(n.startswith("*** *** ") for n in numbers)


def test_import_smr_counts_and_malformed_file(db, capsys, write_csv):
    good = write_csv("c.csv", """\
        practice_code,cohort,as_of,eligible,completed
        Y90001,Care home residents,2026-11-20,70,40
    """)
    code, out, _ = cli(capsys, "import", "smr-counts", str(good), "--db", db)
    assert code == 0 and "1 added" in out
    before = content_sha(db)
    bad = write_csv("bad.csv", """\
        practice_code,cohort,as_of,eligible,completed
        Y90001,Care home residents,2026-11-21,70,41
        Y90001,Gout,2026-11-21,70,x
    """)
    code, out, err = cli(capsys, "import", "smr-counts", str(bad), "--db", db)
    assert code == 2 and out == ""
    assert "row 3, column completed" in err and "row 3, column cohort" in err and "Traceback" not in err
    assert content_sha(db) == before


def test_target_progress_and_settings_commands(db, capsys):
    code, out, _ = cli(capsys, "smr", "target", "polypharmacy", "--percent", "35", "--fy", "2026/27", "--db", db)
    assert code == 0 and "target 35%" in out
    code, out, _ = cli(capsys, "smr", "progress", "--cohort", "POLYPHARMACY", "--as-of", AS_OF, "--db", db)
    assert code == 0 and "target 35%" in out and "PCN total" in out and "History" in out
    assert max(len(line) for line in out.splitlines()) <= 80
    code, out, _ = cli(capsys, "smr", "progress", "--json", "--practice", "Y90003", "--as-of", AS_OF, "--db", db)
    doc = json.loads(out)
    assert all([p["code"] for p in c["practices"]] == ["Y90003"] for c in doc["cohorts"])
    code, out, _ = cli(capsys, "smr", "settings", "--minutes-per-review", "45", "--db", db)
    assert code == 0 and "minutes per SMR: 45" in out
    code, out, _ = cli(capsys, "smr", "capacity", "--json", "--as-of", AS_OF, "--db", db)
    assert json.loads(out)["minutes_per_review"] == 45
    code, out, _ = cli(capsys, "smr", "cohorts", "--fy", "2022/23", "--db", db)
    assert "IIF SMR-01B thresholds unknown" in out


def test_iif_and_local_cohort_commands(db, capsys):
    code, out, _ = cli(capsys, "smr", "iif", "SEVERE_FRAILTY", "--fy", "2022/23", "--lower", "20", "--upper", "40",
                       "--db", db)
    assert code == 0 and "IIF SMR-01B 20–40%" in out
    code, out, _ = cli(capsys, "smr", "add-cohort", "Frail housebound", "--definition", "x", "--db", db)
    assert code == 0 and "FRAIL_HOUSEBOUND" in out
    code, _, err = cli(capsys, "smr", "delete-cohort", "FRAIL_HOUSEBOUND", "--db", db)
    assert code == 2 and "--yes" in err
    assert cli(capsys, "smr", "delete-cohort", "FRAIL_HOUSEBOUND", "--yes", "--db", db)[0] == 0


def test_worklist_paging_from_the_shell(db, capsys):
    code, out, _ = cli(capsys, "smr", "worklist", "--limit", "5", "--db", db)
    assert code == 0 and "next page: --after" in out and "*** *** " in out
    key = out.split("--after '")[1].split("'")[0]
    code, out2, _ = cli(capsys, "smr", "worklist", "--limit", "5", "--after", key, "--db", db)
    assert code == 0 and out2.splitlines()[2] != out.splitlines()[2]
    code, out, _ = cli(capsys, "smr", "worklist", "--status", "not suitable", "--show-nhs-numbers", "--db", db)
    assert code == 0 and "not suitable" in out


@pytest.mark.parametrize("argv", [
    ["smr", "target", "CARE_HOME", "--percent", "150"],
    ["smr", "target", "gout", "--percent", "50"],
    ["smr", "target", "CARE_HOME"],  # neither --percent nor --count
    ["smr", "worklist", "--status", "lost"],
    ["smr", "worklist", "--after", "not json"],
    ["smr", "share", "Nobody Here", "--percent", "20"],
    ["import", "smr-counts", "/no/such/file.csv"],
])
def test_bad_input_exits_2_with_one_line(db, capsys, argv):
    code, _, err = cli(capsys, *argv, "--db", db)
    assert code == 2 and err.strip() and "Traceback" not in err

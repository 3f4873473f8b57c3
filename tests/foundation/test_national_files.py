"""PCN set-up from the real published files in ../shared/data (skipped only when absent)."""

import csv
import hashlib

import pytest

from pcntui.cli.main import main
from pcntui.ingest.national import read_imd, read_list_sizes, read_practice_map
from pcntui.store import open_store
from pcntui.store.pcn import pcns_in_map, practices_overview, setup
from tests.conftest import AGE_FILE, IMD_FILE, MAP_FILE

pytestmark = pytest.mark.realdata


def expected_members(path, pcn):
    with open(path, encoding="utf-8-sig", newline="") as fh:
        return {r["PRACTICE_CODE"]: r["PRACTICE_NAME"] for r in csv.DictReader(fh) if r["PCN_CODE"] == pcn}


def expected_list_size(path, practice):
    with open(path, encoding="utf-8-sig", newline="") as fh:
        for r in csv.DictReader(fh):
            if r["ORG_CODE"] == practice and r["SEX"] == "ALL" and r["AGE_GROUP_5"] == "ALL":
                return int(r["NUMBER_OF_PATIENTS"])


def test_map_reads_every_row_including_unallocated(shared_data):
    mapped = read_practice_map(shared_data / MAP_FILE)
    assert len(mapped) == 169
    assert sum(1 for p in mapped if p.pcn_code == "U") == 15
    assert all(p.extract_date.isoformat() == "2026-07-01" for p in mapped)
    assert {p.supplier for p in mapped} <= {"EMIS", "TPP", "Unknown", None}


def test_cissbury_set_up_with_right_practices_and_list_sizes(shared_data, store):
    setup(store, "U01092", shared_data / MAP_FILE, shared_data / AGE_FILE, shared_data / IMD_FILE)
    rows = {r.code: r for r in practices_overview(store)}
    assert {c: r.name for c, r in rows.items()} == expected_members(shared_data / MAP_FILE, "U01092")
    for code, row in rows.items():
        assert row.patients == expected_list_size(shared_data / AGE_FILE, code)
        assert row.list_date == "2026-07-01"
        assert row.imd is not None and row.imd.of == 242 and row.imd.quintile is None
    assert rows["H82076"].supplier == "EMIS"
    assert store.query("SELECT name, icb_code FROM pcn") == [
        {"name": "CISSBURY INTEGRATED CARE PCN", "icb_code": "S9B9J"}
    ]


def test_every_pcn_in_the_files_sets_up(shared_data, tmp_path, national_files_read_once, empty_copy):
    mapped = read_practice_map(shared_data / MAP_FILE)
    sizes = {s.practice_code: s.patients for s in read_list_sizes(shared_data / AGE_FILE)}
    for code, name, n in pcns_in_map(mapped):
        store = open_store(empty_copy(tmp_path / f"{code}.db"))
        setup(store, code, shared_data / MAP_FILE, shared_data / AGE_FILE, shared_data / IMD_FILE)
        rows = practices_overview(store)
        assert len(rows) == n, code
        assert all(r.patients == sizes.get(r.code) for r in rows), code
        store.close()


def test_imd_file(shared_data):
    scores = read_imd(shared_data / IMD_FILE)
    assert len(scores) == 242
    assert {s.imd_year for s in scores} == {2025}


def test_unknown_pcn_changes_nothing(shared_data, db_path, capsys):
    assert main(["demo", "--db", str(db_path), "--as-of", "2026-11-23"]) == 0
    before = hashlib.sha256(db_path.read_bytes()).hexdigest()
    code = main(["setup", "--pcn", "U00000", "--practices", str(shared_data / MAP_FILE), "--db", str(db_path)])
    err = capsys.readouterr().err
    assert code == 2 and "U00000 is not in" in err and "Traceback" not in err
    assert hashlib.sha256(db_path.read_bytes()).hexdigest() == before


def test_cli_setup_then_status(shared_data, db_path, capsys):
    args = ["setup", "--pcn", "u14816", "--practices", str(shared_data / MAP_FILE),
            "--list-sizes", str(shared_data / AGE_FILE), "--imd", str(shared_data / IMD_FILE), "--db", str(db_path)]
    assert main(args) == 0
    out = capsys.readouterr().out
    assert "practices: 4 added" in out
    assert main(["status", "--db", str(db_path), "--as-of", "2026-11-23"]) == 0
    out = capsys.readouterr().out
    assert "U14816 HEALTHY CRAWLEY PCN" in out
    assert max(len(line) for line in out.splitlines()) <= 80
    # running set-up again changes nothing and adds no undo step
    assert main(args) == 0
    assert "0 added, 0 updated, 4 unchanged" in capsys.readouterr().out
    assert main(["history", "--db", str(db_path)]) == 0
    assert capsys.readouterr().out.count("Set up PCN") == 1


def test_dry_run_changes_nothing(shared_data, db_path, capsys):
    assert main(["setup", "--pcn", "U01092", "--practices", str(shared_data / MAP_FILE), "--dry-run",
                 "--db", str(db_path)]) == 0
    assert "Dry run" in capsys.readouterr().out
    assert not db_path.exists()  # not even an empty database (it would skip first run)


def test_refresh_imports(shared_data, db_path, capsys):
    assert main(["setup", "--pcn", "U01092", "--practices", str(shared_data / MAP_FILE), "--db", str(db_path)]) == 0
    assert main(["import", "list-sizes", str(shared_data / AGE_FILE), "--db", str(db_path)]) == 0
    assert main(["import", "imd", str(shared_data / IMD_FILE), "--db", str(db_path)]) == 0
    assert main(["import", "practices", str(shared_data / MAP_FILE), "--db", str(db_path)]) == 0
    out = capsys.readouterr().out
    assert "list-sizes: 4 added" in out and "imd: 242 added" in out and "practices: 0 added" in out
    assert "quintiles are worked out across them); 4 of the PCN's 4 practices are among them." in out
    assert main(["export", "practices", "--db", str(db_path)]) == 0
    rows = list(csv.DictReader(capsys.readouterr().out.splitlines()))
    assert len(rows) == 4 and all(r["list_size_date"] == "2026-07-01" for r in rows)


def test_wrong_file_kind_names_missing_columns(shared_data, db_path, capsys):
    code = main(["setup", "--pcn", "U01092", "--practices", str(shared_data / IMD_FILE), "--db", str(db_path)])
    err = capsys.readouterr().err
    assert code == 2 and "PCN_CODE" in err and "missing" in err


def test_imd_note_names_member_practices_without_a_score(shared_data, store, tmp_path):
    """242 scores added for a 4-practice PCN is explained, and a member missing from the file is named."""
    rows = list(csv.reader(open(shared_data / IMD_FILE, encoding="utf-8-sig", newline="")))
    code_col = next(i for i, name in enumerate(rows[0]) if "code" in name.lower())
    cut = tmp_path / "imd-without-h82076.csv"
    with open(cut, "w", encoding="utf-8", newline="") as fh:
        csv.writer(fh).writerows([r for r in rows if r[code_col] != "H82076"])
    reports = setup(store, "U01092", shared_data / MAP_FILE, imd_file=cut)
    assert reports[-1].notes == [
        "Every practice's score in the file is kept (deprivation quintiles are worked out across them); "
        "3 of the PCN's 4 practices are among them.",
        "No IMD score in the file for H82076."]

"""The rules pack (issue 10): `rules export` → `rules import` round-trips exactly into a fresh
database; the import lists its changes row by row, applies them as one undoable action after a
backup, and refuses a pack with any bad row whole, naming section, row and field."""

from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest

from pcntui.domain.arrs_rules import CapRow, FundingRate, RateRow
from pcntui.domain.fy import FinancialYear
from pcntui.store import open_store
from pcntui.store.arrs import load_rulebook, save_cap, save_funding_rate, save_rate
from pcntui.store.requirements import resolve_id
from pcntui.store.rules_pack import build_pack, export_pack
from pcntui.services.iif import set_cohort_iif
from tests.conftest import cli, file_sha

FY = FinancialYear.parse("2026/27")


def fresh(tmp_path: Path, name: str = "fresh.db") -> Path:
    path = tmp_path / name
    open_store(path, mode="create").close()
    return path


def with_local_rows(path: Path) -> None:
    """The demo with the user's (or an ICB's) own rows in every kind of table a pack holds."""
    with open_store(path) as store:
        save_rate(store, RateRow("CP", date(2026, 8, 1), Decimal("71234.56"), Decimal(100), Decimal("82000.10"),
                                 None, note="ICB letter 3 Aug 2026"), source="icb-2026-27.csv")
        save_rate(store, RateRow("GPN", date(2026, 4, 1), Decimal("45000"), Decimal(100), band="5"))
        save_cap(store, CapRow("DTL", FinancialYear.parse("2026/27"), None, Decimal("1.5"), Decimal(2),
                               source="ICB"))
        save_funding_rate(store, FundingRate(FY, Decimal("27.125"), None, confirmed=True, source="ICB \"final\" figure"))
        with store.action("Edit DES requirement: cancer") as tx:  # the user's own wording of a shipped item
            tx.db["des_requirement"].update(resolve_id(store, ref_key="2026-27-cancer"), {
                "title": "Cancer: FIT for every suspected colorectal referral", "due_confirmed": 1})
        set_cohort_iif(store, "CARE_HOME", FY, indicator="LOCAL-1", lower=Decimal(40), upper=Decimal("75.5"))
        with store.action("an ICB's IIF indicator") as tx:
            tx.db["iif_indicator"].insert({
                "fy": "2026/27", "indicator": "LOCAL-9", "numerator_measure": "N", "denominator_measure": "D",
                "lower_threshold": "20", "upper_threshold": "60.5", "points": "12.25", "pound_per_point_pence": 19800,
                "higher_is_better": 1, "source": "ICB", "note": "tab\there"})


@pytest.mark.parametrize("local", [False, True], ids=["demo", "demo-with-local-rows"])
def test_export_then_import_into_a_fresh_database_round_trips_exactly(demo_db, tmp_path, capsys, local):
    if local:
        with_local_rows(demo_db)
    pack = tmp_path / "2026-27.toml"
    assert cli(capsys, "rules", "export", "--fy", "2026/27", "--out", str(pack), "--db", str(demo_db))[0] == 0
    target = fresh(tmp_path)
    code, out, err = cli(capsys, "rules", "import", str(pack), "--db", str(target))
    assert code == 0, err
    again = tmp_path / "again.toml"
    assert cli(capsys, "rules", "export", "--fy", "2026/27", "--out", str(again), "--db", str(target))[0] == 0
    assert again.read_bytes() == pack.read_bytes()
    with open_store(demo_db) as a, open_store(target) as b:
        assert build_pack(a, FY).rows == build_pack(b, FY).rows
        if local:  # the local rows are in the user's tables; shipped rows were not copied in
            assert b.scalar("SELECT count(*) FROM arrs_rate") == 2
            assert load_rulebook(b).rate_on("CP", date(2026, 9, 1)).annual_max == Decimal("71234.56")
            # per indicator: the two local rows (an ICB's, the cohort's thresholds); the shipped ones still apply
            assert [r["indicator"] for r in b.query("SELECT indicator FROM iif_indicator ORDER BY indicator")] == [
                "LOCAL-1", "LOCAL-9"]
            assert [r["indicator"] for r in build_pack(b, FY).rows["iif_indicator"]] == [
                "CAN-04", "HI-03", "LOCAL-1", "LOCAL-9"]
    # importing the same pack again changes nothing
    code, out, _ = cli(capsys, "rules", "import", str(pack), "--db", str(target))
    assert "0 rows added, 0 changed" in out


def test_dry_run_lists_each_change_and_the_import_is_one_undoable_action(demo_db, tmp_path, capsys):
    pack = tmp_path / "p.toml"
    with open_store(demo_db) as store:
        text = export_pack(store, FY)
        before = text
    text = text.replace('role = "CP"\neffective_from = 2025-04-01\nannual_max = "69383.00"',
                        'role = "CP"\neffective_from = 2025-04-01\nannual_max = "70000.00"', 1)
    text = text.replace('[[funding]]\nfy = "2026/27"\nrate_per_patient = "26.631"',
                        '[[funding]]\nfy = "2026/27"\nrate_per_patient = "27.5"', 1)
    text += '\n[[rate]]\nrole = "General Practitioner"\neffective_from = 2026-10-01\nannual_max = "110000"\n' \
            'reimbursement_pct = "100"\nconfirmed = true\nsource = "ICB"\norigin = "local"\n'
    pack.write_text(text, encoding="utf-8")
    unchanged = file_sha(demo_db)
    code, out, err = cli(capsys, "rules", "import", str(pack), "--dry-run", "--db", str(demo_db))
    assert code == 0, err
    assert "Rules pack 2026/27 (p.toml): 1 row added, 2 changed," in out
    assert "changed  rate role CP, effective_from 2025-04-01: annual_max 69383.00 → 70000.00; " \
           "origin shipped → local" in out
    assert "changed  funding fy 2026/27: rate_per_patient 26.631 → 27.5; origin shipped → local" in out
    assert "added    rate role GP, effective_from 2026-10-01" in out
    assert "Dry run: nothing was saved." in out
    assert file_sha(demo_db) == unchanged
    code, out, err = cli(capsys, "rules", "import", str(pack), "--db", str(demo_db))
    assert code == 0, err
    assert list((tmp_path / "demo.db-backups").glob("demo-before-import-*.db"))
    with open_store(demo_db) as store:
        book = load_rulebook(store)
        assert book.rate_on("CP", date(2026, 5, 1)).annual_max == Decimal("70000.00")
        assert book.rate_on("GP", date(2026, 11, 1)).annual_max == Decimal("110000.00")
        assert book.funding_for(FY).rate_per_patient == Decimal("27.5")
        assert [h.label for h in store.history(1)] == ["Import rules pack 2026/27 from p.toml"]
    assert cli(capsys, "undo", "--yes", "--db", str(demo_db))[0] == 0
    with open_store(demo_db) as store:
        assert export_pack(store, FY) == before


def test_a_shipped_row_in_a_pack_puts_the_shipped_figure_back_in_place_of_the_users(demo_db, tmp_path, capsys):
    target = fresh(tmp_path)
    pack = tmp_path / "shipped.toml"
    assert cli(capsys, "rules", "export", "--fy", "2026/27", "--out", str(pack), "--db", str(target))[0] == 0
    with open_store(demo_db) as store:
        save_funding_rate(store, FundingRate(FY, Decimal("30"), None, confirmed=True, source="typo"))
    code, out, _ = cli(capsys, "rules", "import", str(pack), "--db", str(demo_db))
    assert code == 0
    line = next(x for x in out.splitlines() if x.startswith("  changed  funding fy 2026/27: "))
    for part in ("rate_per_patient 30 → 26.631", "population_date (blank) → 2026-01-01", "confirmed yes → no",
                 "source typo → (blank)", "origin local → shipped"):
        assert part in line
    with open_store(demo_db) as store:
        assert store.scalar("SELECT count(*) FROM arrs_funding_rate") == 0  # later releases' figures apply again
        assert load_rulebook(store).funding_for(FY).origin == "shipped"


GOOD = """[pack]
format = "pcntui rules pack"
version = 1
fy = "2026/27"

[[rate]]
role = "CP"
effective_from = 2026-04-01
annual_max = "70000"
reimbursement_pct = "100"
confirmed = true
origin = "local"

[[funding]]
fy = "2026/27"
rate_per_patient = "27.5"
confirmed = false
origin = "local"
"""

BAD = [
    ('annual_max = "70000"', 'annual_max = "70,00"', "section rate, row 1, field annual_max: '70,00' is not an amount"),
    ('annual_max = "70000"', 'annual_max = 70000.5', "section rate, row 1, field annual_max: 70000.5 is written as "
                                                     "a TOML float"),
    ('role = "CP"', 'role = "Chief Pharmacist"', "section rate, row 1, field role: 'Chief Pharmacist' is not an "
                                                 "ARRS role on record."),
    ("effective_from = 2026-04-01", 'effective_from = "31/02/2026"', "section rate, row 1, field effective_from: "),
    ("effective_from = 2026-04-01", "effective_from = 2027-04-01", "section rate, row 1, field effective_from: "
                                                                   "2027-04-01 is after 2026/27 ends"),
    ('fy = "2026/27"\nrate_per_patient', 'fy = "2025/26"\nrate_per_patient',
     "section funding, row 1, field fy: 2025/26 is not the pack's year (2026/27)."),
    ("[[funding]]", "[[fundings]]", "unknown section [[fundings]]"),
    ('origin = "local"\n\n[[funding]]', 'origin = "local"\nwibble = "x"\n\n[[funding]]',
     "section rate, row 1, field wibble: is not a column of this section."),
    ("version = 1", "version = 2", "is a rules pack of format version 2; this pcntui reads version 1."),
    ('format = "pcntui rules pack"', 'format = "something else"', "has no [pack] table with format"),
    ('reimbursement_pct = "100"', 'reimbursement_pct = "0"', "section rate, row 1, field reimbursement_pct: "),
    ('origin = "local"\n\n[[funding]]', 'origin = "mine"\n\n[[funding]]', "field origin: 'mine' is not one of"),
    ("[[funding]]", '[[smr_cohort]]\ncode = "CARE_HOME"\nname = "Care homes (ICB)"\n\n[[funding]]',
     "section smr_cohort, row 1, field code: CARE_HOME is a cohort pcntui ships"),
    ("[[funding]]", '[[smr_target]]\ncohort = "Nobody"\nfy = "2026/27"\nkind = "percent"\nvalue = "50"\n\n'
                    '[[funding]]', "section smr_target, row 1, field cohort: 'Nobody' is not an SMR cohort on record."),
]


@pytest.mark.parametrize("old,new,message", BAD, ids=[m[:40] for _, _, m in BAD])
def test_a_pack_with_a_bad_row_is_refused_whole_and_the_database_is_untouched(demo_db, tmp_path, capsys, old,
                                                                                 new, message):
    assert old in GOOD
    good = tmp_path / "good.toml"
    good.write_text(GOOD, encoding="utf-8")
    assert cli(capsys, "rules", "import", str(good), "--dry-run", "--db", str(demo_db))[0] == 0
    bad = tmp_path / "bad.toml"
    bad.write_text(GOOD.replace(old, new, 1), encoding="utf-8")
    unchanged = file_sha(demo_db)
    code, out, err = cli(capsys, "rules", "import", str(bad), "--db", str(demo_db))
    assert code == 2 and out == ""
    assert message in " ".join(err.split()), err
    assert "Traceback" not in err
    assert file_sha(demo_db) == unchanged
    assert not (tmp_path / "demo.db-backups").exists()


def test_a_requirement_the_tracker_would_refuse_is_refused_in_a_pack(demo_db, tmp_path, capsys):
    bad = tmp_path / "bad.toml"
    bad.write_text(GOOD + '\n[[requirement]]\nkey = "icb-1"\nfy = "2026/27"\narea = "cancer"\n'
                   f'title = "{"x" * 301}"\ndue_confirmed = true\norigin = "local"\n', encoding="utf-8")
    unchanged = file_sha(demo_db)
    code, _, err = cli(capsys, "rules", "import", str(bad), "--db", str(demo_db))
    assert code == 2 and "section requirement, row 1, field title: String should have at most 300 characters" in err
    assert file_sha(demo_db) == unchanged

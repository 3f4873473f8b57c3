"""`pcntui import claims FILE`: matched to the roster, keyed (month, name, role, reference),
one undoable action; a malformed file is refused whole, every row and column named, the
database unchanged. Then the store's reconciliation, including a backdated uplift."""

from datetime import date
from decimal import Decimal

import pytest

from pcntui.cli.main import main
from pcntui.domain.period import Period
from pcntui.errors import ImportFileError
from pcntui.store.arrs import import_rates
from pcntui.store.claims import claims_view, import_claims, list_claims
from pcntui.store import open_store
from pcntui.store.staff import delete_staff, import_staff, list_staff
from tests.arrs.helpers import RATES_HEADER, STAFF_HEADER, write_csv
from tests.conftest import file_sha

D = Decimal
HEADER = ["month", "name", "role", "amount_claimed", "status", "amount_paid", "submitted_on", "reference"]


@pytest.fixture
def roster(store, tmp_path):
    """Asha Patel (CP, capped at £5,000 a month) and Ben Jones (SPLW, from May 2025)."""
    import_rates(store, write_csv(tmp_path / "r.csv", RATES_HEADER, [["CP", "2025-04-01", "60000", "100"],
                                                                     ["SPLW", "2025-04-01", "40000", "100"]]))
    import_staff(store, write_csv(tmp_path / "s.csv", STAFF_HEADER, [
        ["Asha Patel", "Clinical Pharmacist", "1", "2024-04-01", "", "70000", "25", "yes"],
        ["Ben Jones", "SPLW", "1", "2025-05-01", "", "30000", "25", "yes"],
    ]))
    return store


def test_rows_match_the_roster_whatever_the_spelling(roster, tmp_path):
    path = write_csv(tmp_path / "c.csv", [h.upper() for h in HEADER], [
        ["2025-04", "  asha   PATEL ", "cp", "5000", "paid", "£5,000.00", "02/05/2025", ""],
        ["May 2025", "Asha Patel", "Clinical Pharmacists", "5000.00", "", "", "", ""],
        ["June 2025", "ben jones", "social prescribing link worker", "2500", "approved", "", "2025-07-01", "A1"],
    ], bom=True)
    report = import_claims(roster, path)
    assert report.inserted == 3
    claims = {(c.month, c.name): c for c in list_claims(roster)}
    asha_ids = {m.id for m in list_staff(roster) if m.name == "Asha Patel"}
    april = claims[(date(2025, 4, 1), "Asha Patel")]  # the roster's spelling is kept
    assert april.staff_id in asha_ids and april.amount_paid == D("5000.00") and april.submitted_on == date(2025, 5, 2)
    assert claims[(date(2025, 5, 1), "Asha Patel")].status == "submitted"  # blank status
    assert claims[(date(2025, 6, 1), "Ben Jones")].reference == "A1"


def test_reimport_replaces_same_key_and_an_arrears_row_is_its_own(roster, tmp_path):
    first = write_csv(tmp_path / "c1.csv", HEADER, [["2025-04", "Asha Patel", "CP", "5000", "submitted", "", "", ""]])
    import_claims(roster, first)
    second = write_csv(tmp_path / "c2.csv", HEADER, [
        ["Apr 2025", "ASHA PATEL", "CP", "5000", "paid", "5000", "", ""],  # same key: replaces
        ["Apr 2025", "Asha Patel", "CP", "180", "submitted", "", "", "uplift"],  # own reference: a new row
    ])
    report = import_claims(roster, second)
    assert (report.inserted, report.updated) == (1, 1)
    assert sorted((c.reference, c.status) for c in list_claims(roster)) == [("", "paid"), ("uplift", "submitted")]
    renamed = tmp_path / "claims-2025-08.csv"
    renamed.write_bytes(second.read_bytes())
    again = import_claims(roster, renamed)  # a cumulative file re-imported: nothing doubles or changes
    assert (again.inserted, again.updated, again.unchanged) == (0, 0, 2)
    assert len(list_claims(roster)) == 2


def test_import_is_one_undoable_action_and_dry_run_changes_nothing(roster, tmp_path):
    path = write_csv(tmp_path / "c.csv", HEADER, [["2025-04", "Asha Patel", "CP", "5000", "", "", "", ""],
                                                  ["2025-05", "Asha Patel", "CP", "5000", "", "", "", ""]])
    report = import_claims(roster, path, dry_run=True)
    assert report.inserted == 2 and list_claims(roster) == []
    import_claims(roster, path)
    assert roster.history(1)[0].label == "Import claims from c.csv"
    roster.undo()
    assert list_claims(roster) == []


def test_malformed_file_refused_whole_every_row_and_column_named(roster, tmp_path, db_path, capsys):
    good = write_csv(tmp_path / "ok.csv", HEADER, [["2025-04", "Asha Patel", "CP", "5000", "", "", "", ""]])
    import_claims(roster, good)
    roster.close()
    before = file_sha(db_path)
    bad = write_csv(tmp_path / "bad.csv", HEADER, [
        ["2025-05", "Asha Patel", "CP", "5000", "", "", "", ""],  # fine on its own
        ["13/2025", "Asha Patel", "CP", "5000", "", "", "", ""],
        ["2025-06", "Nobody Known", "CP", "5000", "", "", "", ""],
        ["2025-06", "Asha Patel", "Wizard", "5000", "", "", "", ""],
        ["2025-06", "Asha Patel", "CP", "-5", "pending", "", "", ""],
        ["2025-07", "Asha Patel", "CP", "12.345", "paid", "", "31/02/2025", ""],
        ["2025-08", "Asha Patel", "CP", "10", "rejected", "10", "", ""],
        ["May 2025", "asha patel", "CP", "10", "", "", "", ""],  # the same key as row 2
    ])
    assert main(["import", "claims", str(bad), "--db", str(db_path)]) == 2
    err = capsys.readouterr().err
    for expected in ("row 3, column month", "row 4, column name: 'Nobody Known'", "row 5, column role: 'Wizard'",
                     "row 6, column amount_claimed", "row 6, column status: 'pending'",
                     "row 7, column amount_claimed", "row 7, column submitted_on", "row 8, column amount_paid",
                     "row 9: the claim for asha patel", "is also on row 2"):
        assert expected in err, expected
    assert "Traceback" not in err
    assert file_sha(db_path) == before


@pytest.mark.parametrize("text,message", [
    ("month,name,role,amount_claimed,status,amount_paid\n", "has a header but no rows"),
    ("month,name,role,amount_claimed\n2025-04,Asha Patel,CP,5\n",
     "c.csv cannot be read as claims: columns status, amount_paid missing"),
    ("month,name,role,amount_claimed,status,amount_paid\n2025-04,Asha Patel,CP,5000,paid,\n",
     "row 2, column amount_paid: the claim is paid but amount_paid is blank"),
])
def test_wrong_shapes_named(roster, tmp_path, text, message):
    path = tmp_path / "c.csv"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ImportFileError) as exc:
        import_claims(roster, path)
    assert message in str(exc.value)


def test_cli_import_claims_end_to_end(roster, tmp_path, db_path, capsys):
    roster.close()
    path = write_csv(tmp_path / "c.csv", HEADER, [["2025-04", "Asha Patel", "CP", "5000", "paid", "5000", "", ""],
                                                  ["2025-04", "Ben Jones", "SPLW", "100", "", "", "", ""]])
    assert main(["import", "claims", str(path), "--db", str(db_path)]) == 0
    out = capsys.readouterr().out
    assert "claims: 2 added" in out
    assert "Ben Jones was not in post in Apr 2025" in out  # imported, with a warning
    assert main(["import", "claims", str(path), "--db", str(db_path), "--dry-run"]) == 0
    assert "Dry run, nothing changed. claims: 0 added, 0 updated, 2 unchanged" in capsys.readouterr().out


def test_store_reconciles_and_a_backdated_uplift_grows_to_claim_by_the_arrears(roster, tmp_path):
    """Asha's pay (70,000 × 1.25 / 12 = 7,291.67) is capped: claimable 5,000.00 a month until the
    uplifted maximum 62,160 is entered back to 1 April (cap 5,180.00): 4 × 180 = 720.00 arrears."""
    rows = [[f"2025-0{m}", "Asha Patel", "CP", "5000", "paid", "5000", f"2025-0{m + 1}-03", ""] for m in (4, 5, 6, 7)]
    rows.append(["2025-05", "Ben Jones", "SPLW", "3125", "approved", "", "2025-06-01", ""])
    import_claims(roster, write_csv(tmp_path / "c.csv", HEADER, rows))
    when = Period.make(date(2025, 8, 20))
    before = claims_view(roster, when).year
    # Ben: 30,000 × 1.25 / 12 = 3,125.00 a month from May; May claimed, June and July not
    assert before.to_claim == D("6250.00") and before.over_claimed == 0
    assert before.claimed_to_date == D("23125.00") and before.paid_to_date == D("20000.00")
    import_rates(roster, write_csv(tmp_path / "uplift.csv", RATES_HEADER, [["CP", "2025-04-01", "62160", "100"]]))
    after = claims_view(roster, when).year
    assert after.to_claim - before.to_claim == D("720.00")
    assert after.claimed_to_date == before.claimed_to_date


def test_claims_survive_the_staff_record_being_deleted(roster, tmp_path):
    import_claims(roster, write_csv(tmp_path / "c.csv", HEADER,
                                    [["2025-06", "Ben Jones", "SPLW", "3125", "", "", "", ""]]))
    ben = next(m for m in list_staff(roster) if m.name == "Ben Jones")
    delete_staff(roster, ben.id)
    y = claims_view(roster, Period.make(date(2025, 8, 20))).year
    (line,) = [line for line in y.lines if line.name == "Ben Jones"]
    assert line.claimable == 0 and y.over_claimed == D("3125.00")


def test_opening_a_file_without_the_new_tables_adds_them(tmp_path):
    import sqlite3

    path = tmp_path / "old.db"
    open_store(path, mode="create").close()
    conn = sqlite3.connect(path)
    conn.execute("DROP TABLE arrs_claim")
    conn.commit()
    conn.close()
    store = open_store(path)
    assert store.query("SELECT count(*) AS n FROM arrs_claim") == [{"n": 0}]
    store.close()


def test_with_no_claims_everything_ended_is_still_to_claim(demo_store, today):
    from pcntui.store.arrs import arrs_view

    when = Period.make(today)
    view = claims_view(demo_store, when)
    arrs = arrs_view(demo_store, when).year
    assert view.year.claimable_to_date == arrs.claimable_to_date > 0
    assert view.year.to_claim == arrs.claimable_to_date and view.year.over_claimed == 0
    assert view.year.claimed_to_date == 0 and view.alerts == ()  # no ledger in use: no alerts
    assert {(line.staff_id, line.month) for line in view.year.lines} == {(m.staff_id, m.month) for m in arrs.months}

"""NWRS reconciliation on the real published PCN workforce file, for every PCN in it."""

import csv
from collections import defaultdict
from decimal import Decimal

import pytest

from pcntui.cli.main import main
from pcntui.domain.reconcile import CONTRACTED_SOURCE
from pcntui.errors import UserError
from pcntui.ingest.workforce import read_workforce
from pcntui.reference.arrs import shipped_rulebook
from pcntui.store import open_store
from pcntui.store.staff import list_staff
from pcntui.store.workforce import import_workforce, seed_roster, stored_reconciliation

from tests.conftest import MAP_FILE, WORKFORCE_FILE

pytestmark = pytest.mark.realdata


def file_rows(path):
    with open(path, encoding="utf-8-sig", newline="") as fh:
        return list(csv.DictReader(fh))


def test_file_quirks_are_read(shared_data):
    wf = read_workforce(shared_data / WORKFORCE_FILE)
    assert len(wf.rows) == len(file_rows(shared_data / WORKFORCE_FILE))  # BOM and all
    assert any(r.fte.as_tuple().exponent <= -9 for r in wf.rows)  # nine-decimal FTEs kept exactly
    contracted = [r for r in wf.rows if r.data_source == CONTRACTED_SOURCE]
    assert contracted and all(r.unique_identifier == "" for r in contracted)


@pytest.mark.parametrize("nwrs,code", [
    (("Pharmacist", "Pharmacists"), "CP"), (("Care Coordinator", "Care Coordinators"), "CC"),
    (("Dietician", "Dieticians"), "DIET"), (("Therapist- Occupational Therapist", "Therapists"), "OT"),
    (("Social Prescribing Link Worker (Mental Health Practitioner - Adult)",
      "Social Prescribing Link Workers (Mental Health Practitioners)"), "MHP"),
    (("Advanced Paramedic Practitioner", "Advanced Paramedic Practitioners"), "AP"),
    (("Salaried By PCN", "Salaried GPs"), "GP"), (("Physiotherapist", "Physiotherapists"), "FCP"),
    (("Clinical Director – Medical", "Medical Clinical Director (GP)"), None), (("Other", "Other Direct Patient Care"), None),
    (("Receptionist", "Receptionists"), None),
])
def test_nwrs_roles_map_to_arrs_roles(nwrs, code):
    role = shipped_rulebook().index.match_nwrs(*nwrs)
    assert (role.code if role else None) == code


def test_every_pcn_reconciles(shared_data, store, national_files_read_once):
    path = shared_data / WORKFORCE_FILE
    rows = file_rows(path)
    by_pcn = defaultdict(list)
    for r in rows:
        by_pcn[r["PCN_CODE"]].append(r)
    assert len(by_pcn) >= 30
    for code, mine in sorted(by_pcn.items()):
        report = import_workforce(store, path, pcn=code)
        assert report.inserted == len(mine), code
        assert report.notes and all(len(line) <= 80 for line in report.notes), code
        rec = stored_reconciliation(store, code)
        assert rec.census.isoformat() == "2026-06-30"
        every = [*rec.lines, *rec.other]
        # every row is counted once: FTE totals are exact, contracted rows apart from individuals
        assert sum((x.nwrs_fte for x in every), Decimal(0)) == sum(Decimal(r["FTE"]) for r in mine), code
        contracted = [r for r in mine if r["Data_source"] == CONTRACTED_SOURCE]
        assert sum(x.nwrs_contracted_rows for x in every) == len(contracted), code
        assert sum((x.nwrs_contracted_fte for x in every), Decimal(0)) == sum(Decimal(r["FTE"]) for r in contracted)
        assert all(x.roster_fte == 0 for x in rec.lines) and all(x.status in ("NWRS only", "match") for x in rec.lines)
        # the roles every PCN has on record are recognised as ARRS roles
        assert not any(x.label in ("Pharmacists", "Care Coordinators", "Social Prescribing Link Workers")
                       for x in rec.other), code
    # a re-import of the same census changes nothing
    again = import_workforce(store, path, pcn="U14816")
    assert again.inserted == 0 and again.unchanged == len(by_pcn["U14816"])


def test_seeded_roster_matches_the_individual_records(shared_data, tmp_path, national_files_read_once, empty_copy):
    path = shared_data / WORKFORCE_FILE
    codes = sorted({r["PCN_CODE"] for r in file_rows(path)})
    for code in codes:
        store = open_store(empty_copy(tmp_path / f"{code}.db"))
        try:
            import_workforce(store, path, pcn=code)
            report = seed_roster(store, code)
            rec = stored_reconciliation(store, code)
            skipped = report.skipped
            staff = list_staff(store)
            for line in rec.lines:
                if skipped == 0:
                    assert line.roster_fte.quantize(Decimal("0.01")) == line.nwrs_staff_fte.quantize(Decimal("0.01")), \
                        (code, line.label)
                people = {m.nwrs_id.split("#")[0] for m in staff if m.role_code == line.role_code}
                assert len(people) <= line.nwrs_staff_people or line.nwrs_staff_people == 0
            assert all(m.nwrs_id and m.name.startswith("NWRS ") and m.estimated for m in staff)
            assert all(t.wte <= 1 for m in staff for t in m.terms)
            if code == codes[0]:
                assert seed_roster(store, code).inserted == 0  # a second seeding adds nobody
        finally:
            store.close()


def test_cli_import_workforce(shared_data, db_path, capsys):
    path = str(shared_data / WORKFORCE_FILE)
    assert main(["setup", "--pcn", "U14816", "--practices", str(shared_data / MAP_FILE), "--db", str(db_path)]) == 0
    capsys.readouterr()
    assert main(["import", "workforce", path, "--db", str(db_path)]) == 0  # the database's own PCN
    out = capsys.readouterr().out
    assert "NWRS census 2026-06-30 for U14816" in out and "Clinical Pharmacist" in out
    assert all(len(line) <= 80 for line in out.splitlines())
    assert main(["arrs", "reconcile", "--db", str(db_path)]) == 0
    assert "U14816" in capsys.readouterr().out
    assert main(["import", "workforce", path, "--pcn", "U00000", "--db", str(db_path)]) == 2
    assert "PCN U00000 is not in" in capsys.readouterr().err
    assert main(["import", "workforce", path, "--pcn", "U01092", "--dry-run", "--db", str(db_path)]) == 0
    assert "set up for U14816" in capsys.readouterr().out


def test_many_pcns_need_a_code(shared_data, store):
    with pytest.raises(UserError, match="covers .* PCNs; say which with --pcn"):
        import_workforce(store, shared_data / WORKFORCE_FILE)


def test_bad_rows_reject_only_their_own_pcn(shared_data, store, tmp_path):
    lines = (shared_data / WORKFORCE_FILE).read_text(encoding="utf-8-sig").splitlines()
    header, body = lines[0], lines[1:]
    bad = list(body)
    i = next(n for n, line in enumerate(bad) if ",U14816," in line)
    cells = bad[i].split(",")
    cells[-2] = "lots"  # FTE
    bad[i] = ",".join(cells)
    path = tmp_path / "wf.csv"
    path.write_text("\n".join([header, *bad]) + "\n", encoding="utf-8-sig")
    with pytest.raises(Exception, match="1 problem in U14816's rows") as err:
        import_workforce(store, path, pcn="U14816")
    assert f"row {i + 2}, column FTE: 'lots' is not a number" in "\n".join(err.value.problems)
    assert store.scalar("SELECT count(*) FROM nwrs_record") == 0
    assert import_workforce(store, path, pcn="U01092").inserted > 0  # another PCN's rows are fine

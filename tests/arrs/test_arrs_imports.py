"""`import staff` and `import rates`: accepted as users write them, rejected whole when wrong."""

from datetime import date
from decimal import Decimal

import pytest

from pcntui.errors import ImportFileError
from pcntui.reference.arrs import shipped_rulebook
from pcntui.store.arrs import import_rates, load_rulebook
from pcntui.store.staff import import_staff, list_staff

from .helpers import RATES_HEADER, STAFF_HEADER, write_csv

CANONICAL = [
    "Clinical Pharmacist", "Pharmacy Technician", "Social Prescribing Link Worker", "Health and Wellbeing Coach",
    "Care Coordinator", "Physician Associate", "Apprentice Physician Associate", "First Contact Physiotherapist",
    "Dietitian", "Podiatrist", "Occupational Therapist", "Nursing Associate", "Trainee Nursing Associate", "Paramedic",
    "Advanced Practitioner", "Mental Health Practitioner", "General Practice Assistant",
    "Digital and Transformation Lead", "Enhanced Practice Nurse", "General Practitioner", "General Practice Nurse",
    "Consultant Nurse", "Healthcare Support Worker",
]


def dump(store) -> list[str]:
    return [line for line in store.conn.iterdump()]


def test_every_canonical_role_name_is_accepted_as_written(store, tmp_path):
    rows = [[f"Person {i}", name, "1", "2025-04-01", "", "40000", "25", "yes"] for i, name in enumerate(CANONICAL)]
    report = import_staff(store, write_csv(tmp_path / "s.csv", STAFF_HEADER, rows))
    assert report.inserted == 23
    assert len({m.role_code for m in list_staff(store)}) == 23


@pytest.mark.parametrize("text,code", [
    ("care co-ordinator", "CC"), ("CLINICAL PHARMACISTS", "CP"), ("Pharmacists", "CP"), ("SPLW", "SPLW"),
    ("Health & Wellbeing Coach", "HWBC"), ("Physio", "FCP"), ("Dieticians", "DIET"), ("ACP", "AP"),
    ("Advanced Nurse Practitioners", "AP"), ("GP Assistant", "GPA"), ("Salaried GPs", "GP"),
    ("Social Prescribing Link Workers (Mental Health Practitioners)", "MHP"), ("mhp", "MHP"), ("HCA", "HCSW"),
])
def test_role_aliases(text, code):
    assert shipped_rulebook().match_role(text).code == code


def test_uk_dates_bom_and_header_case(store, tmp_path):
    header = ["NAME", "Role", "WTE", "Start_Date", "END_DATE", "FTE_Salary", "OnCost_Pct", "ARRS_Funded", "Supervisor"]
    path = write_csv(tmp_path / "s.csv", header,
                     [["Ben Jones", "Social Prescribing Link Worker", "0.8", "17/06/2024", "15/01/2025", "£30,000", "20",
                       "Yes", "Dr A"]], bom=True)
    import_staff(store, path)
    (m,) = list_staff(store)
    assert (m.start_date, m.end_date) == (date(2024, 6, 17), date(2025, 1, 15))
    assert m.terms[0].fte_salary == Decimal("30000") and m.supervisor == "Dr A"


def test_malformed_staff_file_rejected_whole_every_problem_named(store, tmp_path):
    import_staff(store, write_csv(tmp_path / "ok.csv", STAFF_HEADER,
                                  [["Asha Patel", "CP", "1", "2024-04-01", "", "48000", "25", "yes"]]))
    before = dump(store)
    rows = [
        ["Good Row", "Clinical Pharmacist", "1", "2024-04-01", "", "48000", "25", "yes"],
        ["Bad Role", "Astronaut", "1", "2024-04-01", "", "48000", "25", "yes"],
        ["Too Much", "Paramedic", "1.4", "2024-04-01", "", "48000", "25", "yes"],
        ["No Such Day", "Paramedic", "1", "31/02/2024", "", "48000", "25", "yes"],
        ["Backwards", "Paramedic", "1", "2024-04-01", "2024-03-01", "48000", "25", "yes"],
        ["Maybe", "Paramedic", "0.5", "2024-04-01", "", "abc", "25", "perhaps"],
    ]
    with pytest.raises(ImportFileError) as err:
        import_staff(store, write_csv(tmp_path / "bad.csv", STAFF_HEADER, rows))
    problems = err.value.problems
    text = "\n".join(problems)
    assert "row 3, column role: 'Astronaut' is not an ARRS role" in text
    assert "row 4, column wte: 1.4 must be more than 0 and at most 1" in text
    assert "row 5, column start_date: '31/02/2024' is not a real date" in text
    assert "row 6, column end_date" in text
    assert "row 7, column fte_salary" in text and "row 7, column arrs_funded" in text
    assert len(problems) == 6
    assert dump(store) == before


def test_missing_column_named_and_nothing_changed(store, tmp_path):
    before = dump(store)
    header = [c for c in STAFF_HEADER if c != "wte"]
    with pytest.raises(ImportFileError, match="column wte missing"):
        import_staff(store, write_csv(tmp_path / "s.csv", header, [["A", "CP", "2024-04-01", "", "1", "2", "yes"]]))
    assert dump(store) == before


def test_consecutive_rows_are_one_person_with_dated_terms(store, tmp_path):
    rows = [
        ["Tom Okafor", "CP", "1", "2024-04-01", "2024-08-31", "50000", "25", "yes"],
        ["Tom Okafor", "CP", "0.8", "2024-09-01", "", "51000", "25", "yes"],
        ["Kim Lo", "CC", "1", "2024-04-01", "", "28000", "25", "yes"],
        ["Kim Lo", "CC", "0.6", "2024-10-01", "", "28000", "25", "yes"],  # open-ended row then a later one: a change
        ["Ann Bay", "PT", "1", "2023-04-01", "2023-12-31", "33000", "25", "yes"],
        ["Ann Bay", "PT", "1", "2024-06-01", "", "34000", "25", "yes"],  # a gap: a second spell
    ]
    report = import_staff(store, write_csv(tmp_path / "s.csv", STAFF_HEADER, rows))
    assert report.inserted == 4
    staff = {(m.name, m.start_date): m for m in list_staff(store)}
    tom = staff[("Tom Okafor", date(2024, 4, 1))]
    assert tom.end_date is None and [(t.effective_from, t.wte) for t in tom.terms] == [
        (date(2024, 4, 1), Decimal(1)), (date(2024, 9, 1), Decimal("0.8"))]
    assert len(staff[("Kim Lo", date(2024, 4, 1))].terms) == 2
    assert ("Ann Bay", date(2024, 6, 1)) in staff


def test_reimport_is_idempotent_and_updates_in_place(store, tmp_path):
    rows = [["Asha Patel", "CP", "1", "2024-04-01", "", "48000", "25", "yes"]]
    path = write_csv(tmp_path / "s.csv", STAFF_HEADER, rows)
    import_staff(store, path)
    assert import_staff(store, path).unchanged == 1
    rows[0][5] = "49000"
    report = import_staff(store, write_csv(tmp_path / "s.csv", STAFF_HEADER, rows))
    assert report.updated == 1
    (m,) = list_staff(store)
    assert m.terms[0].fte_salary == Decimal("49000") and m.rev == 1


def test_dry_run_changes_nothing(store, tmp_path):
    before = dump(store)
    report = import_staff(store, write_csv(tmp_path / "s.csv", STAFF_HEADER,
                                           [["A B", "CP", "1", "2024-04-01", "", "48000", "25", "yes"]]), dry_run=True)
    assert report.inserted == 1 and dump(store) == before


def test_import_is_one_undo_step(store, tmp_path):
    import_staff(store, write_csv(tmp_path / "s.csv", STAFF_HEADER,
                                  [["A B", "CP", "1", "2024-04-01", "", "48000", "25", "yes"],
                                   ["C D", "CC", "1", "2024-04-01", "", "28000", "", "no"]]))
    assert len(list_staff(store)) == 2
    store.undo()
    assert list_staff(store) == []


def test_rates_upsert_on_role_and_date_and_set_aside_shipped_placeholders(store, tmp_path):
    path = write_csv(tmp_path / "r.csv", RATES_HEADER + ["inner_london_max"], [
        ["Mental Health Practitioner", "2024-04-01", "30000", "50", ""],
        ["CP", "01/10/2024", "£66,000", "100", "77000"],
    ])
    report = import_rates(store, path)
    assert report.inserted == 2
    rules = load_rulebook(store)
    assert rules.rate_on("CP", date(2024, 10, 1)).annual_max == Decimal("66000")
    assert rules.rate_on("CP", date(2024, 10, 1)).inner_london_max == Decimal("77000")
    assert rules.rate_on("CP", date(2024, 9, 1)).annual_max == Decimal("62340")  # shipped confirmed row stays
    # shipped MHP estimates (unconfirmed) are set aside once the user gives MHP figures
    assert rules.rate_on("MHP", date(2025, 6, 1)).annual_max == Decimal("30000")
    assert rules.rate_on("MHP", date(2025, 6, 1)).origin == "user"
    assert import_rates(store, path).unchanged == 2


def test_malformed_rates_file_rejected_whole(store, tmp_path):
    before = dump(store)
    path = write_csv(tmp_path / "r.csv", RATES_HEADER, [
        ["CP", "2024-04-01", "60000", "100"],
        ["Wizard", "2024-04-01", "60000", "100"],
        ["CP", "30/02/2024", "60000", "100"],
        ["CP", "2024-05-01", "-5", "100"],
        ["CP", "2024-06-01", "60000", "150"],
        ["CP", "2024-04-01", "61000", "100"],
    ])
    with pytest.raises(ImportFileError) as err:
        import_rates(store, path)
    text = "\n".join(err.value.problems)
    assert "row 3, column role" in text and "row 4, column effective_from" in text
    assert "row 5, column annual_max" in text and "row 6, column reimbursement_pct" in text
    assert "row 7: CP from 2024-04-01 is also on row 2" in text
    assert dump(store) == before
    with pytest.raises(ImportFileError, match="reimbursement_pct missing"):
        import_rates(store, write_csv(tmp_path / "r2.csv", RATES_HEADER[:3], [["CP", "2024-04-01", "1"]]))


def test_the_same_spell_twice_is_a_problem(store, tmp_path):
    rows = [["Asha Patel", "CP", "1", "2024-04-01", "", "48000", "25", "yes"],
            ["asha patel", "Clinical Pharmacist", "0.5", "01/04/2024", "", "48000", "25", "yes"]]
    with pytest.raises(ImportFileError) as err:
        import_staff(store, write_csv(tmp_path / "s.csv", STAFF_HEADER, rows))
    assert err.value.problems == ["row 3: asha patel, Clinical Pharmacist, starting 2024-04-01 is also on row 2; "
                                  "give one row per spell."]

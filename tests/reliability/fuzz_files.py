"""Hostile import files for every import KIND, and the checks of what an import stored: shared by
the in-process hypothesis fuzz (test_import_fuzz.py, in CI) and the fuzz of the installed program
(`fuzz-import` in benchmarks/trials.py).

`hostile_csv(kind)` draws a CSV whose cells are mostly plausible (`GOOD`), with up to three
replaced by hostile text, and says which cells are hostile; `must_refuse` says whether one of
them is nonsense in a column the import reads (`STRICT`), so that accepting the file is a bug.
`check_stored` looks at what an accepted import left in the file: every value within bounds.
"""

from __future__ import annotations

import csv
import sqlite3
from datetime import date
from pathlib import Path

from hypothesis import strategies as st

from pcntui.domain import nhs_number

PRACTICES = ["Y90001", "Y90002", "Y90003", "Y90004", "Y90005", "Y90006"]
BIG = "12345678901234567890123456"

# ---------------------------------------------------------------------------- cells
# Never a number or a date, in any column that holds one: an import that takes one has accepted nonsense.
NONSENSE = ["²", "١٢", "１２", "१२", "1²", "--5", "+-1", "1,2,3", "12,34", "1e5", "1E30", "NaN", "-nan", "Infinity",
            "-inf", BIG, "9" * 40, "1_000", "0x1F", "1 000", "٣.٥", "£-£5"]
HOSTILE_NUMBERS = st.sampled_from([*NONSENSE, "+1", "-1", "0", "-0", "1.5", "0.0000000001", " 3 "])
WRONG_TYPES = st.sampled_from([
    "yes", "no", "2026-13-45", "31/02/2026", "1900-01-01", "2101-01-01", "01Jan9999", "abc", "£", "%", "Y90001",
    "U99901", "CARE_HOME", "true", "None", "null", "-", "=1+1", "@SUM(A1)",
])
CONTROL = st.text(st.characters(codec="utf-8", categories=["Cc", "Cf", "Zs", "Nd", "No"]), min_size=1, max_size=6)
ANY_TEXT = st.text(st.characters(codec="utf-8", exclude_categories=["Cs"]), max_size=12)
BAD = st.one_of(st.sampled_from(NONSENSE), HOSTILE_NUMBERS, st.sampled_from(NONSENSE), WRONG_TYPES,
                st.sampled_from(NONSENSE), CONTROL, ANY_TEXT, st.just(""))


def decimals(low: str, high: str, places: int) -> st.SearchStrategy[str]:
    return st.decimals(low, high, places=places, allow_nan=False, allow_infinity=False).map(lambda d: f"{d:f}")


def dates(low: date, high: date) -> st.SearchStrategy[str]:
    forms = st.sampled_from(["%Y-%m-%d", "%d/%m/%Y", "%d%b%Y"])
    return st.tuples(st.dates(low, high), forms).map(lambda t: t[0].strftime(t[1]))


COUNT = st.integers(0, 20_000).map(str)
THIS_YEAR = dates(date(2026, 4, 1), date(2026, 11, 23))
PRACTICE = st.sampled_from(PRACTICES)
NAME = st.sampled_from(["Asha Patel", "Ben O'Brien", "Zoë Smith", "Li Wei"])

# column → good value (required columns first; optional ones may be left out of the header)
GOOD: dict[str, dict[str, st.SearchStrategy[str]]] = {
    "practices": {
        "PRACTICE_CODE": PRACTICE, "PRACTICE_NAME": st.sampled_from(["Riverside", "Harbour Street"]),
        "PCN_CODE": st.just("U99901"), "PCN_NAME": st.just("Riverside & Downs Demo PCN"),
        "EXTRACT_DATE": st.just("01Jul2026"), "PRACTICE_POSTCODE": st.just("ZZ1 1AA"),
    },
    "list-sizes": {
        "EXTRACT_DATE": st.just("2026-10-01"), "ORG_TYPE": st.just("GP"), "ORG_CODE": PRACTICE,
        "SEX": st.sampled_from(["ALL", "MALE", "FEMALE"]), "AGE_GROUP_5": st.sampled_from(["ALL", "65_69", "95+"]),
        "NUMBER_OF_PATIENTS": COUNT,
    },
    "imd": {
        "PRACTICE_CODE": PRACTICE, "IMD_YEAR": st.sampled_from(["2019", "2025"]),
        "IMD_SCORE": decimals("0", "100", 1), "PRACTICE_NAME": NAME,
    },
    "staff": {
        "name": NAME, "role": st.sampled_from(["CP", "Clinical Pharmacist", "Paramedic", "SPLW"]),
        "wte": decimals("0.1", "1", 2), "start_date": THIS_YEAR, "end_date": st.just(""),
        "fte_salary": st.integers(40_000, 60_000).map(lambda n: f"£{n:,}"), "oncost_pct": st.sampled_from(["", "25"]),
        "arrs_funded": st.sampled_from(["yes", "no", "Y"]), "band": st.sampled_from(["", "7", "8a"]),
    },
    "rates": {
        "role": st.sampled_from(["CP", "Paramedic", "Dietitian"]), "effective_from": dates(date(2026, 4, 1),
                                                                                           date(2027, 3, 31)),
        "annual_max": st.integers(20_000, 90_000).map(str), "reimbursement_pct": st.sampled_from(["100", "70"]),
        "inner_london_max": st.just(""),
    },
    "workforce": {
        "Data_source": st.sampled_from(["NWRS Staff", "NWRS contracted services"]), "CENSUS_YEAR": st.just("2026"),
        "CENSUS_MONTH": st.sampled_from(["9", "Sep"]), "PCN_CODE": st.just("U99901"), "PCN_NAME": st.just("Demo"),
        "STAFF_GROUP": st.just("Other Direct Patient Care staff"), "STAFF_ROLE": st.just("Pharmacists"),
        "DETAILED_STAFF_ROLE": st.sampled_from(["Pharmacist", "Paramedic"]), "FTE": decimals("0.01", "1.5", 9),
        "UNIQUE_IDENTIFIER": st.integers(1, 999_999).map(str),
    },
    "smr-counts": {
        "practice_code": PRACTICE, "cohort": st.sampled_from(["CARE_HOME", "Severe frailty", "POLYPHARMACY"]),
        "as_of": dates(date(2026, 11, 1), date(2026, 11, 23)), "eligible": st.integers(500, 900).map(str),
        "completed": st.integers(0, 400).map(str), "invited": st.sampled_from(["", "450"]),
    },
    "smr-worklist": {
        "practice_code": PRACTICE, "reference": st.integers(1, 10**6).map(lambda n: f"FZ-{n}"),
        "cohort": st.sampled_from(["CARE_HOME", "CARE_HOME;POLYPHARMACY"]), "nhs_number": st.sampled_from(
            ["", "943 476 5919", "9434765919"]), "status": st.sampled_from(["identified", "completed", ""]),
        "identified_on": THIS_YEAR, "meds_stopped": st.sampled_from(["", "0", "2"]),
    },
    "claims": {
        "month": st.sampled_from(["2026-04", "May 2026", "June 2026"]), "name": st.just("Aisha Khan"),
        "role": st.sampled_from(["CC", "Care Coordinator"]), "amount_claimed": decimals("0", "4000", 2),
        "status": st.sampled_from(["submitted", "approved", "paid", "rejected", ""]),
        "amount_paid": st.sampled_from(["", "0", "2500.00"]), "submitted_on": st.sampled_from(["", "2026-05-10"]),
        "reference": st.sampled_from(["", "ARREARS-1"]),
    },
    "iif": {
        "ORGANISATION_TYPE": st.sampled_from(["PCN", "GP"]), "ORGANISATION_CODE": st.sampled_from(["U99901", *PRACTICES]),
        "ORGANISATION_NAME": st.just("Demo"), "QUALITY_SERVICE": st.just("IIF"),
        "ACH_DATE": st.just("31/03/2026"), "IND_CODE": st.just("NCD026"),
        "MEASURE": st.sampled_from(["Numerator", "Denominator"]), "VALUE": COUNT,
    },
    "iif-indicators": {
        "fy": st.just("2026/27"), "indicator": st.sampled_from(["ACC-08", "CAN-04"]), "ind_code": st.just(""),
        "description": st.just("Fuzz"), "numerator_measure": st.just("Numerator"),
        "denominator_measure": st.just("Denominator"), "lower_threshold": decimals("0", "60", 1),
        "upper_threshold": decimals("61", "100", 1), "points": st.integers(1, 80).map(str),
        "pound_per_point": decimals("1", "250", 2), "higher_is_better": st.sampled_from(["yes", "no"]),
        "reference_list_size": st.sampled_from(["", "50000"]),
    },
}
OPTIONS = {"workforce": {"pcn": "U99901"}}
# The columns that hold a number or a date (every one is read, whatever else the row says) …
STRICT = {
    "practices": {"EXTRACT_DATE"}, "list-sizes": {"EXTRACT_DATE", "NUMBER_OF_PATIENTS"},
    "imd": {"IMD_YEAR", "IMD_SCORE"}, "staff": {"wte", "start_date", "fte_salary", "oncost_pct"},
    "rates": {"effective_from", "annual_max", "reimbursement_pct", "inner_london_max"},
    "workforce": {"CENSUS_YEAR", "CENSUS_MONTH", "FTE"}, "smr-counts": {"as_of", "eligible", "completed", "invited"},
    "smr-worklist": {"identified_on", "meds_stopped", "nhs_number"},
    "claims": {"month", "amount_claimed", "amount_paid", "submitted_on"},
    "iif": {"ACH_DATE", "VALUE"},
    "iif-indicators": {"lower_threshold", "upper_threshold", "points", "pound_per_point", "reference_list_size"},
}
# … unless the row is one the import skips: not a GP row of the PCN's, another PCN's, a suppressed score.
SKIPPED = {
    "list-sizes": lambda row: row["ORG_TYPE"].strip().upper() != "GP" or row["ORG_CODE"].strip().upper() not in PRACTICES,
    "workforce": lambda row: row["PCN_CODE"].strip().upper() != "U99901",
    "imd": lambda row: not row["IMD_SCORE"].strip(),
    "iif": lambda row: row["ORGANISATION_CODE"].strip().upper() not in {"U99901", *PRACTICES},
}


@st.composite
def hostile_csv(draw, kind: str) -> tuple[list[list[str]], set[tuple[int, str]]]:
    """(the rows, header first; the (row, column) of each hostile cell)."""
    columns = GOOD[kind]
    header = list(columns)
    rows = [[draw(columns[c]) for c in header] for _ in range(draw(st.integers(1, 4)))]
    hostile = set()
    for _ in range(draw(st.integers(0, 3))):  # 0 to 3 hostile cells, mostly where a number or date goes
        r = draw(st.integers(0, len(rows) - 1))
        column = draw(st.sampled_from(sorted(STRICT[kind])) if draw(st.integers(0, 3)) else st.sampled_from(header))
        rows[r][header.index(column)] = draw(BAD)
        hostile.add((r, column))
    return [header, *rows], hostile


# The issue's reproductions and their kin, tried first for each kind: {column: hostile value} on a good row.
EXPLICIT = {
    "practices": [{"EXTRACT_DATE": "01Jan9999"}, {"EXTRACT_DATE": "١٧/٠٦/٢٠٢٤"}],
    "list-sizes": [{"NUMBER_OF_PATIENTS": BIG}, {"NUMBER_OF_PATIENTS": "١٢"}, {"NUMBER_OF_PATIENTS": "1²"},
                   {"EXTRACT_DATE": "1900-01-01"}],
    "imd": [{"IMD_SCORE": "NaN"}, {"IMD_SCORE": "١٢"}, {"IMD_YEAR": BIG}],
    "staff": [{"fte_salary": "--50000"}, {"fte_salary": "5,0,0,0,0"}, {"wte": "NaN"}, {"start_date": "1900-01-01"}],
    "rates": [{"annual_max": BIG}, {"annual_max": "--50000"}, {"reimbursement_pct": "١٠٠"}],
    "workforce": [{"FTE": "1E30"}, {"FTE": "9" * 40}, {"FTE": "3", "Data_source": "NWRS Staff"}],
    "smr-counts": [{"eligible": BIG}, {"completed": "١٢"}, {"as_of": "01/01/1900"}],
    "smr-worklist": [{"meds_stopped": BIG}, {"nhs_number": "0000000000"}, {"identified_on": "2101-01-01"}],
    "claims": [{"amount_claimed": BIG}, {"amount_claimed": "١٢"}, {"month": "2101-04"}, {"amount_paid": "NaN"}],
    "iif": [{"VALUE": BIG}, {"VALUE": "1E30"}, {"ACH_DATE": "31/03/1900"}],
    "iif-indicators": [{"points": "NaN"}, {"lower_threshold": "١٠"}, {"pound_per_point": "--5"},
                       {"reference_list_size": BIG}],
}
GOOD_ROW = {  # one plausible row per kind, for the explicit examples
    "practices": {"PRACTICE_CODE": "Y90001", "PRACTICE_NAME": "Riverside", "PCN_CODE": "U99901",
                  "PCN_NAME": "Riverside & Downs Demo PCN", "EXTRACT_DATE": "01Jul2026"},
    "list-sizes": {"EXTRACT_DATE": "2026-10-01", "ORG_TYPE": "GP", "ORG_CODE": "Y90001", "SEX": "ALL",
                   "AGE_GROUP_5": "ALL", "NUMBER_OF_PATIENTS": "14300"},
    "imd": {"PRACTICE_CODE": "Y90001", "IMD_YEAR": "2025", "IMD_SCORE": "34.2"},
    "staff": {"name": "Asha Patel", "role": "CP", "wte": "0.8", "start_date": "2026-05-01", "fte_salary": "50000",
              "arrs_funded": "yes"},
    "rates": {"role": "CP", "effective_from": "2026-04-01", "annual_max": "60000", "reimbursement_pct": "100"},
    "workforce": {"Data_source": "NWRS Staff", "CENSUS_YEAR": "2026", "CENSUS_MONTH": "9", "PCN_CODE": "U99901",
                  "PCN_NAME": "Demo", "STAFF_ROLE": "Pharmacists", "DETAILED_STAFF_ROLE": "Pharmacist", "FTE": "0.8",
                  "UNIQUE_IDENTIFIER": "4242"},
    "smr-counts": {"practice_code": "Y90001", "cohort": "CARE_HOME", "as_of": "2026-11-20", "eligible": "700",
                   "completed": "300"},
    "smr-worklist": {"practice_code": "Y90001", "reference": "FZ-1", "cohort": "CARE_HOME",
                     "identified_on": "2026-06-01"},
    "claims": {"month": "2026-04", "name": "Aisha Khan", "role": "CC", "amount_claimed": "3000.00",
               "status": "submitted"},
    "iif": {"ORGANISATION_TYPE": "PCN", "ORGANISATION_CODE": "U99901", "ORGANISATION_NAME": "Demo",
            "QUALITY_SERVICE": "IIF", "ACH_DATE": "31/03/2026", "IND_CODE": "NCD026", "MEASURE": "Numerator",
            "VALUE": "120"},
    "iif-indicators": {"fy": "2026/27", "indicator": "ACC-08", "numerator_measure": "Numerator",
                       "denominator_measure": "Denominator", "lower_threshold": "85", "upper_threshold": "90",
                       "points": "71", "pound_per_point": "198", "higher_is_better": "yes"},
}


def explicit(kind: str, overrides: dict[str, str]) -> tuple[list[list[str]], set[tuple[int, str]]]:
    good = {c: GOOD_ROW[kind].get(c, "") for c in GOOD[kind]}
    row = [overrides.get(c, good[c]) for c in GOOD[kind]]
    return [list(GOOD[kind]), row], {(0, c) for c in overrides}


def nonsense(text: str) -> bool:
    """Nothing a number or date column may hold: NONSENSE, or any non-ASCII character but £."""
    return text in NONSENSE or any(not c.isascii() and c != "£" for c in text.strip())


def must_refuse(kind: str, rows: list[list[str]], hostile: set[tuple[int, str]]) -> bool:
    body = [dict(zip(rows[0], row)) for row in rows[1:]]
    skipped = SKIPPED.get(kind, lambda row: False)
    return any(column in STRICT[kind] and not skipped(body[r]) and nonsense(body[r][column]) for r, column in hostile)


# ---------------------------------------------------------------------------- checks
def _plausible(day: str | None) -> bool:
    return day is None or "1948-01-01" <= day <= "2100-12-31"


BOUNDS = [  # (query of offending rows, what it means)
    ("SELECT * FROM list_size WHERE patients NOT BETWEEN 0 AND 10000000 OR aged_65_plus > patients", "list size"),
    ("SELECT * FROM practice_imd WHERE score NOT BETWEEN 0 AND 100 OR imd_year NOT BETWEEN 2000 AND 2100", "IMD"),
    ("SELECT * FROM staff_terms WHERE CAST(wte AS REAL) NOT BETWEEN 0.000000001 AND 1 "
     "OR fte_salary_pence NOT BETWEEN 100000 AND 50000000", "staff terms"),
    ("SELECT * FROM arrs_rate WHERE annual_max_pence > 50000000", "rate"),
    ("SELECT * FROM nwrs_record WHERE CAST(fte AS REAL) <= 0 OR CAST(fte AS REAL) > 100 "
     "OR (unique_identifier != '' AND data_source = 'NWRS Staff' AND CAST(fte AS REAL) > 2)", "NWRS FTE"),
    ("SELECT * FROM smr_count WHERE max(eligible, completed, coalesce(invited, 0), coalesce(declined, 0)) "
     "> 10000000", "SMR count"),
    ("SELECT * FROM smr_worklist WHERE max(coalesce(meds_stopped, 0), coalesce(meds_changed, 0), "
     "coalesce(meds_started, 0)) > 10000000", "worklist"),
    ("SELECT * FROM arrs_claim WHERE max(amount_claimed_pence, amount_paid_pence) > 1000000000", "claim"),
    ("SELECT * FROM iif_value WHERE CAST(value AS REAL) NOT BETWEEN 0 AND 10000000", "IIF value"),
    ("SELECT * FROM iif_indicator WHERE CAST(points AS REAL) > 10000000 OR pound_per_point_pence > 1000000000",
     "IIF indicator"),
]
DATES = {"staff": ("start_date", "end_date", "registration_expiry"), "staff_terms": ("effective_from",),
         "arrs_rate": ("effective_from",), "smr_count": ("as_of",), "list_size": ("extract_date",),
         "practice": ("map_date",), "nwrs_record": ("census_date",),
         "smr_worklist": ("identified_on", "invited_on", "booked_on", "reviewed_on", "follow_up_due"),
         "arrs_claim": ("submitted_on", "paid_on"), "iif_value": ("ach_date",)}


def stored_problems(path: Path) -> list[str]:
    """What an accepted import stored out of bounds: numbers, dates, NHS numbers (none is right)."""
    conn = sqlite3.connect(path)
    try:
        found = [f"{what} out of bounds: {rows[0]}" for sql, what in BOUNDS if (rows := conn.execute(sql).fetchall())]
        for table, columns in DATES.items():
            for column in columns:
                bad = [d for (d,) in conn.execute(f"SELECT {column} FROM {table}") if not _plausible(d)]
                found += [f"{table}.{column} holds implausible dates {bad[:3]}"] if bad else []
        numbers = [n for (n,) in conn.execute("SELECT nhs_number FROM smr_worklist WHERE nhs_number IS NOT NULL")]
        found += [f"invalid NHS number stored: {n}" for n in numbers if not nhs_number.is_valid(n)][:1]
        return found
    finally:
        conn.close()


def check_readable(store) -> None:
    """What `pcntui status` and `pcntui arrs reconcile` read still reads (and prints)."""
    from pcntui.domain.period import Period
    from pcntui.report import status
    from pcntui.store.workforce import format_reconciliation, stored_reconciliation

    when = Period.make(date(2026, 11, 23), None)
    blocks = status.build(store, when)
    assert status.as_text(blocks, when) and status.as_json(blocks, when)
    rec = stored_reconciliation(store)
    assert rec is None or format_reconciliation(rec)


def write_csv(path: Path, rows: list[list[str]]) -> Path:
    with open(path, "w", encoding="utf-8", newline="") as fh:
        csv.writer(fh).writerows(rows)
    return path

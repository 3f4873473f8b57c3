"""The kinds `pcntui import` and `pcntui export` accept, named here so that building the
parser (and `--help`, `--version`) imports no storage code. The registries that do the work
(pcntui.store.imports.IMPORTERS, pcntui.report.exports.EXPORTERS) must list exactly these;
tests/foundation/test_cli.py checks it.
"""

IMPORT_KINDS: dict[str, str] = {
    "practices": "practice map (gp-reg-pat-prac-map.csv): refresh the PCN's practices",
    "list-sizes": "patients by age band (gp-reg-pat-prac-quin-age.csv): list sizes",
    "imd": "IMD score per practice (Fingertips extract)",
    "staff": "your staff CSV: name, role, wte, start_date, end_date, fte_salary, oncost_pct, arrs_funded",
    "rates": "ARRS maxima: role, effective_from, annual_max, reimbursement_pct (upsert)",
    "workforce": "NWRS PCN workforce CSV: FTE on record by role vs the roster (--pcn U12345)",
    "smr-counts": "SMR monthly counts: practice_code, cohort, as_of, eligible, completed (+ invited, declined)",
    "smr-worklist": "SMR worklist: practice_code, reference, cohort (+ nhs_number, status, dates, reviewer, …)",
    "claims": "ARRS claims: month, name, role, amount_claimed, status, amount_paid (+ submitted_on, paid_on, reference)",
    "iif": "IIF achievement file as published (Network Contract DES (MI) IIF): the PCN's and its practices' rows",
    "iif-indicators": "IIF indicators by year: fy, indicator, ind_code, …, lower/upper_threshold, points, pound_per_point",
}

EXPORT_KINDS: list[str] = [
    "practices", "arrs", "arrs-summary", "staff", "arrs-planned", "arrs-rates",
    "smr", "smr-counts", "smr-worklist", "interventions", "requirements",
]

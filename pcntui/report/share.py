"""`pcntui share`: the tables of a share file, built from the PCN's own `status` documents.

For each year the file holds figures for (`store.reading.years_with_data`), the status
document as of the share's date gives: the roll-up figures (`pcn_year`), every number and
yes/no of its blocks (`figure`), the ARRS roles (`role_year`), the SMR cohorts at PCN level
(`cohort_year`) and the number of alerts by area and severity (`alert_count`). Nothing
names a person or says something free-written: no staff names, salaries, NHS numbers,
intervention or requirement titles, or alert messages (docs/share.md).
"""

from __future__ import annotations

from collections import Counter
from datetime import datetime, timezone
from decimal import Decimal

from pcntui import __version__
from pcntui.domain.period import Period
from pcntui.report.rollup import FIGURES, MONEY, figures_of, money_of, status_document
from pcntui.store.outfile import Table
from pcntui.store.share_file import SHARE_VERSION

# The scalar figures of each block copied into `figure` (lists and texts are left out, and the
# roster's pay cost: with few staff it would come close to a salary).
FIGURE_BLOCKS = ("arrs", "smr", "interventions", "requirements")
LEFT_OUT = {"fy", "actual_cost"}
ROLE_FIELDS = ("staff", "wte", "baseline_wte", "claimable", "claimable_year", "forecast", "cap_wte", "peak_wte",
               "over_cap")
ROLE_MONEY = ("claimable", "claimable_year", "forecast")
COHORT_FIELDS = ("eligible", "invited", "completed", "declined", "percent", "target_percent", "target_count",
                 "forecast", "forecast_percent", "status", "rag")


def _pence(value: Decimal | None) -> int | None:
    return None if value is None else int(value * 100)


def _scalars(prefix: str, data: object):
    """(name, value) of every number and yes/no in a block (nested names dotted; lists left out)."""
    if isinstance(data, dict):
        for key, value in data.items():
            yield from _scalars(f"{prefix}.{key}" if prefix else key, value)
    elif isinstance(data, bool | int | float) or data is None:
        yield prefix, data


def _figure_value(value: object) -> str | None:
    if value is None:
        return None
    if isinstance(value, bool):
        return "yes" if value else "no"
    return repr(value) if isinstance(value, float) else str(value)


def share_tables(store, as_of) -> list[Table]:
    from pcntui.store.reading import years_with_data

    years = years_with_data(store, as_of)
    docs = [status_document(store, Period(as_of, fy)) for fy in years]
    pcn = docs[-1].get("pcn") or {}
    head = [SHARE_VERSION, pcn.get("code"), pcn.get("name"), pcn.get("icb"), pcn.get("practices"),
            pcn.get("patients"), pcn.get("list_size_date"), pcn.get("imd_weighted"), as_of.isoformat(),
            datetime.now(timezone.utc).isoformat(timespec="seconds"), __version__]
    year_rows, figure_rows, role_rows, cohort_rows, alert_rows = [], [], [], [], []
    for doc in docs:
        fy = doc["fy"]
        f = figures_of(doc)
        year_rows.append([fy, doc["as_of"], *(_pence(f[n]) if n in MONEY else f[n] for n in FIGURES)])
        for block in FIGURE_BLOCKS:
            for name, value in _scalars("", {k: v for k, v in (doc.get(block) or {}).items() if k not in LEFT_OUT}):
                figure_rows.append([fy, block, name, _figure_value(value)])
        for role in (doc.get("arrs") or {}).get("roles", []):
            role_rows.append([fy, role["code"], role["name"],
                              *(_pence(money_of(role[k])) if k in ROLE_MONEY else role[k] for k in ROLE_FIELDS)])
        for c in (doc.get("smr") or {}).get("cohorts", []):
            cohort_rows.append([fy, c["code"], c["name"], c.get("latest_as_of"), *(c.get(k) for k in COHORT_FIELDS)])
        for (area, severity), n in sorted(Counter((a["area"], a["severity"]) for a in doc["alerts"]).items()):
            alert_rows.append([fy, area, severity, n])
    money = [(f"{n}_pence", "INTEGER") for n in MONEY]
    return [
        Table("share", [("share_version", "INTEGER"), ("pcn_code", "TEXT"), ("pcn_name", "TEXT"), ("icb", "TEXT"),
                        ("practices", "INTEGER"), ("patients", "INTEGER"), ("list_size_date", "TEXT"),
                        ("imd_weighted", "REAL"), ("as_of", "TEXT"), ("written_at", "TEXT"),
                        ("pcntui_version", "TEXT")], [head]),
        Table("pcn_year", [("fy", "TEXT PRIMARY KEY"), ("as_of", "TEXT"), ("patients", "INTEGER"), *money,
                           *((n, "INTEGER") for n in FIGURES[1 + len(MONEY):])], year_rows),
        Table("figure", [("fy", "TEXT"), ("block", "TEXT"), ("figure", "TEXT"), ("value", "TEXT")], figure_rows),
        Table("role_year", [("fy", "TEXT"), ("role_code", "TEXT"), ("role_name", "TEXT"),
                            *((f"{k}_pence" if k in ROLE_MONEY else k, "NUMERIC") for k in ROLE_FIELDS)], role_rows),
        Table("cohort_year", [("fy", "TEXT"), ("cohort_code", "TEXT"), ("cohort_name", "TEXT"),
                              ("latest_as_of", "TEXT"), *((k, "NUMERIC") for k in COHORT_FIELDS)], cohort_rows),
        Table("alert_count", [("fy", "TEXT"), ("area", "TEXT"), ("severity", "TEXT"), ("alerts", "INTEGER")],
              alert_rows),
    ]

"""IIF in the database: indicator definitions (shipped + the user's), the published achievement
values kept for the PCN, `pcntui import iif FILE`, `pcntui import iif-indicators FILE`, and the
year's achievement in points and pounds.

The user's indicator rows for a year replace the shipped rows for that year as a whole (an
ICB's table for the year is the whole table); years the user has not given keep the shipped
rows. Achievement values are kept per achievement date: importing a file replaces the rows of
the dates it holds.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from pathlib import Path

from pcntui.domain.fy import FinancialYear
from pcntui.domain.iif import IifIndicator, IifValue, IifYear, iif_year
from pcntui.domain.money import from_pence, to_pence
from pcntui.domain.progress import SAVING, Progress, counted
from pcntui.errors import UserError
from pcntui.reference.iif_reference import shipped_indicators
from pcntui.store import records
from pcntui.store.arrs import dec_text
from pcntui.store.db import Store
from pcntui.store.pcn import get_pcn, pcn_summary, require_pcn
from pcntui.store.tx import WriteReport

INDICATOR_KEY = ("fy", "indicator")
VALUE_KEY = ("ach_date", "org_code", "ind_code", "measure")


# ---------------------------------------------------------------------- indicator definitions
def _indicator(r: dict) -> IifIndicator:
    return IifIndicator(
        fy=FinancialYear.parse(r["fy"]), indicator=r["indicator"], numerator_measure=r["numerator_measure"],
        denominator_measure=r["denominator_measure"], lower_threshold=Decimal(r["lower_threshold"]),
        upper_threshold=Decimal(r["upper_threshold"]), points=Decimal(r["points"]),
        pound_per_point=from_pence(r["pound_per_point_pence"]), higher_is_better=bool(r["higher_is_better"]),
        ind_code=r["ind_code"], description=r["description"], reference_list_size=r["reference_list_size"],
        confirmed=bool(r["confirmed"]), source=r["source"], note=r["note"], origin="user", rev=r["rev"],
    )


def indicator_values(ind: IifIndicator) -> dict:
    return {
        "fy": ind.fy.label, "indicator": ind.indicator, "ind_code": ind.ind_code, "description": ind.description,
        "numerator_measure": ind.numerator_measure, "denominator_measure": ind.denominator_measure,
        "lower_threshold": dec_text(ind.lower_threshold), "upper_threshold": dec_text(ind.upper_threshold),
        "points": dec_text(ind.points), "pound_per_point_pence": to_pence(ind.pound_per_point),
        "higher_is_better": int(ind.higher_is_better), "reference_list_size": ind.reference_list_size,
        "confirmed": int(ind.confirmed), "source": ind.source, "note": ind.note,
    }


def user_indicators(store: Store) -> list[IifIndicator]:
    return [_indicator(r) for r in store.query("SELECT * FROM iif_indicator ORDER BY fy, rowid")]


def load_indicators(store: Store) -> list[IifIndicator]:
    """The definitions in force, by year: the user's rows for a year they have given, else the shipped ones."""
    mine = user_indicators(store)
    years = {i.fy for i in mine}
    merged = [i for i in shipped_indicators() if i.fy not in years] + mine
    return sorted(merged, key=lambda i: i.fy)  # stable: keeps each year's own order


def import_iif_indicators(store: Store, path: Path, *, dry_run: bool = False, progress: Progress | None = None,
                          **_: object) -> WriteReport:
    """All rows checked first; one action; upsert on (fy, indicator)."""
    from pcntui.ingest.iif_indicators_csv import read_indicators

    path = Path(path)
    rows = read_indicators(path)
    report = WriteReport("IIF indicators")
    with store.action(f"Import IIF indicators from {path.name}", dry_run=dry_run) as tx:
        for ind in counted(rows, progress, SAVING):
            report.add(records.save(tx.db, "iif_indicator", INDICATOR_KEY, indicator_values(ind)))
    notes = []
    for fy in sorted({i.fy for i in rows}):
        mine = {i.key for i in rows if i.fy == fy}
        set_aside = [i.indicator for i in shipped_indicators() if i.fy == fy and i.key not in mine]
        if set_aside:
            notes.append(f"{fy.label}: your indicators replace the shipped ones; not in your file: "
                         f"{', '.join(set_aside)}.")
    report.notes = notes or None
    return report


# ---------------------------------------------------------------------- achievement values
def _value(r: dict) -> IifValue:
    return IifValue(org_type=r["org_type"], org_code=r["org_code"], ind_code=r["ind_code"], measure=r["measure"],
                    value=Decimal(r["value"]), ach_date=date.fromisoformat(r["ach_date"]))


def load_values(store: Store, fy: FinancialYear) -> list[IifValue]:
    """Every achievement row kept for the year (all achievement dates)."""
    return [_value(r) for r in store.query("SELECT * FROM iif_value WHERE fy = ? ORDER BY ach_date, id", [fy.label])]


def _practice_codes(store: Store, pcn_code: str) -> set[str]:
    return {r["code"] for r in store.query("SELECT code FROM practice WHERE pcn_code = ?", [pcn_code])}


def import_iif(store: Store, path: Path, *, dry_run: bool = False, pcn: str | None = None,
               progress: Progress | None = None, **_: object) -> WriteReport:
    """Keep the PCN's and its member practices' rows; one action; a date's rows are replaced by the file's."""
    from pcntui.ingest.iif_file import read_iif_file

    path = Path(path)
    code = require_pcn(store)["code"]
    if pcn and pcn.strip().upper() != code:
        raise UserError(f"This database is set up for PCN {code}, not {pcn.strip().upper()}.")
    practices = _practice_codes(store, code)
    data = read_iif_file(path, code, practices)
    report = WriteReport("IIF achievement")
    new_keys = {(v.ach_date.isoformat(), v.org_code, v.ind_code, v.measure.casefold()) for v in data.values}
    removed = 0
    with store.action(f"Import IIF achievement from {path.name}", dry_run=dry_run) as tx:
        for day in sorted({v.ach_date.isoformat() for v in data.values}):
            for r in tx.db.execute("SELECT id, org_code, ind_code, measure FROM iif_value WHERE ach_date = ?",
                                [day]).fetchall():
                if (day, r[1], r[2], r[3].casefold()) not in new_keys:
                    tx.db.execute("DELETE FROM iif_value WHERE id = ?", [r[0]])
                    removed += 1
        for v in counted(data.values, progress, SAVING):
            values = {"fy": v.fy.label, "ach_date": v.ach_date.isoformat(), "org_type": v.org_type,
                      "org_code": v.org_code, "ind_code": v.ind_code, "measure": v.measure,
                      "value": format(v.value, "f")}
            report.add(records.save(tx.db, "iif_value", VALUE_KEY, values))
    notes = [f"Kept {data.pcn_rows} row(s) for PCN {code} and {data.practice_rows} for "
             f"{len(data.practices_found)} of its {len(practices)} practice(s); {data.other_rows} row(s) of other "
             "organisations skipped."]
    missing = sorted(practices - data.practices_found)
    if missing:
        notes.append(f"No rows for practice(s) {', '.join(missing)}.")
    if removed:
        notes.append(f"{removed} earlier row(s) of the same achievement date(s) are not in this file (removed).")
    report.notes = notes
    return report


# ---------------------------------------------------------------------- the year
def iif_view(store: Store, fy: FinancialYear) -> IifYear:
    """Every indicator of the year against the PCN's latest achievement rows, in points and pounds."""
    pcn = get_pcn(store)
    code = pcn["code"] if pcn else ""  # no PCN yet: no achievement rows can be its own
    summary = pcn_summary(store)
    indicators = [i for i in load_indicators(store) if i.fy == fy]
    return iif_year(indicators, load_values(store, fy), fy, code, _practice_codes(store, code),
                    summary.patients if summary and summary.patients else None)

"""IIF in the database: indicator definitions (shipped + the user's), the published achievement
values kept for the PCN, `pcntui import iif FILE`, `pcntui import iif-indicators FILE`, the
thresholds `pcntui smr iif` sets, and the year's achievement in points and pounds.

Indicators go per (fy, indicator): the user's row wins over the shipped row with the same key
(a later release's shipped figures never replace it), and the year's other shipped rows still
apply. A user row with in_force = 0 sets a shipped indicator aside for its year: an imported
indicators file (or rules pack) is the year's whole table, so the shipped indicators it does
not list are set aside that way. The SMR cohorts' thresholds are these rows too (a cohort year
names its indicator). Achievement values are kept per achievement date: importing a file
replaces the rows of the dates it holds.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING

from pcntui.domain.text import counted
from pcntui.domain.fy import FinancialYear
from pcntui.domain.iif import IifIndicator, IifValue, check_indicator
from pcntui.domain.money import from_pence, to_pence
from pcntui.domain.progress import Progress
from pcntui.errors import FieldMessage, UserError, ValidationFailed
from pcntui.reference.iif_reference import shipped_indicators
from pcntui.store import records
from pcntui.store.bulk import save_many
from pcntui.store.records import dec_text
from pcntui.store.db import Store
from pcntui.store.pcn import require_pcn
from pcntui.store.tx import Tx, WriteReport

if TYPE_CHECKING:
    import sqlite_utils

INDICATOR_KEY = ("fy", "indicator")
VALUE_KEY = ("ach_date", "org_code", "ind_code", "measure")


# ---------------------------------------------------------------------- indicator definitions
def _indicator(r: dict) -> IifIndicator:
    pence = r["pound_per_point_pence"]
    return IifIndicator(
        fy=FinancialYear.parse(r["fy"]), indicator=r["indicator"], numerator_measure=r["numerator_measure"],
        denominator_measure=r["denominator_measure"], lower_threshold=Decimal(r["lower_threshold"]),
        upper_threshold=Decimal(r["upper_threshold"]), points=None if r["points"] is None else Decimal(r["points"]),
        pound_per_point=None if pence is None else from_pence(pence), higher_is_better=bool(r["higher_is_better"]),
        ind_code=r["ind_code"], description=r["description"], reference_list_size=r["reference_list_size"],
        confirmed=bool(r["confirmed"]), source=r["source"], note=r["note"], origin="user", rev=r["rev"],
        in_force=bool(r["in_force"]),
    )


def indicator_values(ind: IifIndicator) -> dict:
    return {
        "fy": ind.fy.label, "indicator": ind.indicator, "ind_code": ind.ind_code, "description": ind.description,
        "numerator_measure": ind.numerator_measure, "denominator_measure": ind.denominator_measure,
        "lower_threshold": dec_text(ind.lower_threshold), "upper_threshold": dec_text(ind.upper_threshold),
        "points": dec_text(ind.points),
        "pound_per_point_pence": None if ind.pound_per_point is None else to_pence(ind.pound_per_point),
        "higher_is_better": int(ind.higher_is_better), "reference_list_size": ind.reference_list_size,
        "confirmed": int(ind.confirmed), "source": ind.source, "note": ind.note, "in_force": int(ind.in_force),
    }


def user_indicators(reader) -> list[IifIndicator]:
    """The user's rows, those that set a shipped indicator aside included."""
    return [_indicator(r) for r in reader.query("SELECT * FROM iif_indicator ORDER BY fy, rowid")]


def merge_indicators(shipped: Iterable[IifIndicator], mine: Iterable[IifIndicator]) -> list[IifIndicator]:
    """Per (fy, indicator): the user's row in place of the shipped one; rows set aside left out.
    By year; a year's shipped rows in their order, then the user's new ones."""
    own = {i.key: i for i in mine}
    merged = [own.pop(i.key, i) for i in shipped] + list(own.values())
    return sorted((i for i in merged if i.in_force), key=lambda i: i.fy)  # stable: keeps each year's order


def load_indicators(reader) -> list[IifIndicator]:
    """The definitions in force, every year."""
    return merge_indicators(shipped_indicators(), user_indicators(reader))


def indicator_in_force(reader, fy: FinancialYear, indicator: str) -> IifIndicator | None:
    key = (fy, indicator.strip().casefold())
    return next((i for i in load_indicators(reader) if i.key == key), None)


def set_aside_shipped(db: sqlite_utils.Database, fy: FinancialYear, listed: Iterable[str]) -> list[str]:
    """A year's table was given whole: its shipped indicators not `listed` and without a row of
    the user's are set aside (a user row with in_force = 0). Returns their names."""
    given = {name.strip().casefold() for name in listed}
    mine = {r[0].casefold() for r in db.execute("SELECT indicator FROM iif_indicator WHERE fy = ?", [fy.label])}
    out = [ind for ind in shipped_indicators() if ind.fy == fy and ind.key[1] not in given | mine]
    for ind in out:
        set_aside(db, ind)
    return [ind.indicator for ind in out]


def set_aside(db: sqlite_utils.Database, shipped: IifIndicator) -> None:
    """The user's row that sets a shipped indicator aside for its year."""
    note = "Set aside: the year's indicators were imported without it."
    records.save(db, "iif_indicator", INDICATOR_KEY, indicator_values(replace(shipped, in_force=False, note=note)))


def write_thresholds(tx: Tx, fy: FinancialYear, indicator: str, lower: Decimal | None, upper: Decimal | None,
                     *, confirmed: bool, about: str) -> IifIndicator:
    """The user's thresholds for (fy, indicator) (`smr iif`): the row in force (or the one set aside)
    with them, or a new row with the published files' measure names and points not known."""
    name = indicator.strip()
    key = (fy, name.casefold())
    mine = user_indicators(tx)
    base = next((i for i in merge_indicators(shipped_indicators(), mine) if i.key == key), None)
    base = base or next((i for i in mine if i.key == key), None)
    if base is None:
        if lower is None or upper is None:
            raise ValidationFailed([FieldMessage(("lower" if lower is None else "upper",),
                                                 f"{name} has no thresholds on record for {fy.label}: give both.")])
        base = IifIndicator(fy=fy, indicator=name, numerator_measure=f"{name} Numerator",
                            denominator_measure=f"{name} Denominator", lower_threshold=lower, upper_threshold=upper,
                            points=None, pound_per_point=None, description=about,
                            note="Thresholds set with 'smr iif'; points and £ per point not known; measure names "
                                 "assumed from the published files' pattern.")
    ind = replace(base, lower_threshold=base.lower_threshold if lower is None else lower,
                  upper_threshold=base.upper_threshold if upper is None else upper,
                  confirmed=confirmed, in_force=True, origin="user")
    problems = check_indicator(ind)
    if problems:
        raise ValidationFailed([FieldMessage((column.removesuffix("_threshold"),), f"{text}.")
                                for column, text in problems])
    records.save(tx.db, "iif_indicator", INDICATOR_KEY, indicator_values(ind))
    return ind


def import_iif_indicators(store: Store, path: Path, *, dry_run: bool = False, progress: Progress | None = None,
                          **_: object) -> WriteReport:
    """All rows checked first; one action; upsert on (fy, indicator); each year in the file is
    the year's whole table (its other shipped indicators are set aside)."""
    from pcntui.ingest.iif_indicators_csv import read_indicators

    path = Path(path)
    rows = read_indicators(path)
    report = WriteReport("IIF indicators")
    notes = []
    with store.action(f"Import IIF indicators from {path.name}", dry_run=dry_run) as tx:
        save_many(tx.db, "iif_indicator", INDICATOR_KEY, [indicator_values(ind) for ind in rows], report,
                  progress=progress)
        for fy in sorted({i.fy for i in rows}):
            set_aside = set_aside_shipped(tx.db, fy, (i.indicator for i in rows if i.fy == fy))
            if set_aside:
                notes.append(f"{fy.label}: your file is the year's table; shipped indicators not in it are set "
                             f"aside: {', '.join(set_aside)}.")
    report.notes = notes or None
    return report


# ---------------------------------------------------------------------- achievement values
def _value(r: dict) -> IifValue:
    return IifValue(org_type=r["org_type"], org_code=r["org_code"], ind_code=r["ind_code"], measure=r["measure"],
                    value=Decimal(r["value"]), ach_date=date.fromisoformat(r["ach_date"]))


def load_values(store: Store, fy: FinancialYear) -> list[IifValue]:
    """Every achievement row kept for the year (all achievement dates)."""
    return [_value(r) for r in store.query("SELECT * FROM iif_value WHERE fy = ? ORDER BY ach_date, id", [fy.label])]


def practice_codes(store: Store, pcn_code: str) -> set[str]:
    return {r["code"] for r in store.query("SELECT code FROM practice WHERE pcn_code = ?", [pcn_code])}


def import_iif(store: Store, path: Path, *, dry_run: bool = False, pcn: str | None = None,
               progress: Progress | None = None, **_: object) -> WriteReport:
    """Keep the PCN's and its member practices' rows; one action; a date's rows are replaced by the file's."""
    from pcntui.ingest.iif_file import read_iif_file

    path = Path(path)
    code = require_pcn(store)["code"]
    if pcn and pcn.strip().upper() != code:
        raise UserError(f"This database is set up for PCN {code}, not {pcn.strip().upper()}.")
    practices = practice_codes(store, code)
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
        save_many(tx.db, "iif_value", VALUE_KEY, [
            {"fy": v.fy.label, "ach_date": v.ach_date.isoformat(), "org_type": v.org_type, "org_code": v.org_code,
             "ind_code": v.ind_code, "measure": v.measure, "value": format(v.value, "f")} for v in data.values],
            report, progress=progress)
    notes = [f"Kept {counted(data.pcn_rows, 'row')} for PCN {code} and {data.practice_rows} for "
             f"{len(data.practices_found)} of its {counted(len(practices), 'practice')}; "
             f"{counted(data.other_rows, 'row')} of other "
             "organisations skipped."]
    missing = sorted(practices - data.practices_found)
    if missing:
        notes.append(f"No rows for {'practice' if len(missing) == 1 else 'practices'} {', '.join(missing)}.")
    if removed:
        notes.append(f"{counted(removed, 'earlier row')} of the same achievement date "
                     f"{'is' if removed == 1 else 'are'} not in this file (removed).")
    report.notes = notes
    return report


# ---------------------------------------------------------------------- the year

"""SMR cohorts, their years (DES priority group, IIF indicator), targets and settings.

Reads merge the shipped cohorts (pcntui/reference/smr_cohorts.toml) with the database:
a database row wins over the shipped one with the same code (and year). A cohort year's IIF
thresholds are its indicator's row of the IIF table in force (store/iif.py). Every write
first copies the shipped cohorts that are not in the database yet (so counts, targets and
the worklist can refer to them), inside the caller's action.
"""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal
from typing import TYPE_CHECKING

from pcntui.domain.cohort import Cohort, CohortIndex, CohortYear, Target, iif_table
from pcntui.domain.fy import FinancialYear
from pcntui.errors import UserError
from pcntui.reference.smr_reference import reference_cohorts
from pcntui.store import records
from pcntui.store.db import Store
from pcntui.store.tx import Reader, Tx
from pcntui.store.smr_settings import SETTING_KEYS, SmrSettings, settings, write_settings  # noqa: F401 (also used from here)

if TYPE_CHECKING:
    import sqlite_utils

YEAR_COLUMNS = ("des_priority", "des_confirmed", "iif_indicator", "iif_confirmed", "note")


# ---------------------------------------------------------------------- cohorts
def ensure_reference(db: sqlite_utils.Database) -> int:
    """Copy shipped cohorts missing from the database (their rows only: the years stay in the
    shipped file unless the user corrects one); call inside an action."""
    have = {r[0] for r in db.execute("SELECT code FROM smr_cohort").fetchall()}
    added = 0
    for c in reference_cohorts():
        if c.code not in have:
            db["smr_cohort"].insert({
                "code": c.code, "name": c.name, "definition": c.definition, "aliases": "|".join(c.aliases),
                "origin": "reference", "sort_order": c.sort_order,
            })
            added += 1
    return added


def _year_values(y: CohortYear) -> dict:
    return {
        "des_priority": int(y.des_priority), "des_confirmed": int(y.des_confirmed),
        "iif_indicator": y.iif_indicator, "iif_confirmed": int(y.iif_confirmed), "note": y.note,
    }


def _year_of(row: dict) -> CohortYear:
    return CohortYear(
        fy=row["fy"], des_priority=bool(row["des_priority"]), des_confirmed=bool(row["des_confirmed"]),
        iif_indicator=row["iif_indicator"], iif_confirmed=bool(row["iif_confirmed"]), note=row["note"],
    )


def load_cohorts(store: Store) -> list[Cohort]:
    """Every cohort (shipped and user-defined), database rows winning, in display order, each
    with the IIF table in force (its years' thresholds)."""
    from pcntui.store.iif import load_indicators

    table = iif_table(load_indicators(store))
    shipped = {c.code: replace(c, iif_table=table) for c in reference_cohorts()}
    years: dict[str, dict[str, CohortYear]] = {}
    for row in store.query("SELECT * FROM smr_cohort_year"):
        years.setdefault(row["cohort_code"], {})[row["fy"]] = _year_of(row)
    out: dict[str, Cohort] = {}
    for code, c in shipped.items():
        out[code] = c
    for row in store.query("SELECT * FROM smr_cohort"):
        base = shipped.get(row["code"])
        merged_years = {y.fy: y for y in (base.years if base else ())}
        out[row["code"]] = Cohort(
            code=row["code"], name=row["name"], definition=row["definition"],
            aliases=tuple(a for a in (row["aliases"] or "").split("|") if a),
            origin=row["origin"], sort_order=row["sort_order"], years=tuple(merged_years.values()), rev=row["rev"],
            iif_table=table,
        )
    for code, by_fy in years.items():
        if code in out:
            merged = {y.fy: y for y in out[code].years}
            merged.update(by_fy)
            out[code] = replace(out[code], years=tuple(sorted(merged.values(), key=lambda y: y.fy)))
    return sorted(out.values(), key=lambda c: (c.sort_order, c.name.casefold()))


def cohort_index(store: Store) -> CohortIndex:
    return CohortIndex(load_cohorts(store))


def find_cohort(store: Store, text: str) -> Cohort:
    index = cohort_index(store)
    found = index.find(text)
    if found is None:
        raise UserError(f"There is no SMR cohort '{text}' (known: {index.known()}).")
    return found


def cohorts_for_year(store: Store, fy: FinancialYear) -> list[tuple[Cohort, CohortYear]]:
    """Cohorts that apply in `fy`: DES priority groups that year, local cohorts, and any
    cohort with a target or imported counts in the year."""
    used = {r["cohort_code"] for r in store.query(
        "SELECT cohort_code FROM smr_target WHERE fy = ? UNION "
        "SELECT DISTINCT cohort_code FROM smr_count WHERE as_of BETWEEN ? AND ?",
        [fy.label, fy.start.isoformat(), fy.end.isoformat()])}
    out = []
    for c in load_cohorts(store):
        y = c.year(fy)
        if y is None:
            if c.code not in used:
                continue
            y = CohortYear(fy=fy.label, des_priority=False, note="Not a DES priority group this year.")
        if y.des_priority or c.origin == "user" or c.code in used:
            out.append((c, y))
    return out


def write_cohort(tx: Tx, cohort: Cohort, *, new: bool) -> None:
    """Add a user-defined cohort, or change an existing one's name/definition/aliases (checked already)."""
    ensure_reference(tx.db)
    values = {"code": cohort.code, "name": cohort.name, "definition": cohort.definition,
              "aliases": "|".join(cohort.aliases), "origin": cohort.origin}
    if new:
        values["sort_order"] = 100
    records.save(tx.db, "smr_cohort", "code", values)


def cohort_uses(reader: Reader, code: str) -> int:
    """Counts and worklist entries that refer to a cohort (a cohort in use cannot be deleted)."""
    return int(reader.scalar(
        "SELECT (SELECT count(*) FROM smr_count WHERE cohort_code = :c) + "
        "(SELECT count(*) FROM smr_worklist_cohort WHERE cohort_code = :c)", {"c": code}))


def remove_cohort(tx: Tx, code: str) -> None:
    """Delete a user-defined cohort with its targets and years (the caller checked it is unused)."""
    tx.execute("DELETE FROM smr_target WHERE cohort_code = ?", [code])
    tx.execute("DELETE FROM smr_cohort_year WHERE cohort_code = ?", [code])
    records.delete(tx.db, "smr_cohort", "code", code)


def write_cohort_year(tx: Tx, cohort: Cohort, fy: FinancialYear, changes: dict) -> None:
    """Correct or add what a cohort is in a year (any of YEAR_COLUMNS), inside the caller's action;
    a year carried forward becomes the user's own."""
    unknown = set(changes) - set(YEAR_COLUMNS)
    if unknown:
        raise UserError(f"Unknown cohort-year {'field' if len(unknown) == 1 else 'fields'}: {', '.join(sorted(unknown))}.")
    current = cohort.year(fy) or CohortYear(fy=fy.label, des_priority=False)
    values = {**_year_values(replace(current, carried_forward_from=None)), **changes}
    if "note" not in changes and current.carried_forward_from:
        values["note"] = f"Set by the user for {fy.label}."
    ensure_reference(tx.db)
    for key in ("des_priority", "des_confirmed", "iif_confirmed"):
        values[key] = int(bool(values[key]))
    records.save(tx.db, "smr_cohort_year", ("cohort_code", "fy"), {"cohort_code": cohort.code, "fy": fy.label, **values})


# ---------------------------------------------------------------------- targets
def targets(store: Store, fy: FinancialYear) -> dict[str, Target]:
    return {r["cohort_code"]: Target(r["kind"], Decimal(str(r["value"])))
            for r in store.query("SELECT cohort_code, kind, value FROM smr_target WHERE fy = ?", [fy.label])}


def write_target(tx: Tx, code: str, fy: FinancialYear, target: Target | None) -> None:
    """Set (or with None, remove) the PCN's target for a cohort in a year."""
    ensure_reference(tx.db)
    if target is None:
        tx.execute("DELETE FROM smr_target WHERE cohort_code = ? AND fy = ?", [code, fy.label])
    else:
        records.save(tx.db, "smr_target", ("cohort_code", "fy"),
                     {"cohort_code": code, "fy": fy.label, "kind": target.kind, "value": float(target.value)})


def practice_names(store: Store) -> dict[str, str]:
    return {r["code"]: r["name"] for r in store.query("SELECT code, name FROM practice ORDER BY name")}


"""The Network Contract DES sections of a rules pack (pcntui/domain/rules_pack.py): DES
requirements, SMR cohort years and targets, IIF indicators, as pack rows read from the database
(shipped rows merged in) and written to it.

A requirement's definition (not the PCN's owner, status or evidence) is the pack's; a shipped
requirement edited by a pack keeps its key. IIF indicators go per indicator (store/iif.py): a
pack's local row wins over the shipped one, and the year's shipped indicators the pack does not
list are set aside. A cohort year names its indicator; its thresholds are the indicator's row."""

from __future__ import annotations

from decimal import Decimal

from pcntui.domain.fy import FinancialYear
from pcntui.domain.iif import IifIndicator
from pcntui.domain.requirement_in import RequirementIn
from pcntui.domain.rules_pack import Row, exact, money
from pcntui.reference.iif_reference import shipped_indicators
from pcntui.reference.requirements_des import shipped_requirements
from pcntui.reference.smr_reference import reference_cohorts
from pcntui.store import records
from pcntui.store.db import Store
from pcntui.store.tx import Tx

REQUIREMENT_FIELDS = ("fy", "area", "title", "detail", "due_on", "due_confirmed", "source")


def _pct(value) -> Decimal | None:
    return None if value is None else exact(Decimal(str(value)))


# ---------------------------------------------------------------------- requirements
def _requirement(key: str, r, origin: str) -> Row:
    return {"key": key, "fy": r.fy, "area": r.area, "title": r.title, "detail": r.detail or "", "due_on": r.due_on,
            "due_confirmed": r.due_confirmed, "source": r.source or "", "origin": origin}


def _same(a: Row, b: Row, fields) -> bool:
    return all(a[f] == b[f] for f in fields)


def shipped_requirement_rows() -> dict[str, Row]:
    return {key: _requirement(key, r, "shipped") for key, r in shipped_requirements()}


def requirement_rows(store: Store, fy: FinancialYear) -> list[Row]:
    from pcntui.store.requirements import list_requirements

    shipped = shipped_requirement_rows()
    out = []
    for r in list_requirements(store, fy.label):
        row = _requirement(r.ref_key or "", r, "local")
        if r.ref_key in shipped and _same(row, shipped[r.ref_key], REQUIREMENT_FIELDS):
            row["origin"] = "shipped"
        out.append(row)
    return sorted(out, key=lambda r: (r["key"] == "", r["key"], r["title"].casefold()))


def write_requirement(tx: Tx, row: Row) -> None:
    """Save the definition: on the row with the key (copied from the shipped file if need be), or the
    year's row of the user's with this title, else a new row."""
    data = RequirementIn(**{f: row[f] for f in REQUIREMENT_FIELDS})
    values = data.model_dump(include=set(REQUIREMENT_FIELDS))
    values.update(due_on=data.due_on.isoformat() if data.due_on else None, due_confirmed=int(data.due_confirmed))
    if row["key"]:
        found = tx.scalar("SELECT id FROM des_requirement WHERE ref_key = ?", [row["key"]])
    else:
        found = tx.scalar("SELECT id FROM des_requirement WHERE ref_key IS NULL AND fy = ? AND title = ? "
                          "COLLATE NOCASE ORDER BY id LIMIT 1", [row["fy"], row["title"]])
    if found is not None:
        records.save(tx.db, "des_requirement", "id", {"id": found, **values})
        return
    shipped = row["key"] in shipped_requirement_rows()
    tx.db["des_requirement"].insert({**values, "ref_key": row["key"] or None,
                                     "origin": "reference" if shipped else "user"})


# ---------------------------------------------------------------------- SMR cohorts, their years, targets
def cohort_rows(store: Store) -> list[Row]:
    """The user's own cohorts (shipped cohorts are defined by the release)."""
    shipped = {c.code for c in reference_cohorts()}
    return [{"code": r["code"], "name": r["name"], "definition": r["definition"], "aliases": r["aliases"],
             "origin": "local"}
            for r in store.query("SELECT code, name, definition, aliases FROM smr_cohort WHERE origin = 'user' "
                                 "ORDER BY code") if r["code"] not in shipped]


def write_cohort(tx: Tx, row: Row) -> None:
    records.save(tx.db, "smr_cohort", "code", {"code": row["code"], "name": row["name"],
                                               "definition": row["definition"], "aliases": row["aliases"],
                                               "origin": "user"})


def _cohort_year(code: str, y, origin: str) -> Row:
    return {"cohort": code, "fy": y.fy, "des_priority": y.des_priority, "des_confirmed": y.des_confirmed,
            "iif_indicator": y.iif_indicator or "", "iif_confirmed": y.iif_confirmed, "note": y.note or "",
            "origin": origin}


def shipped_cohort_year_rows(fy: FinancialYear) -> list[Row]:
    """The shipped cohorts in `fy` (a year not listed carries the latest earlier one forward, unconfirmed)."""
    return [_cohort_year(c.code, y, "shipped") for c in reference_cohorts() if (y := c.year(fy)) is not None]


def cohort_year_rows(store: Store, fy: FinancialYear) -> list[Row]:
    from pcntui.store.smr import load_cohorts

    mine = {r["cohort_code"] for r in store.query("SELECT cohort_code FROM smr_cohort_year WHERE fy = ?", [fy.label])}
    shipped = {c.code for c in reference_cohorts()}
    out = []
    for c in load_cohorts(store):
        y = c.year(fy)
        if y is not None and (c.code in mine or c.code in shipped):
            out.append(_cohort_year(c.code, y, "local" if c.code in mine else "shipped"))
    return out


def target_rows(store: Store, fy: FinancialYear) -> list[Row]:
    return [{"cohort": r["cohort_code"], "fy": fy.label, "kind": r["kind"], "value": _pct(r["value"]),
             "origin": "local"}
            for r in store.query("SELECT cohort_code, kind, value FROM smr_target WHERE fy = ? ORDER BY cohort_code",
                                 [fy.label])]


def write_cohort_year(tx: Tx, row: Row) -> None:
    from pcntui.store.smr import ensure_reference

    ensure_reference(tx.db)
    records.save(tx.db, "smr_cohort_year", ("cohort_code", "fy"), {
        "cohort_code": row["cohort"], "fy": row["fy"], "des_priority": int(row["des_priority"]),
        "des_confirmed": int(row["des_confirmed"]), "iif_indicator": row["iif_indicator"] or None,
        "iif_confirmed": int(row["iif_confirmed"]), "note": row["note"] or None})


def revert_cohort_year(tx: Tx, row: Row) -> None:
    tx.execute("DELETE FROM smr_cohort_year WHERE cohort_code = ? AND fy = ?", [row["cohort"], row["fy"]])


def write_target(tx: Tx, row: Row) -> None:
    from pcntui.store.smr import ensure_reference

    ensure_reference(tx.db)
    records.save(tx.db, "smr_target", ("cohort_code", "fy"), {
        "cohort_code": row["cohort"], "fy": row["fy"], "kind": row["kind"], "value": float(row["value"])})


# ---------------------------------------------------------------------- IIF indicators
def _indicator_row(i: IifIndicator) -> Row:
    return {"fy": i.fy.label, "indicator": i.indicator, "ind_code": i.ind_code, "description": i.description,
            "numerator_measure": i.numerator_measure, "denominator_measure": i.denominator_measure,
            "lower_threshold": exact(i.lower_threshold), "upper_threshold": exact(i.upper_threshold),
            "points": None if i.points is None else exact(i.points),
            "pound_per_point": None if i.pound_per_point is None else money(i.pound_per_point),
            "higher_is_better": i.higher_is_better, "reference_list_size": i.reference_list_size,
            "confirmed": i.confirmed, "source": i.source, "note": i.note,
            "origin": "shipped" if i.origin == "shipped" else "local"}


def shipped_indicator_rows(fy: FinancialYear) -> list[Row]:
    return [_indicator_row(i) for i in shipped_indicators() if i.fy == fy]


def indicator_rows(store: Store, fy: FinancialYear) -> list[Row]:
    from pcntui.store.iif import load_indicators

    return [_indicator_row(i) for i in load_indicators(store) if i.fy == fy]


def write_indicator(tx: Tx, row: Row) -> None:
    from pcntui.store.iif import indicator_values

    ind = IifIndicator(
        fy=FinancialYear.parse(row["fy"]), indicator=row["indicator"], numerator_measure=row["numerator_measure"],
        denominator_measure=row["denominator_measure"], lower_threshold=row["lower_threshold"],
        upper_threshold=row["upper_threshold"], points=row["points"], pound_per_point=row["pound_per_point"],
        higher_is_better=row["higher_is_better"], ind_code=row["ind_code"], description=row["description"],
        reference_list_size=row["reference_list_size"], confirmed=row["confirmed"], source=row["source"],
        note=row["note"])
    records.save(tx.db, "iif_indicator", ("fy", "indicator"), indicator_values(ind))


def revert_indicator(tx: Tx, row: Row) -> None:
    """The shipped indicator applies again: the user's row for it (or the one setting it aside) goes."""
    tx.execute("DELETE FROM iif_indicator WHERE fy = ? AND indicator = ?", [row["fy"], row["indicator"]])


def set_aside_indicator(tx: Tx, row: Row) -> None:
    """A shipped indicator the pack's year does not list is set aside for the year."""
    from pcntui.store.iif import set_aside

    key = (FinancialYear.parse(row["fy"]), str(row["indicator"]).casefold())
    set_aside(tx.db, next(i for i in shipped_indicators() if i.key == key))

"""Schema v6: a cohort year only names its IIF indicator; its thresholds are the iif_indicator
row of that year, which now goes per indicator (points and £ per point may be unknown;
in_force = 0 sets a shipped row aside).

What a file written before v6 showed is kept:
- a year the user had given indicators for showed only theirs (the old whole-year rule): its
  other shipped indicators are set aside;
- each cohort's thresholds become the user's row for (fy, indicator) where they differ from
  the row in force (the shipped one, or the user's, whose thresholds the note keeps), so every
  SMR figure is unchanged. Where two cohorts gave one indicator different thresholds in a
  year, the first cohort's apply and the row's note keeps the others'. A cohort with only one
  of the two thresholds (which no figure used) gets no row.
Each row written is added to the history of the action that caused it (undoing that action
removes it again), and the history's cohort-year records lose the two columns, so older
actions can still be undone.
"""

from __future__ import annotations

import json
from dataclasses import replace
from decimal import Decimal
from typing import TYPE_CHECKING

from pcntui.domain.fy import FinancialYear
from pcntui.domain.iif import IifIndicator
from pcntui.store import iif, records
from pcntui.store.schema import create_statement, rebuild_table
from pcntui.store.tx import Tx

if TYPE_CHECKING:
    import sqlite_utils

OLD_COLUMNS = ("iif_lower_pct", "iif_upper_pct")


def migrate(db: sqlite_utils.Database) -> None:
    old = (db.execute("SELECT rowid, cohort_code, fy, iif_indicator, iif_lower_pct, iif_upper_pct FROM smr_cohort_year "
                      "WHERE iif_indicator IS NOT NULL AND iif_lower_pct IS NOT NULL AND iif_upper_pct IS NOT NULL "
                      "ORDER BY rowid").fetchall()
           if "iif_lower_pct" in db["smr_cohort_year"].columns_dict else [])
    db.execute(create_statement("iif_indicator"))
    rebuild_table(db, "iif_indicator")
    rebuild_table(db, "smr_cohort_year")
    _strip_history(db)
    _keep_whole_years(db)
    for ind, rowid in _cohort_rows(db, old):
        _write(db, ind, [_action_of(db, "smr_cohort_year", rowid)])


def _strip_history(db: sqlite_utils.Database) -> None:
    for change_id, before, after in db.execute("SELECT id, before, after FROM change "
                                               "WHERE table_name = 'smr_cohort_year'").fetchall():
        rows = [None if t is None else json.dumps({k: v for k, v in json.loads(t).items() if k not in OLD_COLUMNS},
                                                  separators=(",", ":"))
                for t in (before, after)]
        db.execute("UPDATE change SET before = ?, after = ? WHERE id = ?", [*rows, change_id])


def _keep_whole_years(db: sqlite_utils.Database) -> None:
    """Before v6 the user's rows for a year replaced its shipped rows as a whole."""
    for (label,) in db.execute("SELECT DISTINCT fy FROM iif_indicator ORDER BY fy").fetchall():
        first = db.execute("SELECT rowid FROM iif_indicator WHERE fy = ? ORDER BY rowid LIMIT 1", [label]).fetchone()
        action = _action_of(db, "iif_indicator", first[0])
        mine = [r[0] for r in db.execute("SELECT indicator FROM iif_indicator WHERE fy = ?", [label])]
        for ind in iif.shipped_indicators():
            if ind.fy.label == label and ind.key[1] not in {m.casefold() for m in mine}:
                _write(db, replace(ind, in_force=False, note="Set aside: your indicators for the year replaced "
                                                             "the shipped ones (before v6)."), [action])


def _cohort_rows(db: sqlite_utils.Database, old: list) -> list[tuple[IifIndicator, int]]:
    reader, written = Tx(db, "migration"), {}
    for rowid, cohort, label, name, lower, upper in old:
        fy, low, high, name = FinancialYear.parse(label), Decimal(str(lower)), Decimal(str(upper)), name.strip()
        key = (label, name.casefold())
        if key in written:
            first, others, _ = written[key]
            if (low, high) != (first.lower_threshold, first.upper_threshold):
                others.append(f"{cohort} {_pct(low, high)}.")
            continue
        base = iif.indicator_in_force(reader, fy, name)
        if base is not None and (base.lower_threshold, base.upper_threshold) == (low, high):
            continue
        if base is None:
            base = IifIndicator(fy=fy, indicator=name, numerator_measure=f"{name} Numerator",
                                denominator_measure=f"{name} Denominator", lower_threshold=low, upper_threshold=high,
                                points=None, pound_per_point=None,
                                note="Points and £ per point not known; measure names assumed.")
            was = ""
        else:
            was = f" (the row had {_pct(base.lower_threshold, base.upper_threshold)})"
        note = f"{base.note} Thresholds of SMR cohort {cohort} before v6{was}.".strip()
        written[key] = (replace(base, lower_threshold=low, upper_threshold=high, in_force=True, note=note), [], rowid)
    out = []
    for ind, others, rowid in written.values():
        extra = ["Other cohorts' thresholds then: " + " ".join(others)] if others else []
        out.append((replace(ind, note=" ".join([ind.note, *extra])), rowid))
    return out


def _pct(low: Decimal, high: Decimal) -> str:
    return f"{low.normalize():f}–{high.normalize():f}%"


def _action_of(db: sqlite_utils.Database, table: str, rowid: int) -> int | None:
    """The action (done, not an undo or redo) that last wrote the row, if any."""
    found = db.execute("SELECT c.action_id FROM change c JOIN action a ON a.id = c.action_id WHERE c.table_name = ? "
                       "AND c.row_id = ? AND a.kind = 'do' AND a.state = 'done' ORDER BY c.id DESC LIMIT 1",
                       [table, rowid]).fetchone()
    return None if found is None else found[0]


def _row(db: sqlite_utils.Database, values: dict) -> dict | None:
    cur = db.execute("SELECT rowid, * FROM iif_indicator WHERE fy = ? AND indicator = ?", [values["fy"], values["indicator"]])
    found = cur.fetchone()
    return None if found is None else dict(zip([d[0] for d in cur.description], found))


def _write(db: sqlite_utils.Database, ind: IifIndicator, actions: list[int | None]) -> None:
    """Save the row (no audit triggers during a migration) and record it as the latest of `actions`
    (and of the action that last wrote the row, so undo keeps its order); none: not recorded."""
    values = iif.indicator_values(ind)
    before = _row(db, values)
    if before is not None:
        actions = [*actions, _action_of(db, "iif_indicator", before["rowid"])]
    records.save(db, "iif_indicator", iif.INDICATOR_KEY, values)
    after = _row(db, values)
    action = max((a for a in actions if a is not None), default=None)
    if action is None:
        return
    rowid = after.pop("rowid")
    if before is not None:
        before.pop("rowid")
    db.execute("INSERT INTO change(action_id, table_name, row_id, op, before, after) VALUES (?, ?, ?, ?, ?, ?)",
               [action, "iif_indicator", rowid, "insert" if before is None else "update",
                None if before is None else json.dumps(before), json.dumps(after)])

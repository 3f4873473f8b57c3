"""The NWRS census held against the roster (KIND `arrs-nwrs`): per ARRS role, the national record's
FTE, pooled contracted FTE, the roster's FTE on the census date, the difference and whether they
match; NWRS roles that are not ARRS roles after them. The latest census held."""

from __future__ import annotations

from typing import TYPE_CHECKING

from pcntui.views.base import Column, Kind, Row, View, ViewQuery

if TYPE_CHECKING:
    from pcntui.store.tx import Reader

COLUMNS = (
    Column("census", "Census", Kind.DATE, screen=False),
    Column("role_code", "Code", screen=False),
    Column("role", "Role", priority=0),
    Column("nwrs_staff_fte", "NWRS FTE", Kind.WTE),
    Column("nwrs_contracted_fte", "Contracted", Kind.WTE),
    Column("roster_fte", "Roster FTE", Kind.WTE),
    Column("difference", "Diff", Kind.WTE),
    Column("status", "Status"),
)


def nwrs_of(rec) -> View:
    """The reconciliation as a View (no census held: no rows)."""
    if rec is None:
        return View("arrs-nwrs", "NWRS reconciliation", COLUMNS, ())
    rows = tuple(Row(str(i), (rec.census, line.role_code or None, line.label, line.nwrs_staff_fte,
                              line.nwrs_contracted_fte, line.roster_fte, line.difference, line.status),
                     tags=frozenset({"dim"}) if not line.role_code else frozenset())
                 for i, line in enumerate([*rec.lines, *rec.other]))
    return View("arrs-nwrs", f"NWRS census {rec.census.isoformat()}", COLUMNS, rows)


def nwrs(reader: Reader, q: ViewQuery) -> View:
    """`pcntui export arrs-nwrs`."""
    from pcntui.views.arrs.year import reconciliation

    return nwrs_of(reconciliation(reader))

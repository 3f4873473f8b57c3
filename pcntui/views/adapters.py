"""Today's export tables (pcntui/report/*_exports.py) as Views, so `pcntui export KIND` goes through
the one view writer (export/views.write_view) with the same bytes as before.

Transitional: each area replaces its adapters with real views (views/<area>/…) and this
module goes when it is empty. Column kinds are inferred from the values.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from decimal import Decimal
from typing import TYPE_CHECKING

from pcntui.views.base import Column, Kind, Row, View, ViewQuery

if TYPE_CHECKING:
    from pcntui.store.tx import Reader

_KIND_OF: tuple[tuple[type, Kind], ...] = ((bool, Kind.BOOL), (int, Kind.INT), (Decimal, Kind.DECIMAL),
                                           (float, Kind.DECIMAL), (date, Kind.DATE))
TOTAL = "TOTAL"  # the role or practice column of a total row


def kind_of(values: Sequence[object]) -> Kind:
    """The Kind of a column from its first non-blank value (TEXT when all are blank)."""
    first = next((v for v in values if v is not None and v != ""), None)
    return next((k for t, k in _KIND_OF if isinstance(first, t)), Kind.TEXT)


def row_of(index: int, values: Sequence[object]) -> Row:
    return Row(str(index), tuple(values), frozenset({"total"}) if TOTAL in values else frozenset())


def from_table(kind: str, title: str, names: Sequence[str], rows: Sequence[Sequence[object]]) -> View:
    columns = tuple(Column(name, name, kind_of([r[i] for r in rows])) for i, name in enumerate(names))
    return View(kind, title, columns, tuple(row_of(i, r) for i, r in enumerate(rows)))


def _view(kind: str, query: ViewQuery, table) -> View:
    return from_table(kind, f"{kind} {query.period.fy.label}", table.columns, table.rows)


def practices(reader: Reader, query: ViewQuery) -> View:
    from pcntui.report.exports import practices_table

    return _view("practices", query, practices_table(reader, query.period))


def arrs(reader: Reader, query: ViewQuery) -> View:
    from pcntui.report.arrs_exports import arrs_export

    return _view("arrs", query, arrs_export(reader, query.period))


def arrs_summary(reader: Reader, query: ViewQuery) -> View:
    from pcntui.report.arrs_exports import arrs_summary_export

    return _view("arrs-summary", query, arrs_summary_export(reader, query.period))


def staff(reader: Reader, query: ViewQuery) -> View:
    from pcntui.report.arrs_exports import staff_export

    return _view("staff", query, staff_export(reader, query.period))


def arrs_planned(reader: Reader, query: ViewQuery) -> View:
    from pcntui.report.arrs_exports import planned_export

    return _view("arrs-planned", query, planned_export(reader, query.period))


def arrs_rates(reader: Reader, query: ViewQuery) -> View:
    from pcntui.report.arrs_exports import rates_export

    return _view("arrs-rates", query, rates_export(reader, query.period))


def smr(reader: Reader, query: ViewQuery) -> View:
    from pcntui.report.smr_exports import smr_table

    return _view("smr", query, smr_table(reader, query.period))


def smr_counts(reader: Reader, query: ViewQuery) -> View:
    from pcntui.report.smr_exports import smr_counts_table

    return _view("smr-counts", query, smr_counts_table(reader, query.period))


def interventions(reader: Reader, query: ViewQuery) -> View:
    from pcntui.report.intervention_exports import interventions_table

    return _view("interventions", query, interventions_table(reader, query.period))


def requirements(reader: Reader, query: ViewQuery) -> View:
    from pcntui.report.intervention_exports import requirements_table

    return _view("requirements", query, requirements_table(reader, query.period))


_WORKLIST_KINDS = {"identified_on": Kind.DATE, "invited_on": Kind.DATE, "booked_on": Kind.DATE,
                   "reviewed_on": Kind.DATE, "follow_up_due": Kind.DATE, "meds_stopped": Kind.COUNT,
                   "meds_changed": Kind.COUNT, "meds_started": Kind.COUNT}


def smr_worklist(reader: Reader, query: ViewQuery) -> View:
    """`export smr-worklist`, streamed: rows are read a page at a time while they are written."""
    from pcntui.report.smr_exports import WORKLIST_COLUMNS, worklist_rows

    columns = tuple(Column(name, name, _WORKLIST_KINDS.get(name, Kind.TEXT)) for name in WORKLIST_COLUMNS)
    return View("smr-worklist", "smr-worklist", columns,
                lambda: (row_of(i, values) for i, values in enumerate(worklist_rows(reader))))

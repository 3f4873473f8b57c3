"""Today's export tables (pcntui/report/*_exports.py) as Views, so `pcntui export KIND` goes through
the one view writer (export/views.write_view) with the same bytes as before.

Transitional: each area replaces its adapters with real views (views/<area>/…) and this
module goes when it is empty. Column kinds are inferred from the values.
"""

from __future__ import annotations

import importlib
from collections.abc import Sequence
from datetime import date
from decimal import Decimal
from typing import TYPE_CHECKING

from pcntui.views.base import Column, Kind, Row, View, ViewFn, ViewQuery

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


def _adapter(kind: str, target: str) -> ViewFn:
    """The view of KIND from the report table `target` ("module:function"), imported when used."""

    def build(reader: Reader, query: ViewQuery) -> View:
        module, _, name = target.partition(":")
        table = getattr(importlib.import_module(module), name)(reader, query.period)
        return from_table(kind, f"{kind} {query.period.fy.label}", table.columns, table.rows)

    build.__name__ = kind.replace("-", "_")
    build.__doc__ = f"`export {kind}`: {target} as a view."
    return build


arrs = _adapter("arrs", "pcntui.report.arrs_exports:arrs_export")
arrs_summary = _adapter("arrs-summary", "pcntui.report.arrs_exports:arrs_summary_export")
staff = _adapter("staff", "pcntui.report.arrs_exports:staff_export")
arrs_planned = _adapter("arrs-planned", "pcntui.report.arrs_exports:planned_export")
arrs_claims = _adapter("arrs-claims", "pcntui.report.arrs_claims:arrs_claims_export")
iif = _adapter("iif", "pcntui.report.iif_report:iif_export")


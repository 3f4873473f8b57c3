"""The ARRS and IIF export KINDs are views of typed values (issue 9): each value has the type its
column's Kind says (never text standing in for a number, date or month), so the screens sort
them by value, and the file writes each as PRODUCT.md says (money 2 places, WTE as held)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from pcntui.domain.period import Period
from pcntui.store import open_store
from pcntui.views.base import Kind, ViewQuery
from pcntui.views.load import view
from tests.conftest import TODAY

TYPES = {Kind.MONEY: Decimal, Kind.MONEY_WHOLE: Decimal, Kind.WTE: Decimal, Kind.PCT: Decimal, Kind.DECIMAL: Decimal,
         Kind.INT: int, Kind.COUNT: int, Kind.DATE: date, Kind.MONTH: date, Kind.BOOL: bool, Kind.TEXT: str}
KINDS = ["arrs", "arrs-summary", "staff", "arrs-planned", "arrs-claims", "iif"]


@pytest.fixture(scope="module")
def views(demo_template):
    with open_store(demo_template, mode="ro") as store:  # read only: the template stays as it is
        return {k: view(k, store, ViewQuery(Period.make(TODAY, None))) for k in KINDS}


@pytest.mark.parametrize("kind", KINDS)
def test_every_value_has_its_columns_type(kind, views):
    shown = views[kind]
    wrong = []
    for row in shown.iter_rows():
        for value, column in zip(row.values, shown.columns, strict=True):
            if value is not None and value != "" and not isinstance(value, TYPES[column.kind]):
                wrong.append(f"{column.key}={value!r} ({column.kind})")
    assert not wrong, wrong[:5]


def test_money_and_wte_are_typed_where_the_file_promises_them(views):
    kinds = {c.key: c.kind for c in views["arrs"].columns}
    assert (kinds["month"], kinds["wte"], kinds["claimable"]) == (Kind.MONTH, Kind.WTE, Kind.MONEY)
    assert {c.key: c.kind for c in views["arrs-claims"].columns}["difference"] == Kind.MONEY


def test_the_role_mix_sorts_by_amount_not_by_text(views):
    summary = views["arrs-summary"]
    at = [c.key for c in summary.columns].index("claimable")
    amounts = [r.values[at] for r in summary.sorted(at).iter_rows() if r.key != "TOTAL"]
    assert amounts == sorted(amounts) and len({len(str(a).split(".")[0]) for a in amounts}) > 1

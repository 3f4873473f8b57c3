"""The IIF year as the front ends read it (`pcntui iif`, the IIF screen, `export iif`): every
indicator in force against the PCN's latest achievement rows, in points and pounds.

In the file (docs/iif.md) `achievement_pct` is half-up to 2 places (the figures use it
unrounded), `adjustment` to 6; points to 2 places and money to the penny, as computed.
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal
from typing import TYPE_CHECKING

from pcntui.domain.iif import IifResult, IifYear, iif_year
from pcntui.views.base import Column, Kind, Row, View, ViewQuery

if TYPE_CHECKING:
    from pcntui.domain.fy import FinancialYear
    from pcntui.store import Store
    from pcntui.store.tx import Reader

COLUMNS = (
    Column("fy", "Year"), Column("indicator", "Indicator", priority=0), Column("numerator", "Numerator", Kind.DECIMAL),
    Column("denominator", "Denominator", Kind.DECIMAL), Column("achievement_pct", "Achieved %", Kind.PCT, priority=0),
    Column("lower_threshold", "Lower %", Kind.PCT), Column("upper_threshold", "Upper %", Kind.PCT),
    Column("points_available", "Points available", Kind.DECIMAL),
    Column("points_achieved", "Points", Kind.DECIMAL, priority=0), Column("pounds", "£", Kind.MONEY),
    Column("adjustment", "List adjustment", Kind.DECIMAL), Column("pounds_adjusted", "Adjusted £", Kind.MONEY),
)


def places(value: Decimal | None, n: int) -> Decimal | None:
    return None if value is None else value.quantize(Decimal(1).scaleb(-n), rounding=ROUND_HALF_UP)


def adjustment(r: IifResult) -> Decimal | None:
    return None if r.adjustment is None else places(Decimal(r.adjustment.numerator) / r.adjustment.denominator, 6)


def _plain(value: Decimal | None) -> Decimal | None:
    return None if value is None else value.normalize()


def indicators_of(year: IifYear) -> View:
    rows = tuple(Row(r.indicator.indicator, (
        year.fy.label, r.indicator.indicator, _plain(r.numerator.total), _plain(r.denominator.total),
        places(r.achievement_pct, 2), _plain(r.indicator.lower_threshold), _plain(r.indicator.upper_threshold),
        _plain(r.indicator.points), places(r.points_achieved, 2), r.pounds, adjustment(r), r.pounds_adjusted))
        for r in year.results)
    return View("iif", f"IIF {year.fy.label}", COLUMNS, rows)


def iif(reader: Reader, q: ViewQuery) -> View:
    """`pcntui export iif`."""
    return indicators_of(iif_view(reader, q.period.fy))


def iif_view(store: Store, fy: FinancialYear) -> IifYear:
    """Indicators of `fy` (the user's rows over the shipped ones) with the PCN's and its practices' values."""
    from pcntui.store.iif import load_indicators, load_values, practice_codes
    from pcntui.store.pcn import get_pcn, pcn_summary

    pcn = get_pcn(store)
    code = pcn["code"] if pcn else ""  # no PCN yet: no achievement rows can be its own
    summary = pcn_summary(store)
    indicators = [i for i in load_indicators(store) if i.fy == fy]
    return iif_year(indicators, load_values(store, fy), fy, code, practice_codes(store, code),
                    summary.patients if summary and summary.patients else None)

"""IIF achievement as the user sees it: `export iif`, the `iif` block of `status` (text and
JSON) and the rows of `pcntui iif` (docs/iif.md "What pcntui shows").

`achievement_pct` is written half-up to 2 places (the figures use it unrounded), `adjustment`
to 6; points to 2 places and money to the penny, as computed.
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

from pcntui.domain.iif import IifResult, IifYear
from pcntui.domain.money import gbp
from pcntui.domain.period import Period
from pcntui.report.exports import Table
from pcntui.store import Store
from pcntui.store.arrs import dec_text
from pcntui.views.iif import iif_view
from pcntui.store.pcn import get_pcn
from pcntui.views.status.base import Block

IIF_COLUMNS = ["fy", "indicator", "numerator", "denominator", "achievement_pct", "lower_threshold", "upper_threshold",
               "points_available", "points_achieved", "pounds", "adjustment", "pounds_adjusted"]


def places(value: Decimal | None, n: int) -> Decimal | None:
    return None if value is None else value.quantize(Decimal(1).scaleb(-n), rounding=ROUND_HALF_UP)


def adjustment(r: IifResult) -> Decimal | None:
    return None if r.adjustment is None else places(Decimal(r.adjustment.numerator) / r.adjustment.denominator, 6)


def fixed(value: Decimal | None) -> str | None:
    """As written, places kept (a CSV cell given as a Decimal would be money: 2 places)."""
    return None if value is None else format(value, "f")


def total(value: Decimal | None) -> str | None:
    return None if value is None else dec_text(value)


def iif_table(year: IifYear) -> Table:
    table = Table(list(IIF_COLUMNS))
    for r in year.results:
        i = r.indicator
        table.rows.append([
            year.fy.label, i.indicator, total(r.numerator.total), total(r.denominator.total),
            places(r.achievement_pct, 2), dec_text(i.lower_threshold), dec_text(i.upper_threshold), dec_text(i.points),
            r.points_achieved, r.pounds, fixed(adjustment(r)), r.pounds_adjusted,
        ])
    return table


def iif_export(store: Store, period: Period) -> Table:
    return iif_table(iif_view(store, period.fy))


def _number(value: Decimal | None, n: int = 2) -> float | None:
    return None if value is None else float(places(value, n))


def result_json(r: IifResult) -> dict:
    i = r.indicator
    return {
        "indicator": i.indicator, "ind_code": i.ind_code, "description": i.description,
        "numerator": _number(r.numerator.total, 6), "denominator": _number(r.denominator.total, 6),
        "numerator_level": r.numerator.level or None, "denominator_level": r.denominator.level or None,
        "achievement_pct": _number(r.achievement_pct, 4),
        "lower_threshold": float(i.lower_threshold), "upper_threshold": float(i.upper_threshold),
        "higher_is_better": i.higher_is_better, "points_available": _number(i.points, 4),
        "points_achieved": _number(r.points_achieved), "pound_per_point": _number(i.pound_per_point),
        "pounds": _number(r.pounds), "adjustment": _number(adjustment(r), 6), "pounds_adjusted": _number(r.pounds_adjusted),
        "confirmed": i.confirmed, "reason": r.reason or None,
    }


def iif_json(year: IifYear) -> dict:
    return {
        "fy": year.fy.label, "ach_date": year.ach_date.isoformat() if year.ach_date else None,
        "points_available": float(year.points_available),
        **{k: _number(v) if year.ach_date else None for k, v in (
            ("points_achieved", year.points_achieved), ("pounds", year.pounds), ("pounds_adjusted", year.pounds_adjusted))},
        "confirmed": all(r.indicator.confirmed for r in year.results),
        "indicators": [result_json(r) for r in year.results],
    }


def pct(value: Decimal | None) -> str:
    return "—" if value is None else f"{places(value, 1)}%"


def points_text(r: IifResult) -> str:
    """'12.34 / 22': points achieved of available ('—' where not known)."""
    got = "—" if r.points_achieved is None else f"{r.points_achieved}"
    return f"{got} / {'—' if r.indicator.points is None else dec_text(r.indicator.points)}"


def thresholds(r: IifResult) -> str:
    i = r.indicator
    arrow = "↑" if i.higher_is_better else "↓"
    return f"{dec_text(i.lower_threshold)}–{dec_text(i.upper_threshold)}% {arrow}"


def iif_lines(year: IifYear) -> list[str]:
    if not year.results:
        return [f"No IIF indicators on record for {year.fy.label}: 'pcntui import iif-indicators FILE'."]
    if year.ach_date is None:
        return [f"{len(year.results)} indicator(s), {dec_text(year.points_available)} points available; no "
                f"achievement file for {year.fy.label}: 'pcntui import iif FILE'."]
    unconfirmed = "; thresholds or £ unconfirmed" if not all(r.indicator.confirmed for r in year.results) else ""
    lines = [f"Achievement file of {year.ach_date.isoformat()}: {year.points_achieved} of "
             f"{dec_text(year.points_available)} points, {gbp(year.pounds)} (list-adjusted "
             f"{gbp(year.pounds_adjusted)}){unconfirmed}"]
    for r in year.results:
        got = (f"{pct(r.achievement_pct)} vs {thresholds(r)}: {r.points_achieved} pts, {gbp(r.pounds)}"
               if r.reason == "" or r.points_achieved is not None else r.reason)
        lines.append(f"{r.indicator.indicator} {got}")
    return lines


def iif_block(store: Store, period: Period) -> Block:
    title = f"IIF {period.fy.label}"
    if get_pcn(store) is None:
        return Block("iif", title, ["No PCN set up yet: IIF achievement needs the PCN and its practices."], None, [])
    year = iif_view(store, period.fy)
    return Block("iif", title, iif_lines(year), iif_json(year), [])

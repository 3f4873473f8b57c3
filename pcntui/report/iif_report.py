"""IIF achievement as the user sees it: the `iif` block of `status` (text and JSON) and the rows
of `pcntui iif` (docs/iif.md "What pcntui shows"; the file `export iif` is views/iif.py)."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal

from pcntui.domain.iif import IifResult, IifYear
from pcntui.domain.money import gbp
from pcntui.domain.text import counted
from pcntui.domain.period import Period
from pcntui.store import Store
from pcntui.store.arrs import dec_text
from pcntui.views.iif import adjustment, iif_view, places
from pcntui.store.pcn import get_pcn
from pcntui.views.status.base import Block


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


def shell_import(kind: str) -> str:
    return f"'pcntui import {kind} FILE'"


def iif_lines(year: IifYear, how: Callable[[str], str] = shell_import) -> list[str]:
    """The IIF block's lines; `how(kind)` says how to import a missing file (the TUI names its action)."""
    if not year.results:
        return [f"No IIF indicators on record for {year.fy.label}: {how('iif-indicators')}."]
    if year.ach_date is None:
        return [f"{counted(len(year.results), 'indicator')}, {dec_text(year.points_available)} points available; no "
                f"achievement file for {year.fy.label}: {how('iif')}."]
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

"""The dashboard's key figures per area, from the status blocks' data: a few labelled
figures (worst first, each with a symbol as well as a colour level) and, for ARRS money
by month and SMR cohorts against target, a small chart (the interventions' and requirements'
counts are a handful of items: they read better as numbers).

    glance(block) -> Glance | None     (None: the block has no figures of its own here)

The words are PRODUCT.md's: entitlement, claimable to date, forecast, headroom (entitlement
− claimable to date) and forecast unclaimed (entitlement − forecast).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from pcntui.domain.intervention import STAGE_CODES, STAGE_LABELS
from pcntui.domain.money import gbp
from pcntui.views.status.base import Block

# level -> the symbol shown beside a figure (readable without colour)
MARKS = {"bad": "✕", "warn": "!", "good": "✓", "": " "}
SMR_LEVEL = {"behind": "bad", "at risk": "warn", "met": "good", "ahead": "good", "on track": "good"}


@dataclass(frozen=True)
class Figure:
    """One labelled figure of a panel, with its level and how to act on it."""

    label: str
    value: str
    level: str = ""  # 'bad', 'warn', 'good' or '' (neutral)
    note: str = ""
    action: str = ""  # the TUI command that fixes it (tui/commands), shown as how to reach it

    @property
    def mark(self) -> str:
        return MARKS[self.level]


@dataclass(frozen=True)
class Chart:
    """A panel's small chart: series by label (or now and target), with its legend."""

    kind: str  # 'lines' (series over labels, with a reference line) or 'target' (now and target per label)
    labels: tuple[str, ...]
    series: tuple[tuple[str, tuple[float | None, ...]], ...]
    reference: tuple[str, float] | None = None  # a horizontal line: (name, value)
    legend: str = ""


@dataclass(frozen=True)
class Glance:
    """An area's panel on the dashboard: its title, figures, caption and chart."""

    key: str
    title: str
    figures: tuple[Figure, ...]
    chart: Chart | None = None
    caption: str = ""
    more: int = field(default=0)  # figures left off (SMR cohorts beyond the ones shown)
    action: str = ""  # with no caption: the TUI command to run next, shown as how to reach it


def _money(value: float | None) -> str:
    return "not set" if value is None else gbp(Decimal(str(value)), pence=False)


def arrs_glance(b: Block) -> Glance:
    d = b.data or {}
    ent = d.get("entitlement")
    unclaimed = d.get("forecast_headroom") if ent is not None else None
    if unclaimed is None:
        tail = Figure("Forecast unclaimed", "–", "", "no entitlement")
    elif unclaimed > 0:
        tail = Figure("Forecast unclaimed", _money(unclaimed), "warn", "lost 31 Mar")
    elif unclaimed < 0:
        tail = Figure("Forecast unclaimed", _money(unclaimed), "bad", "overspend")
    else:
        tail = Figure("Forecast unclaimed", _money(0), "good")
    figures = (
        Figure("Entitlement", _money(ent)) if ent is not None
        else Figure("Entitlement", "not set", "warn", action="arrs_entitlement"),
        Figure("Claimable to date", _money(d.get("claimable")), "", f"{d.get('months_to_date', 0)} months"),
        Figure("Forecast", _money(d.get("forecast"))),
        Figure("Headroom", _money(d.get("headroom")) if ent is not None else "–"),
        tail,
    )
    return Glance("arrs", b.title, figures, _arrs_chart(d), f"{d.get('staff_in_post', 0)} staff in post")


def _arrs_chart(d: dict) -> Chart | None:
    months = d.get("by_month") or []
    if not months:
        return None
    labels = tuple(m["month"][5:] for m in months)
    to_date, forecast, run = [], [], 0.0
    for m in months:
        run += m["claimable"] + m["planned"]
        forecast.append(round(run, 2))
        to_date.append(round(run, 2) if m["ended"] else None)
    ent = d.get("entitlement")
    if ent is None and not any(forecast):
        return None  # nothing to draw: a flat line at £0 (a PCN just set up, no staff, no entitlement)
    return Chart("lines", labels, (("forecast", tuple(forecast)), ("claimable to date", tuple(to_date))),
                 ("entitlement", ent) if ent is not None else None,
                 "by month: ━ to date · forecast" + (" ─ entitlement" if ent is not None else ""))


def smr_glance(b: Block) -> Glance:
    d = b.data or {}
    cohorts = [c for c in d.get("cohorts", []) if c.get("latest_as_of")]
    order = {"bad": 0, "warn": 1, "good": 2, "": 3}
    cohorts.sort(key=lambda c: order[SMR_LEVEL.get(c["status"], "")])
    figures = tuple(
        Figure(c["name"], f"{_pct(c['percent'])} of {_pct(c['target_percent'])}",
               SMR_LEVEL.get(c["status"], ""), c["status"])
        for c in cohorts
    )
    if not figures:
        figures = (Figure("No counts yet", "–", action="counts_grid"),)
    chart = Chart("target", tuple(c["code"][:4] for c in cohorts),
                  (("now %", tuple(c["percent"] or 0.0 for c in cohorts)),
                   ("target %", tuple(c["target_percent"] or 0.0 for c in cohorts))),
                  legend="per cohort: █ now ◆ target") if cohorts else None
    latest = d.get("latest_counts")
    return Glance("smr", b.title, figures, chart, f"counts {latest}" if latest else "")


def _pct(x: float | None) -> str:
    return "–" if x is None else f"{x:.0f}%"


def interventions_glance(b: Block) -> Glance:
    d = b.data or {}
    rag = d.get("rag", {})
    overdue = d.get("overdue_actions", 0)
    stages = d.get("by_stage", {})
    figures = (
        Figure("Red", str(rag.get("red", 0)), "bad" if rag.get("red") else ""),
        Figure("Amber", str(rag.get("amber", 0)), "warn" if rag.get("amber") else ""),
        Figure("Green", str(rag.get("green", 0)), "good" if rag.get("green") else ""),
        Figure("Overdue actions", str(overdue), "bad" if overdue else ""),
        *(Figure(f"At {STAGE_LABELS[c].lower()}", str(stages[c])) for c in STAGE_CODES if stages.get(c)),
    )
    caption = f"{d.get('open', 0)} of {d['total']} open" if d.get("total") else "none yet"
    return Glance("interventions", b.title, figures, None, caption)


def requirements_glance(b: Block) -> Glance:
    d = b.data or {}
    late, soon = len(d.get("overdue", [])), len(d.get("due_soon", []))
    open_ = d.get("not_started", 0) + d.get("in_progress", 0)
    figures = (
        Figure("Overdue", str(late), "bad" if late else ""),
        Figure(f"Due in {d.get('due_soon_days', 30)} days", str(soon), "warn" if soon else ""),
        Figure("Open", str(open_)),
        Figure("Done", f"{d.get('done', 0)} of {d.get('total', 0)}", "good" if d.get("total") and not open_ else ""),
    )
    return Glance("requirements", b.title, figures)


def iif_glance(b: Block) -> Glance:
    d = b.data or {}
    points = f"{d.get('points_available', 0):g}"
    if d.get("ach_date") is None:  # indicators known, no achievement file yet
        figures = (Figure("Indicators", str(len(d.get("indicators", [])))), Figure("Points available", points),
                   Figure("Achievement", "not imported", "warn"))
        return Glance("iif", b.title, figures, action="import_file('iif')")
    figures = (
        Figure("Points", f"{d['points_achieved']:g} of {points}"),
        Figure("Earned", gbp(Decimal(str(d["pounds"])))),
        Figure("List-adjusted", gbp(Decimal(str(d["pounds_adjusted"])))),
    )
    caption = f"file of {d['ach_date']}" + ("" if d.get("confirmed") else " · unconfirmed")
    return Glance("iif", b.title, figures, None, caption)


GLANCES = {"arrs": arrs_glance, "smr": smr_glance, "interventions": interventions_glance,
           "requirements": requirements_glance, "iif": iif_glance}


def glance(b: Block) -> Glance | None:
    """The block's figures for the dashboard; None for a block without a figure panel (the PCN)."""
    if b.key == "pcn":
        return None
    make = GLANCES.get(b.key)
    if make is None or b.data is None:
        # a block this module does not know (or one that failed): its own first lines
        return Glance(b.key, b.title, tuple(Figure(line, "") for line in b.lines[:5]))
    return make(b)

"""The SMR block of `pcntui status` (text ≤ 80 columns and the `smr` JSON key; see docs/smr.md)."""

from __future__ import annotations

import json
from dataclasses import asdict
from typing import TYPE_CHECKING

from pcntui.domain.text import clip
from pcntui.domain.period import Period
from pcntui.store import Store
from pcntui.store.smr_capacity import CapacityReport, capacity_report
from pcntui.views.status.base import Alert, Block

if TYPE_CHECKING:
    from pcntui.domain.smr_progress import Progress
    from pcntui.store.smr_progress import CohortProgress, SmrOverview

# What the block shows besides the capacity reads these tables alone: kept apart on them, so a
# change to the staff (the capacity's hours) does not work out every cohort's progress again.
COHORT_READS = ("iif_indicator", "practice", "setting", "smr_cohort", "smr_cohort_year", "smr_count", "smr_target",
                "smr_worklist", "smr_worklist_cohort")


def _r(x: float | None, places: int = 1) -> float | None:
    return None if x is None else round(x, places)


def _pct(x: float | None) -> str:
    return "–" if x is None else f"{x:.0f}%"



def progress_json(p: Progress) -> dict:
    return {
        "latest_as_of": p.latest_as_of.isoformat() if p.latest_as_of else None,
        "eligible": p.eligible, "invited": p.invited, "completed": p.completed, "declined": p.declined,
        "percent": _r(p.percent),
        "target_count": p.target_count, "target_percent": _r(p.target_percent), "remaining": p.remaining,
        "rate_per_week": _r(p.rate_per_week, 2), "forecast": p.forecast, "forecast_percent": _r(p.forecast_percent),
        "weekly_needed": _r(p.weekly_needed, 2),
        "reach_date": p.reach_date.isoformat() if p.reach_date else None, "days_late": p.days_late,
        "status": p.status.value, "rag": p.rag,
        "iif_share_now": _r(p.iif_share_now, 3), "iif_share_forecast": _r(p.iif_share_forecast, 3),
    }


def cohort_json(c: CohortProgress, names: dict[str, str]) -> dict:
    y = c.year
    return {
        "code": c.cohort.code, "name": c.cohort.name, "origin": c.cohort.origin,
        "des_priority": y.des_priority, "des_confirmed": y.des_confirmed,
        "iif": {"indicator": y.iif_indicator, "lower_pct": y.iif_lower_pct, "upper_pct": y.iif_upper_pct,
                "confirmed": y.iif_confirmed and y.carried_forward_from is None},
        "target": None if c.target is None else {"kind": c.target.kind, "value": float(c.target.value)},
        **progress_json(c.pcn),
        "practices": [
            {"code": p.label, "name": names.get(p.label), "source": c.sources.get(p.label), **progress_json(p)}
            for p in c.practices
        ],
        "warnings": c.warnings,
    }


def capacity_json(r: CapacityReport) -> dict:
    c = r.capacity
    return {
        "minutes_per_review": c.minutes_per_review, "hours_per_wte": c.hours_per_wte,
        "reviews_needed": c.reviews_needed, "weeks_left": _r(c.weeks_left, 2),
        "hours_needed_per_week": _r(c.hours_needed_per_week, 2),
        "hours_available_per_week": _r(c.hours_available_per_week, 2),
        "gap_hours_per_week": _r(c.gap_hours_per_week, 2), "wte_equivalent": _r(c.wte_equivalent, 2),
        "short": c.short, "roster_available": r.roster_available,
        "clinicians": [{"staff_id": m.staff_id, "name": m.name, "role": m.role, "wte": m.wte,
                        "share_pct": m.share_pct, "share_set": m.share_set} for m in r.roster],
    }


def capacity_text(r: CapacityReport) -> str:
    c = r.capacity
    if c.reviews_needed == 0:
        return "Capacity: no reviews still needed against the targets set."
    if c.hours_needed_per_week is None:
        return f"Capacity: the year has ended {c.reviews_needed:,} reviews short of target."
    head = (f"Capacity: {c.reviews_needed:,} reviews still needed × {c.minutes_per_review:g} min = "
            f"{c.hours_needed_per_week:.1f} h/week to 31 Mar; SMR time {c.hours_available_per_week:.1f} h/week")
    if not r.roster_available:
        head += " (no staff roster yet)"
    return f"{head} → {c.sentence()}."


KEY = "smr cohorts"


def _row(c: CohortProgress) -> str:
    p = c.pcn
    done = f"{p.completed:,}/{p.eligible:,}" if p.snapshots else "–"
    target = _pct(p.target_percent) if c.target else "–"
    return (f"{clip(c.cohort.name, 30):<30} {done:>13} {_pct(p.percent):>4} {target:>6} "
            f"{_pct(p.forecast_percent):>5}  {p.status.value}")


def _detail(c: CohortProgress) -> str | None:
    from pcntui.domain.smr_progress import Status

    p = c.pcn
    if p.status not in (Status.AT_RISK, Status.BEHIND, Status.ON_TRACK, Status.AHEAD) or p.target_count is None:
        return None
    now = f"{p.rate_per_week:.1f}/week" if p.rate_per_week is not None else "no rate yet"
    need = f"needs {p.weekly_needed:.1f}/week" if p.weekly_needed is not None else "no time left"
    if p.reach_date is None:
        when = "not reached at the current rate"
    elif p.days_late is not None and p.days_late > 0:
        when = f"reached {p.reach_date.isoformat()}, {p.days_late} days late"
    else:
        when = f"reached {p.reach_date.isoformat()}, {-(p.days_late or 0)} days early"
    return f"{c.cohort.name}: {need} to reach {p.target_count:,} (now {now}); {when}."


def _cohort_alerts(c: CohortProgress, o: SmrOverview) -> list[Alert]:
    """The alerts on one cohort's progress and counts."""
    from pcntui.domain.smr_progress import Status

    alerts = []
    p = c.pcn
    if p.status in (Status.BEHIND, Status.AT_RISK) and o.as_of > o.fy.end:
        alerts.append(Alert("smr", "warning", f"SMR {c.cohort.name} missed its {o.fy.label} target: "
                                              f"{_pct(p.percent)} vs {_pct(p.target_percent)}.", f"{c.cohort.code}|", "smr_missed"))
    elif p.status == Status.BEHIND:
        alerts.append(Alert("smr", "problem", f"SMR {c.cohort.name} is behind: forecast {_pct(p.forecast_percent)} "
                                              f"vs target {_pct(p.target_percent)} by 31 March.", f"{c.cohort.code}|",
                              "smr_behind"))
    elif p.status == Status.AT_RISK:
        alerts.append(Alert("smr", "warning", f"SMR {c.cohort.name} is at risk: forecast "
                                              f"{_pct(p.forecast_percent)} vs target {_pct(p.target_percent)}.",
                              f"{c.cohort.code}|", "smr_at_risk"))
    if c.warnings:
        more = f" (+{len(c.warnings) - 1} more)" if len(c.warnings) > 1 else ""
        alerts.append(Alert("smr", "warning", f"SMR counts to check: {c.warnings[0].rstrip('.')}{more}.",
                              kind="smr_counts_check"))
    return alerts


def _entry(c: CohortProgress, o: SmrOverview) -> dict:
    """One cohort's part of the block, as kept: worked out again only when its counts change."""
    return {"code": c.cohort.code, "name": c.cohort.name, "json": cohort_json(c, o.practice_names), "row": _row(c),
            "detail": _detail(c), "alerts": [asdict(a) for a in _cohort_alerts(c, o)], "stale": c.stale,
            "missing": c.missing, "with_data": bool(c.pcn.snapshots), "searched": "counts" in c.sources.values(),
            "targeted": bool(c.target), "remaining": c.pcn.remaining or 0,
            "counts_latest": c.counts_latest.isoformat() if c.counts_latest else None,
            "pcn_latest": c.pcn.latest_as_of.isoformat() if c.pcn.latest_as_of else None}


def _alerts(fy: str, entries: list[dict]) -> list[Alert]:
    """The alerts on the cohorts' progress and counts (the capacity's is added to them)."""
    alerts = [Alert(**a) for e in entries for a in e["alerts"]]
    stale = sorted({code for e in entries for code in e["stale"]})
    if stale:
        alerts.append(Alert("smr", "warning", f"SMR counts more than 45 days old from {', '.join(stale)}: "
                                              "import this month's search.", kind="smr_stale"))
    with_data = [e for e in entries if e["with_data"]]
    missing = sorted({code for e in with_data if e["searched"] for code in e["missing"]})  # (not worklist-only)
    if missing:
        alerts.append(Alert("smr", "warning", f"No SMR counts this year from {', '.join(missing)} for some cohorts.",
                            kind="smr_missing"))
    untargeted = [e["name"] for e in with_data if not e["targeted"]]
    if untargeted:
        alerts.append(Alert("smr", "warning", f"No SMR target for {fy} for: {', '.join(untargeted)} "
                                              "(set one with 'pcntui smr target').", kind="smr_no_target"))
    return alerts


def _block(part: dict) -> tuple[Block, int, bool]:
    """The block without its capacity from the kept part (the year, its practices, each cohort's entry)."""
    fy, entries = part["fy"], part["cohorts"]
    # (SmrOverview.latest_counts, from the kept entries)
    latest = max((e["counts_latest"] for e in entries if e["counts_latest"]), default=None) or \
        max((e["pcn_latest"] for e in entries if e["pcn_latest"]), default=None)
    reviews_needed = sum(e["remaining"] for e in entries)
    data = {"fy": fy, "latest_counts": latest, "cohorts": [e["json"] for e in entries],
            "reviews_needed": reviews_needed}
    if latest is None:
        lines = [f"No SMR counts for {fy}: import each practice's monthly search with "
                 "'pcntui import smr-counts FILE'."]
        alerts = [] if not any(e["targeted"] for e in entries) else [
            Alert("smr", "warning", f"SMR targets are set for {fy} but no counts have been imported.",
                  kind="smr_no_counts")]
    else:
        lines = [f"{fy} · latest counts {latest} · {part['practices']} practices · PCN totals",
                 f"{'Cohort':<30} {'Done/Elig':>13} {'Now':>4} {'Target':>6} {'Fcst':>5}  Status",
                 *(e["row"] for e in entries), *(e["detail"] for e in entries if e["detail"])]
        alerts = _alerts(fy, entries)
    return Block("smr", "SMR cohorts", lines, data, alerts), reviews_needed, any(e["with_data"] for e in entries)


def _cohorts_part(store: Store, period: Period) -> tuple[Block, int, bool]:
    """The block without its capacity, the reviews still needed and whether any cohort has data
    this year: kept in the status cache on COHORT_READS, each cohort apart, so a change to one
    cohort's counts works out that cohort's progress alone again."""
    from pcntui.store import status_cache
    from pcntui.views.status.cache import period_key

    key = period_key(period)
    kept = status_cache.part(store, KEY, key, COHORT_READS)
    part = None if kept.kept is None else json.loads(kept.kept.data)
    if part is None or kept.kept.stamp != kept.stamp:
        part = _brought_up_to_date(store, period, part, kept.kept.stamp if kept.kept else None)
        status_cache.keep(store, kept.version, KEY, key, COHORT_READS, json.dumps(part, separators=(",", ":")))
    return _block(part)


def _brought_up_to_date(store: Store, period: Period, part: dict | None, stamp: str | None) -> dict:
    """The kept part with the cohorts whose counts changed since `stamp` worked out again (all of
    them when something else changed, or nothing is kept)."""
    from pcntui.store.smr_progress import changed_cohorts, smr_overview

    changed = None if part is None or stamp is None else changed_cohorts(store, stamp, COHORT_READS)
    o = smr_overview(store, period, changed)
    fresh = {c.cohort.code: _entry(c, o) for c in o.cohorts}
    if changed is not None:
        old = {e["code"]: e for e in part["cohorts"]}
        if not set(o.codes) - changed <= old.keys():  # (a cohort not kept: work them all out)
            return _brought_up_to_date(store, period, None, None)
        fresh = {code: fresh.get(code) or old[code] for code in o.codes}
    return {"fy": o.fy.label, "practices": len(o.practice_names), "cohorts": [fresh[code] for code in o.codes]}


def smr_block(store: Store, period: Period) -> Block:
    block, reviews_needed, with_data = _cohorts_part(store, period)
    cap = capacity_report(store, period, reviews_needed)
    block.data["capacity"] = capacity_json(cap)
    if block.data["latest_counts"] is not None:
        block.lines.append(capacity_text(cap))
        c = cap.capacity
        if with_data and c.reviews_needed and c.hours_needed_per_week is not None and c.short:
            block.alerts.append(Alert("smr", "warning", f"SMR capacity: {c.sentence()}.", kind="smr_capacity"))
    return block

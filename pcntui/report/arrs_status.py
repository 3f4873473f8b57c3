"""The ARRS block of `pcntui status` (text ≤ 80 columns, and the `arrs` JSON key; see docs/arrs.md)."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal

from pcntui.domain.fy import month_label
from pcntui.domain.money import gbp
from pcntui.domain.period import Period
from pcntui.report.arrs_claims import claims_json, claims_lines
from pcntui.store.arrs import ArrsView, arrs_view
from pcntui.store.arrs_recalc import recalculation_reads
from pcntui.store.claims import claims_of
from pcntui.store import Store
from pcntui.views.format import wte as fmt_wte
from pcntui.views.status.base import Alert, Block


def money(value: Decimal | None) -> float | None:
    """Pounds as a JSON number with at most 2 places (exact: the shortest repr of a 2-place value)."""
    return None if value is None else float(value.quantize(Decimal("0.01")))


def number(value: Decimal | None) -> float | None:
    return None if value is None else float(value)


def arrs_json(view: ArrsView) -> dict:
    y = view.year
    h = y.headroom
    ent = y.entitlement
    in_post = [s for s in view.inputs.staff if s.in_post_on(min(max(y.as_of, y.fy.start), y.fy.end))]
    mix = {m.role_code: m for m in view.mix}
    return {
        "fy": y.fy.label,
        "months_to_date": y.months_to_date,
        "entitlement": money(ent.amount) if ent else None,
        "weighted_population": ent.weighted_population if ent else None,
        "rate_per_patient": number(ent.rate_per_patient) if ent and ent.rate_per_patient is not None else None,
        "entitlement_estimated": ent.estimated if ent else None,
        "actual_cost": money(y.actual_cost_to_date),
        "claimable": money(y.claimable_to_date),
        "roster_rest_of_year": money(y.roster_rest_of_year),
        "planned_rest_of_year": money(y.planned_rest_of_year),
        "claimable_year": money(y.claimable_year),
        "forecast": money(y.forecast),
        "headroom": money(h.headroom),
        "forecast_headroom": money(h.forecast_headroom),
        "underspend": money(h.underspend) if ent else None,
        "overspend": money(h.overspend) if ent else None,
        "staff_in_post": len(in_post),
        "wte_in_post": number(sum((s.terms_on(min(max(y.as_of, y.fy.start), y.fy.end)).wte for s in in_post), Decimal(0))),
        "baseline_in_post": sum(1 for s in in_post if not s.arrs_funded),
        "planned_posts": sum(1 for p in view.inputs.planned if p.is_open),
        "roles": [
            {
                "code": r.role_code, "name": r.role_name, "staff": r.staff, "wte": number(r.wte),
                "baseline_wte": number(r.baseline_wte),
                "claimable": money(r.claimable_to_date), "claimable_year": money(r.claimable_year),
                "forecast": money(r.forecast),
                "cap_wte": number(mix[r.role_code].cap) if r.role_code in mix else None,
                "peak_wte": number(mix[r.role_code].peak_wte) if r.role_code in mix else None,
                "over_cap": bool(r.role_code in mix and mix[r.role_code].over_cap),
            }
            for r in y.roles
        ],
        "unconfirmed_maxima": view.unconfirmed_roles,
        "maxima_confirmed": not view.unconfirmed_roles,
        "rate_confirmed": view.rate_confirmed,
        "oncosts_confirmed": view.oncosts_confirmed,
        **_gp_json(view),
        "estimated_staff": sum(1 for s in view.inputs.staff if s.estimated and s.overlaps(y.fy.start, y.fy.end)),
        "estimated_claimable": money(y.estimated_claimable_to_date),
        "estimated_forecast": money(y.estimated_forecast),
        "recalculation": _recalc_json(view),
        "alerts": alerts_json(view.alerts),
    }


def alerts_json(alerts) -> list[dict]:
    return [{"kind": a.kind, "severity": a.severity, "message": a.message, "staff_id": a.staff_id,
             "role": a.role_code, "amount": money(a.amount)} for a in alerts]


def _gp_json(view: ArrsView) -> dict:
    """The ring-fenced GP pot (2024/25): null in a year with one pot for every role."""
    y = view.year
    pot = y.gp_pot
    ent = y.entitlement
    return {
        "gp_rate_per_patient": number(ent.gp_rate_per_patient) if ent and ent.gp_rate_per_patient else None,
        "gp_rate_confirmed": view.gp_rate_confirmed if pot else None,
        "gp_entitlement": money(pot.entitlement) if pot else None,
        "gp_claimable": money(pot.claimable_to_date) if pot else None,
        "gp_forecast": money(pot.forecast) if pot else None,
        "gp_headroom": money(pot.headroom) if pot else None,
        "gp_forecast_headroom": money(pot.forecast_headroom) if pot else None,
    }


def _recalc_json(view: ArrsView) -> dict | None:
    """What the latest ARRS change did to the year's ended months (null: nothing, or not asked)."""
    last = view.recalc
    if last is None:
        return None
    r = last.recalculation
    return {
        "action": last.label, "at": last.at, "total": money(r.total),
        "months": [{"month": m.strftime("%Y-%m"), "difference": money(d)} for m, d in r.by_month()],
        "changes": [{"staff_id": c.person[1] if c.person[0] == "staff" else None, "name": c.name, "role": c.role_code,
                     "month": c.month.strftime("%Y-%m"), "before": money(c.before), "after": money(c.after),
                     "difference": money(c.difference)} for c in r.changes],
    }


def _signed(amount: Decimal) -> str:
    return ("+" if amount > 0 else "−") + gbp(abs(amount))


def recalc_lines(view: ArrsView, width: int = 80) -> list[str]:
    """Say which ended months the latest ARRS change recalculated and by how much (status, the ARRS screen)."""
    last = view.recalc
    if last is None:
        return []
    r = last.recalculation
    n = len(r.months)
    what = (f"{gbp(r.total)} more to claim (arrears)" if r.total > 0 else
            f"{gbp(-r.total)} over-claimed" if r.total < 0 else "no net change")
    lines = [f"Recalculated: {n} ended month{'s' if n != 1 else ''}, {what}",
             f"  by the latest change, '{last.label}' ({last.at[:10]}):"]
    line = ""
    for m, d in r.by_month():
        part = f"{month_label(m)} {_signed(d)}"
        if line and len(line) + len(part) + 4 > width:
            lines.append(f"  {line};")
            line = ""
        line = f"{line}; {part}" if line else part
    lines.append(f"  {line}")
    return lines


def _tail(fh: Decimal, ended: bool) -> str:
    if ended:
        return f"{gbp(fh, pence=False)} unclaimed, lost" if fh > 0 else (
            f"OVERSPEND {gbp(-fh, pence=False)}, not refunded" if fh < 0 else "all claimed")
    return f"forecast unclaimed {gbp(fh, pence=False)}" if fh > 0 else (
        f"forecast OVERSPEND {gbp(-fh, pence=False)}" if fh < 0 else "forecast exactly on entitlement")


def _of_which(amount: Decimal) -> str:
    return f", of which estimated {gbp(amount, pence=False)}" if amount else ""


def shell_command(command: str) -> str:
    """How the CLI names a command in a sentence ('pcntui import rates')."""
    return f"'pcntui {command}'"


def unconfirmed_lines(view: ArrsView, how: Callable[[str], str] = shell_command) -> list[str]:
    """Say what rests on an unconfirmed figure; `how(command)` names the way to act ('import rates',
    'arrs rates': the TUI names its keys instead)."""
    y = view.year
    lines = []
    known = view.inputs.rules.rates_known_until
    if view.unconfirmed_roles and known is not None and y.fy > known:
        lines.append(f"No published maxima for {y.fy.label} are on record: estimates and figures carried forward "
                     f"are used (unconfirmed); add the year's with {how('import rates')}")
    elif view.unconfirmed_roles:
        lines.append("Unconfirmed maxima used for: " + ", ".join(view.unconfirmed_roles)
                     + f" (check with {how('arrs rates')})")
    if not view.oncosts_confirmed:
        lines.append(f"Default on-costs use unconfirmed employer NI and pension rules for {y.fy.label}")
    rests = []
    if view.rate_confirmed is False:
        rests.append(f"the £{y.entitlement.rate_per_patient} rate per patient (so the entitlement)")
    if view.gp_rate_confirmed is False and y.gp_pot:
        rests.append(f"the £{y.entitlement.gp_rate_per_patient} GP rate (so the GP pot)")
    costs = [w for w, bad in (("maxima", view.unconfirmed_roles), ("on-cost rules", not view.oncosts_confirmed)) if bad]
    if costs:
        rests.append(" and ".join(costs) + " (so claimable and forecast)")
    if rests:
        tail = "; the headroom rests on them too" if y.entitlement else ""
        lines.append("Unconfirmed: " + "; ".join(rests) + tail)
    return lines


def _span(view: ArrsView) -> str:
    n = view.year.months_to_date
    if n == 0:
        return "no month ended yet"
    months = view.year.fy.months()
    first, last = month_label(months[0]).split()[0], month_label(months[n - 1]).split()[0]
    return f"{first}–{last}, {n} month{'s' if n != 1 else ''}" if n > 1 else f"{first}, 1 month"


def arrs_lines(view: ArrsView) -> list[str]:
    y = view.year
    h = y.headroom
    ent = y.entitlement
    w = 20
    lines = []
    if ent:
        rate = "; rate unconfirmed" if view.rate_confirmed is False else ""
        lines.append(f"{'Entitlement':<{w}}{gbp(ent.amount):>15}  ({ent.basis}{rate})")
    else:
        lines.append(f"{'Entitlement':<{w}}{'not set':>15}  (pcntui arrs entitlement)")
    lines.append(f"{'Claimable to date':<{w}}{gbp(y.claimable_to_date):>15}  ({_span(view)}"
                 f"{_of_which(y.estimated_claimable_to_date)})")
    extra = f"roster {gbp(y.claimable_to_date + y.roster_rest_of_year, pence=False)}"
    if y.planned_rest_of_year:
        extra += f" + planned {gbp(y.planned_rest_of_year, pence=False)}"
    lines.append(f"{'Forecast to 31 Mar':<{w}}{gbp(y.forecast):>15}  ({extra}{_of_which(y.estimated_forecast)})")
    ended = y.as_of > y.fy.end
    if ent:
        gp = "; GP claims count against the GP pot" if y.gp_pot else ""
        lines.append(f"{'Headroom':<{w}}{gbp(h.headroom):>15}  ({_tail(h.forecast_headroom, ended)}{gp})")
    if y.gp_pot:
        pot = y.gp_pot
        rate = "; rate unconfirmed" if view.gp_rate_confirmed is False else ""
        lines.append(f"{'GP pot (ring-fenced)':<{w}}{gbp(pot.entitlement):>15}  "
                     f"({ent.weighted_population:,} × £{ent.gp_rate_per_patient}{rate})")
        lines.append(f"{'GP claimable':<{w}}{gbp(pot.claimable_to_date):>15}  "
                     f"(GP headroom {gbp(pot.headroom, pence=False)}; {_tail(pot.forecast_headroom, ended)})")
    day = min(max(y.as_of, y.fy.start), y.fy.end)
    in_post = [s for s in view.inputs.staff if s.in_post_on(day)]
    wte = sum((s.terms_on(day).wte for s in in_post), Decimal(0))
    baseline = sum(1 for s in in_post if not s.arrs_funded)
    posts = sum(1 for p in view.inputs.planned if p.is_open)
    estimated = sum(1 for s in in_post if s.estimated)
    lines.append(f"Staff in post {len(in_post)} ({fmt_wte(wte)} WTE, {baseline} baseline"
                 + (f", {estimated} estimated" if estimated else "")
                 + f"); {posts} open planned post{'s' if posts != 1 else ''}")
    roles = [f"{r.role_code} {fmt_wte(r.wte)}" for r in y.roles if r.wte > 0]
    if roles:
        lines.append("ARRS-funded WTE by role: " + ", ".join(roles))
    lines.extend(recalc_lines(view))
    lines.extend(unconfirmed_lines(view))
    if not view.inputs.staff:
        lines.append("No staff yet: 'pcntui import staff FILE' or the TUI's ARRS section.")
    return lines


def by_month(view: ArrsView) -> list[dict]:
    """The `by_month` JSON key: claimable per month of the year (roster, planned posts; ended or not)."""
    y = view.year
    return [{"month": first.isoformat()[:7], "claimable": money(roster), "planned": money(planned),
             "ended": y.is_to_date(first)} for first, roster, planned in y.monthly_totals()]


def arrs_block(store: Store, period: Period) -> Block:
    """The block; on a read-only open (the roll-up, a share file's figures, a PCN's dashboard
    from the roll-up) without the recalculation: none of their figures uses it, and rebuilding
    the earlier state costs a copy of the database and an undo replay."""
    recalculated = store.mode != "ro"
    view = arrs_view(store, period, recalculated=recalculated, kept=True)
    claims = claims_of(store, view.inputs, view.year)
    data = {**arrs_json(view), **claims_json(claims)}
    data["alerts"] += alerts_json(claims.alerts)
    data["by_month"] = by_month(view)
    alerts = [Alert("arrs", a.severity, a.message, str(a.staff_id) if a.staff_id is not None else None, a.kind)
              for a in (*view.alerts, *claims.alerts)]
    reads = recalculation_reads(store, view.inputs) if recalculated else ()
    if not view.inputs.staff and view.year.entitlement is None and not claims.year.claims:
        # Nothing entered yet: one gentle line, and only the alert that asks for the entitlement.
        return Block("arrs", f"ARRS staffing {period.fy.label}",
                     ["No ARRS staff or entitlement yet: 'pcntui import staff FILE', 'pcntui arrs entitlement'."],
                     data, alerts, reads)
    return Block("arrs", f"ARRS staffing {period.fy.label}", arrs_lines(view) + claims_lines(claims), data, alerts,
                 reads)


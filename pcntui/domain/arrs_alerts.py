"""What a PCN manager must act on in the ARRS year, each as one sentence.

Kinds (stable, used in `status --json`):
  overspend            forecast above the entitlement (overspend is not refunded)
  underspend           forecast below the entitlement: the amount lost at 31 March
  no_entitlement       the year's entitlement has not been entered
  over_cap             a role's ARRS-funded WTE above its cap for the year and PCN size
  not_eligible         staff claimed in a role not in the scheme that year
  no_rate              no maximum on record for a role and month (claims nothing)
  no_supervisor        a role that requires a supervisor has none recorded
  no_registration      a role that requires professional registration has no number
  registration_expired the registration expired while in post
  registration_expiring the registration expires within 30 days of the as-of date
  training_pathway     a role that requires a training pathway: not enrolled or completed
  planned_overdue      an open planned post whose expected start has passed
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

from pcntui.domain.arrs_caps import RoleMix, size_label
from pcntui.domain.claimable import NO_RATE, NOT_ELIGIBLE
from pcntui.domain.fy import month_label
from pcntui.domain.forecast import ArrsInputs, ArrsYear
from pcntui.domain.money import gbp

EXPIRY_WARNING_DAYS = 30


@dataclass(frozen=True)
class ArrsAlert:
    kind: str
    severity: str  # 'problem' or 'warning'
    message: str
    staff_id: int | None = None
    role_code: str | None = None
    amount: Decimal | None = None


def _money_alerts(year: ArrsYear) -> list[ArrsAlert]:
    fy = year.fy
    if year.entitlement is None:
        return [ArrsAlert("no_entitlement", "warning",
                          f"No ARRS entitlement is set for {fy.label}: run 'pcntui arrs entitlement --fy {fy.label} "
                          "--weighted-population N'.")]
    h = year.headroom
    ended = year.as_of > fy.end
    if h.overspend > 0:
        verb = "Claimable" if ended else "Forecast"
        return [ArrsAlert("overspend", "problem",
                          f"{verb} {gbp(h.forecast)} is {gbp(h.overspend)} over the {fy.label} entitlement "
                          f"{gbp(h.entitlement)}; overspend is not refunded.", amount=h.overspend)]
    if h.underspend > 0:
        if ended:
            msg = f"{gbp(h.underspend)} of the {fy.label} entitlement was not claimed and is lost."
        else:
            msg = (f"Forecast underspend {gbp(h.underspend)}: unclaimed entitlement is lost at "
                   f"{fy.end.strftime('%d %B %Y').lstrip('0')} (forecast {gbp(h.forecast)} of {gbp(h.entitlement)}).")
        return [ArrsAlert("underspend", "warning", msg, amount=h.underspend)]
    return []


def _cap_alerts(year: ArrsYear, mix: list[RoleMix], list_size: int | None) -> list[ArrsAlert]:
    out = []
    for m in mix:
        if m.over_cap:
            when = f" on {m.peak_on.isoformat()}" if m.peak_on else ""
            unconfirmed = "" if m.cap_row is None or m.cap_row.confirmed else " (cap unconfirmed)"
            out.append(ArrsAlert(
                "over_cap", "problem",
                f"{m.role_name}: {m.peak_wte.normalize():f} WTE ARRS-funded{when}, over the {year.fy.label} cap of "
                f"{m.cap.normalize():f} WTE for a PCN of {size_label(list_size)}{unconfirmed}.",
                role_code=m.role_code, amount=None,
            ))
    return out


def _month_alerts(inputs: ArrsInputs, year: ArrsYear) -> list[ArrsAlert]:
    out = []
    by_staff: dict[tuple[int | None, str], list] = {}
    for m in year.months:
        if m.reason == NOT_ELIGIBLE:
            by_staff.setdefault((m.staff_id, m.name), []).append(m)
    for (staff_id, name), rows in by_staff.items():
        role = inputs.rules.role(rows[0].role_code)
        since = f" (eligible from {role.eligible_from.isoformat()})" if role and role.eligible_from else ""
        span = month_label(rows[0].month) + (f" to {month_label(rows[-1].month)}" if len(rows) > 1 else "")
        out.append(ArrsAlert(
            "not_eligible", "problem",
            f"{name}: {inputs.rules.role_name(rows[0].role_code)} is not an ARRS role in {span}{since}; "
            f"{len(rows)} month(s) claim nothing.", staff_id=staff_id, role_code=rows[0].role_code))
    no_rate: dict[str, list] = {}
    for m in year.months:
        if m.reason == NO_RATE:
            no_rate.setdefault(m.role_code, []).append(m)
    for code, rows in no_rate.items():
        first = min(r.month for r in rows)
        out.append(ArrsAlert(
            "no_rate", "problem",
            f"No maximum reimbursable amount on record for {inputs.rules.role_name(code)} from {month_label(first)}: "
            f"{len(rows)} staff-month(s) claim nothing; add it with 'pcntui import rates FILE'.", role_code=code))
    return out


def _compliance_alerts(inputs: ArrsInputs, year: ArrsYear) -> list[ArrsAlert]:
    fy = year.fy
    check_day = min(max(year.as_of, fy.start), fy.end)
    out = []
    for s in sorted(inputs.staff, key=lambda s: s.name.lower()):
        if not s.arrs_funded or not s.overlaps(fy.start, check_day) or s.start_date > check_day:
            continue
        role = inputs.rules.role(s.role_code)
        if role is None:
            continue
        day = check_day if s.end_date is None else min(check_day, s.end_date)
        who = f"{s.name} ({role.name})"
        if role.requires_supervisor and not s.supervisor.strip():
            out.append(ArrsAlert("no_supervisor", "warning", f"{who} has no supervisor recorded.", s.id, s.role_code))
        if role.requires_registration:
            body = f" ({role.registration_body})" if role.registration_body else ""
            if not s.registration_number.strip():
                out.append(ArrsAlert("no_registration", "warning",
                                     f"{who} has no professional registration number{body} recorded.", s.id, s.role_code))
            if s.registration_expiry is not None:
                if s.registration_expiry < day:
                    out.append(ArrsAlert("registration_expired", "problem",
                                         f"{who}: registration expired on {s.registration_expiry.isoformat()}.",
                                         s.id, s.role_code))
                elif s.end_date is None or s.end_date > year.as_of:
                    if year.as_of <= s.registration_expiry <= year.as_of + timedelta(days=EXPIRY_WARNING_DAYS):
                        out.append(ArrsAlert("registration_expiring", "warning",
                                             f"{who}: registration expires on {s.registration_expiry.isoformat()}.",
                                             s.id, s.role_code))
        if role.requires_training_pathway and s.training_pathway not in ("enrolled", "completed", "not required"):
            state = s.training_pathway or "not recorded"
            path = f" ({role.training_pathway})" if role.training_pathway else ""
            out.append(ArrsAlert("training_pathway", "warning",
                                 f"{who}: training pathway{path} {state}; the role requires it.", s.id, s.role_code))
    return out


def _planned_alerts(inputs: ArrsInputs, year: ArrsYear) -> list[ArrsAlert]:
    out = []
    for p in inputs.planned:
        if p.is_open and p.expected_start < year.as_of and year.fy.contains(year.as_of):
            out.append(ArrsAlert(
                "planned_overdue", "warning",
                f"{p.label(inputs.rules)} ({p.status}) was expected to start on {p.expected_start.isoformat()}; "
                "the forecast counts it from today: update its start or status.", role_code=p.role_code))
    return out


def arrs_alerts(inputs: ArrsInputs, year: ArrsYear, mix: list[RoleMix]) -> list[ArrsAlert]:
    """Every ARRS alert for the year, problems first."""
    alerts = [
        *_money_alerts(year),
        *_cap_alerts(year, mix, inputs.list_size),
        *_month_alerts(inputs, year),
        *_compliance_alerts(inputs, year),
        *_planned_alerts(inputs, year),
    ]
    return sorted(alerts, key=lambda a: 0 if a.severity == "problem" else 1)


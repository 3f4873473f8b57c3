"""What a PCN manager must act on in the ARRS year, each as one sentence.

Kinds (stable, used in `status --json`):
  overspend            forecast above the entitlement (overspend is not refunded)
  underspend           forecast below the entitlement: the amount lost at 31 March
  no_entitlement       the year's entitlement has not been entered
  over_cap             a role's ARRS-funded WTE above its cap for the year and PCN size
  not_eligible         staff claimed in a role not in the scheme that year
  no_rate              no maximum on record for a role and month (claims nothing), or none for
                       the person's band where the role's maxima are by band
  no_supervisor        a role that requires a supervisor has none recorded
  no_registration      a role that requires professional registration has no number
  registration_expired the registration expired while in post
  registration_expiring the registration expires within 30 days of the as-of date
  registration_runs_out a year still to come: the registration's expiry (after the as-of date)
                       falls before the person's last day in that year (record the renewal)
  training_pathway     a role that requires a training pathway: not enrolled or completed
  planned_overdue      an open planned post whose expected start has passed
  gp_overspend         GP forecast above the year's ring-fenced GP pot (2024/25)
  gp_underspend        GP forecast below the GP pot: the amount lost at 31 March
  estimated_records    staff records that are estimates (seeded from NWRS): how much rests on them
  recently_employed    a new post in a role with the 12-month rule (GPN, consultant nurse, HCSW)
                       given to someone employed by the PCN or a member practice within 12 months
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta
from decimal import Decimal

from pcntui.domain.text import counted
from pcntui.domain.arrs_caps import RoleMix, size_label
from pcntui.domain.claimable import NO_BAND_RATE
from pcntui.domain.entitlement import rate_confirmed
from pcntui.domain.fy import month_label
from pcntui.domain.forecast import ArrsInputs, ArrsYear
from pcntui.domain.headroom import Headroom
from pcntui.domain.money import gbp
from pcntui.domain.staff import recent_employment_text

EXPIRY_WARNING_DAYS = 30


@dataclass(frozen=True)
class ArrsAlert:
    """One ARRS alert: what kind, how bad, and whom or which role it is about."""

    kind: str
    severity: str  # 'problem' or 'warning'
    message: str
    staff_id: int | None = None
    role_code: str | None = None
    amount: Decimal | None = None


def _pot_alerts(h: Headroom, kinds: tuple[str, str], over: str, under: str, role_code: str | None = None
                ) -> list[ArrsAlert]:
    """Overspend (a problem) or underspend (a warning) of one pot, with the amount."""
    if h.overspend > 0:
        return [ArrsAlert(kinds[0], "problem", over, role_code=role_code, amount=h.overspend)]
    if h.underspend > 0:
        return [ArrsAlert(kinds[1], "warning", under, role_code=role_code, amount=h.underspend)]
    return []


def unconfirmed_basis(inputs: ArrsInputs, year: ArrsYear, *, gp: bool = False) -> str:
    """' (rests on unconfirmed …)' when a pot's figures use an unconfirmed rate per patient or maximum."""
    what = []
    ent = year.entitlement
    rate = None if ent is None else (ent.gp_rate_per_patient if gp else ent.rate_per_patient)
    if rate_confirmed(rate, inputs.rules, year.fy, gp=gp) is False:
        what.append(f"£{rate} {'GP rate' if gp else 'rate per patient'}")
    if any(p.unconfirmed and (p.role_code == "GP" or not gp) for p in year.people) or any(
            m.arrs_funded and not m.reason and not m.rate_confirmed and (m.role_code == "GP" or not gp)
            for m in year.planned_months):
        what.append("maxima")
    return f" (rests on unconfirmed {' and '.join(what)})" if what else ""


def _money_alerts(year: ArrsYear, basis: str = "") -> list[ArrsAlert]:
    fy = year.fy
    if year.entitlement is None:
        return [ArrsAlert("no_entitlement", "warning",
                          f"No ARRS entitlement is set for {fy.label}: set it from the PCN's weighted population "
                          "to see headroom and what is lost at year end.")]
    h = year.headroom
    ended = year.as_of > fy.end
    over = (f"{'Claimable' if ended else 'Forecast'} {gbp(h.forecast)} is {gbp(h.overspend)} over the {fy.label} "
            f"entitlement {gbp(h.entitlement)}; overspend is not refunded.")
    if ended:
        under = f"{gbp(h.underspend)} of the {fy.label} entitlement was not claimed and is lost."
    else:
        under = (f"Forecast unclaimed {gbp(h.underspend)}: entitlement not claimed is lost at "
                 f"{fy.end.strftime('%d %B %Y').lstrip('0')} (forecast {gbp(h.forecast)} of {gbp(h.entitlement)}).")
    return _pot_alerts(h, ("overspend", "underspend"), over.removesuffix(".") + basis + ".",
                       under.removesuffix(".") + basis + ".")


def _gp_pot_alerts(year: ArrsYear, basis: str = "") -> list[ArrsAlert]:
    pot = year.gp_pot
    if pot is None:
        return []
    fy = year.fy
    ended = year.as_of > fy.end
    over = (f"{'GP claimable' if ended else 'GP forecast'} {gbp(pot.forecast)} is {gbp(pot.overspend)} over the "
            f"ring-fenced {fy.label} GP pot {gbp(pot.entitlement)}; GP claims above it are not refunded.")
    when = "was not claimed and is lost" if ended else "is forecast unclaimed and will be lost at 31 March"
    under = (f"{gbp(pot.underspend)} of the ring-fenced {fy.label} GP pot {gbp(pot.entitlement)} {when} "
             "(it pays for General Practitioners only).")
    return _pot_alerts(pot, ("gp_overspend", "gp_underspend"), over.removesuffix(".") + basis + ".",
                       under.removesuffix(".") + basis + ".", role_code="GP")


def _estimate_alerts(inputs: ArrsInputs, year: ArrsYear) -> list[ArrsAlert]:
    people = [s for s in inputs.staff if s.estimated and s.overlaps(year.fy.start, year.fy.end)]
    if not people:
        return []
    n = len(people)
    return [ArrsAlert(
        "estimated_records", "warning",
        f"{n} staff record{'s are' if n != 1 else ' is'} estimated (salary and start date guessed, e.g. seeded from NWRS): "
        f"{gbp(year.estimated_claimable_to_date)} of the claimable to date and {gbp(year.estimated_forecast)} of the "
        f"{year.fy.label} forecast rest on {'them' if n != 1 else 'it'}; confirm each once its salary and start date "
        "are known.", amount=year.estimated_forecast)]


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
    firsts = year.fy.months()
    for p in year.people:
        if not p.not_eligible:
            continue
        role = inputs.rules.role(p.role_code)
        since = f" (eligible from {role.eligible_from.isoformat()})" if role and role.eligible_from else ""
        first, last = firsts[p.not_eligible[0]], firsts[p.not_eligible[-1]]
        span = month_label(first) + (f" to {month_label(last)}" if len(p.not_eligible) > 1 else "")
        out.append(ArrsAlert(
            "not_eligible", "problem",
            f"{p.name}: {inputs.rules.role_name(p.role_code)} is not an ARRS role in {span}{since}; "
            f"{counted(len(p.not_eligible), 'month')} claim nothing.", staff_id=p.staff_id, role_code=p.role_code))
    no_rate: dict[tuple[str, str], list[tuple[int, str]]] = {}
    for p in year.people:
        for i, reason in p.no_rate:
            no_rate.setdefault((p.role_code, reason), []).append((i, p.name))
    for (code, reason), rows in no_rate.items():
        first = firsts[min(i for i, _ in rows)]
        role = inputs.rules.role_name(code)
        if reason == NO_BAND_RATE:
            names = ", ".join(sorted({name for _, name in rows}))
            bands = ", ".join(inputs.rules.bands_of(code))
            text = (f"{role} maxima are by band ({bands}) and none applies to {names} from {month_label(first)}: "
                    f"{counted(len(rows), 'staff-month')} claim{'s' if len(rows) == 1 else ''} nothing; record the band.")
        else:
            text = (f"No maximum reimbursable amount on record for {role} from {month_label(first)}: "
                    f"{counted(len(rows), 'staff-month')} claim{'s' if len(rows) == 1 else ''} nothing; add it with 'pcntui import rates FILE'.")
        out.append(ArrsAlert("no_rate", "problem", text, role_code=code))
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
        if role.recently_employed(s.start_date, s.previously_employed_until):
            out.append(ArrsAlert("recently_employed", "problem", recent_employment_text(role, s), s.id, s.role_code))
        if role.requires_supervisor and not s.supervisor.strip():
            out.append(ArrsAlert("no_supervisor", "warning", f"{who} has no supervisor recorded.", s.id, s.role_code))
        if role.requires_registration:
            body = f" ({role.registration_body})" if role.registration_body else ""
            if not s.registration_number.strip():
                out.append(ArrsAlert("no_registration", "warning",
                                     f"{who} has no professional registration number{body} recorded.", s.id, s.role_code))
            if s.registration_expiry is not None:
                if year.as_of <= s.registration_expiry < day:  # not expired yet: a year still to come
                    out.append(ArrsAlert("registration_runs_out", "warning",
                                         f"{who}: registration expires on {s.registration_expiry.isoformat()}, "
                                         f"before their last day in {fy.label} (record the renewal).",
                                         s.id, s.role_code))
                elif s.registration_expiry < day:
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
        *_money_alerts(year, unconfirmed_basis(inputs, year)),
        *_gp_pot_alerts(year, unconfirmed_basis(inputs, year, gp=True)),
        *_cap_alerts(year, mix, inputs.list_size),
        *_month_alerts(inputs, year),
        *_compliance_alerts(inputs, year),
        *_planned_alerts(inputs, year),
        *_estimate_alerts(inputs, year),
    ]
    return sorted(alerts, key=lambda a: 0 if a.severity == "problem" else 1)


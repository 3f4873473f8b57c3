"""What a PCN manager must act on in the year's claims, each as one sentence (`ArrsAlert`s).

Kinds (stable, for `status --json` beside the other ARRS alerts):
  claim_missing   ended months with claimable money and no claim that counts (none, or only rejected);
                  only once the year has any claim recorded (else the ledger is simply not in use)
  claim_over      an ended month claimed above its claimable (clawback risk)
  claim_unpaid    a claim submitted or approved but unpaid 60 days after submission (or the month's end)
"""

from __future__ import annotations

from pcntui.domain.text import counted
from pcntui.domain.arrs_alerts import ArrsAlert
from pcntui.domain.arrs_rules import RuleBook
from pcntui.domain.claims import ClaimLine, ClaimsYear, person_of
from pcntui.domain.fy import month_label
from pcntui.domain.money import gbp


def _who(line: ClaimLine, rules: RuleBook) -> str:
    return f"{line.name} ({rules.role_name(line.role_code)})"


def _missing(year: ClaimsYear, rules: RuleBook) -> list[ArrsAlert]:
    if not year.claims:  # no claims recorded for the year: the ledger is not in use, nothing to compare
        return []
    by_person: dict[tuple, list[ClaimLine]] = {}
    for line in year.lines:
        if line.ended and line.claimable > 0 and line.claimed == 0 and line.status in ("unclaimed", "rejected"):
            by_person.setdefault(person_of(line.staff_id, line.name, line.role_code), []).append(line)
    out = []
    for lines in by_person.values():
        amount = sum(line.claimable for line in lines)
        months = ", ".join(month_label(line.month) for line in lines)
        rejected = sum(1 for line in lines if line.status == "rejected")
        why = f" ({rejected} rejected)" if rejected else ""
        out.append(ArrsAlert(
            "claim_missing", "warning",
            f"{_who(lines[0], rules)}: {counted(len(lines), 'ended month')} not claimed{why}: {months}; "
            f"{gbp(amount)} claimable.", staff_id=lines[0].staff_id, role_code=lines[0].role_code, amount=amount))
    return out


def _over(year: ClaimsYear, rules: RuleBook) -> list[ArrsAlert]:
    if not year.claims:  # nothing claimed: no month claimed above its claimable
        return []
    out = []
    for line in year.lines:
        if line.ended and line.difference < 0:
            what = "not in post" if not line.in_post else f"{gbp(line.claimable)} claimable"
            out.append(ArrsAlert(
                "claim_over", "problem",
                f"{_who(line, rules)} {month_label(line.month)}: claimed {gbp(line.claimed)}, "
                f"{gbp(-line.difference)} above what may be claimed ({what}); it may be clawed back.",
                staff_id=line.staff_id, role_code=line.role_code, amount=-line.difference))
    return out


def _unpaid(year: ClaimsYear, rules: RuleBook) -> list[ArrsAlert]:
    out = []
    for c in year.overdue:
        since = "submission" if c.submitted_on else "the month's end (no submission date)"
        out.append(ArrsAlert(
            "claim_unpaid", "warning",
            f"{c.label(rules.role_name(c.role_code))}: {gbp(c.amount_claimed)} {c.status}, unpaid "
            f"{(year.as_of - c.waiting_since).days} days after {since}; payment was due by "
            f"{c.payment_due.isoformat()}.",
            staff_id=c.staff_id, role_code=c.role_code, amount=c.amount_claimed))
    return out


def claims_alerts(year: ClaimsYear, rules: RuleBook) -> list[ArrsAlert]:
    """Every claims alert for the year, problems first."""
    alerts = [*_over(year, rules), *_missing(year, rules), *_unpaid(year, rules)]
    return sorted(alerts, key=lambda a: 0 if a.severity == "problem" else 1)

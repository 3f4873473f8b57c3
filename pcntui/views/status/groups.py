"""Alerts grouped by kind, worst first: what `status` text, `status --json` ("alert_groups")
and the dashboard show instead of one line per alert.

A group holds every alert of one kind (in one area); it is as severe as its worst alert.
A group of one alert reads as that alert's own sentence; a larger group as one sentence
with its count ("83 staff have no supervisor recorded"). Alerts without a kind, and kinds
this module has no sentence for, are never merged: each stays its own group. Groups come
problems first, then warnings, each in the order their areas' alerts were given.
"""

from __future__ import annotations

from dataclasses import dataclass

from pcntui.views.status.base import Alert

# kind -> the sentence for n (> 1) alerts of that kind; {n} is the count.
PLURAL: dict[str, str] = {
    "over_cap": "{n} roles are above their ARRS-funded WTE cap.",
    "not_eligible": "{n} staff are claimed in a role not in the scheme for some months.",
    "no_rate": "{n} roles have months with no maximum on record: those staff-months claim nothing.",
    "no_supervisor": "{n} staff have no supervisor recorded.",
    "no_registration": "{n} staff have no professional registration number recorded.",
    "registration_expired": "{n} staff registrations expired while in post.",
    "registration_expiring": "{n} staff registrations expire within 30 days.",
    "registration_runs_out": "{n} staff registrations expire before the year shown ends (record the renewals).",
    "training_pathway": "{n} staff are not enrolled on (or have not completed) their role's training pathway.",
    "planned_overdue": "{n} planned posts were expected to start already.",
    "recently_employed": "{n} new posts went to people employed by the PCN or a practice in the last 12 months.",
    "claim_missing": "{n} staff have ended months with claimable money not claimed.",
    "claim_over": "{n} staff-months were claimed above what may be claimed (clawback risk).",
    "claim_unpaid": "{n} claims are unpaid 60 days on.",
    "smr_behind": "{n} SMR cohorts are behind their target.",
    "smr_at_risk": "{n} SMR cohorts are at risk of missing their target.",
    "smr_missed": "{n} SMR cohorts missed their target.",
    "smr_counts_check": "{n} SMR cohorts have counts to check.",
    "intervention_red": "{n} interventions are red.",
    "intervention_amber": "{n} interventions are amber.",
    "des_overdue": "{n} DES requirements are overdue.",
    "des_due_soon": "{n} DES requirements fall due soon.",
}

SEVERITY_ORDER = {"problem": 0, "warning": 1}


@dataclass(frozen=True)
class AlertGroup:
    """Alerts of one kind, told as one line."""

    kind: str | None
    area: str
    severity: str  # the worst of its alerts: 'problem' or 'warning'
    alerts: tuple[Alert, ...]

    @property
    def count(self) -> int:
        return len(self.alerts)

    @property
    def text(self) -> str:
        """One sentence: the alert itself, or the count of its kind."""
        if self.count == 1:
            return self.alerts[0].message
        return PLURAL[self.kind].format(n=self.count)


def group_alerts(alerts: list[Alert]) -> list[AlertGroup]:
    """The alerts grouped by (area, kind), worst first; see the module docstring."""
    order: list[tuple] = []
    members: dict[tuple, list[Alert]] = {}
    for i, a in enumerate(alerts):
        key = (a.area, a.kind) if a.kind in PLURAL else (a.area, a.kind, i)
        if key not in members:
            order.append(key)
            members[key] = []
        members[key].append(a)
    groups = []
    for key in order:
        items = members[key]
        worst = min((a.severity for a in items), key=lambda s: SEVERITY_ORDER.get(s, 2))
        groups.append(AlertGroup(items[0].kind, items[0].area, worst, tuple(items)))
    return sorted(groups, key=lambda g: SEVERITY_ORDER.get(g.severity, 2))


def groups_json(groups: list[AlertGroup]) -> list[dict]:
    """`status --json` "alert_groups": [{"area", "kind", "severity", "count", "message"}]."""
    return [{"area": g.area, "kind": g.kind, "severity": g.severity, "count": g.count, "message": g.text}
            for g in groups]

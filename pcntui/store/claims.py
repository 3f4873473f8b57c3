"""ARRS claims in the database: `pcntui import claims FILE` and the year's reconciliation.

Rows are matched to the roster by name (ignoring case and extra spaces) and role (code, name
or alias), preferring the record in post in the claim's month; a row that matches nobody
refuses the whole file. The stored name is the roster's, so the key (month, name, role,
reference) is the same however the file spells it. Reads re-match every claim against the
roster as it is now (the stored staff_id is used when the name no longer matches anyone).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path

from pcntui.domain.text import counted
from pcntui.domain.arrs_alerts import ArrsAlert
from pcntui.domain.arrs_rules import RuleBook
from pcntui.domain.fy import month_last
from pcntui.domain.claims import Claim, ClaimsYear, match_staff, reconcile
from pcntui.domain.claims_alerts import claims_alerts
from pcntui.domain.parse import iso_date
from pcntui.domain.forecast import ArrsInputs, ArrsYear, arrs_year
from pcntui.domain.fy import FinancialYear, month_label
from pcntui.domain.money import from_pence, to_pence
from pcntui.domain.period import Period
from pcntui.domain.progress import Progress
from pcntui.domain.staff import StaffMember
from pcntui.errors import UserError
from pcntui.store import records
from pcntui.store.bulk import save_many
from pcntui.store.arrs import load_inputs, load_rulebook
from pcntui.store.db import Store
from pcntui.store.staff import list_staff
from pcntui.store.tx import WriteReport

KEY = ("month", "staff_name", "role_code", "reference")


def _claim(r: dict) -> Claim:
    return Claim(
        month=date.fromisoformat(r["month"] + "-01"), name=r["staff_name"], role_code=r["role_code"],
        amount_claimed=from_pence(r["amount_claimed_pence"]), status=r["status"],
        amount_paid=from_pence(r["amount_paid_pence"]), reference=r["reference"],
        submitted_on=iso_date(r["submitted_on"]), paid_on=iso_date(r["paid_on"]),
        staff_id=r["staff_id"], id=r["id"], rev=r["rev"],
    )


def claim_values(c: Claim) -> dict:
    return {
        "month": c.month.strftime("%Y-%m"), "staff_name": c.name, "role_code": c.role_code, "reference": c.reference,
        "amount_claimed_pence": to_pence(c.amount_claimed), "amount_paid_pence": to_pence(c.amount_paid),
        "status": c.status, "submitted_on": c.submitted_on.isoformat() if c.submitted_on else None,
        "paid_on": c.paid_on.isoformat() if c.paid_on else None, "staff_id": c.staff_id,
    }


def list_claims(store: Store, fy: FinancialYear | None = None) -> list[Claim]:
    """Claim rows as stored (all, or those for months of `fy`), by month, name, reference."""
    sql, params = "SELECT * FROM arrs_claim", []
    if fy is not None:
        sql += " WHERE month >= ? AND month <= ?"
        params = [fy.start.strftime("%Y-%m"), fy.end.strftime("%Y-%m")]
    return [_claim(r) for r in store.query(sql + " ORDER BY month, staff_name, reference", params)]


def relink(claims: Iterable[Claim], staff: Sequence[StaffMember]) -> list[Claim]:
    """Each claim joined to the roster record it is for now (name and role, in post that month)."""
    out = []
    for c in claims:
        try:
            member = match_staff(staff, c.name, c.role_code, c.month)
        except UserError:
            member = None
        out.append(replace(c, staff_id=member.id) if member is not None else c)
    return out


@dataclass(frozen=True)
class ClaimsView:
    """The year's claims reconciled against claimable, and what to act on."""

    year: ClaimsYear
    alerts: tuple[ArrsAlert, ...]
    rules: RuleBook | None = None  # for role names


def claims_of(store: Store, inputs: ArrsInputs, arrs: ArrsYear) -> ClaimsView:
    """The claims of `arrs`'s year against its claimable (the roster and rules already read)."""
    claims = relink(list_claims(store, arrs.fy), inputs.staff)
    year = reconcile(arrs.claim_months(), claims, arrs.fy, arrs.as_of, arrs.claimable_to_date)
    return ClaimsView(year, tuple(claims_alerts(year, inputs.rules)), inputs.rules)


def claims_view(store: Store, period: Period) -> ClaimsView:
    """One read of the roster, rules and claims, then pure calculation."""
    inputs = load_inputs(store)
    return claims_of(store, inputs, arrs_year(inputs, period.fy, period.as_of))


def save_claim(store: Store, claim: Claim, *, expected_rev: int | None = None) -> str:
    """One claim entered or corrected (the TUI's claims grid): one action, keyed like the import;
    `expected_rev` (of the row being edited) refuses to overwrite another copy's change."""
    label = f"Claim for {claim.name} {month_label(claim.month)}" + (f" ref {claim.reference}" if claim.reference else "")
    with store.action(label) as tx:
        return records.save(tx.db, "arrs_claim", KEY, claim_values(claim), expected_rev=expected_rev)


# ---------------------------------------------------------------------- import claims
class _Matcher:
    """Matches each parsed row to the roster, remembering the match and any warning."""

    def __init__(self, staff: Sequence[StaffMember], rules):
        self.staff, self.rules = staff, rules
        self.claims: list[Claim] = []
        self.warnings: list[str] = []

    def __call__(self, row) -> str | None:
        claim = row.claim()
        try:
            member = match_staff(self.staff, claim.name, claim.role_code, claim.month)
        except UserError as exc:
            return str(exc)
        if member is None:
            return (f"'{claim.name}' ({self.rules.role_name(claim.role_code)}) is not on the roster; add them with "
                    "'pcntui import staff' first (names match ignoring case).")
        if not member.overlaps(claim.month, month_last(claim.month)):
            self.warnings.append(f"row {row.row}: {member.name} was not in post in {month_label(claim.month)}; "
                                 "the claim counts as claimed above claimable.")
        self.claims.append(replace(claim, name=member.name, staff_id=member.id))
        return None


def import_claims(store: Store, path: Path, *, dry_run: bool = False, progress: Progress | None = None,
                  **_: object) -> WriteReport:
    """All rows checked and matched first; one action; upsert on (month, name, role, reference)."""
    from pcntui.ingest.claims_csv import read_claims

    path = Path(path)
    rules = load_rulebook(store)
    matcher = _Matcher(list_staff(store), rules)
    read_claims(path, rules, matcher)
    report = WriteReport("claims")
    before = {c.key for c in list_claims(store)}
    with store.action(f"Import claims from {path.name}", dry_run=dry_run) as tx:
        save_many(tx.db, "arrs_claim", KEY, [claim_values(c) for c in matcher.claims], report, progress=progress)
    notes = list(matcher.warnings)
    kept = len(before - {c.key for c in matcher.claims})
    if kept:
        notes.append(f"{counted(kept, 'claim')} on record are not in this file (kept, not deleted).")
    report.notes = notes or None
    return report

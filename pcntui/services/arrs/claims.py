"""One month's claim entered or corrected (the claims grid): one action, the rules of `import claims`."""

from __future__ import annotations

from datetime import date

from pcntui.domain.fy import month_label
from pcntui.inputs.arrs import ClaimIn
from pcntui.inputs.base import check
from pcntui.services.base import Raw, Saved
from pcntui.services.context import load_ctx
from pcntui.store import Store
from pcntui.store import claims as rows
from pcntui.store import records


def save_claim(store: Store, raw: Raw, *, month: date, name: str, role_code: str, staff_id: int | None,
               today: date, expected_rev: int | None = None) -> Saved:
    """The claim for `name` in `month` (`raw`: ClaimIn's fields as typed); `expected_rev` (of the
    claim being corrected) refuses another copy's change."""
    with store.action() as tx:
        given, _ = check(ClaimIn, raw, load_ctx(tx, today=today, need=()))
        claim = given.to_claim(month, name, role_code, staff_id)
        records.save(tx.db, "arrs_claim", rows.KEY, rows.claim_values(claim), expected_rev=expected_rev)
        tx.label = f"Claim for {claim.name} {month_label(claim.month)}" + (
            f" ref {claim.reference}" if claim.reference else "")
    return Saved(claim, f"Saved the claim for {claim.name}, {claim.month.strftime('%b %Y')}.")

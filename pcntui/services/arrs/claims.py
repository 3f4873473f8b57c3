"""One month's claim entered or corrected (the claims grid): one action, the rules of `import claims`."""

from __future__ import annotations

from datetime import date

from pcntui.domain.claims import claim_from_text
from pcntui.domain.fy import month_label
from pcntui.errors import FieldMessage, ValidationFailed
from pcntui.services.base import Raw, Saved
from pcntui.store import Store
from pcntui.store import claims as rows
from pcntui.store import records

FIELDS = ("reference", "amount_claimed", "status", "amount_paid", "submitted_on", "paid_on")


def save_claim(store: Store, raw: Raw, *, month: date, name: str, role_code: str, staff_id: int | None,
               expected_rev: int | None = None) -> Saved:
    """The claim for `name` in `month`; `raw`: the FIELDS as typed. Refused problems are placed by
    field; `expected_rev` (of the claim being corrected) refuses another copy's change."""
    text = {k: str(raw.get(k) or "") for k in FIELDS}
    claim, problems = claim_from_text(month, name, role_code, staff_id, **text)
    if claim is None:
        raise ValidationFailed([FieldMessage((column,), message) for column, message in problems])
    label = f"Claim for {claim.name} {month_label(claim.month)}" + (f" ref {claim.reference}" if claim.reference else "")
    with store.action(label) as tx:
        records.save(tx.db, "arrs_claim", rows.KEY, rows.claim_values(claim), expected_rev=expected_rev)
    return Saved(claim, f"Saved the claim for {claim.name}, {claim.month.strftime('%b %Y')}.")

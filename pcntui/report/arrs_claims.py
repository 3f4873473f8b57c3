"""The ARRS claims ledger in `status`: the four `status --json` keys and the status line
(docs/arrs.md "Claims ledger"; the ledger's rows are the view views/arrs/claims.py)."""

from __future__ import annotations

from decimal import Decimal

from pcntui.domain.money import gbp
from pcntui.store.claims import ClaimsView


def money(value: Decimal) -> float:
    return float(value.quantize(Decimal("0.01")))


def claims_json(view: ClaimsView) -> dict:
    """The four keys the `arrs` block of `status --json` gains (PRODUCT.md "Claims")."""
    y = view.year
    return {"claimed_to_date": money(y.claimed_to_date), "paid_to_date": money(y.paid_to_date),
            "to_claim": money(y.to_claim), "over_claimed": money(y.over_claimed)}


def claims_lines(view: ClaimsView) -> list[str]:
    """The status text: nothing while no claim is recorded for the year (the ledger is not in use)."""
    y = view.year
    if not y.claims:
        return []
    over = f"; over-claimed {gbp(y.over_claimed)}" if y.over_claimed else ""
    return [f"Claims: claimed to date {gbp(y.claimed_to_date)}, paid {gbp(y.paid_to_date)}; "
            f"to claim {gbp(y.to_claim)} (ended months){over} ('pcntui arrs claims')"]

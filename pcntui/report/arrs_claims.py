"""The ARRS claims ledger as the user sees it: `export arrs-claims`, the four `status --json`
keys, the status line and the rows of `pcntui arrs claims` (docs/arrs.md "Claims ledger").

One row per person and month of the year: every month a person is in post, and every month
with a claim. `difference` (claimable − claimed) is given for ended months only, as
PRODUCT.md defines it, so the column's positive values sum to `to_claim` and its negative
ones to `over_claimed`.
"""

from __future__ import annotations

from decimal import Decimal

from pcntui.domain.claims import ClaimLine
from pcntui.domain.money import gbp
from pcntui.domain.period import Period
from pcntui.report.exports import Table
from pcntui.store import Store
from pcntui.store.claims import ClaimsView, claims_view

CLAIMS_COLUMNS = ["fy", "month", "name", "role", "claimable", "claimed", "paid", "status", "difference"]


def difference(line: ClaimLine) -> Decimal | None:
    """claimable − claimed for an ended month; None for a month not ended (nothing is owed yet)."""
    return line.difference if line.ended else None


def role_name(view: ClaimsView, code: str) -> str:
    return view.rules.role_name(code) if view.rules is not None else code


def claims_table(view: ClaimsView) -> Table:
    y = view.year
    table = Table(list(CLAIMS_COLUMNS))
    for line in y.lines:
        table.rows.append([y.fy.label, line.month.strftime("%Y-%m"), line.name, role_name(view, line.role_code),
                           line.claimable, line.claimed, line.paid, line.status, difference(line)])
    return table


def arrs_claims_export(store: Store, period: Period) -> Table:
    return claims_table(claims_view(store, period))


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

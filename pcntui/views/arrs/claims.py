"""The claims ledger as a file (KIND `arrs-claims`, docs/arrs.md "Claims ledger"): one row per
person and month of the year, every month a person is in post and every month with a claim.
`difference` (claimable − claimed) is given for ended months only, as PRODUCT.md defines it, so
the column's positive values sum to `to_claim` and its negative ones to `over_claimed`."""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING

from pcntui.views.base import Column, Kind, Row, View, ViewQuery

if TYPE_CHECKING:
    from pcntui.domain.claims import ClaimLine
    from pcntui.store.claims import ClaimsView
    from pcntui.store.tx import Reader

COLUMNS = (
    Column("fy", "Year"), Column("month", "Month", Kind.MONTH), Column("name", "Name", priority=0),
    Column("role", "Role", priority=2), Column("claimable", "Claimable", Kind.MONEY),
    Column("claimed", "Claimed", Kind.MONEY), Column("paid", "Paid", Kind.MONEY), Column("status", "Status"),
    Column("difference", "Difference", Kind.MONEY, priority=0),
)


def difference(line: ClaimLine) -> Decimal | None:
    """claimable − claimed for an ended month; None for a month not ended (nothing is owed yet)."""
    return line.difference if line.ended else None


def role_name(view: ClaimsView, code: str) -> str:
    return view.rules.role_name(code) if view.rules is not None else code


def person_key(line: ClaimLine) -> str:
    """One person in the ledger: the rows of a person on the claims screen."""
    return f"{line.staff_id or ''}|{line.name}|{line.role_code}"


def ledger_of(view: ClaimsView) -> View:
    y = view.year
    rows = tuple(Row(f"{person_key(line)}|{line.month.isoformat()}|{i}", (
        y.fy.label, line.month, line.name, role_name(view, line.role_code), line.claimable, line.claimed, line.paid,
        line.status, difference(line))) for i, line in enumerate(y.lines))
    return View("arrs-claims", f"ARRS claims {y.fy.label}", COLUMNS, rows)


def arrs_claims(reader: Reader, q: ViewQuery) -> View:
    """`pcntui export arrs-claims`."""
    from pcntui.views.arrs.year import claims_ledger

    return ledger_of(claims_ledger(reader, q.period))

"""The ARRS year as the front ends read it: one bulk read of the roster, rules, entitlements and
posts, then pure calculation (store.arrs.arrs_view); the rule book; a what-if; NWRS; claims."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from pcntui.store import arrs as arrs_rows

if TYPE_CHECKING:
    from pcntui.domain.arrs_rules import RuleBook
    from pcntui.domain.entitlement import Entitlement
    from pcntui.domain.forecast import WhatIf
    from pcntui.domain.fy import FinancialYear
    from pcntui.domain.period import Period
    from pcntui.domain.staff import PlannedPost
    from pcntui.store.arrs import ArrsView
    from pcntui.store.claims import ClaimsView
    from pcntui.store.tx import Reader


def arrs_year(reader: Reader, period: Period, *, recalculated: bool = False) -> ArrsView:
    """Everything the ARRS screens show for the year (`recalculated`: with the months the latest
    change recalculated)."""
    return arrs_rows.arrs_view(reader, period, recalculated=recalculated)


def rulebook(reader: Reader) -> RuleBook:
    """The rules in force: shipped rows merged with the user's."""
    return arrs_rows.load_rulebook(reader)


def entitlement_of(reader: Reader, fy: FinancialYear) -> Entitlement | None:
    return arrs_rows.get_entitlement(reader, fy)


def what_if(reader: Reader, period: Period, post: PlannedPost) -> WhatIf:
    """The year with and without `post` (nothing saved)."""
    return arrs_rows.what_if_post(reader, period, post)


def claims_ledger(reader: Reader, period: Period) -> ClaimsView:
    """The claims of the year against what could be claimed, per person and month."""
    from pcntui.store.claims import claims_view

    return claims_view(reader, period)


def year_alerts(reader: Reader, period: Period) -> tuple[str, list]:
    """(the year's label, every ARRS alert of the year: the roster's, then the claims')."""
    from pcntui.store.claims import claims_of

    view = arrs_year(reader, period)
    return view.year.fy.label, [*view.alerts, *claims_of(reader, view.inputs, view.year).alerts]


def reconciliation(reader: Reader, pcn: str | None = None, census: date | None = None):
    """The NWRS census held (the latest, or `census`) against the roster; None when none is held."""
    from pcntui.store.workforce import stored_reconciliation

    return stored_reconciliation(reader, pcn, census)


def censuses_held(reader: Reader) -> list:
    from pcntui.store.workforce import censuses

    return censuses(reader)


def reconciliation_lines(rec) -> list[str]:
    """The reconciliation as lines of text (`pcntui arrs reconcile`)."""
    from pcntui.store.workforce import format_reconciliation

    return format_reconciliation(rec)

"""Starting a financial year from the one before (`pcntui year start` and the palette's "Start
the next financial year")."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from pcntui.domain.fy import FinancialYear
    from pcntui.store.db import Store
    from pcntui.store.new_year import YearStart


def start_year(store: Store, fy: FinancialYear, *, force: bool = False, dry_run: bool = False) -> YearStart:
    """Carry SMR targets, the entitlement basis and open DES requirements into `fy`, as one action
    (refused when the year's rules are not on record, or it has settings and not `force`)."""
    from pcntui.store.new_year import start_year as start

    return start(store, fy, force=force, dry_run=dry_run)

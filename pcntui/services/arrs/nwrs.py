"""Roster entries for the NWRS staff records the roster lacks (one action; a dry run changes nothing)."""

from __future__ import annotations

from datetime import date

from pcntui.store import Store
from pcntui.store.tx import WriteReport


def seed_roster(store: Store, *, pcn: str | None = None, census: date | None = None,
                dry_run: bool = False) -> WriteReport:
    """`pcntui arrs seed-roster`: estimated records (salary from the role's band) for NWRS staff not on the roster."""
    from pcntui.store.workforce import seed_roster as seed

    return seed(store, pcn.upper() if pcn else None, census, dry_run=dry_run)

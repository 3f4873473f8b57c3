"""The SMR settings (minutes per review, hours per WTE, the default share of a clinician's time),
kept in the `setting` table; apart from the cohorts so the SMR capacity reads them without
loading the cohort and IIF rules."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from pcntui.domain.smr_capacity import DEFAULT_HOURS_PER_WTE, DEFAULT_MINUTES_PER_REVIEW, DEFAULT_SHARE_PCT
from pcntui.store import records

if TYPE_CHECKING:
    from decimal import Decimal

    from pcntui.store.db import Store
    from pcntui.store.tx import Tx


@dataclass(frozen=True)
class SmrSettings:
    """The SMR capacity settings stored for the PCN."""

    minutes_per_review: float = DEFAULT_MINUTES_PER_REVIEW
    hours_per_wte: float = DEFAULT_HOURS_PER_WTE
    default_share_pct: float = DEFAULT_SHARE_PCT


SETTING_KEYS = {
    "minutes_per_review": "smr.minutes_per_review",
    "hours_per_wte": "smr.hours_per_wte",
    "default_share_pct": "smr.default_share_pct",
}


def settings(store: Store) -> SmrSettings:
    rows = {r["key"]: r["value"] for r in store.query("SELECT key, value FROM setting WHERE key LIKE 'smr.%'")}
    values = {}
    for field_name, key in SETTING_KEYS.items():
        if key in rows:
            try:
                values[field_name] = float(rows[key])
            except ValueError:
                pass
    return SmrSettings(**values)


def write_settings(tx: Tx, changes: dict[str, Decimal]) -> None:
    """Change some SMR settings (checked already against domain.smr_capacity.SETTING_LIMITS)."""
    for name, value in changes.items():
        records.save(tx.db, "setting", "key", {"key": SETTING_KEYS[name], "value": f"{float(value):g}"})

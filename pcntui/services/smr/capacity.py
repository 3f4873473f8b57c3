"""SMR capacity assumptions: minutes per SMR, hours per WTE week, the default share, and each
roster member's SMR share (`m`/`e` on the capacity screen, `pcntui smr settings|share`)."""

from __future__ import annotations

from datetime import date

from pcntui.inputs.base import check
from pcntui.inputs.smr import SettingsIn, ShareIn
from pcntui.services.base import Raw, Saved
from pcntui.services.context import load_ctx
from pcntui.store import Store
from pcntui.store import smr as smr_store
from pcntui.store import smr_capacity


def save_settings(store: Store, raw: Raw, *, today: date) -> Saved[smr_store.SmrSettings]:
    """Change any of the capacity settings (blank ones stay as they are)."""
    with store.action() as tx:
        data, warnings = check(SettingsIn, raw, load_ctx(tx, today=today, need=()))
        changes = data.changes()
        smr_store.write_settings(tx, changes)
        tx.label = "Change SMR settings"
        now = smr_store.settings(tx)
    said = ", ".join(f"{name.replace('_', ' ').replace(' pct', ' %')} {value:g}" for name, value in changes.items())
    return Saved(now, f"SMR settings: {said}." if said else "SMR settings unchanged.", tuple(warnings))


def set_share(store: Store, staff: str | int, raw: Raw, *, today: date) -> Saved[int]:
    """The % of a roster member's time given to SMRs; blank: back to their role's default.
    `staff`: their id or full name (in post today)."""
    with store.action() as tx:
        data, warnings = check(ShareIn, raw, load_ctx(tx, today=today, need=()))
        staff_id, name = smr_capacity.find_staff(tx, str(staff), today)
        share = data.share_pct
        smr_capacity.write_share(tx, staff_id, share)
        what = "their role's default" if share is None else f"{share:g}%"
        tx.label = f"SMR share for {name}: {'default' if share is None else f'{share:g}%'}"
    return Saved(staff_id, f"SMR share for {name}: {what}.", tuple(warnings))

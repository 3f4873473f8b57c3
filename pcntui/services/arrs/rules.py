"""The year's entitlement and the maxima (rate rows): one action each, checked with `inputs.arrs`."""

from __future__ import annotations

from datetime import date

from pcntui.domain.fy import FinancialYear
from pcntui.domain.money import gbp
from pcntui.errors import ConflictError
from pcntui.inputs.arrs import EntitlementIn, RateIn
from pcntui.inputs.base import check
from pcntui.services.arrs import shown
from pcntui.services.base import Raw, Saved
from pcntui.services.context import load_ctx
from pcntui.store import Store
from pcntui.store import arrs as rules_rows
from pcntui.store import records


def set_entitlement(store: Store, fy: FinancialYear, raw: Raw, *, today: date,
                    expected_rev: int | None = None) -> Saved:
    """`t` on any ARRS screen and `pcntui arrs entitlement`: the year's entitlement (Saved.value: the
    Entitlement; the note says whether it was set or changed)."""
    with store.action() as tx:
        current = rules_rows.get_entitlement(tx, fy)
        if expected_rev is not None and (current is None or current.rev != expected_rev):
            raise ConflictError(f"The {fy.label} entitlement was changed by someone else since you opened it.",
                                current=EntitlementIn.initial(current))
        ctx = load_ctx(tx, today=today, need=("rules",), item=fy)
        given, warnings = check(EntitlementIn, raw, ctx)
        ent = given.to_entitlement(ctx)
        records.save(tx.db, "arrs_entitlement", "fy", rules_rows.entitlement_values(ent))
        tx.label = f"Set ARRS entitlement {fy.label}"
    verb = "changed" if current is not None and current.amount != ent.amount else "set"
    return Saved(ent, f"ARRS entitlement {fy.label} {verb}: {gbp(ent.amount)} ({ent.basis}).", shown(warnings))


def save_rate(store: Store, raw: Raw, *, today: date, expected_rev: int | None = None) -> Saved:
    """`n`/`e` on the rule tables and `pcntui arrs rate`: your maximum for a role from a date (used
    instead of the shipped row). `expected_rev`: of your row being edited."""
    with store.action() as tx:
        ctx = load_ctx(tx, today=today, need=("rules",))
        given, warnings = check(RateIn, raw, ctx)
        row = given.to_row()
        mine = next((r for r in ctx.rules.rates if r.origin == "user" and r.key == row.key), None)
        if expected_rev is not None and (mine is None or mine.rev != expected_rev):
            raise ConflictError("This maximum was changed by someone else since you opened it.",
                                current=RateIn.initial(mine, ctx.rules) if mine else None)
        records.save(tx.db, "arrs_rate", rules_rows.RATE_KEY, rules_rows.rate_values(row, "form"))
        name = ctx.rules.role_name(row.role_code) + (f" band {row.band}" if row.band else "")
        tx.label = f"Save {name} maximum from {row.effective_from.isoformat()}"
    return Saved(row.key, f"Maximum for {name} from {row.effective_from.isoformat()} saved.", shown(warnings))

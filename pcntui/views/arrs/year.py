"""The ARRS year as the front ends read it: one bulk read of the roster, rules, entitlements and
posts, then pure calculation (store.arrs.arrs_view); the rule book; a what-if; NWRS; claims."""

from __future__ import annotations

import threading
import weakref
from collections import OrderedDict
from dataclasses import replace
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
    change recalculated). Read from an open file outside a transaction, the inputs are read once
    per data version and each year computed once from them (`YearViews`)."""
    from pcntui.store import Store

    if isinstance(reader, Store) and not reader.conn.in_transaction:
        return YearViews.of(reader).view(period, recalculated=recalculated)
    return arrs_rows.arrs_view(reader, period, recalculated=recalculated)


class YearViews:
    """One open file's ARRS years: its inputs read once per data version (`Store.version_key`: every
    change is an action, another copy's too), each year's view computed once from them and kept
    (the latest `KEEP` years), so another year is shown from data already read (the TUI's `[` and
    `]`, and every ARRS screen of the year after the first). Workers share it; the lock guards what is
    held, not the work, so a year asked for never waits while another is worked out."""

    KEEP = 3
    _of: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()
    _made = threading.Lock()

    def __init__(self, store) -> None:
        self._store = weakref.ref(store)
        self._lock = threading.Lock()
        self._version = None
        self._inputs = None
        self._basis: object = None  # store.arrs_recalc.RecalcBasis | None, once read for the version
        self._basis_read = False
        self._years: OrderedDict = OrderedDict()  # (fy, as_of) → [view, its recalculation once worked out]

    @classmethod
    def of(cls, store) -> YearViews:
        with cls._made:
            found = cls._of.get(store)
            if found is None:
                found = cls._of[store] = cls(store)
            return found

    def view(self, period: Period, *, recalculated: bool = False) -> ArrsView:
        """The year (and, `recalculated`, its recalculated months). A year is worked out outside the
        lock: the screen's own year never waits while another year is worked out ahead."""
        from pcntui.store.arrs_recalc import recalc_basis, recalculated as recalc_of

        store = self._store()
        key = (period.fy, period.as_of)
        with self._lock:
            version = store.version_key()
            if version != self._version:
                self._version, self._inputs, self._basis_read = version, arrs_rows.load_inputs(store), False
                self._years.clear()
            inputs, held = self._inputs, self._years.get(key)
            if held is not None:
                self._years.move_to_end(key)
            if recalculated and not self._basis_read:
                self._basis, self._basis_read = recalc_basis(store, inputs), True
            basis = self._basis
        if held is None:
            held = self._keep(version, key, [arrs_rows.view_of(inputs, period.fy, period.as_of), None])
        if not recalculated:
            return held[0]
        if held[1] is None:
            held[1] = replace(held[0], recalc=recalc_of(basis, held[0].inputs, held[0].year))
        return held[1]

    def _keep(self, version: object, key: tuple, made: list) -> list:
        """Hold a year just worked out (the one already held if another thread was first), unless the
        data changed meanwhile; the latest KEEP years stay."""
        with self._lock:
            if version != self._version:
                return made
            held = self._years.setdefault(key, made)
            self._years.move_to_end(key)
            while len(self._years) > self.KEEP:
                self._years.popitem(last=False)
            return held


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

"""The roll-up reads each file's status without the work only `status` itself shows (issue 14 item 4)."""

from __future__ import annotations

from pcntui.domain.period import Period
from pcntui.report import rollup, status
from pcntui.store import open_store
from pcntui.store import arrs_recalc
from tests.conftest import TODAY


def test_a_read_only_status_never_rebuilds_the_state_before_the_latest_change(demo_db, monkeypatch):
    period = Period.make(TODAY)
    with open_store(demo_db) as store:  # a writable open: `pcntui status` still shows the recalculation
        full = status.as_document(status.build(store, period), period)
    calls = []
    real = arrs_recalc.last_recalculation
    monkeypatch.setattr(arrs_recalc, "last_recalculation", lambda *a: calls.append(a) or real(*a))
    outcome = rollup.read_one(str(demo_db), rollup.Request(period))
    assert outcome.row is not None and calls == []
    assert outcome.row == {"pcn_code": full["pcn"]["code"], "pcn_name": full["pcn"]["name"], "file": str(demo_db),
                           **rollup.figures_of(full)}
    with open_store(demo_db, mode="ro") as store:
        doc = status.as_document(status.build(store, period), period)
    assert calls == [] and doc["arrs"]["recalculation"] is None
    assert {**doc, "arrs": {**doc["arrs"], "recalculation": None}} == {
        **full, "arrs": {**full["arrs"], "recalculation": None}}

"""The dashboard's ARRS panel chart (views/status/glance.py), from the status block's own data."""

from __future__ import annotations

from dataclasses import replace

from pcntui.report.arrs_status import arrs_block
from pcntui.views.status.glance import arrs_glance
from tests.status.test_status_cache import PERIODS


def test_no_chart_for_a_pcn_with_nothing_to_draw_and_no_entitlement_in_the_legend_when_none(demo_store):
    """A PCN just set up (no staff, no entitlement) showed a flat line at £0 and a legend naming an
    entitlement line that was not there."""
    block = arrs_block(demo_store, PERIODS[0])
    chart = arrs_glance(block).chart
    assert chart is not None and chart.legend.endswith("─ entitlement")
    empty = {**block.data, "entitlement": None,
             "by_month": [{**m, "claimable": 0.0, "planned": 0.0} for m in block.data["by_month"]]}
    assert arrs_glance(replace(block, data=empty)).chart is None
    no_entitlement = {**block.data, "entitlement": None}
    chart = arrs_glance(replace(block, data=no_entitlement)).chart
    assert chart is not None and "entitlement" not in chart.legend and chart.legend.endswith("forecast")

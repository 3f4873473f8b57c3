"""One intervention's page: everything about it, the names of its practices and each measure's
chart series (what the page and its export show)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from pcntui.errors import UserError
from pcntui.store.interventions import InterventionDetail, get_intervention
from pcntui.store.lookups import practice_names
from pcntui.store.outcomes import ChartSeries, measure_series
from pcntui.store.tx import Reader


@dataclass(frozen=True)
class DetailPage:
    detail: InterventionDetail | None  # None: it no longer exists (`missing` says so)
    practice_names: dict[str, str]
    series: dict[int, ChartSeries] = field(default_factory=dict)  # measure id → chart
    missing: str | None = None


def intervention_page(reader: Reader, intervention_id: int, as_of: date) -> DetailPage:
    names = {p["code"]: p["name"] for p in practice_names(reader)}
    try:
        d = get_intervention(reader, intervention_id, as_of)
    except UserError as exc:
        return DetailPage(None, names, missing=str(exc))
    return DetailPage(d, names, {m.id: measure_series(reader, m.id, as_of) for m in d.measures})

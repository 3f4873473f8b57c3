"""The export registry: `pcntui export KIND` and the TUI use the same tables.

Each exporter returns a Table with fixed, documented column names (see README).
Later domains register theirs with `@exporter("kind")`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from pcntui.domain.period import Period
from pcntui.export.csvfile import write_csv
from pcntui.store import Store


@dataclass
class Table:
    columns: list[str]
    rows: list[list[object]] = field(default_factory=list)


Exporter = Callable[[Store, Period], Table]
EXPORTERS: dict[str, Exporter] = {}


def exporter(kind: str) -> Callable[[Exporter], Exporter]:
    def register(fn: Exporter) -> Exporter:
        EXPORTERS[kind] = fn
        return fn

    return register


@exporter("practices")
def practices_table(store: Store, period: Period) -> Table:
    from pcntui.store.pcn import practices_overview

    table = Table(
        [
            "practice_code", "practice_name", "postcode", "clinical_system", "list_size", "list_size_date",
            "aged_65_plus", "imd_score", "imd_rank", "imd_ranked_of", "imd_quintile",
        ]
    )
    for p in practices_overview(store):
        table.rows.append(
            [
                p.code, p.name, p.postcode, p.supplier, p.patients, p.list_date, p.aged_65_plus,
                p.imd.score if p.imd else None, p.imd.rank if p.imd else None,
                p.imd.of if p.imd else None, p.imd.quintile if p.imd else None,
            ]
        )
    return table


def export(store: Store, kind: str, period: Period, out: str | Path | None) -> Path | None:
    table = EXPORTERS[kind](store, period)
    return write_csv(out, table.columns, table.rows)


def export_all(store: Store, period: Period, out_dir: Path) -> list[Path]:
    """One file per kind in `out_dir` (named KIND.csv)."""
    written = []
    for kind in EXPORTERS:
        path = export(store, kind, period, out_dir / f"{kind}.csv")
        if path:
            written.append(path)
    return written

# Domain exporters register themselves on import (one line each).
import pcntui.report.arrs_exports  # noqa: E402,F401
import pcntui.report.intervention_exports  # noqa: E402,F401
import pcntui.report.smr_exports  # noqa: E402,F401

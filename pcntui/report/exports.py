"""`pcntui export KIND` and the TUI use the same tables (and `calendar`, the one non-CSV KIND).

The exporter of each KIND is named in the catalog (pcntui/catalog/*.toml); each returns a
Table with fixed, documented column names (see README and docs/).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from pcntui.catalog import resolve, view_kind, view_kinds
from pcntui.domain.period import Period
from pcntui.export.csvfile import write_csv, write_out
from pcntui.store import Store


@dataclass
class Table:
    columns: list[str]
    rows: list[list[object]] = field(default_factory=list)


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
    view = view_kind(kind)
    if view.format == "ics":  # the target returns the file's text (no BOM: calendars want none)
        return write_out(out, resolve(view.target)(store, period))
    table = resolve(view.target)(store, period)
    return write_csv(out, table.columns, table.rows)


def export_all(store: Store, period: Period, out_dir: Path) -> list[Path]:
    """One file per kind in `out_dir` (named KIND.csv)."""
    written = []
    for kind in view_kinds():
        if kind.in_all and (path := export(store, kind.kind, period, out_dir / f"{kind.kind}.csv")):
            written.append(path)
    return written

"""The export tables of v0.1: each returns a Table with fixed, documented column names (see
README and docs/). `pcntui export` writes them as views (views/adapters.py, until each area
builds its own views).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from pcntui.domain.period import Period
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

"""`pcntui status`: the quick check-in, as plain text (≤ 80 columns) and stable JSON.

The JSON document (`status_version` 1):
    {"status_version": 1, "as_of": "YYYY-MM-DD", "fy": "2024/25",
     "pcn": {"code", "name", "icb", "practices", "patients", "list_size_date", "imd_weighted"},
     "alerts": [{"area", "severity", "message"}],
     "alert_groups": [{"area", "kind", "severity", "count", "message"}]}
"alert_groups" holds the same alerts grouped by kind, worst first (views/status/groups.py):
a group of one alert has that alert's message, a larger group one sentence with its count.
Later blocks (arrs, smr, interventions, requirements) are added as keys; existing keys
never change meaning.
"""

from __future__ import annotations

from collections.abc import Callable

from pcntui.catalog import resolve, status_blocks
from pcntui.domain.period import Period
from pcntui.store import Store
from pcntui.views.status.base import Alert, Block
from pcntui.views.status.document import STATUS_VERSION, WIDTH, as_document, as_json, as_text, has_alerts

__all__ = ["STATUS_VERSION", "WIDTH", "Alert", "Block", "as_document", "as_json", "as_text", "build", "builders",
           "current", "has_alerts", "pcn_block"]


BlockBuilder = Callable[[Store, Period], Block]


def builders() -> list[BlockBuilder]:
    """The block builders, in the order they are shown (listed in the catalog)."""
    return [resolve(b.target) for b in status_blocks()]


def pcn_block(store: Store, period: Period) -> Block:
    from pcntui.store.pcn import pcn_summary

    s = pcn_summary(store)
    if s is None:
        return Block("pcn", "PCN", ["Not set up yet: run 'pcntui setup' or 'pcntui demo'."], None,
                     [Alert("pcn", "problem", "No PCN is set up in this database.", kind="no_pcn")])
    size = f"{s.patients:,} patients" + (f" (list sizes {s.list_date})" if s.list_date else " (no list sizes)")
    lines = [f"{s.code} {s.name}"]
    if s.icb_name:
        lines.append(s.icb_name)
    lines.append(f"{s.practices} practice{'' if s.practices == 1 else 's'} · {size}")
    if s.imd_weighted is not None:
        lines.append(f"IMD score {s.imd_weighted:.1f} (list-weighted mean of its practices)")
    data = {
        "code": s.code, "name": s.name, "icb": s.icb_name, "practices": s.practices, "patients": s.patients,
        "list_size_date": s.list_date,
        "imd_weighted": None if s.imd_weighted is None else round(s.imd_weighted, 3),
    }
    alerts = []
    if s.practices and not s.list_date:
        alerts.append(Alert("pcn", "warning", "No list sizes imported: run 'pcntui import list-sizes FILE'.",
                            kind="no_list_sizes"))
    return Block("pcn", "PCN", lines, data, alerts)


def build(store: Store, period: Period) -> list[Block]:
    return [b(store, period) for b in builders()]


def current(store: Store, period: Period,
            failed: Callable[[BlockBuilder, Exception], Block] | None = None) -> list[Block]:
    """The blocks for `period`: from the status cache when it holds them for the data as it is
    now; else each block from the cache while no action has written a table it reads since it
    was kept, and built (importing its code) only when one has. What was built is kept when the
    file can be written at this moment (the whole status only when every block was built).
    `failed(builder, exc)`: a block in place of one whose builder raised (the dashboard)."""
    from pcntui.store import status_cache
    from pcntui.views.status.cache import block_json, block_of, blocks_of, period_key

    key = period_key(period)
    with store.lock:
        version, text = status_cache.read(store.conn, key)
        if text is not None:
            return blocks_of(text)
        kept = status_cache.read_blocks(store.conn, version, key) if version is not None else {}
    blocks, texts, built = [], [], {}
    with status_cache.gathering() as parts:  # (parts of blocks kept apart: written with the blocks)
        for kind in status_blocks():
            if kind.key in kept:
                blocks.append(block_of(kept[kind.key]))
                texts.append(kept[kind.key])
                continue
            builder = resolve(kind.target)
            try:
                block = builder(store, period)
            except Exception as exc:
                if failed is None:
                    raise
                blocks.append(failed(builder, exc))
                continue
            blocks.append(block)
            texts.append(block_json(block))
            built[kind.key] = ((*kind.reads, *block.reads), texts[-1])
    if version is not None and store.mode != "ro":
        whole = f"[{','.join(texts)}]" if len(texts) == len(blocks) else None  # (None: a block failed)
        with store.lock:
            status_cache.write(store.conn, version, key, whole, {**parts, key: {**parts.get(key, {}), **built}})
    return blocks

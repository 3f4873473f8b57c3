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

import json
import textwrap
from collections.abc import Callable

from pcntui.catalog import resolve, status_blocks
from pcntui.domain.period import Period
from pcntui.store import Store
from pcntui.store.pcn import pcn_summary
from pcntui.views.status.base import Alert, Block
from pcntui.views.status.groups import group_alerts, groups_json

WIDTH = 80
STATUS_VERSION = 1


BlockBuilder = Callable[[Store, Period], Block]


def builders() -> list[BlockBuilder]:
    """The block builders, in the order they are shown (listed in the catalog)."""
    return [resolve(b.target) for b in status_blocks()]


def pcn_block(store: Store, period: Period) -> Block:
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


def as_document(blocks: list[Block], period: Period) -> dict:
    """The `status --json` document, as Python values (the roll-up and the share file read it)."""
    doc: dict = {"status_version": STATUS_VERSION, "as_of": period.as_of.isoformat(), "fy": period.fy.label}
    for b in blocks:
        doc[b.key] = b.data
    alerts = [a for b in blocks for a in b.alerts]
    doc["alerts"] = [{"area": a.area, "severity": a.severity, "message": a.message} for a in alerts]
    doc["alert_groups"] = groups_json(group_alerts(alerts))
    return doc


def as_json(blocks: list[Block], period: Period) -> str:
    return json.dumps(as_document(blocks, period), indent=2, sort_keys=False)


def as_text(blocks: list[Block], period: Period) -> str:
    out = [f"pcntui status · as of {period.as_of.isoformat()} · financial year {period.fy.label}", ""]
    for b in blocks:
        out.append(b.title.upper())
        for line in b.lines:
            out.extend(textwrap.wrap(line, WIDTH, initial_indent="  ", subsequent_indent="    ") or [""])
        out.append("")
    alerts = [a for b in blocks for a in b.alerts]
    groups = group_alerts(alerts)
    if not alerts:
        out.append("ALERTS: none")
    else:
        n = len(alerts)
        out.append(f"ALERTS ({n}" + (f" in {len(groups)} groups; 'status --json' lists each)" if len(groups) < n else ")"))
    for g in groups:
        mark = "!!" if g.severity == "problem" else " !"
        out.extend(textwrap.wrap(f"{mark} {g.text}", WIDTH, subsequent_indent="   "))
    return "\n".join(out) + "\n"


def has_alerts(blocks: list[Block]) -> bool:
    return any(b.alerts for b in blocks)

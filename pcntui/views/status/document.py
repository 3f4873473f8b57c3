"""The `status` document: plain text (≤ 80 columns) and the stable JSON, from the blocks.

Light (no store, no pydantic): `pcntui status` prints cached blocks through it without
loading the code that computes them. The JSON document's keys are described in
report/status.py.
"""

from __future__ import annotations

import json
import textwrap

from pcntui.domain.period import Period
from pcntui.views.status.base import Block
from pcntui.views.status.groups import group_alerts, groups_json

WIDTH = 80
STATUS_VERSION = 1


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
            out.extend(_wrapped(line))
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


def _wrapped(line: str) -> list[str]:
    """A block's line, indented and wrapped at WIDTH: most fit as they are (and textwrap would
    leave them so: no tab or line break to replace, no whitespace at their end to drop)."""
    if len(line) <= WIDTH - 2 and line.isprintable() and line.rstrip() == line and line:
        return ["  " + line]
    return textwrap.wrap(line, WIDTH, initial_indent="  ", subsequent_indent="    ") or [""]


def has_alerts(blocks: list[Block]) -> bool:
    return any(b.alerts for b in blocks)

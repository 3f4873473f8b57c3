"""Status blocks as the status cache keeps them (store/status_cache.py), and the cache read of
`pcntui status` that needs no store: a hit loads neither the code that computes the blocks
nor sqlite-utils, pydantic or dateutil."""

from __future__ import annotations

import json
from pathlib import Path

from pcntui.domain.period import Period
from pcntui.store import status_cache
from pcntui.views.status.base import Alert, Block


def period_key(period: Period) -> str:
    return status_cache.period_key(period.as_of.isoformat(), period.fy.label)


def _plain(b: Block) -> dict:
    return {"key": b.key, "title": b.title, "lines": b.lines, "data": b.data, "alerts": [vars(a) for a in b.alerts]}


def _block(b: dict) -> Block:
    return Block(b["key"], b["title"], b["lines"], b["data"], [Alert(**a) for a in b["alerts"]])


def blocks_of(text: str) -> list[Block]:
    return [_block(b) for b in json.loads(text)]


def block_json(block: Block) -> str:
    """The block as JSON (its data is JSON already: no deep copy of it on the way); the whole
    status is its blocks' texts in a list."""
    return json.dumps(_plain(block), separators=(",", ":"))


def block_of(text: str) -> Block:
    return _block(json.loads(text))


def cached(path: str | Path, period: Period) -> list[Block] | None:
    """The file's blocks for `period` if its cache holds them for the data as it is now."""
    text = status_cache.read_file(Path(path).expanduser(), period_key(period))
    return None if text is None else blocks_of(text)

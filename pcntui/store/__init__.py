"""Storage: the SQLite file, migrations, audit trail, undo. Never imports Textual.

This package is THE public entry of the storage layer: the CLI and the TUI import
`open_store`, `Store` and `Mode` from here and nothing from its modules. Names load on first
use (PEP 562), so `import pcntui.store` imports no sqlite-utils.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

__all__ = ["Mode", "Store", "open_store"]

_WHERE = {"Mode": "pcntui.store.db", "Store": "pcntui.store.db", "open_store": "pcntui.store.dbfile"}

if TYPE_CHECKING:
    from pcntui.store.db import Mode, Store
    from pcntui.store.dbfile import open_store


def __getattr__(name: str) -> object:
    if name not in _WHERE:
        raise AttributeError(f"module 'pcntui.store' has no attribute {name!r}")
    import importlib

    value = getattr(importlib.import_module(_WHERE[name]), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted([*globals(), *__all__])

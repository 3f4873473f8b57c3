"""TOML files kept parsed beside them, as Python keeps compiled code: the catalog's and the TUI
commands' tables are read on every run, and parsing them was a tenth of the work before the TUI's
first frame (issue 12)."""

from __future__ import annotations

import marshal
import sys
from pathlib import Path

from pcntui.dataclass_code import write_kept


def read_toml(source: Path) -> dict:
    """A TOML file's tables, kept parsed (marshal) in __pycache__ beside it with the file's bytes:
    used only while the file holds the same bytes (an edit of the same size and time is parsed
    again), written as Python writes compiled code (not under PYTHONDONTWRITEBYTECODE or a
    pycache prefix; a folder that cannot be written is simply not used)."""
    text = source.read_bytes()
    kept = source.parent / "__pycache__" / f"{source.name}.{sys.implementation.cache_tag}.marshal"
    try:
        kept_text, tables = marshal.loads(kept.read_bytes())
        if kept_text == text and isinstance(tables, dict):
            return tables
    except (OSError, ValueError, EOFError, TypeError):
        pass  # none kept yet, or unreadable: parse
    import tomllib

    tables = tomllib.loads(text.decode("utf-8"))
    write_kept(kept, (text, tables))
    return tables

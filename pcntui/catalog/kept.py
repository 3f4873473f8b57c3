"""TOML files kept parsed beside them, as Python keeps compiled code: the catalog's and the TUI
commands' tables are read on every run, and parsing them was a tenth of the work before the TUI's
first frame (issue 12)."""

from __future__ import annotations

import marshal
import os
import sys
from pathlib import Path


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
    if sys.dont_write_bytecode or sys.pycache_prefix:
        return tables
    part = kept.with_name(f"{kept.name}.{os.getpid()}")
    try:
        kept.parent.mkdir(exist_ok=True)
        part.write_bytes(marshal.dumps((text, tables)))
        os.replace(part, kept)  # (whole or not at all: another process may be reading it)
    except (OSError, ValueError):  # a folder that cannot be written, or a value marshal cannot keep
        part.unlink(missing_ok=True)
    return tables

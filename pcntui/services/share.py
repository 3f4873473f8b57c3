"""Files for the ICB: a PCN's share file (`pcntui share`) and the roll-up written as one SQLite
table (`pcntui rollup --out F.db`)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from pcntui.store.outfile import Table


def write_share_file(out: Path, tables: Sequence[Table]) -> Path:
    """The share file (no names, salaries or NHS numbers), written atomically."""
    from pcntui.store.share_file import write_share

    return write_share(out, tables)


def write_table_file(out: Path, name: str, columns: Sequence[tuple[str, str]], rows: Iterable[Sequence[object]]) -> Path:
    """One SQLite table `name` with `columns` ((name, SQL type), …) and `rows`, in a new file `out`."""
    from pcntui.store.outfile import Table, write_sqlite

    return write_sqlite(out, [Table(name, columns, rows)])

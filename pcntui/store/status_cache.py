"""The status cache: `pcntui status` and the dashboard's blocks, kept in the file for the data
version they were computed from, at two levels.

The whole status (`status_cache`): a row is read only when its `version` is the file's now:
schema version, program version (with a stamp of the installed code, so a changed build never
reads an older one's figures), the latest action's id and the file's creation stamp; and its
`period` is the as-of date and year asked for. Every action (a save, an import, an undo or
redo, another copy's write) empties the table in its own transaction (schema.sql's trigger),
so a row can never be older than the data.

Each block on its own (`status_block`), for the status right after a change: a block is kept
with the tables it `reads` and its `stamp`, the latest action that wrote one of them (its id
and time: every audited write is a `change` row of its action), or the latest forget if later
(it erases history, so it counts for every block). A block is read only while its stamp is
still the one of its tables now, so a change to staff recomputes the blocks that read staff
and no other.

A row is written only when the file can be written at that moment: a read-only open never
writes, and a file another copy is writing is left alone (no waiting on its lock).

Stdlib only, so a cache hit in `pcntui status` loads no sqlite-utils (`read_file`).
"""

from __future__ import annotations

import json
import os
import sqlite3
from collections.abc import Callable, Hashable, Iterable, Iterator, Mapping
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

from pcntui import __version__
from pcntui.errors import DatabaseFileError
from pcntui.store.fileaccess import BUSY_TIMEOUT_MS, check_file, connect_read_only
from pcntui.store.schema import APPLICATION_ID, SCHEMA_VERSION

if TYPE_CHECKING:
    from pcntui.store.db import Store

KEEP = 12  # rows kept for one data version (other as-of dates and years; of year keys as many again)
PACKAGE = Path(__file__).resolve().parents[1]
SOURCES = (".py", ".toml", ".csv", ".json", ".sql")  # what the figures are computed from


@cache
def program_version() -> str:
    """The program version and the newest modification time of its code and reference data."""
    newest, folders = 0, [str(PACKAGE)]
    while folders:
        with os.scandir(folders.pop()) as entries:
            for e in entries:
                if e.is_dir(follow_symlinks=False):
                    if e.name != "__pycache__":
                        folders.append(e.path)
                elif e.name.endswith(SOURCES):
                    newest = max(newest, e.stat().st_mtime_ns)
    return f"{__version__}@{newest}"


def data_version(conn: sqlite3.Connection) -> str | None:
    """The file's data version now (None: not a pcntui file of this schema version)."""
    app, schema = (conn.execute(f"PRAGMA {p}").fetchone()[0] for p in ("application_id", "user_version"))
    if app != APPLICATION_ID or schema != SCHEMA_VERSION:
        return None
    latest, created = conn.execute(
        "SELECT (SELECT coalesce(max(id), 0) FROM action), "
        "(SELECT coalesce(value, '') FROM meta WHERE key = 'created_at')").fetchone()
    return f"{schema}|{program_version()}|{latest}|{created or ''}"


def period_key(as_of: str, fy: str) -> str:
    return f"{as_of}|{fy}"


YEAR = "year|"  # (the start of a year key: never an as-of date's)


def year_key(fy: str) -> str:
    """The period of a part that depends on the year alone, not the as-of date (kept people's
    years): a status on another day of the year reads it too."""
    return f"{YEAR}{fy}"


def read(conn: sqlite3.Connection, period: str) -> tuple[str | None, str | None]:
    """(the data version now, the cached blocks' JSON for `period` at that version or None)."""
    try:
        version = data_version(conn)
        row = None if version is None else conn.execute(
            "SELECT blocks FROM status_cache WHERE version = ? AND period = ?", [version, period]).fetchone()
    except sqlite3.OperationalError:  # e.g. a file not yet brought up to this schema: compute, keep nothing
        return None, None
    return version, row[0] if row else None


def read_file(path: Path, period: str) -> str | None:
    """The cached blocks' JSON of the file at `path`, opened read-only without the store (None on
    a miss or for any file the full open must judge: it gives the reasons)."""
    try:
        header = check_file(path, writing=True)
        conn = connect_read_only(path, header)
    except (OSError, DatabaseFileError, sqlite3.Error):
        return None
    try:
        return read(conn, period)[1]
    except sqlite3.Error:  # (a corrupt file: the full open says so)
        return None
    finally:
        conn.close()


@dataclass(frozen=True)
class KeptBlock:
    """A block as the cache keeps it: the tables it was computed from, their stamp then, its JSON."""

    reads: tuple[str, ...]
    stamp: str
    data: str


def _base(version: str) -> str:
    """The part of a data version that every block's row shares (all but the latest action)."""
    schema, program, _latest, created = version.split("|", 3)
    return f"{schema}|{program}|{created}"


def stamps(conn: sqlite3.Connection, reads: Mapping[Hashable, Iterable[str]]) -> dict[Hashable, str]:
    """Each block's stamp now: the latest action (id@time) that wrote a table it reads, or the
    latest forget if later. One look-up per table in the index change_table_action."""
    tables = sorted({t for ts in reads.values() for t in ts})
    latest = dict(conn.execute(
        "SELECT t.value, (SELECT max(action_id) FROM change WHERE table_name = t.value) FROM json_each(?) t",
        [json.dumps(tables)]).fetchall())
    forgot = conn.execute("SELECT coalesce(max(id), 0) FROM action WHERE kind = 'forget'").fetchone()[0]
    ids = {k: max([forgot, *(latest.get(t) or 0 for t in ts)]) for k, ts in reads.items()}
    at = dict(conn.execute("SELECT id, at FROM action WHERE id IN (SELECT value FROM json_each(?))",
                           [json.dumps(sorted(set(ids.values())))]).fetchall())
    return {k: f"{i}@{at.get(i, '')}" for k, i in ids.items()}


def _kept(conn: sqlite3.Connection, version: str, period: str, key: str | None = None) -> dict[str, KeptBlock]:
    """The blocks kept for `period` (only `key`, if given) at data `version`, whatever their stamps."""
    return {k: KeptBlock(tuple(r.split(",")) if r else (), st, d) for k, r, st, d in conn.execute(
        "SELECT block, reads, stamp, data FROM status_block WHERE period = ? AND version = ? AND "
        "(block = ? OR ? IS NULL)", [period, _base(version), key, key]).fetchall()}


def read_blocks(conn: sqlite3.Connection, version: str, period: str, key: str | None = None) -> dict[str, str]:
    """The blocks kept for `period` (only `key`, if given) that are still current at data
    `version`: key → JSON."""
    try:
        kept = _kept(conn, version, period, key)
        now = stamps(conn, {k: b.reads for k, b in kept.items()})
    except sqlite3.OperationalError:  # a file not yet brought up to this schema: compute, keep nothing
        return {}
    return {k: b.data for k, b in kept.items() if now[k] == b.stamp}


_GATHERED: ContextVar[dict[str, dict[str, tuple[tuple[str, ...], str]]] | None] = ContextVar("gathered", default=None)


@contextmanager
def gathering() -> Iterator[dict[str, dict[str, tuple[tuple[str, ...], str]]]]:
    """Inside, what `kept` computes is gathered (period → key → (reads, JSON)) for the caller to
    write with its blocks in its one transaction, instead of in one of its own (a commit each)."""
    token = _GATHERED.set({})
    try:
        yield _GATHERED.get()
    finally:
        _GATHERED.reset(token)


def kept(store: Store, key: str, period: str, reads: Iterable[str], compute: Callable[[], str]) -> str:
    """What `compute()` gives (JSON text computed from the tables `reads` alone, for `period`),
    kept under `key` as a block is: a part of a block that costs much and rests on fewer tables
    than the block (the SMR worklist's counts), so a change elsewhere does not compute it again."""
    with store.lock:
        version = data_version(store.conn)
        text = read_blocks(store.conn, version, period, key).get(key) if version is not None else None
    if text is None:
        text = compute()
        keep(store, version, key, period, reads, text)
    return text


@dataclass(frozen=True)
class Part:
    """A part kept under a key, current or not, read with the data version then (None: nothing can
    be kept in this file) and its tables' stamp then."""

    version: str | None
    kept: KeptBlock | None
    stamp: str


def part(store: Store, key: str, period: str, reads: Iterable[str]) -> Part:
    """The part kept under `key` for `period` whatever its stamp (one that moved on can be brought up
    to date by the caller from what changed since), and the stamp of `reads` now."""
    with store.lock:
        version = data_version(store.conn)
        if version is None:
            return Part(None, None, "")
        try:
            found = _kept(store.conn, version, period, key).get(key)
            now = stamps(store.conn, {key: tuple(reads)})[key]
        except sqlite3.OperationalError:  # a file not yet brought up to this schema: compute, keep nothing
            return Part(None, None, "")
    return Part(version, found, now)


def keep(store: Store, version: str | None, key: str, period: str, reads: Iterable[str], text: str) -> None:
    """Keep `text`, computed from the tables `reads` as they were at data `version`: with the blocks
    being gathered, else now if the file can be written (never when the data moved on since)."""
    gathered = _GATHERED.get()
    if gathered is not None:
        gathered.setdefault(period, {})[key] = (tuple(reads), text)
    elif version is not None and store.mode != "ro":
        with store.lock:
            write(store.conn, version, period, None, {period: {key: (tuple(reads), text)}})


def write(conn: sqlite3.Connection, version: str, period: str, blocks: str | None,
          each: Mapping[str, Mapping[str, tuple[Iterable[str], str]]] | None = None) -> bool:
    """Keep the whole status `blocks` (None: not every block was computed) for `period` and the
    blocks in `each` (period → key → (the tables it reads, its JSON)) at data `version`, if the
    file is free now and still at `version` (False: busy, or the data moved on while they were
    computed, so their stamps could be later than their figures). Never waits on a lock."""
    conn.execute("PRAGMA busy_timeout = 0")
    try:
        conn.execute("BEGIN IMMEDIATE")
    except sqlite3.OperationalError:  # another copy is writing: leave it the file
        return False
    finally:
        conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    try:
        if data_version(conn) != version:
            conn.execute("ROLLBACK")
            return False
        if blocks is not None:
            conn.execute("DELETE FROM status_cache WHERE version != ?", [version])
            conn.execute("INSERT OR REPLACE INTO status_cache(version, period, blocks) VALUES (?, ?, ?)",
                         [version, period, blocks])
            conn.execute("DELETE FROM status_cache WHERE rowid NOT IN "
                         f"(SELECT rowid FROM status_cache ORDER BY rowid DESC LIMIT {KEEP})")
        if each:
            _write_blocks(conn, _base(version), each)
        conn.execute("COMMIT")
    except BaseException:
        if conn.in_transaction:
            conn.execute("ROLLBACK")
        raise
    return True


def _write_blocks(conn: sqlite3.Connection, base: str,
                  each: Mapping[str, Mapping[str, tuple[Iterable[str], str]]]) -> None:
    """Inside write's transaction (no action since the blocks were computed: their stamps are now's).
    The latest KEEP as-of periods are kept, and apart from them the latest KEEP year keys."""
    reads = {(p, k): sorted(set(r)) for p, blocks in each.items() for k, (r, _) in blocks.items()}
    now = stamps(conn, reads)
    conn.execute("DELETE FROM status_block WHERE version != ?", [base])
    conn.executemany("INSERT OR REPLACE INTO status_block(period, block, version, reads, stamp, data) "
                     "VALUES (?, ?, ?, ?, ?, ?)", [(p, k, base, ",".join(reads[p, k]), now[p, k], data)
                                                   for p, blocks in each.items() for k, (_, data) in blocks.items()])
    conn.execute("DELETE FROM status_block WHERE period NOT IN (SELECT period FROM (SELECT period, row_number() OVER "
                 "(PARTITION BY substr(period, 1, ?) = ? ORDER BY max(rowid) DESC) AS n FROM status_block "
                 f"GROUP BY period) WHERE n <= {KEEP})", [len(YEAR), YEAR])

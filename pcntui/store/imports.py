"""`pcntui import KIND FILE` (all-or-nothing, `--dry-run` aware): the importer of each KIND is
named in the catalog (pcntui/catalog/*.toml) and takes (store, path, dry_run=..., **options),
returning a WriteReport. `run_import` backs up first before a large or rules import.
"""

from __future__ import annotations

from pathlib import Path

from pcntui.catalog import import_kind, resolve
from pcntui.store.db import Store
from pcntui.store.tx import WriteReport


def run_import(store: Store, kind: str, path: Path, *, dry_run: bool = False, **options: object) -> WriteReport:
    """The KIND importer on `path`; a rules import or a large file is backed up just before it
    writes (see store.backup.is_large_import; never for a dry run)."""
    from pcntui.store.backup import backup_before_import, is_large_import

    importer = resolve(import_kind(kind).target)
    if not dry_run and is_large_import(kind, path):
        backup_before_import(store, kind)
    return importer(store, path, dry_run=dry_run, **options)

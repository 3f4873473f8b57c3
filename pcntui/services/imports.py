"""`pcntui import KIND FILE`: import a file all or nothing (`dry_run`: check it, change nothing).

The importer of each KIND is named in the catalog (pcntui/catalog/*.toml) and takes
(store, path, dry_run=..., **options), returning a WriteReport. A rules import or a large file
is backed up just before it writes (store.backup.is_large_import; never for a dry run).
"""

from __future__ import annotations

from pathlib import Path

from pcntui.catalog import import_kind, resolve
from pcntui.errors import UserError
from pcntui.store import Store
from pcntui.store.tx import WriteReport


def checked_path(path: str | Path) -> Path:
    """The file to import, refused in one sentence when there is none."""
    path = Path(path)
    if not path.is_file():
        raise UserError(f"There is no file {path}.")
    return path


def run_import(store: Store, kind: str, path: str | Path, *, dry_run: bool = False, **options: object) -> WriteReport:
    """Import `path` as KIND in one action: nothing changes if any row is refused."""
    from pcntui.store.backup import backup_before_import, is_large_import

    path = checked_path(path)
    importer = resolve(import_kind(kind).target)
    if not dry_run and is_large_import(kind, path):
        backup_before_import(store, kind)
    return importer(store, path, dry_run=dry_run, **options)

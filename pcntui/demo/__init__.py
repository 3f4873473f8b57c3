"""`pcntui demo`: a realistic demo PCN (fictional names, valid-format codes).

Each domain adds its part with a builder in this package; all are written in one action
to a temporary file that then becomes the target, so a failed demo leaves nothing behind.
"""

from __future__ import annotations

import os
from datetime import date
from pathlib import Path

from pcntui.demo.arrs import build_arrs
from pcntui.demo.interventions import build_interventions
from pcntui.demo.pcn import build_pcn
from pcntui.demo.smr import build_smr
from pcntui.errors import DatabaseFileError, UserError
from pcntui.store import open_store
from pcntui.store.files import demo_temp, real_path
from pcntui.store.restore import restore

BUILDERS = [build_pcn, build_interventions, build_arrs, build_smr]  # smr last: it reads the ARRS roster


def write_demo(path: Path, *, today: date, force: bool = False) -> Path | None:
    """Write the demo to `path` (a symlink keeps pointing at the file it names). With `force`, a
    pcntui database there is replaced in place (see `store.restore`; open copies see the demo)
    and kept first in its backups folder: returns that copy. Any other file is replaced whole."""
    path = Path(path).expanduser()
    if path.exists() and not force:
        raise UserError(f"{path} already exists; use --force to replace it with the demo (it would be overwritten).")
    real = real_path(path)
    if real.is_dir():
        raise UserError(f"{path} is a folder; give a file name for the demo database.")
    real.parent.mkdir(parents=True, exist_ok=True)
    tmp = demo_temp(real)
    _remove(tmp)
    try:
        store = open_store(tmp, mode="create")
        try:
            with store.action("Load the demo PCN") as tx:
                for build in BUILDERS:
                    build(tx.db, today)
            store.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        finally:
            store.close()
        if real.exists():
            try:
                return restore(path, tmp, kept_kind="before-demo").kept
            except DatabaseFileError:  # not a database pcntui can open: --force replaces the file
                pass
        for suffix in ("-wal", "-shm"):
            Path(f"{real}{suffix}").unlink(missing_ok=True)
        os.replace(tmp, real)
        return None
    finally:
        _remove(tmp)


def _remove(tmp: Path) -> None:
    for suffix in ("", "-wal", "-shm"):
        Path(f"{tmp}{suffix}").unlink(missing_ok=True)

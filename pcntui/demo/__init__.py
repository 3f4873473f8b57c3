"""`pcntui demo`: a realistic demo PCN (fictional names, valid-format codes).

Each domain adds its part with a builder in this package; all are written in one action
to a temporary file that then replaces the target, so a failed demo leaves nothing behind.
"""

from __future__ import annotations

import os
from datetime import date
from pathlib import Path

from pcntui.demo.arrs import build_arrs
from pcntui.demo.interventions import build_interventions
from pcntui.demo.pcn import build_pcn
from pcntui.demo.smr import build_smr
from pcntui.errors import UserError
from pcntui.store.db import open_store

BUILDERS = [build_pcn, build_interventions, build_arrs, build_smr]  # smr last: it reads the ARRS roster


def write_demo(path: Path, *, today: date, force: bool = False) -> None:
    path = Path(path).expanduser()
    if path.exists() and not force:
        raise UserError(f"{path} already exists; use --force to replace it with the demo (it would be overwritten).")
    if path.is_dir():
        raise UserError(f"{path} is a folder; give a file name for the demo database.")
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.demo-{os.getpid()}")
    for suffix in ("", "-wal", "-shm"):
        Path(str(tmp) + suffix).unlink(missing_ok=True)
    store = open_store(tmp, create=True)
    try:
        with store.action("Load the demo PCN") as db:
            for build in BUILDERS:
                build(db, today)
        store.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    finally:
        store.close()
    for suffix in ("-wal", "-shm"):
        Path(str(path) + suffix).unlink(missing_ok=True)
    os.replace(tmp, path)
    for suffix in ("-wal", "-shm"):
        Path(str(tmp) + suffix).unlink(missing_ok=True)

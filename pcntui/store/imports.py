"""The import registry behind `pcntui import KIND FILE` (all-or-nothing, `--dry-run` aware).

Each importer takes (store, path, dry_run=..., **options) and returns a WriteReport;
callers go through `run_import`, which backs up first before a large or rules import.
Later domains register theirs with `@importer("kind", help=...)`.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from pcntui.store.db import Store
from pcntui.store.pcn import import_national
from pcntui.store.tx import WriteReport

Importer = Callable[..., WriteReport]
IMPORTERS: dict[str, tuple[Importer, str]] = {}


def importer(kind: str, help: str) -> Callable[[Importer], Importer]:
    def register(fn: Importer) -> Importer:
        IMPORTERS[kind] = (fn, help)
        return fn

    return register


def run_import(store: Store, kind: str, path: Path, *, dry_run: bool = False, **options: object) -> WriteReport:
    """The KIND importer on `path`; a rules import or a large file is backed up just before it
    writes (see store.backup.is_large_import; never for a dry run)."""
    from pcntui.store.backup import backup_before_import, is_large_import

    fn, _ = IMPORTERS[kind]
    if not dry_run and is_large_import(kind, path):
        backup_before_import(store, kind)
    return fn(store, path, dry_run=dry_run, **options)


def _national(kind: str) -> Importer:
    def run(store: Store, path: Path, *, dry_run: bool = False, **_: object) -> WriteReport:
        return import_national(store, kind, path, dry_run=dry_run)

    return run


importer("practices", "practice map (gp-reg-pat-prac-map.csv): refresh the PCN's practices")(_national("practices"))
importer("list-sizes", "patients by age band (gp-reg-pat-prac-quin-age.csv): list sizes")(_national("list-sizes"))
importer("imd", "IMD score per practice (Fingertips extract)")(_national("imd"))

# SMR importers (smr-counts, smr-worklist) register themselves on import.
import pcntui.store.smr_counts  # noqa: E402,F401
import pcntui.store.worklist  # noqa: E402,F401
# ARRS importers (rates, staff, workforce) register themselves on import.
import pcntui.store.arrs_imports  # noqa: E402,F401
# Claims and IIF importers (claims, iif, iif-indicators) register themselves on import.
import pcntui.store.claims  # noqa: E402,F401
import pcntui.store.iif  # noqa: E402,F401

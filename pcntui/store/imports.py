"""The import registry behind `pcntui import KIND FILE` (all-or-nothing, `--dry-run` aware).

Each importer takes (store, path, dry_run=..., **options) and returns an ImportReport.
Later domains register theirs with `@importer("kind", help=...)`.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from pcntui.store.db import Store
from pcntui.store.pcn import ImportReport, import_national

Importer = Callable[..., ImportReport]
IMPORTERS: dict[str, tuple[Importer, str]] = {}


def importer(kind: str, help: str) -> Callable[[Importer], Importer]:
    def register(fn: Importer) -> Importer:
        IMPORTERS[kind] = (fn, help)
        return fn

    return register


def _national(kind: str) -> Importer:
    def run(store: Store, path: Path, *, dry_run: bool = False, **_: object) -> ImportReport:
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

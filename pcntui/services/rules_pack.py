"""A year's rule tables as one rules pack (docs/rules-pack.md): `pcntui rules export|import` and
the palette's "Export/Import a rules pack"."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from pcntui.errors import UserError

if TYPE_CHECKING:
    from pcntui.domain.fy import FinancialYear
    from pcntui.store.db import Store
    from pcntui.store.rules_pack import PackReport


def export_rules(store: Store, fy: FinancialYear, out: Path | None) -> str:
    """The year's rules pack, written atomically to `out` (a file, never a folder); returns its
    text (what `--out -` prints when `out` is None)."""
    from pcntui.export.csvfile import write_text_atomic
    from pcntui.store.rules_pack import export_pack

    if out is not None and out.is_dir():
        raise UserError(f"{out} is a folder; give a file name.")
    text = export_pack(store, fy)
    if out is not None:
        write_text_atomic(out, text)
    return text


def import_rules(store: Store, path: Path, *, dry_run: bool = False) -> PackReport:
    """Check the whole pack, then (unless `dry_run`) apply it as one action, a backup made first."""
    from pcntui.store.rules_pack import import_pack

    if not Path(path).is_file():
        raise UserError(f"There is no file {path}.")
    return import_pack(store, Path(path), dry_run=dry_run)

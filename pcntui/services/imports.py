"""`pcntui import KIND FILE` and the TUI's import: check a file (`preview_import`, a dry run), then
import it all or nothing (`run_import`) as one action that `undo` reverts.

The importer of each KIND is named in the catalog (pcntui/catalog/*.toml) and takes
(store, path, dry_run=..., progress=..., **options), returning a WriteReport; those that loop over
many rows call `progress` (pcntui.domain.progress) as they read and save. A rules import or a large
file is backed up just before it writes (store.backup.is_large_import; never for a dry run).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from pcntui.catalog import import_kind, resolve
from pcntui.domain.progress import Progress
from pcntui.errors import ImportFileError, UserError
from pcntui.store import Store
from pcntui.store.tx import WriteReport


def checked_path(path: str | Path) -> Path:
    """The file to import, refused in one sentence when there is none."""
    path = Path(path).expanduser()
    if path.is_dir():
        raise UserError(f"{path} is a folder; choose a file in it.")
    if not path.is_file():
        raise UserError(f"There is no file {path}.")
    return path


def run_import(store: Store, kind: str, path: str | Path, *, dry_run: bool = False, progress: Progress | None = None,
               **options: object) -> WriteReport:
    """Import `path` as KIND in one action: nothing changes if any row is refused."""
    from pcntui.store.backup import backup_before_import, is_large_import

    path = checked_path(path)
    importer = resolve(import_kind(kind).target)
    if not dry_run and is_large_import(kind, path):
        backup_before_import(store, kind)
    if progress is not None:
        options["progress"] = progress
    return importer(store, path, dry_run=dry_run, **options)


@dataclass(frozen=True)
class ImportPreview:
    """What importing a file would do: its report (counts and notes), or why it would be refused
    (`refused`, one sentence) with every bad row and column (`problems`)."""

    kind: str
    path: Path
    report: WriteReport | None = None
    refused: str | None = None
    problems: tuple[str, ...] = ()

    @property
    def ok(self) -> bool:
        return self.report is not None

    @property
    def changes(self) -> int:
        return self.report.inserted + self.report.updated if self.report is not None else 0


def preview_import(store: Store, kind: str, path: str | Path, *, progress: Progress | None = None,
                   **options: object) -> ImportPreview:
    """Check `path` as KIND and count what it would add and update, changing nothing (a dry run)."""
    try:
        report = run_import(store, kind, path, dry_run=True, progress=progress, **options)
    except ImportFileError as exc:
        return ImportPreview(kind, Path(path), refused=str(exc.args[0]), problems=tuple(exc.problems))
    except UserError as exc:
        return ImportPreview(kind, Path(path), refused=str(exc))
    return ImportPreview(kind, Path(path), report=report)

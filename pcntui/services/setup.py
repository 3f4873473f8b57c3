"""Setting up a database: the PCN from the national files (`pcntui setup` and the first-run
screen), the demo, and the PCNs a practice map lists (the first-run list)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from pcntui.domain.progress import Progress
    from pcntui.store.db import Store
    from pcntui.store.tx import WriteReport


@dataclass
class SetUp:
    store: Store  # the database, open (the caller closes it)
    reports: list[WriteReport]  # practices, list sizes, IMD scores: what was (or would be) written
    pcn: dict | None  # the PCN's code and name now

    def note(self) -> str:
        """`Set up U12345 NAME. 12 practices added …` (one line for the TUI)."""
        head = f"Set up {self.pcn['code']} {self.pcn['name']}. " if self.pcn else ""
        return head + " ".join(r.summary() for r in self.reports)


def setup_pcn(path: Path, pcn_code: str, practices: Path, list_sizes: Path | None = None, imd: Path | None = None,
              *, dry_run: bool = False, source: str = "cli",
              before_write: Callable[[Store], None] | None = None, progress: Progress | None = None) -> SetUp:
    """Create (or refresh) the database at `path` for the PCN `pcn_code` from the practice map, and
    the optional list-size and IMD files, as one action. A file this call created is removed
    again when the set-up fails or is a dry run, so a failed set-up never leaves an empty
    database behind (that would skip first run)."""
    from pcntui.store import open_store
    from pcntui.store.pcn import get_pcn, setup

    path = Path(path).expanduser()
    created = not path.exists()
    store = open_store(path, mode="create", source=source)
    try:
        if before_write is not None:
            store.before_first_write.append(before_write)
        reports = setup(store, pcn_code, practices, list_sizes, imd, dry_run=dry_run, progress=progress)
        if created and dry_run:
            raise _DryRunDone
    except _DryRunDone:
        _remove(store, path)
        return SetUp(store, reports, None)
    except BaseException:
        if created:
            _remove(store, path)
        else:
            store.close()
        raise
    return SetUp(store, reports, get_pcn(store))


@dataclass
class SetupPreview:
    """What setting up would write (one report per file), or why it would be refused (one sentence)
    with every bad row and column: the first run's Check, as the import dialog's."""

    reports: list[WriteReport]
    refused: str | None = None
    problems: tuple[str, ...] = ()

    def lines(self) -> list[str]:
        return [f"{r.what}: {r.inserted:,} to add, {r.updated:,} to update, {r.unchanged:,} unchanged."
                for r in self.reports]


def preview_setup(path: Path, pcn_code: str, practices: Path, list_sizes: Path | None = None,
                  imd: Path | None = None, *, progress: Progress | None = None) -> SetupPreview:
    """Check the files as `setup_pcn` would read them, writing nothing: no file, and no folder it
    had to make for the file, is left behind."""
    from pcntui.errors import ImportFileError, UserError

    made = [folder for folder in Path(path).expanduser().parents if not folder.exists()]  # nearest first
    try:
        done = setup_pcn(path, pcn_code, practices, list_sizes, imd, dry_run=True, source="tui", progress=progress)
        done.store.close()  # (a file the dry run made is gone already; closing twice is harmless)
    except ImportFileError as exc:
        return SetupPreview([], str(exc.args[0]), tuple(exc.problems))
    except UserError as exc:
        return SetupPreview([], str(exc))
    finally:
        for folder in made:
            if folder.is_dir() and not any(folder.iterdir()):
                folder.rmdir()
    return SetupPreview(done.reports)


class _DryRunDone(Exception):
    """A dry run on a file it created: the file goes again."""


def _remove(store: Store, path: Path) -> None:
    store.close()
    for suffix in ("", "-wal", "-shm", "-journal"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)


def pcns_in_map(practices: Path) -> list[tuple[str, str, int]]:
    """(code, name, practices) of every PCN the practice map lists, for choosing one."""
    from pcntui.ingest.national import read_practice_map
    from pcntui.store.pcn import pcns_in_map as pcns

    return pcns(read_practice_map(practices))


def write_demo(path: Path, *, today: date, force: bool = False) -> Path | None:
    """`pcntui demo` and the first-run demo button: the demo PCN at `path`; returns the copy kept
    of a database it replaced (with `force`)."""
    from pcntui.demo import write_demo as write

    return write(path, today=today, force=force)


def open_demo(path: Path, *, today: date, source: str = "tui") -> SetUp:
    """The demo written to `path` (a new file) and opened."""
    from pcntui.store import open_store
    from pcntui.store.pcn import get_pcn

    write_demo(path, today=today)
    store = open_store(path, source=source)
    return SetUp(store, [], get_pcn(store))

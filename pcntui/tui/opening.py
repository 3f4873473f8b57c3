"""Opening the database file in the TUI's start-up worker, and the PCN for the header."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from pcntui.tui.messages import StoreFailed, StoreOpened, describe_error

if TYPE_CHECKING:
    from textual.app import App

    from pcntui.store import Store


def current_pcn(store: Store) -> dict | None:
    """The PCN's code and name for the header (a light query: nothing heavy imported at start-up)."""
    from pcntui.views.title import header

    return header(store)


def opened(app: App, path: Path, store: Store | None) -> StoreOpened | StoreFailed:
    """Open `path` (unless `store` is open already) and read the screen on show's data: StoreOpened,
    or StoreFailed with one sentence for any failure, so start-up always ends (collector, keys)."""
    from pcntui.errors import DatabaseFileError

    try:
        if store is None:
            from pcntui.services.safety import start_of_use
            from pcntui.store import open_store
            from pcntui.tui.screens.base import read_first

            try:
                store = open_store(path, source="tui")
            except DatabaseFileError as exc:
                return StoreFailed(str(exc))
            for note in start_of_use(store):  # the day's backup; the cloud-folder warning, once
                app.notify(note, title="Warning", severity="warning", timeout=20)
            first = read_first(app, store)  # the screen on show's data too: one round trip to the figures
        else:
            first = None  # (the screen on show reads it itself: it was open at the first frame)
        return StoreOpened(store, current_pcn(store), first=first)
    except Exception as exc:  # noqa: BLE001 — anything else: one sentence, never a start-up left hanging
        return StoreFailed(describe_error(exc))

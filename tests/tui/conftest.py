"""Fixtures for the TUI tests: apps on throwaway databases, cursor blink off, settling helpers."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from textual.widgets import Input

from pcntui.store import Store, open_store
from pcntui.tui.app import PcnApp

TODAY = date(2026, 11, 23)


@pytest.fixture(autouse=True)
def _no_cursor_blink(monkeypatch):
    """A blinking cursor makes screenshots differ run to run."""
    monkeypatch.setattr(Input, "_toggle_cursor", lambda self: None)


@pytest.fixture(autouse=True)
def _notifications_last_the_test(monkeypatch):
    """A notification stays until the test ends: on a loaded machine a test can take longer than
    a toast's few seconds, and one that had vanished made `app._notifications` checks fail."""
    from textual.notifications import Notification

    made = Notification.__init__

    def init(self, *args, **kwargs):
        made(self, *args, **kwargs)
        self.timeout = max(self.timeout, 3600)

    monkeypatch.setattr(Notification, "__init__", init)


def light_dashboard(monkeypatch) -> None:
    """The app starts on the dashboard; in tests of other screens only its PCN block is built (the
    other blocks' figures were about a fifth of the calls of each such test's start and first visit)."""
    from pcntui import catalog
    from pcntui.report import status

    monkeypatch.setattr(status, "status_blocks", lambda: tuple(b for b in catalog.status_blocks() if b.key == "pcn"))


async def settle(pilot, rounds: int = 20) -> None:
    """Let workers finish and their messages be handled, including workers those messages start,
    then let any held-back repaint happen (Textual delays updates 50 ms after a screen switch); each
    look paints what changed."""
    import asyncio

    from textual.worker import WorkerCancelled, WorkerState

    app = pilot.app
    quiet = 0
    held = False  # updates held back at some look: one more look after they are let go
    for _ in range(rounds):
        await pilot.pause()
        paint(app)  # what it draws may start a worker (the worklist asks for the rows it shows)
        held = held or bool(app._batch_count)
        if any(w.state in (WorkerState.PENDING, WorkerState.RUNNING) for w in app.workers):
            quiet = 0
            try:
                await app.workers.wait_for_complete()
            except WorkerCancelled:  # replaced by a newer one (an exclusive group): look again
                pass
        else:
            quiet += 1  # two quiet looks in a row: a message handled in between may start a worker
            if quiet == 2:
                break
    for _ in range(50):
        if not app._batch_count:
            break
        held = True
        await asyncio.sleep(0.01)
    if held:
        await pilot.pause()
        paint(app)


async def press_each(pilot, *keys: str) -> None:
    """Press `keys` one at a time, the app settled after each (as a person types)."""
    for key in keys:
        await pilot.press(key)
        await settle(pilot)


def burst(pilot, *keys: str) -> None:
    """Keys arriving in one read of the terminal (quick typing over ssh, tmux send-keys), as its driver
    posts them: no wait between them. Single characters are typed as themselves; "slash" is `/`."""
    from textual import events

    for key in keys:
        pilot.app.post_message(events.Key(key, "/" if key == "slash" else key))


def calls_to(monkeypatch, owner, name: str) -> list[int]:
    """A counter of the calls of `owner.name` (patched for the test)."""
    count = [0]
    real = getattr(owner, name)

    def counting(*args, **kwargs):
        count[0] += 1
        return real(*args, **kwargs)

    monkeypatch.setattr(owner, name, counting)
    return count


def paint(app) -> None:
    """Draw what changed on the current screen now, as Textual's update timer would have: in tests
    it waits for this (tests/conftest.py `_paint_when_settled`)."""
    from textual._compositor import Compositor

    held = getattr(Compositor.render_update, "held", None)
    if held is not None:
        held(app.screen._compositor, screen_stack=app._background_screens)


async def give_path(pilot, path, modal: type | None = None) -> None:
    """Type `path` into the open dialog's path box (that dialog a `modal`, when given) and press enter."""
    from textual.widgets import Input

    if modal is not None:
        assert isinstance(pilot.app.screen, modal), pilot.app.screen
    pilot.app.screen.query_one("#path", Input).value = str(path)
    await pilot.press("enter")
    await settle(pilot)


async def palette_search(pilot, words: str) -> None:
    """Open the command palette and search for `words`, put in its box at once: typed key by key,
    each key searches again (~20 ms CPU and ~40 ms of Pilot waiting a key), and the last search is
    the same. test_shell and test_commands type into the palette as a user would."""
    from textual.command import CommandPalette

    await pilot.press("ctrl+p")
    await settle(pilot)
    assert isinstance(pilot.app.screen, CommandPalette), pilot.app.screen
    pilot.app.screen.query_one(Input).value = words
    await settle(pilot)


def footer_keys(app) -> list[tuple[str, str, bool]]:
    """The keys the footer drew on its line, left to right, the palette's last: (key, action, lit),
    each read from the cells where the footer placed it (its key shown there, dimmed or not)."""
    from pcntui.tui.widgets.footer import KeyFooter

    footer = app.screen.query_one(KeyFooter)
    line = footer.render_line(0)
    keys = []
    for start, end, item in sorted(footer.places):
        cells = line.crop(start, end)
        assert item.display in cells.text, (item, cells.text)
        lit = not any(seg.style and seg.style.dim for seg in cells if seg.text.strip())
        keys.append((item.key, item.action, lit))
    return keys


def messages(app) -> list[str]:
    """The notifications the app has shown, oldest first (they last the test)."""
    return [n.message for n in app._notifications]


def screen_text(app) -> str:
    """The current screen as plain text, one line per row."""
    return "\n".join(strip.text for strip in app.screen._compositor.render_strips())


def pcn_only_db(path: Path) -> Path:
    """A database holding only the demo PCN and its practices (what the shell itself shows)."""
    from pcntui.demo.pcn import build_pcn

    store = open_store(path, mode="create")
    with store.action("Load the demo PCN") as tx:
        build_pcn(tx.db, TODAY)
    store.close()
    return path


@pytest.fixture
def pcn_db(tmp_path: Path) -> Path:
    return pcn_only_db(tmp_path / "pcn.db")


def app_on(db_path: Path, *, today: date = TODAY) -> PcnApp:
    """A PcnApp opened on the database file, as `pcntui` opens it (the store closed by the app on exit;
    none for a file not there yet)."""
    store = open_store(db_path, source="tui") if Path(db_path).exists() else None
    return PcnApp(db_path, today=today, store=store)


@pytest.fixture
def make_app():
    """make_app(db_path) -> PcnApp opened on it (`app_on`)."""
    return app_on


def small_change(db_path: Path, label: str = "Rename Meadowbank", name: str = "Meadowbank Renamed") -> None:
    """One small action (one row changed) to undo, as another copy of pcntui would write it."""
    store = open_store(db_path)
    with store.action(label):
        store.conn.execute("UPDATE practice SET name = ?, rev = rev + 1 WHERE code = 'Y90006'", [name])
    store.close()


def query(db_path: Path, sql: str, params=()) -> list[dict]:
    """The rows `sql` reads from the database file (opened and closed for it)."""
    store = open_store(db_path)
    try:
        return store.query(sql, list(params))
    finally:
        store.close()


def is_form(screen, *models) -> bool:
    """`screen` is the form of one of these input models (tui/forms: every form is a FormModal)."""
    from pcntui.tui.forms import FormModal

    return isinstance(screen, FormModal) and screen.spec.model in models


def practice_name(db_path: Path, code: str) -> str | None:
    store: Store = open_store(db_path)
    try:
        return store.scalar("SELECT name FROM practice WHERE code = ?", [code])
    finally:
        store.close()

"""A search keystroke and escape in the worklist (issue 12 item 6): the rows on screen stay until the
new ones are in, and clearing the search shows the list held from before it, with no read."""

from __future__ import annotations

import threading

from pcntui.store import open_store
from pcntui.tui.widgets.worklist_view import WorklistView
from pcntui.views.smr import worklist as worklist_view
from tests.tui.conftest import settle
from tests.tui.smr.test_smr_screens import open_worklist, wait_view


def reads(monkeypatch) -> list[str]:
    """What the worklist screen reads: counts, pages and per-status counts."""
    seen: list[str] = []
    for name in ("count", "page_at", "page", "status_counts"):
        real = getattr(worklist_view, name)

        def read(*args, _real=real, _name=name, **kwargs):
            seen.append(_name)
            return _real(*args, **kwargs)

        monkeypatch.setattr(worklist_view, name, read)
    return seen


def line(view: WorklistView, y: int) -> str:
    return view.render_line(y).text


async def search(pilot, screen, text: str) -> None:
    await pilot.press("slash", *text)
    await wait_view(pilot, screen.view)
    await pilot.pause(0.5)  # the per-status counts follow once typing pauses
    await settle(pilot)


async def test_escape_shows_the_list_held_from_before_the_search_with_no_read(make_app, demo_db, monkeypatch):
    app = make_app(demo_db)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await open_worklist(pilot)
        await pilot.pause(0.5)
        await settle(pilot)
        view = screen.view
        before = (view.count, [line(view, y) for y in range(1, 6)], dict(screen.counts))
        await search(pilot, screen, "003")
        assert view.count < before[0]
        seen = reads(monkeypatch)
        await pilot.press("escape")
        assert not view.busy and screen.filters.search is None  # at once, in the key's own handler
        await pilot.pause(0.5)
        await settle(pilot)
        assert seen == []
        assert (view.count, [line(view, y) for y in range(1, 6)], dict(screen.counts)) == before


async def test_a_change_to_the_data_drops_the_list_held(make_app, demo_db, monkeypatch):
    app = make_app(demo_db)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await open_worklist(pilot)
        total = screen.view.count
        await search(pilot, screen, "003")
        other = open_store(demo_db)
        with other.action("Delete a worklist patient"):
            other.conn.execute("DELETE FROM smr_worklist WHERE id = (SELECT min(id) FROM smr_worklist)")
        other.close()
        app.data_changed()  # as the poll does on seeing another copy's write
        await wait_view(pilot, screen.view)
        seen = reads(monkeypatch)
        await pilot.press("escape")
        await wait_view(pilot, screen.view)
        assert seen[:1] == ["count"] and screen.view.count == total - 1


async def test_a_keystroke_keeps_the_rows_on_screen_until_the_new_ones_are_in(make_app, demo_db, monkeypatch):
    """No flash of `…` over the whole list while the search is read."""
    app = make_app(demo_db)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await open_worklist(pilot)
        view = screen.view
        shown = line(view, 1)
        assert shown.strip() != "…"
        gate = threading.Event()
        real = worklist_view.count

        def slow_count(*args, **kwargs):
            gate.wait(10)
            return real(*args, **kwargs)

        monkeypatch.setattr(worklist_view, "count", slow_count)
        await pilot.press("slash", *"003")
        await pilot.pause()
        assert view.busy and line(view, 1) == shown  # still the rows that were on screen
        gate.set()
        await wait_view(pilot, view)
        assert screen.filters.search == "003" and view.count == 18 and line(view, 1).strip() != "…"

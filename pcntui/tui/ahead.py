"""Sections made ahead: while the manager reads the dashboard, the first screens of the busiest
sections are composed, styled and loaded in the background, one at a time, so a first visit is
only a switch to a screen already showing its data (issue 12: a first visit ≤ 120 ms).

A screen made ahead is a section's own first screen, as its key would make it (`Section.load`),
kept in the App's stack for its mode: it loads in its worker like any screen and, like a screen
left earlier, reloads when shown if the data or the year changed since. The next one is made only
when the App is not reading anything else (no `db` worker running), so the screen on show always
comes first. Once every screen is made, the objects then alive are frozen out of the cyclic
collector's full passes (`gc.freeze`): a full pass over a 10× PCN's screens and years took about
0.2 s on the UI thread, in the middle of whatever key came next. `ENABLED = False` turns it off (the test suite does, to keep each Pilot test's
start-up cheap; the tests of this module turn it on).
"""

from __future__ import annotations

import gc
import weakref
from functools import partial
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from textual.screen import Screen

    from pcntui.tui.app import PcnApp

ENABLED = True
AHEAD = ("arrs", "smr", "interventions")  # the sections whose first screens are slowest to make
LAYOUT_SETTLES = 0.02  # seconds between steps: the widgets handle their resize, a key gets in
_steps: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()  # screen → ((version, size), last step)
_frozen: weakref.WeakSet = weakref.WeakSet()  # Apps whose long-lived objects were frozen (gc.freeze)


def styled_ahead(screen: Screen) -> bool:
    """Whether `screen` is about to be shown for the first time, made ahead and laid out at this size
    and styled by the stylesheet in use (no theme or CSS change since): showing it need not restyle it."""
    app = screen.app
    done = _steps.get(screen)
    return (done is not None and done[0][1] == app.size and not screen.stack_updates
            and screen._css_update_count == app._css_update_count)


def work_ahead(app: PcnApp) -> None:
    """One step of work ahead, if the App is idle (the screen on show loaded, no other read running):
    make the next section's first screen (its on_mount starts its load, whose end calls here again),
    or lay out a loaded one not shown yet, or then paint it (its widgets keep the lines they drew)."""
    from pcntui.tui.screens.base import DataScreen

    if not ENABLED or app.store is None or app.rollup_only or not app.first_frame_shown or not app.screen_stack:
        return  # off, nothing open yet, the roll-up, or closing down
    screen = app.screen
    if not isinstance(screen, DataScreen) or screen.fixed_store is not None or screen.loaded_version != app.data_version:
        return  # a dialog, first run, another file's view, or the screen on show is still loading
    if any(w.group == "db" and w.is_running for w in app.workers):
        return
    for name in AHEAD:
        stack = app._screen_stacks.get(name)
        if stack is None:
            _make(app, name)
            return
        made = stack[0]
        if len(stack) > 1 or made.is_current or made.stack_updates or made.loaded_version != app.data_version:
            continue  # shown already, or not loaded yet (its load's end calls here again)
        done = _steps.get(made)
        if done is None or done[0] != (made.loaded_version, app.size):
            made._refresh_layout(app.size)  # its widgets get their sizes (their resize events follow)
            _steps[made] = ((made.loaded_version, app.size), "laid out")
            app.set_timer(LAYOUT_SETTLES, partial(work_ahead, app))
            return
        if done[1] == "laid out":
            made._compositor.render_strips()  # every widget draws its lines once, not shown
            _steps[made] = (done[0], "painted")
            app.set_timer(LAYOUT_SETTLES, partial(work_ahead, app))  # the next one after a pause for keys
            return
    if app not in _frozen and all(_ready(app._screen_stacks[name][0]) for name in AHEAD):
        _frozen.add(app)
        gc.collect()  # once, idle: what is garbage now is not kept frozen
        gc.freeze()  # the App's long-lived state is made: the cyclic collector no longer walks it each full pass


def _ready(screen: Screen) -> bool:
    """Made ahead and painted, or shown already."""
    return bool(screen.stack_updates) or _steps.get(screen, (None, ""))[1] == "painted"


def _make(app: PcnApp, name: str) -> None:
    from pcntui.tui.sections import section

    made = section(name).load()  # (with the App's width and height classes: styled at mount as it will show)
    app._screen_stacks[name] = [made]
    app._register(app, made)  # composed, mounted and styled now; its on_mount starts its load


def breakpoints(app: PcnApp, screen: Screen) -> dict[str, bool]:
    """The App's width and height classes as the screen will get them at its first resize (set
    before it is styled: else showing it restyles every widget)."""
    width, height = app.size
    horizontal, vertical = app.HORIZONTAL_BREAKPOINTS, app.VERTICAL_BREAKPOINTS
    on = screen._get_breakpoint_classes(width, horizontal) | screen._get_breakpoint_classes(height, vertical)
    return {name: name in on for _, name in [*horizontal, *vertical]}

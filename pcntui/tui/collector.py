"""Python's cyclic garbage collector during start-up: held from the start of `pcntui` (before
Textual is imported) until the first screen's data is on screen, then given back with every object
made so far frozen out of its passes (`gc.freeze`: they are the program's modules, classes, styles
and screens, which live as long as it does).

Start-up makes some 60,000 objects and almost no garbage (about 2,500 objects by the first
figures); the collector's passes over them were a fifth of the CPU time from `pcntui` to the
dashboard's figures (issue 12: figures on screen as fast as an empty Textual app).
"""

from __future__ import annotations

import gc


def hold() -> None:
    """No collector passes until `release` (start-up)."""
    gc.disable()


def release() -> None:
    """Start-up is over: what it made is frozen, and the collector runs again (once; a no-op when
    it was not held, e.g. an App started by a test)."""
    if not gc.isenabled():
        gc.freeze()
        gc.enable()

"""Progress of long work (an import of a 100,000-row file): a callback a front end passes down.

`progress(stage, done, total)`: `stage` is READING or SAVING, `done` the rows so far, `total` the
rows in all (None while not known). `counted` wraps a loop over rows and calls it every `STEP`
rows and once at the end, so a loop pays for one comparison per row.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from typing import TypeVar

Progress = Callable[[str, int, "int | None"], None]
READING = "Reading"
SAVING = "Saving"
STEP = 1000  # rows between two calls

T = TypeVar("T")


def counted(items: Iterable[T], progress: Progress | None, stage: str, total: int | None = None) -> Iterator[T]:
    """`items`, unchanged; `progress(stage, n, total)` every STEP items and after the last one
    (no progress: `items` as they are, costing nothing per item)."""
    if progress is None:
        return iter(items)
    return _counted(items, progress, stage, total)


def _counted(items: Iterable[T], progress: Progress, stage: str, total: int | None) -> Iterator[T]:
    if total is None and hasattr(items, "__len__"):
        total = len(items)  # type: ignore[arg-type]
    done = 0
    progress(stage, 0, total)
    for item in items:
        yield item
        done += 1
        if done % STEP == 0:
            progress(stage, done, total)
    if done % STEP or not done:
        progress(stage, done, total if total is not None else done)

"""Key-to-repaint time of the SMR worklist screen over a 100,000-row worklist.

    python benchmarks/worklist_tui.py [--db PATH] [--rows 100000] [--repeat 15]

Builds the database with benchmarks/worklist_data.py (or reuses PATH when it already holds
the rows), runs the TUI headless (`run_test(size=(160, 50))`), opens the worklist and times,
for each key: from the press until the screen has repainted with the rows it needs (the
Pilot's press + pause, then polling until the view has no count or block on its way).
A no-op key (one with no binding) is timed the same way: that is the Pilot's own floor
(about 55 ms here), so net time ≈ median − floor.
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import sys
import time
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
for p in (ROOT, ROOT / "benchmarks"):
    if str(p) not in sys.path:
        sys.path.insert(0, str(p))

from pcntui.store import open_store  # noqa: E402

TODAY = date(2026, 11, 23)


def ensure_db(path: Path, rows: int) -> Path:
    if path.exists():
        store = open_store(path)
        try:
            have = store.scalar("SELECT count(*) FROM smr_worklist")
        finally:
            store.close()
        if have >= rows:
            return path
    from worklist_data import build

    print(f"building {path} with {rows:,} worklist rows (one action; takes a while)…", file=sys.stderr)
    build(path, rows, force=True)
    return path


async def settled(pilot, view) -> None:
    """Pause until the view has its count and every visible block (and one more repaint)."""
    await pilot.pause()
    for _ in range(400):
        if not view.busy:
            break
        await pilot.pause(0.002)
    await pilot.pause()


async def timed(pilot, view, key: str) -> float:
    start = time.perf_counter()
    await pilot.press(key)
    await settled(pilot, view)
    return (time.perf_counter() - start) * 1000


async def run(path: Path, repeat: int) -> dict[str, list[float]]:
    from pcntui.tui.app import PcnApp
    from pcntui.tui.widgets.worklist_view import WorklistView

    app = PcnApp(path, today=TODAY, store=open_store(path, source="tui"))
    results: dict[str, list[float]] = {}
    async with app.run_test(size=(160, 50)) as pilot:
        await pilot.pause()
        await app.workers.wait_for_complete()
        start = time.perf_counter()
        await pilot.press("s")  # the SMR overview (progress over every cohort, from counts and the worklist)
        await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.pause()
        results["open SMR overview (s)"] = [(time.perf_counter() - start) * 1000]
        start = time.perf_counter()
        await pilot.press("w")
        await pilot.pause(0.06)  # the screen switch
        view = app.screen.query_one(WorklistView)
        await settled(pilot, view)
        results["open worklist (w), first page"] = [(time.perf_counter() - start) * 1000]
        assert view.count and view.count >= 100_000 - 1, view.count

        def add(name: str, ms: float) -> None:
            results.setdefault(name, []).append(ms)

        for _ in range(repeat):
            add("no-op key (Pilot floor)", await timed(pilot, view, "f12"))
        for _ in range(repeat):
            add("down", await timed(pilot, view, "down"))
        for _ in range(repeat):
            add("pagedown", await timed(pilot, view, "pagedown"))
        for _ in range(repeat):
            add("end", await timed(pilot, view, "end"))
            add("home", await timed(pilot, view, "home"))
        # deep: page down from the end of the list backwards (blocks read by offset)
        await timed(pilot, view, "end")
        for _ in range(repeat):
            add("pageup (deep in the list)", await timed(pilot, view, "pageup"))
        # typing a search: '/' then one character at a time ('P0123'), then clear it again
        for _ in range(max(repeat // 3, 3)):
            await timed(pilot, view, "slash")
            for ch in "P0123":
                add("type a search character", await timed(pilot, view, ch))
            await timed(pilot, view, "escape")
        assert view.rows_in_memory <= 300, view.rows_in_memory
        # a filter by status (f → status → completed): the pick is a modal, so time the last key only
        for _ in range(max(repeat // 3, 3)):
            for key in ("f", "enter"):
                await pilot.press(key)
                await pilot.pause()
            await pilot.press("down", "down", "down", "down")
            add("filter by status (enter)", await timed(pilot, view, "enter"))
            await timed(pilot, view, "escape")
        results["rows held in memory at the end"] = [float(view.rows_in_memory)]
        await pilot.press("q")
    return results


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--db", type=Path, default=Path("/tmp/pcntui-worklist-100k.db"))
    ap.add_argument("--rows", type=int, default=100_000)
    ap.add_argument("--repeat", type=int, default=15)
    args = ap.parse_args(argv)
    path = ensure_db(args.db, args.rows)
    results = asyncio.run(run(path, args.repeat))
    floor = statistics.median(results["no-op key (Pilot floor)"])
    print(f"SMR worklist, {args.rows:,} rows, headless 160×50 (textual run_test); times in ms")
    print(f"{'action':34} {'n':>3} {'median':>8} {'net':>7} {'max':>8}")
    for name, values in results.items():
        med = statistics.median(values)
        if name.startswith("rows held"):
            print(f"{name:34} {'':>3} {med:8.0f}")
            continue
        net = "" if name.startswith(("no-op", "open")) else f"{med - floor:7.1f}"
        print(f"{name:34} {len(values):3} {med:8.1f} {net:>7} {max(values):8.1f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

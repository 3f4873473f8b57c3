"""Key-to-repaint times in the TUI, headless (Textual's Pilot at 160×50), net of the Pilot's floor.

    python benchmarks/tui_pilot.py keys   --db PATH [--repeat 10]   year change on ARRS; search / escape
    python benchmarks/tui_pilot.py visits --db PATH [--order N]     first visit of ARRS, SMR, Interventions
    python benchmarks/tui_pilot.py tour   --db PATH                 every main screen once (for peak memory)

Prints JSON: milliseconds per measure, each a list of samples, plus "floor": a key bound to
nothing (f12) pressed between the measured keys and timed the same way, and the process's
peak memory. A key is pressed on a quiet program (no CPU used for a moment, as a person's
next key usually finds it) and timed until the screen has settled: the Pilot's press (which
waits until the process stops working), no worker of the screen still running, the screen
showing the data of the current version and year, the worklist's count and visible rows in,
then one more repaint. Net time ≈ median − median floor. `visits` measures first visits, so
each sample needs a fresh process (`run.py` starts several); `--order` rotates which section
is visited first. The program opens the database itself after the first frame, as it does
for a user.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import resource
import sys
import time
from collections import defaultdict
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

TODAY = date(2026, 11, 23)
SIZE = (160, 50)
FLOOR_KEY = "f12"
SECTIONS = (("ARRS", "a"), ("SMR", "s"), ("Interventions", "i"))
# Workers that do not hold up what the key shows: the poll for other copies, the worklist's
# per-status counts (started 0.35 s after typing stops), blocks read ahead of the view and the
# ARRS years either side of the one shown (worked out once it is on screen).
BACKGROUND = {"poll", "wl-status", "worklist-block", "worklist-count", "arrs-ahead"}


def idle(app) -> bool:
    """Nothing the screen shows is still on its way."""
    from textual.worker import WorkerState

    from pcntui.tui.screens.base import DataScreen
    from pcntui.tui.widgets.worklist_view import WorklistView

    if app.store is None:
        return False
    for worker in app.workers:
        if worker.group not in BACKGROUND and worker.state in (WorkerState.PENDING, WorkerState.RUNNING):
            return False
    screen = app.screen
    if isinstance(screen, DataScreen) and screen.load_error is None and screen.loaded_version != app.data_version:
        return False
    return not any(view.busy for view in screen.query(WorklistView))


async def settled(pilot, timeout: float = 120) -> None:
    """Pause until `idle`, then one more repaint. The wait in between is a plain sleep: a
    Pilot pause would lay the screen out at each look (more often than the app itself does)."""
    await pilot.pause()
    start = time.perf_counter()
    while not idle(pilot.app):
        if time.perf_counter() - start > timeout:
            raise TimeoutError(f"the screen did not settle in {timeout:.0f} s ({type(pilot.app.screen).__name__})")
        await asyncio.sleep(0.003)
    await pilot.pause()


async def quiet(window: float = 0.05, timeout: float = 10) -> None:
    """Wait until the program uses almost no CPU for a moment (all threads), as a person's next
    key usually finds it; gives up after `timeout` (a program that never goes quiet)."""
    end = time.perf_counter() + timeout
    while time.perf_counter() < end:
        cpu = time.process_time()
        await asyncio.sleep(window)
        if time.process_time() - cpu < window * 0.05:
            return


async def timed(pilot, key: str) -> float:
    """Milliseconds from pressing `key` (on a quiet program) until the screen has settled."""
    await quiet()
    start = time.perf_counter()
    await pilot.press(key)
    await settled(pilot)
    return (time.perf_counter() - start) * 1000


def new_app(db: Path):
    from pcntui.tui.app import PcnApp

    return PcnApp(db, today=TODAY)


async def keys(db: Path, repeat: int) -> dict[str, list[float]]:
    """`[`/`]` on the ARRS screen; one search character and escape on the SMR worklist."""
    from pcntui.tui.screens.smr.worklist import WorklistScreen

    out: dict[str, list[float]] = defaultdict(list)
    app = new_app(db)
    async with app.run_test(size=SIZE) as pilot:
        await settled(pilot)
        await timed(pilot, "a")
        for _ in range(repeat):
            out["floor"].append(await timed(pilot, FLOOR_KEY))
            out["year back ["].append(await timed(pilot, "left_square_bracket"))
            out["floor"].append(await timed(pilot, FLOOR_KEY))
            out["year forward ]"].append(await timed(pilot, "right_square_bracket"))
        await timed(pilot, "s")
        await timed(pilot, "w")
        if not isinstance(app.screen, WorklistScreen):
            raise RuntimeError(f"w on the SMR screen opened {type(app.screen).__name__}, not the worklist")
        for i in range(repeat):
            await timed(pilot, "slash")
            for ch in f"P0{i % 10}{(3 * i + 1) % 10}":
                out["floor"].append(await timed(pilot, FLOOR_KEY))
                out["search character"].append(await timed(pilot, ch))
            out["floor"].append(await timed(pilot, FLOOR_KEY))
            out["escape"].append(await timed(pilot, "escape"))
        await pilot.press("q")
    return out


async def visits(db: Path, order: int) -> dict[str, list[float]]:
    """The first visit of each section, in an order rotated by `order`, from the dashboard."""
    out: dict[str, list[float]] = defaultdict(list)
    sections = SECTIONS[order % 3:] + SECTIONS[:order % 3]
    app = new_app(db)
    async with app.run_test(size=SIZE) as pilot:
        await settled(pilot)
        for name, key in sections:
            out["floor"].append(await timed(pilot, FLOOR_KEY))
            out[f"first visit {name}"].append(await timed(pilot, key))
        out["floor"].append(await timed(pilot, FLOOR_KEY))
        await pilot.press("q")
    return out


async def tour(db: Path) -> dict[str, list[float]]:
    """Every main screen once, the worklist with a search, a year back and forth."""
    out: dict[str, list[float]] = defaultdict(list)
    app = new_app(db)
    async with app.run_test(size=SIZE) as pilot:
        await settled(pilot)
        for key in ("a", "left_square_bracket", "right_square_bracket", "s", "w", "slash", "P", "0", "1", "escape",
                    "escape", "i", "p", "r", "h", "d"):
            out[f"key {key}"].append(await timed(pilot, key))
        await pilot.press("q")
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("mode", choices=("keys", "visits", "tour"))
    parser.add_argument("--db", type=Path, required=True, help="database (a copy: the TUI writes its daily backup)")
    parser.add_argument("--repeat", type=int, default=10, help="keys: rounds of each key (default 10)")
    parser.add_argument("--order", type=int, default=0, help="visits: rotate the order of the sections")
    args = parser.parse_args(argv)
    if args.mode == "keys":
        out = asyncio.run(keys(args.db, args.repeat))
    elif args.mode == "visits":
        out = asyncio.run(visits(args.db, args.order))
    else:
        out = asyncio.run(tour(args.db))
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps({"ms": out, "peak_mb": round(peak, 1)}))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

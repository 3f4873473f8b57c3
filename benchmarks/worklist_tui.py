"""Key-to-repaint time of the SMR worklist screen over a 100,000-row worklist.

    python benchmarks/worklist_tui.py [--db PATH] [--repeat 15]

Runs the TUI headless (`run_test(size=(160, 50))`) on a copy of the 10× database of
`build_large.py` (100,044 worklist patients; built once, then cached), or on PATH, opens the
worklist and times, for each key, from the press until the screen has repainted with the
rows it needs (`tui_pilot.timed`). A key bound to nothing is timed the same way between
the others: that is the Pilot's own floor (about 55 ms on an idle machine), so net time ≈
median − floor. `run.py` times a search character and escape in its table (`keys`); this
covers moving through the list, a search and a filter.
"""

from __future__ import annotations

import argparse
import asyncio
import shutil
import statistics
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import build_large  # noqa: E402
from timing import prepare_python  # noqa: E402
from tui_pilot import FLOOR_KEY, SIZE, new_app, settled, timed  # noqa: E402


async def run(path: Path, repeat: int) -> dict[str, list[float]]:
    from pcntui.tui.screens.smr.worklist import WorklistScreen

    results: dict[str, list[float]] = {}
    app = new_app(path)

    def add(name: str, ms: float) -> None:
        results.setdefault(name, []).append(ms)

    async with app.run_test(size=SIZE) as pilot:
        await settled(pilot)
        add("open the SMR overview (s)", await timed(pilot, "s"))
        add("open the worklist (w), first page", await timed(pilot, "w"))
        if not isinstance(app.screen, WorklistScreen):
            raise RuntimeError(f"w opened {type(app.screen).__name__}, not the worklist")
        view = app.screen.view
        for key in ("down", "pagedown"):
            for _ in range(repeat):
                add("no-op key (Pilot floor)", await timed(pilot, FLOOR_KEY))
                add(key, await timed(pilot, key))
        for _ in range(repeat):
            add("no-op key (Pilot floor)", await timed(pilot, FLOOR_KEY))
            add("end", await timed(pilot, "end"))
            add("home", await timed(pilot, "home"))
        for _ in range(max(repeat // 3, 3)):  # typing a search, one character at a time, then clearing it
            await timed(pilot, "slash")
            for ch in "P0123":
                add("type a search character", await timed(pilot, ch))
            add("escape (clears the search)", await timed(pilot, "escape"))
        await timed(pilot, "end")
        for _ in range(repeat):  # backwards from the end: blocks read by offset
            add("pageup (deep in the list)", await timed(pilot, "pageup"))
        for _ in range(max(repeat // 3, 3)):  # a status filter: f → status → completed; the last enter timed
            for key in ("f", "enter"):
                await pilot.press(key)
                await pilot.pause()
            await pilot.press("down", "down", "down", "down")
            add("filter by status (enter)", await timed(pilot, "enter"))
            await timed(pilot, "escape")
        results["rows held in memory at the end"] = [float(view.rows_in_memory)]
        await pilot.press("q")
    return results


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--db", type=Path, help="database with a large worklist (default: a copy of build_large's 10x)")
    ap.add_argument("--repeat", type=int, default=15)
    args = ap.parse_args(argv)
    prepare_python()
    with tempfile.TemporaryDirectory(prefix="pcntui-bench-") as tmp:
        path = args.db
        if path is None:
            path = Path(tmp) / "pcn.db"
            shutil.copyfile(build_large.ensure("10x").db, path)
        results = asyncio.run(run(path, args.repeat))
    floor = statistics.median(results["no-op key (Pilot floor)"])
    print(f"SMR worklist ({path.name}), headless {SIZE[0]}×{SIZE[1]} (textual run_test); times in ms")
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

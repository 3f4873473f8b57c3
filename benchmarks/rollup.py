"""Issue 14: `pcntui rollup` over 50 demo-size PCN files (budget: 2 s on this machine).

    python benchmarks/rollup.py [--files 50] [--runs 5]

Builds (once, into benchmarks/out/rollup-N/) N copies of the demo PCN, each given its own
PCN code and name through a store action, then times the installed program end to end
(`pcntui rollup DIR --json`, a new process each run, median of the runs) and, in this
process, the reading alone with and without worker processes. The held-back check of issue
14 uses files built from national data through `pcntui setup`, not these copies.
"""

from __future__ import annotations

import argparse
import shutil
import sqlite3
import sys
import time
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "benchmarks"))

from timing import median, prepare_python, run  # noqa: E402

TODAY = date(2026, 11, 23)
BUDGET = 2.0


def build(count: int) -> Path:
    from pcntui.demo import write_demo
    from pcntui.store import open_store

    from pcntui.store.schema import SCHEMA_VERSION

    folder = ROOT / "benchmarks" / "out" / f"rollup-{count}"
    files = sorted(folder.glob("*.db")) if folder.is_dir() else []
    if len(files) == count and _schema(files[0]) == SCHEMA_VERSION:  # (an older schema: rebuilt)
        return folder
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    template = folder / "template.tmp"
    write_demo(template, today=TODAY)
    for i in range(count):
        path = folder / f"pcn-{i:02d}.db"
        shutil.copyfile(template, path)
        code = f"U{70000 + i:05d}"
        with open_store(path) as store, store.action("Benchmark copy") as tx:
            tx.execute("PRAGMA defer_foreign_keys = ON")
            tx.execute("UPDATE practice SET pcn_code = ?", [code])
            tx.execute("UPDATE pcn SET code = ?, name = ?", [code, f"Benchmark PCN {i:02d}"])
    template.unlink()
    for leftover in folder.iterdir():  # the copies' backup folders and journals: only files remain
        if leftover.is_dir():
            shutil.rmtree(leftover)
    return folder


def _schema(path: Path) -> int:
    conn = sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True)
    try:
        return conn.execute("PRAGMA user_version").fetchone()[0]
    finally:
        conn.close()


def in_process(folder: Path) -> tuple[float, float]:
    from pcntui.domain.period import Period
    from pcntui.report.rollup import Request, read_all

    files = [str(p) for p in sorted(folder.glob("*.db"))]
    request = Request(Period.make(TODAY))
    read_all(files[:1], request, parallel=False)  # imports and reference data loaded once
    timed = []
    for parallel in (False, True):
        start = time.perf_counter()
        outcomes = read_all(files, request, parallel=parallel)
        timed.append(time.perf_counter() - start)
        assert all(o.row for o in outcomes), [o.reason for o in outcomes if not o.row][:3]
    return timed[0], timed[1]


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--files", type=int, default=50)
    ap.add_argument("--runs", type=int, default=5)
    args = ap.parse_args()
    prepare_python()
    folder = build(args.files)
    exe = Path(sys.executable).parent / "pcntui"
    argv = [exe, "rollup", folder, "--json", "--as-of", TODAY.isoformat()]
    run(argv)  # warm the page cache
    wall = [run(argv).seconds for _ in range(args.runs)]
    serial, parallel = in_process(folder)
    print(f"pcntui rollup of {args.files} demo-size files: median {median(wall):.2f} s over {args.runs} runs "
          f"(min {min(wall):.2f}, max {max(wall):.2f}); budget {BUDGET:.1f} s: "
          f"{'met' if median(wall) <= BUDGET else 'NOT met'}")
    print(f"reading alone, in one process: {serial:.2f} s; in worker processes: {parallel:.2f} s")
    return 0 if median(wall) <= BUDGET else 1


if __name__ == "__main__":
    raise SystemExit(main())

"""A large SMR worklist for benchmarks: the demo PCN plus 100,000 worklist rows, and the
times of the queries the worklist view makes.

    python benchmarks/worklist_data.py [--db PATH] [--rows N] [--force] [--reuse] [--no-timings]

Writes the database (the demo PCN, then a file of N pseudonymous worklist patients across
its practices and cohorts, made by `build_large.py`'s generator, loaded with
`pcntui import smr-worklist`: one action), then times the queries a worklist view makes: a
page (keyset, first and deep), filtered pages, and filtered counts. `build()` is importable.
The databases of issue 12 (`build_large.py`) hold such a worklist too.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
for p in (ROOT, ROOT / "benchmarks"):
    if str(p) not in sys.path:
        sys.path.insert(0, str(p))

import build_large  # noqa: E402
from pcntui.domain.worklist import WorklistFilter  # noqa: E402
from pcntui.store import Store, open_store  # noqa: E402
from pcntui.store.worklist import worklist_count, worklist_page, worklist_page_at  # noqa: E402

TODAY = build_large.TODAY


def build(path: Path, rows: int = 100_000, *, seed: int = 1, force: bool = False) -> Path:
    """Write the demo PCN to `path` and import `rows` worklist patients (one file, one action)."""
    import random

    path = Path(path)
    if path.exists() and not force:
        raise SystemExit(f"{path} exists; use --force to replace it.")
    spec = build_large.Spec("worklist", seed, practices=build_large.DEMO["practices"], new_staff=0,
                            worklist_rows=rows, interventions=build_large.DEMO["interventions"])
    build_large.pcntui("demo", "--db", str(path), "--force", "--as-of", build_large.AS_OF)
    csv_file = path.with_name(f"{path.stem}-worklist.csv")
    build_large.write_csv(csv_file, build_large.WORKLIST_HEADER,
                          build_large.worklist_rows(spec, random.Random(seed), 0, rows))
    try:
        build_large.pcntui("import", "smr-worklist", str(csv_file), "--db", str(path))
    finally:
        csv_file.unlink()
    return path


def _time(fn, repeat: int = 15) -> tuple[float, float]:
    """(median, max) milliseconds of `repeat` runs after one warm-up run."""
    fn()
    runs = []
    for _ in range(repeat):
        t = time.perf_counter()
        fn()
        runs.append((time.perf_counter() - t) * 1000)
    return statistics.median(runs), max(runs)


def timings(store: Store, limit: int = 100) -> list[tuple[str, float, float]]:
    """The queries a worklist view makes, with their median and worst times in ms."""
    everything = WorklistFilter()
    deep_key = worklist_page_at(store, everything, 50_000, 1)[0]
    deep = (deep_key.practice_code, deep_key.reference)
    completed = WorklistFilter(statuses=("completed",))
    narrow = WorklistFilter(practice_code="Y90003", statuses=("invited", "booked"), cohort_code="SEVERE_FRAILTY")
    search = WorklistFilter(search="P0123")
    follow = WorklistFilter(sort="follow_up", follow_up_before=TODAY)
    cases = [
        ("page 1 (100 rows, no filter)", lambda: worklist_page(store, everything, None, limit)),
        ("page after row 50,000 (keyset)", lambda: worklist_page(store, everything, deep, limit)),
        ("page at offset 90,000 (scrollbar jump)", lambda: worklist_page_at(store, everything, 90_000, limit)),
        ("page 1, status = completed", lambda: worklist_page(store, completed, None, limit)),
        ("page 1, practice+status+cohort", lambda: worklist_page(store, narrow, None, limit)),
        ("page 1, search 'P0123'", lambda: worklist_page(store, search, None, limit)),
        ("page 1, follow-up overdue, by date", lambda: worklist_page(store, follow, None, limit)),
        ("count, no filter", lambda: worklist_count(store, everything)),
        ("count, status = completed", lambda: worklist_count(store, completed)),
        ("count, practice+status+cohort", lambda: worklist_count(store, narrow)),
        ("count, search 'P0123'", lambda: worklist_count(store, search)),
        ("count, follow-up overdue", lambda: worklist_count(store, follow)),
    ]
    return [(name, *_time(fn)) for name, fn in cases]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--db", default="/tmp/pcntui-worklist-bench.db", help="database file to write")
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--force", action="store_true", help="replace an existing file")
    parser.add_argument("--reuse", action="store_true", help="time an existing file without rebuilding it")
    parser.add_argument("--no-timings", action="store_true")
    args = parser.parse_args(argv)
    path = Path(args.db)
    if not (args.reuse and path.exists()):
        t = time.perf_counter()
        build(path, args.rows, force=args.force)
        print(f"built {path} with {args.rows:,} worklist rows in {time.perf_counter() - t:.1f} s "
              f"({path.stat().st_size / 1e6:.0f} MB)")
    if args.no_timings:
        return 0
    store = open_store(path)
    try:
        n = worklist_count(store)
        print(f"{n:,} worklist rows; median / worst of 15 runs, ms:")
        for name, median, worst in timings(store):
            print(f"  {name:<42} {median:8.2f} {worst:8.2f}")
    finally:
        store.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

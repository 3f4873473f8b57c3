"""A large SMR worklist for benchmarks: the demo PCN plus 100,000 worklist rows.

    python benchmarks/worklist_data.py [--db PATH] [--rows N] [--force] [--no-timings]

Writes the database (the demo PCN, then N pseudonymous worklist patients across its
practices and cohorts, inserted in one action: the audit triggers fire per row, so this
takes a while), then times the queries a worklist view makes: a page (keyset, first and
deep), filtered pages, and filtered counts. `build()` is importable for other benchmarks
(e.g. the TUI's key-to-repaint benchmark).
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import time
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from pcntui.demo import write_demo  # noqa: E402
from pcntui.domain import nhs_number  # noqa: E402
from pcntui.domain.worklist import WorklistFilter  # noqa: E402
from pcntui.store import Store, open_store  # noqa: E402
from pcntui.store.smr import ensure_reference  # noqa: E402
from pcntui.store.worklist import worklist_count, worklist_page, worklist_page_at  # noqa: E402

TODAY = date(2026, 11, 23)
COHORTS = ("CARE_HOME", "POLYPHARMACY", "MED_ERRORS", "SEVERE_FRAILTY", "ADDICTIVE", "LEARNING_DISABILITY")
STATUS_WEIGHTS = {"identified": 30, "invited": 20, "booked": 8, "completed": 30, "declined": 8, "not_suitable": 4}
REVIEWERS = ("Priya Shah", "Tom Okafor", "Janet Moore", "Dr Helen Marsh", "Liam Walsh")


def _nhs(rng: random.Random) -> str:
    while True:
        first = "999" + f"{rng.randrange(1_000_000):06d}"
        check = nhs_number.check_digit(first)
        if check is not None:
            return first + str(check)


def entries(n: int, practices: list[str], rng: random.Random, fy_start: date, until: date):
    """n worklist rows (dicts for smr_worklist) and their cohort codes."""
    statuses = list(STATUS_WEIGHTS)
    weights = list(STATUS_WEIGHTS.values())
    span = (until - fy_start).days
    for i in range(n):
        status = rng.choices(statuses, weights)[0]
        identified = fy_start + timedelta(days=rng.randrange(max(span // 2, 1)))
        invited = identified + timedelta(days=rng.randint(3, 40)) if status != "identified" else None
        reviewed = (invited + timedelta(days=rng.randint(7, 60))) if status == "completed" else None
        if reviewed and reviewed > until:
            reviewed = until
        row = {
            "practice_code": practices[i % len(practices)],
            "reference": f"P{i:06d}",
            "nhs_number": _nhs(rng) if rng.random() < 0.5 else None,
            "status": status,
            "identified_on": identified.isoformat(),
            "invited_on": invited.isoformat() if invited else None,
            "booked_on": (invited + timedelta(days=5)).isoformat() if status in ("booked", "completed") else None,
            "reviewed_on": reviewed.isoformat() if reviewed else None,
            "reviewer": rng.choice(REVIEWERS) if status in ("booked", "completed") else None,
            "meds_stopped": rng.randint(0, 3) if reviewed else None,
            "meds_changed": rng.randint(0, 2) if reviewed else None,
            "meds_started": rng.randint(0, 1) if reviewed else None,
            "follow_up_due": (reviewed + timedelta(days=rng.choice((28, 42, 90)))).isoformat()
            if reviewed and rng.random() < 0.5 else None,
        }
        cohorts = rng.sample(COHORTS, 2 if rng.random() < 0.15 else 1)
        yield row, cohorts


def build(path: Path, rows: int = 100_000, *, seed: int = 1, today: date = TODAY, force: bool = False) -> Path:
    """Write the demo PCN to `path` and add `rows` worklist patients in one action."""
    path = Path(path)
    if path.exists() and not force:
        raise SystemExit(f"{path} exists; use --force to replace it.")
    write_demo(path, today=today, force=True)
    store = open_store(path)
    try:
        practices = [r["code"] for r in store.query("SELECT code FROM practice ORDER BY code")]
        start = date(today.year if today.month >= 4 else today.year - 1, 4, 1)
        rng = random.Random(seed)
        offset = store.scalar("SELECT coalesce(max(id), 0) FROM smr_worklist")
        with store.action(f"Benchmark: {rows:,} worklist rows") as tx:
            ensure_reference(tx.db)
            batch, links = [], []
            for i, (row, cohorts) in enumerate(entries(rows, practices, rng, start, today), start=1):
                row["id"] = offset + i
                batch.append(row)
                links.extend({"worklist_id": row["id"], "cohort_code": c} for c in cohorts)
                if len(batch) >= 5000:
                    tx.db["smr_worklist"].insert_all(batch)
                    tx.db["smr_worklist_cohort"].insert_all(links)
                    batch, links = [], []
            if batch:
                tx.db["smr_worklist"].insert_all(batch)
                tx.db["smr_worklist_cohort"].insert_all(links)
        store.conn.execute("ANALYZE")
    finally:
        store.close()
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

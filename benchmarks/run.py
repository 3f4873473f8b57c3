"""Every measure of issue 12, each against its anchor in the same run; one table of ratios.

    python benchmarks/run.py [--db 10x|10x-alt|40x] [--big 40x] [--only NAME,...] [--runs N] [--json FILE]
    python benchmarks/run.py --compare-status [--json FILE] [--against FILE]

The databases come from `benchmarks/build_large.py` (built once, then cached); each run works
on copies of them in a temporary folder. Measures (`--only` takes these names):

  status        `pcntui status` vs `sqlite-utils query DB "select count(*) …"`, on --db (goal ≤ 0.8×)
  status-big    the same on --big, the 40× database (goal ≤ 1.0×: flat)
  status-uncached      `pcntui status` right after a real change the user saves (outside the
                timing, through `pcntui`): one row each for a staff member's salary change,
                a practice's SMR counts and an intervention's budget, vs the same anchor, on --db
                (goal ≤ 1.5×)
  status-uncached-big  the same on --big (goal ≤ 1.5×: flat)
  dashboard     dashboard figures on screen (tmux) vs a minimal Textual app's first frame, on --db (≤ 2.0×)
  dashboard-demo  the same on the demo (≤ 1.5×)
  export        `pcntui export smr-worklist` vs `sqlite3 -csv` (≤ 4×, ≤ 40 MB) and vs
                `sqlite-utils rows --csv` (≤ 1.0×); wall time and peak memory
  import        `pcntui import smr-worklist` of a 100,000-row file into the database as it was
                before its worklist (≤ 5 s, ≤ 120 MB)
  keys          headless Pilot, net of the Pilot's floor: one search character and escape in the
                worklist (≤ 30 ms each), `[` and `]` on the ARRS screen (≤ 50 ms)
  visits        first visit of ARRS / SMR / Interventions, a fresh program per round (≤ 120 ms)
  rss-big       the TUI's peak memory over a tour of every main screen on --big (≤ 150 MB)

Programs run in pairs (or triples) with their anchors, the order alternating, and the table
gives the ratio of the medians with the middle half of the per-pair ratios as its spread,
so a busy moment on the machine hits both sides alike. `--json FILE` writes everything
(samples included) for comparing runs. `--compare-status` prints `pcntui status --json` and
a hash of every `pcntui export` of each large database instead; with `--against FILE` (a
file it wrote before) it says whether any figure changed, and exits 1 if one did.
"""

from __future__ import annotations

import argparse
import contextlib
import hashlib
import json
import os
import platform
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import build_large  # noqa: E402
from startup import Terminal, figures_vs_minimal, pcntui_bin  # noqa: E402
from timing import (  # noqa: E402
    Check, Row, Sample, interleaved, median, pair_row, prepare_python, quartiles, run, samples_json, table)

AS_OF = build_large.AS_OF
COUNT_QUERY = "select count(*) from smr_worklist"


def tool(name: str) -> str:
    """A program installed beside this Python (the venv's), else on PATH."""
    beside = Path(sys.executable).with_name(name)
    found = str(beside) if beside.exists() else shutil.which(name)
    if found is None:
        raise SystemExit(f"{name} is not installed (needed as an anchor).")
    return found


@dataclass
class Context:
    """What the measures share: options, the temporary folder and working copies of the databases."""

    db_name: str
    big_name: str
    runs: int
    repeat: int
    work: Path
    log: Callable[[str], None]
    _copies: dict[str, Path] = field(default_factory=dict)
    built_dbs: dict[str, build_large.Built] = field(default_factory=dict)
    _terminal: Terminal | None = None

    def built(self, name: str) -> build_large.Built:
        if name not in self.built_dbs:
            self.built_dbs[name] = build_large.ensure(name, log=self.log)
        return self.built_dbs[name]

    def copy(self, name: str) -> Path:
        """A working copy of the database `name` (runs never touch the cached file)."""
        if name not in self._copies:
            folder = self.work / name
            folder.mkdir()
            self._copies[name] = folder / "pcn.db"
            shutil.copyfile(self.built(name).db, self._copies[name])
        return self._copies[name]

    @property
    def terminal(self) -> Terminal:
        if self._terminal is None:
            self._terminal = Terminal()
        return self._terminal

    def close(self) -> None:
        if self._terminal is not None:
            self._terminal.close()


MEASURES: dict[str, Callable[[Context], list[Row]]] = {}


def measure(name: str):
    def register(fn):
        MEASURES[name] = fn
        return fn

    return register


def pcntui(*args: str) -> list[str]:
    return [pcntui_bin(), *args]


# Real changes a user saves, one per area of the status (each alternates between two values, so
# every run changes the data): (label, argv after `pcntui`, with {db} and {n} filled in).
CHANGES = (
    ("a staff change", ["arrs", "change", "{staff}", "--from", "2026-10-01", "--salary", "4{n}500"]),
    ("SMR counts", ["smr", "counts", "{practice}", "{cohort}", "--date", AS_OF, "--eligible", "400",
                    "--completed", "9{n}"]),
    ("an intervention", ["intervention", "edit", "{intervention}", "--budget", "1000{n}"]),
)


def change_subjects(db: str) -> dict[str, str]:
    """Who the changes are made to: a member of staff in post, a practice's cohort, an intervention."""
    with contextlib.closing(sqlite3.connect(db)) as conn:
        staff = conn.execute("SELECT id FROM staff WHERE end_date IS NULL OR end_date > ? ORDER BY id",
                             [AS_OF]).fetchone()[0]
        practice, cohort = conn.execute("SELECT practice_code, cohort_code FROM smr_count ORDER BY rowid").fetchone()
        intervention = conn.execute("SELECT min(id) FROM intervention").fetchone()[0]
    return {"staff": str(staff), "practice": practice, "cohort": cohort, "intervention": str(intervention)}


def status_row(ctx: Context, name: str, limit: float, *, change: tuple[str, list[str]] | None = None) -> Row:
    """`pcntui status` paired with the anchor; with `change`, right after that change is saved
    (the change itself runs outside the timing, so ours is the check-in the user waits for)."""
    db = str(ctx.copy(name))
    ours = pcntui("status", "--db", db, "--as-of", AS_OF)
    anchor = [tool("sqlite-utils"), "query", db, COUNT_QUERY]
    subjects = change_subjects(db) if change else {}
    turn = [0]

    def status_run() -> Sample:
        if change:
            turn[0] += 1
            argv = [a.format(n=turn[0] % 2 + 1, **subjects) for a in change[1]]
            run(pcntui(*argv, "--db", db), stdout=subprocess.DEVNULL)
        return run(ours)

    a, b = interleaved(status_run, lambda: run(anchor), runs=ctx.runs)
    label = f"`pcntui status`{f' after {change[0]}' if change else ''} ({name})"
    return pair_row(label, a, b, "sqlite-utils count(*)", limit)


@measure("status")
def status(ctx: Context) -> list[Row]:
    return [status_row(ctx, ctx.db_name, 0.8)]


@measure("status-big")
def status_big(ctx: Context) -> list[Row]:
    return [status_row(ctx, ctx.big_name, 1.0)]


@measure("status-uncached")
def status_uncached(ctx: Context) -> list[Row]:
    return [status_row(ctx, ctx.db_name, 1.5, change=c) for c in CHANGES]


@measure("status-uncached-big")
def status_uncached_big(ctx: Context) -> list[Row]:
    return [status_row(ctx, ctx.big_name, 1.5, change=c) for c in CHANGES]


@measure("dashboard")
def dashboard(ctx: Context) -> list[Row]:
    return [figures_vs_minimal(ctx.terminal, ctx.copy(ctx.db_name), ctx.runs, ctx.db_name, 2.0)]


@measure("dashboard-demo")
def dashboard_demo(ctx: Context) -> list[Row]:
    db = ctx.work / "demo" / "demo.db"
    db.parent.mkdir(exist_ok=True)
    run(pcntui("demo", "--db", str(db), "--force", "--as-of", AS_OF))
    return [figures_vs_minimal(ctx.terminal, db, ctx.runs, "demo", 1.5)]


@measure("export")
def export(ctx: Context) -> list[Row]:
    db = str(ctx.copy(ctx.db_name))
    out = ctx.work / "export"
    out.mkdir(exist_ok=True)

    def to_file(argv: list[str], name: str) -> Callable[[], Sample]:
        def go() -> Sample:
            with open(out / name, "wb") as fh:
                return run(argv, stdout=fh)
        return go

    ours = lambda: run(pcntui("export", "smr-worklist", "--db", db, "--as-of", AS_OF,  # noqa: E731
                              "--out", str(out / "pcntui.csv")))
    lite = to_file([tool("sqlite3"), "-csv", "-header", db, "select * from smr_worklist"], "sqlite3.csv")
    utils = to_file([tool("sqlite-utils"), "rows", db, "smr_worklist", "--csv"], "sqlite-utils.csv")
    a, b, c = interleaved(ours, lite, utils, runs=ctx.runs)
    rows_out = sum(1 for _ in open(out / "pcntui.csv", encoding="utf-8")) - 1
    peak = median([s.peak_mb for s in a])
    first = pair_row(f"`export smr-worklist` ({rows_out:,} rows)", a, b, "sqlite3 -csv", 4.0)
    first.ours += f", {peak:.0f} MB"
    first.anchor += f", {median([s.peak_mb for s in b]):.0f} MB"
    first.goal += ", ≤ 40 MB"
    first.checks.append(Check("peak MB", peak, 40))
    second = pair_row("same", a, c, "sqlite-utils rows --csv", 1.0)
    second.anchor += f", {median([s.peak_mb for s in c]):.0f} MB"
    return [first, second]


@measure("import")
def import_(ctx: Context) -> list[Row]:
    built = ctx.built(ctx.db_name)
    rows = sum(1 for _ in open(built.worklist_file, encoding="utf-8")) - 1
    samples = []
    for i in range(max(ctx.runs // 3, 2)):
        folder = ctx.work / f"import-{i}"
        folder.mkdir()
        db = folder / "pcn.db"
        shutil.copyfile(built.base, db)
        samples.append(run(pcntui("import", "smr-worklist", str(built.worklist_file), "--db", str(db))))
        shutil.rmtree(folder)
    seconds, peak = median([s.seconds for s in samples]), median([s.peak_mb for s in samples])
    lo, hi = quartiles([s.seconds for s in samples])
    return [Row(f"`import smr-worklist` ({rows:,} rows)", f"{seconds:.2f} s, {peak:.0f} MB", goal="≤ 5 s, ≤ 120 MB",
                checks=[Check("seconds", seconds, 5), Check("peak MB", peak, 120)],
                spread=f"{lo:.2f}–{hi:.2f} s, n={len(samples)}; CPU {median([s.cpu for s in samples]):.2f} s",
                data={"samples": samples_json(samples)})]


def pilot(ctx: Context, mode: str, db: Path, *args: str) -> tuple[dict[str, list[float]], Sample]:
    """One `tui_pilot.py` child: its milliseconds per measure and its own run (peak memory)."""
    with tempfile.TemporaryFile() as out:
        sample = run([sys.executable, str(HERE / "tui_pilot.py"), mode, "--db", str(db), *args], stdout=out)
        out.seek(0)
        return json.loads(out.read())["ms"], sample


def net_row(label: str, samples: list[float], floor: list[float], limit: float) -> Row:
    net = median(samples) - median(floor)
    lo, hi = quartiles(samples)
    return Row(label, f"{net:.0f} ms net", "Pilot floor " + f"{median(floor):.0f} ms", None, f"≤ {limit:g} ms",
               [Check("net ms", net, limit)],
               f"raw median {median(samples):.0f} ms, middle half {lo:.0f}–{hi:.0f}, n={len(samples)}",
               {"ms": samples, "floor_ms": floor})


@measure("keys")
def keys(ctx: Context) -> list[Row]:
    ms, _ = pilot(ctx, "keys", ctx.copy(ctx.db_name), "--repeat", str(ctx.repeat))
    floor = ms["floor"]
    return [net_row("one search character in the worklist", ms["search character"], floor, 30),
            net_row("escape (clears the search)", ms["escape"], floor, 30),
            net_row("`[` year change on ARRS", ms["year back ["], floor, 50),
            net_row("`]` year change on ARRS", ms["year forward ]"], floor, 50)]


@measure("visits")
def visits(ctx: Context) -> list[Row]:
    db = ctx.copy(ctx.db_name)
    pilot(ctx, "visits", db)  # warm-up: the day's backup, the OS file cache, .pyc files
    found: dict[str, list[float]] = {}
    for order in range(max(ctx.runs // 2, 3)):
        ms, _ = pilot(ctx, "visits", db, "--order", str(order))
        for key, values in ms.items():
            found.setdefault(key, []).extend(values)
    floor = found.pop("floor")
    return [net_row(key, values, floor, 120) for key, values in sorted(found.items())]


@measure("rss-big")
def rss_big(ctx: Context) -> list[Row]:
    db = ctx.copy(ctx.big_name)
    peaks = [pilot(ctx, "tour", db)[1].peak_mb for _ in range(2)]
    return [Row(f"TUI peak RSS ({ctx.big_name}, every main screen)", f"{max(peaks):.0f} MB", goal="≤ 150 MB",
                checks=[Check("peak MB", max(peaks), 150)], spread=f"runs {', '.join(f'{p:.0f}' for p in peaks)} MB",
                data={"peak_mb": peaks})]


# ---------------------------------------------------------------------- before/after figures
def figures(db: Path, work: Path) -> dict:
    """`status --json` of `db` and a hash of every `pcntui export` of it (written under `work`)."""
    status = subprocess.run(pcntui("status", "--json", "--db", str(db), "--as-of", AS_OF), capture_output=True,
                            text=True, check=True).stdout
    subprocess.run(pcntui("export", "all", "--db", str(db), "--as-of", AS_OF, "--out", str(work)), check=True,
                   capture_output=True)
    hashes = {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(work.iterdir())
              if p.name != "history.csv"}  # the audit log: when each action was taken, not a figure
    return {"status": json.loads(status), "exports": hashes}


def differences(before: object, after: object, where: str = "") -> list[str]:
    """Paths at which two JSON documents differ."""
    if isinstance(before, dict) and isinstance(after, dict):
        return [d for k in sorted(set(before) | set(after), key=str)
                for d in differences(before.get(k, "<missing>"), after.get(k, "<missing>"), f"{where}.{k}")]
    if isinstance(before, list) and isinstance(after, list) and len(before) == len(after):
        return [d for i, (x, y) in enumerate(zip(before, after)) for d in differences(x, y, f"{where}[{i}]")]
    return [] if before == after else [f"{where or '.'}: {json.dumps(before)[:80]} → {json.dumps(after)[:80]}"]


def compare_status(ctx: Context, names: list[str], against: Path | None, out: Path | None) -> int:
    doc = {name: figures(ctx.copy(name), ctx.work / f"exports-{name}") for name in names}
    text = json.dumps(doc, indent=1, sort_keys=True)
    if out:
        out.write_text(text + "\n")
    if against is None:
        if not out:
            print(text)
        return 0
    changed = differences(json.loads(against.read_text()), doc)
    for line in changed[:50]:
        print(line)
    print(f"{len(changed)} difference(s) from {against}" if changed else f"identical to {against}: "
          f"status --json and every export of {', '.join(names)}")
    return 1 if changed else 0


# ---------------------------------------------------------------------- the run
def machine() -> dict:
    commit = subprocess.run(["git", "-C", str(HERE), "rev-parse", "--short", "HEAD"], capture_output=True,
                            text=True).stdout.strip()
    return {"cpus": os.cpu_count(), "python": platform.python_version(), "commit": commit,
            "uptime": subprocess.run(["uptime"], capture_output=True, text=True).stdout.strip()}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--db", default="10x", choices=build_large.SPECS, help="database for most measures")
    parser.add_argument("--big", default="40x", choices=build_large.SPECS, help="database for status-big and rss-big")
    parser.add_argument("--only", help=f"comma-separated measures ({', '.join(MEASURES)}; default all)")
    parser.add_argument("--runs", type=int, default=9, help="pairs per paired measure (default 9)")
    parser.add_argument("--repeat", type=int, default=8, help="rounds of each key in `keys` (default 8)")
    parser.add_argument("--json", type=Path, metavar="FILE", help="also write the results (with samples) here")
    parser.add_argument("--compare-status", action="store_true",
                        help="print status --json and export hashes of 10x, 10x-alt and 40x instead of timing")
    parser.add_argument("--against", type=Path, metavar="FILE", help="with --compare-status: compare with this file")
    args = parser.parse_args(argv)
    chosen = args.only.split(",") if args.only else list(MEASURES)
    unknown = [m for m in chosen if m not in MEASURES]
    if unknown:
        parser.error(f"unknown measure {', '.join(unknown)} (known: {', '.join(MEASURES)})")
    log = lambda text: print(text, file=sys.stderr, flush=True)  # noqa: E731
    prepare_python()
    with tempfile.TemporaryDirectory(prefix="pcntui-bench-") as tmp:
        ctx = Context(args.db, args.big, args.runs, args.repeat, Path(tmp), log)
        try:
            if args.compare_status:
                return compare_status(ctx, list(build_large.SPECS), args.against, args.json)
            info = machine()
            log(f"load before: {info['uptime']}")
            rows: list[Row] = []
            for name in chosen:
                started = time.perf_counter()
                log(f"{name}…")
                rows.extend(MEASURES[name](ctx))
                log(f"{name}: {time.perf_counter() - started:.0f} s")
            info["uptime_after"] = subprocess.run(["uptime"], capture_output=True, text=True).stdout.strip()
        finally:
            ctx.close()
    print(f"pcntui benchmarks (issue 12) · db {args.db} · big {args.big} · commit {info['commit']} · "
          f"{info['cpus']} CPUs · Python {info['python']}")
    print(f"load before: {info['uptime']}\nload after:  {info['uptime_after']}\n")
    print(table(rows))
    if args.json:
        doc = {"machine": info, "db": args.db, "big": args.big, "runs": args.runs,
               "databases": {n: b.manifest for n, b in ctx.built_dbs.items()}, "rows": [r.as_json() for r in rows]}
        args.json.write_text(json.dumps(doc, indent=1) + "\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

"""How long the shell check-ins take, on the demo and on a large generated PCN.

    python benchmarks/cli_speed.py [--runs N] [--staff N] [--keep DIR]

Builds (in a temporary folder) the demo database, and a large one: the demo plus N extra
ARRS staff spread over six financial years and three years of monthly SMR counts, loaded
through the real `pcntui import` commands. Then times, as a user would meet them (a new
process each run, median of N): `--help`, `--version`, `status`, `status --json`,
`export arrs`, `export arrs-summary`, `export smr`.
"""

from __future__ import annotations

import argparse
import csv
import random
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

from dateutil.relativedelta import relativedelta

AS_OF = "2026-11-23"
ROLES = [
    ("Clinical Pharmacist", 48000, 58000), ("Pharmacy Technician", 30000, 36000),
    ("Social Prescribing Link Worker", 27000, 31000), ("Care Coordinator", 25000, 27000),
    ("First Contact Physiotherapist", 46000, 55000), ("Paramedic", 45000, 52000),
    ("Health and Wellbeing Coach", 27000, 31000), ("Advanced Practitioner", 55000, 62000),
]
COHORTS = ["Care home residents", "Complex polypharmacy", "Severe frailty", "Potentially addictive medicines"]


def pcntui(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "pcntui", *args], capture_output=True, text=True, check=False)


def build_large(path: Path, staff: int, rng: random.Random) -> None:
    pcntui("demo", "--db", str(path), "--force", "--as-of", AS_OF)
    folder = path.parent
    staff_csv = folder / "staff.csv"
    with open(staff_csv, "w", newline="") as fh:
        w = csv.writer(fh)
        w.writerow(["name", "role", "wte", "start_date", "end_date", "fte_salary", "oncost_pct", "arrs_funded"])
        for i in range(staff):
            role, low, high = rng.choice(ROLES)
            start = date(2021, 4, 1) + relativedelta(days=rng.randrange(0, 5 * 365))
            end = start + relativedelta(days=rng.randrange(200, 1500)) if rng.random() < 0.4 else None
            w.writerow([f"Bench Person {i:04d}", role, rng.choice(["1", "0.8", "0.6", "0.5"]), start.isoformat(),
                        end.isoformat() if end else "", rng.randrange(low, high), "", "yes"])
    counts_csv = folder / "counts.csv"
    with open(counts_csv, "w", newline="") as fh:
        w = csv.writer(fh)
        w.writerow(["practice_code", "cohort", "as_of", "eligible", "completed"])
        for practice in [f"Y9000{i}" for i in range(1, 7)]:
            for cohort in COHORTS:
                eligible = rng.randrange(80, 400)
                for fy in (2024, 2025):
                    done = 0
                    for m in range(12):
                        day = date(fy, 4, 1) + relativedelta(months=m, day=28)
                        done = min(eligible, done + rng.randrange(0, 12))
                        w.writerow([practice, cohort, day.isoformat(), eligible, done])
    for kind, f in (("staff", staff_csv), ("smr-counts", counts_csv)):
        p = pcntui("import", kind, str(f), "--db", str(path))
        if p.returncode != 0:
            raise SystemExit(f"import {kind} failed: {p.stderr}")


def median_ms(args: list[str], runs: int) -> float:
    times = []
    for _ in range(runs):
        t = time.perf_counter()
        p = pcntui(*args)
        times.append((time.perf_counter() - t) * 1000)
        if p.returncode not in (0, 1):
            raise SystemExit(f"{' '.join(args)} failed: {p.stderr}")
    return statistics.median(times)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--runs", type=int, default=7)
    ap.add_argument("--staff", type=int, default=400)
    ap.add_argument("--keep", type=Path, help="build in this folder and keep it")
    args = ap.parse_args()
    folder = args.keep or Path(tempfile.mkdtemp(prefix="pcntui-bench-"))
    folder.mkdir(parents=True, exist_ok=True)
    demo, large = folder / "demo.db", folder / "large" / "large.db"
    large.parent.mkdir(exist_ok=True)
    pcntui("demo", "--db", str(demo), "--force", "--as-of", AS_OF)
    t = time.perf_counter()
    build_large(large, args.staff, random.Random(7))
    print(f"built large PCN ({args.staff} extra staff, 2 years of SMR counts) in {time.perf_counter() - t:.1f} s")
    print(f"\n{'command':<34}{'demo ms':>10}{'large ms':>10}   (median of {args.runs}, new process each)")
    for label, cmd in [
        ("--help", ["--help"]), ("--version", ["--version"]),
        ("status", ["status", "--as-of", AS_OF]), ("status --json", ["status", "--json", "--as-of", AS_OF]),
        ("export arrs", ["export", "arrs", "--as-of", AS_OF]),
        ("export arrs-summary", ["export", "arrs-summary", "--as-of", AS_OF]),
        ("export smr", ["export", "smr", "--as-of", AS_OF]),
    ]:
        d = median_ms([*cmd, "--db", str(demo)] if cmd[0].startswith(("status", "export")) else cmd, args.runs)
        g = median_ms([*cmd, "--db", str(large)] if cmd[0].startswith(("status", "export")) else cmd, args.runs)
        print(f"{label:<34}{d:>10.0f}{g:>10.0f}")


if __name__ == "__main__":
    main()

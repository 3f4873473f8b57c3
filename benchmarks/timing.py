"""Timing helpers shared by the benchmarks: a child process's wall time, CPU time and peak
memory; runs of two programs interleaved in pairs; medians and the spread of the pairs.

The machine is shared and noisy, so a measure is never compared with a number taken at
another moment: each run of ours is paired with a run of its anchor taken right before or
after it (the order alternates), and the ratio of the medians is reported with the middle
half (25th–75th percentile) of the per-pair ratios as its spread.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Sample:
    """One run: wall seconds, CPU seconds (user + system) and peak resident memory in MB."""

    seconds: float
    cpu: float = 0.0
    peak_mb: float = 0.0


class RunFailed(Exception):
    """A benchmarked command did not succeed (the message holds the end of its stderr)."""


def prepare_python() -> None:
    """Let the programs measured here run as installed ones do, from compiled `.pyc` files:
    drop PYTHONDONTWRITEBYTECODE (set in CI and some shells; it makes every start compile
    pcntui from source) for this process and its children, and compile pcntui once now."""
    import importlib.util

    os.environ.pop("PYTHONDONTWRITEBYTECODE", None)
    sys.dont_write_bytecode = False
    spec = importlib.util.find_spec("pcntui")
    if spec is not None and spec.origin:
        subprocess.run([sys.executable, "-m", "compileall", "-q", os.path.dirname(spec.origin)],
                       stdout=subprocess.DEVNULL, check=False)


TIME = "/usr/bin/time"  # GNU time: forked from a small process, its child's peak memory is its own


def run(argv: Sequence[str], *, ok: tuple[int, ...] = (0,), stdout=subprocess.DEVNULL,
        env: dict[str, str] | None = None) -> Sample:
    """Run `argv` to the end; its wall time, CPU time and peak RSS.

    A child forked from this (larger) process starts its peak-memory count at this process's
    size, so the peak comes from GNU time, which forks the program from itself (a few MB);
    without it, from the kernel's rusage of the child (then an overestimate)."""
    argv = [str(a) for a in argv]
    with tempfile.TemporaryFile() as err, tempfile.NamedTemporaryFile("r") as peak:
        wrapped = [TIME, "-f", "%M", "-o", peak.name, *argv] if os.path.exists(TIME) else argv
        start = time.perf_counter()
        proc = subprocess.Popen(wrapped, stdout=stdout, stderr=err, stdin=subprocess.DEVNULL, env=env)
        _, status, usage = os.wait4(proc.pid, 0)
        seconds = time.perf_counter() - start
        proc.returncode = code = os.waitstatus_to_exitcode(status)
        if code not in ok:
            err.seek(0)
            tail = err.read().decode(errors="replace")[-2000:]
            raise RunFailed(f"{' '.join(argv)} exited {code}:\n{tail}")
        reported = peak.read().split()
        kb = int(reported[-1]) if wrapped is not argv and reported else usage.ru_maxrss
    return Sample(seconds, usage.ru_utime + usage.ru_stime, kb / 1024)


def interleaved(*programs: Callable[[], Sample], runs: int, warmup: int = 1) -> list[list[Sample]]:
    """`runs` rounds of every program, one after the other, the order rotating from round to
    round (so no program always runs first, or always right after a given other), after
    `warmup` untimed rounds. One list of samples per program."""
    for _ in range(warmup):
        for program in programs:
            program()
    out: list[list[Sample]] = [[] for _ in programs]
    n = len(programs)
    for i in range(runs):
        order = list(range(n))[i % n:] + list(range(n))[:i % n]
        if (i // n) % 2:
            order.reverse()
        for k in order:
            out[k].append(programs[k]())
    return out


def median(values: Sequence[float]) -> float:
    return statistics.median(values)


def quartiles(values: Sequence[float]) -> tuple[float, float]:
    """25th and 75th percentiles (the values themselves for fewer than two)."""
    if len(values) < 2:
        return (values[0], values[0]) if values else (float("nan"), float("nan"))
    q = statistics.quantiles(values, n=4, method="inclusive")
    return q[0], q[2]


@dataclass
class Check:
    """One goal: `value` must be at most `limit` (ratios, milliseconds, seconds, MB)."""

    label: str
    value: float
    limit: float

    @property
    def met(self) -> bool:
        return self.value <= self.limit


@dataclass
class Row:
    """A line of the results table, with what it was computed from for `--json`."""

    measure: str
    ours: str
    anchor: str = "—"
    ratio: float | None = None
    goal: str = ""
    checks: list[Check] = field(default_factory=list)
    spread: str = ""
    data: dict = field(default_factory=dict)

    @property
    def met(self) -> bool | None:
        return all(c.met for c in self.checks) if self.checks else None

    def as_json(self) -> dict:
        return {"measure": self.measure, "ours": self.ours, "anchor": self.anchor, "ratio": self.ratio,
                "goal": self.goal, "met": self.met, "spread": self.spread,
                "checks": [{"label": c.label, "value": c.value, "limit": c.limit, "met": c.met} for c in self.checks],
                "data": self.data}


def pair_row(measure: str, ours: list[Sample], anchor: list[Sample], anchor_name: str, limit: float,
             **extra: object) -> Row:
    """A row for a paired measure: ratio of the medians, spread of the per-pair ratios."""
    mo, ma = median([s.seconds for s in ours]), median([s.seconds for s in anchor])
    ratios = [o.seconds / a.seconds for o, a in zip(ours, anchor)]
    lo, hi = quartiles(ratios)
    spread = f"pairs {lo:.2f}–{hi:.2f}×, n={len(ratios)}"
    if median([s.cpu for s in anchor]) > 0:  # known for programs run by `run` (not for a terminal's)
        spread += f"; CPU {median([s.cpu for s in ours]) / median([s.cpu for s in anchor]):.2f}×"
    return Row(measure, seconds_text(mo), f"{anchor_name} {seconds_text(ma)}", mo / ma, f"≤ {limit:g}×",
               [Check("ratio", mo / ma, limit)], spread,
               {"ours": samples_json(ours), "anchor": samples_json(anchor), **extra})


def samples_json(samples: list[Sample]) -> list[dict]:
    return [{"seconds": round(s.seconds, 5), "cpu": round(s.cpu, 5), "peak_mb": round(s.peak_mb, 1)}
            for s in samples]


def seconds_text(seconds: float) -> str:
    return f"{seconds * 1000:.0f} ms" if seconds < 1 else f"{seconds:.2f} s"


def table(rows: list[Row]) -> str:
    """The results as a plain-text table like the issue's."""
    head = ("measure", "pcntui", "anchor", "ratio", "goal", "met", "spread")
    body = [(r.measure, r.ours, r.anchor, "—" if r.ratio is None else f"{r.ratio:.2f}×", r.goal,
             {True: "yes", False: "NO", None: "—"}[r.met], r.spread) for r in rows]
    widths = [max(len(str(line[i])) for line in (head, *body)) for i in range(len(head))]
    out = ["  ".join(str(cell).ljust(w) for cell, w in zip(line, widths)).rstrip() for line in (head, *body)]
    out.insert(1, "  ".join("-" * w for w in widths))
    return "\n".join(out)

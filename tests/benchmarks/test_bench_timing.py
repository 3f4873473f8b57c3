"""The benchmark's own measuring helpers (benchmarks/timing.py): child rusage, interleaving,
ratios and the table."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "benchmarks"))

from timing import Check, Row, RunFailed, Sample, interleaved, pair_row, quartiles, run, table  # noqa: E402


def test_run_reports_the_peak_memory_of_that_child_only():
    big = run([sys.executable, "-c", "b = bytearray(120 * 1024 * 1024); b[::4096] = b'x' * len(b[::4096])"])
    small = run([sys.executable, "-c", "pass"])
    assert big.peak_mb >= 120
    assert small.peak_mb < 60
    assert small.seconds > 0 and small.cpu >= 0


def test_run_fails_with_the_end_of_stderr_and_accepts_listed_exit_codes():
    with pytest.raises(RunFailed, match="no such thing"):
        run([sys.executable, "-c", "import sys; sys.exit('no such thing')"])
    assert run([sys.executable, "-c", "import sys; sys.exit(1)"], ok=(0, 1)).seconds > 0


def test_interleaved_rotates_the_order_and_keeps_samples_per_program():
    calls: list[str] = []

    def program(name: str, seconds: float):
        def go() -> Sample:
            calls.append(name)
            return Sample(seconds)
        return go

    a, b = interleaved(program("a", 1.0), program("b", 2.0), runs=4, warmup=1)
    assert [s.seconds for s in a] == [1.0] * 4 and [s.seconds for s in b] == [2.0] * 4
    rounds = [calls[i:i + 2] for i in range(2, len(calls), 2)]  # after the warm-up round
    assert [r[0] for r in rounds].count("a") == 2  # each goes first half the time
    calls.clear()
    interleaved(program("a", 1), program("b", 1), program("c", 1), runs=3, warmup=0)
    assert [calls[i] for i in (0, 3, 6)] == ["a", "b", "c"]


def test_pair_row_gives_the_ratio_of_medians_the_spread_of_pairs_and_whether_the_goal_is_met():
    ours = [Sample(s, cpu=s / 2) for s in (0.30, 0.32, 0.90)]  # one disturbed run
    anchor = [Sample(s, cpu=s / 2) for s in (0.10, 0.10, 0.30)]
    row = pair_row("status", ours, anchor, "count(*)", 0.8)
    assert row.ratio == pytest.approx(3.2)
    assert row.met is False
    assert "pairs 3.00–3.10×, n=3" in row.spread
    assert row.as_json()["checks"] == [{"label": "ratio", "value": pytest.approx(3.2), "limit": 0.8, "met": False}]
    assert pair_row("status", anchor, ours, "count(*)", 0.8).met is True


def test_quartiles_of_one_value_and_of_several():
    assert quartiles([5.0]) == (5.0, 5.0)
    assert quartiles([1.0, 2.0, 3.0, 4.0, 5.0]) == (2.0, 4.0)


def test_table_has_every_column_and_says_no_when_a_goal_is_missed():
    rows = [Row("import", "24.9 s", goal="≤ 5 s", checks=[Check("seconds", 24.9, 5)]),
            Row("rss", "140 MB", goal="≤ 150 MB", checks=[Check("MB", 140, 150)]),
            Row("note", "—")]
    text = table(rows).splitlines()
    assert text[0].split() == ["measure", "pcntui", "anchor", "ratio", "goal", "met", "spread"]
    assert "NO" in text[2] and "yes" in text[3] and text[4].split()[-1] == "—"

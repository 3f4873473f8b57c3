"""benchmarks/run.py's before/after check: the figures of a database built from a seed are
the same every time it is built, and any changed figure is named."""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "benchmarks"))

import build_large  # noqa: E402
import run  # noqa: E402


def test_differences_name_the_paths_that_changed():
    before = {"status": {"arrs": {"forecast": 10.5, "staff": [1, 2]}, "pcn": "U1"}, "exports": {"smr.csv": "ab"}}
    after = {"status": {"arrs": {"forecast": 10.6, "staff": [1, 3]}, "pcn": "U1"}, "exports": {"smr.csv": "ab",
                                                                                              "new.csv": "cd"}}
    assert run.differences(before, before) == []
    assert run.differences(before, after) == [
        '.exports.new.csv: "<missing>" → "cd"',
        ".status.arrs.forecast: 10.5 → 10.6",
        ".status.arrs.staff[1]: 2 → 3",
    ]
    assert run.differences([1, 2], [1, 2, 3]) == [".: [1, 2] → [1, 2, 3]"]


def test_a_database_built_twice_from_one_seed_has_the_same_figures(tmp_path):
    spec = build_large.Spec("twice", 7, practices=7, new_staff=10, worklist_rows=40, interventions=5)
    first = build_large.ensure(spec, out=tmp_path / "a", log=lambda _: None)
    second = build_large.ensure(spec, out=tmp_path / "b", log=lambda _: None)
    one, two = run.figures(first.db, tmp_path / "x1"), run.figures(second.db, tmp_path / "x2")
    assert one["status"]["pcn"]["practices"] == 7
    assert "smr-worklist.csv" in one["exports"] or any("worklist" in name for name in one["exports"])
    assert run.differences(one, two) == []

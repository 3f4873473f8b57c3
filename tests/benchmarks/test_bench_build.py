"""The large benchmark databases (benchmarks/build_large.py): the sizes issue 12 names,
reproducible from the seed, and files the real importers accept."""

from __future__ import annotations

import csv
import random
import sqlite3
import sys
from contextlib import closing
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "benchmarks"))

import build_large as b  # noqa: E402


def rows(generator) -> list[list[str]]:
    return [[str(v) for v in row] for row in generator]


def test_the_specs_have_the_sizes_of_the_issue():
    ten, forty, alt = b.SPECS["10x"], b.SPECS["40x"], b.SPECS["10x-alt"]
    assert (ten.practices, b.DEMO["staff"] + ten.new_staff, b.DEMO["worklist"] + ten.worklist_rows,
            ten.interventions) == (20, 533, 100_044, 50)  # the demo's 33 staff (issue 10) + 500
    assert len(rows(b.count_rows(ten, random.Random(1)))) == 6_600
    assert (forty.practices, forty.new_staff, forty.worklist_rows, forty.interventions) == (80, 2000, 400_000, 200)
    assert (alt.practices, alt.new_staff, alt.worklist_rows, alt.interventions) == (20, 500, 100_000, 50)
    assert alt.seed != ten.seed and alt.mix != ten.mix


def test_the_same_seed_writes_the_same_rows_and_another_seed_or_mix_other_rows():
    spec = b.SPECS["10x"]

    def sample(s: b.Spec) -> list:
        rng = random.Random(s.seed)
        return rows(b.staff_rows(s, rng)) + rows(b.worklist_rows(s, rng, 0, 500))

    assert sample(spec) == sample(spec)
    assert sample(spec) != sample(b.Spec.times_ten("other", spec.seed + 1))
    assert sample(spec) != sample(b.Spec.times_ten("mix", spec.seed, mix=b.DIFFERENT))


def test_the_cache_key_follows_seed_sizes_mix_and_generator(monkeypatch):
    spec = b.SPECS["10x"]
    assert spec.key() == b.Spec.times_ten("10x", spec.seed).key()
    assert spec.key() != b.Spec.times_ten("10x", spec.seed + 1).key()
    assert spec.key() != b.Spec.times_ten("10x", spec.seed, scale=4).key()
    assert spec.key() != b.SPECS["10x-alt"].key()
    before = spec.key()
    monkeypatch.setattr(b, "GENERATOR", b.GENERATOR + 1)
    assert spec.key() != before


def test_a_small_build_goes_through_the_real_imports_and_is_reused(tmp_path):
    spec = b.Spec("small", 5, practices=7, new_staff=12, worklist_rows=60, interventions=5, mix=b.DIFFERENT)
    built = b.ensure(spec, out=tmp_path, log=lambda _: None)
    assert built.manifest["rows"]["practice"] == 7
    assert built.manifest["rows"]["staff"] == b.DEMO["staff"] + 12
    assert built.manifest["rows"]["smr_count"] == 7 * 6 * 55
    assert built.manifest["rows"]["smr_worklist"] == b.DEMO["worklist"] + 60
    assert built.manifest["rows"]["intervention"] == 5
    assert not list(built.folder.glob("*-backups")) and not (built.folder / "pcn.db-wal").exists()
    with closing(sqlite3.connect(built.base)) as con:  # the database before its worklist, for timing that import
        assert con.execute("SELECT count(*) FROM smr_worklist").fetchone()[0] == b.DEMO["worklist"]
    with closing(sqlite3.connect(built.db)) as con:  # the update file marked its patients completed
        updated = [r[1] for r in csv.reader(open(built.folder / "worklist-update.csv"))][1:]
        statuses = {s for (s,) in con.execute(
            f"SELECT status FROM smr_worklist WHERE reference IN ({','.join('?' * len(updated))})", updated)}
        assert statuses == {"completed"}
    stamp = built.db.stat().st_mtime_ns
    assert b.ensure(spec, out=tmp_path, log=lambda _: None).db.stat().st_mtime_ns == stamp  # cached

"""Bounded runs of the trials that go through the installed program (benchmarks/trials.py runs
the full ones): the issue's reproduction for every import KIND, a few hostile flags, hostile text
on a terminal, bad database files. And the trials are not blind: a program that crashes, accepts
nonsense or changes a file it refused is counted as such."""

from __future__ import annotations

import stat

import pytest

from tests.reliability import input_trials
from tests.reliability.trial_kit import Summary

SEED = 8


@pytest.fixture(scope="module")
def workdir(tmp_path_factory):
    return tmp_path_factory.mktemp("trials")


def clean(summary: Summary, n: int) -> None:
    assert summary.trials == n
    assert (summary.failures, summary.tracebacks, summary.nonsense, summary.changed) == (0, 0, 0, 0), summary.notes


def test_imports_refuse_the_issues_nonsense(workdir):
    """The first reproduction of 4 KINDs (the in-process fuzz covers every KIND, 48 files each)."""
    clean(input_trials.fuzz_import(4, SEED, workdir), 4)


def test_hostile_flags(workdir):
    clean(input_trials.hostile_flags(4, SEED, workdir), 4)


def test_hostile_text_on_a_terminal(workdir):
    clean(input_trials.hostile_text(2, SEED, workdir), 2)


def test_bad_files(workdir):
    clean(input_trials.bad_files(3, SEED, workdir), 3)


FAKE = """#!/bin/sh
# A pcntui that misbehaves in the way $MODE says.
db=""; prev=""
for a in "$@"; do [ "$prev" = "--db" ] && db="$a"; case "$a" in --db=*) db="${a#--db=}";; esac; prev="$a"; done
case "$MODE" in
  crash) echo "Traceback (most recent call last):" >&2; echo "OverflowError: int too large" >&2; exit 1;;
  accept) echo "done"; exit 0;;
  change) printf 'x' >> "$db"; echo "pcntui: refused." >&2; exit 2;;
esac
"""


@pytest.mark.parametrize("mode", ["crash", "accept", "change"])
def test_the_trials_see_what_they_look_for(mode, workdir, tmp_path, monkeypatch):
    fake = tmp_path / "pcntui"
    fake.write_text(FAKE)
    fake.chmod(fake.stat().st_mode | stat.S_IEXEC)
    monkeypatch.setenv("PCNTUI_PROGRAM", str(fake))
    monkeypatch.setenv("MODE", mode)
    runs = [input_trials.fuzz_import(2, SEED, workdir), input_trials.hostile_flags(2, SEED, workdir),
            input_trials.bad_files(2, SEED, workdir)]
    for s in runs:
        assert s.failures == s.trials == 2, (mode, s)
        assert {"crash": s.tracebacks, "accept": s.nonsense + s.failures, "change": s.changed}[mode] > 0, (mode, s)
    if mode == "crash":
        assert input_trials.hostile_text(1, SEED, workdir).tracebacks == 1
        files = input_trials.fuzz_import(55, SEED, workdir)  # 5 per KIND: hypothesis draws the ones after the reproductions
        assert files.trials == files.tracebacks == 55

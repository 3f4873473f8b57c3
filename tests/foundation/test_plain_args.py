"""Plain `pcntui [--db PATH] [--as-of DATE]` is read without argparse (the TUI paints sooner); it
must read every command line exactly as argparse does, or leave it to argparse."""

from __future__ import annotations

import subprocess
import sys

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from pcntui.cli.main import plain_tui_args
from pcntui.cli.parser import tui_args

WORDS = ["--db", "--as-of", "--db=a.db", "--as-of=2026-11-23", "--db=", "--as-of=", "--db=-x", "--db==x",
         "--d", "--as", "--as-o", "--dbx", "--as-of-x", "--as_of", "-d", "-h", "--help", "--version", "--",
         "-", "-1", "-x", "", " ", "a.db", "a b", "=x", "2026-11-23", "status", "demo", "--fy", "x=y", "--db x"]


def argparse_reads(argv: list[str]) -> dict | None:
    args = tui_args(argv)
    return None if args is None else vars(args)


@settings(max_examples=400)
@given(st.lists(st.sampled_from(WORDS) | st.text(max_size=6), max_size=6))
@example(["--db", "-x"])
@example(["--db", "a", "--db", "b", "--as-of", "c"])
@example(["--db", "--as-of", "x"])
@example(["--as-of"])
def test_plain_command_lines_are_read_as_argparse_reads_them(argv):
    """Whatever the plain reading accepts, argparse accepts too, with the same values; what it
    leaves (None) goes to argparse, as every command line did before."""
    plain = plain_tui_args(argv)
    if plain is not None:
        assert vars(plain) == argparse_reads(argv), argv


@pytest.mark.parametrize("argv, expected", [
    ([], {"as_of": None}),
    (["--db", "f.db"], {"db": "f.db", "as_of": None}),
    (["--db=f.db"], {"db": "f.db", "as_of": None}),
    (["--as-of", "2026-11-23"], {"as_of": "2026-11-23"}),
    (["--as-of=23/11/2026"], {"as_of": "23/11/2026"}),
    (["--as-of", "2026-11-23", "--db", "my file.db"], {"db": "my file.db", "as_of": "2026-11-23"}),
    (["--db", "a.db", "--db", "b.db"], {"db": "b.db", "as_of": None}),
    (["--db", ""], {"db": "", "as_of": None}),
    (["--db=-odd.db"], {"db": "-odd.db", "as_of": None}),
])
def test_the_plain_forms_are_read_without_argparse(argv, expected):
    plain = plain_tui_args(argv)
    assert plain is not None and vars(plain) == expected == argparse_reads(argv)


@pytest.mark.parametrize("argv", [
    ["--help"], ["-h"], ["--version"], ["status"], ["--db"], ["--db", "-x"], ["--d", "f.db"], ["--as", "2026-11-23"],
    ["--", "--db", "f"], ["--db", "f", "status"], ["--fy", "2026/27"], ["--db", "f", "extra"],
])
def test_anything_else_is_left_to_argparse(argv):
    assert plain_tui_args(argv) is None


def test_plain_pcntui_loads_no_argparse_and_no_command_registry(tmp_path):
    """A fresh process, as `pcntui --db F --as-of D` starts (the TUI itself replaced by a stub)."""
    code = ("import sys\nimport pcntui.cli.main as m\n"
            "m.run_tui = lambda args: print(sorted(vars(args).items()), sorted(sys.modules)) or 0\n"
            f"m.main(['--db', {str(tmp_path / 'f.db')!r}, '--as-of', '2026-11-23'])\n")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert f"('db', {str(tmp_path / 'f.db')!r})" in out
    loaded = set(out.split("] [", 1)[1].strip(" ]\n").replace("'", "").split(", "))
    assert "pcntui.cli.main" in loaded
    assert not {"argparse", "gettext", "pcntui.cli.parser", "pcntui.cli.registry"} & loaded

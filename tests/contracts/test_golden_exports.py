"""`pcntui export KIND` writes the same bytes as before the restructure of issue 9.

The golden files (tests/contracts/golden/, recorded by make.py with the code of v0.1 + issues
8, 10 and 13) are every export KIND on the demo for two years. Both paths are held to them:
`export all --out DIR` (files, with a BOM) and `export KIND` to stdout (no BOM).
"""

from __future__ import annotations

import pytest

from pcntui.cli.main import main
from tests.contracts.golden import AS_OF, KINDS, UNRECORDED, YEARS, file_of


@pytest.mark.parametrize("fy", YEARS)
def test_export_all_matches_golden_files(fy, demo_db, tmp_path):
    out = tmp_path / "out"
    assert main(["export", "all", "--fy", fy, "--as-of", AS_OF, "--db", str(demo_db), "--out", str(out)]) == 0
    written = {p.name: p.read_bytes() for p in out.iterdir()}
    assert sorted(written) == sorted(f"{kind}.csv" for kind in (*KINDS, *UNRECORDED))
    for kind in KINDS:
        assert written[f"{kind}.csv"] == file_of(fy, kind).read_bytes(), f"export {kind} --fy {fy} changed"


@pytest.mark.parametrize("kind", KINDS)
def test_export_to_stdout_matches_golden_file(kind, demo_db, capsysbinary):
    fy = YEARS[-1]
    assert main(["export", kind, "--fy", fy, "--as-of", AS_OF, "--db", str(demo_db)]) == 0
    golden = file_of(fy, kind).read_bytes()
    assert golden.startswith("\ufeff".encode())
    assert capsysbinary.readouterr().out == golden[3:]

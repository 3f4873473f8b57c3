"""Two PCNs set up through `pcntui setup` from different national files: the roll-up gives each
one's own `status --json` figures, by JSON and by CSV, and leaves both files as they were."""

from __future__ import annotations

import csv
import io
import json
from decimal import Decimal

from tests.conftest import AGE_FILE, IMD_FILE, MAP_FILE, WORKFORCE_FILE
from tests.rollup.conftest import fingerprint, pcntui, status_json
from tests.rollup.test_rollup_cli import COLUMNS, MONEY, check_total, expected_row


def test_two_real_pcns(shared_data, tmp_path):
    folder = tmp_path / "icb"
    folder.mkdir()
    a, b = folder / "a.db", folder / "b.db"
    pcntui("setup", "--pcn", "U99438", "--practices", shared_data / MAP_FILE, "--list-sizes", shared_data / AGE_FILE,
           "--imd", shared_data / IMD_FILE, "--db", a)
    pcntui("import", "workforce", shared_data / WORKFORCE_FILE, "--db", a)
    pcntui("arrs", "seed-roster", "--db", a)
    pcntui("arrs", "entitlement", "--fy", "2026/27", "--weighted-population", "61000", "--db", a)
    pcntui("setup", "--pcn", "U24558", "--practices", shared_data / MAP_FILE, "--db", b)
    pcntui("arrs", "entitlement", "--fy", "2026/27", "--weighted-population", "30500", "--db", b)
    for extra in ([], ["--fy", "2025/26"]):
        statuses = {p: status_json(p, *extra) for p in (a, b)}
        before = fingerprint(folder)
        doc = json.loads(pcntui("rollup", folder, "--json", *extra).stdout)
        out = tmp_path / "rollup.csv"
        pcntui("rollup", folder, "--out", out, *extra)
        assert fingerprint(folder) == before
        assert doc["skipped"] == []
        want = sorted((expected_row(s, str(p)) for p, s in statuses.items()), key=lambda r: r["pcn_code"])
        assert doc["pcns"] == want
        assert want[1]["patients"] > 0 and want[0]["arrs_claimable_to_date"] is not None
        check_total(doc)
        rows = list(csv.DictReader(io.StringIO(out.read_text(encoding="utf-8-sig"))))
        for got, row in zip(rows, [*want, doc["total"]]):
            for c in COLUMNS:
                value = row[c]
                text = "" if value is None else f"{Decimal(str(value)):.2f}" if c in MONEY else str(value)
                assert got[c] == text, (c, got[c], text)

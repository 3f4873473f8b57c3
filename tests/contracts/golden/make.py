"""Record the golden export files: every `pcntui export KIND` on the demo, for two years.

Run once, before the views restructure (issue 9), with the code of that time:
    .venv/bin/python tests/contracts/golden/make.py
test_golden_exports.py then holds every later version to these bytes (change them only for a
reasoned behaviour change, named in the commit).

Re-recorded once since (issue 10, branch i10-year): the demo itself changed on purpose (GPs,
general practice nurses by band, a second MHP at 100%, pay awards, a growing weighted population,
current DES items). Before re-recording, the files of commit d4ec573 were checked to still match
byte for byte with the old demo on the new code, so only the demo data moved. arrs-claims (issue 13)
was recorded on the old demo and re-recorded at the merge with the new one (only it changed).
requirements (issue 9, design §2.15 item 15): `--fy` now keeps that year's requirements only; the
files were re-written as the old files' rows of that year (checked line for line), nothing else.
Round 4 (issue 9): the kinds `export all` gained (arrs-roster … alerts) were recorded; the files
already held were re-recorded by the same run and did not change. Then (issue 11 item 7, exports in
words) interventions.csv (`stage` in words, `stage_code` added) and requirements.csv (`area`,
`due_state`, `status` in words, `area_code` and `status_code` added) were re-recorded; nothing else moved.
arrs-summary (issue 11, one vocabulary): the column `forecast_headroom` was renamed
`forecast_unclaimed` (PRODUCT.md "Words"); only that header cell changed in both years' files.
"""

from __future__ import annotations

import sys
import tempfile
from datetime import date
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parents[2]))

from tests.contracts.golden import AS_OF, KINDS, YEARS, file_of  # noqa: E402

from pcntui.cli.main import main  # noqa: E402
from pcntui.demo import write_demo  # noqa: E402


def record() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "demo.db"
        write_demo(db, today=date.fromisoformat(AS_OF))
        for fy in YEARS:
            for kind in KINDS:
                out = file_of(fy, kind)
                out.parent.mkdir(parents=True, exist_ok=True)
                code = main(["export", kind, "--fy", fy, "--as-of", AS_OF, "--db", str(db), "--out", str(out)])
                assert code == 0, (fy, kind, code)


if __name__ == "__main__":
    record()

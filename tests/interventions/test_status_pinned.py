"""`pcntui status --json --as-of 2026-11-23` on the demo, pinned for the interventions and
requirements blocks (and their alerts). The expected document is
status_demo_2026-11-23.json beside this file: change it only on purpose, and say why."""

import json
from pathlib import Path

from pcntui.cli.main import main

PINNED = Path(__file__).with_name("status_demo_2026-11-23.json")
MINE = ("interventions", "requirements")


def test_status_json_blocks_pinned(demo_copy, capsys):
    assert main(["status", "--json", "--as-of", "2026-11-23", "--db", str(demo_copy)]) == 0
    doc = json.loads(capsys.readouterr().out)
    got = {k: doc[k] for k in ("status_version", "as_of", "fy", *MINE)}
    got["alerts"] = [a for a in doc["alerts"] if a["area"] in MINE]
    assert got == json.loads(PINNED.read_text(encoding="utf-8"))


def test_status_text_blocks_fit_80_columns(demo_copy, capsys):
    assert main(["status", "--as-of", "2026-11-23", "--db", str(demo_copy)]) == 0
    text = capsys.readouterr().out
    assert "INTERVENTIONS" in text and "DES REQUIREMENTS" in text
    assert "4 interventions: 1 red, 1 amber, 2 green · 2 overdue actions" in text
    # the demo's own 6 (issue 10: continuity, cancer and care-home items in place of retired specifications)
    # and the 5 shipped for 2026/27 (continuity, care-home vaccinations, cancer, inequalities, enhanced
    # access), none done yet
    assert "2026/27: 11 requirements, 0 done, 11 open · 1 overdue · 2 due in the next 30" in text
    assert max(len(line) for line in text.splitlines()) <= 80


def test_empty_database_blocks(store, capsys):
    from datetime import date

    from pcntui.domain.period import Period
    from pcntui.report import intervention_status

    period = Period.make(date(2026, 11, 23))
    block = intervention_status.interventions_block(store, period)
    assert block.data["total"] == 0 and block.alerts == [] and "None yet" in block.lines[0]
    req = intervention_status.requirements_block(store, period)
    # only the shipped 2026/27 requirements, due at the year end: nothing overdue or due soon
    assert req.data["total"] == 5 and req.data["overdue"] == [] and req.alerts == []


def test_status_for_last_year_counts_its_requirements(demo_copy, capsys):
    assert main(["status", "--json", "--as-of", "2026-11-23", "--fy", "2025/26", "--db", str(demo_copy)]) == 0
    req = json.loads(capsys.readouterr().out)["requirements"]
    # the demo's 4 and the 4 shipped for 2025/26, all done by the demo PCN
    assert (req["fy"], req["total"], req["done"], req["overdue"]) == ("2025/26", 8, 8, [])
    assert len(req["due_soon"]) == 2  # due soon is about the as-of date, whatever the year shown

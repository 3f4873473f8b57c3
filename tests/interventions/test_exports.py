"""`export interventions` and `export requirements`, parsed back with csv."""

import csv
import io

from pcntui.cli.main import main
from pcntui.views.interventions.list import COLUMNS
from pcntui.views.requirements import COLUMNS as REQUIREMENT_COLUMNS_

INTERVENTION_COLUMNS = [c.key for c in COLUMNS]
REQUIREMENT_COLUMNS = [c.key for c in REQUIREMENT_COLUMNS_]


def export(capsys, db, kind, *fy):
    assert main(["export", kind, *fy, "--as-of", "2026-11-23", "--db", str(db)]) == 0
    return list(csv.DictReader(io.StringIO(capsys.readouterr().out)))


def test_interventions_export(demo_copy, capsys):
    rows = export(capsys, demo_copy, "interventions")
    assert list(rows[0]) == INTERVENTION_COLUMNS
    by_id = {r["id"]: r for r in rows}
    assert [(r["stage"], r["stage_code"], r["rag"]) for r in rows] == [  # in words, the code beside it
        ("Delivery", "delivery", "amber"), ("Co-design", "co_design", "green"),
        ("Engagement", "engagement", "red"), ("Closed", "closed", "green")]
    one = by_id["1"]
    assert one["lead"] == "Dr Amira Khan" and one["practices"] == "Y90001 Y90002"
    assert (one["measures"], one["measures_on_track"], one["measures_off_track"]) == ("2", "1", "1")
    assert one["next_action"] == "Send text invitations to the remaining 900 patients"
    assert one["next_action_due"] == "2026-12-03" and one["budget"] == "12500.00" and one["spend"] == "5000.00"
    assert one["stage_since"] == "2026-07-26" and one["codesign_sessions"] == "2"
    three = by_id["3"]
    assert three["overdue_actions"] == "2" and "Stage 'Co-design' was due by 2026-11-03" in three["rag_reasons"]


def test_requirements_export(demo_copy, capsys):
    rows = export(capsys, demo_copy, "requirements")
    assert list(rows[0]) == REQUIREMENT_COLUMNS
    assert {r["fy"] for r in rows} >= {"2025/26", "2026/27", "2021/22"}
    states = {r["title"]: r["due_state"] for r in rows if r["fy"] == "2026/27"}
    assert states["Agree the continuity-of-care cohort codes across the practices"] == "Overdue"
    assert states["TNHI progress update to the commissioner"] == "Due soon"
    assert states["Audit lower-GI urgent referrals for a FIT result"] == ""
    tnhi = next(r for r in rows if r["title"] == "TNHI progress update to the commissioner")
    assert tnhi["due_confirmed"] == "no" and tnhi["links"] == "intervention:1; intervention:2; intervention:3"
    shipped = next(r for r in rows if r["ref_key"] == "2021-22-hi-codesign")
    assert shipped["origin"] == "reference" and shipped["due_confirmed"] == "no"


def test_requirements_export_of_one_year(demo_copy, capsys):
    """With --fy, the year's requirements only: what the screen shows for that year (design §2.15 item 15)."""
    every = export(capsys, demo_copy, "requirements")
    year = export(capsys, demo_copy, "requirements", "--fy", "2025/26")
    assert year == [r for r in every if r["fy"] == "2025/26"] and len(year) > 3


def test_export_all_includes_both(demo_copy, tmp_path, capsys):
    out = tmp_path / "all"
    assert main(["export", "all", "--out", str(out), "--as-of", "2026-11-23", "--db", str(demo_copy)]) == 0
    assert (out / "interventions.csv").is_file() and (out / "requirements.csv").is_file()

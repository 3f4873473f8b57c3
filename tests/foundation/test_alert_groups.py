"""Alerts grouped by kind (issue 11): the rule below the TUI, and `status` text/JSON using it."""

from __future__ import annotations

import json

from pcntui.views.status.base import Alert
from pcntui.views.status.groups import group_alerts


def test_same_kind_alerts_become_one_sentence_with_a_count_worst_first():
    alerts = [
        Alert("arrs", "warning", "A (Care Coordinator) has no supervisor recorded.", "1", "no_supervisor"),
        Alert("arrs", "warning", "B (Care Coordinator) has no supervisor recorded.", "2", "no_supervisor"),
        Alert("arrs", "problem", "C: registration expired on 2026-11-19.", "3", "registration_expired"),
        Alert("arrs", "warning", "D (Care Coordinator) has no supervisor recorded.", "4", "no_supervisor"),
        Alert("smr", "warning", "Something without a kind."),
        Alert("smr", "warning", "Another without a kind."),
    ]
    groups = group_alerts(alerts)
    assert [g.text for g in groups] == [
        "C: registration expired on 2026-11-19.",  # a group of one reads as the alert itself, problems first
        "3 staff have no supervisor recorded.",
        "Something without a kind.",  # no kind: never merged
        "Another without a kind.",
    ]
    assert [g.count for g in groups] == [1, 3, 1, 1]
    assert [a.ref for a in groups[1].alerts] == ["1", "2", "4"]


def test_a_group_is_as_severe_as_its_worst_alert():
    alerts = [Alert("interventions", "warning", "x", "1", "intervention_red"),
              Alert("interventions", "problem", "y", "2", "intervention_red")]
    (group,) = group_alerts(alerts)
    assert group.severity == "problem" and group.text == "2 interventions are red."


def test_status_groups_alerts_in_text_and_adds_groups_to_json(demo_path, capsys):
    from pcntui.cli.main import main

    assert main(["status", "--json", "--as-of", "2026-11-23", "--db", str(demo_path)]) == 0
    doc = json.loads(capsys.readouterr().out)
    assert set(doc["alerts"][0]) == {"area", "severity", "message"}  # the alerts list keeps its shape
    groups = doc["alert_groups"]
    assert sum(g["count"] for g in groups) == len(doc["alerts"])
    many = [g for g in groups if g["count"] > 1]
    assert many and all(g["message"].startswith(f"{g['count']} ") for g in many)
    assert main(["status", "--as-of", "2026-11-23", "--db", str(demo_path)]) == 0
    text = capsys.readouterr().out
    assert f"ALERTS ({len(doc['alerts'])} in {len(groups)} groups" in text
    for g in many:
        assert g["message"] in text

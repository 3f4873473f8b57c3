"""Co-design log, "you said, we did", plan actions, spend, measures and chart data."""

from datetime import date

import pytest

from pcntui.errors import UserError, ValidationFailed
from pcntui.services.interventions.codesign import add_action, add_partner, add_you_said, complete_action, log_session
from pcntui.services.interventions.outcomes import add_measure, add_reading, add_spend
from pcntui.store.interventions import get_intervention
from pcntui.store.outcomes import measure_series

AS_OF = date(2026, 11, 23)


def do(service, store, target, **raw):
    return service(store, target, raw, today=AS_OF).value


def test_session_with_counts_and_you_said_we_did(pcn_store, new_intervention):
    iid = new_intervention
    sid = do(log_session, pcn_store, iid, held_on="2026-03-02", format="focus group", heard="Evenings please",
             decisions="Evening clinics", participants=["Residents=12", "Carers: 3; Residents=1"])
    aid = do(add_action, pcn_store, iid, description="Evening clinics", owner="Jo", due_on="01/04/2026")
    do(add_you_said, pcn_store, iid, you_said="Evenings", we_did="Tuesday clinics", session_id=sid, action_id=aid)
    d = get_intervention(pcn_store, iid, AS_OF)
    assert d.sessions[0].participants == {"Residents": 13, "Carers": 3} and d.sessions[0].total == 16
    assert d.sessions[0].format == "focus_group"
    assert (d.you_said[0].session_id, d.you_said[0].action_id) == (sid, aid)
    with pytest.raises(UserError, match="no action 999"):
        do(add_you_said, pcn_store, iid, you_said="a", we_did="b", action_id=999)
    with pytest.raises(ValidationFailed, match="--group: 'Residents twelve' is not a participant count"):
        do(log_session, pcn_store, iid, held_on="2026-03-02", participants="Residents twelve")


def test_actions_overdue_and_done(pcn_store, new_intervention):
    iid = new_intervention
    late = do(add_action, pcn_store, iid, description="Venue", due_on=date(2026, 11, 1))
    do(add_action, pcn_store, iid, description="Later", due_on=date(2026, 12, 1))
    d = get_intervention(pcn_store, iid, AS_OF)
    assert d.next_action().description == "Venue" and d.rag.level == "amber"
    with pytest.raises(ValidationFailed, match="--on: 2026-11-24 is in the future"):
        do(complete_action, pcn_store, late, on=date(2026, 11, 24))
    do(complete_action, pcn_store, late, on=date(2026, 11, 20))
    d = get_intervention(pcn_store, iid, AS_OF)
    assert d.next_action().description == "Later" and d.rag.level == "green"


def test_partner_and_spend_in_pence(pcn_store, new_intervention):
    iid = new_intervention
    do(add_partner, pcn_store, iid, name="Council", kind="Local authority", role="Venue")
    do(add_spend, pcn_store, iid, spent_on="2026-05-01", amount="£1,234.56")
    do(add_spend, pcn_store, iid, spent_on="2026-06-01", amount="0.01")
    d = get_intervention(pcn_store, iid, AS_OF)
    assert d.spend_pence == 123_457 and d.partners[0].kind == "local_authority"
    with pytest.raises(ValidationFailed, match="amount: "):
        do(add_spend, pcn_store, iid, spent_on="2026-05-01", amount="0")


def test_measure_readings_and_chart_series(pcn_store, new_intervention):
    iid = new_intervention
    mid = do(add_measure, pcn_store, iid, name="BP recorded", unit="%", direction="increase", baseline_value="60",
             baseline_on="2026-01-01", target_value="80", target_on="2026-12-31")
    do(add_reading, pcn_store, mid, taken_on="2026-04-01", value="64")
    do(add_reading, pcn_store, mid, taken_on="2026-07-02", value=69)
    do(add_reading, pcn_store, mid, taken_on="2026-07-02", value="71")  # same date: corrected
    s = measure_series(pcn_store, mid, AS_OF)
    assert s.points == [(date(2026, 4, 1), 64), (date(2026, 7, 2), 71)]
    assert s.baseline == (date(2026, 1, 1), 60) and s.target == (date(2026, 12, 31), 80)
    assert s.expected[1][1] == pytest.approx(70) and s.state == "on_track"
    m = get_intervention(pcn_store, iid, AS_OF).measures[0]
    assert m.track.state == "on_track" and len(m.readings) == 2
    with pytest.raises(ValidationFailed, match="--on: 2025-12-01 is before the measure's baseline date"):
        do(add_reading, pcn_store, mid, taken_on="2025-12-01", value="1")
    with pytest.raises(ValidationFailed, match="--on: 2026-12-01 is in the future"):
        do(add_reading, pcn_store, mid, taken_on="2026-12-01", value="1")


def test_a_session_is_one_undo_step(pcn_store, new_intervention):
    do(log_session, pcn_store, new_intervention, held_on="2026-03-02", participants="Residents=4, Carers=2")
    assert pcn_store.scalar("SELECT count(*) FROM codesign_participant") == 2
    undone = pcn_store.undo()
    assert undone.label.startswith("Co-design session 2026-03-02")
    assert pcn_store.scalar("SELECT count(*) FROM codesign_session") == 0
    assert pcn_store.scalar("SELECT count(*) FROM codesign_participant") == 0

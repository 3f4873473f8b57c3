"""Co-design log, "you said, we did", plan actions, spend, measures and chart data."""

from datetime import date

import pytest

from pcntui.domain.codesign import SessionIn, YouSaidIn, parse_format, parse_participants
from pcntui.domain.intervention import ActionIn, PartnerIn, RiskIn, SpendIn, check
from pcntui.domain.measure import MeasureIn, ReadingIn
from pcntui.errors import UserError
from pcntui.store.codesign import add_action, add_partner, add_risk, add_you_said, complete_action, log_session
from pcntui.store.interventions import get_intervention
from pcntui.store.outcomes import add_measure, add_reading, add_spend, measure_series

AS_OF = date(2026, 11, 23)


def test_session_with_counts_and_you_said_we_did(pcn_store, new_intervention):
    iid = new_intervention
    sid = log_session(pcn_store, iid, check(
        SessionIn, held_on=date(2026, 3, 2), format=parse_format("focus group"), heard="Evenings please",
        decisions="Evening clinics", participants=parse_participants(["Residents=12", "Carers: 3", "Residents=1"])))
    aid = add_action(pcn_store, iid, check(ActionIn, description="Evening clinics", owner="Jo",
                                           due_on=date(2026, 4, 1)))
    add_you_said(pcn_store, iid, check(YouSaidIn, you_said="Evenings", we_did="Tuesday clinics",
                                       session_id=sid, action_id=aid))
    d = get_intervention(pcn_store, iid, AS_OF)
    assert d.sessions[0].participants == {"Residents": 13, "Carers": 3} and d.sessions[0].total == 16
    assert d.sessions[0].format == "focus_group"
    assert (d.you_said[0].session_id, d.you_said[0].action_id) == (sid, aid)
    with pytest.raises(UserError, match="no action 999"):
        add_you_said(pcn_store, iid, check(YouSaidIn, you_said="a", we_did="b", action_id=999))
    with pytest.raises(UserError, match="GROUP=NUMBER"):
        parse_participants(["Residents twelve"])


def test_actions_overdue_and_done(pcn_store, new_intervention):
    iid = new_intervention
    late = add_action(pcn_store, iid, check(ActionIn, description="Venue", due_on=date(2026, 11, 1)))
    add_action(pcn_store, iid, check(ActionIn, description="Later", due_on=date(2026, 12, 1)))
    d = get_intervention(pcn_store, iid, AS_OF)
    assert d.next_action().description == "Venue" and d.rag.level == "amber"
    complete_action(pcn_store, late, date(2026, 11, 20))
    d = get_intervention(pcn_store, iid, AS_OF)
    assert d.next_action().description == "Later" and d.rag.level == "green"


def test_partner_risk_spend_in_pence(pcn_store, new_intervention):
    iid = new_intervention
    add_partner(pcn_store, iid, check(PartnerIn, name="Council", kind="local_authority", role="Venue"))
    add_risk(pcn_store, iid, check(RiskIn, description="Staff leave", rating="high"))
    add_spend(pcn_store, iid, check(SpendIn, spent_on=date(2026, 5, 1), amount_pence=123_456))
    add_spend(pcn_store, iid, check(SpendIn, spent_on=date(2026, 6, 1), amount_pence=1))
    d = get_intervention(pcn_store, iid, AS_OF)
    assert d.spend_pence == 123_457 and d.partners[0].kind == "local_authority" and d.risks[0].rating == "high"
    with pytest.raises(UserError, match="amount pence"):
        check(SpendIn, spent_on=date(2026, 5, 1), amount_pence=0)


def test_measure_readings_and_chart_series(pcn_store, new_intervention):
    iid = new_intervention
    mid = add_measure(pcn_store, iid, check(MeasureIn, name="BP recorded", unit="%", direction="increase",
                                            baseline_value=60, baseline_on=date(2026, 1, 1), target_value=80,
                                            target_on=date(2026, 12, 31)))
    add_reading(pcn_store, mid, check(ReadingIn, taken_on=date(2026, 4, 1), value=64))
    add_reading(pcn_store, mid, check(ReadingIn, taken_on=date(2026, 7, 2), value=69))
    add_reading(pcn_store, mid, check(ReadingIn, taken_on=date(2026, 7, 2), value=71))  # same date: corrected
    s = measure_series(pcn_store, mid, AS_OF)
    assert s.points == [(date(2026, 4, 1), 64), (date(2026, 7, 2), 71)]
    assert s.baseline == (date(2026, 1, 1), 60) and s.target == (date(2026, 12, 31), 80)
    assert s.expected[1][1] == pytest.approx(70) and s.state == "on_track"
    m = get_intervention(pcn_store, iid, AS_OF).measures[0]
    assert m.track.state == "on_track" and len(m.readings) == 2
    with pytest.raises(UserError, match="before the measure's baseline"):
        add_reading(pcn_store, mid, check(ReadingIn, taken_on=date(2025, 12, 1), value=1))


def test_a_session_is_one_undo_step(pcn_store, new_intervention):
    log_session(pcn_store, new_intervention, check(SessionIn, held_on=date(2026, 3, 2),
                                                   participants={"Residents": 4, "Carers": 2}))
    assert pcn_store.scalar("SELECT count(*) FROM codesign_participant") == 2
    undone = pcn_store.undo()
    assert undone.label.startswith("Co-design session 2026-03-02")
    assert pcn_store.scalar("SELECT count(*) FROM codesign_session") == 0
    assert pcn_store.scalar("SELECT count(*) FROM codesign_participant") == 0

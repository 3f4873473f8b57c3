"""RAG rules, each reason worked by hand (as of 2026-11-23)."""

from datetime import date

from pcntui.domain.intervention_rag import ActionFact, MeasureFact, RagFacts, compute

AS_OF = date(2026, 11, 23)


def test_nothing_wrong_is_green():
    rag = compute(RagFacts(stage="engagement"), AS_OF)
    assert rag.level == "green" and rag.reasons == []
    assert rag.explain() == "nothing overdue or off track"


def test_overdue_action_amber_then_red_after_30_days():
    # due 2026-10-24 → 30 days overdue: amber; due 2026-10-23 → 31 days: red
    amber = compute(RagFacts("engagement", actions=[ActionFact("Book venue", date(2026, 10, 24), None)]), AS_OF)
    assert amber.level == "amber"
    assert amber.reasons[0].code == "overdue_action"
    assert amber.reasons[0].message == "Action 'Book venue' was due 2026-10-24 (30 days overdue)"
    red = compute(RagFacts("engagement", actions=[ActionFact("Book venue", date(2026, 10, 23), None)]), AS_OF)
    assert red.level == "red"


def test_action_due_today_done_or_undated_is_not_overdue():
    facts = RagFacts("engagement", actions=[
        ActionFact("due today", AS_OF, None),
        ActionFact("done late", date(2026, 1, 1), date(2026, 2, 1)),
        ActionFact("no date", None, None),
    ])
    assert compute(facts, AS_OF).level == "green"


def test_stage_past_its_date():
    # co-design due 2026-11-03, current stage engagement: 20 days past → amber
    facts = RagFacts("engagement", stage_targets={"co_design": date(2026, 11, 3)})
    rag = compute(facts, AS_OF)
    assert rag.level == "amber"
    assert rag.reasons[0].code == "stage_overdue"
    assert "20 days ago" in rag.reasons[0].message
    # 45 days past → red
    assert compute(RagFacts("engagement", stage_targets={"co_design": date(2026, 10, 9)}), AS_OF).level == "red"
    # already reached (current or earlier stage): no reason, whatever its date
    assert compute(RagFacts("co_design", stage_targets={"co_design": date(2026, 1, 1),
                                                        "engagement": date(2026, 1, 1)}), AS_OF).level == "green"
    # due today: not yet past
    assert compute(RagFacts("engagement", stage_targets={"co_design": AS_OF}), AS_OF).level == "green"


def test_measures_off_track_amber_one_red_two():
    one = compute(RagFacts("plan_agreed", measures=[MeasureFact("BP", "off_track", "60% vs 65%"),
                                                    MeasureFact("Other", "on_track"),
                                                    MeasureFact("New", "no_data")]), AS_OF)
    assert one.level == "amber" and [r.code for r in one.reasons] == ["measure_off_track"]
    assert one.reasons[0].message == "Measure 'BP' is off track (60% vs 65%)"
    two = compute(RagFacts("plan_agreed", measures=[MeasureFact("A", "off_track"), MeasureFact("B", "off_track")]),
                  AS_OF)
    assert two.level == "red" and len(two.reasons) == 2


def test_no_codesign_before_delivery_is_red():
    started = date(2026, 6, 1)
    none = compute(RagFacts("delivery", delivery_started_on=started), AS_OF)
    assert none.level == "red" and none.reasons[0].code == "no_codesign"
    assert "delivery started 2026-06-01" in none.reasons[0].message
    after = compute(RagFacts("delivery", session_dates=[date(2026, 6, 2)], delivery_started_on=started), AS_OF)
    assert after.level == "red"
    same_day = compute(RagFacts("evaluation", session_dates=[started], delivery_started_on=started), AS_OF)
    assert same_day.level == "green"
    # before delivery the rule does not apply
    assert compute(RagFacts("plan_agreed"), AS_OF).level == "green"


def test_worst_reason_wins_and_closed_is_green():
    facts = RagFacts("delivery", actions=[ActionFact("x", date(2026, 11, 20), None)],
                     session_dates=[date(2026, 1, 1)], delivery_started_on=date(2026, 2, 1))
    assert compute(facts, AS_OF).level == "amber"
    facts.measures = [MeasureFact("A", "off_track"), MeasureFact("B", "off_track")]
    rag = compute(facts, AS_OF)
    assert rag.level == "red" and [r.code for r in rag.reasons] == ["overdue_action", "measure_off_track",
                                                                     "measure_off_track"]
    facts.stage = "closed"
    assert compute(facts, AS_OF).level == "green"

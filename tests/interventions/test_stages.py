"""Creating interventions and moving them between stages (backwards too), through the services."""

from datetime import date

import pytest

from pcntui.errors import ConflictError, UserError, ValidationFailed
from pcntui.services.interventions.codesign import log_session
from pcntui.services.interventions.core import edit_intervention, move_stage, set_stage_target
from pcntui.store.interventions import get_intervention, list_interventions

AS_OF = date(2026, 11, 23)


def move(store, iid, stage, on, evidence=None):
    return move_stage(store, iid, {"stage": stage, "on": on, "evidence": evidence}, today=AS_OF).value


def test_create_records_the_first_stage(pcn_store, new_intervention):
    d = get_intervention(pcn_store, new_intervention, AS_OF)
    assert d.stage == "lead_appointed" and d.practices == ["Y90001"] and d.lead == "Dr A"
    assert [(m.from_stage, m.to_stage, m.moved_on) for m in d.moves] == [(None, "lead_appointed", date(2026, 1, 10))]
    assert [s.reached for s in d.stages] == [True] + [False] * 7


def test_moves_forward_and_back_are_recorded(pcn_store, new_intervention):
    iid = new_intervention
    move(pcn_store, iid, "population_identified", date(2026, 2, 1), "search run")
    move(pcn_store, iid, "co_design", date(2026, 3, 1))  # skipping engagement is allowed
    back = move(pcn_store, iid, "engagement", date(2026, 3, 15), "not enough voices heard")
    assert back.backwards
    d = get_intervention(pcn_store, iid, AS_OF)
    assert d.stage == "engagement"
    assert [(m.from_stage, m.to_stage) for m in d.moves] == [
        (None, "lead_appointed"), ("lead_appointed", "population_identified"),
        ("population_identified", "co_design"), ("co_design", "engagement")]
    assert [m.backwards for m in d.moves] == [False, False, False, True]
    stages = {s.stage: s for s in d.stages}
    assert stages["population_identified"].evidence == "search run"
    assert stages["engagement"].reached_on == date(2026, 3, 15)
    assert not stages["co_design"].reached and stages["co_design"].reached_on == date(2026, 3, 1)  # history kept
    labels = [a.label for a in pcn_store.history(5)]
    assert labels[0].startswith("Move back intervention")


def test_move_to_same_stage_before_creation_or_in_the_future_is_refused(pcn_store, new_intervention):
    before = pcn_store.scalar("SELECT count(*) FROM action")
    with pytest.raises(ValidationFailed, match="stage: the intervention is already at 'Lead appointed'") as exc:
        move(pcn_store, new_intervention, "lead_appointed", date(2026, 2, 1))
    assert exc.value.messages[0].loc == ("stage",)
    with pytest.raises(ValidationFailed, match="--on: 2025-12-01 is before the intervention was created"):
        move(pcn_store, new_intervention, "engagement", date(2025, 12, 1))
    with pytest.raises(ValidationFailed, match="--on: 2026-11-24 is in the future"):
        move(pcn_store, new_intervention, "engagement", date(2026, 11, 24))
    with pytest.raises(ValidationFailed, match="stage: 'nonsense' is not one of"):
        move(pcn_store, new_intervention, "nonsense", date(2026, 2, 1))
    assert pcn_store.scalar("SELECT count(*) FROM action") == before


def test_a_stage_is_typed_as_its_code_or_its_words():
    from pcntui.inputs.base import validate
    from pcntui.inputs.context import Ctx
    from pcntui.inputs.interventions import StageTargetIn

    def stage(text):
        result = validate(StageTargetIn, {"stage": text, "target_on": "none"}, Ctx(AS_OF))
        return result.value.stage if result.ok else result.messages[0].text

    assert stage("Co-design") == "co_design" and stage("plan agreed") == "plan_agreed"
    assert stage("PLAN_AGREED") == "plan_agreed"
    assert stage("finished").startswith("'finished' is not one of: Lead appointed, Population identified")


def test_undo_a_stage_move(pcn_store, new_intervention):
    move(pcn_store, new_intervention, "engagement", date(2026, 2, 1))
    pcn_store.undo()
    d = get_intervention(pcn_store, new_intervention, AS_OF)
    assert d.stage == "lead_appointed" and len(d.moves) == 1


def test_delivery_without_codesign_then_rag_and_stage_target(pcn_store, new_intervention):
    iid = new_intervention
    set_stage_target(pcn_store, iid, {"stage": "engagement", "target_on": "2026-11-01"}, today=AS_OF)
    row = list_interventions(pcn_store, AS_OF)[0]
    assert row.rag.level == "amber" and row.rag.reasons[0].code == "stage_overdue"
    log_session(pcn_store, iid, {"held_on": "2026-05-02", "participants": "Residents=5"}, today=AS_OF)
    move(pcn_store, iid, "delivery", date(2026, 5, 1))
    rag = get_intervention(pcn_store, iid, AS_OF).rag
    assert [r.code for r in rag.reasons] == ["no_codesign"] and rag.level == "red"


def test_update_checks_practices_and_rev(pcn_store, new_intervention):
    d = get_intervention(pcn_store, new_intervention, AS_OF)
    data = {"practices": "Y90001, y90002", "population_size": "300"}
    edit_intervention(pcn_store, d.id, data, today=AS_OF, expected_rev=d.rev)
    after = get_intervention(pcn_store, d.id, AS_OF)
    assert after.practices == ["Y90001", "Y90002"] and after.lead == "Dr A"  # what was not given is kept
    with pytest.raises(ConflictError, match="changed by someone else") as exc:
        edit_intervention(pcn_store, d.id, {"title": "Other"}, today=AS_OF, expected_rev=d.rev)
    assert exc.value.current["practices"] == "Y90001 Y90002"  # what the other copy saved
    with pytest.raises(ValidationFailed, match="--practices: Z99999 is not one of this PCN's practices"):
        edit_intervention(pcn_store, d.id, {"practices": "Z99999"}, today=AS_OF)


def test_a_new_intervention_focuses_on_a_local_group_unless_told(pcn_store):
    from pcntui.services.interventions.core import create_intervention

    iid = create_intervention(pcn_store, {"title": "Drop-in"}, today=AS_OF).value
    d = get_intervention(pcn_store, iid, AS_OF)
    assert (d.focus_kind, d.created_on, d.budget_pence) == ("local", AS_OF, 0)


def test_deprived_practices_by_basis():
    from pcntui.domain.intervention import deprived_practices

    local = {"A": (40.0, None), "B": (12.0, None), "C": (33.0, None), "D": (20.0, None), "E": (9.0, None),
             "F": (27.0, None)}
    assert deprived_practices(local, "pcn_most_deprived") == ["A", "C"]  # ceil(6 / 5) = 2
    assert deprived_practices(local, "pcn_most_deprived", 3) == ["A", "C", "F"]
    with pytest.raises(UserError, match="do not cover England"):
        deprived_practices(local, "imd_quintile_1")
    national = {"A": (45.0, 1), "B": (30.0, 2), "C": (50.0, 1)}
    assert deprived_practices(national, "imd_quintile_1") == ["C", "A"]
    with pytest.raises(UserError, match="automatically"):
        deprived_practices(national, "other")


def test_cli_practices_auto_on_demo(demo_copy, capsys):
    from pcntui.cli.main import main
    from pcntui.store import open_store

    assert main(["intervention", "add", "--title", "Auto", "--deprivation", "pcn_most_deprived", "--practices",
                 "auto", "--db", str(demo_copy)]) == 0
    s = open_store(demo_copy)
    try:
        assert get_intervention(s, 5, AS_OF).practices == ["Y90001", "Y90002"]  # IMD 34.2 and 41.8
    finally:
        s.close()
    assert main(["intervention", "add", "--title", "Q1", "--deprivation", "imd_quintile_1", "--practices", "auto",
                 "--db", str(demo_copy)]) == 2
    assert "--practices: The imported IMD scores do not cover England" in capsys.readouterr().err

"""The interventions' forms: each over its input model (pcntui.inputs.interventions), checked as
typed, saved by its one service (pcntui.services.interventions)."""

from __future__ import annotations

from datetime import date
from typing import Any

from pcntui.domain.codesign import FORMATS
from pcntui.domain.intervention import DEPRIVATION_BASES, FOCUS_KINDS, PARTNER_KINDS, STAGE_CODES, STAGE_LABELS, stage_index
from pcntui.inputs import interventions as model
from pcntui.inputs.context import Ctx
from pcntui.services.interventions import codesign, core, outcomes
from pcntui.tui.screens.intervention_form import FormModal, model_form

INTERVENTION = ("title", "lead", "focus_kind", "focus_detail", "population", "population_size", "practices",
                "deprivation_basis", "budget")
INTERVENTION_CHOICES = {"focus_kind": [(label, code) for code, label in FOCUS_KINDS.items()],
                        "deprivation_basis": [(label, code) for code, label in DEPRIVATION_BASES.items()]}


def _ctx(today: date, codes=(), item: Any = None) -> Ctx:
    return Ctx(today, practices={code: code for code in codes}, item=item)


def new_intervention_form(today: date, codes) -> FormModal:
    return model_form("New intervention", model.InterventionIn, INTERVENTION,
                      lambda store, v: core.create_intervention(store, v, today=today).value,
                      ctx=_ctx(today, codes), initial={"focus_kind": "local", "deprivation_basis": "none"},
                      choices=INTERVENTION_CHOICES, save_label="Create",
                      intro="Only the title is needed now; it starts at 'Lead appointed' today. Add co-design "
                            "sessions, actions and measures on its page.")


def edit_intervention_form(today: date, d, codes) -> FormModal:
    now = model.InterventionIn.initial(d)
    return model_form(f"Edit intervention {d.id}", model.InterventionIn,
                      (*INTERVENTION, "deprivation_note", "aims"),
                      lambda store, v: core.edit_intervention(store, d.id, v, today=today, expected_rev=d.rev).value,
                      ctx=_ctx(today, codes, d), base=now, initial=now, choices=INTERVENTION_CHOICES)


def move_stage_form(today: date, d) -> FormModal:
    here = stage_index(d.stage)
    choices = []
    for code in STAGE_CODES:
        if code != d.stage:
            i = stage_index(code)
            choices.append((f"{STAGE_LABELS[code]} ({'next' if i == here + 1 else 'forward' if i > here else 'back'})",
                            code))
    default = STAGE_CODES[here + 1] if here + 1 < len(STAGE_CODES) else STAGE_CODES[here - 1]
    return model_form(f"Move “{d.title}” to another stage (now: {d.stage_label})", model.StageMoveIn,
                      ("stage", "on", "evidence"),
                      lambda store, v: core.move_stage(store, d.id, v, today=today).value,
                      ctx=_ctx(today, item=d), initial={"stage": default, "on": today}, choices={"stage": choices},
                      save_label="Move")


def stage_target_form(today: date, d) -> FormModal:
    open_stages = [s for s in d.stages if not s.reached]
    default = open_stages[0].stage if open_stages else d.stage
    reached = {s.stage for s in d.stages if s.reached}
    choices = [(STAGE_LABELS[c] + (" (reached)" if c in reached else ""), c) for c in STAGE_CODES]
    targets = {s.stage: s.target_on for s in d.stages}
    return model_form("Set a stage's target date", model.StageTargetIn, ("stage", "target_on"),
                      lambda store, v: core.set_stage_target(store, d.id, v, today=today).value,
                      ctx=_ctx(today, item=d), initial={"stage": default, "target_on": targets.get(default)},
                      choices={"stage": choices})


def session_form(today: date, d) -> FormModal:
    return model_form("Log a co-design session", model.SessionIn,
                      ("held_on", "format", "title", "participants", "heard", "decisions"),
                      lambda store, v: codesign.log_session(store, d.id, v, today=today).value,
                      ctx=_ctx(today, item=d), initial={"held_on": today, "format": "workshop"},
                      choices={"format": [(label, code) for code, label in FORMATS.items()]})


def you_said_form(today: date, d) -> FormModal:
    sessions = [("(no particular session)", "")] + [
        (f"{s.held_on.isoformat()} {s.title or s.format}", str(s.id)) for s in d.sessions]
    actions = [("(no particular action)", "")] + [(a.description[:60], str(a.id)) for a in d.actions]
    return model_form("Add a 'you said, we did' pair", model.YouSaidIn,
                      ("you_said", "we_did", "session_id", "action_id"),
                      lambda store, v: codesign.add_you_said(store, d.id, v, today=today).value,
                      ctx=_ctx(today, item=d), initial={"session_id": sessions[-1][1], "action_id": ""},
                      choices={"session_id": sessions, "action_id": actions})


def action_form(today: date, d) -> FormModal:
    return model_form("Add an action", model.ActionIn, ("description", "owner", "due_on"),
                      lambda store, v: codesign.add_action(store, d.id, v, today=today).value, ctx=_ctx(today, item=d))


def done_form(today: date, action) -> FormModal:
    return model_form(f"Mark done: {action.description[:60]}", model.ActionDoneIn, ("on",),
                      lambda store, v: codesign.complete_action(store, action.id, v, today=today).value,
                      ctx=_ctx(today, item=action), initial={"on": today}, save_label="Done")


def partner_form(today: date, d) -> FormModal:
    return model_form("Add a partner", model.PartnerIn, ("name", "kind", "role"),
                      lambda store, v: codesign.add_partner(store, d.id, v, today=today).value,
                      ctx=_ctx(today, item=d), initial={"kind": "voluntary"},
                      choices={"kind": [(label, code) for code, label in PARTNER_KINDS.items()]})


def measure_form(today: date, d) -> FormModal:
    return model_form("Add an outcome measure", model.MeasureIn,
                      ("name", "unit", "direction", "baseline_value", "baseline_on", "target_value", "target_on"),
                      lambda store, v: outcomes.add_measure(store, d.id, v, today=today).value,
                      ctx=_ctx(today, item=d), initial={"direction": "increase"},
                      choices={"direction": [(label, code) for code, label in model.DIRECTIONS.items()]})


def reading_form(today: date, m) -> FormModal:
    return model_form(f"Add a reading of “{m.name}”", model.ReadingIn, ("value", "taken_on", "note"),
                      lambda store, v: outcomes.add_reading(store, m.id, v, today=today).value,
                      ctx=_ctx(today, item=m), initial={"taken_on": today})

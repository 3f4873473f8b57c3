"""The interventions' forms (tui/forms): each over its input model (pcntui.inputs.interventions),
saved by its one service (pcntui.services.interventions). Each function gives the spec and the
values the form starts from; the screen opens it with `open_form(screen, spec, initial, item=…)`."""

from __future__ import annotations

from datetime import date
from typing import Any

from pcntui.domain.codesign import FORMATS
from pcntui.domain.intervention import (
    DEPRIVATION_BASES, FOCUS_KINDS, PARTNER_KINDS, STAGE_CODES, STAGE_LABELS, stage_index,
)
from pcntui.inputs import interventions as model
from pcntui.services.interventions import codesign, core, outcomes
from pcntui.tui.forms import FieldSpec, FormSpec, fields

Form = tuple[FormSpec, dict[str, object]]  # the spec and the values it starts from


def _choice(name: str, words: dict[str, str] | list[tuple[str, str]]) -> FieldSpec:
    options = [(label, code) for code, label in words.items()] if isinstance(words, dict) else words
    return FieldSpec(name, widget="choice", choices=tuple(options))


def _intervention_fields(*extra: str) -> tuple[FieldSpec, ...]:
    return fields(model.InterventionIn, "title", "lead", _choice("focus_kind", FOCUS_KINDS), "focus_detail",
                  "population", "population_size", "practices",
                  _choice("deprivation_basis", DEPRIVATION_BASES), "budget", *extra)


def new_intervention(today: date) -> Form:
    spec = FormSpec("New intervention", model.InterventionIn, _intervention_fields(),
                    lambda store, v: core.create_intervention(store, v, today=today), need=("practices",),
                    save_label="Create", intro="Only the title is needed now; it starts at 'Lead appointed' today. "
                    "Add co-design sessions, actions and measures on its page.")
    return spec, {"focus_kind": "local", "deprivation_basis": "none"}


def edit_intervention(today: date, d: Any) -> Form:
    now = model.InterventionIn.initial(d)
    spec = FormSpec(f"Edit intervention {d.id}", model.InterventionIn,
                    _intervention_fields("deprivation_note", "aims"),
                    lambda store, v: core.edit_intervention(store, d.id, v, today=today, expected_rev=d.rev),
                    need=("practices",), base=now)
    return spec, now


def move_stage(today: date, d: Any) -> Form:
    here = stage_index(d.stage)
    choices = []
    for code in STAGE_CODES:
        if code != d.stage:
            i = stage_index(code)
            choices.append((f"{STAGE_LABELS[code]} ({'next' if i == here + 1 else 'forward' if i > here else 'back'})",
                            code))
    default = STAGE_CODES[here + 1] if here + 1 < len(STAGE_CODES) else STAGE_CODES[here - 1]
    spec = FormSpec(f"Move “{d.title}” to another stage (now: {d.stage_label})", model.StageMoveIn,
                    fields(model.StageMoveIn, _choice("stage", choices), "on", "evidence"),
                    lambda store, v: core.move_stage(store, d.id, v, today=today), save_label="Move")
    return spec, {"stage": default, "on": today}


def stage_target(today: date, d: Any) -> Form:
    open_stages = [s for s in d.stages if not s.reached]
    default = open_stages[0].stage if open_stages else d.stage
    reached = {s.stage for s in d.stages if s.reached}
    targets = {s.stage: s.target_on for s in d.stages}
    spec = FormSpec("Set a stage's target date", model.StageTargetIn,
                    fields(model.StageTargetIn, _choice("stage", [(STAGE_LABELS[c] + (" (reached)" if c in reached
                                                                                      else ""), c)
                                                                  for c in STAGE_CODES]), "target_on"),
                    lambda store, v: core.set_stage_target(store, d.id, v, today=today))
    return spec, {"stage": default, "target_on": targets.get(default)}


def session(today: date, d: Any) -> Form:
    spec = FormSpec("Log a co-design session", model.SessionIn,
                    fields(model.SessionIn, "held_on", _choice("format", FORMATS), "title", "participants",
                           "heard", "decisions"),
                    lambda store, v: codesign.log_session(store, d.id, v, today=today))
    return spec, {"held_on": today, "format": "workshop"}


def you_said(today: date, d: Any) -> Form:
    sessions = [("(no particular session)", "")] + [
        (f"{s.held_on.isoformat()} {s.title or s.format}", str(s.id)) for s in d.sessions]
    actions = [("(no particular action)", "")] + [(a.description[:60], str(a.id)) for a in d.actions]
    spec = FormSpec("Add a 'you said, we did' pair", model.YouSaidIn,
                    fields(model.YouSaidIn, "you_said", "we_did", _choice("session_id", sessions),
                           _choice("action_id", actions)),
                    lambda store, v: codesign.add_you_said(store, d.id, v, today=today))
    return spec, {"session_id": sessions[-1][1], "action_id": ""}


def action(today: date, d: Any) -> Form:
    spec = FormSpec("Add an action", model.ActionIn, fields(model.ActionIn, "description", "owner", "due_on"),
                    lambda store, v: codesign.add_action(store, d.id, v, today=today))
    return spec, {}


def done(today: date, a: Any) -> Form:
    spec = FormSpec(f"Mark done: {a.description[:60]}", model.ActionDoneIn, fields(model.ActionDoneIn, "on"),
                    lambda store, v: codesign.complete_action(store, a.id, v, today=today), save_label="Done")
    return spec, {"on": today}


def partner(today: date, d: Any) -> Form:
    spec = FormSpec("Add a partner", model.PartnerIn,
                    fields(model.PartnerIn, "name", _choice("kind", PARTNER_KINDS), "role"),
                    lambda store, v: codesign.add_partner(store, d.id, v, today=today))
    return spec, {"kind": "voluntary"}


def measure(today: date, d: Any) -> Form:
    spec = FormSpec("Add an outcome measure", model.MeasureIn,
                    fields(model.MeasureIn, "name", "unit", _choice("direction", model.DIRECTIONS), "baseline_value",
                           "baseline_on", "target_value", "target_on"),
                    lambda store, v: outcomes.add_measure(store, d.id, v, today=today))
    return spec, {"direction": "increase"}


def reading(today: date, m: Any) -> Form:
    spec = FormSpec(f"Add a reading of “{m.name}”", model.ReadingIn,
                    fields(model.ReadingIn, "value", "taken_on", "note"),
                    lambda store, v: outcomes.add_reading(store, m.id, v, today=today))
    return spec, {"taken_on": today}

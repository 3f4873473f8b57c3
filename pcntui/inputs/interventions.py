"""What people type about interventions: the intervention, stage moves and targets, partners,
co-design sessions, "you said, we did", actions, outcome measures, readings and spend.

The form and the CLI validate through these models, so they refuse the same values with the
same sentence. Rules needing today read `ctx.today` (no date in the future for a stage move, a
session, an action done or a reading); rules about the record acted on read `ctx.item` (the
intervention, or the measure a reading is of).
"""

from __future__ import annotations

import re
from datetime import date
from decimal import Decimal
from typing import Annotated, Any

from pydantic import BeforeValidator, ValidationInfo, model_validator

from pcntui.domain.codesign import FORMATS
from pcntui.domain.intervention import DEPRIVATION_BASES, FOCUS_KINDS, PARTNER_KINDS, STAGE_LABELS, stage_index
from pcntui.domain.measure import parse_measure_value
from pcntui.domain.parse import ParseError, parse_count, parse_date, parse_id, parse_money, shown
from pcntui.errors import FieldMessage
from pcntui.inputs.base import InputModel, Problems, field
from pcntui.inputs.types import Day, OptDay, OptText, PositiveMoney, Text, choice, ctx_of, parsed

Stage = choice(STAGE_LABELS, {"co design": "co_design", "lead named": "lead_appointed", "population": "population_identified"})
Focus = choice(FOCUS_KINDS, {"core20": "core20", "plus": "plus", "clinical area": "clinical", "locally chosen": "local"})
Basis = choice(DEPRIVATION_BASES)
PartnerKind = choice(PARTNER_KINDS)
Format = choice(FORMATS, {"interview": "interview", "focus group": "focus_group"})
DIRECTIONS = {"increase": "higher (increase)", "decrease": "lower (decrease)"}
Direction = choice(DIRECTIONS, {"higher": "increase", "lower": "decrease"})
AUTO = "auto"  # practices chosen from the deprivation basis (services.interventions.core resolves it)


def _measure(value: object) -> float:
    if isinstance(value, (int, float, Decimal)) and not isinstance(value, bool):
        value = f"{Decimal(str(value)):f}"
    return parse_measure_value(value if isinstance(value, str) else "", "")


MeasureValue = Annotated[float, BeforeValidator(_measure)]  # within ±1,000,000,000
Budget = Annotated[Decimal, parsed(parse_money), BeforeValidator(lambda v: "0" if v is None or str(v).strip() == ""
                                                                   else v)]  # blank: none set aside (£0)
OptCount = Annotated[int | None, parsed(parse_count, optional=True)]
OptId = Annotated[int | None, parsed(parse_id, optional=True)]


def _items(value: object) -> list[str]:
    """The parts of a list typed in one box (`A, B; C`) or given flag by flag (`--group A --group B`)."""
    texts = [value] if isinstance(value, str) else list(value or ())
    return [part.strip() for text in texts for part in re.split(r"[,;]", str(text)) if part.strip()]


_SEPARATED = re.compile(r"^\s*(.*?)\s*[=:]\s*(.*?)\s*$")  # Residents=12, Residents: 12


def _pair(item: str) -> tuple[str, str] | None:
    """(group, count as written) from `Residents=12`, `Residents: 12`, `Residents 12` or `12 residents`."""
    m = _SEPARATED.match(item)
    if m and m.group(1):
        return m.group(1), m.group(2)
    words = item.split()
    if len(words) >= 2 and words[-1][:1].isdigit():
        return " ".join(words[:-1]), words[-1]
    if len(words) >= 2 and words[0][:1].isdigit():
        return " ".join(words[1:]), words[0]
    return None


def _participants(value: object) -> dict[str, int]:
    """`Residents=12, Carers: 3; 2 link workers` (or one group per --group) → counts by group; at least one."""
    if isinstance(value, dict):
        value = [f"{group}={n}" for group, n in value.items()]
    out: dict[str, int] = {}
    for item in _items(value):
        pair = _pair(item)
        if pair is None:
            raise ParseError(f"'{shown(item)}' is not a participant count; write it as GROUP=NUMBER, e.g. Residents=12.")
        group, count = pair
        out[group] = out.get(group, 0) + parse_count(count, f"the count for {shown(group)}", noun="people")
    if not out:
        raise ParseError("give at least one group and its count, e.g. Residents=12.")
    return out


Participants = Annotated[dict[str, int], BeforeValidator(_participants)]


def _practices(value: object, info: ValidationInfo) -> tuple[str, ...] | str:
    codes = [c.upper() for text in _items(value) for c in text.split()]
    if codes == [AUTO.upper()]:
        return AUTO
    known = ctx_of(info).practices
    unknown = [c for c in codes if c not in known]
    if unknown:
        listed = ", ".join(sorted(known)) or "none set up"
        raise ParseError(f"{', '.join(unknown)} is not one of this PCN's practices ({listed}).")
    return tuple(sorted(set(codes)))


Practices = Annotated[tuple[str, ...] | str, BeforeValidator(_practices)]


def _target(value: object) -> date | None:
    if isinstance(value, date) or value is None:
        return value
    text = str(value).strip()
    if not text:
        raise ParseError("is blank; give a date such as 31/03/2027, or 'none' to clear the target.")
    return None if text.lower() == "none" else parse_date(text)


TargetDay = Annotated[date | None, BeforeValidator(_target)]


def _not_after_today(ctx: Any, name: str, day: date | None, what: str) -> list[FieldMessage]:
    if day is not None and day > ctx.today:
        return [FieldMessage((name,), f"{day.isoformat()} is in the future; {what}.")]
    return []


def _raise(problems: list[FieldMessage]) -> None:
    if problems:
        raise Problems(problems)


class InterventionIn(InputModel):
    """A new intervention (`n` on the list, `pcntui intervention add`) or its edit (`e`, `edit`)."""

    title: Text(200) = field("Title", "a short name the commissioner will recognise, e.g. 'Hypertension "
                             "case-finding in Harbour Street'")
    lead: OptText(120) = field("Lead", "the named health-inequalities lead (a person), e.g. Dr Amira Khan",
                               default=None)
    focus_kind: Focus = field("Focus", "Core20PLUS5: the most deprived 20%, a PLUS group, one of the five clinical "
                              "areas, or a locally chosen group", default="local", flag="--focus")
    focus_detail: OptText(200) = field("Which group or area", "for a PLUS group or clinical area, which one, "
                                       "e.g. Vulnerable migrants or Hypertension case-finding", default=None)
    population: OptText(2000) = field("Population", "who experiences the inequality, in a sentence", default=None)
    population_size: OptCount = field("Estimated size", "about how many people, a whole number", default=None,
                                      flag="--size")
    practices: Practices = field("Practices", "practice codes separated by spaces or commas, or 'auto' to choose "
                                 "them from the deprivation basis", default=())
    deprivation_basis: Basis = field("Deprivation basis", "how the population's deprivation was established",
                                     default="none", flag="--deprivation")
    deprivation_note: OptText(1000) = field("Deprivation note", "the evidence, when the basis is other",
                                            default=None)
    aims: OptText(4000) = field("Aims", "what the intervention should achieve", default=None)
    budget: Budget = field("Budget £", "the money set aside, e.g. 4500 or £4,500", default=Decimal(0))

    @staticmethod
    def initial(d: Any) -> dict[str, object]:
        """An intervention's current values (a store InterventionDetail): what an edit starts from."""
        from pcntui.domain.money import from_pence

        return {"title": d.title, "lead": d.lead, "focus_kind": d.focus_kind, "focus_detail": d.focus_detail,
                "population": d.population, "population_size": d.population_size, "practices": " ".join(d.practices),
                "deprivation_basis": d.deprivation_basis, "deprivation_note": d.deprivation_note, "aims": d.aims,
                "budget": from_pence(d.budget_pence)}


class StageMoveIn(InputModel):
    """A move to another stage (`m` on the page, `pcntui intervention stage`)."""

    stage: Stage = field("Move to", "the stage it has now reached; moving back is allowed and recorded", flag="stage")
    on: Day = field("Date", "when it was reached, e.g. 23/11/2026")
    evidence: OptText(4000) = field("Evidence", "what shows it happened, e.g. 'Plan signed off at PCN board "
                                    "20 Nov' (the commissioner will ask)", default=None)

    @model_validator(mode="after")
    def _rules(self, info: ValidationInfo) -> StageMoveIn:
        ctx = ctx_of(info)
        problems = _not_after_today(ctx, "on", self.on, "record the move when it happens")
        d = ctx.item
        if d is not None and self.stage == d.stage:
            problems.append(FieldMessage(("stage",), f"the intervention is already at '{STAGE_LABELS[d.stage]}'."))
        if d is not None and self.on < d.created_on:
            problems.append(FieldMessage(("on",), f"{self.on.isoformat()} is before the intervention was created "
                                                  f"({d.created_on.isoformat()})."))
        _raise(problems)
        return self

    def warnings(self, ctx: Any) -> list[FieldMessage]:
        d = ctx.item
        if d is None:
            return []
        if stage_index(self.stage) >= stage_index("delivery") and not any(s.held_on <= self.on for s in d.sessions):
            return [FieldMessage(("stage",), "no co-design session is logged on or before this date, so the RAG "
                                 "will be RED (log one first).", "warning")]
        if stage_index(self.stage) < stage_index(d.stage):
            return [FieldMessage(("stage",), "this moves it back; the move is kept in its history.", "info")]
        return []


class StageTargetIn(InputModel):
    """The date a stage should be reached by (`t` on the page, `pcntui intervention target`)."""

    stage: Stage = field("Stage", "the stage to give a target date", flag="stage")
    target_on: TargetDay = field("Target date", "when it should be reached by, e.g. 31/03/2027, or 'none' to "
                                 "clear it", flag="target date")

    def warnings(self, ctx: Any) -> list[FieldMessage]:
        d = ctx.item
        reached = d is not None and any(s.stage == self.stage and s.reached for s in d.stages)
        if self.target_on is not None and self.target_on < ctx.today and not reached:
            return [FieldMessage(("target_on",), "that date has passed, so the RAG will say this stage is overdue.",
                                 "warning")]
        return []


class PartnerIn(InputModel):
    """A partner organisation (`p` on the page, `pcntui intervention partner`)."""

    name: Text(200) = field("Name", "the organisation or group, e.g. Harbour Community Centre")
    kind: PartnerKind = field("Kind", "what sort of partner it is", default="other")
    role: OptText(1000) = field("Role", "what they do in the intervention, e.g. 'Hosts the pop-up clinics'",
                                default=None)


class SessionIn(InputModel):
    """A co-design session (`c` on the page, `pcntui intervention session`)."""

    held_on: Day = field("Date held", "when the session took place, e.g. 23/11/2026", flag="--on")
    format: Format = field("Format", "how people were engaged", default="workshop")
    title: OptText(200) = field("Title", "a name for the session, e.g. 'Drop-in at the community centre'",
                                default=None)
    participants: Participants = field("Who took part", "counts by group as NAME=NUMBER separated by commas, "
                                       "e.g. Residents=12, Carers=3", flag="--group")
    heard: OptText(8000) = field("What people said", "the main things heard, in a sentence or two", default=None)
    decisions: OptText(8000) = field("Decisions", "what was decided or changed as a result", default=None)

    @model_validator(mode="after")
    def _rules(self, info: ValidationInfo) -> SessionIn:
        _raise(_not_after_today(ctx_of(info), "held_on", self.held_on, "log a session once it is held"))
        return self


class YouSaidIn(InputModel):
    """A "you said, we did" pair (`y` on the page, `pcntui intervention you-said`)."""

    you_said: Text(2000) = field("You said", "what people told you, in their words", flag="--said")
    we_did: Text(2000) = field("We did", "what changed in the plan because of it", flag="--did")
    session_id: OptId = field(
        "Heard at", "the co-design session it came from", default=None, flag="--session")
    action_id: OptId = field(
        "Changed action", "the plan action it changed, if any", default=None, flag="--action")
    recorded_on: OptDay = field("Date", "when it was recorded", default=None, flag="--on")


class ActionIn(InputModel):
    """A plan action (`a` on the page, `pcntui intervention action`)."""

    description: Text(1000) = field("What", "the action, e.g. 'Book the community centre for the second "
                                    "session'", flag="--what")
    owner: OptText(120) = field("Owner", "who will do it", default=None)
    due_on: OptDay = field("Due", "the date it should be done by, e.g. 07/12/2026", default=None, flag="--due")


class ActionDoneIn(InputModel):
    """An action done (`d` on the page, `pcntui intervention done`)."""

    on: Day = field("Done on", "the date it was done, e.g. 23/11/2026")

    @model_validator(mode="after")
    def _rules(self, info: ValidationInfo) -> ActionDoneIn:
        _raise(_not_after_today(ctx_of(info), "on", self.on, "mark it done once it is"))
        return self


class MeasureIn(InputModel):
    """An outcome measure (`o` on the page, `pcntui intervention measure`)."""

    name: Text(200) = field("Name", "what is measured, e.g. 'Blood pressure checks done'")
    unit: OptText(40) = field("Unit", "e.g. %, patients, per 1,000", default=None)
    direction: Direction = field("Better is", "whether the number should go up or down", default="increase")
    baseline_value: MeasureValue = field("Baseline", "the value before the intervention, a number, e.g. 42",
                                         flag="--baseline")
    baseline_on: Day = field("Baseline date", "when the baseline was measured, e.g. 01/04/2026")
    target_value: MeasureValue = field("Target", "the value you aim for, a number", flag="--target")
    target_on: OptDay = field("Target date", "when the target should be reached (without it the baseline is the "
                              "line to beat)", default=None)

    @model_validator(mode="after")
    def _rules(self) -> MeasureIn:
        problems = []
        if self.target_on is not None and self.target_on <= self.baseline_on:
            problems.append(FieldMessage(("target_on",), "must be after the baseline date."))
        if self.direction == "increase" and self.target_value < self.baseline_value:
            problems.append(FieldMessage(("target_value",), "an 'increase' measure needs a target at or above its "
                                                            "baseline."))
        if self.direction == "decrease" and self.target_value > self.baseline_value:
            problems.append(FieldMessage(("target_value",), "a 'decrease' measure needs a target at or below its "
                                                            "baseline."))
        _raise(problems)
        return self


class ReadingIn(InputModel):
    """A reading of a measure (`v` on the page, `pcntui intervention reading`); ctx.item: the measure."""

    value: MeasureValue = field("Value", "the number measured", flag="value")
    taken_on: Day = field("Date", "when it was measured (a second reading on the same date corrects the first)",
                          flag="--on")
    note: OptText(500) = field("Note", "where the figure came from", default=None)

    @model_validator(mode="after")
    def _rules(self, info: ValidationInfo) -> ReadingIn:
        ctx = ctx_of(info)
        problems = _not_after_today(ctx, "taken_on", self.taken_on, "record a reading once it is taken")
        m = ctx.item
        if m is not None and self.taken_on < m.baseline_on:
            problems.append(FieldMessage(("taken_on",), f"{self.taken_on.isoformat()} is before the measure's "
                                                        f"baseline date ({m.baseline_on.isoformat()})."))
        _raise(problems)
        return self


class SpendIn(InputModel):
    """Money spent (`pcntui intervention spend`)."""

    amount: PositiveMoney = field("Amount £", "more than £0, e.g. 250 or £1,250.50", flag="amount")
    spent_on: Day = field("Date", "when it was spent", flag="--on")
    note: OptText(500) = field("Note", "what it was for", default=None)


def _out_file(value: object) -> str:
    import os
    from pathlib import Path

    text = str(value or "").strip()
    if not text:
        raise ParseError("is blank; give the path of the file to write.")
    path = Path(text).expanduser()
    if path.is_dir():
        raise ParseError(f"{path} is a folder; add a file name, e.g. {path / 'summary.md'}.")
    if not path.parent.is_dir():
        raise ParseError(f"the folder {path.parent} does not exist.")
    if not os.access(path.parent, os.W_OK) or (path.exists() and not os.access(path, os.W_OK)):
        raise ParseError(f"{path} cannot be written here.")
    return str(path)


class OutFileIn(InputModel):
    """Where to write a text file (the one-page summary for the commissioner)."""

    path: Annotated[str, BeforeValidator(_out_file)] = field("File", "where to write it (the folder must exist); "
                                                             "~ is your home folder", flag="--out")

    def warnings(self, ctx: Any) -> list[FieldMessage]:
        from pathlib import Path

        if Path(self.path).exists():
            return [FieldMessage(("path",), f"{Path(self.path).name} exists and will be replaced.", "warning")]
        return []

"""Red / amber / green for an intervention, computed and explained.

Each rule gives reasons, each reason a severity; the RAG is the worst severity found,
green when there is no reason. Closed interventions are green with no reasons (nothing
is still due).

  overdue_action   an action not done whose due date is before the as-of date:
                   amber; red when more than LATE_DAYS (30) days overdue.
  stage_overdue    a stage not yet reached whose target date is before the as-of date:
                   amber; red when more than LATE_DAYS days past.
  measure_off_track an outcome measure whose latest reading is off track: amber each;
                   red when two or more measures are off track.
  no_codesign      the intervention reached delivery (or later) without a co-design
                   session held on or before the day delivery started: red.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from pcntui.domain.intervention import STAGE_CODES, STAGE_LABELS, stage_index

LATE_DAYS = 30
ORDER = {"green": 0, "amber": 1, "red": 2}


@dataclass(frozen=True)
class Reason:
    code: str  # overdue_action / stage_overdue / measure_off_track / no_codesign
    severity: str  # amber / red
    message: str


@dataclass
class Rag:
    level: str  # red / amber / green
    reasons: list[Reason] = field(default_factory=list)

    def explain(self) -> str:
        return "; ".join(r.message for r in self.reasons) if self.reasons else "nothing overdue or off track"


@dataclass(frozen=True)
class ActionFact:
    description: str
    due_on: date | None
    done_on: date | None


@dataclass(frozen=True)
class MeasureFact:
    name: str
    state: str  # on_track / off_track / no_data
    explanation: str = ""


@dataclass
class RagFacts:
    """Everything the rules look at, gathered by the store."""

    stage: str
    stage_targets: dict[str, date] = field(default_factory=dict)  # stage → target date
    actions: list[ActionFact] = field(default_factory=list)
    measures: list[MeasureFact] = field(default_factory=list)
    session_dates: list[date] = field(default_factory=list)
    delivery_started_on: date | None = None


def _late(days: int) -> str:
    return "red" if days > LATE_DAYS else "amber"


def _days(n: int) -> str:
    return f"{n} day" + ("" if n == 1 else "s")


def compute(facts: RagFacts, as_of: date) -> Rag:
    if facts.stage == "closed":
        return Rag("green", [])
    reasons: list[Reason] = []
    for a in facts.actions:
        if a.done_on is None and a.due_on is not None and a.due_on < as_of:
            late = (as_of - a.due_on).days
            reasons.append(Reason("overdue_action", _late(late),
                                  f"Action '{a.description}' was due {a.due_on.isoformat()} ({_days(late)} overdue)"))
    current = stage_index(facts.stage)
    for stage in STAGE_CODES:
        target = facts.stage_targets.get(stage)
        if target is not None and stage_index(stage) > current and target < as_of:
            late = (as_of - target).days
            reasons.append(Reason("stage_overdue", _late(late),
                                  f"Stage '{STAGE_LABELS[stage]}' was due by {target.isoformat()} "
                                  f"({_days(late)} ago) and is not reached"))
    off = [m for m in facts.measures if m.state == "off_track"]
    for m in off:
        detail = f" ({m.explanation})" if m.explanation else ""
        reasons.append(Reason("measure_off_track", "red" if len(off) >= 2 else "amber",
                              f"Measure '{m.name}' is off track{detail}"))
    if stage_index(facts.stage) >= stage_index("delivery"):
        started = facts.delivery_started_on
        if started is None or not any(d <= started for d in facts.session_dates):
            when = f" (delivery started {started.isoformat()})" if started else ""
            reasons.append(Reason("no_codesign", "red",
                                  f"No co-design session was recorded before delivery started{when}"))
    level = max((r.severity for r in reasons), key=ORDER.__getitem__, default="green")
    return Rag(level, reasons)

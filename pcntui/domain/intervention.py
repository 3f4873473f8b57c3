"""Health-inequality interventions (Network Contract DES, Tackling Neighbourhood Health
Inequalities): the lifecycle stages, the focus of the population, the deprivation basis,
and the input records validated at the boundary (pydantic).

Stages run in a fixed order; an intervention may move forwards (skipping stages) or back,
and every move is recorded. A stage counts as *reached* when it is at or before the
current stage in the order (so after a move back, later stages are open again).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from pcntui.domain.money import to_pence
from pcntui.domain.parse import MAX_MONEY, parse_money
from pcntui.errors import UserError

# (code, label) in lifecycle order.
STAGES: tuple[tuple[str, str], ...] = (
    ("lead_appointed", "Lead appointed"),
    ("population_identified", "Population identified"),
    ("engagement", "Engagement"),
    ("co_design", "Co-design"),
    ("plan_agreed", "Plan agreed"),
    ("delivery", "Delivery"),
    ("evaluation", "Evaluation"),
    ("closed", "Closed"),
)
STAGE_CODES = tuple(code for code, _ in STAGES)
STAGE_LABELS = dict(STAGES)
StageCode = Literal[
    "lead_appointed", "population_identified", "engagement", "co_design", "plan_agreed", "delivery", "evaluation",
    "closed",
]

# The focus of the population (Core20PLUS5, domain.md §3.3).
FOCUS_KINDS = {
    "core20": "Core20 (most deprived 20% by IMD)",
    "plus": "PLUS group",
    "clinical": "Clinical area (the 5)",
    "local": "Locally chosen",
}
PLUS_GROUPS = (
    "Ethnic minority communities", "Learning disability and autism", "Multiple long-term conditions",
    "Protected-characteristic groups", "People experiencing homelessness", "Drug and alcohol dependence",
    "Vulnerable migrants", "Gypsy, Roma and Traveller communities", "Sex workers",
    "People in contact with the justice system", "Victims of modern slavery", "Coastal communities",
)
CLINICAL_AREAS = (
    "Maternity", "Severe mental illness", "Chronic respiratory disease", "Early cancer diagnosis",
    "Hypertension case-finding",
)
# How the population's deprivation was established.
DEPRIVATION_BASES = {
    "none": "Not based on deprivation",
    "imd_quintile_1": "Practices in the most deprived IMD quintile in England (national IMD file)",
    "pcn_most_deprived": "The most deprived practices within the PCN, by IMD rank",
    "other": "Other evidence (see note)",
}
PARTNER_KINDS = {
    "local_authority": "Local authority",
    "voluntary": "Voluntary and community group",
    "faith": "Faith group",
    "school": "School or college",
    "nhs": "NHS or care provider",
    "resident": "Residents / patient group",
    "other": "Other",
}


def stage_index(stage: str) -> int:
    return STAGE_CODES.index(stage)


def parse_stage(text: str) -> str:
    """A stage from its code or label, case- and punctuation-insensitive ('co-design', 'Plan agreed')."""
    key = "".join(ch for ch in (text or "").lower() if ch.isalnum())
    for code, label in STAGES:
        if key in {code.replace("_", ""), "".join(ch for ch in label.lower() if ch.isalnum())}:
            return code
    raise UserError(f"'{text}' is not a stage; use one of: {', '.join(STAGE_CODES)}.")


def stage_reached(current: str, stage: str) -> bool:
    return stage_index(stage) <= stage_index(current)


def describe_focus(kind: str, detail: str | None) -> str:
    base = {"core20": "Core20", "plus": "PLUS", "clinical": "Clinical area", "local": "Local"}[kind]
    return f"{base}: {detail}" if detail else base


# ---------------------------------------------------------------------------- validation
class _In(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)


def _text(v: str | None) -> str | None:
    return v if v else None


class InterventionIn(_In):
    """What a user enters to create or edit an intervention."""

    title: str = Field(min_length=1, max_length=200)
    lead: str | None = Field(default=None, max_length=120)
    focus_kind: Literal["core20", "plus", "clinical", "local"] = "local"
    focus_detail: str | None = Field(default=None, max_length=200)
    population: str | None = Field(default=None, max_length=2000)
    population_size: int | None = Field(default=None, ge=0, le=10_000_000)
    deprivation_basis: Literal["none", "imd_quintile_1", "pcn_most_deprived", "other"] = "none"
    deprivation_note: str | None = Field(default=None, max_length=1000)
    aims: str | None = Field(default=None, max_length=4000)
    budget_pence: int = Field(default=0, ge=0, le=int(MAX_MONEY) * 100)
    practices: list[str] = Field(default_factory=list)

    _blank = field_validator("lead", "focus_detail", "population", "deprivation_note", "aims")(_text)

    @field_validator("practices")
    @classmethod
    def _codes(cls, v: list[str]) -> list[str]:
        return sorted({c.strip().upper() for c in v if c and c.strip()})


class StageMoveIn(_In):
    stage: StageCode
    on: date
    evidence: str | None = Field(default=None, max_length=4000)
    _blank = field_validator("evidence")(_text)


class PartnerIn(_In):
    name: str = Field(min_length=1, max_length=200)
    kind: Literal["local_authority", "voluntary", "faith", "school", "nhs", "resident", "other"] = "other"
    role: str | None = Field(default=None, max_length=1000)
    _blank = field_validator("role")(_text)


class ActionIn(_In):
    description: str = Field(min_length=1, max_length=1000)
    owner: str | None = Field(default=None, max_length=120)
    due_on: date | None = None
    done_on: date | None = None
    _blank = field_validator("owner")(_text)


class RiskIn(_In):
    description: str = Field(min_length=1, max_length=1000)
    rating: Literal["low", "medium", "high"] = "medium"
    mitigation: str | None = Field(default=None, max_length=1000)
    _blank = field_validator("mitigation")(_text)


class SpendIn(_In):
    spent_on: date
    amount_pence: int = Field(gt=0, le=int(MAX_MONEY) * 100)
    note: str | None = Field(default=None, max_length=500)
    _blank = field_validator("note")(_text)


def parse_budget(text: str, what: str = "") -> int:
    """An intervention's budget in pounds (0 allowed, at most £10,000,000) → integer pence."""
    return to_pence(parse_money(text, what))


def parse_spend(text: str, what: str = "") -> int:
    """An amount spent in pounds (more than £0, at most £10,000,000) → integer pence."""
    return to_pence(parse_money(text, what, low_open=True))


def check(model: type[BaseModel], **values) -> BaseModel:
    """Validate one record; a problem becomes a one-sentence UserError naming the field."""
    try:
        return model(**values)
    except ValidationError as exc:
        err = exc.errors()[0]
        field = ".".join(str(p) for p in err.get("loc", ())) or "value"
        msg = err.get("msg", "is not valid").rstrip(".")
        raise UserError(f"{field.replace('_', ' ')}: {msg}.") from None


@dataclass(frozen=True)
class StageMove:
    """One recorded move between stages (backwards moves included)."""

    id: int
    from_stage: str | None
    to_stage: str
    moved_on: date
    evidence: str | None

    @property
    def backwards(self) -> bool:
        return self.from_stage is not None and stage_index(self.to_stage) < stage_index(self.from_stage)


def delivery_started_on(moves: list[StageMove]) -> date | None:
    """The first date the intervention reached delivery or a later stage."""
    at = stage_index("delivery")
    dates = [m.moved_on for m in moves if stage_index(m.to_stage) >= at]
    return min(dates) if dates else None


def deprived_practices(scores: dict[str, tuple[float, int | None]], basis: str, count: int | None = None) -> list[str]:
    """Practice codes matching a deprivation basis, most deprived first.

    `scores` maps each of the PCN's practices to (IMD score, national quintile or None).
    `imd_quintile_1`: practices in the most deprived quintile in England (needs a national
    IMD file; otherwise a UserError says so). `pcn_most_deprived`: the `count` practices
    with the highest scores within the PCN (default: the most deprived fifth, at least one).
    """
    ordered = sorted(scores, key=lambda c: (-scores[c][0], c))
    if basis == "imd_quintile_1":
        if not any(q is not None for _, q in scores.values()):
            raise UserError("The imported IMD scores do not cover England, so there are no national quintiles; "
                            "use 'pcn_most_deprived' (most deprived practices within the PCN by rank).")
        return [c for c in ordered if scores[c][1] == 1]
    if basis == "pcn_most_deprived":
        n = count if count is not None else max(1, -(-len(ordered) // 5))
        if n < 1:
            raise UserError("Choose at least one practice.")
        return ordered[:n]
    raise UserError(f"Practices cannot be chosen automatically for the deprivation basis '{basis}'.")

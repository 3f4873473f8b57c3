"""Health-inequality interventions (Network Contract DES, Tackling Neighbourhood Health
Inequalities): the lifecycle stages, the focus of the population, the deprivation basis,
and what counts as reached. What people type is checked by pcntui.inputs.interventions.

Stages run in a fixed order; an intervention may move forwards (skipping stages) or back,
and every move is recorded. A stage counts as *reached* when it is at or before the
current stage in the order (so after a move back, later stages are open again).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

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


def stage_reached(current: str, stage: str) -> bool:
    return stage_index(stage) <= stage_index(current)


def describe_focus(kind: str, detail: str | None) -> str:
    base = {"core20": "Core20", "plus": "PLUS", "clinical": "Clinical area", "local": "Local"}[kind]
    return f"{base}: {detail}" if detail else base


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

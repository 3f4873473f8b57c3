"""What a rule needs to know beyond the typed values: today, the rules in force, the PCN's
practices and cohorts, and the record being edited. Services load it inside their transaction
(services/context.py); forms load it once in a worker and validate as the user types."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from datetime import date
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from pcntui.domain.arrs_rules import RuleBook
    from pcntui.domain.cohort import CohortIndex


@dataclass(frozen=True)
class Ctx:
    today: date
    rules: RuleBook | None = None
    practices: Mapping[str, str] = field(default_factory=dict)  # code → name
    cohorts: CohortIndex | None = None
    item: object | None = None  # the record acted on (an intervention, a measure, a staff member)

    def with_item(self, item: object) -> Ctx:
        return replace(self, item=item)

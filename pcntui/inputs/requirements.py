"""What people type about the DES requirements (see inputs/base.py for how models are checked)."""

from __future__ import annotations

from pydantic import model_validator

from pcntui.domain.requirements import AREAS, LINK_KINDS, STATUSES, Requirement, state_problems
from pcntui.errors import FieldMessage
from pcntui.inputs.base import InputModel, Problems, field
from pcntui.inputs.types import FY, OptDay, OptText, Text, YesNo, choice

Status = choice(STATUSES)
Area = choice(AREAS)
LinkKind = choice({kind: kind.replace("_", " ") for kind in LINK_KINDS})


class RequirementIn(InputModel):
    """A requirement of the user's own, e.g. for a new year: `n` on the requirements screen and
    `pcntui requirement add`."""

    fy: FY = field("Year", "the financial year it belongs to, written like 2027/28")
    area: Area = field("Area of focus", "which part of the DES it belongs to")
    title: Text(300) = field("Requirement", "what must be done, as the DES specification words it")
    due_on: OptDay = field("Due date", "the deadline, e.g. 31/03/2028", default=None, flag="--due")
    due_confirmed: YesNo = field("Date confirmed", "yes when the published DES confirms the date", default=True,
                                 flag="--unconfirmed")
    owner: OptText(120) = field("Owner", "who is responsible", default=None)
    detail: OptText(4000) = field("Detail", "anything else: the paragraph of the specification, the source",
                                  default=None)


class LinkIn(InputModel):
    """What a requirement is linked to: `pcntui requirement link`."""

    kind: LinkKind = field("Linked to", "an intervention, an SMR cohort or a member of staff")
    target: Text(200) = field("Which", "the intervention's id, the cohort's code, or the person's name or staff id")


class RequirementChangeIn(InputModel):
    """A requirement's state: `e` on the requirements screen and `pcntui requirement set`."""

    status: Status = field("Status", "not started, in progress, done or not applicable")
    owner: OptText(120) = field("Owner", "who is responsible, e.g. Priya Nair (optional)", default=None)
    evidence: OptText(4000) = field("Evidence", "what shows progress or completion, e.g. "
                                    "'Plan agreed at board 12 Nov'", default=None)
    due_on: OptDay = field("Due date", "the deadline, e.g. 31/03/2027", default=None, flag="--due")
    due_confirmed: YesNo = field("Date confirmed", "yes when the published DES confirms the date", default=True,
                                 flag="--confirmed")

    @model_validator(mode="after")
    def _rules(self) -> RequirementChangeIn:
        problems = state_problems(self.status, self.evidence)
        if problems:
            raise Problems([FieldMessage((name,), text) for name, text in problems])
        return self

    @staticmethod
    def initial(requirement: Requirement) -> dict[str, object]:
        """The requirement's current values: what a change starts from."""
        return {"status": requirement.status, "owner": requirement.owner, "evidence": requirement.evidence,
                "due_on": requirement.due_on, "due_confirmed": requirement.due_confirmed}

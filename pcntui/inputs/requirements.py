"""What people type about the DES requirements (see inputs/base.py for how models are checked)."""

from __future__ import annotations

from pydantic import model_validator

from pcntui.domain.requirements import STATUSES, Requirement, state_problems
from pcntui.errors import FieldMessage
from pcntui.inputs.base import InputModel, Problems, field
from pcntui.inputs.types import OptDay, OptText, YesNo, choice

Status = choice(STATUSES)


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

"""What people type about SMR: cohorts, targets, monthly counts, capacity settings and shares,
worklist patients (see inputs/base.py for how models are checked).

`CountIn` is one practice's counts for one cohort on one date: the counts form, `pcntui smr
counts` and a cell of the month-end grid. `WorklistEntryIn` is one worklist patient: the
worklist form and `pcntui smr worklist add|edit`. Their warnings come from the one list of
`domain.smr_progress.count_warnings`.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from decimal import Decimal
from typing import Annotated, Any

from pydantic import BeforeValidator, ValidationInfo, model_validator

from pcntui.domain import nhs_number
from pcntui.domain.cohort import Cohort, Target, check_code, make_code
from pcntui.domain.parse import ParseError, parse_count, parse_decimal, parse_percent, shown
from pcntui.domain.smr_capacity import SETTING_LIMITS
from pcntui.domain.smr_progress import Snapshot, count_warnings
from pcntui.domain.worklist import STATUS_LABELS, WorklistEntry, field_problems
from pcntui.domain.worklist import _STATUS_ALIASES as STATUS_ALIASES
from pcntui.errors import FieldMessage, UserError
from pcntui.inputs.base import InputModel, Problems, field, validate
from pcntui.inputs.types import (
    FY, CohortCode, Count, Day, OptDay, OptText, PracticeCode, Text, _cohort, _text_of, choice, ctx_of, parsed,
)

OptCount = Annotated[int | None, parsed(parse_count, optional=True, noun="patients")]
OptMeds = Annotated[int | None, parsed(parse_count, optional=True, noun="medicines")]
OptPct = Annotated[Decimal | None, parsed(parse_percent, optional=True)]
Reviews = Annotated[int | None, parsed(parse_count, optional=True, noun="reviews")]


def _setting(name: str) -> Any:
    low, high = SETTING_LIMITS[name]  # one set of bounds (domain.smr_capacity), for the form, the CLI and the file
    return Annotated[Decimal | None, parsed(parse_decimal, optional=True, low=low, high=high,
                                            hint="e.g. 30" if name == "minutes_per_review" else "e.g. 37.5")]


def _code(value: object) -> str | None:
    text = (_text_of(value) or "").strip()
    if not text:
        return None
    try:
        return check_code(text)
    except UserError:
        raise ParseError(f"'{shown(text)}' must be letters, digits and _ and start with a letter "
                         "(e.g. LOCAL_DOAC).") from None


def _words(value: object) -> tuple[str, ...]:
    """Several words: a list, or text separated by | or ;."""
    items = value if isinstance(value, (list, tuple)) else (_text_of(value) or "").replace(";", "|").split("|")
    return tuple(dict.fromkeys(" ".join(str(i).split()) for i in items if str(i).strip()))


def _cohorts(value: object, info: ValidationInfo) -> tuple[str, ...]:
    """Cohort codes, each matched against ctx.cohorts (codes or names)."""
    return tuple(dict.fromkeys(_cohort(text, info) for text in _words(value)))


def _nhs(value: object) -> str | None:
    text = (_text_of(value) or "").strip()
    if not text:
        return None
    if not nhs_number.is_valid(text):
        raise ParseError(nhs_number.invalid_reason(text))
    return nhs_number.clean(text)


CohortCodes = Annotated[tuple[str, ...], BeforeValidator(_cohorts)]
Aliases = Annotated[tuple[str, ...], BeforeValidator(_words)]
NhsNumber = Annotated[str | None, BeforeValidator(_nhs)]
Status = choice(STATUS_LABELS, STATUS_ALIASES)


# ---------------------------------------------------------------------- cohorts and targets
class CohortIn(InputModel):
    """A local cohort (or a cohort's name, definition and aliases): `pcntui smr add-cohort`."""

    name: Text(120) = field("Name", "e.g. Housebound on DOACs")
    code: Annotated[str | None, BeforeValidator(_code)] = field(
        "Code", "blank: made from the name, e.g. HOUSEBOUND_ON_DOACS", default=None)
    definition: OptText(2000) = field("Definition", "who is in the cohort, in words", default=None)
    aliases: Aliases = field("Other names", "names imports may use, separated by |", default=(), flag="--alias")

    @model_validator(mode="after")
    def _unique(self, info: ValidationInfo) -> CohortIn:
        index = ctx_of(info).cohorts
        clashes = index.clashes(self.to_cohort(None)) if index is not None else []
        if clashes:
            raise Problems([FieldMessage(("name",), f"cannot be saved: {'; '.join(clashes)}.")])
        return self

    @property
    def cohort_code(self) -> str:
        return self.code or make_code(self.name)

    def to_cohort(self, existing: Cohort | None) -> Cohort:
        return Cohort(self.cohort_code, self.name, self.definition or "", self.aliases,
                      existing.origin if existing else "user")


class TargetIn(InputModel):
    """A cohort's target for a year: `pcntui smr target` (a percent, a count, or cleared)."""

    cohort: CohortCode = field("Cohort", "code or name")
    fy: FY = field("Financial year", "e.g. 2026/27")
    percent: OptPct = field("Target %", "of eligible patients, e.g. 80", default=None)
    count: Reviews = field("Target reviews", "a number of reviews, e.g. 350", default=None)
    clear: bool = field("Remove the target", default=False)

    @model_validator(mode="after")
    def _one(self) -> TargetIn:
        given = (self.percent is not None) + (self.count is not None)
        if not self.clear and given != 1:
            raise Problems([FieldMessage(("percent",), "give the target as a percent of eligible patients or "
                                                       "as a count of reviews (one of them).")])
        if self.clear and given:
            raise Problems([FieldMessage(("clear",), "removes the target: give no percent or count with it.")])
        return self

    def to_target(self) -> Target | None:
        if self.clear:
            return None
        return Target("percent", self.percent) if self.percent is not None else Target("count", Decimal(self.count))


# ---------------------------------------------------------------------- counts
def over_eligible(eligible: int, completed: int) -> FieldMessage | None:
    """Completed reviews are counted among eligible patients: the rule of the counts form, the grid
    and `import smr-counts` (which says it for a row with `sentence(…, front="csv")`)."""
    if completed <= eligible:
        return None
    return FieldMessage(("completed",), f"{completed:,} is more than the {eligible:,} eligible; completed reviews "
                                        "are counted among eligible patients.")


class CountIn(InputModel):
    """One practice's year-to-date counts for one cohort on the date of its search.

    `ctx.item`, when given, is the counts held: (practice, cohort) → snapshots (for the warnings)."""

    practice_code: PracticeCode = field("Practice", "code or name, e.g. Y90001", flag="PRACTICE")
    cohort: CohortCode = field("Cohort", "code or name", flag="COHORT")
    as_of: Day = field("Counts as of", "the date the search was run, e.g. 31/10/2026", flag="--date")
    eligible: Count = field("Eligible", "patients in the cohort")
    completed: Count = field("Completed", "SMRs done this year")
    invited: OptCount = field("Invited", "optional", default=None)
    declined: OptCount = field("Declined", "optional", default=None)

    @model_validator(mode="after")
    def _within_eligible(self) -> CountIn:
        problem = over_eligible(self.eligible, self.completed)
        if problem is not None:
            raise Problems([problem])
        return self

    def snapshot(self) -> Snapshot:
        return Snapshot(self.as_of, self.eligible, self.completed, self.invited, self.declined)

    def warnings(self, ctx: Any) -> list[FieldMessage]:
        held: Mapping[tuple[str, str], Sequence[Snapshot]] = ctx.item if isinstance(ctx.item, Mapping) else {}
        series = {s.as_of: s for s in held.get((self.practice_code, self.cohort), ())}
        out = []
        if self.as_of in series:
            out.append(FieldMessage(("as_of",), f"counts for {self.as_of.isoformat()} are held already; saving "
                                                "replaces them.", "info"))
        series[self.as_of] = self.snapshot()
        out += [FieldMessage((w.field,), w.text + ".", "warning")
                for w in count_warnings(series.values(), about={self.as_of})]
        return out


# ---------------------------------------------------------------------- capacity
class SettingsIn(InputModel):
    """Capacity assumptions (`m` on the capacity screen, `pcntui smr settings`); blank: unchanged."""

    minutes_per_review: _setting("minutes_per_review") = field(
        "Minutes per SMR", "clinician time one review takes, 1 to 600", default=None)
    hours_per_wte: _setting("hours_per_wte") = field(
        "Hours per WTE week", "hours in a full-time week, 1 to 80 (default 37.5)", default=None)
    default_share_pct: _setting("default_share_pct") = field(
        "Default SMR share %", "for a prescribing role with no share set, 0 to 100", default=None,
        flag="--default-share")

    def changes(self) -> dict[str, Decimal]:
        return {k: v for k, v in self.model_dump().items() if v is not None}


class ShareIn(InputModel):
    """The % of a roster member's time given to SMRs (blank: their role's default)."""

    share_pct: OptPct = field("SMR share %", "0 to 100; blank for the role's default", default=None,
                              flag="--percent")


# ---------------------------------------------------------------------- the worklist
DATE_FIELDS = ("identified_on", "invited_on", "booked_on", "reviewed_on", "follow_up_due")
MEDS_FIELDS = ("meds_stopped", "meds_changed", "meds_started")


class WorklistEntryIn(InputModel):
    """One worklist patient, by the practice's own reference; the NHS number checked as typed."""

    practice_code: PracticeCode = field("Practice", "code or name", flag="--practice")
    reference: Text(40) = field("Reference", "the practice's own pseudonymous reference")
    nhs_number: NhsNumber = field("NHS number", "optional, 10 digits", default=None, flag="--nhs-number")
    cohorts: CohortCodes = field("Cohorts", "one or more, separated by ;", flag="--cohort")
    status: Status = field("Status", "identified, invited, booked, completed, declined or not suitable",
                           default="identified")
    identified_on: OptDay = field("Identified on", "e.g. 31/10/2026", default=None, flag="--identified")
    invited_on: OptDay = field("Invited on", default=None, flag="--invited")
    booked_on: OptDay = field("Booked on", default=None, flag="--booked")
    reviewed_on: OptDay = field("Reviewed on", default=None, flag="--reviewed")
    follow_up_due: OptDay = field("Follow-up due", default=None, flag="--follow-up")
    reviewer: OptText(120) = field("Reviewer", default=None)
    meds_stopped: OptMeds = field("Meds stopped", default=None)
    meds_changed: OptMeds = field("Meds changed", default=None)
    meds_started: OptMeds = field("Meds started", default=None)
    note: OptText(1000) = field("Note", default=None)

    @model_validator(mode="after")
    def _rules(self) -> WorklistEntryIn:
        problems = field_problems(self.to_entry(None))
        if problems:
            raise Problems([FieldMessage(("cohorts" if name == "cohort" else name,), text)
                            for name, text in problems])
        return self

    def to_entry(self, base: WorklistEntry | None) -> WorklistEntry:
        """The entry to save (an edit keeps the id and rev of `base`)."""
        values = self.model_dump()
        return WorklistEntry(id=base.id if base else None, rev=base.rev if base else 0, **values)

    @staticmethod
    def initial(entry: WorklistEntry | None) -> dict[str, object]:
        """The entry's values as a form or `smr worklist edit` starts from them."""
        if entry is None:
            return {"status": "identified"}
        values: dict[str, object] = {name: getattr(entry, name) for name in WorklistEntryIn.model_fields}
        values["cohorts"] = ";".join(entry.cohorts)
        return values


# ---------------------------------------------------------------------- the month-end grid
def check_grid(as_of: object, cells: Mapping[tuple[int, int], str], practices: Sequence[str],
               cohorts: Sequence[str], ctx: Any) -> tuple[list[CountIn], list[FieldMessage]]:
    """Practices (rows) × cohorts (columns) for one date, each cell typed `completed/eligible`
    (e.g. `40/70`; blank: nothing for that pair), each checked as a CountIn. Messages are placed
    at (row, column, field); a bad date at ("as_of",), once."""
    counts: list[CountIn] = []
    messages: list[FieldMessage] = []
    dated = False
    for (r, c), text in sorted(cells.items()):
        text = (text or "").strip()
        if not text:
            continue
        done, slash, eligible = text.partition("/")
        if not slash:
            messages.append(FieldMessage((r, c, "completed"), f"'{shown(text)}' is not completed/eligible, "
                                                              "e.g. 40/70."))
            continue
        raw = {"practice_code": practices[r], "cohort": cohorts[c], "as_of": as_of, "eligible": eligible,
               "completed": done}
        result = validate(CountIn, raw, ctx)
        found = result.messages if not result.ok else result.warnings
        for m in found:
            if m.loc[:1] == ("as_of",):
                if not dated and m.level == "error":
                    messages.append(m)
                dated = dated or m.level == "error"
            else:
                messages.append(FieldMessage((r, c, *m.loc), m.text, m.level))
        if result.ok:
            counts.append(result.value)
    return counts, messages

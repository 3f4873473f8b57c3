"""What people type about ARRS staffing: a staff record, a dated change of terms, a leaver, a
planned post, the year's entitlement and a maximum (rate row). One model each, read alike by
the TUI's forms and `pcntui arrs …` (see inputs/base.py for how models are checked).

Record rules are the domain's (`check_member`, `make_entitlement`), whose problems carry the
field they are about; the record being edited (a StaffMember, a PlannedPost, the year of an
entitlement) is `ctx.item`.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from decimal import Decimal
from typing import Annotated, Any

from pydantic import AfterValidator, ValidationInfo, field_validator, model_validator

from pcntui.domain.arrs_roles import parse_band, parse_training
from pcntui.domain.arrs_rules import RateRow, parse_annual_max, parse_reimbursement_pct
from pcntui.domain.claims import DEFAULT_STATUS, STATUSES as CLAIM_STATUSES, Claim, check_claim
from pcntui.domain.entitlement import (Entitlement, make_entitlement, parse_entitlement_amount,
                                       parse_rate_per_patient, parse_weighted_population)
from pcntui.domain.money import gbp
from pcntui.domain.parse import parse_wte
from pcntui.domain.staff import OPEN_PLANNED, PLANNED_STATUSES, Check, PlannedPost, StaffMember, Terms, check_member, \
    parse_oncost, parse_salary, with_change
from pcntui.errors import FieldMessage, UserError
from pcntui.inputs.base import InputModel, Problems, field
from pcntui.inputs.context import Ctx
from pcntui.inputs.types import WTE, Day, Money, OptDay, OptText, RoleCode, Text, YesNo, choice, ctx_of, parsed

Salary = Annotated[Decimal, parsed(parse_salary)]  # £1,000 to £500,000
OptSalary = Annotated[Decimal | None, parsed(parse_salary, optional=True)]
OptWTE = Annotated[Decimal | None, parsed(parse_wte, optional=True)]
Oncost = Annotated[Decimal | None, parsed(parse_oncost, optional=True)]  # at least 0, below 100; blank: the year's
Band = Annotated[str, parsed(parse_band)]  # '' or an AfC band
OwnPct = Annotated[Decimal | None, parsed(parse_reimbursement_pct, optional=True)]
Training = Annotated[str, parsed(parse_training)]  # '' or a status (its everyday words too)
Name = Annotated[str, Text(120), AfterValidator(lambda text: " ".join(text.split()))]
AnnualMax = Annotated[Decimal, parsed(parse_annual_max)]  # more than £0, at most £500,000
OptAnnualMax = Annotated[Decimal | None, parsed(parse_annual_max, optional=True)]
Pct = Annotated[Decimal, parsed(parse_reimbursement_pct)]
Population = Annotated[int | None, parsed(parse_weighted_population, optional=True)]
PerPatient = Annotated[Decimal | None, parsed(parse_rate_per_patient, optional=True)]
Amount = Annotated[Decimal | None, parsed(parse_entitlement_amount, optional=True)]
Status = choice({s: s for s in PLANNED_STATUSES})
OpenStatus = choice({s: s for s in OPEN_PLANNED})
ClaimStatus = choice({s: s for s in CLAIM_STATUSES})
RATE_JUMP_PCT = 25  # a maximum this much above or below the one in force before is worth a second look


def _problems(tagged: list[tuple[str, str]], rename: dict[str, str] | None = None) -> Problems:
    rename = rename or {}
    return Problems([FieldMessage((rename.get(f, f),) if f else (), text) for f, text in tagged])


def _warnings(tagged: list[tuple[str, str]], rename: dict[str, str] | None = None) -> list[FieldMessage]:
    rename = rename or {}
    return [FieldMessage((rename.get(f, f),) if f else (), text, "warning") for f, text in tagged]


def _text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, Decimal):
        return f"{value.normalize():f}"
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, bool):
        return "yes" if value else "no"
    return str(value)


def _role_info(rules: Any, code: str) -> FieldMessage | None:
    role = rules.role(code) if rules is not None else None
    if role is None:
        return None
    since = f"eligible from {role.eligible_from.isoformat()}" if role.eligible_from else "eligible"
    return FieldMessage(("role",), f"{role.name} ({role.code}) · {since}"
                        + (f" · bands {role.bands}" if role.band_max else ""), "info")


# ====================================================================== staff
class StaffIn(InputModel):
    """A roster entry: `n`/`e` on the roster and `pcntui arrs add|edit`. Editing (ctx.item the
    member) corrects the record: the start date moves the first terms, WTE, salary and on-cost
    correct the latest (a pay rise is a dated change: ChangeTermsIn)."""

    name: Name = field("Name", "full name")
    role: RoleCode = field("Role", "code or name, e.g. CP or Clinical Pharmacist")
    wte: WTE = field("WTE", "more than 0 and at most 1, e.g. 0.8")
    start_date: Day = field("Start date", "e.g. 2026-12-01 or 01/12/2026", flag="--start")
    end_date: OptDay = field("End date", "blank while in post", default=None, flag="--end")
    fte_salary: Salary = field("FT salary £", "full-time annual, e.g. 45000", flag="--salary")
    oncost_pct: Oncost = field("On-cost %", "blank: employer NI and pension from the year's rules", default=None)
    arrs_funded: YesNo = field("ARRS-funded", "yes, or no for a baseline post", default=True)
    band: Band = field("AfC band", "e.g. 7 or 8a (optional; GPN maxima are by band 5 or 6)", default="")
    reimbursement_pct: OwnPct = field("Own reimbursed %", "blank: the role's %; e.g. 100 for a second MHP",
                                      default=None)
    estimated: YesNo = field("Estimated", "yes while salary and start date are guesses; no once confirmed",
                             default=False)
    practice: OptText(120) = field("Practice", "optional", default=None)
    supervisor: OptText(120) = field("Supervisor", "optional; some roles need one", default=None)
    registration_number: OptText(60) = field("Registration no.", "optional", default=None)
    registration_expiry: OptDay = field("Registration expiry", "optional date", default=None)
    training_pathway: Training = field("Training pathway", "not started, enrolled, completed or not required",
                                       default="")
    note: OptText(1000) = field("Note", "optional", default=None)

    @model_validator(mode="after")
    def _rules(self, info: ValidationInfo) -> StaffIn:
        check = self.checked(ctx_of(info))
        if not check.ok:
            raise _problems(check.tagged()[0])
        return self

    @staticmethod
    def base(ctx: Ctx) -> StaffMember | None:
        return ctx.item if isinstance(ctx.item, StaffMember) else None

    def checked(self, ctx: Ctx) -> Check:
        """The domain's check of the member as it would be saved (its problems refuse, its warnings are shown)."""
        return check_member(self.to_member(self.base(ctx)), ctx.rules)

    def warnings(self, ctx: Ctx) -> list[FieldMessage]:
        info = _role_info(ctx.rules, self.role)
        return ([info] if info else []) + _warnings(self.checked(ctx).tagged()[1])

    def to_member(self, base: StaffMember | None = None) -> StaffMember:
        """The member as saved: new (base None), or `base` corrected (keeps its id, rev and dated changes)."""
        if base is not None and len(base.terms) > 1:
            ordered = sorted(base.terms, key=lambda t: t.effective_from)
            last = Terms(ordered[-1].effective_from, self.wte, self.fte_salary, self.oncost_pct, ordered[-1].rev)
            terms = (Terms(self.start_date, ordered[0].wte, ordered[0].fte_salary, ordered[0].oncost_pct,
                           ordered[0].rev), *ordered[1:-1], last)
        else:
            rev = base.terms[0].rev if base is not None and base.terms else None
            terms = (Terms(self.start_date, self.wte, self.fte_salary, self.oncost_pct, rev),)
        fields = dict(
            name=self.name, role_code=self.role, start_date=self.start_date, end_date=self.end_date, terms=terms,
            arrs_funded=self.arrs_funded, band=self.band, practice=self.practice or "",
            reimbursement_pct=self.reimbursement_pct, estimated=self.estimated, supervisor=self.supervisor or "",
            registration_number=self.registration_number or "", registration_expiry=self.registration_expiry,
            training_pathway=self.training_pathway, note=self.note or "")
        return StaffMember(None, **fields) if base is None else replace(base, **fields)

    @staticmethod
    def initial(member: StaffMember, rules: Any = None) -> dict[str, str]:
        """The member's record as text: what the edit form starts from and what `arrs edit` changes."""
        ordered = sorted(member.terms, key=lambda t: t.effective_from)
        t = ordered[-1] if ordered else None
        return {
            "name": member.name, "role": rules.role_name(member.role_code) if rules is not None else member.role_code,
            "wte": _text(t.wte if t else None), "start_date": _text(member.start_date), "end_date": _text(member.end_date),
            "fte_salary": _text(t.fte_salary if t else None), "oncost_pct": _text(t.oncost_pct if t else None),
            "arrs_funded": _text(member.arrs_funded), "band": member.band,
            "reimbursement_pct": _text(member.reimbursement_pct), "estimated": _text(member.estimated),
            "practice": member.practice, "supervisor": member.supervisor,
            "registration_number": member.registration_number, "registration_expiry": _text(member.registration_expiry),
            "training_pathway": member.training_pathway, "note": member.note,
        }


class ChangeTermsIn(InputModel):
    """`c` on the roster and `pcntui arrs change`: new WTE, salary or on-cost from a date (the
    months before keep the old terms). ctx.item: the staff member."""

    effective_from: Day = field("From date", "the first day of the new terms", flag="--from")
    wte: OptWTE = field("New WTE", "blank keeps it", default=None)
    fte_salary: OptSalary = field("New FT salary £", "blank keeps it", default=None, flag="--salary")
    oncost_pct: Oncost = field("New on-cost %", "blank keeps it", default=None)

    @model_validator(mode="after")
    def _rules(self, info: ValidationInfo) -> ChangeTermsIn:
        ctx = ctx_of(info)
        m = ctx.item
        if not m.in_post_on(self.effective_from):
            until = m.end_date.isoformat() if m.end_date else "now"
            raise Problems([FieldMessage(("effective_from",), f"{m.name} is not in post on "
                                         f"{self.effective_from.isoformat()} ({m.start_date.isoformat()} to {until}).")])
        if self.wte is None and self.fte_salary is None and self.oncost_pct is None:
            raise Problems([FieldMessage((), "Give a new WTE, salary or on-cost.")])
        check = self.checked(ctx)
        if not check.ok:
            raise _problems(check.tagged()[0], {"start_date": "effective_from"})
        return self

    def changed(self, member: StaffMember) -> StaffMember:
        return with_change(member, self.effective_from, wte=self.wte, fte_salary=self.fte_salary,
                           oncost_pct=self.oncost_pct)

    def checked(self, ctx: Ctx) -> Check:
        """The domain's check of the member with the new terms."""
        return check_member(self.changed(ctx.item), ctx.rules)

    def warnings(self, ctx: Ctx) -> list[FieldMessage]:
        return _warnings(self.checked(ctx).tagged()[1], {"start_date": "effective_from"})


class LeaverIn(InputModel):
    """`f` on the roster and `pcntui arrs leave`: the last day in post (blank clears it).
    ctx.item: the staff member."""

    end_date: OptDay = field("Last day in post", "e.g. 2027-01-31; blank: still in post", flag="--on")

    @model_validator(mode="after")
    def _rules(self, info: ValidationInfo) -> LeaverIn:
        m, day = ctx_of(info).item, self.end_date
        if day is None:
            if m.end_date is None:
                raise Problems([FieldMessage(("end_date",), "is blank; give the last day in post.")])
            return self
        if day < m.start_date:
            raise Problems([FieldMessage(("end_date",), f"{day.isoformat()} is before {m.name}'s start date "
                                                        f"{m.start_date.isoformat()}.")])
        later = [t for t in m.terms if t.effective_from > day]
        if later:
            raise Problems([FieldMessage(("end_date",), f"{m.name} has a change dated "
                                         f"{later[0].effective_from.isoformat()}, after {day.isoformat()}; "
                                         "remove it first.")])
        return self

    def warnings(self, ctx: Ctx) -> list[FieldMessage]:
        if self.end_date is None:
            return [FieldMessage(("end_date",), "Blank clears the end date: in post again.", "info")]
        return []


# ====================================================================== planned posts
class PlannedPostIn(InputModel):
    """A planned post as edited (`e` on the planned posts, `pcntui arrs plan-edit`): any status.
    ctx.item: the post being edited."""

    title: OptText(120) = field("Title", "optional, e.g. Second pharmacist", default=None)
    role: RoleCode = field("Role", "code or name")
    wte: WTE = field("WTE", "more than 0 and at most 1")
    expected_start: Day = field("Expected start", "date", flag="--start")
    expected_end: OptDay = field("Expected end", "blank: open-ended", default=None, flag="--end")
    fte_salary: Salary = field("FT salary £", "full-time annual", flag="--salary")
    oncost_pct: Oncost = field("On-cost %", "blank: the year's default", default=None)
    status: Status = field("Status", "planned, advertised, offered, filled or withdrawn", default="planned")

    @model_validator(mode="after")
    def _rules(self) -> PlannedPostIn:
        if self.expected_end is not None and self.expected_end < self.expected_start:
            raise Problems([FieldMessage(("expected_end",), "Expected end is before the expected start.")])
        return self

    def warnings(self, ctx: Ctx) -> list[FieldMessage]:
        role = ctx.rules.role(self.role) if ctx.rules is not None else None
        return [FieldMessage(("role",), f"{role.name} ({role.code})", "info")] if role else []

    def to_post(self, base: PlannedPost | None = None) -> PlannedPost:
        return PlannedPost(base.id if base else None, self.role, self.wte, self.expected_start, self.fte_salary,
                           self.expected_end, self.oncost_pct, self.status, self.title or "",
                           base.note if base else "", base.filled_by if base else None, base.rev if base else None)

    @staticmethod
    def initial(post: PlannedPost, rules: Any = None) -> dict[str, str]:
        return {"title": post.title, "role": rules.role_name(post.role_code) if rules is not None else post.role_code,
                "wte": _text(post.wte), "expected_start": _text(post.expected_start),
                "expected_end": _text(post.expected_end), "fte_salary": _text(post.fte_salary),
                "oncost_pct": _text(post.oncost_pct), "status": post.status}


class NewPlannedPostIn(PlannedPostIn):
    """A new planned post (`n` on the planned posts, `pcntui arrs plan`): open statuses only."""

    status: OpenStatus = field("Status", "planned, advertised or offered", default="planned")


# ====================================================================== the year's entitlement
class EntitlementIn(InputModel):
    """`t` on any ARRS screen and `pcntui arrs entitlement`: weighted population × £ per patient,
    or an amount. ctx.item: the FinancialYear."""

    weighted_population: Population = field("Weighted population", "e.g. 52000", default=None)
    rate_per_patient: PerPatient = field("£ per patient", "blank: the year's shipped rate", default=None)
    amount: Amount = field("Or an amount £", "instead of population × rate", default=None)
    gp_rate: PerPatient = field("GP £ per patient", "blank: the year's shipped GP rate (2024/25 only)",
                                default=None)
    note: OptText(500) = field("Note", "kept with the figure", default=None)

    @model_validator(mode="after")
    def _rules(self, info: ValidationInfo) -> EntitlementIn:
        try:
            self.to_entitlement(ctx_of(info))
        except UserError as exc:
            raise Problems([FieldMessage((self._culprit(ctx_of(info)),), str(exc))]) from None
        return self

    def _culprit(self, ctx: Ctx) -> str:
        """The field a refusal of `make_entitlement` is about, from what was given."""
        if self.amount is not None:
            return "rate_per_patient" if self.rate_per_patient is not None else "amount"
        if self.weighted_population is None:
            return "weighted_population"
        shipped = ctx.rules.funding_for(ctx.item) if ctx.rules is not None else None
        if self.rate_per_patient is None and shipped is None:
            return "rate_per_patient"
        return "weighted_population"

    def to_entitlement(self, ctx: Ctx) -> Entitlement:
        return make_entitlement(ctx.item, weighted_population=self.weighted_population,
                                rate_per_patient=self.rate_per_patient, amount=self.amount, rules=ctx.rules,
                                note=self.note or "", gp_rate_per_patient=self.gp_rate)

    @staticmethod
    def initial(ent: Entitlement | None) -> dict[str, str]:
        if ent is None:
            return {}
        return {"weighted_population": _text(ent.weighted_population), "rate_per_patient": _text(ent.rate_per_patient),
                "amount": "" if ent.rate_per_patient is not None else f"{ent.amount:f}".removesuffix(".00"),
                "note": ent.note}


# ====================================================================== a maximum (rate row)
class RateIn(InputModel):
    """`n`/`e` on the rule tables and `pcntui arrs rate`: a role's maximum £ per WTE per year from a date."""

    role: RoleCode = field("Role", "code or name")
    effective_from: Day = field("From date", "e.g. 2026-04-01", flag="--from")
    annual_max: AnnualMax = field("Maximum £/WTE/yr", "e.g. 58000", flag="--max")
    reimbursement_pct: Pct = field("Reimbursed %", "usually 100", default=Decimal(100), flag="--pct")
    inner_london_max: OptAnnualMax = field("Inner London £", "optional", default=None)
    outer_london_max: OptAnnualMax = field("Outer London £", "optional", default=None)
    note: OptText(500) = field("Note / source", "where the figure comes from", default=None)
    band: Band = field("AfC band", "only for maxima by band (GPN 5 or 6)", default="")

    def warnings(self, ctx: Ctx) -> list[FieldMessage]:
        role = ctx.rules.role(self.role) if ctx.rules is not None else None
        out = [FieldMessage(("role",), f"{role.name} ({role.code})", "info")] if role else []
        current = ctx.rules.rate_on(self.role, self.effective_from) if ctx.rules is not None else None
        if current is not None and current.annual_max and current.effective_from != self.effective_from:
            change = (self.annual_max - current.annual_max) / current.annual_max * 100
            if abs(change) > RATE_JUMP_PCT:
                out.append(FieldMessage(("annual_max",), f"{change:+.0f}% on the maximum in force before "
                                        f"({gbp(current.annual_max)}): check the figure.", "warning"))
        return out

    def to_row(self) -> RateRow:
        return RateRow(self.role, self.effective_from, self.annual_max, self.reimbursement_pct, self.inner_london_max,
                       self.outer_london_max, confirmed=True, source="user", note=self.note or "", origin="user",
                       band=self.band)

    @staticmethod
    def initial(row: RateRow, rules: Any = None) -> dict[str, str]:
        money = (lambda v: "" if v is None else f"{v:f}".removesuffix(".00"))  # noqa: E731
        return {"role": rules.role_name(row.role_code) if rules is not None else row.role_code,
                "effective_from": _text(row.effective_from), "annual_max": money(row.annual_max),
                "reimbursement_pct": _text(row.reimbursement_pct), "inner_london_max": money(row.inner_london_max),
                "outer_london_max": money(row.outer_london_max), "note": row.note if row.origin == "user" else "",
                "band": row.band}


# ====================================================================== one month's claim
class ClaimIn(InputModel):
    """One month's claim for one person (the claims grid's form): the rules of `pcntui import claims`."""

    reference: OptText(60) = field("Reference", "optional", default=None)
    amount_claimed: Money = field("Claimed £", "e.g. 4166.67")
    status: ClaimStatus = field("Status", "submitted, approved, paid or rejected", default=DEFAULT_STATUS)
    amount_paid: Money = field("Paid £", "blank = 0", default=Decimal("0.00"))
    submitted_on: OptDay = field("Submitted on", "optional", default=None)
    paid_on: OptDay = field("Paid on", "optional", default=None)

    @field_validator("amount_paid", mode="before")
    @classmethod
    def _blank_paid(cls, value: object) -> object:
        return "0" if value is None or (isinstance(value, str) and not value.strip()) else value

    @model_validator(mode="after")
    def _rules(self) -> ClaimIn:
        problems = check_claim(self.status, self.amount_claimed, self.amount_paid, self.submitted_on, self.paid_on)
        if problems:
            raise Problems([FieldMessage((column,), text[:1].upper() + text[1:] + ".") for column, text in problems])
        return self

    def to_claim(self, month: date, name: str, role_code: str, staff_id: int | None) -> Claim:
        return Claim(month=month.replace(day=1), name=name, role_code=role_code, amount_claimed=self.amount_claimed,
                     status=self.status, amount_paid=self.amount_paid, reference=" ".join((self.reference or "").split()),
                     submitted_on=self.submitted_on, paid_on=self.paid_on, staff_id=staff_id)

    @staticmethod
    def initial(claim: Claim | None) -> dict[str, str]:
        if claim is None:
            return {"status": DEFAULT_STATUS}
        return {"reference": claim.reference, "amount_claimed": f"{claim.amount_claimed:.2f}", "status": claim.status,
                "amount_paid": f"{claim.amount_paid:.2f}" if claim.amount_paid else "",
                "submitted_on": _text(claim.submitted_on), "paid_on": _text(claim.paid_on)}

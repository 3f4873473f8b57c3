"""The ARRS forms: what each is (a FormSpec over its `inputs.arrs` model and its one service) and
how a screen opens it. Checking, messages under each box, a refused save keeping what was typed:
all `tui/forms`."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any

from pcntui.domain.fy import FinancialYear
from pcntui.domain.money import gbp
from pcntui.inputs.arrs import (ChangeTermsIn, EntitlementIn, LeaverIn, NewPlannedPostIn, PlannedPostIn, RateIn,
                                StaffIn)
from pcntui.tui.forms import FieldSpec, FormSpec, fields, open_form

if TYPE_CHECKING:
    from pcntui.domain.entitlement import Entitlement
    from pcntui.domain.forecast import ArrsInputs
    from pcntui.domain.staff import PlannedPost, StaffMember
    from pcntui.inputs.context import Ctx


def role_names(ctx: Ctx) -> tuple[str, ...]:
    return tuple(r.name for r in ctx.rules.roles) if ctx.rules is not None else ()


ROLE = FieldSpec("role", suggest=role_names)


def _n(value: Any) -> str:
    return "" if value is None else f"{value.normalize():f}"


# ====================================================================== staff
STAFF_FIELDS = fields(StaffIn, "name", ROLE, "wte", "start_date", "end_date", "fte_salary", "oncost_pct",
                      "arrs_funded", "band", "reimbursement_pct", "estimated", "practice", "supervisor",
                      "registration_number", "registration_expiry", "training_pathway", "note")


def claimable_this_year(staff: StaffIn, ctx: Ctx) -> str:
    """The live line under the staff form: what can be claimed for the person this year."""
    from pcntui.domain.claimable import member_year, total

    fy = FinancialYear.of(ctx.today)
    member = staff.to_member(StaffIn.base(ctx))
    if not member.overlaps(fy.start, fy.end):
        return f"Not in post in {fy.label}."
    return f"Claimable in {fy.label} (whole year, national rates): {gbp(total(member_year(member, ctx.rules, fy)))}"


def staff_spec(member: StaffMember | None, today: date) -> FormSpec:
    """`n` (member None: a new person) or `e` (the member's record put right)."""
    from pcntui.services.arrs.staff import add_staff, edit_staff

    if member is None:
        return FormSpec("Add a staff member", StaffIn, STAFF_FIELDS, need=("rules",), summary=claimable_this_year,
                        save=lambda store, values: add_staff(store, values, today=today))
    later = len(member.terms) > 1
    return FormSpec(f"Edit {member.name}", StaffIn, STAFF_FIELDS, need=("rules",), summary=claimable_this_year,
                    intro="WTE, salary and on-cost are the latest terms; a pay rise from a date is c." if later else "",
                    save=lambda store, values: edit_staff(store, member.id, values, today=today,
                                                          expected_rev=member.rev))


def open_staff(screen: Any, member: StaffMember | None = None, *, then=None) -> None:
    """`n` (member None) and `e` on the roster or a person's months."""
    spec = staff_spec(member, screen.pcn_app.today)
    if member is None:
        open_form(screen, spec, {"arrs_funded": "yes", "estimated": "no"}, then=then)
        return
    rules = screen.view.inputs.rules if getattr(screen, "view", None) is not None else None
    open_form(screen, spec, StaffIn.initial(member, rules), item=member, then=then)


def change_spec(member: StaffMember, today: date) -> FormSpec:
    """`c`: new WTE, salary or on-cost from a date."""
    from pcntui.services.arrs.staff import change_terms

    day = min(max(today, member.start_date), member.end_date or today)
    now = member.terms_on(day)
    return FormSpec(f"Change WTE or salary of {member.name}", ChangeTermsIn, fields(
        ChangeTermsIn, "effective_from", FieldSpec("wte", hint=f"now {_n(now.wte) if now else '?'}; blank keeps it"),
        FieldSpec("fte_salary", hint=f"now {gbp(now.fte_salary) if now else '?'}; blank keeps it"), "oncost_pct"),
        need=("rules",), summary=lambda change, ctx: _new_terms(change, member),
        save=lambda store, values: change_terms(store, member.id, values, today=today, expected_rev=member.rev))


def open_change(screen: Any, member: StaffMember) -> None:
    today = screen.pcn_app.today
    day = min(max(today, member.start_date), member.end_date or today)
    first_next = date(today.year + (today.month == 12), today.month % 12 + 1, 1)
    if member.in_post_on(first_next):
        day = first_next  # a change usually starts with a month
    open_form(screen, change_spec(member, today), {"effective_from": day}, item=member)


def _new_terms(change: ChangeTermsIn, member: StaffMember) -> str:
    new = change.changed(member).terms_on(change.effective_from)
    oncost = f", on-cost {_n(new.oncost_pct)}%" if new.oncost_pct is not None else ", default on-cost"
    return (f"From {change.effective_from.isoformat()}: WTE {_n(new.wte)}, full-time salary "
            f"{gbp(new.fte_salary)}{oncost}")


def leaver_spec(member: StaffMember, today: date) -> FormSpec:
    """`f`: the last day in post (blank clears it)."""
    from pcntui.services.arrs.staff import record_leaver

    return FormSpec(f"End date for {member.name}", LeaverIn, fields(LeaverIn, "end_date"),
                    summary=lambda leaver, ctx: (f"{member.name} leaves on {leaver.end_date.isoformat()}; claims stop "
                                                 "after that day." if leaver.end_date else ""),
                    save=lambda store, values: record_leaver(store, member.id, values, today=today,
                                                             expected_rev=member.rev))


def open_leaver(screen: Any, member: StaffMember) -> None:
    open_form(screen, leaver_spec(member, screen.pcn_app.today), {"end_date": member.end_date}, item=member)


# ====================================================================== the entitlement
def entitlement_spec(fy: FinancialYear, current: Entitlement | None, rules: Any, today: date) -> FormSpec:
    """`t`: the year's entitlement, weighted population × £ per patient, or an amount."""
    from pcntui.services.arrs.rules import set_entitlement

    note = current.note if current is not None else ""
    shipped = rules.funding_for(fy)
    rate_hint = (f"blank: £{shipped.rate_per_patient}{'' if shipped.confirmed else ' (unconfirmed)'}"
                 if shipped else "no rate on record: give one")
    return FormSpec(f"ARRS entitlement {fy.label}", EntitlementIn,
                    fields(EntitlementIn, "weighted_population", FieldSpec("rate_per_patient", hint=rate_hint),
                           "amount"), need=("rules",), base={"note": note},
                    summary=lambda given, ctx: (lambda e: f"Entitlement {fy.label}: {gbp(e.amount)} ({e.basis})")(
                        given.to_entitlement(ctx)),
                    save=lambda store, values: set_entitlement(store, fy, {**values, "note": note}, today=today,
                                                               expected_rev=current.rev if current else None))


def open_entitlement(screen: Any, fy: FinancialYear, current: Entitlement | None) -> None:
    spec = entitlement_spec(fy, current, screen.view.inputs.rules, screen.pcn_app.today)
    open_form(screen, spec, EntitlementIn.initial(current), item=fy)


# ====================================================================== planned posts
def planned_spec(inputs: ArrsInputs, fy: FinancialYear, as_of: date, post: PlannedPost | None,
                 today: date) -> FormSpec:
    """`n`/`e` on the planned posts: the post, with its effect on this year's forecast unclaimed as you type."""
    from pcntui.services.arrs.planned import add_planned, edit_planned

    model = PlannedPostIn if post is not None else NewPlannedPostIn
    names = fields(model, "title", ROLE, "wte", "expected_start", "expected_end", "fte_salary", "oncost_pct",
                   "status")
    summary = (lambda given, ctx: what_if_text(inputs, fy, as_of, given.to_post(post)))
    if post is None:
        return FormSpec("Add a planned post (what-if)", model, names, need=("rules",), summary=summary,
                        save=lambda store, values: add_planned(store, values, today=today))
    return FormSpec("Edit planned post", model, names, need=("rules",), summary=summary,
                    save=lambda store, values: edit_planned(store, post.id, values, today=today,
                                                            expected_rev=post.rev))


def open_planned(screen: Any, inputs: ArrsInputs, fy: FinancialYear, as_of: date,
                 post: PlannedPost | None = None) -> None:
    spec = planned_spec(inputs, fy, as_of, post, screen.pcn_app.today)
    open_form(screen, spec, PlannedPostIn.initial(post, inputs.rules) if post else {"status": "planned"}, item=post)


def what_if_text(inputs: ArrsInputs, fy: FinancialYear, as_of: date, post: PlannedPost) -> str:
    """What the post does to the year: claimable added, forecast and forecast unclaimed before and after."""
    from pcntui.domain.forecast import what_if
    from pcntui.tui.widgets.entitlement_bar import entitlement_bar

    w = what_if(inputs, fy, as_of, post)
    before, after = w.before, w.after
    line = f"What if: adds {gbp(w.added)} claimable in {fy.label} (forecast {gbp(before.forecast)} → {gbp(after.forecast)})"
    if before.forecast_headroom is None:
        return line + "\nNo entitlement set for the year: t on the ARRS screen sets it."
    a = after.forecast_headroom
    word = "left unclaimed at 31 March" if a >= 0 else "overspent (not reimbursed)"
    return line + (f"\nForecast unclaimed {gbp(before.forecast_headroom)} → {gbp(a)} ({gbp(abs(a))} {word})"
                   f"\nnow  {entitlement_bar(before, 30, plain=True)}\nwith {entitlement_bar(after, 30, plain=True)}")


# ====================================================================== a maximum (rate row)
RATE_FIELDS = fields(RateIn, ROLE, "effective_from", "annual_max", "reimbursement_pct", "inner_london_max",
                     "outer_london_max", "note")


def rate_spec(row, today: date) -> FormSpec:
    """`e` (row: the maximum under the cursor) and `n` (row None: a new one)."""
    from pcntui.services.arrs.rules import save_rate

    mine = row is not None and row.origin == "user"
    band = row.band if row is not None else ""
    return FormSpec("Edit a maximum (rate row)" if row else "Add a maximum (rate row)", RateIn, RATE_FIELDS,
                    need=("rules",), base={"band": band},
                    summary=lambda r, ctx: (f"{ctx.rules.role_name(r.role)} from {r.effective_from.isoformat()}: "
                                            f"{gbp(r.annual_max)} per WTE per year at {_n(r.reimbursement_pct)}%. "
                                            "Saved as your row (confirmed)."),
                    save=lambda store, values: save_rate(
                        store, {**values, "band": band}, today=today,
                        expected_rev=row.rev if mine and _same_key(row, values) else None))


def open_rate(screen: Any, row=None, *, role_name: str = "") -> None:
    initial = RateIn.initial(row, screen.view.inputs.rules) if row is not None else {
        "role": role_name, "reimbursement_pct": "100"}
    open_form(screen, rate_spec(row, screen.pcn_app.today), initial)


def _same_key(row, values: dict[str, str]) -> bool:
    """The form still names the row it opened (same date): its rev guards against another copy."""
    return values.get("effective_from", "").strip() == row.effective_from.isoformat()

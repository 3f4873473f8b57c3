"""ARRS forms (modal screens): staff add/edit, dated change, leaver, entitlement, planned post, rate row.

Each form checks as you type and says, under the field, in words, what is wrong (blocks
saving) or doubtful (a warning: saved anyway). Reading the rule book never happens here:
the screen that opens a form passes what it already loaded. A save runs in a thread worker,
is one store action (one undo step) and passes the record's `rev`, so a change made by
another copy of pcntui since the form opened is refused with a sentence instead of lost.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import date
from decimal import Decimal
from typing import TYPE_CHECKING, Any, ClassVar

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.message import Message
from textual.screen import ModalScreen
from textual.suggester import SuggestFromList
from textual.widgets import Button, Input, Label, Static
from textual.worker import Worker, WorkerState

from pcntui.domain.fy import FinancialYear
from pcntui.domain.money import gbp
from pcntui.domain.arrs_roles import parse_band
from pcntui.domain.arrs_rules import parse_reimbursement_pct
from pcntui.domain.parse import optional, parse_date, parse_wte, parse_yes_no
from pcntui.domain.text import clean_input, terminal_safe
from pcntui.errors import UserError
from pcntui.domain.staff import parse_oncost, parse_salary
from pcntui.tui.messages import DataChanged, describe_error
from pcntui.tui.safe import markup

if TYPE_CHECKING:
    from pcntui.domain.arrs_rules import RuleBook
    from pcntui.domain.forecast import ArrsInputs
    from pcntui.domain.staff import PlannedPost, StaffMember
    from pcntui.store import Store


@dataclass(frozen=True)
class Field:
    key: str
    label: str
    placeholder: str = ""
    value: str = ""
    suggestions: tuple[str, ...] = ()


def read_fields(values: dict[str, str], parsed: dict[str, Any], messages: dict[str, tuple[str, str]],
                parsers: dict[str, tuple[Callable[[str, str], Any], str]]) -> None:
    """Each field through its parser (pcntui.domain.parse or a field parser built on it: the same
    as the CLI flag and the import column): blank → None; a refusal → an error under the field."""
    for key, (parser, what) in parsers.items():
        try:
            parsed[key] = optional(parser, values[key], what)
        except UserError as exc:
            messages[key] = ("error", str(exc))


def dec(value: Decimal | None) -> str:
    return "" if value is None else f"{value.normalize():f}"


def money_text(value: Decimal | None) -> str:
    if value is None:
        return ""
    return f"{value:f}".removesuffix(".00")


class FormModal(ModalScreen[Any]):
    """A titled form: one Input per field, a message line under each, a summary, Save/Cancel.

    Subclasses set FIELDS (or override `fields()`), implement `check(values)` returning
    (messages {key: (level, text)}, payload or None when it cannot be saved, summary markup),
    and `commit(store, payload)` (runs in a worker) returning the note shown after saving.
    """

    TITLE_TEXT: ClassVar[str] = "Form"
    HINT: ClassVar[str] = "tab next field · enter or ctrl+s save · escape cancel"
    BINDINGS = [
        Binding("escape", "cancel", "Cancel"),
        Binding("ctrl+s", "save", "Save"),
    ]

    class Saved(Message):
        def __init__(self, result: Any, note: str) -> None:
            super().__init__()
            self.result = result
            self.note = note

    def __init__(self, title: str | None = None) -> None:
        super().__init__()
        self.title_text = title or self.TITLE_TEXT
        self.payload: Any = None
        self.saving = False
        self.show_all = False  # say "missing" for blank fields only once touched or after a save attempt
        self.touched: set[str] = set()

    def fields(self) -> list[Field]:
        return []

    # ---------------------------------------------------------------- layout
    def compose(self) -> ComposeResult:
        with Vertical(id="dialog", classes="arrs-form"):
            yield Label(terminal_safe(self.title_text), classes="dialog-title", markup=False)
            with VerticalScroll(classes="arrs-form-fields"):
                for f in self.fields():
                    with Horizontal(classes="arrs-field"):
                        yield Label(f.label, classes="arrs-field-label", markup=False)
                        suggester = SuggestFromList(f.suggestions, case_sensitive=False) if f.suggestions else None
                        yield Input(terminal_safe(f.value), placeholder=f.placeholder, id=f"f-{f.key}", suggester=suggester)
                    yield Static("", id=f"m-{f.key}", classes="arrs-field-msg -hidden", markup=False)
            yield Static("", id="form-summary", classes="arrs-form-summary")
            yield Static("", id="form-error", classes="arrs-form-error -hidden", markup=False)
            with Horizontal(classes="dialog-buttons"):
                yield Button("Save (ctrl+s)", variant="primary", id="save")
                yield Button("Cancel (esc)", variant="default", id="cancel")
            yield Label(self.HINT, classes="dialog-hint")

    def on_mount(self) -> None:
        self.validate()
        inputs = list(self.query(Input))
        if inputs:
            inputs[0].focus()

    # ---------------------------------------------------------------- checking
    def values(self) -> dict[str, str]:
        return {i.id.removeprefix("f-"): clean_input(i.value) for i in self.query(Input) if i.id}

    def check(self, values: dict[str, str]) -> tuple[dict[str, tuple[str, str]], Any, str]:
        return {}, None, ""

    def validate(self) -> bool:
        try:
            messages, payload, summary = self.check(self.values())
        except UserError as exc:  # a sentence no field owns
            messages, payload, summary = {}, None, f"[b $error]{markup(str(exc))}[/]"
        self.payload = payload
        values = self.values()
        for msg in self.query(".arrs-field-msg"):
            key = (msg.id or "").removeprefix("m-")
            level, text = messages.get(key, ("", ""))
            if level == "error" and not self.show_all and key not in self.touched and not values.get(key, "").strip():
                level, text = "", ""
            msg.update(terminal_safe(text))
            msg.set_class(not text, "-hidden")
            msg.set_class(level == "error", "-error")
            msg.set_class(level == "warning", "-warning")
            msg.set_class(level == "info", "-info")
        self.query_one("#form-summary", Static).update(summary)
        self.query_one("#save", Button).disabled = payload is None or self.saving
        return payload is not None

    @on(Input.Changed)
    def _changed(self, event: Input.Changed) -> None:
        if event.input.id and self.is_mounted and event.input.has_focus:
            self.touched.add(event.input.id.removeprefix("f-"))
        self.query_one("#form-error", Static).add_class("-hidden")
        self.validate()

    @on(Input.Submitted)
    def _submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.action_save()

    # ---------------------------------------------------------------- saving
    @on(Button.Pressed, "#save")
    def action_save(self) -> None:
        if self.saving:
            return
        self.show_all = True
        if not self.validate():
            self.show_error("Not saved: put right what is marked in red first.")
            return
        store = getattr(self.app, "store", None)
        if store is None:
            self.show_error("No database is open.")
            return
        self.saving = True
        self.query_one("#save", Button).disabled = True
        self._commit(store, self.payload)

    @work(thread=True, exclusive=True, group="db", exit_on_error=False)
    def _commit(self, store: Store, payload: Any) -> None:
        result, note = self.commit(store, payload)
        self.post_message(self.Saved(result, note))

    def commit(self, store: Store, payload: Any) -> tuple[Any, str]:
        raise NotImplementedError

    @on(Saved)
    def _saved(self, message: Saved) -> None:
        message.stop()
        self.app.post_message(DataChanged(message.note))
        self.dismiss(message.result)

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        if event.state == WorkerState.ERROR and event.worker.error is not None:
            event.stop()  # said here, in the form; the form stays open
            self.saving = False
            self.show_error(f"Not saved: {describe_error(event.worker.error)}")
            self.validate()

    def show_error(self, text: str) -> None:
        box = self.query_one("#form-error", Static)
        box.update(terminal_safe(text))
        box.remove_class("-hidden")

    @on(Button.Pressed, "#cancel")
    def action_cancel(self) -> None:
        self.dismiss(None)


def _place(messages: dict[str, tuple[str, str]], text: str, level: str, routes: list[tuple[str, str]],
           default: str) -> None:
    """Put a domain message under the field it is about (first keyword that matches)."""
    low = text.lower()
    key = next((k for word, k in routes if word in low), default)
    old = messages.get(key)
    if old and old[0] == "error" and level != "error":
        return
    if old and old[0] == level:
        text = f"{old[1]} {text}"
    messages[key] = (level, text)


def role_help(rules: RuleBook) -> tuple[str, ...]:
    out = []
    for r in rules.roles:
        out.append(r.name)
    return tuple(out)


# ====================================================================== staff


class StaffForm(FormModal):
    """`n` (new) and `e` (edit): who, role, WTE, dates, salary, on-cost, funding, band, own reimbursement %,
    estimated or confirmed, compliance details.

    Dismisses with the saved staff id (None on cancel)."""

    STAFF_ROUTES: ClassVar = [
        ("name", "name"), ("reimbursement", "reimbursement_pct"), ("end date", "end_date"), ("start date", "start_date"),
        ("on-cost", "oncost_pct"),
        ("salary", "fte_salary"), ("pay scales", "fte_salary"), ("wte", "wte"), ("band", "band"),
        ("training pathway", "training_pathway"), ("not an arrs role", "role"), ("role", "role"),
        ("outside the employment", "start_date"), ("first wte", "start_date"),
    ]

    def __init__(self, rules: RuleBook, member: StaffMember | None = None, *, today: date) -> None:
        who = f"Edit {member.name}" if member is not None else "Add a staff member"
        super().__init__(who)
        self.rules = rules
        self.member = member
        self.today = today

    def fields(self) -> list[Field]:
        m = self.member
        t = None
        if m is not None and m.terms:
            ordered = sorted(m.terms, key=lambda x: x.effective_from)
            t = ordered[0] if len(ordered) == 1 else ordered[-1]
        role = self.rules.role_name(m.role_code) if m else ""
        funded = "yes" if m is None or m.arrs_funded else "no"
        later = m is not None and len(m.terms) > 1
        return [
            Field("name", "Name", "full name", m.name if m else ""),
            Field("role", "Role", "code or name, e.g. CP or Clinical Pharmacist", role, role_help(self.rules)),
            Field("wte", "WTE" + (" (latest)" if later else ""), "0.1 to 1, e.g. 0.8", dec(t.wte) if t else ""),
            Field("start_date", "Start date", "e.g. 2026-12-01 or 01/12/2026", m.start_date.isoformat() if m else ""),
            Field("end_date", "End date", "blank while in post", m.end_date.isoformat() if m and m.end_date else ""),
            Field("fte_salary", "FT salary £" + (" (latest)" if later else ""), "full-time annual, e.g. 45000",
                  money_text(t.fte_salary) if t else ""),
            Field("oncost_pct", "On-cost %", "blank: employer NI and pension from the year's rules",
                  dec(t.oncost_pct) if t and t.oncost_pct is not None else ""),
            Field("arrs_funded", "ARRS-funded", "yes, or no for a baseline post", funded),
            Field("band", "AfC band", "e.g. 7 or 8a (optional; GPN maxima are by band 5 or 6)", m.band if m else ""),
            Field("reimbursement_pct", "Own reimbursed %", "blank: the role's %; e.g. 100 for a second MHP",
                  dec(m.reimbursement_pct) if m else ""),
            Field("estimated", "Estimated", "yes while salary and start date are guesses; no once confirmed",
                  "yes" if m is not None and m.estimated else "no"),
            Field("practice", "Practice", "optional", m.practice if m else ""),
            Field("supervisor", "Supervisor", "optional; some roles need one", m.supervisor if m else ""),
            Field("registration_number", "Registration no.", "optional", m.registration_number if m else ""),
            Field("registration_expiry", "Registration expiry", "optional date",
                  m.registration_expiry.isoformat() if m and m.registration_expiry else ""),
            Field("training_pathway", "Training pathway", "not started, enrolled, completed or not required",
                  m.training_pathway if m else ""),
            Field("note", "Note", "optional", m.note if m else ""),
        ]

    def check(self, v: dict[str, str]) -> tuple[dict[str, tuple[str, str]], Any, str]:
        from pcntui.domain.staff import StaffMember, Terms, check_member

        messages: dict[str, tuple[str, str]] = {}
        parsed: dict[str, Any] = {}
        read_fields(v, parsed, messages, {
            "wte": (parse_wte, "WTE"), "fte_salary": (parse_salary, "Full-time salary"),
            "oncost_pct": (parse_oncost, "On-cost"), "start_date": (parse_date, "Start date"),
            "end_date": (parse_date, "End date"), "registration_expiry": (parse_date, "Registration expiry"),
            "arrs_funded": (parse_yes_no, "ARRS-funded"), "band": (parse_band, "AfC band"),
            "reimbursement_pct": (parse_reimbursement_pct, "Own reimbursed %"), "estimated": (parse_yes_no, "Estimated"),
        })
        if not v["name"].strip():
            messages["name"] = ("error", "Give the person's name.")
        role = self.rules.match_role(v["role"]) if v["role"].strip() else None
        if not v["role"].strip():
            messages["role"] = ("error", "Give the role (code or name).")
        elif role is None:
            messages["role"] = ("error", f"'{v['role'].strip()}' is not an ARRS role on record (try the rule tables, b).")
        else:
            since = f"eligible from {role.eligible_from.isoformat()}" if role.eligible_from else "eligible"
            messages["role"] = ("info", f"{role.name} ({role.code}) · {since}" + (f" · bands {role.bands}" if role.band_max else ""))
        for key, what in (("wte", "the WTE: more than 0 and at most 1 (e.g. 0.8)"),
                          ("fte_salary", "the full-time annual salary (e.g. 45000)"), ("start_date", "the start date"),
                          ("arrs_funded", "yes (ARRS-funded) or no (a baseline post)")):
            if key not in messages and parsed.get(key) is None:
                messages[key] = ("error", f"Give {what}.")
        start, end = parsed.get("start_date"), parsed.get("end_date")
        if start and end and end < start:
            messages["end_date"] = ("error", f"The end date {end.isoformat()} is before the start date {start.isoformat()}.")
        if any(level == "error" for level, _ in messages.values()) or role is None or start is None:
            return messages, None, "[dim]Fill in the fields marked; nothing is saved until every one reads well.[/dim]"
        new_terms = Terms(start, parsed["wte"], parsed["fte_salary"], parsed.get("oncost_pct"))
        old = self.member
        if old is not None and len(old.terms) > 1:
            ordered = sorted(old.terms, key=lambda x: x.effective_from)
            last = ordered[-1]
            first = replace(ordered[0], effective_from=start)
            middle = tuple(ordered[1:-1])
            terms = (first, *middle, replace(last, wte=parsed["wte"], fte_salary=parsed["fte_salary"],
                                             oncost_pct=parsed.get("oncost_pct")))
        else:
            rev = old.terms[0].rev if old is not None and old.terms else None
            terms = (replace(new_terms, rev=rev),)
        base = old if old is not None else StaffMember(None, "", "", start, None, ())
        member = replace(
            base, name=" ".join(v["name"].split()), role_code=role.code, start_date=start, end_date=end, terms=terms,
            arrs_funded=parsed["arrs_funded"], band=parsed.get("band") or "", practice=v["practice"].strip(),
            reimbursement_pct=parsed.get("reimbursement_pct"), estimated=bool(parsed.get("estimated")),
            supervisor=v["supervisor"].strip(), registration_number=v["registration_number"].strip(),
            registration_expiry=parsed.get("registration_expiry"),
            training_pathway=v["training_pathway"].strip().lower(), note=v["note"].strip(),
        )
        result = check_member(member, self.rules)
        for text in result.problems:
            _place(messages, text, "error", self.STAFF_ROUTES, "name")
        for text in result.warnings:
            _place(messages, text, "warning", self.STAFF_ROUTES, "role")
        if not result.ok:
            return messages, None, "[dim]Put right what is marked in red; nothing is saved yet.[/dim]"
        summary = self.preview(member)
        if result.warnings:
            summary += "\n[$text-warning]Warnings (shown above) do not stop saving.[/]"
        return messages, member, summary

    def preview(self, member: StaffMember) -> str:
        from pcntui.domain.claimable import member_year, total

        fy = FinancialYear.of(self.today)
        try:
            months = member_year(member, self.rules, fy)
        except Exception:  # noqa: BLE001 - a preview must never break the form
            return ""
        claim = total(months)
        if not member.overlaps(fy.start, fy.end):
            return f"Not in post in {fy.label}."
        return f"Claimable in {fy.label} (whole year, national rates): [b]{gbp(claim)}[/b]"

    def commit(self, store: Store, member: StaffMember) -> tuple[Any, str]:
        from pcntui.store.staff import save_staff

        staff_id, check = save_staff(store, member, expected_rev=member.rev if member.id is not None else None)
        verb = "Added" if member.id is None else "Saved"
        note = f"{verb} {member.name}."
        if check.warnings:
            note += f" {len(check.warnings)} warning(s): " + " ".join(check.warnings)
        return staff_id, note


# ====================================================================== dated change
class ChangeTermsForm(FormModal):
    """`c`: a change of WTE, salary or on-cost from a date (the months before keep the old terms)."""

    def __init__(self, rules: RuleBook, member: StaffMember, *, today: date) -> None:
        super().__init__(f"Change WTE or salary of {member.name}")
        self.rules = rules
        self.member = member
        self.today = today

    def fields(self) -> list[Field]:
        m = self.member
        day = min(max(self.today, m.start_date), m.end_date or self.today)
        t = m.terms_on(day)
        first_next = date(self.today.year + (self.today.month == 12), self.today.month % 12 + 1, 1)
        if m.in_post_on(first_next):
            day = first_next  # a change usually starts with a month
        return [
            Field("effective_from", "From date", "the first day of the new terms", day.isoformat()),
            Field("wte", "New WTE", f"now {dec(t.wte) if t else '?'}; blank keeps it"),
            Field("fte_salary", "New FT salary £", f"now {gbp(t.fte_salary) if t else '?'}; blank keeps it"),
            Field("oncost_pct", "New on-cost %", "blank keeps it"),
        ]

    def check(self, v: dict[str, str]) -> tuple[dict[str, tuple[str, str]], Any, str]:
        from pcntui.domain.staff import check_member, with_change

        m = self.member
        messages: dict[str, tuple[str, str]] = {}
        parsed: dict[str, Any] = {}
        read_fields(v, parsed, messages, {"effective_from": (parse_date, "From date"), "wte": (parse_wte, "WTE"),
                                          "fte_salary": (parse_salary, "Full-time salary"),
                                          "oncost_pct": (parse_oncost, "On-cost")})
        day = parsed.get("effective_from")
        if "effective_from" not in messages:
            if day is None:
                messages["effective_from"] = ("error", "Give the date the change takes effect.")
            elif not m.in_post_on(day):
                until = m.end_date.isoformat() if m.end_date else "now"
                messages["effective_from"] = ("error", f"{m.name} is not in post on {day.isoformat()} "
                                                       f"({m.start_date.isoformat()} to {until}).")
        wte, salary, oncost = parsed.get("wte"), parsed.get("fte_salary"), parsed.get("oncost_pct")
        if not messages and wte is None and salary is None and oncost is None:
            return messages, None, "[dim]Give a new WTE, salary or on-cost.[/dim]"
        if any(level == "error" for level, _ in messages.values()):
            return messages, None, ""
        changed = with_change(m, day, wte=wte, fte_salary=salary, oncost_pct=oncost)
        result = check_member(changed, self.rules)
        for text in result.problems:
            _place(messages, text, "error", [("wte", "wte"), ("salary", "fte_salary"), ("on-cost", "oncost_pct")],
                   "effective_from")
        for text in result.warnings:
            _place(messages, text, "warning", [("salary", "fte_salary")], "effective_from")
        if not result.ok:
            return messages, None, ""
        new = changed.terms_on(day)
        summary = (f"From {day.isoformat()}: WTE [b]{dec(new.wte)}[/b], full-time salary [b]{gbp(new.fte_salary)}[/b]"
                   + (f", on-cost {dec(new.oncost_pct)}%" if new.oncost_pct is not None else ", default on-cost"))
        return messages, (day, wte, salary, oncost), summary

    def commit(self, store: Store, payload) -> tuple[Any, str]:
        from pcntui.store.staff import change_terms

        day, wte, salary, oncost = payload
        change_terms(store, self.member.id, day, wte=wte, fte_salary=salary, oncost_pct=oncost,
                     expected_rev=self.member.rev)
        return self.member.id, f"{self.member.name}: new terms from {day.isoformat()}."


# ====================================================================== leaver
class LeaverForm(FormModal):
    """`f`: the last day in post (blank clears it)."""

    def __init__(self, member: StaffMember, *, today: date) -> None:
        super().__init__(f"End date for {member.name}")
        self.member = member
        self.today = today

    def fields(self) -> list[Field]:
        m = self.member
        value = m.end_date.isoformat() if m.end_date else ""
        return [Field("end_date", "Last day in post", "e.g. 2027-01-31; blank: still in post", value)]

    def check(self, v: dict[str, str]) -> tuple[dict[str, tuple[str, str]], Any, str]:
        m = self.member
        try:
            day = optional(parse_date, v["end_date"], "Last day in post")
        except UserError as exc:
            return {"end_date": ("error", str(exc))}, None, ""
        if day is None:
            if m.end_date is None:
                return {}, None, "[dim]Type the last day in post.[/dim]"
            return {"end_date": ("info", "Blank clears the end date: in post again.")}, ("clear",), ""
        if day < m.start_date:
            return {"end_date": ("error", f"{day.isoformat()} is before {m.name}'s start date "
                                          f"{m.start_date.isoformat()}.")}, None, ""
        later = [t for t in m.terms if t.effective_from > day]
        if later:
            return {"end_date": ("error", f"{m.name} has a change dated {later[0].effective_from.isoformat()}, after "
                                          f"{day.isoformat()}; remove it first.")}, None, ""
        return {}, (day,), f"{markup(m.name)} leaves on [b]{day.isoformat()}[/b]; claims stop after that day."

    def commit(self, store: Store, payload) -> tuple[Any, str]:
        from pcntui.store.staff import end_staff

        day = None if payload[0] == "clear" else payload[0]
        end_staff(store, self.member.id, day, expected_rev=self.member.rev)
        note = f"{self.member.name} leaves on {day.isoformat()}." if day else f"{self.member.name}: end date cleared."
        return self.member.id, note


# ====================================================================== entitlement
class EntitlementForm(FormModal):
    """`t`: the year's entitlement, weighted population × £ per patient, or an amount."""

    def __init__(self, rules: RuleBook, fy: FinancialYear, current=None) -> None:
        super().__init__(f"ARRS entitlement {fy.label}")
        self.rules = rules
        self.fy = fy
        self.current = current

    def fields(self) -> list[Field]:
        c = self.current
        shipped = self.rules.funding_for(self.fy)
        rate_hint = (f"blank: £{shipped.rate_per_patient} ({self.fy.label}{'' if shipped.confirmed else ', unconfirmed'})"
                     if shipped else "no rate on record: give one")
        return [
            Field("weighted_population", "Weighted population", "e.g. 52000",
                  str(c.weighted_population) if c and c.weighted_population else ""),
            Field("rate_per_patient", "£ per patient", rate_hint,
                  dec(c.rate_per_patient) if c and c.rate_per_patient is not None else ""),
            Field("amount", "Or an amount £", "instead of population × rate",
                  money_text(c.amount) if c and c.rate_per_patient is None else ""),
        ]

    def check(self, v: dict[str, str]) -> tuple[dict[str, tuple[str, str]], Any, str]:
        from pcntui.domain.entitlement import (make_entitlement, parse_entitlement_amount, parse_rate_per_patient,
                                               parse_weighted_population)

        messages: dict[str, tuple[str, str]] = {}
        parsed: dict[str, Any] = {}
        read_fields(v, parsed, messages, {
            "weighted_population": (parse_weighted_population, "Weighted population"),
            "rate_per_patient": (parse_rate_per_patient, "£ per patient"),
            "amount": (parse_entitlement_amount, "Amount"),
        })
        if messages:
            return messages, None, ""
        pop, rate, amount = parsed["weighted_population"], parsed["rate_per_patient"], parsed["amount"]
        if amount is None and pop is None:
            return {}, None, "[dim]Give the weighted population, or the amount.[/dim]"
        try:
            ent = make_entitlement(self.fy, weighted_population=pop, rate_per_patient=None if amount else rate,
                                   amount=amount, rules=self.rules)
        except UserError as exc:
            key = "amount" if amount is not None else ("rate_per_patient" if "rate" in str(exc).lower() else "weighted_population")
            return {key: ("error", str(exc))}, None, ""
        if rate is not None and amount is not None:
            messages["rate_per_patient"] = ("info", "The amount is used; the rate is ignored.")
        if self.current is not None:
            ent = replace(ent, note=self.current.note)
        return messages, ent, f"Entitlement {self.fy.label}: [b]{gbp(ent.amount)}[/b] ({markup(ent.basis)})"

    def commit(self, store: Store, ent) -> tuple[Any, str]:
        from pcntui.store.arrs import set_entitlement

        set_entitlement(store, ent, expected_rev=self.current.rev if self.current else None)
        return ent.amount, f"Entitlement {self.fy.label} set to {gbp(ent.amount)}."


# ====================================================================== planned post
class PlannedForm(FormModal):
    """`n`/`e` on planned posts: the post, with its effect on this year's headroom as you type."""

    def __init__(self, inputs: ArrsInputs, fy: FinancialYear, as_of: date, post: PlannedPost | None = None) -> None:
        super().__init__("Edit planned post" if post else "Add a planned post (what-if)")
        self.inputs = inputs
        self.rules = inputs.rules
        self.fy = fy
        self.as_of = as_of
        self.post = post

    def fields(self) -> list[Field]:
        p = self.post
        return [
            Field("title", "Title", "optional, e.g. Second pharmacist", p.title if p else ""),
            Field("role", "Role", "code or name", self.rules.role_name(p.role_code) if p else "", role_help(self.rules)),
            Field("wte", "WTE", "0.1 to 1", dec(p.wte) if p else ""),
            Field("expected_start", "Expected start", "date", p.expected_start.isoformat() if p else ""),
            Field("expected_end", "Expected end", "blank: open-ended", p.expected_end.isoformat() if p and p.expected_end else ""),
            Field("fte_salary", "FT salary £", "full-time annual", money_text(p.fte_salary) if p else ""),
            Field("oncost_pct", "On-cost %", "blank: the year's default", dec(p.oncost_pct) if p and p.oncost_pct is not None else ""),
            Field("status", "Status", "planned, advertised, offered, filled or withdrawn", p.status if p else "planned"),
        ]

    def check(self, v: dict[str, str]) -> tuple[dict[str, tuple[str, str]], Any, str]:
        from pcntui.domain.forecast import what_if
        from pcntui.domain.staff import PLANNED_STATUSES, PlannedPost
        from pcntui.store.staff import check_planned

        messages: dict[str, tuple[str, str]] = {}
        parsed: dict[str, Any] = {}
        read_fields(v, parsed, messages, {
            "wte": (parse_wte, "WTE"), "fte_salary": (parse_salary, "Full-time salary"),
            "oncost_pct": (parse_oncost, "On-cost"), "expected_start": (parse_date, "Expected start"),
            "expected_end": (parse_date, "Expected end"),
        })
        role = self.rules.match_role(v["role"]) if v["role"].strip() else None
        if role is None:
            messages["role"] = ("error", "Give an ARRS role (code or name)." if not v["role"].strip()
                                else f"'{v['role'].strip()}' is not an ARRS role on record.")
        else:
            messages["role"] = ("info", f"{role.name} ({role.code})")
        status = v["status"].strip().lower() or "planned"
        if status not in PLANNED_STATUSES:
            messages["status"] = ("error", f"Status must be one of: {', '.join(PLANNED_STATUSES)}.")
        for key, what in (("wte", "the WTE"), ("fte_salary", "the full-time salary"), ("expected_start", "the expected start")):
            if key not in messages and parsed.get(key) is None:
                messages[key] = ("error", f"Give {what}.")
        if any(level == "error" for level, _ in messages.values()):
            return messages, None, ""
        post = PlannedPost(
            self.post.id if self.post else None, role.code, parsed["wte"], parsed["expected_start"], parsed["fte_salary"],
            parsed.get("expected_end"), parsed.get("oncost_pct"), status, v["title"].strip(),
            self.post.note if self.post else "", self.post.filled_by if self.post else None,
            self.post.rev if self.post else None,
        )
        for text in check_planned(post, self.rules):
            _place(messages, text, "error", [("wte", "wte"), ("salary", "fte_salary"), ("on-cost", "oncost_pct"),
                                             ("end", "expected_end"), ("role", "role")], "title")
        if any(level == "error" for level, _ in messages.values()):
            return messages, None, ""
        w = what_if(self.inputs, self.fy, self.as_of, post)
        summary = what_if_text(w, self.fy)
        return messages, post, summary

    def commit(self, store: Store, post) -> tuple[Any, str]:
        from pcntui.store.staff import save_planned

        post_id = save_planned(store, post, expected_rev=post.rev)
        return post_id, f"Saved planned post {post.title or self.rules.role_name(post.role_code)}."


def what_if_text(w, fy: FinancialYear) -> str:
    before, after = w.before, w.after
    line = f"What if: adds [b]{gbp(w.added)}[/b] claimable in {fy.label} (forecast {gbp(before.forecast)} → {gbp(after.forecast)})"
    if before.forecast_headroom is None:
        return line + "\n[dim]No entitlement set for the year: t on the ARRS screen sets it.[/dim]"
    from pcntui.tui.screens.arrs import entitlement_bar

    a = after.forecast_headroom
    word = "left unclaimed at 31 March" if a >= 0 else "overspent (not reimbursed)"
    return line + (f"\nForecast headroom {gbp(before.forecast_headroom)} → [b]{gbp(a)}[/b] ({gbp(abs(a))} {word})"
                   f"\nnow  {entitlement_bar(before, 30)}\nwith {entitlement_bar(after, 30)}")


# ====================================================================== a rate row
class RateForm(FormModal):
    """`e`/`n` on the rule tables: a role's maximum reimbursable per WTE per year from a date."""

    def __init__(self, rules: RuleBook, row=None, *, role_code: str | None = None) -> None:
        super().__init__("Edit a maximum (rate row)" if row else "Add a maximum (rate row)")
        self.rules = rules
        self.row = row
        self.role_code = role_code or (row.role_code if row else None)

    def fields(self) -> list[Field]:
        r = self.row
        role = self.rules.role_name(self.role_code) if self.role_code else ""
        return [
            Field("role", "Role", "code or name", role, role_help(self.rules)),
            Field("effective_from", "From date", "e.g. 2026-04-01", r.effective_from.isoformat() if r else ""),
            Field("annual_max", "Maximum £/WTE/yr", "e.g. 58000", money_text(r.annual_max) if r else ""),
            Field("reimbursement_pct", "Reimbursed %", "usually 100", dec(r.reimbursement_pct) if r else "100"),
            Field("inner_london_max", "Inner London £", "optional", money_text(r.inner_london_max) if r and r.inner_london_max else ""),
            Field("outer_london_max", "Outer London £", "optional", money_text(r.outer_london_max) if r and r.outer_london_max else ""),
            Field("note", "Note / source", "where the figure comes from", r.note if r and r.origin == "user" else ""),
        ]

    def check(self, v: dict[str, str]) -> tuple[dict[str, tuple[str, str]], Any, str]:
        from pcntui.domain.arrs_rules import RateRow, parse_annual_max, parse_reimbursement_pct

        messages: dict[str, tuple[str, str]] = {}
        parsed: dict[str, Any] = {}
        read_fields(v, parsed, messages, {
            "effective_from": (parse_date, "From date"), "annual_max": (parse_annual_max, "Maximum"),
            "reimbursement_pct": (parse_reimbursement_pct, "Reimbursed %"),
            "inner_london_max": (parse_annual_max, "Inner London maximum"),
            "outer_london_max": (parse_annual_max, "Outer London maximum"),
        })
        role = self.rules.match_role(v["role"]) if v["role"].strip() else None
        if role is None:
            messages["role"] = ("error", "Give an ARRS role (code or name)." if not v["role"].strip()
                                else f"'{v['role'].strip()}' is not an ARRS role on record.")
        else:
            messages["role"] = ("info", f"{role.name} ({role.code})")
        for key, what in (("effective_from", "the date it applies from"), ("annual_max", "the maximum per WTE per year"),
                          ("reimbursement_pct", "the reimbursement %")):
            if key not in messages and parsed.get(key) is None:
                messages[key] = ("error", f"Give {what}.")
        if any(level == "error" for level, _ in messages.values()):
            return messages, None, ""
        current = self.rules.rate_on(role.code, parsed["effective_from"])
        if current is not None and current.annual_max and parsed["annual_max"] is not None:
            change = (parsed["annual_max"] - current.annual_max) / current.annual_max * 100
            if abs(change) > 25 and current.effective_from != parsed["effective_from"]:
                messages["annual_max"] = ("warning", f"{change:+.0f}% on the maximum in force before "
                                                     f"({gbp(current.annual_max)}): check the figure.")
        row = RateRow(role.code, parsed["effective_from"], parsed["annual_max"], parsed["reimbursement_pct"],
                      parsed.get("inner_london_max"), parsed.get("outer_london_max"), True, "user",
                      v["note"].strip(), "user", self.row.rev if self.row is not None and self.row.origin == "user" else None,
                      band=self.row.band if self.row is not None else "")
        same_key = self.row is not None and self.row.origin == "user" and self.row.key == row.key
        if not same_key:
            row = replace(row, rev=None)
        return messages, row, (f"{role.name} from {row.effective_from.isoformat()}: [b]{gbp(row.annual_max)}[/b] "
                               f"per WTE per year at {dec(row.reimbursement_pct)}%. Saved as your row (confirmed).")

    def commit(self, store: Store, row) -> tuple[Any, str]:
        from pcntui.store.arrs import save_rate

        save_rate(store, row, expected_rev=row.rev)
        return (row.role_code, row.effective_from), (
            f"Maximum for {self.rules.role_name(row.role_code)} from {row.effective_from.isoformat()} saved.")

"""The ARRS claims ledger as a grid: one row per person, one column per month of the year.

A cell shows what was claimed (pounds) and how it stands against claimable once the month
has ended: `✓` claimed as claimable, `▼` short or not claimed, `▲` above claimable (clawback
risk), `✕` only rejected claims. `enter` (or `e`) on a cell opens that month's claim in a
form (amount, status, amount paid, dates), checked as you type with the same rules as
`pcntui import claims`; saving is one undoable action. `x` writes the rows of
`pcntui export arrs-claims` for the people on screen (every one: the same bytes).
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from typing import ClassVar

from rich.text import Text

from pcntui.domain.claims import STATUSES, Claim, ClaimLine
from pcntui.domain.money import gbp
from pcntui.domain.period import Period
from pcntui.inputs.arrs import ClaimIn
from pcntui.store import Store
from pcntui.tui.commands import bindings_for, key_of
from pcntui.tui.forms import FieldSpec, FormSpec, fields, open_form
from pcntui.tui.screens.arrs.base import ArrsBase, ArrsData
from pcntui.tui.widgets.view_table import Col, Row

MONTHS = ("Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec", "Jan", "Feb", "Mar")


def month_rank(month: int, now: int) -> int:
    """How soon month `month` (0 = April) gives way on a narrow terminal when `now` is the as-of
    month (higher: sooner): months after it first, then the earliest; the as-of month last."""
    return now - month if month <= now else 20 + (month - now)


def cell(line: ClaimLine | None) -> Text | None:
    """What the grid shows for one person-month (None: not in post and nothing claimed)."""
    if line is None:
        return None
    amount = f"{line.claimed:,.0f}" if line.claimed else "—"
    if not line.ended:
        return Text(amount if line.claimed else "·", style="dim")
    if line.status == "rejected":
        return Text(f"{amount} ✕", style="bold $text-error")
    if line.difference > 0:
        return Text(f"{amount} ▼", style="$text-warning")
    if line.difference < 0:
        return Text(f"{amount} ▲", style="bold $text-error")
    return Text(f"{amount} ✓", style="$text-success") if line.claimable else Text("–", style="dim")


class ClaimsScreen(ArrsBase):
    NOUN = ("person", "people")
    EMPTY = "No staff in post and no claims this year."
    EXPORT_NAME = "arrs-claims"
    HELP = (
        "The claims ledger: what was claimed on the national portal each month, per person, against "
        "what could be claimed. Once a month has ended, ✓ means claimed as claimable, ▼ claimed short "
        "or not at all (money still to claim), ▲ claimed above claimable (it may be clawed back), ✕ only "
        "rejected claims. Move along a row to a month and open it to enter or correct that month's "
        "claim (amount, status, amount paid). 'To claim' is each person's ended months still to claim."
    )
    BINDINGS = bindings_for("ClaimsScreen")
    # On a narrow terminal the months furthest from the as-of month go first (see `show`); the person
    # and what is to claim stay.
    COLUMNS: ClassVar = [Col("person", "Staff", width=22), *(Col(m.lower(), m, numeric=True, priority=1) for m in MONTHS),
                         Col("to_claim", "To claim", numeric=True)]

    def __init__(self) -> None:
        super().__init__(crumb="Claims ledger")

    def on_mount(self) -> None:
        super().on_mount()
        self.table.cursor_type = "cell"

    def fetch(self, store: Store, period: Period) -> ArrsData:
        from pcntui.views.arrs.claims import ledger_of, person_key, role_name
        from pcntui.views.arrs.year import claims_ledger

        view = claims_ledger(store, period)
        y = view.year
        table = ledger_of(view)
        people: dict[str, list[int]] = {}
        for i, line in enumerate(y.lines):
            people.setdefault(person_key(line), []).append(i)
        rows, export, lines_of = [], {}, {}
        months = y.fy.months()
        for key, indexes in people.items():
            lines = [y.lines[i] for i in indexes]
            by_month = {line.month: line for line in lines}
            owed = sum((line.difference for line in lines if line.ended and line.difference > 0), 0)
            who = f"{lines[0].name} · {role_name(view, lines[0].role_code)}"
            rows.append(Row(key, [who, *(cell(by_month.get(m)) for m in months), gbp(owed, pence=False) if owed else None],
                            sort=[who, *(by_month[m].claimed if m in by_month else None for m in months), owed]))
            export[key] = [table.rows[i] for i in indexes]
            lines_of[key] = by_month
        over = f" · over-claimed [b $error]{gbp(y.over_claimed)}[/]" if y.over_claimed else ""
        text = (f"[b]Claims {y.fy.label}[/b] as of {y.as_of.isoformat()} · claimed to date [b]{gbp(y.claimed_to_date)}"
                f"[/b] · paid [b]{gbp(y.paid_to_date)}[/b] · to claim [b $warning]{gbp(y.to_claim)}[/]{over}\n"
                f"✓ as claimable · ▼ short or unclaimed · ▲ above claimable · ✕ rejected · "
                f"[b]{key_of('open')}[/b] on a month enters its claim")
        return ArrsData(text, rows, [], export, extra={"lines": lines_of, "claims": view, "table": table})

    def show(self, data) -> None:
        year = data.extra["claims"].year
        now = next((i for i, m in enumerate(year.fy.months()) if m > year.as_of), 12) - 1  # the as-of month
        self.table.spec = [replace(c, rank=month_rank(i - 1, now)) if 1 <= i <= 12 else c
                           for i, c in enumerate(self.table.spec)]
        super().show(data)

    def export_data(self):
        if self.data is None:
            return None
        from pcntui.export.views import csv_table

        shown = [r for k in self.table.visible_keys() for r in self.data.export_rows.get(k, [])]
        columns, rows = csv_table(self.data.extra["table"], shown)  # `export arrs-claims`: the people on screen
        return columns, list(rows)

    def open_row(self, key: str) -> None:
        self.action_edit_claim()

    def action_open(self) -> None:
        self.action_edit_claim()

    def action_edit_claim(self) -> None:
        key = self.table.current_key() if self.data is not None else None
        if key is None:
            return
        months = self.pcn_app.fy.months()
        column = self.table.cursor_column
        if not 1 <= column <= len(months):
            self.notify("Move to a month's column to enter its claim.")
            return
        month = months[column - 1]
        view = self.data.extra["claims"]
        line = self.data.extra["lines"][key].get(month)
        staff_id, name, role = key.split("|", 2)
        open_claim(self, name=name, role_code=role, role_name=view.rules.role_name(role),
                   staff_id=int(staff_id) if staff_id else None, month=month, line=line)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "edit_claim":
            return True if self.data is not None and self.table.current_key() is not None else None
        return super().check_action(action, parameters)


def open_claim(screen, *, name: str, role_code: str, role_name: str, staff_id: int | None, month: date,
               line: ClaimLine | None) -> None:
    """One month's claim for one person: a new claim, or the month's claim corrected (its reference,
    part of what identifies it, then stays as it is)."""
    from pcntui.services.arrs.claims import save_claim

    claims = list(line.claims) if line is not None else []
    existing = next((c for c in claims if not c.reference), claims[0] if claims else None)
    names = ("amount_claimed", FieldSpec("status", widget="choice", choices=tuple((s, s) for s in STATUSES)),
             "amount_paid", "submitted_on", "paid_on")
    today = screen.pcn_app.today
    spec = FormSpec(f"Claim: {name} · {role_name} · {month.strftime('%B %Y')}", ClaimIn,
                    fields(ClaimIn, *(names if existing is not None else ("reference", *names))),
                    intro=_context_text(line, existing),
                    base={"reference": existing.reference} if existing is not None else None,
                    save=lambda store, values: save_claim(
                        store, {**({"reference": existing.reference} if existing else {}), **values}, month=month,
                        name=name, role_code=role_code, staff_id=staff_id, today=today,
                        expected_rev=existing.rev if existing is not None else None))
    open_form(screen, spec, ClaimIn.initial(existing))


def _context_text(line: ClaimLine | None, existing: Claim | None) -> str:
    if line is None:
        return "Not in post this month: nothing is claimable."
    text = f"Claimable {gbp(line.claimable)}" + ("" if line.ended else " (the month has not ended)")
    others = [c for c in line.claims if c is not existing]
    if others:
        text += "; other claims this month: " + ", ".join(
            f"{c.reference or 'no ref'} {gbp(c.amount_claimed)} {c.status}" for c in others)
    return text

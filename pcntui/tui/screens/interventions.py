"""The Interventions section: the list (stage, RAG and why, lead, next action) and one
intervention's page (stages, population, partners, co-design, actions, outcome measures with
a chart), with a key for every change. Each save is one store action (one undo step, `u`).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, ClassVar

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.widgets import DataTable, Static

from pcntui.domain.period import Period
from pcntui.domain.text import terminal_safe
from pcntui.errors import UserError
from pcntui.store import Store
from pcntui.tui.commands import bindings_for, key_hint, key_of
from pcntui.tui.safe import guard, markup
from pcntui.tui.screens.base import DataScreen
from pcntui.tui.screens.table import TableData, TableScreen
from pcntui.tui.screens.intervention_form import (
    Field,
    FormModal,
    budget_pence,
    checked,
    measure_value,
    opt_count,
    opt_date,
    opt_text,
    participants,
    req_date,
    req_text,
    summary_form,
)
from pcntui.tui.widgets.view_table import Col, Row

RAG_STYLE = {"red": "bold red", "amber": "bold yellow", "green": "bold green"}
REASON_WORDS = {
    "overdue_action": ("action overdue", "actions overdue"),
    "stage_overdue": ("stage overdue", "stages overdue"),
    "measure_off_track": ("measure off track", "measures off track"),
    "no_codesign": ("no co-design before delivery", "no co-design before delivery"),
}
TRACK_WORDS = {"on_track": ("ON TRACK", "bold green"), "off_track": ("OFF TRACK", "bold red"),
               "no_data": ("no readings yet", "dim")}


def rag_text(level: str) -> Text:
    return Text(level.upper(), style=RAG_STYLE.get(level, ""))


def reasons_short(rag) -> str:
    """`2 actions overdue · measure off track` (the full sentences are on the page)."""
    counts: dict[str, int] = {}
    for r in rag.reasons:
        counts[r.code] = counts.get(r.code, 0) + 1
    parts = []
    for code, n in counts.items():
        one, many = REASON_WORDS.get(code, (code, code))
        parts.append(f"{n} {many}" if n > 1 and code != "no_codesign" else one)
    return " · ".join(parts) if parts else "nothing overdue or off track"


def fit_columns(table, flex: dict[str, int], screen_width: int) -> None:
    """Share the width the other columns leave among the `flex` ones (by weight), so the table
    fits the terminal instead of running off its right edge."""
    width = (table.size.width or screen_width or 100) - 3  # the scrollbar
    fixed = sum(c.width + 2 * table.cell_padding for k, c in table.columns.items() if k.value not in flex)
    room = max(24, width - fixed - 2 * table.cell_padding * len(flex))
    total = sum(flex.values())
    for key, column in table.columns.items():
        if key.value in flex:
            column.width = max(8, room * flex[key.value] // total)
            column.auto_width = False
    table._clear_caches()
    table._require_update_dimensions = True
    table.refresh(layout=True)


# ---------------------------------------------------------------------------- forms
def intervention_fields(practice_codes: list[str], d=None) -> list[Field]:
    from pcntui.domain.intervention import DEPRIVATION_BASES, FOCUS_KINDS, PLUS_GROUPS

    codes = " ".join(practice_codes) or "none set up"
    money = ""
    if d is not None and d.budget_pence:
        from pcntui.domain.money import from_pence

        money = str(from_pence(d.budget_pence))
    return [
        Field("title", "Title *", "a short name the commissioner will recognise, e.g. 'Hypertension "
              "case-finding in Harbour Street' (required)", value=d.title if d else "",
              placeholder="required: what the intervention is"),
        Field("lead", "Lead", "the named health-inequalities lead (a person), e.g. Dr Amira Khan",
              value=(d.lead or "") if d else ""),
        Field("focus_kind", "Focus", "Core20PLUS5: the most deprived 20%, a PLUS group, one of the five "
              "clinical areas, or a locally chosen group", kind="choice",
              choices=[(label, code) for code, label in FOCUS_KINDS.items()],
              value=d.focus_kind if d else "core20"),
        Field("focus_detail", "Which group or area", f"for a PLUS group or clinical area, which one, e.g. "
              f"{PLUS_GROUPS[6]} or Hypertension case-finding (optional)",
              value=(d.focus_detail or "") if d else ""),
        Field("population", "Population", "who experiences the inequality, in a sentence (optional)",
              value=(d.population or "") if d else ""),
        Field("population_size", "Estimated size", "about how many people, a whole number (optional)",
              value=str(d.population_size) if d and d.population_size is not None else ""),
        Field("practices", "Practices", f"practice codes separated by spaces or commas; this PCN's are: {codes}",
              value=" ".join(d.practices) if d else ""),
        Field("deprivation_basis", "Deprivation basis", "how the population's deprivation was established",
              kind="choice", choices=[(label, code) for code, label in DEPRIVATION_BASES.items()],
              value=d.deprivation_basis if d else "none"),
        Field("budget", "Budget £", "the money set aside, e.g. 4500 or £4,500 (optional)", value=money),
    ]


def intervention_build(practice_codes: list[str]):
    from pcntui.domain.intervention import InterventionIn

    def build(v: dict[str, str]):
        title = req_text(v, "title", "Title")
        codes = [c.upper() for c in v.get("practices", "").replace(",", " ").split()]
        unknown = [c for c in codes if c not in practice_codes]
        if unknown:
            known = ", ".join(practice_codes) or "none"
            raise UserError(f"Practices: {', '.join(unknown)} is not one of this PCN's practices ({known}).")
        return checked(
            InterventionIn, {"title": "Title", "lead": "Lead", "population_size": "Estimated size"},
            title=title, lead=opt_text(v, "lead"), focus_kind=v["focus_kind"],
            focus_detail=opt_text(v, "focus_detail"), population=opt_text(v, "population"),
            population_size=opt_count(v, "population_size", "Estimated size"),
            deprivation_basis=v["deprivation_basis"], practices=codes,
            budget_pence=budget_pence(v, "budget", "Budget"),
        )

    return build


# ---------------------------------------------------------------------------- the list
@dataclass
class ListData(TableData):
    practice_codes: list[str] = field(default_factory=list)
    reasons: dict[str, Any] = field(default_factory=dict)  # row key → (title, rag)
    revs: dict[str, int] = field(default_factory=dict)


class InterventionsScreen(TableScreen):
    SECTION = "interventions"
    EXPORT_NAME = "interventions"
    NOUN = ("intervention", "interventions")
    OPENS = True
    EMPTY = f"No interventions yet: press {key_of('new_intervention')} to create the first one."
    HELP = (
        "Your health-inequality interventions (Network Contract DES): the stage each has reached, "
        "its RAG (red / amber / green, worked out from overdue actions, stages past their date, "
        "measures off track and co-design missing before delivery) with the reasons, the lead, the "
        "next action and how many actions are overdue. Opening one shows its page, where its stage "
        "moves and co-design, actions and measures are added. The CSV export has the columns of "
        "'pcntui export interventions'."
    )
    COLUMNS: ClassVar = [
        Col("id", "#", numeric=True, width=3),
        Col("title", "Intervention", width=30),
        Col("stage", "Stage", width=11),
        Col("rag", "RAG", width=5),
        Col("why", "Why", width=30),
        Col("lead", "Lead", width=18),
        Col("next", "Next action", width=30),
        Col("overdue", "Overdue", numeric=True, width=7),
    ]
    BINDINGS = bindings_for("InterventionsScreen")

    def compose_body(self) -> ComposeResult:
        yield from super().compose_body()
        yield Static("", id="why-line")

    def fetch(self, store: Store, period: Period) -> ListData:
        from pcntui.report.intervention_exports import interventions_table
        from pcntui.store.interventions import list_interventions

        items = list_interventions(store, period.as_of)
        table = interventions_table(store, period)
        from pcntui.store.lookups import practice_names

        codes = [r["code"] for r in practice_names(store)]
        rows, reasons, revs = [], {}, {}
        for r in items:
            key = str(r.id)
            nxt = r.next_action
            next_text = None
            if nxt:
                next_text = nxt.description + (f" (by {nxt.due_on.isoformat()})" if nxt.due_on else "")
            overdue = Text(f"{r.overdue_actions} late", style="bold red") if r.overdue_actions else "0"
            rows.append(Row(key, [r.id, r.title, SHORT_STAGE.get(r.stage, r.stage_label), rag_text(r.rag.level), reasons_short(r.rag),
                                  r.lead, next_text, overdue],
                            sort=[r.id, r.title, list(STAGE_ORDER).index(r.stage), RAG_ORDER[r.rag.level],
                                  reasons_short(r.rag), r.lead, nxt.due_on.isoformat() if nxt and nxt.due_on else None,
                                  r.overdue_actions]))
            reasons[key] = (r.title, r.rag)
            revs[key] = r.rev
        counts = {lvl: sum(1 for r in items if r.rag.level == lvl) for lvl in ("red", "amber", "green")}
        if items:
            text = (f"[b]{len(items)} interventions[/b] · [b red]{counts['red']} red[/] · [b yellow]{counts['amber']} "
                    f"amber[/] · [b green]{counts['green']} green[/] (as of {period.as_of.isoformat()})\n"
                    f"[dim]{key_hint('open', 'new_intervention', 'delete_intervention', 'export')}[/dim]")
        else:
            text = (f"[b]No interventions yet.[/b] Press [b]{key_of('new_intervention')}[/b] to create one: give it a title (the rest can come "
                    "later), then log co-design sessions, actions and outcome measures on its page.")
        return ListData(text, rows, table.columns, {str(r[0]): r for r in table.rows},
                        practice_codes=codes, reasons=reasons, revs=revs)

    # Flexible columns share what the fixed ones leave, so the table fits the terminal.
    FLEX: ClassVar = {"title": 30, "why": 32, "lead": 12, "next": 26}

    def _fit_columns(self) -> None:
        fit_columns(self.table, self.FLEX, self.size.width)

    def on_resize(self) -> None:
        self._fit_columns()

    def show(self, data: ListData) -> None:
        super().show(data)
        self._fit_columns()
        self._update_why()

    @on(DataTable.RowHighlighted, "#table")
    def _highlighted(self) -> None:
        self._update_why()

    def _update_why(self) -> None:
        key = self.table.current_key()
        line = self.query_one("#why-line", Static)
        if self.data is None or key is None or key not in self.data.reasons:
            line.update("")
            return
        title, rag = self.data.reasons[key]
        style = {"red": "b red", "amber": "b yellow", "green": "b green"}[rag.level]
        if rag.reasons:
            text = f"[{style}]{rag.level.upper()}[/] because: " + markup("; ".join(r.message for r in rag.reasons))
        else:
            text = f"[{style}]GREEN[/]: nothing overdue or off track."
        line.update(f"#{key} {markup(title)}: {text}")

    def open_row(self, key: str) -> None:
        self.app.push_screen(InterventionScreen(int(key)))

    # ---------------------------------------------------------------- keys
    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "new_intervention":
            return self.data is not None
        if action == "delete_intervention":
            return True if self.data is not None and self.table.current_key() is not None else None
        return super().check_action(action, parameters)

    def action_new_intervention(self) -> None:
        if self.data is None:
            return
        codes = self.data.practice_codes
        on = self.pcn_app.today
        from pcntui.store.interventions import create_intervention

        self.app.push_screen(
            FormModal("New intervention", intervention_fields(codes), intervention_build(codes),
                      lambda store, rec: create_intervention(store, rec, on=on),
                      intro="Only the title is needed now; it starts at 'Lead appointed' today. Add co-design "
                            "sessions, actions and measures on its page.", save_label="Create"),
            self._created,
        )

    def _created(self, iid: Any) -> None:
        if iid is None:
            return
        self.pcn_app.data_changed()
        self.notify(f"Intervention {iid} created ({key_of('undo')} undoes it).", title="Saved")
        self.app.push_screen(InterventionScreen(int(iid)))

    def action_delete_intervention(self) -> None:
        key = self.table.current_key()
        if self.data is None or key is None:
            return
        title, _ = self.data.reasons[key]
        ask_delete(self, int(key), title, self.data.revs.get(key))


SHORT_STAGE = {"lead_appointed": "Lead named", "population_identified": "Population"}
STAGE_ORDER = ("lead_appointed", "population_identified", "engagement", "co_design", "plan_agreed", "delivery",
               "evaluation", "closed")
RAG_ORDER = {"red": 0, "amber": 1, "green": 2}


def ask_delete(screen: DataScreen, iid: int, title: str, rev: int | None) -> None:
    from pcntui.tui.screens.confirm import ConfirmModal

    def answered(yes: bool | None) -> None:
        if yes and screen.pcn_app.store is not None:
            _delete(screen, iid, rev, title)

    screen.app.push_screen(
        ConfirmModal(f"Delete intervention {iid} “{title}”?",
                     detail=f"Its stages, co-design sessions, actions and measures go too. {key_of('undo')} undoes it."),
        answered,
    )


def _delete(screen: DataScreen, iid: int, rev: int | None, title: str) -> None:
    from pcntui.store.interventions import delete_intervention

    app = screen.app

    def run() -> None:
        delete_intervention(app.store, iid, expected_rev=rev)
        app.call_from_thread(_after_delete, screen, title)

    app.run_worker(run, thread=True, group="db", exit_on_error=False, name="delete intervention")


def _after_delete(screen: DataScreen, title: str) -> None:
    app = screen.app
    if isinstance(app.screen, InterventionScreen):
        app.pop_screen()
    app.data_changed()
    app.notify(f"Deleted “{title}” ({key_of('undo')} undoes it).", title="Deleted")


# ---------------------------------------------------------------------------- one intervention
@dataclass
class DetailData:
    detail: Any  # InterventionDetail, or None when it no longer exists
    practice_codes: list[str]
    practice_names: dict[str, str]
    series: dict[int, Any]  # measure id → ChartSeries
    missing: str | None = None


class InterventionScreen(DataScreen):
    SECTION = "interventions"
    EXPORT_NAME = "intervention"
    AUTO_FOCUS = "#detail"
    HELP = (
        "One intervention: its stage (with the date and evidence of each), RAG explained, the "
        "population, partners, co-design sessions and 'you said, we did', actions and outcome "
        "measures charted against their target line. A stage can be moved forwards or back, with a "
        "date and evidence. The export is the one-page summary for the commissioner (or the CSV row). "
        "Every save is one step for undo."
    )
    BINDINGS = bindings_for("InterventionScreen")

    def __init__(self, intervention_id: int) -> None:
        super().__init__(crumb=f"Intervention {intervention_id}")
        self.intervention_id = intervention_id
        self.data: DetailData | None = None

    def compose_body(self) -> ComposeResult:
        with VerticalScroll(id="detail"):
            for part in ("head", "stages", "population", "codesign", "actions", "measures"):
                yield Static("Loading…" if part == "head" else "", id=f"iv-{part}", classes="iv-block")

    DEFAULT_CSS = """
    InterventionScreen #detail { height: 1fr; padding: 0 1; }
    InterventionScreen .iv-block { height: auto; margin: 0 0 1 0; }
    """

    @property
    def detail(self):
        return self.data.detail if self.data else None

    def fetch(self, store: Store, period: Period) -> DetailData:
        from pcntui.store.interventions import get_intervention
        from pcntui.store.outcomes import measure_series

        from pcntui.store.lookups import practice_names

        practices = practice_names(store)
        codes = [p["code"] for p in practices]
        names = {p["code"]: p["name"] for p in practices}
        try:
            d = get_intervention(store, self.intervention_id, period.as_of)
        except UserError as exc:
            return DetailData(None, codes, names, {}, missing=str(exc))
        series = {m.id: measure_series(store, m.id, period.as_of) for m in d.measures}
        return DetailData(d, codes, names, series)

    def show_error(self, text: str) -> None:
        self.query_one("#iv-head", Static).update(f"[b $error]Could not load:[/] {markup(text)}")

    def binding_state(self) -> object:
        d = self.detail
        if d is None:
            return (self.loaded_version, None)
        return (self.loaded_version, d.rev, len(d.measures), sum(1 for a in d.actions if a.done_on is None))

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        d = self.detail
        if action in ("move_stage", "log_session", "add_action", "add_measure", "you_said", "edit_intervention", "export",
                      "add_partner", "stage_target",
                      "delete_intervention"):
            return True if d is not None else None
        if action == "complete_action":
            return True if d is not None and any(a.done_on is None for a in d.actions) else None
        if action == "add_reading":
            return True if d is not None and d.measures else None
        return super().check_action(action, parameters)

    # ---------------------------------------------------------------- painting
    def show(self, data: DetailData) -> None:
        self.data = data
        d = data.detail
        parts = {p: self.query_one(f"#iv-{p}", Static) for p in
                 ("head", "stages", "population", "codesign", "actions", "measures")}
        if d is None:
            parts["head"].update(f"[b]{markup(data.missing or 'This intervention no longer exists.')}[/b]\n"
                                 f"Press {key_of('back')} to go back to the list.")
            for p in list(parts)[1:]:
                parts[p].update("")
            return
        parts["head"].update(self._head(d))
        parts["stages"].update(self._stages(d))
        parts["population"].update(self._population(d, data))
        parts["codesign"].update(self._codesign(d))
        parts["actions"].update(self._actions(d))
        parts["measures"].update(self._measures(d, data))

    def _head(self, d) -> str:
        style = {"red": "b red", "amber": "b yellow", "green": "b green"}[d.rag.level]
        lines = [f"[b]{markup(d.title)}[/b]",
                 f"Stage [b]{markup(d.stage_label)}[/b] · RAG [{style}]{d.rag.level.upper()}[/] · "
                 f"lead {markup(d.lead or 'not named yet')}"]
        lines.append(f"[dim]{key_hint('export', 'delete_intervention', 'help')}[/dim]")
        if d.rag.reasons:
            lines.append(f"[{style}]Why {d.rag.level.upper()}:[/]")
            lines += [f"  • {markup(r.message)} [dim]({r.severity})[/dim]" for r in d.rag.reasons]
        else:
            lines.append("[b green]GREEN:[/] nothing overdue, no stage past its date, no measure off track.")
        return "\n".join(lines)

    def _stages(self, d) -> str:
        from pcntui.domain.intervention import STAGE_LABELS

        lines = [f"[b $text-accent]Stages[/]  [dim]{key_hint('move_stage', 'stage_target')}[/dim]"]
        for s in d.stages:
            current = s.stage == d.stage
            mark = "▶" if current else ("✓" if s.reached else "·")
            when = ""
            if s.reached and s.reached_on:
                when = f"reached {s.reached_on.isoformat()}"
            elif s.reached:
                when = "reached"
            if s.target_on and not s.reached:
                late = s.target_on < d.as_of
                when = (f"[b red]OVERDUE[/] target {s.target_on.isoformat()}" if late
                        else f"target {s.target_on.isoformat()}")
            evidence = f" — {markup(s.evidence)}" if s.evidence and s.reached else ""
            label = f"[b]{markup(s.label)}[/b] (now)" if current else markup(s.label)
            lines.append(f"  {mark} {label}  [dim]{when}[/dim]{evidence}" if "OVERDUE" not in when
                         else f"  {mark} {label}  {when}{evidence}")
        backs = [m for m in d.moves if m.backwards]
        for m in backs:
            lines.append(f"  ↩ moved back to {markup(STAGE_LABELS[m.to_stage])} on {m.moved_on.isoformat()}"
                         + (f": {markup(m.evidence)}" if m.evidence else ""))
        return "\n".join(lines)

    def _population(self, d, data: DetailData) -> str:
        from pcntui.domain.intervention import DEPRIVATION_BASES, PARTNER_KINDS
        from pcntui.domain.money import from_pence, gbp

        practices = ", ".join(f"{markup(data.practice_names.get(c, c))} ({c})" for c in d.practices) or "none chosen"
        size = f"{d.population_size:,}" if d.population_size is not None else "not estimated"
        lines = [f"[b $text-accent]Population and partners[/]  [dim]{key_hint('edit_intervention', 'add_partner')}[/dim]",
                 f"  Focus: {markup(d.focus)} · estimated size {size}",
                 f"  Who: {markup(d.population or 'not described yet')}",
                 f"  Practices: {practices}",
                 f"  Deprivation basis: {markup(DEPRIVATION_BASES.get(d.deprivation_basis, d.deprivation_basis))}"
                 + (f" ({markup(d.deprivation_note)})" if d.deprivation_note else ""),
                 f"  Budget {gbp(from_pence(d.budget_pence))} · spent {gbp(from_pence(d.spend_pence))}"]
        if d.partners:
            lines.append("  Partners: " + "; ".join(
                f"{markup(p.name)} ({markup(PARTNER_KINDS.get(p.kind, p.kind))}"
                + (f": {markup(p.role)}" if p.role else "") + ")" for p in d.partners))
        else:
            lines.append(f"  Partners: none recorded ({key_of('add_partner')} adds one)")
        return "\n".join(lines)

    def _codesign(self, d) -> str:
        from pcntui.domain.codesign import FORMATS

        lines = [f"[b $text-accent]Co-design[/]  [dim]{key_hint('log_session', 'you_said')}[/dim]"]
        if not d.sessions:
            lines.append("  No co-design sessions yet (the DES expects the intervention to be co-designed "
                         "with the population before delivery).")
        for s in d.sessions:
            who = ", ".join(f"{markup(g)} {n}" for g, n in s.participants.items()) or "not counted"
            lines.append(f"  {s.held_on.isoformat()} {markup(FORMATS.get(s.format, s.format))}"
                         + (f" “{markup(s.title)}”" if s.title else "") + f" · {s.total} people ({who})")
            if s.heard:
                lines.append(f"     Heard: {markup(s.heard)}")
            if s.decisions:
                lines.append(f"     Decided: {markup(s.decisions)}")
        for y in d.you_said:
            lines.append(f"  You said: {markup(y.you_said)} → We did: {markup(y.we_did)}")
        return "\n".join(lines)

    def _actions(self, d) -> str:
        lines = [f"[b $text-accent]Actions[/]  [dim]{key_hint('add_action', 'complete_action')}[/dim]"]
        if not d.actions:
            lines.append("  No actions yet.")
        for a in d.actions:
            owner = f" · {markup(a.owner)}" if a.owner else ""
            if a.done_on:
                lines.append(f"  ✓ [dim]{markup(a.description)}{owner} · done {a.done_on.isoformat()}[/dim]")
            elif a.overdue(d.as_of):
                days = (d.as_of - a.due_on).days
                lines.append(f"  [b red]OVERDUE[/] {markup(a.description)}{owner} · was due {a.due_on.isoformat()} "
                             f"({days} day{'s' if days != 1 else ''} ago)")
            else:
                due = f" · due {a.due_on.isoformat()}" if a.due_on else " · no due date"
                lines.append(f"  ☐ {markup(a.description)}{owner}{due}")
        return "\n".join(lines)

    def _measures(self, d, data: DetailData) -> Text:
        from pcntui.domain.measure import fmt_value
        from pcntui.tui.widgets.chart import chart_text

        out = Text.from_markup(f"[b]Outcome measures[/b]  [dim]{key_hint('add_measure', 'add_reading')}[/dim]\n")
        if not d.measures:
            out.append(f"  No outcome measures yet: add one with its baseline and target ({key_of('add_measure')}).\n")
        width = max(24, min(60, (self.size.width or 100) - 20))
        for m in d.measures:
            word, style = TRACK_WORDS[m.track.state]
            target = fmt_value(m.target_value, m.unit) + (f" by {m.target_on.isoformat()}" if m.target_on else "")
            out.append(f"  {terminal_safe(m.name)} ", style="bold")
            out.append(word, style=style)
            out.append(f"  ({m.direction}: baseline {fmt_value(m.baseline_value, m.unit)} on "
                       f"{m.baseline_on.isoformat()}, target {target})\n")
            out.append(f"  {m.track.explanation}\n", style="dim")
            series = data.series.get(m.id)
            if series is not None and series.points:
                chart = chart_text(series, width=width, height=6)
                for line in chart.split("\n"):
                    out.append("    ")
                    out.append_text(line)
                    out.append("\n")
                readings = ", ".join(f"{p[0].isoformat()} {fmt_value(p[1], m.unit)}" for p in series.points[-6:])
                out.append(f"    Readings: {readings}\n", style="dim")
        return guard(out)

    def on_resize(self) -> None:
        if self.data is not None and self.data.detail is not None:
            self.query_one("#iv-measures", Static).update(self._measures(self.data.detail, self.data))

    # ---------------------------------------------------------------- forms
    def _form(self, modal: FormModal, done: str) -> None:
        def saved(result: Any) -> None:
            if result is None:
                return
            self.pcn_app.data_changed()
            self.notify(f"{done} ({key_of('undo')} undoes it).", title="Saved")

        self.app.push_screen(modal, saved)

    def action_move_stage(self) -> None:
        from pcntui.domain.intervention import STAGE_CODES, STAGE_LABELS, StageMoveIn, stage_index
        from pcntui.store.interventions import move_stage

        d = self.detail
        if d is None:
            return
        here = stage_index(d.stage)
        choices = []
        for code in STAGE_CODES:
            if code == d.stage:
                continue
            i = stage_index(code)
            kind = "next" if i == here + 1 else ("forward" if i > here else "back")
            choices.append((f"{STAGE_LABELS[code]} ({kind})", code))
        default = STAGE_CODES[here + 1] if here + 1 < len(STAGE_CODES) else STAGE_CODES[here - 1]
        today = self.pcn_app.today
        iid = d.id
        created = d.created_on

        def build(v: dict[str, str]):
            on = req_date(v, "on", "Date")
            if on < created:
                raise UserError(f"Date: the intervention was created on {created.isoformat()}; "
                                "a move cannot be earlier.")
            if on > today:
                raise UserError(f"Date: {on.isoformat()} is in the future; record the move when it happens.")
            return checked(StageMoveIn, {"evidence": "Evidence"}, stage=v["stage"], on=on,
                           evidence=opt_text(v, "evidence"))

        fields = [
            Field("stage", "Move to", "the stage it has now reached; moving back is allowed and recorded",
                  kind="choice", choices=choices, value=default),
            Field("on", "Date", "when it was reached, e.g. 23/11/2026 or 2026-11-23", value=today.isoformat()),
            Field("evidence", "Evidence", "what shows it happened, e.g. 'Plan signed off at PCN board 20 Nov' "
                  "(optional but the commissioner will ask)"),
        ]
        sessions = [s.held_on for s in d.sessions]

        def warn(rec) -> str | None:
            if stage_index(rec.stage) >= stage_index("delivery") and not any(h <= rec.on for h in sessions):
                return ("no co-design session is logged on or before this date, so the RAG will be RED "
                        "(log one first with c).")
            if stage_index(rec.stage) < here:
                return "this moves it back; the move is kept in its history."
            return None

        self._form(FormModal(f"Move “{d.title}” to another stage (now: {d.stage_label})", fields, build,
                             lambda store, rec: move_stage(store, iid, rec), save_label="Move", warn=warn),
                   "Stage moved")

    def action_log_session(self) -> None:
        from pcntui.domain.codesign import FORMATS, SessionIn
        from pcntui.store.codesign import log_session

        d = self.detail
        if d is None:
            return
        today = self.pcn_app.today
        iid = d.id

        def build(v: dict[str, str]):
            held = req_date(v, "held_on", "Date held")
            if held > today:
                raise UserError(f"Date held: {held.isoformat()} is in the future; log a session once it is held.")
            people = participants(v, "participants", "Who took part")
            if not people:
                raise UserError("Who took part: give at least one group and its count, e.g. Residents=12.")
            return checked(SessionIn, {"heard": "What people said", "decisions": "Decisions"},
                           held_on=held, format=v["format"], title=opt_text(v, "title"),
                           heard=opt_text(v, "heard"), decisions=opt_text(v, "decisions"), participants=people)

        fields = [
            Field("held_on", "Date held", "when the session took place, e.g. 23/11/2026", value=today.isoformat()),
            Field("format", "Format", "how people were engaged", kind="choice",
                  choices=[(label, code) for code, label in FORMATS.items()], value="workshop"),
            Field("title", "Title", "a name for the session, e.g. 'Drop-in at the community centre' (optional)"),
            Field("participants", "Who took part", "counts by group as NAME=NUMBER separated by commas, "
                  "e.g. Residents=12, Carers=3, Link workers=2", placeholder="e.g. Residents=12, Carers=3"),
            Field("heard", "What people said", "the main things heard, in a sentence or two"),
            Field("decisions", "Decisions", "what was decided or changed as a result"),
        ]
        self._form(FormModal("Log a co-design session", fields, build,
                             lambda store, rec: log_session(store, iid, rec)),
                   "Co-design session logged")

    def action_you_said(self) -> None:
        from pcntui.domain.codesign import YouSaidIn
        from pcntui.store.codesign import add_you_said

        d = self.detail
        if d is None:
            return
        iid = d.id
        today = self.pcn_app.today
        sessions = [("(no particular session)", "")] + [
            (f"{s.held_on.isoformat()} {s.title or s.format}", str(s.id)) for s in d.sessions]
        actions = [("(no particular action)", "")] + [(a.description[:60], str(a.id)) for a in d.actions]

        def build(v: dict[str, str]):
            return checked(YouSaidIn, {"you_said": "You said", "we_did": "We did"},
                           you_said=req_text(v, "you_said", "You said"), we_did=req_text(v, "we_did", "We did"),
                           session_id=int(v["session"]) if v.get("session") else None,
                           action_id=int(v["action"]) if v.get("action") else None, recorded_on=today)

        fields = [
            Field("you_said", "You said", "what people told you, in their words"),
            Field("we_did", "We did", "what changed in the plan because of it"),
            Field("session", "Heard at", "the co-design session it came from", kind="choice", choices=sessions,
                  value=sessions[-1][1]),
            Field("action", "Changed action", "the plan action it changed, if any", kind="choice", choices=actions,
                  value=""),
        ]
        self._form(FormModal("Add a 'you said, we did' pair", fields, build,
                             lambda store, rec: add_you_said(store, iid, rec)),
                   "'You said, we did' added")

    def action_add_action(self) -> None:
        from pcntui.domain.intervention import ActionIn
        from pcntui.store.codesign import add_action

        d = self.detail
        if d is None:
            return
        iid = d.id

        def build(v: dict[str, str]):
            return checked(ActionIn, {"description": "What", "owner": "Owner"},
                           description=req_text(v, "description", "What"), owner=opt_text(v, "owner"),
                           due_on=opt_date(v, "due_on", "Due"))

        fields = [
            Field("description", "What *", "the action, e.g. 'Book the community centre for the second session'"),
            Field("owner", "Owner", "who will do it (optional)"),
            Field("due_on", "Due", "the date it should be done by, e.g. 07/12/2026 (optional)"),
        ]
        self._form(FormModal("Add an action", fields, build, lambda store, rec: add_action(store, iid, rec)),
                   "Action added")

    def action_complete_action(self) -> None:
        from pcntui.tui.screens.pick import PickModal

        d = self.detail
        if d is None:
            return
        open_ = [a for a in d.actions if a.done_on is None]
        if not open_:
            self.notify("Every action is done already.")
            return
        labels = [a.description[:60] + (f" (due {a.due_on.isoformat()})" if a.due_on else "") for a in open_]

        def picked(index: int | None) -> None:
            if index is not None:
                self._done_form(open_[index])

        self.app.push_screen(PickModal("Which action is done?", labels), picked)

    def _done_form(self, a) -> None:
        from pcntui.store.codesign import complete_action

        today = self.pcn_app.today

        def build(v: dict[str, str]):
            on = req_date(v, "on", "Done on")
            if on > today:
                raise UserError(f"Done on: {on.isoformat()} is in the future.")
            return on

        self._form(FormModal(f"Mark done: {a.description[:60]}",
                             [Field("on", "Done on", "the date it was done, e.g. 23/11/2026", value=today.isoformat())],
                             build, lambda store, on: complete_action(store, a.id, on) or True, save_label="Done"),
                   "Action marked done")

    def action_add_measure(self) -> None:
        from pcntui.domain.measure import MeasureIn
        from pcntui.store.outcomes import add_measure

        d = self.detail
        if d is None:
            return
        iid = d.id

        def build(v: dict[str, str]):
            return checked(MeasureIn, {"name": "Name", "unit": "Unit"},
                           name=req_text(v, "name", "Name"), unit=(v.get("unit") or "").strip(),
                           direction=v["direction"],
                           baseline_value=measure_value(v, "baseline_value", "Baseline"),
                           baseline_on=req_date(v, "baseline_on", "Baseline date"),
                           target_value=measure_value(v, "target_value", "Target"),
                           target_on=opt_date(v, "target_on", "Target date"))

        fields = [
            Field("name", "Name *", "what is measured, e.g. 'Blood pressure checks done'"),
            Field("unit", "Unit", "e.g. %, patients, per 1,000 (optional)"),
            Field("direction", "Better is", "whether the number should go up or down", kind="choice",
                  choices=[("higher (increase)", "increase"), ("lower (decrease)", "decrease")], value="increase"),
            Field("baseline_value", "Baseline *", "the value before the intervention, a number, e.g. 42"),
            Field("baseline_on", "Baseline date *", "when the baseline was measured, e.g. 01/04/2026"),
            Field("target_value", "Target *", "the value you aim for, a number"),
            Field("target_on", "Target date", "when the target should be reached (optional; without it the "
                  "baseline is the line to beat)"),
        ]
        self._form(FormModal("Add an outcome measure", fields, build,
                             lambda store, rec: add_measure(store, iid, rec)),
                   "Measure added")

    def action_add_reading(self) -> None:
        from pcntui.tui.screens.pick import PickModal

        d = self.detail
        if d is None or not d.measures:
            return
        if len(d.measures) == 1:
            self._reading_form(d.measures[0])
            return

        def picked(index: int | None) -> None:
            if index is not None:
                self._reading_form(d.measures[index])

        self.app.push_screen(PickModal("A reading of which measure?", [m.name for m in d.measures],
                                       len(d.measures) - 1), picked)

    def _reading_form(self, m) -> None:
        from pcntui.domain.measure import ReadingIn, fmt_value
        from pcntui.store.outcomes import add_reading

        today = self.pcn_app.today

        def build(v: dict[str, str]):
            on = req_date(v, "taken_on", "Date")
            if on < m.baseline_on:
                raise UserError(f"Date: the baseline was measured on {m.baseline_on.isoformat()}; "
                                "a reading cannot be earlier.")
            if on > today:
                raise UserError(f"Date: {on.isoformat()} is in the future.")
            return checked(ReadingIn, {"note": "Note"}, taken_on=on, value=measure_value(v, "value", "Value"),
                           note=opt_text(v, "note"))

        unit = f" ({m.unit})" if m.unit else ""
        fields = [
            Field("value", f"Value{unit} *", f"the number measured; baseline {fmt_value(m.baseline_value, m.unit)}, "
                  f"target {fmt_value(m.target_value, m.unit)}"),
            Field("taken_on", "Date", "when it was measured (a second reading on the same date corrects the "
                  "first)", value=today.isoformat()),
            Field("note", "Note", "where the figure came from (optional)"),
        ]
        self._form(FormModal(f"Add a reading of “{m.name}”", fields, build,
                             lambda store, rec: add_reading(store, m.id, rec)),
                   "Reading added")

    def action_stage_target(self) -> None:
        from pcntui.domain.intervention import STAGE_CODES, STAGE_LABELS
        from pcntui.store.interventions import set_stage_target

        d = self.detail
        if d is None:
            return
        iid = d.id
        open_stages = [s for s in d.stages if not s.reached]
        default = open_stages[0].stage if open_stages else d.stage
        choices = [(STAGE_LABELS[c] + (" (reached)" if any(s.stage == c and s.reached for s in d.stages) else ""), c)
                   for c in STAGE_CODES]
        targets = {s.stage: s.target_on for s in d.stages}

        def build(v: dict[str, str]):
            return v["stage"], opt_date(v, "target_on", "Target date")

        def warn(rec) -> str | None:
            stage, on = rec
            if on is None:
                return (f"no date: this clears the target of {STAGE_LABELS[stage]}." if targets.get(stage)
                        else "give a date (blank clears a target).")
            if on < d.as_of and not any(s.stage == stage and s.reached for s in d.stages):
                return "that date has passed, so the RAG will say this stage is overdue."
            return None

        fields = [
            Field("stage", "Stage", "the stage to give a target date", kind="choice", choices=choices, value=default),
            Field("target_on", "Target date", "when it should be reached by, e.g. 31/03/2027 (blank clears it)",
                  value=targets[default].isoformat() if targets.get(default) else ""),
        ]
        self._form(FormModal("Set a stage's target date", fields, build,
                             lambda store, rec: set_stage_target(store, iid, rec[0], rec[1]) or True, warn=warn),
                   "Target date saved")

    def action_add_partner(self) -> None:
        from pcntui.domain.intervention import PARTNER_KINDS, PartnerIn
        from pcntui.store.codesign import add_partner

        d = self.detail
        if d is None:
            return
        iid = d.id

        def build(v: dict[str, str]):
            return checked(PartnerIn, {"name": "Name", "role": "Role"}, name=req_text(v, "name", "Name"),
                           kind=v["kind"], role=opt_text(v, "role"))

        fields = [
            Field("name", "Name *", "the organisation or group, e.g. Harbour Community Centre"),
            Field("kind", "Kind", "what sort of partner it is", kind="choice",
                  choices=[(label, code) for code, label in PARTNER_KINDS.items()], value="voluntary"),
            Field("role", "Role", "what they do in the intervention, e.g. 'Hosts the pop-up clinics' (optional)"),
        ]
        self._form(FormModal("Add a partner", fields, build, lambda store, rec: add_partner(store, iid, rec)),
                   "Partner added")

    def action_edit_intervention(self) -> None:
        from pcntui.store.interventions import update_intervention

        d = self.detail
        if d is None or self.data is None:
            return
        codes = self.data.practice_codes
        iid, rev = d.id, d.rev
        build = intervention_build(codes)

        def build_keep_aims(v: dict[str, str]):
            rec = build(v)
            return rec.model_copy(update={"aims": d.aims, "deprivation_note": d.deprivation_note})

        self._form(FormModal(f"Edit intervention {iid}", intervention_fields(codes, d), build_keep_aims,
                             lambda store, rec: update_intervention(store, iid, rec, expected_rev=rev) or True),
                   "Intervention saved")

    def action_delete_intervention(self) -> None:
        d = self.detail
        if d is not None:
            ask_delete(self, d.id, d.title, d.rev)

    # ---------------------------------------------------------------- export
    def action_export(self) -> None:
        from pcntui.tui.screens.pick import PickModal

        if self.detail is None:
            return
        options = ["One-page summary for the commissioner (Markdown text file)",
                   "This intervention as a CSV row (the columns of 'pcntui export interventions')"]

        def picked(index: int | None) -> None:
            if index == 0:
                self._export_summary()
            elif index == 1:
                self._export_row()

        self.app.push_screen(PickModal("Export", options), picked)

    def _export_summary(self) -> None:
        from pcntui.report.intervention_summary import intervention_summary

        iid = self.intervention_id
        as_of = self.pcn_app.today
        default = f"~/pcntui-intervention-{iid}-summary-{as_of.isoformat()}.md"

        def written(path: Any) -> None:
            if path is not None:
                self.notify(f"Summary written to {path}.", title="Exported")

        self.app.push_screen(
            summary_form("Write the one-page summary for the commissioner", default,
                         lambda store: intervention_summary(store, iid, as_of)),
            written,
        )

    @work(thread=True, exclusive=True, group="db", exit_on_error=False)
    def _export_row(self) -> None:
        from pcntui.report.intervention_exports import interventions_table

        table = interventions_table(self.pcn_app.store, self.pcn_app.period)
        rows = [r for r in table.rows if r[0] == self.intervention_id]
        self.app.call_from_thread(self._export_rows, table.columns, rows)

    def _export_rows(self, columns: list[str], rows: list) -> None:
        from pcntui.tui.screens.export import ExportModal

        self.app.push_screen(ExportModal(f"intervention-{self.intervention_id}", columns, rows,
                                         today=self.pcn_app.today), self._exported)


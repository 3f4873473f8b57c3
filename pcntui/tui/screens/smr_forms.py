"""SMR forms: one practice's monthly counts, a worklist entry, a roster member's SMR share,
the minutes per SMR.

Every form validates as the user types and says what is wrong in words; `ctrl+s` (or the
Save button) saves in one store action (one undo step) from a worker; `escape` cancels and
nothing is saved. Saving tells the App the data changed, so every screen reloads.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.message import Message
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, Select, SelectionList, Static

from pcntui.domain.parse import optional, parse_count, parse_date
from pcntui.domain.smr_capacity import parse_setting, parse_share
from pcntui.errors import UserError
from pcntui.domain.text import clean_input, terminal_safe
from pcntui.tui.messages import DataChanged, describe_error
from pcntui.tui.safe import markup, plain

FORM_CSS = """
FormModal #dialog { max-width: 96; }
FormModal .field { height: 1; margin: 0; }
FormModal .field.-tall { height: auto; margin: 0 0 1 0; }
FormModal .field Label { width: 16; padding: 0 1 0 0; }
FormModal .field Input { width: 1fr; }
FormModal .field Select { width: 1fr; }
FormModal .field SelectionList { width: 1fr; height: auto; max-height: 5; }
FormModal #problems { color: $text-error; height: auto; }
FormModal #warnings { color: $text-warning; height: auto; }
FormModal #context { color: $text-muted; height: auto; margin: 0 0 1 0; }
FormModal #previous { color: $text-muted; height: auto; }
FormModal #fields { height: auto; max-height: 50vh; }
FormModal #dialog { max-height: 100%; }
"""


def _read(parser: Callable[..., Any], text: str, name: str, problems: list[str], *, required: bool = False,
          **options: Any) -> Any:
    """`parser(text)` (pcntui.domain.parse: as the CLI flag and the import column), None when blank;
    a refusal, or a blank required field, is added to `problems` in words."""
    try:
        return parser(text, name, **options) if required else optional(parser, text, name, **options)
    except UserError as exc:
        problems.append(str(exc))
        return None


def _count(text: str, name: str, problems: list[str], *, required: bool = False, noun: str = "patients") -> int | None:
    return _read(parse_count, text, name, problems, required=required, noun=noun)


def _date(text: str, name: str, problems: list[str], *, required: bool = False) -> date | None:
    return _read(parse_date, text, name, problems, required=required)


class FormModal(ModalScreen[bool]):
    """Shared: `ctrl+s` save, `escape` cancel, a problems line, saving in a worker."""

    DEFAULT_CSS = FORM_CSS
    BINDINGS = [
        Binding("ctrl+s", "save", "Save"),
        Binding("escape", "cancel", "Cancel"),
    ]

    class Saved(Message):
        def __init__(self, note: str, warnings: list[str]) -> None:
            super().__init__()
            self.note = note
            self.warnings = warnings

    class Failed(Message):
        def __init__(self, text: str) -> None:
            super().__init__()
            self.text = text

    def __init__(self) -> None:
        super().__init__(classes="smr-form")
        self.saving = False

    def buttons(self) -> ComposeResult:
        with Horizontal(classes="dialog-buttons"):
            yield Button("Save (ctrl+s)", variant="primary", id="save")
            yield Button("Cancel (esc)", variant="default", id="cancel")

    @property
    def store(self):
        return self.app.store  # type: ignore[attr-defined]

    def set_problems(self, problems: list[str]) -> None:
        self.query_one("#problems", Static).update(markup("\n".join(problems)))

    def problems(self) -> list[str]:
        return []

    def action_cancel(self) -> None:
        self.dismiss(False)

    @on(Button.Pressed, "#cancel")
    def _cancel_pressed(self) -> None:
        self.dismiss(False)

    @on(Button.Pressed, "#save")
    def _save_pressed(self) -> None:
        self.action_save()

    @on(Input.Submitted)
    def _submitted(self, event: Input.Submitted) -> None:
        event.stop()
        inputs = list(self.query(Input))
        if inputs and event.input is inputs[-1]:
            self.action_save()
        else:
            self.focus_next()

    def action_save(self) -> None:
        problems = self.problems()
        self.set_problems(problems)
        if problems or self.saving or self.store is None:
            return
        self.saving = True
        self._save(self.store, self.values())

    def values(self) -> Any:
        return None

    def do_save(self, store, values) -> tuple[str, list[str]]:
        raise NotImplementedError

    @work(thread=True, exclusive=True, group="db", exit_on_error=False)
    def _save(self, store, values) -> None:
        try:
            note, warnings = self.do_save(store, values)
        except Exception as exc:  # noqa: BLE001 - shown in the form, nothing saved
            self.post_message(self.Failed(describe_error(exc)))
            return
        self.post_message(self.Saved(note, warnings))

    @on(Saved)
    def _saved(self, message: Saved) -> None:
        text = message.note
        if message.warnings:
            self.app.notify(" ".join(message.warnings), title="Saved — please check", severity="warning", timeout=10)
        self.app.post_message(DataChanged(text))
        self.dismiss(True)

    @on(Failed)
    def _failed(self, message: Failed) -> None:
        self.saving = False
        self.set_problems([message.text])


def field(label: str, widget, *, tall: bool = False) -> Horizontal:
    return Horizontal(Label(label), widget, classes="field -tall" if tall else "field")


# ---------------------------------------------------------------------- monthly counts
class CountsForm(FormModal):
    """One practice's counts for one cohort on one date (a new snapshot, or a correction)."""

    class Options(Message):
        def __init__(self, practices: list[tuple[str, str]], cohorts: list[tuple[str, str]]) -> None:
            super().__init__()
            self.practices = practices
            self.cohorts = cohorts

    class History(Message):
        def __init__(self, key: tuple[str, str], rows: list[dict]) -> None:
            super().__init__()
            self.key = key
            self.rows = rows

    def __init__(self, *, practice: str | None = None, cohort: str | None = None) -> None:
        super().__init__()
        self.practice = practice
        self.cohort = cohort
        self.rows: list[dict] = []  # stored snapshots of the chosen practice and cohort, newest first
        self.rows_key: tuple[str, str] | None = None

    def compose(self) -> ComposeResult:
        today = self.app.today.isoformat()  # type: ignore[attr-defined]
        with Vertical(id="dialog"):
            yield Label("Enter SMR counts for one practice", classes="dialog-title")
            yield Static("From the practice's clinical-system search: year-to-date numbers on the date of the "
                         "search.", id="context")
            with VerticalScroll(id="fields"):
                yield field("Practice", Select([], prompt="Choose the practice", id="practice", compact=True))
                yield field("Cohort", Select([], prompt="Choose the cohort", id="cohort", compact=True))
                yield field("Counts as of", Input(today, id="as_of", compact=True))
                yield field("Eligible", Input(id="eligible", compact=True, placeholder="patients in the cohort"))
                yield field("Invited", Input(id="invited", compact=True, placeholder="optional"))
                yield field("Completed", Input(id="completed", compact=True, placeholder="SMRs done this year"))
                yield field("Declined", Input(id="declined", compact=True, placeholder="optional"))
            yield Static("", id="previous")
            yield Static("", id="problems")
            yield Static("", id="warnings")
            yield from self.buttons()

    def on_mount(self) -> None:
        if self.store is not None:
            self._load_options(self.store)

    @work(thread=True, group="form", exit_on_error=False)
    def _load_options(self, store) -> None:
        from pcntui.store.smr import cohorts_for_year, load_cohorts, practice_names

        practices = list(practice_names(store).items())
        fy = self.app.fy  # type: ignore[attr-defined]
        this_year = [c for c, _ in cohorts_for_year(store, fy)]
        others = [c for c in load_cohorts(store) if c not in this_year]
        cohorts = [(c.code, c.name) for c in this_year + others]
        self.post_message(self.Options(practices, cohorts))

    @on(Options)
    def _options(self, message: Options) -> None:
        practice = self.query_one("#practice", Select)
        cohort = self.query_one("#cohort", Select)
        practice.set_options([(plain(f"{code} {name}"), code) for code, name in message.practices])
        cohort.set_options([(plain(name), code) for code, name in message.cohorts])
        if self.practice and any(c == self.practice for c, _ in message.practices):
            practice.value = self.practice
        if self.cohort and any(c == self.cohort for c, _ in message.cohorts):
            cohort.value = self.cohort
        (self.query_one("#eligible", Input) if self.practice and self.cohort else practice).focus()
        self._chosen()

    @on(Select.Changed)
    def _chosen(self, event: Select.Changed | None = None) -> None:
        key = self._key()
        if key is not None and key != self.rows_key and self.store is not None:
            self._load_history(self.store, key)
        self._validate()

    def _key(self) -> tuple[str, str] | None:
        p = self.query_one("#practice", Select).value
        c = self.query_one("#cohort", Select).value
        if p is Select.NULL or c is Select.NULL:
            return None
        return str(p), str(c)

    @work(thread=True, group="form", exit_on_error=False)
    def _load_history(self, store, key: tuple[str, str]) -> None:
        from pcntui.store.smr_counts import count_rows

        self.post_message(self.History(key, count_rows(store, *key)))

    @on(History)
    def _history(self, message: History) -> None:
        if message.key != self._key():
            return
        self.rows, self.rows_key = message.rows, message.key
        if self.rows:
            r = self.rows[0]
            self.query_one("#previous", Static).update(
                f"Latest held: {r['as_of']} · eligible {r['eligible']:,} · completed {r['completed']:,}"
                + (f" · invited {r['invited']:,}" if r["invited"] is not None else "")
                + f" ({len(self.rows)} snapshot{'s' if len(self.rows) != 1 else ''} held)")
        else:
            self.query_one("#previous", Static).update("No counts held yet for this practice and cohort.")
        self._validate()

    @on(Input.Changed)
    def _changed(self, event: Input.Changed) -> None:
        self._validate()

    def _parse(self) -> tuple[dict, list[str], list[str]]:
        problems: list[str] = []
        warnings: list[str] = []
        get = lambda name: self.query_one(f"#{name}", Input).value  # noqa: E731
        values = {
            "as_of": _date(get("as_of"), "Counts as of", problems, required=True),
            "eligible": _count(get("eligible"), "Eligible", problems, required=True),
            "invited": _count(get("invited"), "Invited", problems),
            "completed": _count(get("completed"), "Completed", problems, required=True),
            "declined": _count(get("declined"), "Declined", problems),
        }
        if self._key() is None:
            problems.insert(0, "Choose the practice and the cohort.")
        e, c = values["eligible"], values["completed"]
        if e is not None and c is not None and c > e:
            warnings.append(f"Completed ({c:,}) is more than eligible ({e:,}).")
        i = values["invited"]
        if i is not None and e is not None and i > e:
            warnings.append(f"Invited ({i:,}) is more than eligible ({e:,}).")
        day = values["as_of"]
        if day is not None and self.rows and self.rows_key == self._key():
            earlier = [r for r in self.rows if r["as_of"] < day.isoformat()]
            later = [r for r in self.rows if r["as_of"] > day.isoformat()]
            if earlier:
                prev = earlier[0]
                if c is not None and c < prev["completed"]:
                    warnings.append(f"Completed went down from {prev['completed']:,} on {prev['as_of']} "
                                    f"to {c:,} (counts are year-to-date).")
                if e is not None and e < prev["eligible"]:
                    warnings.append(f"Eligible went down from {prev['eligible']:,} on {prev['as_of']} to {e:,}.")
            if later:
                nxt = later[-1]
                if c is not None and c > nxt["completed"]:
                    warnings.append(f"Completed is more than the {nxt['completed']:,} held for the later "
                                    f"date {nxt['as_of']}.")
            if any(r["as_of"] == day.isoformat() for r in self.rows):
                warnings.append(f"Counts for {day.isoformat()} are held already; saving replaces them.")
        return values, problems, warnings

    def _validate(self) -> None:
        _, problems, warnings = self._parse()
        shown = [p for p in problems if " is blank; " not in p and not p.startswith("Choose")]
        self.set_problems(shown)
        self.query_one("#warnings", Static).update(markup("\n".join(f"⚠ {w}" for w in warnings)))

    def problems(self) -> list[str]:
        return self._parse()[1]

    def values(self) -> dict:
        values = self._parse()[0]
        practice, cohort = self._key()  # type: ignore[misc]
        day = values["as_of"].isoformat()
        existing = next((r for r in self.rows if r["as_of"] == day), None) if self.rows_key == self._key() else None
        return {**values, "practice": practice, "cohort": cohort,
                "expected_rev": existing["rev"] if existing else None}

    def do_save(self, store, v) -> tuple[str, list[str]]:
        from pcntui.store.smr_counts import save_count

        warnings = save_count(store, v["practice"], v["cohort"], v["as_of"], eligible=v["eligible"],
                              completed=v["completed"], invited=v["invited"], declined=v["declined"],
                              expected_rev=v["expected_rev"])
        return f"Saved SMR counts for {v['practice']} {v['cohort']} on {v['as_of'].isoformat()}.", warnings


# ---------------------------------------------------------------------- capacity
class ShareForm(FormModal):
    def __init__(self, staff_id: int, name: str, share_pct: float, share_set: bool) -> None:
        super().__init__()
        self.staff_id, self.person, self.share_pct, self.share_set = staff_id, name, share_pct, share_set

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog"):
            yield Label(terminal_safe(f"SMR share for {self.person}"), classes="dialog-title", markup=False)
            yield Static("The % of their working time given to SMRs. Leave empty for their role's default.",
                         id="context")
            yield field("SMR share %", Input(f"{self.share_pct:g}" if self.share_set else "", id="share",
                                             placeholder=f"default {self.share_pct:g}", compact=True))
            yield Static("", id="problems")
            yield from self.buttons()

    def on_mount(self) -> None:
        self.query_one("#share", Input).focus()

    @on(Input.Changed)
    def _changed(self) -> None:
        self.set_problems(self.problems())

    def problems(self) -> list[str]:
        problems: list[str] = []
        _read(parse_share, self.query_one("#share", Input).value, "SMR share", problems)
        return problems

    def values(self) -> float | None:
        return optional(parse_share, self.query_one("#share", Input).value)

    def do_save(self, store, value) -> tuple[str, list[str]]:
        from pcntui.store.smr_capacity import set_share

        set_share(store, self.staff_id, value)
        what = "their role's default" if value is None else f"{value:g}%"
        return f"SMR share for {self.person}: {what}.", []


class MinutesForm(FormModal):
    def __init__(self, minutes: float) -> None:
        super().__init__()
        self.minutes = minutes

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog"):
            yield Label("Minutes per SMR", classes="dialog-title")
            yield Static("Clinician time one review takes, including preparation and follow-up "
                         "(a planning assumption; 30 unless you change it).", id="context")
            yield field("Minutes", Input(f"{self.minutes:g}", id="minutes", compact=True))
            yield Static("", id="problems")
            yield from self.buttons()

    def on_mount(self) -> None:
        self.query_one("#minutes", Input).focus()

    @on(Input.Changed)
    def _changed(self) -> None:
        self.set_problems(self.problems())

    def problems(self) -> list[str]:
        try:
            parse_setting(self.query_one("#minutes", Input).value, "minutes_per_review")
        except UserError as exc:
            return [str(exc)]
        return []

    def values(self) -> float:
        return parse_setting(self.query_one("#minutes", Input).value, "minutes_per_review")

    def do_save(self, store, value) -> tuple[str, list[str]]:
        from pcntui.store.smr import save_settings

        save_settings(store, minutes_per_review=value)
        return f"Minutes per SMR: {value:g}.", []


# ---------------------------------------------------------------------- worklist entry
class EntryForm(FormModal):
    """Add (entry None) or edit one worklist patient."""

    DATES = (("identified_on", "Identified on"), ("invited_on", "Invited on"), ("booked_on", "Booked on"),
             ("reviewed_on", "Reviewed on"), ("follow_up_due", "Follow-up due"))
    MEDS = (("meds_stopped", "Meds stopped"), ("meds_changed", "Meds changed"), ("meds_started", "Meds started"))

    def __init__(self, entry, practices: list[tuple[str, str]], cohorts: list[tuple[str, str]],
                 *, default_practice: str | None = None) -> None:
        super().__init__()
        self.entry = entry
        self.practices = practices
        self.cohorts = cohorts
        self.default_practice = default_practice

    def compose(self) -> ComposeResult:
        from pcntui.domain.nhs_number import clean
        from pcntui.domain.worklist import STATUS_LABELS

        e = self.entry
        title = "New worklist patient" if e is None else f"Edit worklist patient {e.practice_code} {e.reference}"
        iso = lambda d: d.isoformat() if d else ""  # noqa: E731
        num = lambda n: "" if n is None else str(n)  # noqa: E731
        practice = e.practice_code if e else self.default_practice
        with Vertical(id="dialog"):
            yield Label(terminal_safe(title), classes="dialog-title", markup=False)
            with VerticalScroll(id="fields"):
                yield field("Practice", Select([(plain(f"{c} {n}"), c) for c, n in self.practices], id="practice",
                                               value=practice if practice in {c for c, _ in self.practices}
                                               else Select.NULL, prompt="Choose the practice", compact=True))
                yield field("Reference", Input(terminal_safe(e.reference) if e else "", id="reference", compact=True,
                                               placeholder="the practice's own pseudonymous reference"))
                yield field("NHS number", Input(clean(e.nhs_number) if e and e.nhs_number else "", id="nhs_number",
                                                compact=True, placeholder="optional, 10 digits"))
                yield field("Cohorts", SelectionList(*[(plain(name), code, bool(e and code in e.cohorts))
                                                       for code, name in self.cohorts], id="cohorts", compact=True),
                                  tall=True)
                yield field("Status", Select([(label, key) for key, label in STATUS_LABELS.items()], id="status",
                                             value=e.status if e else "identified", allow_blank=False, compact=True))
                for name, label in self.DATES:
                    yield field(label, Input(iso(getattr(e, name)) if e else "", id=name, compact=True,
                                             placeholder="e.g. 31/10/2026"))
                yield field("Reviewer", Input(terminal_safe(e.reviewer or "") if e else "", id="reviewer", compact=True))
                for name, label in self.MEDS:
                    yield field(label, Input(num(getattr(e, name)) if e else "", id=name, compact=True))
                yield field("Note", Input(terminal_safe(e.note or "") if e else "", id="note", compact=True))
            yield Static("", id="problems")
            yield from self.buttons()

    def on_mount(self) -> None:
        start = "#reference" if self.entry is None and self.default_practice else "#practice"
        self.query_one(start if self.entry is None else "#reference").focus()

    @on(Input.Changed)
    @on(Select.Changed)
    @on(SelectionList.SelectedChanged)
    def _changed(self) -> None:
        entry, problems = self._parse()
        shown = [p for p in problems if not p.startswith(("reference: the practice's own reference is required",
                                                          "cohort: at least one", "practice: choose"))]
        self.set_problems(shown)

    def _parse(self):
        from dataclasses import replace

        from pcntui.domain.nhs_number import clean
        from pcntui.domain.worklist import WorklistEntry, problems as entry_problems

        problems: list[str] = []
        get = lambda name: clean_input(self.query_one(f"#{name}", Input).value)  # noqa: E731
        practice = self.query_one("#practice", Select).value
        if practice is Select.NULL:
            problems.append("practice: choose the practice.")
        dates = {name: _date(get(name), label, problems) for name, label in self.DATES}
        meds = {}
        for name, label in self.MEDS:
            meds[name] = _count(get(name), label, problems, noun="medicines")
        nhs = get("nhs_number").strip()
        base = self.entry or WorklistEntry(id=None, practice_code="", reference="")
        entry = replace(
            base,
            practice_code="" if practice is Select.NULL else str(practice),
            reference=get("reference").strip(),
            nhs_number=clean(nhs) if nhs else None,
            cohorts=tuple(self.query_one("#cohorts", SelectionList).selected),
            status=str(self.query_one("#status", Select).value),
            reviewer=get("reviewer").strip() or None,
            note=get("note").strip() or None,
            **dates, **meds,
        )
        problems.extend(p.replace("nhs_number: ", "NHS number: ", 1) for p in entry_problems(entry))
        return entry, problems

    def problems(self) -> list[str]:
        return self._parse()[1]

    def values(self):
        return self._parse()[0]

    def do_save(self, store, entry) -> tuple[str, list[str]]:
        from pcntui.store.worklist import save_entry

        saved = save_entry(store, entry)
        verb = "Added" if self.entry is None else "Saved"
        return f"{verb} worklist patient {saved.practice_code} {saved.reference}.", []

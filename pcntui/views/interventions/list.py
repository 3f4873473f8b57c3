"""The interventions list: every intervention with its stage, RAG and why, lead, next action and
measures. One View for the screen, `x` and `pcntui export interventions` (its CSV columns are
documented in docs/interventions.md); the screen shows some columns in words of its own."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from pcntui.domain.intervention import STAGE_CODES, STAGE_LABELS
from pcntui.domain.money import from_pence
from pcntui.store.interventions import InterventionDetail, InterventionRow, all_interventions, get_intervention, row_of
from pcntui.store.tx import Reader
from pcntui.views.base import Column, Kind, Row, View, ViewQuery

COLUMNS = (
    Column("id", "#", Kind.INT), Column("title", "Intervention"),
    Column("stage", "Stage", Kind.CHOICE, words=STAGE_LABELS),
    Column("stage_since", "Stage since", Kind.DATE), Column("rag", "RAG", Kind.CHOICE), Column("rag_reasons", "Why"),
    Column("lead", "Lead"), Column("focus", "Focus"), Column("population", "Population"),
    Column("population_size", "Size", Kind.COUNT), Column("practices", "Practices"),
    Column("next_action", "Next action"), Column("next_action_owner", "Next action owner"),
    Column("next_action_due", "Next action due", Kind.DATE), Column("overdue_actions", "Overdue", Kind.COUNT),
    Column("codesign_sessions", "Sessions", Kind.COUNT), Column("measures", "Measures", Kind.COUNT),
    Column("measures_on_track", "On track", Kind.COUNT), Column("measures_off_track", "Off track", Kind.COUNT),
    Column("budget", "Budget", Kind.MONEY), Column("spend", "Spend", Kind.MONEY),
    Column("stage_code", "Stage code", screen=False),  # the code behind the stage's words
)
RAG_ORDER = {"red": 0, "amber": 1, "green": 2}
STAGE_ORDER = {code: i for i, code in enumerate(STAGE_CODES)}


@dataclass(frozen=True)
class ListPage:
    """The list as the screen needs it: the view (what `x` writes) and each row's facts (RAG
    reasons, next action, rev)."""

    view: View
    items: tuple[InterventionRow, ...]


def _row(d: InterventionDetail, r: InterventionRow) -> Row:
    nxt = r.next_action
    values = (
        r.id, r.title, r.stage, r.stage_since, r.rag.level, "; ".join(x.message for x in r.rag.reasons),
        r.lead, r.focus, d.population, r.population_size, " ".join(d.practices),
        nxt.description if nxt else None, nxt.owner if nxt else None, nxt.due_on if nxt else None,
        r.overdue_actions, r.sessions, r.measures, r.measures_on_track, r.measures_off_track,
        from_pence(r.budget_pence), from_pence(r.spend_pence), r.stage,
    )
    return Row(str(r.id), values, frozenset({f"rag:{r.rag.level}"}), opens=str(r.id))


def interventions_page(reader: Reader, as_of: date) -> ListPage:
    """Every intervention (by id) with its RAG as of `as_of`."""
    details = all_interventions(reader, as_of)
    items = tuple(row_of(d) for d in details)
    view = View("interventions", f"Interventions as of {as_of.isoformat()}", COLUMNS,
                tuple(_row(d, r) for d, r in zip(details, items)))
    return ListPage(view, items)


def interventions(reader: Reader, q: ViewQuery) -> View:
    """`pcntui export interventions` (and `x` on the list)."""
    return interventions_page(reader, q.period.as_of).view


def intervention(reader: Reader, q: ViewQuery) -> View:
    """`pcntui export intervention --id N` (and `x` → "CSV row" on its page): the list's row of
    one intervention, with the list's columns."""
    from pcntui.domain.parse import parse_id
    from pcntui.errors import UserError

    if q.item is None:
        raise UserError("'export intervention' is about one intervention: give --id N ('pcntui intervention list' "
                        "lists the ids).")
    d = get_intervention(reader, parse_id(q.item, "--id"), q.period.as_of)
    return View("intervention", f"Intervention {d.id} as of {q.period.as_of.isoformat()}", COLUMNS,
                (_row(d, row_of(d)),))

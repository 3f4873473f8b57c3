"""The DES requirements: one View for the screen, `x` and `pcntui export requirements` (columns
documented in docs/interventions.md). With a year (`--fy`, or the year the screen shows) it holds
that year's requirements; without one (`pcntui export requirements` with no --fy) every year's."""

from __future__ import annotations

from dataclasses import dataclass

from pcntui.domain.requirements import AREAS, DUE_STATES, STATUSES, Requirement
from pcntui.store.requirements import list_requirements, none_recorded_text, none_shipped_text
from pcntui.store.tx import Reader
from pcntui.views.base import Column, Kind, Row, View, ViewQuery

__all__ = ["COLUMNS", "RequirementsPage", "none_recorded_text", "none_shipped_text", "requirements",
           "requirements_page"]

COLUMNS = (
    Column("id", "Id", Kind.INT), Column("ref_key", "Key"), Column("fy", "Year"),
    Column("area", "Area", Kind.CHOICE, words=AREAS), Column("title", "Requirement"),
    Column("due_on", "Due", Kind.DATE), Column("due_confirmed", "Confirmed", Kind.BOOL),
    Column("due_state", "Due state", Kind.CHOICE, words=DUE_STATES), Column("owner", "Owner"),
    Column("status", "Status", Kind.CHOICE, words=STATUSES), Column("evidence", "Evidence"),
    Column("links", "Links"), Column("origin", "Origin", Kind.CHOICE),
    # the codes behind the words, for a commissioner matching areas and statuses across PCNs
    Column("area_code", "Area code", screen=False), Column("status_code", "Status code", screen=False),
)


@dataclass(frozen=True)
class RequirementsPage:
    view: View
    items: tuple[Requirement, ...]  # in the view's order
    fy: str | None  # the year asked for (None: every year)
    years: tuple[str, ...]  # every year with a requirement held or shipped


def key_of(r: Requirement) -> str:
    """A row's key: its id, or `ref:KEY` for a shipped requirement not yet copied in."""
    return str(r.id) if r.id is not None else f"ref:{r.ref_key}"


def requirements_page(reader: Reader, q: ViewQuery) -> RequirementsPage:
    every = list_requirements(reader)
    fy = q.period.fy.label if q.fy_given else None
    items = tuple(r for r in every if fy is None or r.fy == fy)
    as_of = q.period.as_of
    rows = tuple(Row(key_of(r), (r.id, r.ref_key, r.fy, r.area, r.title, r.due_on, r.due_confirmed, r.state(as_of),
                                 r.owner, r.status, r.evidence,
                                 "; ".join(f"{link.kind}:{link.target}" for link in r.links), r.origin, r.area,
                                 r.status))
                 for r in items)
    title = f"DES requirements {fy}" if fy else "DES requirements"
    return RequirementsPage(View("requirements", title, COLUMNS, rows), items, fy, tuple(sorted({r.fy for r in every})))


def requirements(reader: Reader, q: ViewQuery) -> View:
    """`pcntui export requirements [--fy]` and `x` on the requirements screen."""
    return requirements_page(reader, q).view

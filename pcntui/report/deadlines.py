"""The manager's year as output: `pcntui export calendar` (an .ics file) and `status --due N`.

Both read the one collection of dated items, `pcntui.store.deadlines.deadlines`.
"""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

from pcntui.domain.deadlines import Due, falling_due
from pcntui.domain.period import Period
from pcntui.export.calendar import calendar_text
from pcntui.store import Store
from pcntui.store.deadlines import deadlines
from pcntui.store.pcn import get_pcn
from pcntui.views.status.base import Block


def calendar(store: Store, period: Period, *, stamp: datetime | None = None) -> str:
    """The iCalendar text of every open dated item as of `period.as_of` (catalog KIND `calendar`)."""
    pcn = get_pcn(store)
    code, name = (pcn["code"], pcn["name"]) if pcn else ("", "")
    return calendar_text(deadlines(store, period.as_of), name=f"pcntui deadlines: {name or 'PCN'}", pcn_code=code,
                         stamp=stamp or datetime.now(timezone.utc))


def _when(d: Due) -> str:
    if d.days == 0:
        return "today"
    n = abs(d.days)
    return f"{n} day{'' if n == 1 else 's'} " + ("ago" if d.overdue else "from now")


def due_block(store: Store, period: Period, days: int) -> Block:
    """What falls due in the next `days` days from the as-of date, and what is overdue (the
    `due` key of `status --json`)."""
    dues = falling_due(deadlines(store, period.as_of), period.as_of, days)
    last = period.as_of + timedelta(days=days)
    late = sum(1 for d in dues if d.overdue)
    lines = [f"{'OVERDUE' if d.overdue else 'due':<7} {d.deadline.on.isoformat()} ({_when(d)}): {d.deadline.summary}"
             + (" (date unconfirmed)" if d.deadline.estimated else "") for d in dues]
    if not dues:
        lines = [f"Nothing falls due by {last.isoformat()} and nothing is overdue."]
    data = {
        "days": days, "from": period.as_of.isoformat(), "to": last.isoformat(), "overdue": late,
        "items": [{"on": d.deadline.on.isoformat(), "days": d.days, "overdue": d.overdue, "kind": d.deadline.kind,
                   "what": d.deadline.kind_label, "summary": d.deadline.summary, "estimated": d.deadline.estimated}
                  for d in dues],
    }
    title = f"Due by {last.isoformat()} (next {days} day{'' if days == 1 else 's'})"
    return Block("due", title + (f", {late} overdue" if late else ""), lines, data)

"""How a table's columns share the terminal's width (no Textual: tested headless).

Numbers and money are never cut: a number column keeps the width of its widest value; nor
are short text columns (dates, codes) while a column can go instead. Longer text columns share what is left, in proportion to what they hold, down to a floor (the header or 8
characters, whichever is more; their text is then cut with `…`). When even that does not fit,
columns are dropped, least important first (highest `priority`; the rightmost of equals);
priority 0 never goes. A must-show (priority 0) text column is not cut (below CAP) while a column
of priority 2 or more (e.g. a practice's clinical system beside its name) could go instead. Room left over goes to text held back at CAP characters, so long titles
show whole on a wide terminal.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

EXTRA = 2  # a column of this priority or more goes before a must-show text column is cut
FLOOR = 8  # a text column is not made narrower than this (or its header)
SHORT = 12  # a text column this narrow (a date, a code, a band) is cut only after the others
KEY_FLOOR = 16  # a must-show text column (a name) keeps this much before any other column goes
CAP = 60  # nor given more than this before the leftover room is shared out


@dataclass(frozen=True)
class ColumnNeed:
    natural: int  # the widest cell or the header (with room for the sort arrow)
    header: int  # the header's width
    numeric: bool = False
    priority: int = 1  # 0: always shown; higher: dropped sooner
    rank: int | None = None  # among columns of one priority, the highest rank goes first (None: its place)


def fit_widths(needs: Sequence[ColumnNeed], room: int, padding: int = 1) -> list[int | None]:
    """Each column's width (None: not shown) so the table fits `room` cells."""
    shown = list(range(len(needs)))
    while True:
        widths = _fit(needs, shown, room, padding)
        if widths is not None and not _key_text_cut(needs, widths):
            break
        limit = 1 if widths is None else EXTRA
        droppable = [i for i in shown if needs[i].priority >= limit]
        if not droppable or (widths is None and len(shown) <= 1):
            break
        shown.remove(max(droppable, key=lambda i: (needs[i].priority, i if needs[i].rank is None else needs[i].rank)))
    if widths is None:  # nothing more may go: must-show names narrower (down to FLOOR) before
        widths = _fit(needs, shown, room, padding, key_floor=FLOOR)  # the table scrolls sideways
    if widths is None:
        widths = {i: _floor(needs[i]) for i in shown}
    return [widths.get(i) for i in range(len(needs))]


def _key_text_cut(needs: Sequence[ColumnNeed], widths: dict[int, int]) -> bool:
    """A must-show text column is narrower than what it holds (up to CAP: one very long title does not
    send every other column away)."""
    return any(needs[i].priority == 0 and not needs[i].numeric and w < min(needs[i].natural, CAP)
               for i, w in widths.items())


def _floor(need: ColumnNeed, key_floor: int = KEY_FLOOR) -> int:
    if need.numeric or need.natural <= SHORT:
        return need.natural
    return min(need.natural, max(key_floor if need.priority == 0 else FLOOR, need.header))


def _fit(needs: Sequence[ColumnNeed], shown: list[int], room: int, padding: int,
         key_floor: int = KEY_FLOOR) -> dict[int, int] | None:
    space = room - 2 * padding * len(shown)
    numbers = {i: needs[i].natural for i in shown if needs[i].numeric}
    texts = [i for i in shown if not needs[i].numeric]
    left = space - sum(numbers.values())
    want = {i: min(needs[i].natural, CAP) for i in texts}
    floors = {i: _floor(needs[i], key_floor) for i in texts}
    if left < sum(floors.values()):
        return None
    if sum(want.values()) <= left:  # room to spare: a column held back by CAP gets up to what it holds
        widths = dict(want)
        _share(widths, texts, left - sum(want.values()), weights={i: needs[i].natural - want[i] for i in texts},
               caps={i: needs[i].natural for i in texts})
    else:  # cut: each text column keeps its floor plus a share of the rest by what it wanted beyond it
        widths = dict(floors)
        slack = {i: want[i] - floors[i] for i in texts}
        _share(widths, texts, left - sum(floors.values()), weights=slack, caps=want)
    return {**numbers, **widths}


def _share(widths: dict[int, int], cols: list[int], extra: int, *, weights: dict[int, int],
           caps: dict[int, int] | None = None) -> None:
    """Give `extra` cells to `cols` in proportion to `weights` (whole cells; the remainder to the
    widest first), never past `caps`."""
    total = sum(weights[i] for i in cols)
    if extra <= 0 or not cols or total <= 0:
        return
    given = 0
    for i in cols:
        add = extra * weights[i] // total
        if caps is not None:
            add = min(add, caps[i] - widths[i])
        widths[i] += add
        given += add
    for i in sorted(cols, key=lambda c: -weights[c]):
        if given >= extra:
            break
        if caps is None or widths[i] < caps[i]:
            widths[i] += 1
            given += 1

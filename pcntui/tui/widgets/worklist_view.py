"""A virtual table over the SMR worklist (pages read through views/smr/worklist.py): instant at
100,000 rows.

The line-API `ScrollView` approach (toolong's `log_lines.py`): the count sets the
virtual height; `render_line` draws only the rows on screen, from blocks of `BLOCK` rows
held in a small LRU cache. A block that is not cached yet is read by a thread worker
(keyset from the block before when that one is cached, else by offset) and drawn as `…`
until it arrives, so the UI thread never touches the database and never holds more than
`MAX_BLOCKS × BLOCK` rows.

A change of filters bumps a generation number: answers for an older generation are dropped.
The count and the blocks then on screen are read in one worker (a search keystroke is one round
trip to the database, not a count and then a block), and the rows on screen stay until they are
in (one repaint per keystroke, no flash of `…`). The list with no search, as last shown at its
top, is held while a search is on, so clearing the search shows it again at once, with no read;
a row's line, drawn once for a look (place across, width, style, NHS numbers masked or not), is
kept by the row's values, so the rows shown again are not drawn again.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from rich.segment import Segment
from rich.style import Style
from textual import events, on
from textual.binding import Binding
from textual.geometry import Size
from textual.message import Message
from textual.scroll_view import ScrollView
from textual.strip import Strip

from pcntui.domain.text import terminal_safe
from pcntui.domain.worklist import WorklistEntry, WorklistFilter
from pcntui.tui.widgets.moves import LIST_MOVES
from pcntui.tui.widgets.in_place import SizedInPlace
from pcntui.tui.widgets.kept import Kept
from pcntui.tui.widgets.scrollbar import HeldScrollbars
from pcntui.tui.widgets.table_paint import LINES_KEPT

if TYPE_CHECKING:
    from pcntui.store import Store

BLOCK = 100
MAX_BLOCKS = 3


@dataclass(frozen=True)
class WCol:
    label: str
    width: int
    right: bool = False


COLUMNS: list[WCol] = [
    WCol("Practice", 8), WCol("Reference", 14), WCol("NHS number", 12), WCol("Cohorts", 22),
    WCol("Status", 12), WCol("Identified", 10), WCol("Reviewed", 10), WCol("Reviewer", 14),
    WCol("Follow-up", 10), WCol("Outcome", 24),
]
LINE_WIDTH = 1 + sum(c.width + 1 for c in COLUMNS)  # the virtual width: wider than the screen scrolls sideways


def _d(value: date | None) -> str:
    return value.isoformat() if value else ""


def cells(entry: WorklistEntry, *, masked: bool) -> list[str]:
    return [
        entry.practice_code, entry.reference, entry.nhs_display(masked=masked), ", ".join(entry.cohorts),
        entry.status_label, _d(entry.identified_on), _d(entry.reviewed_on), entry.reviewer or "",
        _d(entry.follow_up_due), entry.outcome,
    ]


def _fit(text: str, width: int, right: bool = False) -> str:
    if len(text) > width:
        return text[: max(width - 1, 0)] + "…"
    return text.rjust(width) if right else text.ljust(width)


class WorklistView(SizedInPlace, HeldScrollbars, ScrollView, can_focus=True):
    """The worklist rows for `filters`, read block by block in workers."""

    BINDINGS = [
        *LIST_MOVES,
        Binding("left", "scroll_left", "Left", show=False),
        Binding("right", "scroll_right", "Right", show=False),
    ]

    DEFAULT_CSS = """
    WorklistView {
        height: 1fr;
        background: $surface;
    }
    WorklistView:focus {
        background-tint: $foreground 3%;
    }
    """

    @dataclass
    class Said(Message):
        """What the view tells its screen (its control is the view)."""

        view: WorklistView

        @property
        def control(self) -> WorklistView:
            return self.view

    class Moved(Said):
        """The cursor is on another row (keys or a click)."""

    @dataclass
    class Counted(Said):
        """The number of rows under the current filters is known."""

        count: int

    @dataclass
    class BlockLoaded(Message):
        generation: int
        block: int
        entries: list[WorklistEntry]

    @dataclass
    class CountLoaded(Message):
        generation: int
        count: int
        asked: list[int]  # the blocks on screen when asked for
        blocks: dict[int, list[WorklistEntry]]  # those of them that hold rows, read with the count

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.filters = WorklistFilter()
        self.masked = True
        self.count: int | None = None
        self.cursor = 0
        self.generation = 0
        self.blocks: OrderedDict[int, list[WorklistEntry]] = OrderedDict()
        self.pending: set[int] = set()
        self.fetches = 0  # blocks read since the last reset (tests, benchmark)
        self.store: Store | None = None
        self.unsearched: tuple[WorklistFilter, int, dict[int, list[WorklistEntry]]] | None = None  # held (see above)
        self._lines = Kept(LINES_KEPT)  # a row's line by its values and look
        # called as the count and rows come in, before `Counted` is posted: what the screen says about
        # them (a status line) is then painted with them, not one repaint later
        self.on_count: Callable[[], None] | None = None

    # ------------------------------------------------------------------ state
    @property
    def rows_in_memory(self) -> int:
        return sum(len(b) for b in self.blocks.values())

    @property
    def busy(self) -> bool:
        """True while a count or a visible block is on its way."""
        return self.count is None or bool(self.pending)

    def load(self, store: Store, filters: WorklistFilter | None = None, *, keep_cursor: bool = False) -> None:
        """Show `filters` (or, `keep_cursor`, the current ones again after a change to the data)."""
        if keep_cursor:
            self.unsearched = None  # the data changed: nothing held is current
        elif self.count is not None and not self.pending and self.filters.search is None and 0 in self.blocks:
            self.unsearched = (self.filters, self.count, {0: self.blocks[0]})  # left for a search: held
        self.store = store
        if filters is not None:
            self.filters = filters
        self.generation += 1
        self.pending.clear()
        self.fetches = 0
        if not keep_cursor:
            self.cursor = 0
            if self.scroll_offset.y:  # (at the top already: nothing to scroll or repaint)
                self.scroll_to(y=0, animate=False, immediate=True)
        held = self.unsearched
        if not keep_cursor and held is not None and held[0] == self.filters and self._visible_blocks() == {0}:
            self._counted(held[1], held[2])  # the list as it was before the search: at once
            return
        self._count(store, self.filters, self.generation)

    def _count(self, store: Store, filters: WorklistFilter, generation: int) -> None:
        """Count the rows and read the blocks the screen shows, in one worker: a keystroke in the
        search waits for one round trip, not a count and then a block."""
        from pcntui.views.smr.worklist import count, page_at

        wanted = sorted(self._visible_blocks())
        self.pending.update(wanted)  # on their way: a repaint meanwhile does not ask for them again

        def work() -> None:
            n = count(store, filters)
            blocks = {b: page_at(store, filters, b * BLOCK, BLOCK) for b in wanted if b * BLOCK < n}
            self.post_message(self.CountLoaded(generation, n, wanted, blocks))

        self.run_worker(work, thread=True, group="worklist-count", exclusive=True, exit_on_error=False)

    def _fresh(self, message: CountLoaded | BlockLoaded) -> bool:
        """Whether a worker's result is for the filters on screen now (a stale one is dropped)."""
        message.stop()
        return message.generation == self.generation

    @on(CountLoaded)
    def _count_loaded(self, message: CountLoaded) -> None:
        if not self._fresh(message):
            return
        self.pending.difference_update(message.asked)
        self.fetches += len(message.blocks)
        self._counted(message.count, message.blocks)

    def _counted(self, count: int, blocks: dict[int, list[WorklistEntry]]) -> None:
        """The count and the first blocks of the filters now shown are in: they replace what was shown."""
        self.blocks.clear()
        self.blocks.update(blocks)
        self.count = count
        self.cursor = min(self.cursor, max(self.count - 1, 0))
        self.virtual_size = Size(LINE_WIDTH, self.count + 1)
        self._keep_cursor_visible()
        self.refresh()
        if self.on_count is not None:
            self.on_count()
        self.post_message(self.Counted(self, self.count))

    def _request(self, block: int) -> None:
        if block in self.pending or block in self.blocks or self.store is None:
            return
        self.pending.add(block)
        self.fetches += 1
        store, filters, generation = self.store, self.filters, self.generation
        before = self.blocks.get(block - 1)
        after_key = None
        if before and len(before) == BLOCK:
            last = before[-1]
            after_key = ((last.follow_up_due.isoformat() if last.follow_up_due else "9999-12-31", last.id)
                         if filters.sort == "follow_up" else (last.practice_code, last.reference))

        def work() -> None:
            from pcntui.views.smr.worklist import page, page_at

            if after_key is not None:
                entries = page(store, filters, after_key, BLOCK).entries
            else:
                entries = page_at(store, filters, block * BLOCK, BLOCK)
            self.post_message(self.BlockLoaded(generation, block, entries))

        self.run_worker(work, thread=True, group="worklist-block", exit_on_error=False)

    @on(BlockLoaded)
    def _block_loaded(self, message: BlockLoaded) -> None:
        if not self._fresh(message):
            return
        self.pending.discard(message.block)
        self.blocks[message.block] = message.entries
        self.blocks.move_to_end(message.block)
        self._evict()
        self.refresh()

    def _visible_blocks(self) -> set[int]:
        top = int(self.scroll_offset.y)
        return {top // BLOCK, (top + self.data_height) // BLOCK}

    def _evict(self) -> None:
        keep = self._visible_blocks()
        while len(self.blocks) > MAX_BLOCKS:
            victim = next((b for b in self.blocks if b not in keep), None)
            if victim is None:
                break
            del self.blocks[victim]

    def entry_at(self, index: int) -> WorklistEntry | None:
        block = self.blocks.get(index // BLOCK)
        if block is None:
            return None
        offset = index % BLOCK
        return block[offset] if offset < len(block) else None

    @property
    def current(self) -> WorklistEntry | None:
        if not self.count:
            return None
        return self.entry_at(self.cursor)

    def set_masked(self, masked: bool) -> None:
        self.masked = masked
        self.refresh()

    # ------------------------------------------------------------------ drawing
    @property
    def data_height(self) -> int:
        return max(self.size.height - 1, 1)

    def on_resize(self, event: events.Resize) -> None:
        if self.count is not None:
            self.virtual_size = Size(LINE_WIDTH, self.count + 1)

    def render_lines(self, crop):
        # rich_style walks the CSS; work it out once per paint, not once per line
        self._base = self.rich_style
        self._cursor_style = self._base + (Style(reverse=True) if self.has_focus else Style(bold=True, underline=True))
        return super().render_lines(crop)

    def _strip(self, text: str, style: Style) -> Strip:
        width = self.size.width
        x = int(self.scroll_offset.x)
        if x:
            text = text[x:]
        return Strip([Segment(_fit(terminal_safe(text), width), style)], width)

    def render_line(self, y: int) -> Strip:
        base = getattr(self, "_base", None) or self.rich_style
        if y == 0:
            text = " ".join(_fit(c.label, c.width, c.right) for c in COLUMNS)
            return self._strip(" " + text, base + Style(bold=True, underline=True))
        index = int(self.scroll_offset.y) + y - 1
        if self.count is None:
            return self._strip(" Loading…" if y == 1 else "", base)
        if index >= self.count:
            if self.count == 0 and y == 1:
                return self._strip(" No worklist entries match.", base + Style(dim=True))
            return self._strip("", base)
        block = index // BLOCK
        entry = self.entry_at(index)
        style = getattr(self, "_cursor_style", base) if index == self.cursor else base
        if entry is None:
            self._request(block)
            return self._strip(" …", style)
        self.blocks.move_to_end(block)
        return self._row_line(entry, style)

    def _row_line(self, entry: WorklistEntry, style: Style) -> Strip:
        """The line of `entry` in `style`, drawn once per look (an entry is frozen: its values are its key)."""
        key = (entry, self.masked, int(self.scroll_offset.x), self.size.width, style)
        line = self._lines.found(key)
        if line is None:
            text = " ".join(_fit(v, c.width, c.right) for v, c in zip(cells(entry, masked=self.masked), COLUMNS))
            line = self._lines.keep(key, self._strip(" " + text, style))
        return line

    def on_focus(self) -> None:
        self.refresh()

    def on_blur(self) -> None:
        self.refresh()

    # ------------------------------------------------------------------ keys
    def _move(self, to: int) -> None:
        if not self.count:
            return
        was, self.cursor = self.cursor, max(0, min(to, self.count - 1))
        self._keep_cursor_visible()
        self.refresh()
        if self.cursor != was:
            self.post_message(self.Moved(self))

    def _keep_cursor_visible(self) -> None:
        top = int(self.scroll_offset.y)
        if self.cursor < top:
            self.scroll_to(y=self.cursor, animate=False, immediate=True)
        elif self.cursor >= top + self.data_height:
            self.scroll_to(y=self.cursor - self.data_height + 1, animate=False, immediate=True)

    def action_cursor_up(self) -> None:
        self._move(self.cursor - 1)

    def action_cursor_down(self) -> None:
        self._move(self.cursor + 1)

    def action_page_up(self) -> None:
        self._move(self.cursor - self.data_height)

    def action_page_down(self) -> None:
        self._move(self.cursor + self.data_height)

    def action_first(self) -> None:
        self._move(0)

    def action_last(self) -> None:
        self._move((self.count or 1) - 1)

    def on_click(self, event: events.Click) -> None:
        if event.y >= 1:
            self._move(int(self.scroll_offset.y) + event.y - 1)

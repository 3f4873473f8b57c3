"""The footer of every screen: the keys of the moment on one line, drawn by one widget.

Textual's Footer mounts a FooterKey widget per key, and throws them away and mounts new ones at
every bindings signal (a focus change, a screen's `refresh_bindings`): styling and laying out
those widgets was the largest cost of opening a section. This footer shows the same keys (each
action's first shown binding of the focused chain, Footer's rule) drawn as FooterKey draws them,
on its one line (as the section bar draws its parts): a change of keys is a refresh of one line.

- ` a Add ` for each key, the key bold in the footer's key colour; a disabled key (its
  action's check says None, e.g. while the file opens) dimmed, and a click on it rings the bell;
- the command palette's key on the right after a thin bar (`▏^p palette `), as Footer docks it;
- under 100 columns (the App's `-narrow` width) keys are spaced tighter (` a Add`) and the palette's
  key goes, so `? Help` and `q Quit` fit;
- a click on a key presses it; the key under the pointer is lit and shows its tooltip, if it has one.
Footer's binding groups (keys sharing one label) are not drawn: no pcntui binding has a group.
"""

from __future__ import annotations

from typing import NamedTuple

from rich.segment import Segment
from rich.style import Style as RichStyle
from textual import events
from textual.screen import Screen
from textual.strip import Strip
from textual.style import Style
from textual.widget import Widget

from pcntui.tui.widgets import widths

DIM = Style(dim=True)
BAR = "▏"  # (Textual's `vkey` border left of the palette's key)


class FooterItem(NamedTuple):
    key: str
    display: str  # the key as shown (`^p`, `⏎`, ...)
    description: str
    action: str
    enabled: bool
    tooltip: str
    palette: bool = False  # the command palette's key, on the right


class Place(NamedTuple):
    start: int  # first cell of the key on the line
    end: int  # one past its last cell
    item: FooterItem


class KeyFooter(Widget, can_focus=False):
    """The keys line; `rebuilds` counts the changes of which keys are shown (not of their enabled
    states), `shown` is what the line is drawn from (None until the first bindings signal)."""

    ALLOW_SELECT = False
    COMPONENT_CLASSES = {"key-footer--item", "key-footer--key", "key-footer--description",
                         "key-footer--hover", "key-footer--bar"}
    DEFAULT_CSS = """
    KeyFooter { color: $footer-foreground; background: $footer-background; dock: bottom; height: 1; }
    KeyFooter.-on-key { pointer: pointer; }
    KeyFooter > .key-footer--item { background: $footer-item-background; }
    KeyFooter > .key-footer--key {
        color: $footer-key-foreground; background: $footer-key-background; text-style: bold;
    }
    KeyFooter > .key-footer--description {
        color: $footer-description-foreground; background: $footer-description-background;
    }
    KeyFooter > .key-footer--hover { background: $block-hover-background; }
    KeyFooter > .key-footer--bar { color: $foreground 20%; }
    """

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self.shown: tuple[FooterItem, ...] | None = None
        self.rebuilds = 0
        self.places: list[Place] = []  # where each key was drawn (for clicks and the pointer)
        self._hover: str | None = None  # the key under the pointer

    def on_mount(self) -> None:
        self.screen.bindings_updated_signal.subscribe(self, self.bindings_changed)

    def on_unmount(self) -> None:
        self.screen.bindings_updated_signal.unsubscribe(self)

    def keys_to_show(self) -> tuple[FooterItem, ...]:
        """Footer's keys for the screen's bindings now: each action's first shown binding, then the palette's."""
        app = self.app
        bindings = self.screen.active_bindings
        items: dict[str, FooterItem] = {}
        for _node, binding, enabled, tooltip in bindings.values():
            if binding.show and binding.action not in items:
                items[binding.action] = FooterItem(binding.key, app.get_key_display(binding), binding.description,
                                                   binding.action, enabled, tooltip)
        palette = bindings.get(app.COMMAND_PALETTE_BINDING) if app.ENABLE_COMMAND_PALETTE else None
        if palette is not None:
            _node, binding, enabled, _tooltip = palette
            items[""] = FooterItem(binding.key, app.get_key_display(binding), binding.description, binding.action,
                                   enabled, binding.tooltip or binding.description, palette=True)
        return tuple(items.values())

    def bindings_changed(self, screen: Screen) -> None:
        if not (screen.app.app_focus and self.is_attached and screen is self.screen):
            return
        keys = self.keys_to_show()
        if keys == self.shown:
            return
        if self.shown is None or [k[:4] for k in keys] != [k[:4] for k in self.shown]:
            self.rebuilds += 1
        self.shown = keys
        self.refresh()

    def render_line(self, y: int) -> Strip:
        width = self.size.width
        pad = widths.blank_style(self)
        if y or not self.shown:
            self.places = []
            return Strip.blank(width, pad)
        narrow = widths.width_class(self) == "-narrow"
        keys = [item for item in self.shown if not item.palette]
        palette = [] if narrow else [item for item in self.shown if item.palette]
        right = self._palette(palette[0]) if palette else Strip([])
        left_width = max(width - right.cell_length, 0)
        places = [Place(left_width, width, palette[0])] if palette else []
        segments: list[Segment] = []
        spans: list[Place] = []  # each key's cells, seen or not
        x = 0
        for item in keys:
            key = f" {item.display}" if narrow else f" {item.display} "
            description = f" {item.description}" if narrow else f"{item.description} "
            drawn = self._key(item, key, description)
            width_drawn = sum(segment.cell_length for segment in drawn)
            segments += drawn
            spans.append(Place(x, x + width_drawn, item))
            x += width_drawn
        places += [Place(start, min(end, left_width), item) for start, end, item in spans if start < left_width]
        left = Strip(segments).crop(0, left_width).adjust_cell_length(left_width, pad)
        self.places = places
        cuts = [end - left_width for _start, end, _item in spans if left_width < end < width]
        return Strip([*left, *self._cut(right, cuts)]).crop(0, width)

    @staticmethod
    def _cut(strip: Strip, cuts: list[int]) -> Strip:
        """`strip` split at `cuts` (same look): Footer's compositor cut its line at the edge of each key
        hidden under the palette's, and a screenshot keeps those cuts, so the footer drawn here does too."""
        return Strip.join(strip.divide([*cuts, strip.cell_length])) if cuts else strip

    def _palette(self, item: FooterItem) -> Strip:
        """`▏^p palette `, drawn at the right of the line."""
        item_style = self._style(item, "key-footer--item")
        bar = (self.background_colors[1] + self.get_visual_style("key-footer--bar").foreground).rich_color
        inner = item_style.background.rich_color
        drawn = self._key(item, item.display, f" {item.description}")
        return Strip([Segment(BAR, RichStyle.from_color(bar, inner)), *drawn,
                      Segment(" ", RichStyle.from_color(bgcolor=inner))])

    def _key(self, item: FooterItem, key: str, description: str) -> list[Segment]:
        """One key, as FooterKey draws it: the key, then its description (if any), dimmed when disabled."""
        base = self.visual_style
        segments = [Segment(key, (base + self._style(item, "key-footer--item", "key-footer--key")).rich_style)]
        if item.description:
            style = base + self._style(item, "key-footer--item", "key-footer--description")
            segments.append(Segment(description, style.rich_style))
        return segments

    def _style(self, item: FooterItem, *components: str) -> Style:
        if item.key == self._hover:
            components = (components[0], "key-footer--hover", *components[1:])
        style = self.get_visual_style(*components)
        return style if item.enabled else style + DIM

    def item_at(self, x: int) -> FooterItem | None:
        return next((p.item for p in self.places if p.start <= x < p.end), None)

    def on_mouse_down(self, event: events.MouseDown) -> None:
        """Press the key clicked (FooterKey's rule: a disabled key rings the bell)."""
        item = self.item_at(event.x)
        if item is None:
            return
        if item.enabled:
            self.app.simulate_key(item.key)
        else:
            self.app.bell()

    def on_mouse_move(self, event: events.MouseMove) -> None:
        self._point_at(self.item_at(event.x))

    def on_leave(self, _event: events.Leave) -> None:
        self._point_at(None)

    def _point_at(self, item: FooterItem | None) -> None:
        key = item.key if item else None
        if key != self._hover:
            self._hover = key
            self.set_class(item is not None, "-on-key")
            self.tooltip = item.tooltip or None if item else None
            self.refresh()

"""The footer of every screen: Textual's Footer, rebuilt only when the keys it shows change, and
the sets of keys shown before kept (hidden) to be shown again.

Textual's Footer throws its keys away and mounts new ones on every bindings signal (a focus
change, a screen's `refresh_bindings`), several times per screen load, and each new key
restyles itself twice as its `compact` flag is bound to the footer's. On the UI thread that
was the largest cost of opening a section. Here a signal changes the footer only when what
it would show differs from what it shows (the same keys, descriptions, enabled states and
tooltips: nothing to redraw); when only keys' enabled states differ (a screen's data came in, the
file opened), those keys are dimmed or lit in place, nothing mounted; and each bound key is made
with the footer's `compact` already set. A set of keys that comes and goes (e.g. a list's keys,
then the filter box's while typing, then the list's again: a set made a second time) is then kept
mounted but hidden, up to SETS_KEPT sets: showing it again hides one set and shows the other, with
nothing mounted or styled. A set made once (e.g. the keys while a screen loads) goes when another
replaces it. A section's screen made ahead (tui/ahead.py) builds its footer while it waits, so
showing it rebuilds nothing.
"""

from __future__ import annotations

from collections import Counter, OrderedDict

from textual.app import ComposeResult
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import Footer
from textual.widgets._footer import FooterKey

from pcntui.tui.ahead import waiting

SETS_KEPT = 2  # sets of keys a footer keeps mounted, the one shown included (each key kept is a widget more)


class KeyFooter(Footer):
    """A Footer that changes only when its keys change (`rebuilds` counts the sets made, for tests)."""

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self.shown: tuple | None = None  # what the keys on screen were made from
        self.rebuilds = 0
        self._sets: OrderedDict[tuple, list[Widget]] = OrderedDict()  # keys → their widgets (last: shown)
        self._made: Counter[tuple] = Counter()  # how many times each set of keys was made

    def keys_to_show(self) -> tuple:
        """What the footer shows for the screen's bindings now (as Footer.compose reads them)."""
        bindings = self.screen.active_bindings
        return (self.compact, self.show_command_palette, tuple(
            (binding.key, binding.action, binding.description, binding.group, enabled, tooltip)
            for _node, binding, enabled, tooltip in bindings.values() if binding.show or
            binding.key == self.app.COMMAND_PALETTE_BINDING))

    def bindings_changed(self, screen: Screen) -> None:
        self._bindings_ready = True
        if screen.app.app_focus and self.is_attached and screen is self.screen:
            if screen is self.app.screen and self._sets:
                keys = self.keys_to_show()
                if keys == self.shown or self._swap_if_held(keys):
                    return  # (swapped at once: laid out and painted with the change that made it)
            self.call_after_refresh(self._rebuild_if_changed)

    async def _rebuild_if_changed(self) -> None:
        if not self.is_attached:
            return
        if self.screen is not self.app.screen and not waiting(self.screen):
            self.shown = None  # under another screen or closing: rebuilt at the next signal once shown
            return
        keys = self.keys_to_show()
        if keys == self.shown:
            return
        if not self._swap_if_held(keys) and not self._enable_in_place(keys):
            await self.recompose_keys()

    def _swap_if_held(self, keys: tuple) -> bool:
        """Show the set kept for `keys`, if one is (still mounted); False otherwise."""
        held = self._sets.get(keys)
        if held is None or not all(w.is_attached for w in held):
            return False
        self._swap(keys, held)
        return True

    def _enable_in_place(self, keys: tuple) -> bool:
        """When `keys` differ from the keys shown only in which are enabled, set those on the keys
        on screen (as Footer.compose would make them: each action's first binding); False otherwise."""
        shown = self.shown
        if shown is None or keys[:2] != shown[:2] or len(keys[2]) != len(shown[2]):
            return False
        if any(new[:4] + new[5:] != old[:4] + old[5:] for new, old in zip(keys[2], shown[2])):
            return False
        palette = self.app.COMMAND_PALETTE_BINDING
        enabled: dict[str, bool] = {}  # action (or the palette's key) → its first binding's state
        for key, action, *_rest, state, _tooltip in keys[2]:
            enabled.setdefault(palette if key == palette else action, state)
        on_screen = self._sets.get(shown) or list(self.children)
        widgets = [(w, enabled.get(palette if w.has_class("-command-palette") else w.action))
                   for w in on_screen if isinstance(w, FooterKey)]
        if any(state is None for _w, state in widgets):
            return False
        for widget, state in widgets:
            if widget._disabled == state:  # (Textual's flag, read when the key is clicked)
                widget._disabled = not state
                widget.set_class(not state, "-disabled")
        if shown in self._sets:
            self._sets[keys] = self._sets.pop(shown)
        self.shown = keys
        return True

    async def recompose_keys(self) -> None:
        """Make the keys for the bindings now, keeping the set shown until now hidden."""
        if not self._sets:
            await self.recompose()
            return
        self._hide_all()
        widgets = list(self.compose())
        await self.mount_all(widgets)
        self._sets[self.shown] = widgets
        await self._forget_old()

    def _swap(self, keys: tuple, held: list[Widget]) -> None:
        self._hide_all(but=keys)
        for widget in held:
            widget.display = True
        self._sets.move_to_end(keys)
        self.shown = keys

    def _hide_all(self, but: tuple | None = None) -> None:
        """Every set kept hidden but `but` (whichever is on screen: `shown` may have been let go meanwhile)."""
        for keys, widgets in self._sets.items():
            for widget in widgets:
                if widget.display and keys != but:
                    widget.display = False

    async def _forget_old(self) -> None:
        """Let go of the hidden sets made only once, and of the oldest beyond SETS_KEPT."""
        gone = [keys for keys in list(self._sets)[:-1] if self._made[keys] < 2]
        gone += [keys for keys in self._sets if keys not in gone][:max(len(self._sets) - len(gone) - SETS_KEPT, 0)]
        for keys in gone:
            await self.remove_children(self._sets.pop(keys))

    async def recompose(self) -> None:
        self._sets.clear()
        await super().recompose()
        if self.shown is not None:
            self._sets[self.shown] = list(self.children)

    def compose(self) -> ComposeResult:
        if self._bindings_ready:
            self.shown = self.keys_to_show()
            self._made[self.shown] += 1
            self.rebuilds += 1
        for widget in super().compose():
            # a key bound to the footer's `compact` (all but the palette's) is made as it will stay:
            # no restyle as the binding sets it
            if isinstance(widget, FooterKey) and not widget.has_class("-command-palette"):
                widget.set_reactive(FooterKey.compact, self.compact)
                widget.set_class(self.compact, "-compact", update=False)
            yield widget

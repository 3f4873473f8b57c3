"""The footer of every screen: Textual's Footer, rebuilt only when the keys it shows change.

Textual's Footer throws its keys away and mounts new ones on every bindings signal (a focus
change, a screen's `refresh_bindings`), several times per screen load, and each new key
restyles itself twice as its `compact` flag is bound to the footer's. On the UI thread that
was the largest cost of opening a section. Here a signal rebuilds the footer only when what
it would show differs from what it shows (the same keys, descriptions, enabled states and
tooltips: nothing to redraw), and each bound key is made with the footer's `compact` already set.
A section's screen made ahead (tui/ahead.py) builds its footer while it waits, so showing it
rebuilds nothing.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.screen import Screen
from textual.widgets import Footer
from textual.widgets._footer import FooterKey

from pcntui.tui.ahead import waiting


class KeyFooter(Footer):
    """A Footer that recomposes only when its keys change (`rebuilds` counts them, for tests)."""

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self.shown: tuple | None = None  # what the keys on screen were made from
        self.rebuilds = 0

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
            self.call_after_refresh(self._rebuild_if_changed)

    async def _rebuild_if_changed(self) -> None:
        if not self.is_attached:
            return
        if self.screen is not self.app.screen and not waiting(self.screen):
            self.shown = None  # under another screen or closing: rebuilt at the next signal once shown
        elif self.keys_to_show() != self.shown:
            await self.recompose()

    def compose(self) -> ComposeResult:
        if self._bindings_ready:
            self.shown = self.keys_to_show()
            self.rebuilds += 1
        for widget in super().compose():
            # a key bound to the footer's `compact` (all but the palette's) is made as it will stay:
            # no restyle as the binding sets it
            if isinstance(widget, FooterKey) and not widget.has_class("-command-palette"):
                widget.set_reactive(FooterKey.compact, self.compact)
                widget.set_class(self.compact, "-compact", update=False)
            yield widget

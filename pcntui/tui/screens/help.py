"""`?`: the keys of the current screen (taken from its live bindings) and what it shows."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.content import Content
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen, Screen
from textual.widgets import Label, Static

from pcntui.domain.text import terminal_safe

KEY_NAMES = {
    "slash": "/", "question_mark": "?", "left_square_bracket": "[", "right_square_bracket": "]",
    "escape": "esc", "enter": "enter", "ctrl+p": "ctrl+p", "tab": "tab", "shift+tab": "shift+tab",
}


def key_label(key: str) -> str:
    return KEY_NAMES.get(key, key)


# Textual's own plumbing, not worth a line in the help.
HIDDEN_ACTIONS = {"copy_text", "screen.copy_text", "help_quit", "command_palette", "maximize", "minimize"}


def _order(action: str) -> int:
    """Keys are listed in the order of the command palette (sections first, quit last)."""
    from pcntui.tui.commands import PALETTE

    bare = action.split(".", 1)[-1]
    for index, cmd in enumerate(PALETTE):
        if cmd.action == bare:
            return index
    return len(PALETTE) - 1  # unknown: just before Quit


def keys_of(screen: Screen) -> tuple[list[tuple[str, str]], list[tuple[str, str]]]:
    """(this screen's keys, keys that work everywhere), as (key, description), enabled ones only.

    Keys bound by the screen or the App are listed; a focused widget's own keys (cursor
    movement and the like) only when they are shown in the footer too.
    """
    here: dict[str, tuple[list[str], int]] = {}
    everywhere: dict[str, tuple[list[str], int]] = {}
    for key, active in screen.active_bindings.items():
        binding = active.binding
        if not active.enabled or not binding.description or binding.action in HIDDEN_ACTIONS:
            continue
        if active.node not in (screen, screen.app) and not binding.show:
            continue
        bucket = everywhere if active.node is screen.app else here
        keys, _ = bucket.setdefault(binding.description, ([], _order(binding.action)))
        keys.append(key_label(key))
    flat = lambda d: [(" ".join(keys), what) for what, (keys, _) in sorted(d.items(), key=lambda i: i[1][1])]  # noqa: E731
    return flat(here), flat(everywhere)


class HelpScreen(ModalScreen[None]):
    BINDINGS = [Binding("escape,q,question_mark", "close", "Close")]

    def __init__(self, title: str, about: str, here: list[tuple[str, str]], everywhere: list[tuple[str, str]]) -> None:
        super().__init__()
        self.heading = title
        self.about = about
        self.here = here
        self.everywhere = everywhere

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog", classes="help"):
            yield Label(terminal_safe(f"Help · {self.heading}"), classes="dialog-title", markup=False)
            with VerticalScroll(id="help-body"):
                if self.about:
                    yield Static(self.about, classes="help-about", markup=False)
                with Horizontal(id="help-columns"):
                    if self.here:
                        with Vertical(classes="help-column"):
                            yield Label("On this screen", classes="help-heading")
                            yield Static(self._table(self.here), classes="help-keys")
                    with Vertical(classes="help-column"):
                        yield Label("Everywhere", classes="help-heading")
                        rows = [*self.everywhere, ("ctrl+p", "Command palette")]
                        yield Static(self._table(rows), classes="help-keys")
            yield Label("escape or ? closes", classes="dialog-hint")

    def on_mount(self) -> None:
        self._fit()

    def on_resize(self) -> None:
        self._fit()

    def _fit(self) -> None:
        # The dialog is at most 90% of the screen; its border, padding, title and hint take 8 lines.
        self.query_one("#help-body").styles.max_height = max(4, int(self.app.size.height * 0.9) - 8)

    @staticmethod
    def _table(rows: list[tuple[str, str]]) -> Content:
        width = max((len(k) for k, _ in rows), default=0)
        lines = [Content.assemble((k.rjust(width), "bold $accent"), "  ", what) for k, what in rows]
        return Content("\n").join(lines)

    def action_close(self) -> None:
        self.dismiss(None)

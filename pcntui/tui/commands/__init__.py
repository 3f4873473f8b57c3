"""The command registry: every key and palette entry of the TUI, declared once.

Each `[[command]]` in this folder's TOML files (one file per area, read once, in `AREAS`
order) is one action: its key, footer label, palette title, help line, the screen it works
on and how the palette reaches that screen from elsewhere. From that one declaration come
the screen's `BINDINGS` (`bindings_for`), the footer, the `?` screen (`help_rows`), the
command palette (`provider.py`) and the key hints written into summaries (`key_hint`,
`key_of`), so none of them can disagree. `shell.toml` also lists the sections
(`[[section]]`): each gives a "Go to …" command and its key.

Keys that only move a cursor or drive a dialog (a form's ctrl+s/escape, confirm y/n, the
filter box) are not commands: they stay `Binding`s in their widget or modal.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache
from importlib import import_module
from pathlib import Path
from typing import TYPE_CHECKING

from textual.actions import parse
from textual.binding import Binding
from textual.keys import format_key
from textual.markup import escape

from pcntui.catalog.kept import read_toml

if TYPE_CHECKING:
    from textual.dom import DOMNode

AREAS = ("shell", "arrs", "smr", "interventions", "requirements")  # file order = list order
APP = "app"  # `screen` of a command that works everywhere (an action of the App)
_FOLDER = Path(__file__).parent
_KEY_WORDS = ("enter", "delete")  # written as words in help and hints (the footer: ⏎, del)


def key_text(key: str) -> str:
    """A Textual key as people read it: `exclamation_mark` → `!`, `left_square_bracket` → `[`,
    `slash` → `/`, `escape` → `esc`, `down` → `↓`; `enter` and `delete` stay words."""
    return key if key in _KEY_WORDS or "+" in key else format_key(key)


@dataclass(frozen=True)
class Command:
    """One action of the TUI. Field by field, as written in the TOML files."""

    id: str  # the action: `action_<id>` on `screen` (may carry arguments: "section('arrs')")
    title: str  # the palette entry, unique
    help: str  # one line: under the palette entry and beside the key on the ? screen
    key: str | None = None  # Textual key(s), comma-separated; single characters as typed ("!", "[")
    footer: str | None = None  # the footer label; None: not in the footer (still palette and ?)
    hint: str | None = None  # words after the key in summaries (key_hint); default: footer, then title
    screen: str = APP  # class name of the screen the action is on (a base class covers its subclasses)
    also: tuple[str, ...] = ()  # other screens where the same key does the same
    section: str | None = None  # the section whose screens reach `screen`; None: only where it is
    via: tuple[str, ...] = ()  # actions that go from the section's first screen to `screen`
    needs: str | None = None  # what must be chosen first, e.g. "an intervention"
    edits: bool = False  # writes data (issue 14: off in a read-only view)
    priority: bool = False  # the key works even while a text box has focus
    at_once: bool = False  # acts as the key arrives, so keys typed with it in one burst go where it moved the
    #                        focus (a Textual priority binding); while a text box has the focus the key is the box's
    keys: tuple[str, ...] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        bound = [b.key for b in Binding.make_bindings([Binding(self.key, self.id)])] if self.key else []
        object.__setattr__(self, "keys", tuple(bound))

    @property
    def name(self) -> str:
        """The action's method name without `action_` (`section` for "section('arrs')")."""
        return parse(self.id)[1]

    @property
    def params(self) -> tuple[object, ...]:
        return parse(self.id)[2]

    @property
    def screens(self) -> tuple[str, ...]:
        return (self.screen, *self.also)

    @property
    def key_text(self) -> str:
        """The key(s) as written on the ? screen and in hints: "e enter", "!"."""
        return " ".join(key_text(k) for k in self.keys)

    @property
    def first_key(self) -> str:
        return key_text(self.keys[0]) if self.keys else ""

    def on(self, node: DOMNode) -> bool:
        """Whether this command is one of `node`'s own (the App, or a screen by its class or a base)."""
        from textual.app import App

        if isinstance(node, App):
            return self.screen == APP
        names = {cls.__name__ for cls in type(node).__mro__}
        return any(s in names for s in self.screens) and hasattr(node, f"action_{self.name}")


@cache
def _read(area: str) -> dict:
    """An area's TOML file, parsed once (the sections, the commands and `reach` all read shell.toml)."""
    return read_toml(_FOLDER / f"{area}.toml")


def palette_provider():
    """The command palette's provider (`provider.PcnCommands`), imported when the palette first opens."""
    from pcntui.tui.commands.provider import PcnCommands

    return PcnCommands


def section_rows() -> list[dict]:
    """The `[[section]]` tables of shell.toml, in order (for `pcntui.tui.sections`)."""
    return list(_read("shell").get("section", []))


def _section_commands() -> list[Command]:
    from pcntui.tui.sections import SECTIONS

    return [Command(id=f"section('{s.name}')", title=f"Go to {s.title}", help=s.help, key=s.key, hint=s.title)
            for s in SECTIONS]


@cache
def commands() -> tuple[Command, ...]:
    """Every command, in file order (`AREAS`); the sections' "Go to …" commands first."""
    out: list[Command] = _section_commands()
    for area in AREAS:
        data = _read(area)
        default_section = data.get("section")  # a file-wide `section = "arrs"` (shell.toml: its [[section]] list)
        default_section = default_section if isinstance(default_section, str) else None
        for row in data.get("command", []):
            row = {"section": default_section, **row}
            for name in ("also", "via"):
                row[name] = tuple(row.get(name, ()))
            out.append(Command(**row))
    return tuple(out)


@cache
def _by_id() -> dict[str, Command]:
    out: dict[str, Command] = {}
    for cmd in commands():
        if cmd.id in out:
            raise ValueError(f"The command {cmd.id!r} is declared twice; use `also` for another screen.")
        out[cmd.id] = cmd
    return out


def command(command_id: str) -> Command:
    """The command with this id (KeyError names it when there is none)."""
    return _by_id()[command_id]


def bindings_for(screen: str) -> list[Binding]:
    """`BINDINGS` for a screen class (or "app"): its own commands in file order, then those it
    shares through `also`. Subclasses inherit them, as Textual merges BINDINGS along the MRO."""
    own = [c for c in commands() if c.screen == screen]
    shared = [c for c in commands() if screen in c.also]
    return [
        Binding(c.key, c.id, c.footer or c.title, show=c.footer is not None, priority=c.priority or c.at_once)
        for c in (*own, *shared) if c.key
    ]


def commands_on(node: DOMNode) -> list[Command]:
    """The commands of a screen (through its classes) or of the App, in the order of its keys (the
    footer's: base classes first), commands without a key last."""
    order: dict[str, int] = {}  # key → place, merged along the classes as Textual merges BINDINGS
    for cls in reversed(type(node).__mro__):
        for binding in Binding.make_bindings(cls.__dict__.get("BINDINGS", [])):
            order.setdefault(binding.key, len(order))
    found = [c for c in commands() if c.on(node)]
    return sorted(found, key=lambda c: min((order.get(k, len(order)) for k in c.keys), default=len(order)))


@cache
def at_once_actions() -> frozenset[str]:
    """The actions whose key acts as it arrives (`at_once = true`), unless a text box has the focus."""
    return frozenset(c.name for c in commands() if c.at_once)


@cache
def editing_actions() -> frozenset[str]:
    """The actions that write data (`edits = true`): off wherever the data is read-only."""
    return frozenset(c.name for c in commands() if c.edits)


def key_of(command_id: str) -> str:
    """The key of a command as written in content markup: for sentences like "press n to add one"."""
    return escape(command(command_id).first_key)


def reach(command_id: str) -> str:
    """How to run a command from anywhere, in words for a sentence (plain text, not markup):
    "s then g" when its key works on a section's first screen, the key alone when it works
    everywhere, else its palette entry (which goes where it works first)."""
    cmd = command(command_id)
    row = next((r for r in section_rows() if r["name"] == cmd.section), None)
    if cmd.keys and cmd.screen == APP:
        return cmd.first_key
    if cmd.keys and row and not cmd.via and _is_or_extends(row["screen"], cmd.screen):
        return f"{row['key']} then {cmd.first_key}"
    return f"ctrl+p “{cmd.title}”"


def _is_or_extends(where: str, screen: str) -> bool:
    """Whether the screen class at `where` ("module:Class") is `screen` or one of its subclasses."""
    module, _, name = where.partition(":")
    if name == screen:
        return True
    return any(k.__name__ == screen for k in getattr(import_module(module), name).__mro__)


def key_hint(*ids: str) -> str:
    """Key hints for a summary line, in content markup: "w NWRS · b rules · ? keys"."""
    parts = []
    for command_id in ids:
        cmd = command(command_id)
        parts.append(escape(f"{cmd.first_key} {cmd.hint or cmd.footer or cmd.title}"))
    return " · ".join(parts)

"""Errors a user can act on. Their text is one sentence, shown as-is (CLI: exit 2; TUI: a message).

Importable by every layer: no pydantic, no storage.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Literal, NamedTuple

Level = Literal["error", "warning", "info"]


class UserError(Exception):
    """Bad input or a refused operation; the message is a complete sentence for the user."""


class DatabaseFileError(UserError):
    """The database file cannot be used (not SQLite, not pcntui, too new, read-only, missing)."""


class ImportFileError(UserError):
    """A file to import is malformed. `problems` lists every bad row/column found."""

    def __init__(self, message: str, problems: list[str] | None = None):
        self.problems = problems or []
        super().__init__(message)

    def __str__(self) -> str:
        base = super().__str__()
        if not self.problems:
            return base
        shown = self.problems[:20]
        more = len(self.problems) - len(shown)
        lines = [base, *("  " + p for p in shown)]
        if more > 0:
            lines.append(f"  … and {more} more problems.")
        return "\n".join(lines)


class ConflictError(UserError):
    """Someone (another copy of pcntui) changed the record since it was read. `current`: the
    record as the other copy saved it, when known (a form can show it)."""

    def __init__(self, message: str, current: Mapping[str, object] | None = None):
        self.current = dict(current) if current is not None else None
        super().__init__(message)


class FieldMessage(NamedTuple):
    """One problem (or warning) with input, placed by `loc`: () the whole record, ("wte",) one
    field, (row, column, field) a cell of a grid. `text` is one sentence that does not name
    the field (each front end names it its own way: under the box, `--flag:`, `row 7, column`)."""

    loc: tuple[str | int, ...]
    text: str
    level: Level = "error"


def flag_of(name: str, flags: Mapping[str, str]) -> str:
    """The CLI flag of a field: as declared, else `--field-name`."""
    return flags.get(name) or "--" + name.replace("_", "-")


def cli_sentence(message: FieldMessage, flags: Mapping[str, str]) -> str:
    """`--wte: 1.5 must be more than 0 and at most 1.` (a record-level message: its text alone)."""
    head = [flag_of(part, flags) if isinstance(part, str) else f"row {part}" for part in message.loc]
    return ": ".join([*head, message.text]) if head else message.text


class ValidationFailed(UserError):
    """Input refused by its rules (raised by `inputs.check`; services let it propagate and
    their transaction rolls back). `messages` holds every problem found, each placed by its
    `loc`; `flags` maps a field to its CLI flag, so the CLI names the flag the user typed."""

    def __init__(self, messages: Sequence[FieldMessage], flags: Mapping[str, str] | None = None):
        self.messages = list(messages)
        self.flags = dict(flags or {})
        super().__init__(" ".join(self.lines()))

    @property
    def errors(self) -> list[FieldMessage]:
        return [m for m in self.messages if m.level == "error"]

    def lines(self) -> list[str]:
        """One CLI sentence per error: what `pcntui` prints on stderr (exit 2)."""
        return [cli_sentence(m, self.flags) for m in self.errors]

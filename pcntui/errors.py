"""Errors a user can act on. Their text is one sentence, shown as-is (CLI: exit 2; TUI: a message)."""


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
    """Someone (another copy of pcntui) changed the record since it was read."""

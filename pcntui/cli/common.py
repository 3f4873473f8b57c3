"""Shared CLI plumbing: resolving the database path, the as-of date and the financial year."""

from __future__ import annotations

import importlib
import os
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from pcntui.domain.fy import FinancialYear
from pcntui.domain.parse import parse_date
from pcntui.domain.period import Period
from pcntui.errors import UserError

if TYPE_CHECKING:  # the store (sqlite-utils) and argparse are imported when used: plain `pcntui` paints sooner
    import argparse

    from pcntui.store import Mode, Store

ENV_DB = "PCNTUI_DB"
ENV_TODAY = "PCNTUI_TODAY"  # pins "today" (tests, demos); --as-of wins over it


def default_db_path() -> Path:
    """$PCNTUI_DB, else pcntui.db in the platform's user data folder (not created here)."""
    if os.environ.get(ENV_DB):
        return Path(os.environ[ENV_DB]).expanduser()
    from platformdirs import user_data_path

    return user_data_path("pcntui", appauthor=False) / "pcntui.db"


def db_path(args: argparse.Namespace) -> Path:
    """--db, else the default file; a blank --db (e.g. `--db "$UNSET"`) is refused, never read as the default."""
    given = getattr(args, "db", None)
    if given is None:
        return default_db_path()
    if not given.strip():
        raise UserError("--db is blank: give the database file's path, or leave --db out for the default file.")
    return Path(given).expanduser()


@contextmanager
def opened(args: argparse.Namespace, *, mode: Mode = "rw") -> Iterator[Store]:
    """The command's database, closed however the command ends. Its first change (if the
    command makes one) is preceded by the day's backup and, once, the cloud-folder warning
    (`services.safety.start_of_use`)."""
    from pcntui.store import open_store

    with open_store(db_path(args), mode=mode) as store:
        if mode != "ro":
            store.before_first_write.append(start_of_use)
        yield store


def start_of_use(store: Store) -> None:
    """The day's backup before a command's first change; its notes on stderr."""
    import sys

    from pcntui.services.safety import start_of_use as notes_of

    for note in notes_of(store):
        print(f"pcntui: {note}", file=sys.stderr)


def arg(parser: Callable[..., Any] | str, what: str = "", **options: Any) -> Callable[[str], Any]:
    """An argparse `type=` over one of the domain's parsers (pcntui.domain.parse and the field
    parsers built on it), so a flag refuses exactly what an import or a form refuses: one line, exit 2.

    `parser` may be named as "module:function", imported only when a value is read, so that
    building the parser (`--help`, plain `pcntui`) loads no pydantic or rule tables."""

    def convert(text: str) -> Any:
        fn = parser
        if isinstance(fn, str):
            module, _, name = fn.partition(":")
            fn = getattr(importlib.import_module(module), name)
        try:
            return fn(text, what, **options)
        except UserError as exc:
            import argparse

            raise argparse.ArgumentTypeError(str(exc).rstrip(".")) from None

    return convert


def reads(holds: str) -> Callable[[str], str]:
    """An argparse `type=` declaring what a flag holds when its text is read by the command or by
    its input model rather than by argparse ("date", "year", "id or name", or the parser's name,
    e.g. "parse_count"). The text passes unchanged; the declaration is what the walk of every
    flag (tests/reliability/cli_surface.py) reads, so a new flag cannot be missed there."""

    def text(value: str) -> str:
        return value

    text.holds = holds  # type: ignore[attr-defined]
    return text


def today(args: argparse.Namespace | None = None) -> date:
    given = getattr(args, "as_of", None) if args is not None else None
    if given is not None:  # given but empty is refused, never read as "today"
        return parse_date(given, "--as-of")
    if os.environ.get(ENV_TODAY):
        return parse_date(os.environ[ENV_TODAY], ENV_TODAY)
    return date.today()


def period(args: argparse.Namespace) -> Period:
    fy = FinancialYear.parse(args.fy) if getattr(args, "fy", None) is not None else None
    return Period.make(today(args), fy)


def add_period_options(p: argparse.ArgumentParser) -> None:
    p.add_argument("--fy", type=reads("year"), metavar="YYYY/YY", help="financial year, e.g. 2024/25 (default: the year of the as-of date)")
    p.add_argument("--as-of", type=reads("date"), metavar="DATE", help="compute figures as of this date (ISO or dd/mm/yyyy; default today)")


def check_out_path(out: str | None) -> None:
    if out and out != "-" and Path(out).is_dir():
        raise UserError(f"--out {out} is a folder; give a file name (or use 'export all --out DIR').")


def clip(text: str, width: int) -> str:
    """`text` cut to `width` characters, an ellipsis marking the cut."""
    return text if len(text) <= width else text[: width - 1] + "…"

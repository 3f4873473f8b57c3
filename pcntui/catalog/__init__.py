"""The registries, as data: what `pcntui import` reads, what `pcntui export` writes, the blocks of
`pcntui status` and the dashboard.

Each area owns one TOML file (`shell.toml`, `arrs.toml`, …) with `[[import]]`, `[[view]]`
and `[[block]]` tables; they load lazily into one list each, in AREAS order. A `target`
names a function as "module:function", imported only when it is used, so listing the kinds
(`--help`) loads no implementation, and no module registers itself by being imported.
This package imports nothing from pcntui.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from pathlib import Path

AREAS = ("shell", "arrs", "smr", "interventions", "iif")  # file order = list order
PERIODS = ("year", "optional-year", "none")
FORMATS = ("csv", "ics")


@dataclass(frozen=True)
class ImportKind:
    """`pcntui import KIND FILE`: target(store, path, *, dry_run, **options) -> WriteReport."""

    kind: str
    target: str
    help: str
    options: tuple[str, ...] = ()  # the extra command-line options it reads (e.g. "pcn")
    area: str = ""


@dataclass(frozen=True)
class ViewKind:
    """`pcntui export KIND`: target(reader, query) -> a view (one table the user sees)."""

    kind: str
    target: str
    help: str
    item: str | None = None  # what `--id` names ("staff id" …); None: the view needs no item
    period: str = "year"  # "year": --fy/--as-of; "optional-year": every year unless --fy; "none"
    in_all: bool = True  # written by `export all`
    streamed: bool = False  # rows are read a page at a time (never all in memory)
    format: str = "csv"  # "csv": target returns a table; "ics": target returns the iCalendar text
    area: str = ""


@dataclass(frozen=True)
class BlockKind:
    """A block of `pcntui status` and the dashboard: target(reader, period) -> Block."""

    key: str
    target: str
    reads: tuple[str, ...] = ()  # every table its figures are computed from (the status cache's key)
    area: str = ""


@cache
def _areas() -> tuple[tuple[str, dict], ...]:
    """Each area's TOML file, read once (kept parsed: `kept.read_toml`)."""
    from pcntui.catalog.kept import read_toml

    here = Path(__file__).resolve().parent
    return tuple((area, read_toml(here / f"{area}.toml")) for area in AREAS)


def _tables(section: str) -> list[tuple[str, dict]]:
    return [(area, entry) for area, tables in _areas() for entry in tables.get(section, [])]


@cache
def import_kinds() -> tuple[ImportKind, ...]:
    return tuple(ImportKind(**{**e, "options": tuple(e.get("options", ()))}, area=a) for a, e in _tables("import"))


@cache
def view_kinds() -> tuple[ViewKind, ...]:
    kinds = tuple(ViewKind(**e, area=a) for a, e in _tables("view"))
    for k in kinds:
        if k.period not in PERIODS:
            raise ValueError(f"catalog: view {k.kind} has period {k.period!r}; expected one of {PERIODS}.")
        if k.format not in FORMATS:
            raise ValueError(f"catalog: view {k.kind} has format {k.format!r}; expected one of {FORMATS}.")
    return kinds


@cache
def status_blocks() -> tuple[BlockKind, ...]:
    return tuple(BlockKind(**{**e, "reads": tuple(e.get("reads", ()))}, area=a) for a, e in _tables("block"))


def import_kind(kind: str) -> ImportKind:
    return next(k for k in import_kinds() if k.kind == kind)


def view_kind(kind: str) -> ViewKind:
    return next(k for k in view_kinds() if k.kind == kind)


def resolve(target: str) -> Callable:
    """The function a target names ("module:function"), imported on first use."""
    module, _, name = target.partition(":")
    return getattr(importlib.import_module(module), name)

"""The sections of the TUI: the one place a new section (ARRS, SMR, ...) is registered.

Each section is a Textual *mode* with its own screen stack, reached by its key from
anywhere, from the section bar (mouse) and from the command palette. Its screen module is
imported only when the section is first opened, which keeps start-up fast.

To add a section: write a `DataScreen` subclass (see `screens/base.py`) with
`SECTION = "<name>"`, then append a `Section` here. Dashboard blocks whose `key` matches a
section name open that section on `enter`.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from textual.screen import Screen


@dataclass(frozen=True)
class Section:
    name: str  # mode name; also the key of its dashboard status block
    title: str  # shown in the section bar and the palette
    key: str  # the key that opens it from anywhere
    screen: str  # "module:Class", imported lazily
    help: str  # one line for the palette and help screen

    def load(self) -> Screen:
        module, _, cls = self.screen.partition(":")
        return getattr(importlib.import_module(module), cls)()

    def loader(self) -> Callable[[], Screen]:
        return self.load


SECTIONS: list[Section] = [
    Section("dashboard", "Dashboard", "d", "pcntui.tui.screens.dashboard:DashboardScreen",
            "The PCN at a glance: status blocks and alerts"),
    Section("pcn", "PCN", "p", "pcntui.tui.screens.pcn:PcnScreen",
            "The PCN and its member practices"),
    Section("arrs", "ARRS", "a", "pcntui.tui.screens.arrs:ArrsScreen",
            "ARRS staffing: roster, claimable by month, entitlement, caps, planned posts, NWRS, rules"),
    Section("interventions", "Interventions", "i", "pcntui.tui.screens.interventions:InterventionsScreen",
            "Health-inequality interventions: stage, RAG and why, co-design, actions, measures"),
    Section("requirements", "Requirements", "r", "pcntui.tui.screens.requirements:RequirementsScreen",
            "DES requirements for the year: due soon, overdue, status, owner, evidence"),
    Section("smr", "SMR", "s", "pcntui.tui.screens.smr:SmrScreen",
            "Structured Medication Reviews: cohorts, progress, capacity, worklist"),
    Section("history", "History", "h", "pcntui.tui.screens.history:HistoryScreen",
            "Every change made to this database, newest first"),
]


def section(name: str) -> Section | None:
    return next((s for s in SECTIONS if s.name == name), None)

"""`pcntui smr …`: SMR progress, cohorts, targets, IIF thresholds, counts, capacity, worklist.

(Imports and exports go through `pcntui import smr-counts|smr-worklist` and
`pcntui export smr|smr-counts|smr-worklist`.) The parser is built here; the handlers live by
meaning in `progress`, `cohorts`, `counts`, `capacity` and `worklist`.
"""

from __future__ import annotations

import argparse

from pcntui.cli import forget_commands
from pcntui.cli.registry import add_command
from pcntui.cli.smr import capacity, cohorts, counts, progress, worklist


def register(sub, parent: argparse.ArgumentParser) -> None:
    smr = add_command(sub, "smr", parent)
    s = smr.add_subparsers(dest="smr_command", metavar="ACTION", required=True, parser_class=type(smr))
    progress.register(s, parent)
    cohorts.register(s, parent)
    counts.register(s, parent)
    capacity.register(s, parent)
    worklist.register(s, parent)
    forget_commands.register(s, parent)

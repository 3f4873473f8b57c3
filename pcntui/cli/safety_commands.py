"""`check`: keeping the data safe (`backup`, `restore`: backup_commands; `undo`, `redo`, `history`: history_commands)."""

from __future__ import annotations

import argparse

from pcntui.cli.common import opened
from pcntui.cli.registry import add_command


def register(sub, parent: argparse.ArgumentParser) -> None:
    p = add_command(sub, "check", parent, cmd_check)


def cmd_check(args) -> int:
    from pcntui.services.safety import check

    with opened(args) as store:
        problems = check(store)
    if problems:
        for p in problems:
            print(p)
        return 1
    print(f"{store.path}: integrity ok, foreign keys ok.")
    return 0

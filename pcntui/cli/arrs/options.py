"""What an ARRS command says after a service: its sentence, then each warning (the flags read from
`inputs.arrs`: cli/model_options.py, so `pcntui arrs …` refuses what the TUI's form refuses with
the same sentence, "pcntui: --wte: 1.5 must be more than 0 and at most 1.")."""

from __future__ import annotations


def say(saved, more: str = "") -> None:
    """The service's sentence (and `more`), then each warning (never the info lines a form shows as you type)."""
    print(saved.note.removesuffix(".") + more if more else saved.note)
    warn(saved)


def warn(saved) -> None:
    for w in saved.warnings:
        if w.level == "warning":
            print("  warning: " + w.text)

"""The Ctx a service checks its input with, read inside its transaction (so the rules, practices
and cohorts are the ones in force when it writes)."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from pcntui.inputs.context import Ctx
from pcntui.store.tx import Reader

NEEDS = ("rules", "practices", "cohorts")


def load_ctx(reader: Reader, *, today: date, need: Iterable[str] = NEEDS, item: object | None = None) -> Ctx:
    """Only what `need` names is read: a form that knows it needs no rules loads none."""
    need = set(need)
    unknown = need - set(NEEDS)
    if unknown:
        raise ValueError(f"load_ctx: unknown needs {sorted(unknown)}; expected some of {NEEDS}")
    rules = practices = cohorts = None
    if "rules" in need:
        from pcntui.store.arrs import load_rulebook

        rules = load_rulebook(reader)
    if "practices" in need:
        from pcntui.store.smr import practice_names

        practices = practice_names(reader)
    if "cohorts" in need:
        from pcntui.store.smr import cohort_index

        cohorts = cohort_index(reader)
    return Ctx(today, rules=rules, practices=practices or {}, cohorts=cohorts, item=item)

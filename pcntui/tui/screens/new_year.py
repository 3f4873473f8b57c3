""""Start the next financial year" (palette): show what would be carried, ask, then carry it as one action.

The work is `services.year.start_year`, the same as `pcntui year start`; here the new
year's settings are replaced only after the user has seen them listed under "Replaced".
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from pcntui.domain.fy import FinancialYear
from pcntui.domain.text import terminal_safe
from pcntui.tui.commands import key_of
from pcntui.tui.messages import DataChanged

if TYPE_CHECKING:
    from pcntui.store import Store
    from pcntui.services.year import YearStart
    from pcntui.tui.app import PcnApp

TITLE = "Start the next financial year"


def start_next_year(app: PcnApp, store: Store, fy: FinancialYear) -> None:
    """Preview in a worker (a refusal, e.g. rules not on record, becomes a "Not done" notice)."""
    from pcntui.services.year import start_year

    def preview() -> None:
        plan = start_year(store, fy, force=True, dry_run=True)
        app.call_from_thread(_ask, app, store, fy, plan)

    app.run_worker(preview, thread=True, group="db", exit_on_error=False)


def _ask(app: PcnApp, store: Store, fy: FinancialYear, plan: YearStart) -> None:
    from pcntui.tui.screens.confirm import ConfirmModal

    prev = fy.previous().label
    if not plan.carried:
        app.notify(terminal_safe("\n".join([f"Nothing to carry from {prev} into {fy.label}.", *plan.lines()])),
                   title=TITLE, markup=False, timeout=12)
        return

    def answered(yes: bool | None) -> None:
        if yes:
            app.run_worker(lambda: _start(app, store, fy), thread=True, group="db", exit_on_error=False)

    app.push_screen(ConfirmModal(f"Start {fy.label} from {prev}?", confirm_label=f"Start {fy.label}",
                                 detail="\n".join([*plan.brief(), f"One action: {key_of('undo')} undoes it."])),
                    answered)


def _start(app: PcnApp, store: Store, fy: FinancialYear) -> None:
    from pcntui.services.year import start_year

    done = start_year(store, fy, force=True)
    text = "\n".join([f"Started {fy.label} from {fy.previous().label}.", *done.lines()])
    app.call_from_thread(app.notify, terminal_safe(text), title=TITLE, markup=False, timeout=15)
    app.post_message(DataChanged())

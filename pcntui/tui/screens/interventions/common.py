"""What the list and the page share: RAG words, fitting columns to the terminal, deleting."""

from __future__ import annotations

from rich.text import Text

from pcntui.tui.commands import key_of
from pcntui.tui.screens.base import DataScreen

RAG_STYLE = {"red": "bold red", "amber": "bold yellow", "green": "bold green"}
REASON_WORDS = {
    "overdue_action": ("action overdue", "actions overdue"),
    "stage_overdue": ("stage overdue", "stages overdue"),
    "measure_off_track": ("measure off track", "measures off track"),
    "no_codesign": ("no co-design before delivery", "no co-design before delivery"),
}


def rag_text(level: str) -> Text:
    return Text(level.upper(), style=RAG_STYLE.get(level, ""))


def reasons_short(rag) -> str:
    """`2 actions overdue · measure off track` (the full sentences are on the page)."""
    counts: dict[str, int] = {}
    for r in rag.reasons:
        counts[r.code] = counts.get(r.code, 0) + 1
    parts = []
    for code, n in counts.items():
        one, many = REASON_WORDS.get(code, (code, code))
        parts.append(f"{n} {many}" if n > 1 and code != "no_codesign" else one)
    return " · ".join(parts) if parts else "nothing overdue or off track"


def ask_delete(screen: DataScreen, iid: int, title: str, rev: int | None) -> None:
    """Ask, then delete the intervention (services.interventions.core.delete_intervention)."""
    from pcntui.tui.screens.confirm import ConfirmModal

    def answered(yes: bool | None) -> None:
        if yes and screen.pcn_app.store is not None:
            _delete(screen, iid, rev)

    screen.app.push_screen(
        ConfirmModal(f"Delete intervention {iid} “{title}”?",
                     detail=f"Its stages, co-design sessions, actions and measures go too. {key_of('undo')} undoes it."),
        answered,
    )


def _delete(screen: DataScreen, iid: int, rev: int | None) -> None:
    from pcntui.services.interventions.core import delete_intervention

    app = screen.app
    today = screen.pcn_app.today

    def run() -> None:
        saved = delete_intervention(app.store, iid, today=today, expected_rev=rev)
        app.call_from_thread(_after_delete, screen, iid, saved.note)

    app.run_worker(run, thread=True, group="db", exit_on_error=False, name="delete intervention")


def _after_delete(screen: DataScreen, iid: int, note: str) -> None:
    app = screen.app
    if getattr(app.screen, "intervention_id", None) == iid:  # its page: back to the list
        app.pop_screen()
    app.data_changed()
    app.notify(f"{note.rstrip('.')} ({key_of('undo')} undoes it).", title="Deleted")

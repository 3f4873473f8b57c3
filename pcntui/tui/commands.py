"""The command palette (`ctrl+p`): every action the TUI has, by name.

`PALETTE` is the registry. Each entry names an action on the App or on the current
screen; the provider offers only those the target has and whose `check_action` allows
them now, so the palette never lists something that would do nothing. A test checks
that every key binding's action is in this list: add new actions here too.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import partial

from textual.actions import parse
from textual.command import DiscoveryHit, Hit, Hits, Provider

from pcntui.tui.sections import SECTIONS


@dataclass(frozen=True)
class PaletteCommand:
    title: str
    help: str
    action: str  # e.g. "undo" or "section('pcn')"
    on: str = "app"  # "app" or "screen"


PALETTE: list[PaletteCommand] = [
    *(PaletteCommand(f"Go to {s.title}", f"{s.help} (key {s.key})", f"section('{s.name}')") for s in SECTIONS),
    PaletteCommand("Filter rows", "Type to narrow the table on this screen (key /)", "filter", "screen"),
    PaletteCommand("Sort by a column", "Choose the column to order the table by (key o)", "sort", "screen"),
    PaletteCommand("Open the selected row", "Show the details of the row under the cursor (key enter)", "open", "screen"),
    PaletteCommand("Export to CSV", "Write the table on this screen to a CSV file (key x)", "export", "screen"),
    # Backups (screens/backups.py)
    PaletteCommand("Restore a backup", "The copies of this database, newest first; enter restores one after asking",
                   "restore_backup"),
    # ARRS (screens/arrs.py, arrs_views.py)
    PaletteCommand("ARRS: add a staff member", "New roster entry, checked as you type (key n)", "add_staff", "screen"),
    PaletteCommand("ARRS: edit staff member", "Role, WTE, dates, salary, funding, compliance (key e)", "edit_staff", "screen"),
    PaletteCommand("ARRS: change WTE or salary from a date", "An effective-dated change of terms (key c)",
                   "change_terms", "screen"),
    PaletteCommand("ARRS: staff member leaves", "Set (or clear) the last day in post (key f)", "end_staff", "screen"),
    PaletteCommand("ARRS: delete staff member", "Delete the record, after asking (key delete)", "delete_staff", "screen"),
    PaletteCommand("ARRS: role mix and caps", "Peak WTE per role against its cap (key m)", "arrs_mix", "screen"),
    PaletteCommand("ARRS: set the entitlement", "Weighted population × £ per patient, or an amount (key t)",
                   "arrs_entitlement", "screen"),
    PaletteCommand("ARRS: alerts", "Overspend, caps, eligibility, registrations, supervisors (key !)",
                   "arrs_alerts", "screen"),
    PaletteCommand("ARRS: planned posts and what-if", "Posts to fill and their effect on headroom (key v)",
                   "arrs_planned", "screen"),
    PaletteCommand("ARRS: NWRS reconciliation", "The national workforce record against the roster (key w)",
                   "arrs_nwrs", "screen"),
    PaletteCommand("ARRS: rule tables", "Maxima, caps and roles; unconfirmed rows marked (key b)", "arrs_rules", "screen"),
    PaletteCommand("ARRS: add a planned post (what-if)", "Shows its effect on headroom as you type (key n)",
                   "add_planned", "screen"),
    PaletteCommand("ARRS: edit planned post", "Change the post under the cursor (key e)", "edit_planned", "screen"),
    PaletteCommand("ARRS: delete planned post", "Delete it, after asking (key delete)", "delete_planned", "screen"),
    PaletteCommand("ARRS: next rule table", "Rates → caps → roles (key k)", "next_table", "screen"),
    PaletteCommand("ARRS: correct a maximum", "Edit the rate row under the cursor (key e)", "edit_rate", "screen"),
    PaletteCommand("ARRS: add a maximum", "A new rate row for a role from a date (key n)", "add_rate", "screen"),
    # SMR (screens/smr.py, smr_worklist.py)
    PaletteCommand("SMR: enter a practice's counts", "Monthly SMR counts for one practice and cohort (key e)",
                   "counts", "screen"),
    PaletteCommand("SMR: capacity", "Clinician hours needed against the roster's SMR time (key c)", "capacity", "screen"),
    PaletteCommand("SMR: worklist", "The SMR worklist of patients (key w)", "worklist", "screen"),
    PaletteCommand("SMR: edit a clinician's SMR share", "The % of their time given to SMRs (key e)", "edit_share",
                   "screen"),
    PaletteCommand("SMR: minutes per review", "Change the minutes one SMR takes (key m)", "minutes", "screen"),
    PaletteCommand("SMR worklist: search", "By the start of a reference or NHS number digits (key /)", "search",
                   "screen"),
    PaletteCommand("SMR worklist: filter", "By status, practice or cohort (key f)", "filters", "screen"),
    PaletteCommand("SMR worklist: show or hide NHS numbers", "Masked unless shown (key m)", "toggle_nhs", "screen"),
    PaletteCommand("SMR worklist: new patient", "Add a patient to the worklist (key n)", "new_entry", "screen"),
    PaletteCommand("SMR worklist: edit patient", "Change the patient under the cursor (key e)", "edit_entry", "screen"),
    PaletteCommand("SMR worklist: delete patient", "Delete the patient under the cursor, after asking (key delete)",
                   "delete_entry", "screen"),
    # Interventions and DES requirements (screens/interventions.py, screens/requirements.py)
    PaletteCommand("New intervention", "Create an intervention; only the title is needed (key n)", "new_intervention", "screen"),
    PaletteCommand("Delete intervention", "Delete this intervention, after asking (key delete)", "delete_intervention", "screen"),
    PaletteCommand("Edit intervention", "Title, lead, focus, population, practices, budget (key e)", "edit_intervention", "screen"),
    PaletteCommand("Move to another stage", "Next stage or back, with the date and evidence (key m)", "move_stage", "screen"),
    PaletteCommand("Log a co-design session", "Date, format, who took part, what people said, decisions (key c)", "log_session", "screen"),
    PaletteCommand("Add 'you said, we did'", "Link what people said to what changed in the plan (key w)", "you_said", "screen"),
    PaletteCommand("Add an action", "An action with its owner and due date (key t)", "add_action", "screen"),
    PaletteCommand("Mark an action done", "Choose an open action and the date it was done (key k)", "complete_action", "screen"),
    PaletteCommand("Add an outcome measure", "Unit, baseline, target and direction (key g)", "add_measure", "screen"),
    PaletteCommand("Add a reading", "A new value of an outcome measure (key v)", "add_reading", "screen"),
    PaletteCommand("Set a stage's target date", "The date a stage should be reached by; past it, the RAG says so (key l)", "stage_target", "screen"),
    PaletteCommand("Add a partner", "A local authority, voluntary, faith or other partner and its role (key f)", "add_partner", "screen"),
    PaletteCommand("Edit requirement", "Set the status, owner and evidence (key e)", "edit_requirement", "screen"),
    PaletteCommand("New requirement", "Add a DES requirement, e.g. for a new year (key n)", "new_requirement", "screen"),
    PaletteCommand("Delete requirement", "Delete one you added, after asking (key delete)", "delete_requirement", "screen"),
    PaletteCommand("Undo the last change", "Revert the most recent change to the database (key u)", "undo"),
    # Redo, and forgetting patient data for good (store/audit.py, store/forget.py)
    PaletteCommand("Redo what was undone", "Put back what the last undo reverted, if nothing was saved since (key U)",
                   "redo"),
    PaletteCommand("SMR worklist: forget every patient", "Erase the worklist and its history for good, after you "
                   "type the PCN code (key F)", "forget_worklist", "screen"),
    PaletteCommand("Previous financial year", "Show figures for the year before (key [)", "previous_year"),
    PaletteCommand("Next financial year", "Show figures for the year after (key ])", "next_year"),
    PaletteCommand("Help", "The keys of this screen (key ?)", "help"),
    PaletteCommand("Back", "Close this screen or clear the filter (key escape)", "back"),
    PaletteCommand("Quit", "Leave pcntui; everything is already saved (key q)", "quit"),
]


class PcnCommands(Provider):
    """Offers the PALETTE entries that apply on the screen the palette was opened from."""

    def _available(self) -> list[tuple[PaletteCommand, partial]]:
        out = []
        screen = self.screen
        for cmd in PALETTE:
            target = self.app if cmd.on == "app" else screen
            _, name, params = parse(cmd.action)
            if not hasattr(target, f"action_{name}"):
                continue
            if not target.check_action(name, params):
                continue
            out.append((cmd, partial(self.app.run_action, cmd.action, target)))
        return out

    async def discover(self) -> Hits:
        for cmd, run in self._available():
            yield DiscoveryHit(cmd.title, run, help=cmd.help)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for cmd, run in self._available():
            score = matcher.match(cmd.title)
            if score > 0:
                yield Hit(score, matcher.highlight(cmd.title), run, help=cmd.help)

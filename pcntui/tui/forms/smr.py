"""The SMR forms, each over one input model (inputs/smr.py) and one service (services/smr):
one practice's counts, the capacity assumptions, a roster member's SMR share, a worklist patient."""

from __future__ import annotations

from datetime import date

from pcntui.domain.worklist import STATUS_LABELS, WorklistEntry
from pcntui.inputs.smr import CountIn, SettingsIn, ShareIn, WorklistEntryIn
from pcntui.services.smr.capacity import save_settings, set_share
from pcntui.services.smr.counts import save_counts
from pcntui.services.smr.worklist import save_worklist_entry
from pcntui.tui.forms.spec import FieldSpec, FormSpec, fields


def practices(ctx) -> list[tuple[str, str]]:
    return [(f"{code} {name}", code) for code, name in ctx.practices.items()]


def cohorts(ctx) -> list[tuple[str, str]]:
    return [(c.name, c.code) for c in ctx.cohorts.cohorts] if ctx.cohorts is not None else []


def cohort_names(ctx) -> list[str]:
    return [c.name for c in ctx.cohorts.cohorts] if ctx.cohorts is not None else []


def latest_held(count: CountIn, ctx) -> str:
    """The live line under the counts form: what is held for the practice and cohort chosen."""
    held = (ctx.item or {}).get((count.practice_code, count.cohort), [])
    if not held:
        return "No counts held yet for this practice and cohort."
    s = held[-1]
    invited = f" · invited {s.invited:,}" if s.invited is not None else ""
    return (f"Latest held: {s.as_of.isoformat()} · eligible {s.eligible:,} · completed {s.completed:,}{invited} "
            f"({len(held)} snapshot{'s' if len(held) != 1 else ''} held)")


def counts_form(today: date) -> FormSpec:
    """`e` on the SMR screens: one practice's counts for one cohort on one date; `ctx.item` holds
    the counts held (views/smr/counts.held_counts), for the warnings and the latest-held line."""
    return FormSpec(
        "Enter SMR counts for one practice", CountIn,
        fields(CountIn, FieldSpec("practice_code", widget="choice", choices=practices),
               FieldSpec("cohort", widget="choice", choices=cohorts), "as_of", "eligible", "completed", "invited",
               "declined"),
        save=lambda store, values: save_counts(store, values, today=today),
        need=("practices", "cohorts"),
        intro="From the practice's clinical-system search: year-to-date numbers on the date of the search.",
        summary=latest_held)


def settings_form(today: date) -> FormSpec:
    """`m` on the capacity screen: minutes per SMR, hours per WTE week, the default share."""
    return FormSpec("SMR capacity assumptions", SettingsIn,
                    fields(SettingsIn, "minutes_per_review", "hours_per_wte", "default_share_pct"),
                    save=lambda store, values: save_settings(store, values, today=today),
                    intro="Planning assumptions: the clinician time one review takes (including preparation and "
                          "follow-up), a full-time week, and the share of a prescriber's time given to SMRs.")


def share_form(today: date, staff_id: int, name: str) -> FormSpec:
    """`e` on the capacity screen: the % of one roster member's time given to SMRs."""
    return FormSpec(f"SMR share for {name}", ShareIn, fields(ShareIn, "share_pct"),
                    save=lambda store, values: set_share(store, staff_id, values, today=today),
                    intro="The % of their working time given to SMRs. Leave it empty for their role's default.")


STATUS_CHOICES = tuple((label, code) for code, label in STATUS_LABELS.items())
ENTRY_FIELDS = fields(
    WorklistEntryIn, FieldSpec("practice_code", widget="choice", choices=practices), "reference", "nhs_number",
    FieldSpec("cohorts", suggest=cohort_names, hint="codes or names, separated by ;"),
    FieldSpec("status", widget="choice", choices=STATUS_CHOICES), "identified_on", "invited_on", "booked_on",
    "reviewed_on", "follow_up_due", "reviewer", "meds_stopped", "meds_changed", "meds_started", "note")


def entry_form(today: date, entry: WorklistEntry | None) -> FormSpec:
    """`n` (entry None) or `e` on the worklist: one patient, the NHS number checked as typed."""
    title = "New worklist patient" if entry is None else f"Edit worklist patient {entry.practice_code} {entry.reference}"
    return FormSpec(title, WorklistEntryIn, ENTRY_FIELDS,
                    save=lambda store, values: save_worklist_entry(
                        store, values, today=today, entry=entry.id if entry else None,
                        expected_rev=entry.rev if entry else None),
                    need=("practices", "cohorts"))

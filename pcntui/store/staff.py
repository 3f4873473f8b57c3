"""The roster and planned posts in the database: read, save (one action each), import.

Staff rows hold who and what; `staff_terms` holds WTE, salary and on-cost from dates.
Every save validates with the domain's `check_member` first (problems raise UserError;
warnings are returned), and bumps the staff row's `rev` when only its terms changed, so
a second copy of pcntui editing the same person is told instead of overwriting.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date
from decimal import Decimal
from pathlib import Path

from pcntui.domain.text import counted as plural
from pcntui.domain.arrs_roles import normalise_name
from pcntui.domain.parse import id_or_none, iso_date
from pcntui.domain.fy import FinancialYear
from pcntui.domain.money import from_pence, to_pence
from pcntui.domain.progress import SAVING, Progress, counted
from pcntui.domain.staff import Check, PlannedPost, StaffMember, Terms, check_member, check_oncost, check_salary, \
    check_wte, with_change
from pcntui.errors import ConflictError, UserError
from pcntui.store import records
from pcntui.store.arrs import dec_text, load_rulebook
from pcntui.store.db import Store
from pcntui.store.staff_read import MAX_ROWS, get_staff, list_staff
from pcntui.store.tx import WriteReport


def find_staff(store: Store, text: str) -> StaffMember:
    """One staff member by id or by name (case-insensitive, unique); UserError otherwise."""
    text = (text or "").strip()
    staff_id = id_or_none(text, "staff id")
    if staff_id is not None:
        found = get_staff(store, staff_id)
        if found is None:
            raise UserError(f"There is no staff member with id {staff_id}.")
        return found
    rows = store.query("SELECT id FROM staff WHERE name = ? COLLATE NOCASE ORDER BY start_date DESC", [text])
    if not rows:
        rows = store.query("SELECT id FROM staff WHERE name LIKE ? ORDER BY start_date DESC", [f"%{text}%"])
    if not rows:
        raise UserError(f"There is no staff member called '{text}'.")
    if len(rows) > 1:
        ids = ", ".join(str(r["id"]) for r in rows[:10])
        raise UserError(f"'{text}' matches {len(rows)} staff records (ids {ids}); give the id instead.")
    return get_staff(store, rows[0]["id"])


def staff_values(m: StaffMember) -> dict:
    return {
        "name": " ".join(m.name.split()), "role_code": m.role_code, "start_date": m.start_date.isoformat(),
        "end_date": m.end_date.isoformat() if m.end_date else None, "arrs_funded": 1 if m.arrs_funded else 0,
        "practice": m.practice, "band": m.band, "employer": m.employer, "supervisor": m.supervisor,
        "registration_number": m.registration_number,
        "registration_expiry": m.registration_expiry.isoformat() if m.registration_expiry else None,
        "training_pathway": m.training_pathway, "nwrs_id": m.nwrs_id, "note": m.note,
        "reimbursement_pct": dec_text(m.reimbursement_pct), "estimated": 1 if m.estimated else 0,
        "previously_employed_until": m.previously_employed_until.isoformat() if m.previously_employed_until else None,
    }


def terms_values(staff_id: int, t: Terms) -> dict:
    return {
        "staff_id": staff_id, "effective_from": t.effective_from.isoformat(), "wte": dec_text(t.wte),
        "fte_salary_pence": to_pence(t.fte_salary), "oncost_pct": dec_text(t.oncost_pct),
    }


def write_member(db, m: StaffMember, *, expected_rev: int | None = None) -> tuple[int, str]:
    """Insert or update one member and their terms inside the caller's action. Returns (id, outcome)."""
    values = staff_values(m)
    if m.id is None:
        staff_id = db["staff"].insert(values).last_pk
        for t in m.terms:
            db["staff_terms"].insert(terms_values(staff_id, t))
        return staff_id, "inserted"
    outcome = records.save(db, "staff", "id", {"id": m.id, **values}, expected_rev=expected_rev)
    existing = {r[0] for r in db.execute("SELECT effective_from FROM staff_terms WHERE staff_id = ?", [m.id]).fetchall()}
    wanted = {t.effective_from.isoformat(): t for t in m.terms}
    terms_changed = False
    for gone in existing - set(wanted):
        db.execute("DELETE FROM staff_terms WHERE staff_id = ? AND effective_from = ?", [m.id, gone])
        terms_changed = True
    for t in wanted.values():
        if records.save(db, "staff_terms", ("staff_id", "effective_from"), terms_values(m.id, t)) != "unchanged":
            terms_changed = True
    if terms_changed and outcome == "unchanged":
        db.execute("UPDATE staff SET rev = rev + 1 WHERE id = ?", [m.id])
        outcome = "updated"
    return m.id, outcome


def save_staff(store: Store, member: StaffMember, *, expected_rev: int | None = None) -> tuple[int, Check]:
    """Validate and save one staff member (new when id is None) as one action. Returns (id, warnings)."""
    rules = load_rulebook(store)
    check = check_member(member, rules)
    if not check.ok:
        raise UserError(" ".join(check.problems))
    verb = "Add" if member.id is None else "Edit"
    with store.action(f"{verb} staff {member.name}") as tx:
        staff_id, _ = write_member(tx.db, member, expected_rev=expected_rev)
    return staff_id, check


def change_terms(store: Store, staff_id: int, effective_from: date, *, wte: Decimal | None = None,
                 fte_salary: Decimal | None = None, oncost_pct: Decimal | None = None,
                 expected_rev: int | None = None) -> tuple[StaffMember, Check]:
    """An effective-dated change of WTE, salary or on-cost (from `effective_from`)."""
    member = get_staff(store, staff_id)
    if member is None:
        raise UserError(f"There is no staff member with id {staff_id}.")
    if not member.in_post_on(effective_from):
        raise UserError(f"{member.name} is not in post on {effective_from.isoformat()} "
                        f"({member.start_date.isoformat()} to {member.end_date.isoformat() if member.end_date else 'now'}).")
    for msg in (check_wte(wte) if wte is not None else None, check_salary(fte_salary) if fte_salary is not None else None,
                check_oncost(oncost_pct)):
        if msg:
            raise UserError(msg)
    if wte is None and fte_salary is None and oncost_pct is None:
        raise UserError("Give a new WTE, salary or on-cost to change.")
    changed = with_change(member, effective_from, wte=wte, fte_salary=fte_salary, oncost_pct=oncost_pct)
    check = check_member(changed, load_rulebook(store))
    if not check.ok:
        raise UserError(" ".join(check.problems))
    what = ", ".join(x for x, v in (("WTE", wte), ("salary", fte_salary), ("on-cost", oncost_pct)) if v is not None)
    with store.action(f"Change {what} of {member.name} from {effective_from.isoformat()}") as tx:
        write_member(tx.db, changed, expected_rev=member.rev if expected_rev is None else expected_rev)
    return get_staff(store, staff_id), check


def end_staff(store: Store, staff_id: int, end_date: date | None, *, expected_rev: int | None = None) -> StaffMember:
    """Record a leaver (or clear the end date with None). Terms after the end date are refused."""
    member = get_staff(store, staff_id)
    if member is None:
        raise UserError(f"There is no staff member with id {staff_id}.")
    if end_date is not None and end_date < member.start_date:
        raise UserError(f"End date {end_date.isoformat()} is before {member.name}'s start date "
                        f"{member.start_date.isoformat()}.")
    later = [t for t in member.terms if end_date is not None and t.effective_from > end_date]
    if later:
        raise UserError(f"{member.name} has a change dated {later[0].effective_from.isoformat()}, after "
                        f"{end_date.isoformat()}; remove it first.")
    label = f"{member.name} leaves on {end_date.isoformat()}" if end_date else f"{member.name}: end date cleared"
    with store.action(label) as tx:
        records.save(tx.db, "staff", "id", {"id": staff_id, "end_date": end_date.isoformat() if end_date else None},
                     expected_rev=member.rev if expected_rev is None else expected_rev)
    return get_staff(store, staff_id)


def confirm_staff(store: Store, staff_id: int, *, expected_rev: int | None = None) -> StaffMember:
    """The user confirms an estimated record's salary and start date: it no longer counts as estimated."""
    member = get_staff(store, staff_id)
    if member is None:
        raise UserError(f"There is no staff member with id {staff_id}.")
    if not member.estimated:
        return member
    with store.action(f"Confirm {member.name}'s salary and start date") as tx:
        records.save(tx.db, "staff", "id", {"id": staff_id, "estimated": 0},
                     expected_rev=member.rev if expected_rev is None else expected_rev)
    return get_staff(store, staff_id)


def delete_staff(store: Store, staff_id: int, *, expected_rev: int | None = None) -> None:
    """Delete a staff record and its terms (the caller has asked the user to confirm)."""
    member = get_staff(store, staff_id)
    if member is None:
        raise ConflictError("This staff record was deleted by someone else; nothing was deleted.")
    with store.action(f"Delete staff {member.name}") as tx:
        remove_member(tx.db, staff_id, expected_rev=expected_rev)


def remove_member(db, staff_id: int, *, expected_rev: int | None = None) -> None:
    """Delete a staff record and its terms inside the caller's action (posts it filled are unfilled)."""
    db.execute("UPDATE planned_post SET filled_by = NULL WHERE filled_by = ?", [staff_id])
    db.execute("DELETE FROM staff_terms WHERE staff_id = ?", [staff_id])
    records.delete(db, "staff", "id", staff_id, expected_rev=expected_rev)


# ---------------------------------------------------------------------- import staff
def _key(m: StaffMember) -> tuple[str, str, str]:
    return (normalise_name(m.name), m.role_code, m.start_date.isoformat())


def import_staff(store: Store, path: Path, *, dry_run: bool = False, progress: Progress | None = None,
                 **_: object) -> WriteReport:
    """`pcntui import staff FILE`: checked whole first; one action; upsert on (name, role, start date)."""
    from pcntui.ingest.staff_csv import read_staff

    path = Path(path)
    rules = load_rulebook(store)
    parsed = read_staff(path, rules)
    existing = {_key(m): m for m in list_staff(store)}
    report = WriteReport("staff")
    seen = set()
    with store.action(f"Import staff from {path.name}", dry_run=dry_run) as tx:
        for m in counted(parsed.members, progress, SAVING):
            key = _key(m)
            seen.add(key)
            old = existing.get(key)
            if old is not None:
                m = replace(m, id=old.id)
            _, outcome = write_member(tx.db, m)
            report.add(outcome)
    notes = list(parsed.warnings)
    kept = [m for k, m in existing.items() if k not in seen]
    if kept:
        notes.append(f"{plural(len(kept), 'staff record')} on the roster {'is' if len(kept) == 1 else 'are'} "
                     "not in this file (kept, not deleted).")
    changes = sum(1 for m in parsed.members if len(m.terms) > 1)
    if changes:
        notes.append(f"{plural(changes, 'staff member')} {'has' if changes == 1 else 'have'} dated changes of WTE "
                     "or salary (consecutive rows joined).")
    report.notes = notes or None
    return report


# ---------------------------------------------------------------------- planned posts
def _post(r: dict) -> PlannedPost:
    return PlannedPost(
        id=r["id"], role_code=r["role_code"], wte=Decimal(r["wte"]), expected_start=date.fromisoformat(r["expected_start"]),
        fte_salary=from_pence(r["fte_salary_pence"]), expected_end=iso_date(r["expected_end"]),
        oncost_pct=None if r["oncost_pct"] is None else Decimal(r["oncost_pct"]), status=r["status"], title=r["title"],
        note=r["note"], filled_by=r["filled_by"], rev=r["rev"],
    )


def list_planned(store: Store, *, open_only: bool = False) -> list[PlannedPost]:
    sql = "SELECT * FROM planned_post"
    if open_only:
        sql += " WHERE status IN ('planned', 'advertised', 'offered')"
    return [_post(r) for r in store.query(sql + " ORDER BY expected_start, id LIMIT ?", [MAX_ROWS])]


def get_planned(store: Store, post_id: int) -> PlannedPost | None:
    rows = store.query("SELECT * FROM planned_post WHERE id = ?", [post_id])
    return _post(rows[0]) if rows else None


def check_planned(post: PlannedPost, rules) -> list[str]:
    problems = []
    if rules.role(post.role_code) is None:
        problems.append(f"Role '{post.role_code}' is not an ARRS role on record.")
    for msg in (check_wte(post.wte), check_salary(post.fte_salary), check_oncost(post.oncost_pct)):
        if msg:
            problems.append(msg)
    if post.expected_end is not None and post.expected_end < post.expected_start:
        problems.append("Expected end is before the expected start.")
    return problems


def save_planned(store: Store, post: PlannedPost, *, expected_rev: int | None = None) -> int:
    problems = check_planned(post, load_rulebook(store))
    if problems:
        raise UserError(" ".join(problems))
    with store.action(f"{'Add' if post.id is None else 'Edit'} planned post {post.title or post.role_code}") as tx:
        return write_planned(tx.db, post, expected_rev=expected_rev)


def write_planned(db, post: PlannedPost, *, expected_rev: int | None = None) -> int:
    """Insert or update one planned post inside the caller's action; its id."""
    values = {
        "role_code": post.role_code, "title": post.title, "wte": dec_text(post.wte),
        "expected_start": post.expected_start.isoformat(),
        "expected_end": post.expected_end.isoformat() if post.expected_end else None,
        "fte_salary_pence": to_pence(post.fte_salary), "oncost_pct": dec_text(post.oncost_pct), "status": post.status,
        "filled_by": post.filled_by, "note": post.note,
    }
    if post.id is None:
        return db["planned_post"].insert(values).last_pk
    records.save(db, "planned_post", "id", {"id": post.id, **values}, expected_rev=expected_rev)
    return post.id


def delete_planned(store: Store, post_id: int, *, expected_rev: int | None = None) -> None:
    with store.action(f"Delete planned post {post_id}") as tx:
        records.delete(tx.db, "planned_post", "id", post_id, expected_rev=expected_rev)


def fill_planned(store: Store, post_id: int, staff_id: int) -> None:
    """Mark a planned post filled by a staff member (it leaves the forecast; the person is in it)."""
    post = get_planned(store, post_id)
    if post is None:
        raise UserError(f"There is no planned post with id {post_id}.")
    if get_staff(store, staff_id) is None:
        raise UserError(f"There is no staff member with id {staff_id}.")
    with store.action(f"Planned post {post_id} filled") as tx:
        records.save(tx.db, "planned_post", "id", {"id": post_id, "status": "filled", "filled_by": staff_id},
                     expected_rev=post.rev)


@dataclass(frozen=True)
class RosterLine:
    """One line of the roster screen: the person now (or at their end) with their current terms."""

    member: StaffMember
    role_name: str
    wte: Decimal | None
    fte_salary: Decimal | None
    status: str  # 'in post', 'starter' (not yet started), 'leaver' (ended)


def roster(store: Store, as_of: date, *, fy: FinancialYear | None = None, search: str | None = None) -> list[RosterLine]:
    rules = load_rulebook(store)
    out = []
    for m in list_staff(store, fy=fy, search=search):
        day = min(max(as_of, m.start_date), m.end_date or as_of)
        t = m.terms_on(day)
        status = "starter" if m.start_date > as_of else ("leaver" if m.end_date and m.end_date < as_of else "in post")
        out.append(RosterLine(m, rules.role_name(m.role_code), t.wte if t else None, t.fte_salary if t else None, status))
    return out

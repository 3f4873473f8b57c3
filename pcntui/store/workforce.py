"""NWRS workforce: `pcntui import workforce FILE --pcn U12345`, the stored census, reconciliation, seeding.

The import keeps the PCN's rows for each census month in the file (a re-import of the
same census replaces them, as one action) and reports, role by role, the FTE on record
nationally against the roster on the census date. `seed_roster` creates roster entries
from the individual NWRS records of ARRS roles that the roster does not yet have.
"""

from __future__ import annotations

import textwrap
from collections import Counter
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

from pcntui.domain.text import clip
from pcntui.domain import ods
from pcntui.domain.arrs_rules import RuleBook
from pcntui.domain.fy import FinancialYear
from pcntui.domain.parse import ParseError, parse_nwrs_fte, shown
from pcntui.domain.progress import Progress
from pcntui.domain.reconcile import NwrsLine, Reconciliation, census_date, is_pooled, reconcile
from pcntui.domain.staff import StaffMember, Terms
from pcntui.errors import UserError
from pcntui.store.arrs import dec_text, load_rulebook
from pcntui.store.db import Store
from pcntui.store.pcn import get_pcn
from pcntui.store.staff import list_staff, write_member
from pcntui.store.tx import WriteReport

WIDTH = 78  # the import report indents its notes by two spaces
MAX_SPLIT_POSTS = 2  # NWRS records up to 2 FTE are seeded (split); one person above that is not plausible


def _pick_pcn(store: Store, pcns: dict[str, str], given: str | None, file_name: str) -> str:
    if given:
        code = ods.check_pcn_code(given)
    else:
        pcn = get_pcn(store)
        if pcn is not None:
            code = pcn["code"]
        elif len(pcns) == 1:
            code = next(iter(pcns))
        else:
            raise UserError(f"{file_name} covers {len(pcns)} PCNs; say which with --pcn U12345.")
    if code not in pcns:
        listed = ", ".join(sorted(pcns)[:6]) + (" …" if len(pcns) > 6 else "")
        raise UserError(f"PCN {code} is not in {file_name} (it lists {len(pcns)} PCNs: {listed}).")
    return code


def _fte(value: Decimal) -> str:
    return f"{value.quantize(Decimal('0.01'), rounding=ROUND_HALF_UP):.2f}"


def format_reconciliation(rec: Reconciliation, pcn_name: str = "") -> list[str]:
    """The reconciliation as lines of at most 80 characters."""
    head = f"NWRS census {rec.census.isoformat()} for {rec.pcn_code}" + (f" {pcn_name}" if pcn_name else "")
    lines = [head[:WIDTH], "FTE by ARRS role: NWRS staff + contracted (pooled) vs roster that day."]
    fmt = "{:<29} {:>7} {:>7} {:>7} {:>7}  {:<13}"
    lines.append(fmt.format("Role", "NWRS", "Contr.", "Roster", "Diff", "Status").rstrip())
    for line in (*rec.lines, rec.totals()):
        status = "" if line.role_code == "TOTAL" else line.status
        lines.append(fmt.format(clip(line.label, 29), _fte(line.nwrs_staff_fte), _fte(line.nwrs_contracted_fte),
                                _fte(line.roster_fte), line.difference_text, status).rstrip())
    if rec.other:
        lines.append("Not ARRS roles on the NWRS record (not compared):")
        for line in rec.other:
            rows = line.nwrs_staff_people + line.nwrs_contracted_rows
            lines.append(f"  {clip(line.label, 48):<48} {_fte(line.nwrs_fte):>7} FTE "
                         f"({rows} {'row' if rows == 1 else 'rows'})"[:WIDTH])
    for sentence in rec.left_out:
        lines.extend(textwrap.wrap("! " + sentence, WIDTH, subsequent_indent="  "))
    return lines


def import_workforce(store: Store, path: Path, *, dry_run: bool = False, pcn: str | None = None,
                     progress: Progress | None = None, **_: object) -> WriteReport:
    from pcntui.ingest.workforce import read_workforce

    path = Path(path)
    wf = read_workforce(path, progress=progress)
    code = _pick_pcn(store, wf.pcns(), pcn, path.name)
    wf.check(code, path.name)
    rows = wf.for_pcn(code)
    rules = load_rulebook(store)
    report = WriteReport("workforce records")
    with store.action(f"Import NWRS workforce for {code} from {path.name}", dry_run=dry_run) as tx:
        for census in wf.censuses(code):
            these = [r for r in rows if census_date(r.census_year, r.census_month) == census]
            new = [_values(code, census, r.line(), path.name) for r in these]
            old = tx.db.execute(
                "SELECT data_source, staff_group, staff_role, detailed_staff_role, fte, unique_identifier "
                "FROM nwrs_record WHERE pcn_code = ? AND census_date = ?", [code, census.isoformat()]).fetchall()
            if Counter(map(tuple, old)) == Counter(_signature(v) for v in new):
                report.unchanged += len(new)
                continue
            tx.db.execute("DELETE FROM nwrs_record WHERE pcn_code = ? AND census_date = ?", [code, census.isoformat()])
            if new:
                tx.db["nwrs_record"].insert_all(new)
            if old:
                report.updated += len(new)
            else:
                report.inserted += len(new)
    notes = []
    home = get_pcn(store)
    if home is not None and home["code"] != code:
        notes.append(f"This database is set up for {home['code']}; its roster is compared with {code}'s record.")
    staff = list_staff(store)
    for census in wf.censuses(code):
        lines = [r.line() for r in rows if census_date(r.census_year, r.census_month) == census]
        rec = reconcile(rules, code, census, lines, staff)
        notes.extend(format_reconciliation(rec, wf.pcns().get(code, "")))
    report.notes = notes
    return report


def _values(code: str, census: date, line: NwrsLine, file_name: str) -> dict:
    return {
        "pcn_code": code, "census_date": census.isoformat(), "data_source": line.data_source,
        "staff_group": line.staff_group, "staff_role": line.staff_role, "detailed_staff_role": line.detailed_staff_role,
        "fte": dec_text(line.fte), "unique_identifier": line.unique_identifier, "source_file": file_name,
    }


def _signature(v: dict) -> tuple:
    return (v["data_source"], v["staff_group"], v["staff_role"], v["detailed_staff_role"], v["fte"],
            v["unique_identifier"])


def censuses(store: Store, pcn_code: str | None = None) -> list[tuple[str, date]]:
    """(PCN, census date) pairs held, newest first."""
    sql = "SELECT DISTINCT pcn_code, census_date FROM nwrs_record"
    params: list = []
    if pcn_code:
        sql += " WHERE pcn_code = ?"
        params.append(pcn_code)
    return [(r["pcn_code"], date.fromisoformat(r["census_date"]))
            for r in store.query(sql + " ORDER BY census_date DESC, pcn_code", params)]


def nwrs_lines(store: Store, pcn_code: str, census: date) -> tuple[list[NwrsLine], tuple[str, ...]]:
    """The census's stored records, and a sentence for each one whose FTE cannot be used (a file
    written before FTEs were checked on import): those are left out, so the rest still reconcile."""
    lines, left_out = [], []
    for r in store.query("SELECT * FROM nwrs_record WHERE pcn_code = ? AND census_date = ? ORDER BY id",
                         [pcn_code, census.isoformat()]):
        source, uid = r["data_source"] or "", r["unique_identifier"] or ""
        try:
            fte = parse_nwrs_fte(str(r["fte"] or ""), pooled=is_pooled(source, uid))
        except ParseError as exc:
            left_out.append(f"NWRS record {uid or r['id']} ({r['detailed_staff_role']}) is left out: its stored FTE "
                            f"{shown(exc.text) or 'blank'} cannot be used (it must be {exc.expected}); import the census file again.")
            continue
        lines.append(NwrsLine(source, r["staff_group"], r["staff_role"], r["detailed_staff_role"], fte, uid))
    return lines, tuple(left_out)


def stored_reconciliation(store: Store, pcn_code: str | None = None, census: date | None = None) -> Reconciliation | None:
    """The reconciliation for a stored census (default: the PCN's latest), or None if none is held."""
    if pcn_code is None:
        pcn = get_pcn(store)
        held = censuses(store, pcn["code"] if pcn else None)
    else:
        held = censuses(store, pcn_code)
    if census is not None:
        held = [h for h in held if h[1] == census]
    if not held:
        return None
    code, when = held[0]
    lines, left_out = nwrs_lines(store, code, when)
    return reconcile(load_rulebook(store), code, when, lines, list_staff(store), left_out)


def _seed_salary(rules: RuleBook, role_code: str, day: date) -> Decimal:
    """A placeholder full-time salary: the top of the role's highest band that year (else the role's maximum)."""
    role = rules.role(role_code)
    fy = FinancialYear.of(day)
    if role and role.band_max:
        band = rules.pay_range(fy, role.band_max)
        if band is not None:
            return band.maximum
    rate = rules.rate_on(role_code, day)
    return (rate.annual_max if rate else Decimal("30000")).quantize(Decimal(1))


def split_fte(fte: Decimal) -> list[Decimal]:
    """One NWRS record's FTE as posts of at most 1.0 WTE each (1.6 → 1, 0.6), to 4 places."""
    fte = fte.quantize(Decimal("0.0001"), rounding=ROUND_HALF_UP)
    posts = []
    while fte > 0:
        posts.append(min(fte, Decimal(1)).normalize())
        fte -= Decimal(1)
    return posts


def seed_roster(store: Store, pcn_code: str | None = None, census: date | None = None, *,
                dry_run: bool = False) -> WriteReport:
    """Add roster entries for individual NWRS records (ARRS roles) not yet on the roster, as one action.

    Each is *estimated* (`StaffMember.estimated`) until the user confirms it: named 'NWRS
    <identifier>', starting on the census month's 1st, with the top of the role's band as a
    placeholder salary. A record above 1.0 FTE becomes split posts of at most 1.0 WTE each
    ('NWRS <identifier> post 1', '… post 2', NWRS id '<identifier>#1', '#2').
    """
    rec_census = stored_reconciliation(store, pcn_code, census)
    if rec_census is None:
        raise UserError("No NWRS workforce census is held; run 'pcntui import workforce FILE --pcn U12345' first.")
    rules = load_rulebook(store)
    lines, left_out = nwrs_lines(store, rec_census.pcn_code, rec_census.census)
    start = rec_census.census.replace(day=1)
    known = {m.nwrs_id.split("#")[0] for m in list_staff(store) if m.nwrs_id}
    report = WriteReport("roster entries from NWRS")
    notes = list(left_out)
    per_person: dict[tuple[str, str], Decimal] = {}
    for line in lines:
        role = rules.index.match_nwrs(line.detailed_staff_role, line.staff_role)
        if line.contracted or role is None:
            continue
        key = (line.unique_identifier, role.code)
        per_person[key] = per_person.get(key, Decimal(0)) + line.fte
    with store.action(f"Seed roster from NWRS census {rec_census.census.isoformat()}", dry_run=dry_run) as tx:
        for (uid, code), fte in sorted(per_person.items()):
            nwrs_id = f"{uid}:{code}" if sum(1 for k in per_person if k[0] == uid) > 1 else uid
            if uid in known or nwrs_id in known:
                report.skipped += 1
                continue
            posts = split_fte(fte)
            if not posts or len(posts) > MAX_SPLIT_POSTS:
                report.skipped += 1
                notes.append(f"NWRS {uid} ({rules.role_name(code)}) has {fte.normalize():f} FTE; add by hand.")
                continue
            if len(posts) > 1:
                notes.append(f"NWRS {uid} ({rules.role_name(code)}) has {fte.normalize():f} FTE: seeded as "
                             f"{len(posts)} posts of at most 1 WTE.")
            for i, wte in enumerate(posts, 1):
                suffix = (f" post {i}", f"#{i}") if len(posts) > 1 else ("", "")
                member = StaffMember(
                    id=None, name=f"NWRS {uid}{suffix[0]}", role_code=code, start_date=start, end_date=None,
                    terms=(Terms(start, wte, _seed_salary(rules, code, start), None),), arrs_funded=True,
                    nwrs_id=nwrs_id + suffix[1], estimated=True,
                    note="Seeded from NWRS: name, start date and salary are placeholders.",
                )
                _, outcome = write_member(tx.db, member)
                report.add(outcome)
    notes.append("Seeded entries are estimated (placeholder names, start dates and salaries): edit and confirm them.")
    report.notes = notes
    return report

"""The PCN and its member practices: set-up from the national files, refreshes, overview."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from pcntui.domain import ods
from pcntui.domain.deprivation import ImdRank, rank_scores, weighted_mean
from pcntui.domain.progress import Progress
from pcntui.errors import UserError
from pcntui.store import records
from pcntui.store.bulk import save_many
from pcntui.store.db import Store
from pcntui.store.tx import WriteReport

if TYPE_CHECKING:  # the national files' readers load pydantic: only the imports need them
    from pcntui.ingest.national import ImdScore, ListSize, MappedPractice


def get_pcn(store: Store) -> dict | None:
    rows = store.query("SELECT * FROM pcn ORDER BY code LIMIT 1")
    return rows[0] if rows else None


def require_pcn(store: Store) -> dict:
    pcn = get_pcn(store)
    if pcn is None:
        raise UserError("This database has no PCN yet; run 'pcntui setup --pcn U12345 --practices MAP.csv' first.")
    return pcn


def pcns_in_map(mapped: list[MappedPractice]) -> list[tuple[str, str, int]]:
    """(code, name, practices) for every PCN in a practice map, unallocated rows excluded."""
    counts = Counter((p.pcn_code, p.pcn_name) for p in mapped if p.pcn_code != "U")
    return sorted((code, name, n) for (code, name), n in counts.items())


def _pcn_record(pcn_code: str, members: list[MappedPractice], source: str) -> dict:
    first = members[0]
    return {
        "code": pcn_code,
        "name": first.pcn_name,
        "sub_icb_code": first.sub_icb_code,
        "sub_icb_name": first.sub_icb_name,
        "icb_code": first.icb_code,
        "icb_name": first.icb_name,
        "region_code": first.region_code,
        "region_name": first.region_name,
        "source": source,
    }


def _practice_record(p: MappedPractice, pcn_code: str) -> dict:
    return {
        "code": p.code,
        "pcn_code": pcn_code,
        "name": p.name,
        "postcode": p.postcode,
        "supplier": p.supplier,
        "sub_icb_code": p.sub_icb_code,
        "icb_code": p.icb_code,
        "map_date": p.extract_date.isoformat(),
    }


def members_of(pcn_code: str, mapped: list[MappedPractice], file_name: str) -> list[MappedPractice]:
    code = ods.check_pcn_code(pcn_code)
    members = [p for p in mapped if p.pcn_code == code]
    if not members:
        known = pcns_in_map(mapped)
        hint = ", ".join(c for c, _, _ in known[:5]) + (" …" if len(known) > 5 else "")
        raise UserError(f"PCN {code} is not in {file_name} (it lists {len(known)} PCNs: {hint}).")
    return members


def write_practices(db, pcn_code: str, members: list[MappedPractice], source: str, report: WriteReport) -> None:
    records.save(db, "pcn", "code", _pcn_record(pcn_code, members, source))
    save_many(db, "practice", "code", [_practice_record(p, pcn_code) for p in members], report)


def write_list_sizes(db, sizes: list[ListSize], report: WriteReport) -> None:
    save_many(db, "list_size", ("practice_code", "extract_date"), [
        {"practice_code": s.practice_code, "extract_date": s.extract_date.isoformat(), "patients": s.patients,
         "aged_65_plus": s.aged_65_plus} for s in sizes], report)


def write_imd(db, scores: list[ImdScore], report: WriteReport, members: set[str]) -> None:
    """Every practice's score in the file (the deprivation quintiles are worked out across them all),
    with a note saying how many are the PCN's `members` and which of them have none."""
    save_many(db, "practice_imd", ("practice_code", "imd_year"), [
        {"practice_code": s.practice_code, "imd_year": s.imd_year, "score": s.score, "practice_name": s.practice_name}
        for s in scores], report)
    scored = {s.practice_code for s in scores}
    report.notes = [f"Every practice's score in the file is kept (deprivation quintiles are worked out across them); "
                    f"{len(members & scored)} of the PCN's {len(members)} practices are among them."]
    if members - scored:
        report.notes.append(f"No IMD score in the file for {', '.join(sorted(members - scored))}.")


def _practice_codes(store: Store) -> set[str]:
    return {r["code"] for r in store.query("SELECT code FROM practice")}


def setup(
    store: Store,
    pcn_code: str,
    practices_file: str | Path,
    list_sizes_file: str | Path | None = None,
    imd_file: str | Path | None = None,
    *,
    dry_run: bool = False,
    progress: Progress | None = None,
) -> list[WriteReport]:
    """Set up (or refresh) the PCN and its practices from the national files, as one action
    (`progress` hears of each file's rows as they are read)."""
    from pcntui.ingest.national import read_imd, read_list_sizes, read_practice_map

    practices_file = Path(practices_file)
    mapped = read_practice_map(practices_file, progress=progress)
    members = members_of(pcn_code, mapped, practices_file.name)
    code = members[0].pcn_code
    existing = get_pcn(store)
    if existing and existing["code"] != code:
        raise UserError(
            f"This database is set up for PCN {existing['code']} ({existing['name']}), not {code}; use another --db file."
        )
    member_codes = {p.code for p in members}
    sizes = read_list_sizes(list_sizes_file, member_codes, progress=progress) if list_sizes_file else []
    scores = read_imd(imd_file, progress=progress) if imd_file else []
    reports = [WriteReport("practices")]
    source = f"{practices_file.name} (extract {members[0].extract_date.isoformat()})"
    with store.action(f"Set up PCN {code} from {practices_file.name}", dry_run=dry_run) as tx:
        write_practices(tx.db, code, members, source, reports[0])
        if list_sizes_file:
            reports.append(WriteReport("list sizes"))
            write_list_sizes(tx.db, sizes, reports[-1])
            missing = member_codes - {s.practice_code for s in sizes}
            if missing:
                reports[-1].notes = [f"No list size in the file for {', '.join(sorted(missing))}."]
        if imd_file:
            reports.append(WriteReport("IMD scores"))
            write_imd(tx.db, scores, reports[-1], member_codes)
    return reports


def import_national(store: Store, kind: str, path: str | Path, *, dry_run: bool = False,
                    progress: Progress | None = None) -> WriteReport:
    """`pcntui import practices|list-sizes|imd FILE` for a database already set up."""
    from pcntui.ingest.national import read_imd, read_list_sizes, read_practice_map

    path = Path(path)
    pcn = require_pcn(store)
    report = WriteReport(kind)
    if kind == "practices":
        members = members_of(pcn["code"], read_practice_map(path, progress=progress), path.name)
        source = f"{path.name} (extract {members[0].extract_date.isoformat()})"
        writer = lambda db: write_practices(db, pcn["code"], members, source, report)  # noqa: E731
        known, now = _practice_codes(store), {p.code for p in members}
        gone = sorted(known - now)
        if gone:
            report.notes = [f"No longer in the map for {pcn['code']} (kept, not deleted): {', '.join(gone)}."]
    elif kind == "list-sizes":
        codes = _practice_codes(store)
        sizes = read_list_sizes(path, codes, progress=progress)
        if not sizes:
            raise UserError(f"{path.name} has no list sizes for this PCN's practices ({', '.join(sorted(codes))}).")
        writer = lambda db: write_list_sizes(db, sizes, report)  # noqa: E731
    elif kind == "imd":
        scores = read_imd(path, progress=progress)
        codes = _practice_codes(store)
        writer = lambda db: write_imd(db, scores, report, codes)  # noqa: E731
    else:  # pragma: no cover - the CLI restricts kinds
        raise UserError(f"Unknown import kind '{kind}'.")
    with store.action(f"Import {kind} from {path.name}", dry_run=dry_run) as tx:
        writer(tx.db)
    return report


def import_practices(store: Store, path: Path, *, dry_run: bool = False, progress: Progress | None = None,
                     **_: object) -> WriteReport:
    return import_national(store, "practices", path, dry_run=dry_run, progress=progress)


def import_list_sizes(store: Store, path: Path, *, dry_run: bool = False, progress: Progress | None = None,
                      **_: object) -> WriteReport:
    return import_national(store, "list-sizes", path, dry_run=dry_run, progress=progress)


def import_imd(store: Store, path: Path, *, dry_run: bool = False, progress: Progress | None = None,
               **_: object) -> WriteReport:
    return import_national(store, "imd", path, dry_run=dry_run, progress=progress)


@dataclass
class PracticeRow:
    """One line of the PCN screen."""

    code: str
    name: str
    postcode: str | None
    supplier: str | None
    patients: int | None
    list_date: str | None
    aged_65_plus: int | None
    imd: ImdRank | None
    rev: int


def practices_overview(store: Store) -> list[PracticeRow]:
    """Every practice with its latest list size and IMD rank (latest IMD year)."""
    rows = store.query(
        """
        SELECT p.code, p.name, p.postcode, p.supplier, p.rev,
               l.patients, l.extract_date AS list_date, l.aged_65_plus
        FROM practice p
        LEFT JOIN list_size l ON l.practice_code = p.code
          AND l.extract_date = (SELECT max(extract_date) FROM list_size WHERE practice_code = p.code)
        ORDER BY p.name
        """
    )
    year = store.scalar("SELECT max(imd_year) FROM practice_imd")
    ranks: dict[str, ImdRank] = {}
    if year is not None:
        scores = {r["practice_code"]: r["score"] for r in store.query("SELECT practice_code, score FROM practice_imd WHERE imd_year = ?", [year])}
        ranks = rank_scores(scores)
    return [
        PracticeRow(
            r["code"], r["name"], r["postcode"], r["supplier"], r["patients"], r["list_date"], r["aged_65_plus"],
            ranks.get(r["code"]), r["rev"],
        )
        for r in rows
    ]


@dataclass
class PcnSummary:
    """The PCN at a glance: code, name, practices, patients and IMD."""

    code: str
    name: str
    icb_name: str | None
    practices: int
    patients: int
    list_date: str | None
    imd_weighted: float | None
    most_deprived_quintile: int  # practices in IMD quintile 1 (national files only)


def pcn_summary(store: Store) -> PcnSummary | None:
    pcn = get_pcn(store)
    if pcn is None:
        return None
    rows = practices_overview(store)
    dates = sorted({r.list_date for r in rows if r.list_date})
    imd = weighted_mean([(r.imd.score, r.patients) for r in rows if r.imd and r.patients])
    return PcnSummary(
        pcn["code"],
        pcn["name"],
        pcn["icb_name"],
        len(rows),
        sum(r.patients or 0 for r in rows),
        dates[-1] if dates else None,
        imd,
        sum(1 for r in rows if r.imd and r.imd.quintile == 1),
    )

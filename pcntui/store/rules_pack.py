"""`pcntui rules export` and `pcntui rules import`: a year's rule tables as one rules pack
(format: pcntui/domain/rules_pack.py, docs/rules-pack.md).

Export writes the rows in force for the year, each marked `shipped` or `local`. Import checks
the whole pack first (any bad row refuses it, nothing changed), then compares each row with the
database by its natural key: a `local` row that differs is saved as the user's own row (it wins
over shipped rows, on later upgrades too); a `shipped` row that matches the figure this release
ships removes the user's row for that key, so the shipped figure applies again; a `shipped` row
this release does not ship as given is saved as a local row. A pack's IIF rows are the year's
table: the year's shipped indicators it does not list are set aside (store/iif.py). Everything
is one action (one undo step), made after the automatic pre-import backup; `dry_run` only reports.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from pcntui.domain.text import counted
from pcntui.domain.fy import FinancialYear
from pcntui.domain.parse import as_typed
from pcntui.domain.rules_pack import SECTIONS, Pack, Row, Section, parse_pack, render_pack
from pcntui.errors import ImportFileError, UserError
from pcntui.store import rules_pack_arrs as arrs
from pcntui.store import rules_pack_des as des
from pcntui.store.db import Store
from pcntui.store.tx import Tx

Op = Callable[[Tx, Row], None]


def _arrs(section: str) -> tuple[Op, Op]:
    return (lambda tx, row: arrs.write(tx, section, row)), (lambda tx, row: arrs.revert(tx, section, row))


# section → (write the row as the user's own, make the shipped row apply again)
OPS: dict[str, tuple[Op, Op | None]] = {
    **{name: _arrs(name) for name in arrs.TABLES},
    "requirement": (des.write_requirement, des.write_requirement),
    "smr_cohort": (des.write_cohort, None),
    "smr_cohort_year": (des.write_cohort_year, des.revert_cohort_year),
    "smr_target": (des.write_target, None),
    "iif_indicator": (des.write_indicator, des.revert_indicator),
}
SET_ASIDE: dict[str, Op] = {"iif_indicator": des.set_aside_indicator}


def _rows(store: Store, fy: FinancialYear) -> dict[str, tuple[list[Row], list[Row]]]:
    """section → (the database's rows in force, this release's shipped rows) that a pack of `fy` may meet."""
    from pcntui.reference.arrs import shipped_rulebook

    current, shipped = arrs.current_rows(store), arrs.book_rows(shipped_rulebook())
    out = {name: (current[name], shipped[name]) for name in arrs.TABLES}
    out["requirement"] = (des.requirement_rows(store, fy), list(des.shipped_requirement_rows().values()))
    out["smr_cohort"] = (des.cohort_rows(store), [])
    out["smr_cohort_year"] = (des.cohort_year_rows(store, fy), des.shipped_cohort_year_rows(fy))
    out["smr_target"] = (des.target_rows(store, fy), [])
    out["iif_indicator"] = (des.indicator_rows(store, fy), des.shipped_indicator_rows(fy))
    return out


def build_pack(store: Store, fy: FinancialYear) -> Pack:
    """The year's rule tables in force, as a pack."""
    pack = Pack(fy.label)
    for name, (current, _) in _rows(store, fy).items():
        pack.rows[name] = arrs.year_rows(name, current, fy) if name in arrs.TABLES else current
    return pack


def export_pack(store: Store, fy: FinancialYear) -> str:
    return render_pack(build_pack(store, fy))


# ---------------------------------------------------------------------- import
@dataclass(frozen=True)
class RowChange:
    section: str
    what: str  # the row's key in words
    old: Row | None
    new: Row
    op: str  # "write", "revert" or "set aside"

    def fields(self) -> list[tuple[str, object, object]]:
        if self.old is None:
            return []
        return [(k, self.old.get(k), v) for k, v in self.new.items() if self.old.get(k) != v]


@dataclass
class PackReport:
    name: str
    fy: str
    dry_run: bool
    changes: list[RowChange] = field(default_factory=list)
    unchanged: int = 0

    def lines(self) -> list[str]:
        added = sum(1 for c in self.changes if c.old is None)
        head = (f"Rules pack {self.fy} ({self.name}): {counted(added, 'row')} added, {len(self.changes) - added} changed, "
                f"{self.unchanged} unchanged.")
        out = [head]
        for c in self.changes:
            if c.op == "set aside":
                out.append(f"  set aside {c.what} (shipped; the pack's year does not list it)")
                continue
            if c.old is None:
                out.append(f"  added    {c.what}")
                continue
            out.append(f"  changed  {c.what}: " + "; ".join(f"{k} {_shown(a)} → {_shown(b)}" for k, a, b in c.fields()))
        if self.dry_run:
            out.append("Dry run: nothing was saved.")
        elif self.changes:
            out.append("Saved as one action ('pcntui undo' reverts it); a backup was made first.")
        return out


def _shown(value: object) -> str:
    return "(blank)" if value is None or value == "" else as_typed(value)


def _values_equal(a: Row, b: Row) -> bool:
    return {k: v for k, v in a.items() if k != "origin"} == {k: v for k, v in b.items() if k != "origin"}


def _plan_section(section: Section, rows: list[Row], current: list[Row], shipped: list[Row],
                  report: PackReport) -> None:
    cur = {section.key_of(r): r for r in current}
    shp = {section.key_of(r): r for r in shipped}
    per_indicator = section.name == "iif_indicator"  # a shipped indicator not in force has been set aside
    for row in rows:
        key = section.key_of(row)
        old = cur.get(key)
        if old == row:
            report.unchanged += 1
            continue
        ship = shp.get(key)
        restores = row["origin"] == "shipped" and ship is not None and _values_equal(ship, row)
        if restores and ((old is not None and old["origin"] == "local") or (per_indicator and old is None)):
            report.changes.append(RowChange(section.name, section.key_text(row), old, row, "revert"))
            continue
        row = {**row, "origin": "local"}
        if old == row:
            report.unchanged += 1
            continue
        report.changes.append(RowChange(section.name, section.key_text(row), old, row, "write"))
    if section.name in SET_ASIDE:
        listed = {section.key_of(r) for r in rows}
        for key, row in shp.items():
            if key not in listed and cur.get(key, {}).get("origin") == "shipped":
                report.changes.append(RowChange(section.name, section.key_text(row), cur[key], row, "set aside"))


def _lookups(store: Store) -> tuple[Callable[[str], str | None], Callable[[str], str | None]]:
    from pcntui.store.arrs import load_rulebook
    from pcntui.store.smr import cohort_index

    book, cohorts = load_rulebook(store), cohort_index(store)

    def role(text: str) -> str | None:
        found = book.match_role(text)
        return found.code if found else None

    def cohort(text: str) -> str | None:
        found = cohorts.find(text)
        return found.code if found else None

    return role, cohort


def read_pack(store: Store, path: Path) -> Pack:
    """The pack in the file at `path`, checked whole against the database's roles and cohorts."""
    try:
        text = Path(path).read_text(encoding="utf-8-sig")
    except UnicodeDecodeError:
        raise UserError(f"{Path(path).name} is not a rules pack: it is not UTF-8 text.") from None
    except OSError as exc:
        raise UserError(f"{path} cannot be read ({exc.strerror or exc}).") from None
    role, cohort = _lookups(store)
    return parse_pack(text, name=Path(path).name, role=role, cohort=cohort)


def _refuse_shipped_cohorts(pack: Pack, name: str) -> None:
    """A pack may define cohorts of its own, not redefine the ones pcntui ships."""
    from pcntui.reference.smr_reference import reference_cohorts

    shipped = {c.code for c in reference_cohorts()}
    problems = [f"section smr_cohort, row {n}, field code: {row['code']} is a cohort pcntui ships; "
                "a pack may only define cohorts of its own."
                for n, row in enumerate(pack.section("smr_cohort"), start=1) if row["code"] in shipped]
    if problems:
        raise ImportFileError(f"{name} was not imported: {counted(len(problems), 'problem')} in the rules pack; "
                              "nothing was changed.", problems)


def import_pack(store: Store, path: Path, *, dry_run: bool = False) -> PackReport:
    """`pcntui rules import FILE`: check the whole pack, then apply it as one action (see above)."""
    from pcntui.store.backup import backup_before_import

    pack = read_pack(store, path)
    _refuse_shipped_cohorts(pack, Path(path).name)
    fy = FinancialYear.parse(pack.fy)
    report = PackReport(Path(path).name, pack.fy, dry_run)
    sources = _rows(store, fy)
    for section in SECTIONS:
        if pack.section(section.name):
            _plan_section(section, pack.section(section.name), *sources[section.name], report)
    if dry_run or not report.changes:
        return report
    backup_before_import(store, "rules")
    with store.action(f"Import rules pack {pack.fy} from {report.name}") as tx:
        for change in report.changes:
            write, revert = OPS[change.section]
            op = {"write": write, "revert": revert}.get(change.op) or SET_ASIDE[change.section]
            op(tx, change.new)
    return report

"""The rules pack: one TOML file holding one financial year's rule tables (docs/rules-pack.md).

A pack has a `[pack]` table (format, version, fy) and one array of tables per section
(`[[rate]]`, `[[cap]]` …). Every row keeps its `source`, its `confirmed` mark (where the table
has one) and its `origin`: `shipped` (the figure pcntui ships) or `local` (the user's or the
ICB's own row, which wins over shipped rows on later upgrades). `parse_pack` checks the whole
file and raises ImportFileError naming every bad section/row/field; `render_pack` writes the
canonical text, so rendering a parsed pack gives the same bytes.
"""

from __future__ import annotations

from pcntui.domain.text import counted
import json
import textwrap
import tomllib
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal

from pydantic import ValidationError

from pcntui.domain.arrs_roles import band_index
from pcntui.domain.cohort import check_code
from pcntui.domain.fy import FinancialYear
from pcntui.domain.parse import parse_date, parse_decimal, parse_int, parse_money, parse_percent, parse_yes_no, shown
from pcntui.domain.requirement_in import RequirementIn
from pcntui.domain.requirements import parse_area
from pcntui.errors import ImportFileError, UserError

FORMAT = "pcntui rules pack"
VERSION = 1
ORIGINS = ("shipped", "local")

Row = dict[str, object]


@dataclass(frozen=True)
class Field:
    name: str
    kind: str  # text, a key of _TEXT_PARSERS, or role / cohort (looked up in the database)
    required: bool = False


@dataclass(frozen=True)
class Section:
    name: str
    about: str  # the comment above the section in the file
    fields: tuple[Field, ...]
    key: tuple[str, ...]

    @property
    def names(self) -> tuple[str, ...]:
        return tuple(f.name for f in self.fields)

    def key_of(self, row: Row) -> tuple:
        """The natural key; a requirement without a key is known by its year and title."""
        if self.name == "requirement" and not row["key"]:
            return ("", row["fy"], str(row["title"]).casefold())
        return tuple(str(row[k]).casefold() if isinstance(row[k], str) else row[k] for k in self.key)

    def key_text(self, row: Row) -> str:
        parts = [f"{k} {row[k]}" for k in self.key if row.get(k) not in ("", None)]
        if self.name == "requirement" and not row["key"]:
            parts = [f"'{row['title']}'"]
        return f"{self.name} " + ", ".join(parts)


def _f(spec: str) -> Field:
    name, _, kind = spec.partition(":")
    return Field(name.rstrip("*"), kind or "text", name.endswith("*"))


def _section(name: str, about: str, key: str, specs: str) -> Section:
    return Section(name, about, tuple(_f(s) for s in specs.split()), tuple(key.split()))


_MARKS = "confirmed*:bool source note origin*:origin"
SECTIONS: tuple[Section, ...] = (
    _section("rate", "ARRS maximum reimbursable £ per WTE per year, by role (and Agenda for Change band), "
             "from a date; annual_max is the maximum at the row's reimbursement_pct", "role band effective_from",
             f"role*:role band:band effective_from*:date annual_max*:money inner_london_max:money "
             f"outer_london_max:money reimbursement_pct*:share {_MARKS}"),
    _section("cap", "ARRS caps on the WTE of a role a PCN may claim for, years fy_from to fy_to "
             "(both limits blank: no cap)", "role fy_from",
             f"role*:role fy_from*:fy fy_to:fy max_wte_under_100k:number max_wte_100k_plus:number {_MARKS}"),
    _section("funding", "ARRS £ per weighted patient (and the ring-fenced GP sum's, in a year with one)", "fy",
             f"fy*:fy rate_per_patient*:rate gp_rate_per_patient:rate population_date:date {_MARKS}"),
    _section("oncost", "Employer on-costs for default on-cost %: NI above an annual threshold, pension", "fy",
             f"fy*:fy employer_ni_pct*:pct ni_threshold*:money0 pension_pct*:pct {_MARKS}"),
    _section("pay_band", "Agenda for Change pay ranges (used to warn about salaries)", "fy band",
             f"fy*:fy band*:band min*:money max*:money {_MARKS}"),
    _section("requirement", "Network Contract DES requirements (the PCN's own owner, status and evidence are "
             "not part of a pack)", "key",
             "key fy*:fy area*:area title* detail due_on:date due_confirmed*:bool source origin*:origin"),
    _section("smr_cohort", "SMR cohorts of the user's or the ICB's own (shipped cohorts are not listed); "
             "aliases are separated by |", "code", "code*:code name* definition aliases"),
    _section("smr_cohort_year", "SMR cohorts in the year: DES priority group or not, the IIF indicator (its "
             "thresholds are that indicator's iif_indicator row)", "cohort fy",
             "cohort*:cohort fy*:fy des_priority*:bool des_confirmed*:bool iif_indicator iif_confirmed*:bool note "
             "origin*:origin"),
    _section("smr_target", "The PCN's SMR targets: a percent of eligible patients reviewed, or a count",
             "cohort fy", "cohort*:cohort fy*:fy kind*:target value*:number"),
    _section("iif_indicator", "IIF indicators, also the SMR cohorts' thresholds (in percent; for lower-is-better "
             "the lower threshold is the larger number; points and pound_per_point blank: not known); a local row "
             "wins over the shipped row of its indicator; shipped indicators of the year the pack does not list are "
             "set aside", "fy indicator",
             "fy*:fy indicator* ind_code description numerator_measure* denominator_measure* "
             f"lower_threshold*:pct upper_threshold*:pct points:rate pound_per_point:money "
             f"higher_is_better*:bool reference_list_size:count {_MARKS}"),
)
BY_NAME = {s.name: s for s in SECTIONS}


@dataclass
class Pack:
    fy: str
    rows: dict[str, list[Row]] = field(default_factory=dict)

    def section(self, name: str) -> list[Row]:
        return self.rows.get(name, [])


# ---------------------------------------------------------------------- canonical values
def money(value: Decimal) -> Decimal:
    return value.quantize(Decimal("0.01"))


def exact(value: Decimal) -> Decimal:
    """A decimal without trailing zeros or exponent ('100', '22.894')."""
    return Decimal(format(value.normalize(), "f"))


def _band(text: str) -> str:
    cleaned = text.strip().lower().removeprefix("afc").strip().removeprefix("band").strip()
    if band_index(cleaned) is None:
        raise UserError(f"'{shown(text)}' is not an Agenda for Change band (2 to 9, e.g. 5, 7 or 8a).")
    return cleaned


def _fy(text: str) -> str:
    try:
        return FinancialYear.parse(text).label
    except (UserError, ValueError):
        raise UserError(f"'{shown(text)}' is not a financial year (write it like 2026/27).") from None


def _choice(words: tuple[str, ...]) -> Callable[[str], str]:
    def read(text: str) -> str:
        if text.strip().lower() not in words:
            raise UserError(f"'{shown(text)}' is not one of: {', '.join(words)}.")
        return text.strip().lower()
    return read


_TEXT_PARSERS: dict[str, Callable[[str], object]] = {
    "money": lambda t: money(parse_money(t, low_open=True)),
    "money0": lambda t: money(parse_money(t)),
    "pct": lambda t: exact(parse_percent(t)),
    "share": lambda t: exact(parse_percent(t, low_open=True)),
    "rate": lambda t: exact(parse_decimal(t, low=0, high=10_000_000, low_open=True, hint="e.g. 26.631")),
    "number": lambda t: exact(parse_decimal(t, low=0, high=10_000_000, hint="e.g. 1 or 0.5")),
    "count": lambda t: parse_int(t, low=1),
    "date": parse_date,
    "bool": parse_yes_no,
    "fy": _fy,
    "band": _band,
    "area": parse_area,
    "origin": _choice(ORIGINS),
    "target": _choice(("percent", "count")),
    "code": check_code,
}
_NUMBERS = {"money", "money0", "pct", "share", "rate", "number", "count"}


def _value(kind: str, raw: object, lookup: Mapping[str, Callable[[str], str | None]]) -> object:
    """One cell, from what TOML gave (a string, or a typed value where TOML has one)."""
    if isinstance(raw, float):
        raise UserError(f"{raw!r} is written as a TOML float; write the exact decimal in quotes, e.g. \"{raw}\".")
    if kind == "bool" and isinstance(raw, bool):
        return raw
    if kind == "date" and isinstance(raw, date) and not isinstance(raw, datetime):
        return parse_date(raw.isoformat())
    if kind in _NUMBERS and isinstance(raw, int) and not isinstance(raw, bool):
        raw = str(raw)
    if not isinstance(raw, str):
        raise UserError(f"{shown(str(raw))} should be written as text in quotes.")
    if kind == "text":
        return raw
    if kind in lookup:
        found = lookup[kind](raw)
        if found is None:
            noun = "an ARRS role on record" if kind == "role" else "an SMR cohort on record"
            raise UserError(f"'{shown(raw)}' is not {noun}.")
        return found
    return _TEXT_PARSERS[kind](raw)


def _row_problems(section: Section, row: Row, fy: FinancialYear, lookup) -> list[tuple[str, str]]:
    """(field, problem) for a row whose cells parsed: the year it belongs to, and cross-field rules."""
    out = []
    if section.name == "rate" and row["effective_from"] > fy.end:
        out.append(("effective_from", f"{row['effective_from']} is after {fy.label} ends: it belongs in a later "
                                      "year's pack."))
    if section.name == "cap":
        fy_to = FinancialYear.parse(row["fy_to"]) if row["fy_to"] else None
        if not (FinancialYear.parse(row["fy_from"]) <= fy and (fy_to is None or fy <= fy_to)):
            out.append(("fy_from", f"the cap's years do not include {fy.label}."))
    elif "fy" in row and row["fy"] != fy.label:
        out.append(("fy", f"{row['fy']} is not the pack's year ({fy.label})."))
    if section.name == "smr_cohort" and lookup["cohort"](row["name"]) not in (None, row["code"]):
        out.append(("name", f"'{row['name']}' is already the name of the cohort {lookup['cohort'](row['name'])}."))
    if section.name == "pay_band" and row["max"] < row["min"]:
        out.append(("max", "is less than min."))
    if section.name == "smr_target" and row["kind"] == "percent" and row["value"] > 100:
        out.append(("value", "a percent target is at most 100."))
    if section.name == "requirement":
        fields = ("fy", "area", "title", "detail", "due_on", "due_confirmed", "source")
        try:
            RequirementIn(**{k: row[k] for k in fields})
        except ValidationError as exc:
            out += [(str(e["loc"][0]), e["msg"].removeprefix("Value error, ") + ".") for e in exc.errors()]
    low, high = row.get("lower_threshold"), row.get("upper_threshold")
    if section.name == "iif_indicator" and low != high and (low < high) != row["higher_is_better"]:
        out.append(("lower_threshold", "for higher-is-better the lower threshold is the smaller number "
                                       "(for lower-is-better, the larger)."))
    return out


def _read_row(section: Section, raw: object, lookup) -> tuple[Row, list[tuple[str, str]]]:
    if not isinstance(raw, dict):
        return {}, [("", "is not a table of fields.")]
    problems = [(name, "is not a column of this section.") for name in raw if name not in section.names]
    row: Row = {}
    for f in section.fields:
        cell = raw.get(f.name)
        if cell is None or (isinstance(cell, str) and not cell.strip() and f.kind != "text"):
            if f.required:
                problems.append((f.name, "is missing."))
            row[f.name] = "" if f.kind in ("text", "band") else None
            continue
        try:
            row[f.name] = _value(f.kind, cell, lookup)
        except UserError as exc:
            problems.append((f.name, str(exc)))
        if f.required and isinstance(row.get(f.name), str) and not row[f.name].strip():
            problems.append((f.name, "is blank."))
    row.setdefault("origin", "local")
    return row, problems


def _with_own_cohorts(cohort: Callable[[str], str | None], rows: list[Row]) -> Callable[[str], str | None]:
    own = {str(r[k]).strip().casefold(): r["code"] for r in rows if r.get("code") for k in ("code", "name")}

    def find(text: str) -> str | None:
        return cohort(text) or own.get(text.strip().casefold())
    return find


def parse_pack(text: str, *, name: str, role: Callable[[str], str | None],
               cohort: Callable[[str], str | None], fy: str | None = None) -> Pack:
    """The pack in `text`, every row checked; ImportFileError naming each bad section/row/field."""
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise ImportFileError(f"{name} is not a rules pack: it is not valid TOML ({exc}).") from None
    head = data.get("pack")
    if not isinstance(head, dict) or head.get("format") != FORMAT:
        raise ImportFileError(f"{name} is not a rules pack: it has no [pack] table with format = \"{FORMAT}\".")
    if head.get("version") != VERSION:
        raise ImportFileError(f"{name} is a rules pack of format version {shown(str(head.get('version')))}; "
                              f"this pcntui reads version {VERSION}.")
    extra = sorted(set(head) - {"format", "version", "fy"})
    try:
        year = FinancialYear.parse(_fy(str(head.get("fy", ""))))
    except UserError as exc:
        raise ImportFileError(f"{name}: [pack] fy: {exc}") from None
    if fy is not None and year.label != fy:
        raise ImportFileError(f"{name} is the pack for {year.label}, not {fy}.")
    problems = [f"[pack] has an unknown field '{shown(k)}'." for k in extra]
    problems += [f"unknown section [[{shown(k)}]] (sections: {', '.join(BY_NAME)})."
                 for k in data if k != "pack" and k not in BY_NAME]
    lookup = {"role": role, "cohort": cohort}
    pack = Pack(year.label)
    for section in SECTIONS:
        raws = data.get(section.name, [])
        if not isinstance(raws, list):
            problems.append(f"section {section.name}: write its rows as [[{section.name}]] tables.")
            continue
        seen: dict[tuple, int] = {}
        for number, raw in enumerate(raws, start=1):
            row, bad = _read_row(section, raw, lookup)
            if not bad:
                bad = _row_problems(section, row, year, lookup)
            if not bad:
                key = section.key_of(row)
                if key in seen:
                    bad = [("", f"has the same key as row {seen[key]} ({section.key_text(row)}).")]
                seen.setdefault(key, number)
            problems += [f"section {section.name}, row {number}" + (f", field {f}" if f else "") + f": {msg}"
                         for f, msg in bad]
            pack.rows.setdefault(section.name, []).append(row)
        if section.name == "smr_cohort":  # the pack's own cohorts may be used by its later sections
            lookup["cohort"] = _with_own_cohorts(cohort, pack.section("smr_cohort"))
    if problems:
        raise ImportFileError(f"{name} was not imported: {counted(len(problems), 'problem')} in the rules pack; "
                              "nothing was changed.", problems)
    return pack


# ---------------------------------------------------------------------- writing
def _toml(value: object) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, int):
        return str(value)
    if isinstance(value, Decimal):
        return json.dumps(format(value, "f"))
    return json.dumps(str(value), ensure_ascii=False).replace("\x7f", "\\u007f")


def render_pack(pack: Pack) -> str:
    """The pack as TOML: sections in a fixed order, rows as given, blank cells left out."""
    lines = [f"# {FORMAT} for {pack.fy}: the year's rule tables (see docs/rules-pack.md).",
             "# origin = \"shipped\": the figure pcntui ships; \"local\": the user's or the ICB's own row, which",
             "# wins over shipped figures. Check a pack with: pcntui rules import FILE --dry-run",
             "", "[pack]", f"format = {_toml(FORMAT)}", f"version = {VERSION}", f"fy = {_toml(pack.fy)}"]
    for section in SECTIONS:
        rows = pack.section(section.name)
        lines += [""] + ["# " + line for line in textwrap.wrap(f"{section.about}: {counted(len(rows), 'row')}.", 96)]
        for row in rows:
            lines += ["", f"[[{section.name}]]"]
            lines += [f"{f.name} = {_toml(row[f.name])}" for f in section.fields if row.get(f.name) not in (None, "")]
    return "\n".join(lines) + "\n"

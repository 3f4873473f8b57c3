"""The ARRS sections of a rules pack (pcntui/domain/rules_pack.py): maxima, caps, per-patient
rates, on-cost rules and pay bands, as pack rows read from a rule book, and written to (or
removed from) the user's tables, where a row wins over the shipped row with the same key."""

from __future__ import annotations

from pcntui.domain.arrs_roles import band_index
from pcntui.domain.arrs_rules import RuleBook
from pcntui.domain.fy import FinancialYear
from pcntui.domain.money import to_pence
from pcntui.domain.rules_pack import Row, exact, money
from pcntui.store.arrs import dec_text, load_rulebook
from pcntui.store.tx import Reader, Tx


def _opt(fn, value):
    return None if value is None else fn(value)


def _marks(r) -> Row:
    return {"confirmed": r.confirmed, "source": r.source, "note": r.note,
            "origin": "shipped" if r.origin == "shipped" else "local"}


def book_rows(book: RuleBook) -> dict[str, list[Row]]:
    """Every row of the rule book's year-scoped tables, as pack rows, by section."""
    return {
        "rate": [{"role": r.role_code, "band": r.band, "effective_from": r.effective_from,
                  "annual_max": money(r.annual_max), "inner_london_max": _opt(money, r.inner_london_max),
                  "outer_london_max": _opt(money, r.outer_london_max),
                  "reimbursement_pct": exact(r.reimbursement_pct), **_marks(r)} for r in book.rates],
        "cap": [{"role": c.role_code, "fy_from": c.fy_from.label, "fy_to": c.fy_to.label if c.fy_to else None,
                 "max_wte_under_100k": _opt(exact, c.max_wte_under_100k),
                 "max_wte_100k_plus": _opt(exact, c.max_wte_100k_plus), **_marks(c)} for c in book.caps],
        "funding": [{"fy": f.fy.label, "rate_per_patient": exact(f.rate_per_patient),
                     "gp_rate_per_patient": _opt(exact, f.gp_rate_per_patient), "population_date": f.population_date,
                     **_marks(f)} for f in book.funding],
        "oncost": [{"fy": o.fy.label, "employer_ni_pct": exact(o.employer_ni_pct),
                    "ni_threshold": money(o.ni_threshold_annual), "pension_pct": exact(o.pension_pct), **_marks(o)}
                   for o in book.oncosts],
        "pay_band": [{"fy": b.fy.label, "band": b.band, "min": money(b.minimum), "max": money(b.maximum),
                      **_marks(b)} for b in book.pay_bands],
    }


def current_rows(reader: Reader) -> dict[str, list[Row]]:
    return book_rows(load_rulebook(reader))


def year_rows(section: str, rows: list[Row], fy: FinancialYear) -> list[Row]:
    """The rows an export of `fy` holds, in a fixed order: maxima dated in the year and the one in
    effect on its first day (per role and band); caps covering the year; the year's other rows."""
    if section == "rate":
        latest_before: dict[tuple, Row] = {}
        out = []
        for r in sorted(rows, key=lambda r: r["effective_from"]):
            if r["effective_from"] < fy.start:
                latest_before[(r["role"], r["band"])] = r
            elif r["effective_from"] <= fy.end:
                out.append(r)
        out += latest_before.values()
        return sorted(out, key=lambda r: (r["role"], band_index(r["band"]) or -1, r["effective_from"]))
    if section == "cap":
        return sorted((r for r in rows if FinancialYear.parse(r["fy_from"]) <= fy
                       and (r["fy_to"] is None or fy <= FinancialYear.parse(r["fy_to"]))),
                      key=lambda r: r["role"])
    chosen = [r for r in rows if r["fy"] == fy.label]
    return sorted(chosen, key=lambda r: band_index(r["band"]) or 0) if section == "pay_band" else chosen


def _marks_db(row: Row) -> dict:
    return {"confirmed": int(row["confirmed"]), "source": row["source"], "note": row["note"]}


def _pence(value):
    return None if value is None else to_pence(value)


# section → (table, key columns, the row's values for the table)
TABLES = {
    "rate": ("arrs_rate", ("role_code", "band", "effective_from"), lambda r: {
        "role_code": r["role"], "band": r["band"], "effective_from": r["effective_from"].isoformat(),
        "annual_max_pence": to_pence(r["annual_max"]), "inner_london_max_pence": _pence(r["inner_london_max"]),
        "outer_london_max_pence": _pence(r["outer_london_max"]), "reimbursement_pct": dec_text(r["reimbursement_pct"]),
        **_marks_db(r)}),
    "cap": ("arrs_cap", ("role_code", "fy_from"), lambda r: {
        "role_code": r["role"], "fy_from": r["fy_from"], "fy_to": r["fy_to"],
        "max_wte_under_100k": dec_text(r["max_wte_under_100k"]), "max_wte_100k_plus": dec_text(r["max_wte_100k_plus"]),
        **_marks_db(r)}),
    "funding": ("arrs_funding_rate", ("fy",), lambda r: {
        "fy": r["fy"], "rate_per_patient": dec_text(r["rate_per_patient"]),
        "gp_rate_per_patient": dec_text(r["gp_rate_per_patient"]),
        "population_date": _opt(lambda d: d.isoformat(), r["population_date"]), **_marks_db(r)}),
    "oncost": ("employer_oncost_rate", ("fy",), lambda r: {
        "fy": r["fy"], "employer_ni_pct": dec_text(r["employer_ni_pct"]), "ni_threshold_pence": to_pence(r["ni_threshold"]),
        "pension_pct": dec_text(r["pension_pct"]), **_marks_db(r)}),
    "pay_band": ("afc_pay_band", ("fy", "band"), lambda r: {
        "fy": r["fy"], "band": r["band"], "min_pence": to_pence(r["min"]), "max_pence": to_pence(r["max"]),
        **_marks_db(r)}),
}


def write(tx: Tx, section: str, row: Row) -> None:
    """Save `row` as the user's own (it wins over the shipped row with the same key)."""
    from pcntui.store import records

    table, key, values = TABLES[section]
    records.save(tx.db, table, key, values(row))


def revert(tx: Tx, section: str, row: Row) -> None:
    """Remove the user's row with `row`'s key, so the shipped row applies again."""
    table, key, values = TABLES[section]
    v = values(row)
    tx.execute(f'DELETE FROM "{table}" WHERE ' + " AND ".join(f'"{k}" = ?' for k in key), [v[k] for k in key])

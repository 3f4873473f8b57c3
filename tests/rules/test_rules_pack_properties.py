"""Property: any pack pcntui can write reads back as the same rows, and writing those gives the same bytes."""

from datetime import date
from decimal import Decimal

from hypothesis import given
from hypothesis import strategies as st

from pcntui.domain.rules_pack import Pack, parse_pack, render_pack

ROLES = ("CP", "GP", "GPN", "MHP")
text = st.text(st.characters(exclude_categories=("Cs",)), max_size=30)
money = st.decimals(min_value=Decimal("0.01"), max_value=Decimal("500000"), places=2)
pct = st.decimals(min_value=Decimal("0.001"), max_value=Decimal(100), places=3).map(
    lambda d: Decimal(format(d.normalize(), "f")))
rate = st.fixed_dictionaries({
    "role": st.sampled_from(ROLES), "band": st.sampled_from(("", "5", "6", "8a")),
    "effective_from": st.dates(date(2019, 4, 1), date(2027, 3, 31)), "annual_max": money,
    "inner_london_max": st.none() | money, "outer_london_max": st.none() | money, "reimbursement_pct": pct,
    "confirmed": st.booleans(), "source": text, "note": text, "origin": st.sampled_from(("shipped", "local")),
})
funding = st.fixed_dictionaries({
    "fy": st.just("2026/27"), "rate_per_patient": st.decimals(min_value=Decimal("0.001"), max_value=Decimal(100),
                                                              places=3).map(lambda d: Decimal(format(d.normalize(), "f"))),
    "gp_rate_per_patient": st.none(), "population_date": st.none() | st.dates(date(2025, 1, 1), date(2026, 12, 31)),
    "confirmed": st.booleans(), "source": text, "note": text, "origin": st.sampled_from(("shipped", "local")),
})


def unique(rows):
    seen, out = set(), []
    for r in rows:
        key = (r["role"], r["band"], r["effective_from"])
        if key not in seen:
            seen.add(key)
            out.append(r)
    return out


@given(st.lists(rate, max_size=6).map(unique), st.lists(funding, max_size=1))
def test_a_written_pack_reads_back_as_the_same_rows_and_bytes(rates, fundings):
    pack = Pack("2026/27", {"rate": rates, "funding": fundings})
    written = render_pack(pack)
    back = parse_pack(written, name="p.toml", role=lambda t: t if t in ROLES else None, cohort=lambda t: None)
    assert back.section("rate") == rates
    assert back.section("funding") == fundings
    assert render_pack(back) == written

"""The one set of parsers (pcntui.domain.parse): hand-picked examples and properties.

Every numeric parser refuses non-ASCII digits, exponents, NaN/Infinity, doubled signs and
badly grouped thousands; bounds are part of the parser; every refusal is one sentence
naming the value; canonical text within the bounds round-trips.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from pcntui.domain.parse import (
    MAX_COUNT,
    MAX_ID,
    MAX_MONEY,
    ParseError,
    id_or_none,
    iso_date,
    optional,
    parse_count,
    parse_date,
    parse_decimal,
    parse_id,
    parse_money,
    parse_nwrs_fte,
    parse_percent,
    parse_wte,
    parse_yes_no,
    shown,
)
from pcntui.errors import UserError

NUMERIC = [parse_count, parse_decimal, parse_money, parse_percent, parse_wte, parse_nwrs_fte, parse_id]
HOSTILE = ["²", "١٢", "１２", "१२", "1²", "--5", "+-1", "-+1", "+1", "1e5", "1E5", "NaN", "nan", "-NaN1234",
           "Infinity", "-inf", "1,2,3", "12,34", "1,2345", ",123", "1.2.3", "0x10", "1_000", "1 000", "", "  ",
           "abc", ".", "-", "£", "12abc", "\x1b[31m1", "1\x00"]


def one_sentence(exc: ParseError) -> str:
    text = str(exc)
    # without a field name the sentence starts with the value (callers prefix "row 2, column X: ")
    assert "\n" not in text and text.endswith("."), text
    assert text[0].isupper() or text.startswith(("'", "is blank")) or text[0] in "-+.0123456789", text
    return text


@pytest.mark.parametrize("parser", NUMERIC)
@pytest.mark.parametrize("text", HOSTILE)
def test_no_parser_takes_hostile_text(parser, text):
    with pytest.raises(ParseError) as err:
        parser(text, "Field")
    one_sentence(err.value)
    assert isinstance(err.value, UserError) and isinstance(err.value, ValueError)


@pytest.mark.parametrize("text, value", [
    ("0", 0), ("12", 12), (" 7 ", 7), ("1,234", 1234), ("1,234,567", 1234567), ("10,000,000", MAX_COUNT),
    ("007", 7),
])
def test_counts(text, value):
    assert parse_count(text) == value


@pytest.mark.parametrize("text", ["-1", "10000001", "12345678901234567890123456", "1.0", "1.5"])
def test_counts_out_of_bounds_or_not_whole(text):
    with pytest.raises(ParseError):
        parse_count(text)


def test_a_26_digit_count_or_id_is_one_sentence_naming_it():
    big = "12345678901234567890123456"
    with pytest.raises(ParseError, match=f"^Eligible: {big} must be from 0 to 10,000,000.$"):
        parse_count(big, "Eligible")
    with pytest.raises(ParseError, match=f"^Id: {big} must be from 1 to 9,223,372,036,854,775,807.$"):
        parse_id(big, "id")


@pytest.mark.parametrize("text, value", [("1", 1), (str(MAX_ID), MAX_ID), ("42", 42)])
def test_ids(text, value):
    assert parse_id(text) == value


@pytest.mark.parametrize("text", ["0", str(MAX_ID + 1), "1,234", "-1", "1.0"])
def test_ids_refused(text):
    with pytest.raises(ParseError):
        parse_id(text)


def test_id_or_name():
    assert id_or_none("12") == 12
    assert id_or_none("Asha Patel") is None
    assert id_or_none("١٢") is None  # not ASCII digits: a name, never an id
    with pytest.raises(ParseError):
        id_or_none("99999999999999999999")


@pytest.mark.parametrize("text, value", [
    ("45000", "45000"), ("£45,000.00", "45000.00"), ("£ 45,000", "45000"), ("1234.5", "1234.5"), (".5", "0.5"),
    ("0", "0"), ("£10,000,000", "10000000"), ("10000000.00", "10000000.00"),
])
def test_money(text, value):
    assert parse_money(text) == Decimal(value)


@pytest.mark.parametrize("text", ["-12", "£-3.20", "-£3.20", "10000000.01", "12.345", "£1,2,3", "--5", "££5",
                                  "-£-5", "5.", "£45 000"])
def test_money_refused(text):
    with pytest.raises(ParseError):
        parse_money(text)


def test_money_negative_only_where_allowed():
    assert parse_money("-£12.50", low=-MAX_MONEY) == Decimal("-12.50")
    assert parse_money("£-12", low=-MAX_MONEY) == Decimal("-12")
    with pytest.raises(ParseError, match="must be more than £0"):
        parse_money("0", "Spend", low_open=True)
    assert parse_money("22.894", places=4) == Decimal("22.894")


@pytest.mark.parametrize("text, value", [("0.8", "0.8"), (".8", "0.8"), ("1", "1"), ("0.123456789", "0.123456789")])
def test_wte(text, value):
    assert parse_wte(text) == Decimal(value)


@pytest.mark.parametrize("text", ["0", "-0.5", "1.0000001", "1.5", "0.1234567891", "1e0", "1,0"])
def test_wte_refused(text):
    with pytest.raises(ParseError):
        parse_wte(text)


def test_nwrs_fte_person_and_pooled():
    assert parse_nwrs_fte("1.066666667") == Decimal("1.066666667")
    assert parse_nwrs_fte("2") == Decimal(2)
    with pytest.raises(ParseError, match="must be more than 0 and at most 2"):
        parse_nwrs_fte("3")
    assert parse_nwrs_fte("3", pooled=True) == Decimal(3)  # a contracted-services row covers several people
    for bad in ("1e30", "0", "101", ""):
        with pytest.raises(ParseError):
            parse_nwrs_fte(bad, pooled=True)


def test_percent():
    assert parse_percent("80%") == Decimal(80) and parse_percent("12.5 %") == Decimal("12.5")
    assert parse_percent("0") == 0 and parse_percent("100") == 100
    with pytest.raises(ParseError, match="^On-cost: 100% must be at least 0 and less than 100.$"):
        parse_percent("100%", "on-cost", high_open=True)
    with pytest.raises(ParseError):
        parse_percent("%")


@pytest.mark.parametrize("text, value", [
    ("2024-06-17", date(2024, 6, 17)), ("17/06/2024", date(2024, 6, 17)), ("01/02/2024", date(2024, 2, 1)),
    ("17.06.2024", date(2024, 6, 17)), ("17-06-2024", date(2024, 6, 17)), ("01Jul2026", date(2026, 7, 1)),
    ("1 July 2026", date(2026, 7, 1)), ("1 Sept 2026", date(2026, 9, 1)), ("20260701", date(2026, 7, 1)),
    ("31/03/2024", date(2024, 3, 31)), ("1948-01-01", date(1948, 1, 1)), ("31/12/2100", date(2100, 12, 31)),
])
def test_dates(text, value):
    assert parse_date(text) == value


@pytest.mark.parametrize("text", ["31/02/2024", "2024-02-30", "yesterday", "2024", "17/06/24", "", "17/06-2024",
                                  "١٧/٠٦/٢٠٢٤", "２０２４-０６-１７", "1 Foo 2024", "2024-6-17T00:00"])
def test_dates_refused_with_a_sentence(text):
    with pytest.raises(ParseError) as err:
        parse_date(text, "Start date")
    assert one_sentence(err.value).startswith("Start date")


@pytest.mark.parametrize("text", ["1947-12-31", "1900-01-01", "0001-01-01", "2101-01-01", "9999-12-31", "01/01/1066"])
def test_implausible_dates_refused(text):
    with pytest.raises(ParseError, match="must be from 1948 to 2100"):
        parse_date(text, "Start date")


def test_yes_no():
    assert all(parse_yes_no(t) for t in ("yes", "Y", "TRUE", "1", " yes "))
    assert not any(parse_yes_no(t) for t in ("no", "N", "false", "0"))
    for bad in ("maybe", "", "ja", "2"):
        with pytest.raises(ParseError):
            parse_yes_no(bad, "arrs_funded")


def test_optional_and_iso():
    assert optional(parse_count, "  ") is None and optional(parse_count, None) is None
    assert optional(parse_count, "3") == 3
    assert iso_date("1900-01-01") == date(1900, 1, 1)  # what is stored stays readable
    assert iso_date(None) is None and iso_date("") is None


def test_messages_name_the_value_safely():
    with pytest.raises(ParseError) as err:
        parse_count("1\x1b]8;;http://x\x07", "Eligible")
    assert "\x1b" not in str(err.value) and "\x07" not in str(err.value) and "\\x1b" in str(err.value)
    assert len(shown("9" * 500)) == 40
    assert err.value.what == "Eligible" and err.value.text == "1\x1b]8;;http://x\x07"


# ---------------------------------------------------------------------------------------------- properties
@given(st.integers(min_value=0, max_value=MAX_COUNT), st.booleans())
def test_every_count_round_trips(n, grouped):
    assert parse_count(f"{n:,}" if grouped else str(n)) == n


@given(st.integers(min_value=1, max_value=MAX_ID))
def test_every_id_round_trips(n):
    assert parse_id(str(n)) == n


@given(st.decimals(min_value=-MAX_COUNT, max_value=MAX_COUNT, places=4, allow_nan=False, allow_infinity=False))
def test_every_canonical_decimal_round_trips(d):
    assert parse_decimal(format(d, "f"), low=-MAX_COUNT, high=MAX_COUNT) == d


@given(st.decimals(min_value=0, max_value=MAX_MONEY, places=2, allow_nan=False, allow_infinity=False),
       st.sampled_from(["{:f}", "{:,.2f}", "£{:,.2f}", "£{:f}"]))
def test_every_amount_round_trips(d, form):
    assert parse_money(form.format(d)) == d


@given(st.decimals(min_value=0, max_value=1, places=9, allow_nan=False, allow_infinity=False).filter(lambda d: d > 0))
def test_every_wte_round_trips(d):
    assert parse_wte(format(d, "f")) == d


@given(st.dates(min_value=date(1948, 1, 1), max_value=date(2100, 12, 31)),
       st.sampled_from(["%Y-%m-%d", "%d/%m/%Y", "%d%b%Y", "%d %B %Y", "%Y%m%d", "%d.%m.%Y"]))
def test_every_plausible_date_round_trips(day, form):
    assert parse_date(day.strftime(form)) == day


@given(st.text(max_size=30))
def test_any_text_is_a_bounded_count_or_one_refusal(text):
    """Never another exception; what is accepted is ASCII digits and commas, within bounds."""
    try:
        value = parse_count(text)
    except ParseError as exc:
        one_sentence(exc)
        return
    assert 0 <= value <= MAX_COUNT
    assert set(text.strip()) <= set("0123456789,")


@given(st.text(max_size=30))
def test_any_text_is_bounded_money_or_one_refusal(text):
    try:
        value = parse_money(text)
    except ParseError as exc:
        one_sentence(exc)
        return
    assert value.is_finite() and 0 <= value <= MAX_MONEY
    assert set(text.strip()) <= set("0123456789,.£ ")


@given(st.text(max_size=20))
def test_any_text_is_a_plausible_date_or_one_refusal(text):
    try:
        day = parse_date(text)
    except ParseError as exc:
        one_sentence(exc)
        return
    assert date(1948, 1, 1) <= day <= date(2100, 12, 31)
    assert text.strip().isascii()


@given(st.sampled_from(["0123456789"[i] for i in range(10)]), st.characters(categories=["Nd"]))
def test_any_non_ascii_digit_is_refused(ascii_digit, digit):
    if digit.isascii():
        return
    for parser in NUMERIC:
        with pytest.raises(ParseError):
            parser(ascii_digit + digit)

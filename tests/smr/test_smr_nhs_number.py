"""NHS number modulus 11 (domain.md §5): weights 10..2 on digits 1–9, check = 11 − (sum mod 11),
11 → 0, 10 → no valid number; valid iff the check equals digit 10."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from pcntui.domain import nhs_number
from pcntui.domain.worklist import WorklistEntry, problems


@pytest.mark.parametrize(
    "number",
    [
        # 9×10+4×9+3×8+4×7+7×6+6×5+5×4+9×3+1×2 = 299; 299 mod 11 = 2; 11 − 2 = 9 ✓
        "9434765919",
        # 4×10+0+1×8+0+2×6+3×5+2×4+1×3+3×2 = 92; 92 mod 11 = 4; 11 − 4 = 7 ✓
        "4010232137",
        # 1×3+4×2 = 11; 11 mod 11 = 0; 11 − 0 = 11 → check digit 0 ✓
        "0000000140",
        "943 476 5919",  # spaces as displayed
        "943-476-5919",
    ],
)
def test_valid_numbers(number):
    assert nhs_number.is_valid(number)


@pytest.mark.parametrize(
    "number",
    [
        "9434765918",  # check digit should be 9
        "4010232138",
        "0000000141",  # check should be 0
        "943476591",  # 9 digits
        "94347659190",  # 11 digits
        "94347659I9",  # a letter
        "",
    ],
)
def test_invalid_numbers(number):
    assert not nhs_number.is_valid(number)


def test_check_digit_10_means_no_valid_number():
    # 1×10+2×9+3×8+4×7+5×6+6×5+7×4+8×3+9×2 = 210; 210 mod 11 = 1; 11 − 1 = 10 → invalid
    assert nhs_number.check_digit("123456789") is None
    for last in range(10):
        assert not nhs_number.is_valid(f"123456789{last}")


def test_check_digit_values():
    assert nhs_number.check_digit("943476591") == 9
    assert nhs_number.check_digit("000000014") == 0  # remainder 0 → 11 → 0


def test_display_masked_unless_asked():
    assert nhs_number.display("9434765919") == "*** *** 5919"
    assert nhs_number.display("9434765919", masked=False) == "943 476 5919"
    entry = WorklistEntry(None, "Y90001", "A1", ("CARE_HOME",), nhs_number="9434765919")
    assert entry.nhs_display() == "*** *** 5919"
    assert entry.nhs_display(masked=False) == "943 476 5919"


@given(st.text(alphabet="0123456789", min_size=9, max_size=9))
def test_property_exactly_one_last_digit_is_valid_unless_check_is_10(first_nine):
    valid = [d for d in range(10) if nhs_number.is_valid(first_nine + str(d))]
    check = nhs_number.check_digit(first_nine)
    placeholder = first_nine == "0" * 9  # 0000000000 passes the check but is no one's number
    assert valid == ([] if check is None or placeholder else [check])


def test_all_zeros_is_refused_though_its_check_digit_fits():
    assert nhs_number.check_digit("000000000") == 0
    assert not nhs_number.is_valid("0000000000") and not nhs_number.is_valid("000 000 0000")
    entry = WorklistEntry(None, "Y90001", "A1", ("CARE_HOME",), nhs_number="0000000000")
    assert problems(entry) == ["nhs_number: '0000000000' is a placeholder, not anyone's NHS number."]


@pytest.mark.parametrize("text", ["９４３４７６５９１９", "٩٤٣٤٧٦٥٩١٩", "943476591²"])
def test_non_ascii_digits_are_not_an_nhs_number(text):
    assert not nhs_number.is_valid(text)


@given(st.text(alphabet="0123456789", min_size=9, max_size=9), st.integers(0, 8), st.integers(1, 9))
def test_property_single_digit_error_is_caught(first_nine, position, delta):
    check = nhs_number.check_digit(first_nine)
    if check is None:
        return
    number = first_nine + str(check)
    digits = list(number)
    digits[position] = str((int(digits[position]) + delta) % 10)
    assert not nhs_number.is_valid("".join(digits))


def test_worklist_entry_rejects_bad_nhs_number_and_nhs_number_as_reference():
    bad = WorklistEntry(None, "Y90001", "A1", ("CARE_HOME",), nhs_number="1234567890")
    assert any("nhs_number" in p for p in problems(bad))
    leaked = WorklistEntry(None, "Y90001", "9434765919", ("CARE_HOME",))
    assert any(p.startswith("reference:") for p in problems(leaked))
    ok = WorklistEntry(None, "Y90001", "A1", ("CARE_HOME",), nhs_number="943 476 5919")
    assert problems(ok) == []


@given(st.text(min_size=0, max_size=14))
def test_property_is_valid_is_ten_ascii_digits_with_the_check_digit(text):
    """The quick checks (length, isascii/isdigit, no regex) agree with the rule as written."""
    import re

    digits = re.sub(r"[\s-]", "", text)
    expected = (re.fullmatch(r"[0-9]{10}", digits) is not None and digits != "0" * 10
                and nhs_number.check_digit(digits[:9]) == int(digits[9]))
    assert nhs_number.is_valid(text) == expected
    assert nhs_number.clean(text) == digits


@given(st.text(alphabet="0123456789", min_size=10, max_size=10) | st.none())
def test_property_sqlite_masks_a_stored_number_as_display_does(number):
    """`export smr-worklist` masks in its query (masked_sql): the same text as display()."""
    import sqlite3

    got = sqlite3.connect(":memory:").execute(f"SELECT {nhs_number.masked_sql('?')}", [number]).fetchone()[0]
    assert got == (nhs_number.display(number) if number else None)


@given(st.text(alphabet="0123456789", min_size=9, max_size=9))
def test_property_check_digit_is_eleven_less_the_weighted_sum_modulo_eleven(first_nine):
    """The looked-up sums of three digits give the rule as the NHS writes it: weights 10 down to 2,
    11 minus the remainder, 11 → 0, 10 → no valid number."""
    check = 11 - sum(int(d) * w for d, w in zip(first_nine, range(10, 1, -1))) % 11
    assert nhs_number.check_digit(first_nine) == (0 if check == 11 else None if check == 10 else check)


@given(st.lists(st.none() | st.sampled_from(["9434765919", "9434765918", "0000000000", "4010232137", "943 476 5919",
                                             "94347659190", "943476591", ""]) | st.text(max_size=11)))
def test_property_a_column_of_numbers_is_refused_where_is_valid_refuses_one(texts):
    """An import checks its column at once (plain 10-digit numbers by their check digits alone)."""
    assert nhs_number.invalid_among(texts) == [i for i, t in enumerate(texts) if t and not nhs_number.is_valid(t)]

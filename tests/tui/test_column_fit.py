"""Tables that fit (issue 11 item 4): how columns share the width, headless, and a table on
screen at 80 and 160 columns."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from pcntui.tui.widgets.column_fit import FLOOR, ColumnNeed, fit_widths

NAME = ColumnNeed(natural=30, header=6, priority=0)
ROLE = ColumnNeed(natural=40, header=6)
NOTE = ColumnNeed(natural=50, header=6, priority=2)
MONEY = ColumnNeed(natural=12, header=11, numeric=True, priority=0)


def used(widths, padding=1):
    return sum(w + 2 * padding for w in widths if w is not None)


def test_everything_fits_and_the_leftover_goes_to_long_text():
    assert fit_widths([NAME, MONEY], 100) == [30, 12]  # nothing is cut: no padding added
    title = ColumnNeed(natural=90, header=5)
    assert fit_widths([title, MONEY], 120) == [90, 12]  # held at 60 first, then given the room it needs
    assert fit_widths([title, MONEY], 80) == [64, 12]


def test_text_is_cut_before_a_number_and_in_proportion_to_what_it_holds():
    widths = fit_widths([NAME, ROLE, MONEY], 70)
    assert widths[2] == 12 and used(widths) <= 70
    assert FLOOR <= widths[0] < 30 and FLOOR <= widths[1] < 40 and widths[1] >= widths[0]


def test_the_least_important_column_goes_first_and_priority_0_never():
    widths = fit_widths([NAME, ROLE, NOTE, MONEY], 40)
    assert widths[2] is None and widths[0] is not None and widths[3] == 12
    tiny = fit_widths([NAME, ROLE, NOTE, MONEY], 10)
    assert tiny[0] is not None and tiny[3] == 12 and tiny[1] is None and tiny[2] is None


@given(st.lists(st.tuples(st.integers(1, 90), st.integers(1, 20), st.booleans(), st.integers(0, 3)),
                min_size=1, max_size=9), st.integers(20, 240))
def test_numbers_are_never_cut_and_the_table_fits_unless_only_priority_0_is_left(cols, room):
    needs = [ColumnNeed(max(n, h), h, numeric, p) for n, h, numeric, p in cols]
    widths = fit_widths(needs, room)
    for need, width in zip(needs, widths):
        if width is not None and need.numeric:
            assert width == need.natural
        if need.priority == 0:
            assert width is not None
    if used(widths) > room:  # only the must-show columns (or one column) are left, at their floors
        left = [n for n, w in zip(needs, widths) if w is not None]
        assert all(n.priority == 0 for n in left) or len(left) == 1


def test_a_lower_priority_column_goes_before_a_must_show_name_is_cut():
    """The PCN screen at 80 columns: the practice name shows whole; System and the IMD rank words go."""
    code, practice = ColumnNeed(6, 4, priority=0), ColumnNeed(24, 8, priority=0)
    system, rank = ColumnNeed(6, 6, priority=2), ColumnNeed(16, 8, priority=2)
    as_of = ColumnNeed(10, 5)
    numbers = [ColumnNeed(9, 9, numeric=True, priority=0), ColumnNeed(5, 3, numeric=True, priority=0),
               ColumnNeed(4, 3, numeric=True, priority=0)]
    needs = [code, practice, system, *numbers[:1], as_of, *numbers[1:], rank]
    widths = fit_widths(needs, 72)
    assert widths[1] == 24 and widths[2] is None and widths[-1] is None and used(widths) <= 72
    assert fit_widths(needs, 78)[1:3] == [24, 6]  # at 78 the rank words alone make room
    assert widths[4] == 10  # priority 1 stays: only columns of priority 2 or more go to save a name
    # with room for everything, nothing goes
    assert None not in fit_widths(needs, 140)


def test_a_default_priority_column_is_cut_not_dropped_to_save_a_name():
    title, stage = ColumnNeed(40, 5, priority=0), ColumnNeed(20, 5)
    widths = fit_widths([title, stage], 50)
    assert widths[1] is not None and widths[0] < 40


def test_one_very_long_must_show_text_keeps_the_other_columns_on_a_wide_terminal():
    """A requirement title of 120 characters at 160 columns: cut at CAP or more, Area and Owner stay."""
    due, area = ColumnNeed(26, 3, numeric=True, priority=0), ColumnNeed(22, 4, priority=2)
    title, status, owner = ColumnNeed(120, 11, priority=0), ColumnNeed(11, 6), ColumnNeed(16, 5, priority=2)
    widths = fit_widths([due, area, title, status, owner], 158)
    assert widths[1] == 22 and widths[4] == 16 and 60 <= widths[2] < 120 and used(widths) <= 158


def test_two_names_and_four_numbers_fit_80_columns_without_scrolling_sideways():
    """The SMR overview at 80×24: cohort and practice (must show) beside four figures did not fit by one
    cell at the names' 16-character floor, so the table scrolled sideways over its last row; the names
    now give way down to FLOOR first."""
    needs = [ColumnNeed(32, 6, priority=0), ColumnNeed(35, 8, priority=0), ColumnNeed(10, 6, priority=1),
             ColumnNeed(10, 10, True, 0), ColumnNeed(5, 3, True, 0), ColumnNeed(10, 6, True, 0),
             ColumnNeed(8, 8, True, 0), ColumnNeed(7, 7, True, 2)]
    widths = fit_widths(needs, 76, 1)
    assert sum(w + 2 for w in widths if w is not None) <= 76
    assert widths[3:7] == [10, 5, 10, 8] and all(w >= 8 for w in widths[:2])


def test_a_rank_decides_which_of_equal_columns_goes_first():
    months = [ColumnNeed(natural=6, header=3, numeric=True, rank=r) for r in (3, 2, 1, 0, 21, 22)]  # Apr–Sep, as of Jul
    widths = fit_widths([NAME, *months], 16 + 2 + 3 * 8)  # the name at its floor and three months
    assert [w is not None for w in widths] == [True, False, True, True, True, False, False]


def test_the_claims_grid_keeps_the_months_nearest_the_as_of_month():
    from pcntui.tui.screens.arrs.claims import month_rank

    feb = [month_rank(m, 10) for m in range(12)]  # as of February: March goes first, then April…
    assert max(feb) == feb[11] and sorted(range(11), key=lambda m: -feb[m])[:3] == [0, 1, 2] and feb[10] == 0
    before = [month_rank(m, -1) for m in range(12)]  # before the year starts: every month is ahead, latest first
    assert before == sorted(before)

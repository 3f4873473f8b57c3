"""The form helpers' words (no app needed): participant counts, numbers, dates, money."""

from __future__ import annotations

from datetime import date

import pytest

from pcntui.errors import UserError
from pcntui.tui.screens.intervention_form import budget_pence, opt_count, opt_date, participants, req_date


@pytest.mark.parametrize("text, expected", [
    ("Residents=12, Carers: 3", {"Residents": 12, "Carers": 3}),
    ("Residents 12; 4 carers", {"Residents": 12, "carers": 4}),
    ("Year 12 pupils=5, Year 12 pupils=2", {"Year 12 pupils": 7}),
    ("", {}),
])
def test_participants(text, expected):
    assert participants({"p": text}, "p", "Who took part") == expected


def test_participants_without_a_number_say_so():
    with pytest.raises(UserError, match="^Who took part: 'Carers' is not a participant count; write it as GROUP=NUMBER"):
        participants({"p": "Residents=12, Carers"}, "p", "Who took part")


def test_numbers_dates_and_money_in_words():
    assert opt_count({"v": "1,250"}, "v", "Size") == 1250
    with pytest.raises(UserError, match="Size: 'lots' is not a whole number"):
        opt_count({"v": "lots"}, "v", "Size")
    assert req_date({"d": "17/06/2026"}, "d", "Date") == date(2026, 6, 17)
    with pytest.raises(UserError, match="^Date: '31/02/2026' is not a real date"):
        req_date({"d": "31/02/2026"}, "d", "Date")
    with pytest.raises(UserError, match="^Date is blank; give a date"):
        req_date({"d": " "}, "d", "Date")
    assert opt_date({"d": ""}, "d", "Date") is None
    assert budget_pence({"m": "£4,500.50"}, "m", "Budget") == 450050
    with pytest.raises(UserError, match="^Budget: 'abc' is not an amount of money"):
        budget_pence({"m": "abc"}, "m", "Budget")

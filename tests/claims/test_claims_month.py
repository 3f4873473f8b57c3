"""The claims file's `month`: 2026-04, Apr 2026 or April 2026 (PRODUCT.md "Files")."""

from datetime import date

import pytest

from pcntui.domain.parse import parse_month
from pcntui.errors import UserError


@pytest.mark.parametrize("text", ["2026-04", "2026-4", "Apr 2026", "apr 2026", "APRIL 2026", " April   2026 ",
                                  "Apr. 2026"])
def test_april_2026_as_users_write_it(text):
    assert parse_month(text) == date(2026, 4, 1)


def test_every_month_name_and_sept():
    names = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
             "November", "December"]
    for n, name in enumerate(names, start=1):
        assert parse_month(f"{name} 2025") == parse_month(f"{name[:3]} 2025") == date(2025, n, 1)
    assert parse_month("Sept 2025") == date(2025, 9, 1)


@pytest.mark.parametrize("text", ["2026-13", "2026-00", "04/2026", "2026-04-01", "Apr", "2026", "Aprl 2026",
                                  "", "Apr 26"])
def test_not_a_month_named(text):
    with pytest.raises(UserError, match="2026-04, Apr 2026 or April 2026"):
        parse_month(text)

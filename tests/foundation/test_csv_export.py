"""CSV output: Excel-safe cells, money with 2 places, ISO dates, atomic 0600 files."""

import csv
import io
from datetime import date
from decimal import Decimal

from hypothesis import given
from hypothesis import strategies as st

from pcntui.export.csvfile import cell, render, write_csv


def test_formula_injection_neutralised():
    for text in ["=SUM(A1)", "+1+1", "@cmd", "-2+3", "\tx", "\rx", "=HYPERLINK(\"x\")"]:
        assert cell(text).startswith("'"), text


def test_numbers_kept():
    assert cell(Decimal("-12.5")) == "-12.50"
    assert cell("-12.50") == "-12.50"
    assert cell(Decimal("1234.5")) == "1234.50"
    assert cell(date(2024, 6, 17)) == "2024-06-17"
    assert cell(None) == "" and cell(True) == "yes" and cell(3) == "3"


@given(st.text())
def test_no_cell_can_start_a_formula(text):
    out = cell(text)
    assert not out.startswith(("=", "+", "@", "\t", "\r"))
    if out.startswith("-"):
        Decimal(out)  # only plain negative numbers may start with '-'


@given(st.lists(st.lists(st.text(), min_size=2, max_size=2), max_size=5))
def test_round_trip_through_csv_reader(rows):
    text = render(["a", "b"], rows)
    parsed = list(csv.reader(io.StringIO(text, newline="")))
    assert parsed[0] == ["a", "b"] and len(parsed) == len(rows) + 1


def test_atomic_write_replaces_whole_file(tmp_path):
    path = tmp_path / "x.csv"
    path.write_text("old content that is long\n" * 100)
    write_csv(path, ["a"], [["new"]])
    assert path.read_bytes() == b"a\r\nnew\r\n"
    assert (path.stat().st_mode & 0o777) == 0o600
    assert [p.name for p in tmp_path.iterdir()] == ["x.csv"]

"""CSV output: Excel-safe cells, money with 2 places, ISO dates, atomic 0600 files with a BOM."""

import csv
import io
import re
from datetime import date
from decimal import Decimal

from hypothesis import example, given
from hypothesis import strategies as st

from pcntui.domain.text import from_spreadsheet
from pcntui.export.csvfile import cell, render, write_csv
from pcntui.ingest.csvfile import read_rows

CANONICAL_NUMBER = re.compile(r"-?[0-9]+(\.[0-9]+)?", re.ASCII)
RISKY = ("=", "+", "-", "@", "'", "\t", "\r")
# Any text, and text that starts with each character a spreadsheet would act on.
TEXT = st.one_of(st.text(), st.tuples(st.sampled_from(RISKY), st.text()).map("".join))


def test_formula_injection_neutralised():
    for text in ["=SUM(A1)", "+1+1", "@cmd", "-2+3", "\tx", "\rx", "=HYPERLINK(\"x\")", "+0", "-NaN1234", "-1e5",
                 "'quoted", "-", "-١٢"]:
        assert cell(text) == "'" + text, text


def test_numbers_kept():
    assert cell(Decimal("-12.5")) == "-12.50"
    assert cell("-12.50") == "-12.50"
    assert cell(Decimal("1234.5")) == "1234.50"
    assert cell(date(2024, 6, 17)) == "2024-06-17"
    assert cell(None) == "" and cell(True) == "yes" and cell(3) == "3"


@example("+0")
@example("-NaN1234")
@example("'x")
@example("-0.5")
@given(TEXT)
def test_one_rule_for_every_cell(text):
    """As-is only if a canonical number; else any cell starting with = + - @ ' tab or CR gets one
    leading ' (and nothing else changes); import strips exactly that quote back off."""
    out = cell(text)
    if CANONICAL_NUMBER.fullmatch(out):
        assert out == text
    elif text.startswith(RISKY):
        assert out == "'" + text
    else:
        assert out == text
    assert from_spreadsheet(out) == text


@given(st.lists(st.lists(TEXT, min_size=2, max_size=2), min_size=1, max_size=5))
def test_export_then_import_gives_back_every_string(tmp_path_factory, rows):
    """Through a real file (BOM, CRLF, quoting) and the importers' reader: the same text, apart
    from what every import cleans (control characters; spaces at the ends)."""
    from pcntui.domain.text import clean_input

    path = tmp_path_factory.mktemp("rt") / "x.csv"
    rows = [["k"] + r for r in rows]  # a first cell that is never blank: blank rows are skipped
    write_csv(path, ["key", "a", "b"], rows)
    back = [[r.get("a"), r.get("b")] for r in read_rows(path, ["key"], kind="test")]
    assert back == [[clean_input(a).strip(), clean_input(b).strip()] for _, a, b in rows]


@given(st.lists(st.lists(st.text(), min_size=2, max_size=2), max_size=5))
def test_round_trip_through_csv_reader(rows):
    text = render(["a", "b"], rows)
    parsed = list(csv.reader(io.StringIO(text, newline="")))
    assert parsed[0] == ["a", "b"] and len(parsed) == len(rows) + 1


def test_atomic_write_replaces_whole_file(tmp_path):
    path = tmp_path / "x.csv"
    path.write_text("old content that is long\n" * 100)
    write_csv(path, ["a"], [["new"]])
    assert path.read_bytes() == b"\xef\xbb\xbfa\r\nnew\r\n"  # a BOM: Excel on Windows reads UTF-8
    assert (path.stat().st_mode & 0o777) == 0o600
    assert [p.name for p in tmp_path.iterdir()] == ["x.csv"]


def test_stdout_carries_no_bom(capsys):
    write_csv(None, ["name"], [["Zoë O'Brien"]])
    assert capsys.readouterr().out == "name\r\nZoë O'Brien\r\n"

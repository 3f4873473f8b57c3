"""Views (pcntui/views/base.py): typed rows sort by value, filter by their display text, and are
written by the one CSV writer (export/views.write_view) that `pcntui export` uses."""

from __future__ import annotations

import csv
import io
from datetime import date
from decimal import Decimal

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pcntui.cli.main import main
from pcntui.export.views import write_view
from pcntui.views.base import Column, Kind, Row, View, sort_key
from pcntui.views.format import cell
from tests.contracts.golden import AS_OF, file_of

COLUMNS = (Column("name", "Name"), Column("claimable", "Claimable", Kind.MONEY),
           Column("start", "Start", Kind.DATE), Column("funding", "Funding", Kind.CHOICE,
                                                        words={"arrs": "ARRS", "baseline": "Baseline post"}))
ROWS = (
    Row("1", ("Asha Patel", Decimal("10500.00"), date(2026, 4, 1), "arrs")),
    Row("2", ("Ben Ode", Decimal("9000.00"), None, "baseline")),
    Row("3", ("Cy Lowe", None, date(2025, 12, 1), "arrs")),
    Row("4", ("TOTAL", Decimal("19500.00"), None, ""), tags=frozenset({"total"})),
)
VIEW = View("test", "Test", COLUMNS, ROWS)


def names(view: View) -> list[str]:
    return [r.values[0] for r in view.iter_rows()]


def test_money_sorts_by_amount_not_as_text():
    assert sort_key(Decimal("9000.00"), Kind.MONEY) < sort_key(Decimal("10500.00"), Kind.MONEY)
    assert names(VIEW.sorted(1)) == ["Ben Ode", "Asha Patel", "TOTAL", "Cy Lowe"]


def test_blanks_sort_last_both_ways_and_dates_by_date():
    assert names(VIEW.sorted(2)) == ["Cy Lowe", "Asha Patel", "Ben Ode", "TOTAL"]
    assert names(VIEW.sorted(2, reverse=True)) == ["Asha Patel", "Cy Lowe", "Ben Ode", "TOTAL"]
    assert names(VIEW.sorted(1, reverse=True))[-1] == "Cy Lowe"


def test_text_sorts_casefolded():
    view = View("t", "t", (Column("x", "X"),), tuple(Row(str(i), (v,)) for i, v in enumerate(["b", "A", "c"])))
    assert names(view.sorted(0)) == ["A", "b", "c"]


def test_filter_matches_every_word_of_the_display_text_and_keeps_totals():
    assert names(VIEW.filtered("baseline")) == ["Ben Ode", "TOTAL"]  # "Baseline post": the choice's words
    assert names(VIEW.filtered("£10,500")) == ["Asha Patel", "TOTAL"]  # money as shown
    assert names(VIEW.filtered("arrs 2025-12")) == ["Cy Lowe", "TOTAL"]
    assert names(VIEW.filtered("  ")) == names(VIEW)


def test_a_streamed_view_reads_its_source_afresh_and_stays_streamed_when_filtered():
    reads = []

    def source():
        reads.append(1)
        return iter(ROWS)

    streamed = View("s", "s", COLUMNS, source)
    kept = streamed.filtered("arrs")
    assert callable(kept.rows) and reads == []
    assert names(kept) == ["Asha Patel", "Cy Lowe", "TOTAL"]
    assert names(kept) == ["Asha Patel", "Cy Lowe", "TOTAL"]
    assert len(reads) == 2


@pytest.mark.parametrize(("value", "kind", "text"), [
    (Decimal("1234.5"), Kind.MONEY, "£1,234.50"), (Decimal("1234.5"), Kind.MONEY_WHOLE, "£1,235"),
    (Decimal("0.8"), Kind.WTE, "0.80"), (12345, Kind.COUNT, "12,345"), (Decimal("80.00"), Kind.PCT, "80%"),
    (date(2026, 11, 1), Kind.MONTH, "Nov 2026"), (True, Kind.BOOL, "yes"), (None, Kind.MONEY, ""),
    ("Ann\x1b[31m", Kind.TEXT, "Ann\u241b[31m"),  # ESC shown as a symbol, never sent
])
def test_display_text_per_kind_is_terminal_safe(value, kind, text):
    assert cell(value, Column("c", "C", kind)) == text


def test_write_view_writes_csv_columns_only_with_typed_values(tmp_path, capsys):
    view = View("t", "t", (*COLUMNS, Column("note", "Note", csv=False)),
                tuple(Row(r.key, (*r.values, "screen only"), r.tags) for r in ROWS))
    write_view(view, None)
    lines = capsys.readouterr().out.splitlines()
    assert lines[0] == "name,claimable,start,funding"
    # typed values as the file writes them (money with 2 places, not "£10,500.00"), a code in its words
    assert lines[1] == "Asha Patel,10500.00,2026-04-01,ARRS"
    assert write_view(view, tmp_path / "t.csv").read_bytes().startswith("\ufeffname,".encode())


def test_export_filter_writes_the_golden_rows_that_hold_every_word(demo_db, capsys):
    fy = "2026/27"
    assert main(["export", "staff", "--fy", fy, "--as-of", AS_OF, "--db", str(demo_db),
                 "--filter", "pharmacist"]) == 0
    got = list(csv.reader(io.StringIO(capsys.readouterr().out)))
    golden = list(csv.reader(io.StringIO(file_of(fy, "staff").read_text(encoding="utf-8-sig"))))
    assert got[0] == golden[0]
    assert got[1:] == [r for r in golden[1:] if "pharmacist" in " ".join(r).casefold()]
    assert 0 < len(got) - 1 < len(golden) - 1


def test_export_all_refuses_a_filter(demo_db, tmp_path, capsys):
    assert main(["export", "all", "--out", str(tmp_path / "out"), "--filter", "x", "--db", str(demo_db)]) == 2
    assert "leave out --filter" in capsys.readouterr().err
    assert not (tmp_path / "out").exists()


def test_a_stored_batch_is_written_by_the_excel_rule_like_any_other(tmp_path):
    """export.csvfile.write_batches(stored=True) writes a plain batch as it is, but a batch with a
    risky text (or a value not as SQLite gives text/whole numbers) cell by cell: same bytes as
    the cell-by-cell writer."""
    from pcntui.export.csvfile import fast_cell, plain_text, write_batches, write_csv

    rows = [["Y90001", "=HYPERLINK(1)", 3, None], ["Y90002", "-12", -4, "ok"], ["Y90003", "@x", 0, "\tt"],
            ["Y90004", "plain", 1.5, ""]]
    for batch in ([rows[0]], [rows[1]], [rows[2]], [rows[3]], rows):
        slow = write_csv(tmp_path / "slow.csv", ["a", "b", "c", "d"], batch).read_bytes()
        fast = write_batches(tmp_path / "fast.csv", ["a", "b", "c", "d"], [batch], [fast_cell] * 4, stored=True)
        assert fast.read_bytes() == slow, batch
    assert plain_text([["Y90001", "plain", 3, None], ["x", "-12", 4, "a"]], 4) is None  # "-12" is looked at
    assert plain_text([["Y90001", "plain", 3, None]], 4) == "Y90001,plain,3,\r\n"


def test_wte_shows_two_places_and_no_negative_zero():
    """Issue 11: WTE to 2 places on screen (the CSV keeps what is held); NWRS showed '-0.00 match'."""
    wte = Column("wte", "WTE", Kind.WTE)
    assert [cell(v, wte) for v in (Decimal("0.426667"), Decimal("1"), Decimal("-0.0013"), Decimal("-0.5"))] == \
        ["0.43", "1.00", "0.00", "-0.50"]


def test_the_roster_person_and_nwrs_show_wte_as_wte():
    from pcntui.views.arrs import nwrs, person, roster

    for module in (roster, person):
        assert {c.key: c.kind for c in module.COLUMNS}["wte"] == Kind.WTE
    assert {c.key: c.kind for c in nwrs.COLUMNS}["difference"] == Kind.WTE


_cells = st.one_of(st.none(), st.integers(-5, 10**12), st.floats(allow_nan=False), st.binary(max_size=3),
                   st.text(alphabet=st.sampled_from("ab1-=+@'\t\r\n,\" .\x00%sNone"), max_size=6))


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(width=st.integers(1, 4), data=st.data())
def test_any_stored_values_are_written_as_the_cell_by_cell_writer_writes_them(tmp_path, width, data):
    """Whether a batch is written as it is (csvfile.plain_text) or cell by cell, the bytes are the
    cell-by-cell writer's, for any width (one column: the writer quotes a lone blank)."""
    from pcntui.export.csvfile import fast_cell, write_batches, write_csv

    rows = st.lists(st.lists(_cells, min_size=width, max_size=width), min_size=1, max_size=4)
    batches = data.draw(st.lists(rows, max_size=3))
    columns = ["abcd"[i] for i in range(width)]
    slow = write_csv(tmp_path / "slow.csv", columns, [row for batch in batches for row in batch])
    fast = write_batches(tmp_path / "fast.csv", columns, batches, [fast_cell] * width, stored=True)
    assert fast.read_bytes() == slow.read_bytes()


def test_a_plain_batch_is_written_as_it_is():
    """Text, whole numbers and blanks with nothing to quote: one format, no call per value."""
    from pcntui.export.csvfile import plain_text

    assert plain_text([["Y90001", "a b", 3, None, ""], ["Y90002", "2026-01-02", -4, "x%sy", "None"]], 5) == \
        "Y90001,a b,3,,\r\nY90002,2026-01-02,-4,x%sy,None\r\n"
    for odd in ("=1", "a,b", 'a"b', "a\nb", "a\rb", "@x", "\tx", 1.5, b"x"):
        assert plain_text([["Y90001", odd]], 2) is None, odd
    assert plain_text([[""]], 1) is None  # (the writer writes a lone blank as "")

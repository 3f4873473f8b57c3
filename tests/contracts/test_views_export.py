"""`x` on a screen writes what `pcntui export KIND` writes: the same bytes for the same view, and
with a filter the same rows filtered (one case per view; `exported` is what TableScreen's `x` calls)."""

from __future__ import annotations

import csv
import io

import pytest

from pcntui.cli.main import main
from pcntui.domain.fy import FinancialYear
from pcntui.domain.period import Period
from pcntui.export.views import write_view
from pcntui.store import open_store
from pcntui.tui.screens.table import exported
from pcntui.views.base import ViewQuery
from pcntui.views.load import view
from tests.conftest import TODAY

# KIND, --id, a filter word that keeps some rows and drops others
CASES = [
    ("history", None, "demo"),
    ("history-action", "1", "y90002"),
    ("practices", None, "surgery"),
    ("practice-list-sizes", "Y90001", "2026-10"),
    ("alerts", None, "smr"),
    ("arrs", None, "aisha"),
    ("arrs-summary", None, "pharmac"),
    ("staff", None, "aisha"),
    ("arrs-claims", None, "aisha"),
    ("iif", None, "can-04"),
]


def small_change(db) -> None:
    with open_store(db) as store, store.action("Rename Y90001") as tx:
        tx.execute("UPDATE practice SET name = 'Renamed Practice' WHERE code = 'Y90001'")


def rows_of(data: bytes) -> list[list[str]]:
    return list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))


@pytest.mark.parametrize(("kind", "item", "word"), CASES, ids=[c[0] for c in CASES])
def test_x_writes_the_bytes_of_export(kind, item, word, demo_db, tmp_path):
    small_change(demo_db)
    base = ["export", kind, "--db", str(demo_db), "--as-of", TODAY.isoformat()] + (["--id", item] if item else [])
    assert main([*base, "--out", str(tmp_path / "a.csv")]) == 0
    assert main([*base, "--filter", word, "--out", str(tmp_path / "af.csv")]) == 0
    with open_store(demo_db) as store:
        shown = view(kind, store, ViewQuery(Period(TODAY, FinancialYear.of(TODAY)), item=item))
        write_view(exported(shown), tmp_path / "b.csv")
        write_view(exported(shown, word), tmp_path / "bf.csv")
        sorted_by_first = exported(shown, "", 0, True)
    a, af = (tmp_path / "a.csv").read_bytes(), (tmp_path / "af.csv").read_bytes()
    assert (tmp_path / "b.csv").read_bytes() == a
    assert (tmp_path / "bf.csv").read_bytes() == af
    everything, kept = rows_of(a), rows_of(af)
    assert 1 < len(kept) < len(everything), "the filter word should keep some rows and drop others"
    assert kept[0] == everything[0] and all(r in everything for r in kept[1:])
    assert len(list(sorted_by_first.iter_rows())) == len(everything) - 1


@pytest.mark.parametrize(("kind", "argv", "says"), [
    ("history-action", [], "needs --id (the action id)"),
    ("history-action", ["--id", "999"], "Action #999 is not in this database"),
    ("history-action", ["--id", "x"], "--id"),
    ("practice-list-sizes", ["--id", "Z99999"], "There is no practice Z99999"),
    ("history", ["--id", "1"], "is not about one item; leave out --id"),
])
def test_export_of_one_item_names_what_is_wrong(kind, argv, says, demo_db, capsys):
    assert main(["export", kind, *argv, "--db", str(demo_db)]) == 2
    err = capsys.readouterr().err
    assert says in err and len(err.strip().splitlines()) == 1

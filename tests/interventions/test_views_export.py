"""`x` on the interventions list and on the requirements screen writes the bytes `pcntui export
KIND` writes for the same year, and with a filter word the rows `export --filter` keeps.

What `x` writes is the screen's data (TableScreen.export_data: the export columns, and the export
row of each row the table shows, in its order) through the CSV writer of ExportModal; the screen's
data comes from its `fetch`, run here without an app."""

from __future__ import annotations

import pytest

from pcntui.cli.main import main
from pcntui.domain.fy import FinancialYear
from pcntui.domain.period import Period
from pcntui.export.csvfile import write_csv
from pcntui.store import open_store
from pcntui.tui.screens.interventions import InterventionsScreen
from pcntui.tui.screens.requirements import RequirementsScreen

AS_OF = "2026-11-23"
SCREENS = {"interventions": InterventionsScreen, "requirements": RequirementsScreen}


def x_file(db, screen_class, fy: str, words: str, out):
    """What `x` writes with `words` in the `/` box (the table keeps a row when all the words are in it)."""
    from datetime import date

    period = Period.make(date.fromisoformat(AS_OF), FinancialYear.parse(fy))
    with open_store(db) as store:
        data = screen_class().fetch(store, period)
    keys = [row.key for row in data.rows if all(w in row.search for w in words.casefold().split())]
    write_csv(out, data.export_columns, [data.export_rows[k] for k in keys])
    return out.read_bytes()


@pytest.mark.parametrize("kind", sorted(SCREENS))
@pytest.mark.parametrize("fy, words", [("2026/27", ""), ("2025/26", ""), ("2026/27", "amber"),
                                       ("2026/27", "due soon"), ("2026/27", "Hypertension"), ("2026/27", "nothing-matches")])
def test_x_writes_what_export_writes(kind, fy, words, demo_copy, tmp_path):
    out = tmp_path / "export.csv"
    argv = ["export", kind, "--fy", fy, "--as-of", AS_OF, "--db", str(demo_copy), "--out", str(out)]
    assert main([*argv, *(["--filter", words] if words else [])]) == 0
    assert x_file(demo_copy, SCREENS[kind], fy, words, tmp_path / "x.csv") == out.read_bytes()


def test_export_intervention_is_the_lists_row_of_one_intervention(demo_copy, tmp_path):
    """`export intervention --id N` (what `x` → "CSV row" writes on its page, tui/screens/interventions/
    detail.row_view) is the header and that intervention's row of `export interventions`."""
    from datetime import date

    from pcntui.export.views import write_view
    from pcntui.tui.screens.interventions.detail import row_view

    base = ["--as-of", AS_OF, "--db", str(demo_copy)]
    assert main(["export", "interventions", *base, "--out", str(tmp_path / "all.csv")]) == 0
    assert main(["export", "intervention", "--id", "2", *base, "--out", str(tmp_path / "one.csv")]) == 0
    header, *rows = (tmp_path / "all.csv").read_bytes().split(b"\r\n")
    one = (tmp_path / "one.csv").read_bytes()
    assert one == b"\r\n".join([header, next(r for r in rows if r.startswith(b"2,")), b""])
    with open_store(demo_copy) as store:
        page = row_view(store, Period.make(date.fromisoformat(AS_OF)), 2)
    assert write_view(page, tmp_path / "x.csv").read_bytes() == one


@pytest.mark.parametrize(("argv", "says"), [([], "needs --id"), (["--id", "99"], "There is no intervention 99"),
                                            (["--id", "two"], "--id")])
def test_export_intervention_names_what_is_wrong(argv, says, demo_copy, capsys):
    assert main(["export", "intervention", *argv, "--db", str(demo_copy)]) == 2
    err = capsys.readouterr().err
    assert says in err and err.count("\n") == 1

"""One vocabulary (PRODUCT.md "Words", issue 11 item 5): the ARRS bar's ░ part is the forecast
unclaimed (entitlement − forecast), headroom is entitlement − claimable to date, and no screen, CLI
line or CSV header calls either by another name ("forecast headroom", "underspend")."""

from __future__ import annotations

import re

from pcntui.domain.money import gbp
from pcntui.domain.period import Period
from pcntui.store import open_store
from pcntui.store.arrs import arrs_view
from pcntui.tui.widgets.entitlement_bar import money_summary
from tests.tui.conftest import TODAY

OTHER_NAMES = re.compile(r"forecast headroom|underspend|headroom at year end", re.I)


def _view(db):
    from pcntui.domain.fy import FinancialYear

    store = open_store(db)
    try:
        return arrs_view(store, Period(TODAY, FinancialYear.of(TODAY)))
    finally:
        store.close()


def test_the_bar_labels_its_light_part_forecast_unclaimed_and_headroom_is_to_date(demo_db):
    view = _view(demo_db)
    h = view.year.headroom
    assert h.headroom != h.forecast_headroom  # the demo tells the two apart
    text = money_summary(view)
    plain = re.sub(r"\[[^\]]*\]", "", text)
    assert f"░ forecast unclaimed {gbp(h.forecast_headroom)}" in plain
    assert f"headroom {gbp(h.headroom)}" in plain
    assert f"░ headroom" not in plain
    assert not OTHER_NAMES.search(plain)


def test_cli_status_alerts_what_if_and_csv_use_the_words(demo_db, capsys):
    from pcntui.cli.main import main

    view = _view(demo_db)
    h = view.year.headroom
    out = []
    for argv in (["status"], ["arrs", "alerts"],
                 ["arrs", "what-if", "--role", "PARA", "--wte", "1", "--start", "2027-01-01", "--salary", "48000"],
                 ["export", "arrs-summary"]):
        assert main([*argv, "--db", str(demo_db), "--as-of", TODAY.isoformat()]) in (0, 1), argv
        out.append(capsys.readouterr().out)
    status, alerts, what_if, summary = out
    assert f"forecast unclaimed {gbp(h.forecast_headroom, pence=False)}" in status
    assert f"Forecast unclaimed {gbp(h.forecast_headroom)}" in " ".join(alerts.split())
    assert "Forecast unclaimed" in what_if
    assert summary.splitlines()[0].endswith("entitlement,headroom,forecast_unclaimed")
    for text in out:
        assert not OTHER_NAMES.search(text), OTHER_NAMES.search(text)


def test_an_nwrs_difference_never_reads_minus_nothing():
    from decimal import Decimal as D

    from pcntui.domain.reconcile import ReconLine

    def line(roster: str, nwrs: str) -> ReconLine:
        return ReconLine("CC", "Care Coordinator", D(nwrs), 1, D(0), 0, D(roster), 1)

    assert [line(r, n).difference_text for r, n in (("1.996", "2"), ("2.004", "2"), ("3.8", "3.6"), ("2", "2.4"),
                                                     ("2", "2"))] == ["0.00", "0.00", "+0.20", "-0.40", "0.00"]
    assert line("1.996", "2").status == "match"


def test_counts_and_cut_names_in_words(demo_db, capsys):
    from pcntui.cli.main import main
    from pcntui.domain.text import clip, counted

    assert (counted(1, "set"), counted(2, "set"), counted(1, "role differs", "roles differ"),
            counted(1200, "row")) == ("1 set", "2 sets", "1 role differs", "1,200 rows")
    assert (clip("Digital and Transformation Lead", 29), clip("Paramedic", 29)) == (
        "Digital and Transformation L…", "Paramedic")
    main(["arrs", "reconcile", "--db", str(demo_db)])
    out = capsys.readouterr().out
    assert "Digital and Transformation L…" in out and "(1 row)" in out and "1 rows" not in out

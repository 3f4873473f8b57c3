"""`pcntui status --due N`: what falls due in the next N days and what is overdue, from the same
dated items as the calendar."""

from __future__ import annotations

import json
from datetime import date

import pytest

from pcntui.domain.deadlines import Deadline, falling_due, parse_horizon
from pcntui.domain.parse import ParseError
from tests.conftest import cli
from tests.year.test_calendar import events


@pytest.mark.parametrize(("text", "days"), [("14d", 14), ("2w", 14), ("30d", 30), ("1d", 1), ("14 days", 14),
                                            ("3 Weeks", 21), ("366d", 366), ("52w", 364)])
def test_horizons(text, days):
    assert parse_horizon(text) == days


@pytest.mark.parametrize("text", ["", "14", "d", "14x", "-1d", "0d", "1.5d", "２w", "14d2", "367d", "53w", "1e2d"])
def test_bad_horizons_are_one_sentence(text):
    with pytest.raises(ParseError) as exc:
        parse_horizon(text)
    message = str(exc.value)
    assert message.endswith(".") and "\n" not in message and message.count(". ") == 0


def test_window_includes_overdue_and_the_last_day():
    as_of = date(2026, 11, 23)
    items = [Deadline(date(2026, 11, d), "action", f"k{d}", f"s{d}") for d in (1, 23, 30)]
    items.append(Deadline(date(2026, 12, 7), "action", "k-last", "last"))
    items.append(Deadline(date(2026, 12, 8), "action", "k-out", "out"))
    due = falling_due(items, as_of, 14)
    assert [(d.deadline.key, d.days, d.overdue) for d in due] == [
        ("k1", -22, True), ("k23", 0, False), ("k30", 7, False), ("k-last", 14, False)]


def test_status_due_text_and_json(demo_db, capsys, tmp_path):
    db = str(demo_db)
    code, out, _ = cli(capsys, "status", "--db", db, "--as-of", "2026-11-23", "--due", "14d")
    assert code == 0
    section = out.split("DUE BY 2026-12-07 (NEXT 14 DAYS), 5 OVERDUE\n", 1)[1].split("\n\n", 1)[0]
    assert "  OVERDUE 2026-11-13 (10 days ago): Registration expires: Daniel Evans" in section
    assert "  due     2026-12-07 (14 days from now): DES due: TNHI progress update to the" in section
    assert "2026-12-18" not in section  # day 25: outside the window
    assert all(len(line) <= 80 for line in out.splitlines())

    code, out, _ = cli(capsys, "status", "--db", db, "--as-of", "2026-11-23", "--due", "2w", "--json")
    due = json.loads(out)["due"]
    assert (due["days"], due["from"], due["to"], due["overdue"]) == (14, "2026-11-23", "2026-12-07", 5)
    assert all(i["overdue"] == (i["days"] < 0) for i in due["items"])
    assert {"on", "days", "overdue", "kind", "what", "summary", "estimated"} == set(due["items"][0])

    # the same items as the calendar: every one due is an event on its day
    cli(capsys, "export", "calendar", "--db", db, "--as-of", "2026-11-23", "--out", str(tmp_path / "c.ics"))
    cal = {(e["DTSTART;VALUE=DATE"], e["SUMMARY"].replace("\\,", ",")) for e in events((tmp_path / "c.ics").read_bytes())}
    assert {(i["on"].replace("-", ""), i["summary"]) for i in due["items"]} <= cal

    code, out, _ = cli(capsys, "status", "--db", db, "--as-of", "2026-11-23", "--json")
    assert "due" not in json.loads(out)  # only when asked: the document's other keys are unchanged


def test_status_due_refuses_a_bad_value_in_one_line(demo_db, capsys):
    code, out, err = cli(capsys, "status", "--db", str(demo_db), "--due", "fortnight")
    assert code == 2 and out == ""
    assert err.strip().splitlines() == [err.strip()] and "'fortnight' is not a number of days or weeks ahead" in err

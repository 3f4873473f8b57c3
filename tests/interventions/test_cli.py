"""The shell side: `pcntui intervention …` and `pcntui requirement …` via main([...])."""


import pytest

from pcntui.cli.main import main
from tests.conftest import cli, content_sha


@pytest.fixture
def db(demo_copy):
    return str(demo_copy)


def test_the_newcomer_path_from_the_shell(db, capsys):
    code, out, _ = cli(capsys, "intervention", "add", "--db", db, "--title", "Smoking cessation at Old Mill",
                       "--lead", "Dr B", "--focus", "clinical", "--focus-detail", "Chronic respiratory disease",
                       "--practices", "Y90004", "--size", "400", "--budget", "£1,500.50", "--on", "2026-09-01")
    assert code == 0 and out.startswith("Created intervention 5:")
    assert cli(capsys, "intervention", "session", "5", "--db", db, "--on", "2026-10-01", "--format", "workshop",
               "--group", "Residents=8", "--group", "Carers=2", "--heard", "Evenings")[0] == 0
    code, out, _ = cli(capsys, "intervention", "measure", "5", "--db", db, "--name", "Quit attempts", "--unit",
                       "people", "--baseline", "10", "--baseline-on", "2026-09-01", "--target", "40",
                       "--target-on", "2027-03-31")
    assert code == 0 and out.startswith("Added measure ")
    mid = out.split()[2].rstrip(":")
    assert cli(capsys, "intervention", "reading", mid, "14", "--on", "2026-10-15", "--db", db)[0] == 0
    assert cli(capsys, "intervention", "reading", mid, "25", "--on", "2026-11-15", "--db", db)[0] == 0
    code, out, _ = cli(capsys, "intervention", "stage", "5", "delivery", "--on", "2026-11-01", "--evidence",
                       "Clinics started", "--db", db)
    assert code == 0 and "moved to Delivery" in out
    code, out, _ = cli(capsys, "intervention", "stage", "5", "co-design", "--on", "2026-11-02", "--db", db)
    assert code == 0 and "moved back to Co-design" in out
    code, out, _ = cli(capsys, "intervention", "list", "--as-of", "2026-11-23", "--db", db)
    assert code == 0 and "#5   GREEN Co-design" in out and max(len(line) for line in out.splitlines()) <= 80
    code, out, _ = cli(capsys, "intervention", "summary", "5", "--as-of", "2026-11-23", "--db", db)
    assert code == 0 and out.startswith("# Smoking cessation at Old Mill")
    assert "Residents 8, Carers 2" in out and "Quit attempts" in out and "Budget £1,500.50" in out
    assert "Moved back to Co-design on 2026-11-02" in out


def test_summary_to_a_file(db, capsys, tmp_path):
    out_file = tmp_path / "summary.md"
    code, _, err = cli(capsys, "intervention", "summary", "1", "--as-of", "2026-11-23", "--out", str(out_file),
                       "--db", db)
    assert code == 0 and "Wrote" in err
    text = out_file.read_text()
    assert text.startswith("# Hypertension case-finding") and "## Outcome measures" in text
    assert len(text.splitlines()) < 80  # one page
    assert (out_file.stat().st_mode & 0o777) == 0o600


@pytest.mark.parametrize(
    "argv,fragment",
    [
        (["intervention", "stage", "1", "finished"], "stage: 'finished' is not one of: Lead appointed"),
        (["intervention", "stage", "99", "delivery"], "no intervention 99"),
        (["intervention", "stage", "1", "delivery"], "already at"),
        (["intervention", "add", "--title", "  "], "title"),
        (["intervention", "add", "--title", "x", "--practices", "Z11111"], "not one of this PCN"),
        (["intervention", "add", "--title", "x", "--budget", "lots"], "not an amount of money"),
        (["intervention", "session", "1", "--on", "31/02/2026", "--group", "Residents=3"], "not a real date"),
        (["intervention", "session", "1", "--on", "2030-01-01", "--group", "Residents=3"], "--on: 2030-01-01 is in the future"),
        (["intervention", "session", "1", "--on", "2026-11-01"], "--group: give at least one group"),
        (["intervention", "stage", "1", "evaluation", "--on", "2030-01-01"], "--on: 2030-01-01 is in the future"),
        (["intervention", "done", "1", "--on", "2030-01-01"], "--on: 2030-01-01 is in the future"),
        (["intervention", "reading", "1", "5", "--on", "2030-01-01"], "--on: 2030-01-01 is in the future"),
        (["intervention", "session", "1", "--on", "2026-02-01", "--group", "many"], "GROUP=NUMBER"),
        (["intervention", "measure", "1", "--name", "x", "--baseline", "5", "--baseline-on", "2026-01-01",
          "--target", "1"], "increase"),
        (["intervention", "reading", "999", "5"], "no outcome measure 999"),
        (["intervention", "reading", "1", "five"], "not a number"),
        (["intervention", "done", "999"], "no action 999"),
        (["requirement", "set", "2023-24-smr", "--status", "finished"], "--status: 'finished' is not one of"),
        (["requirement", "set", "2026-27-cancer", "--status", "done"], "--evidence: say what shows it is done"),
        (["requirement", "set", "9999", "--status", "done"], "no DES requirement 9999"),
        (["requirement", "set", "1"], "Nothing to change"),
        (["requirement", "add", "--fy", "2027", "--area", "cvd", "--title", "x"], "2024/25"),
        (["requirement", "add", "--fy", "2027/28", "--area", "teeth", "--title", "x"], "--area: 'teeth' is not one of"),
        (["requirement", "link", "1", "--intervention", "77"], "no intervention 77"),
    ],
)
def test_bad_input_exit_2_one_line_db_unchanged(db, capsys, argv, fragment):
    before = content_sha(db)
    code, _, err = cli(capsys, *argv, "--db", db)
    assert code == 2
    assert fragment in err and "Traceback" not in err and len(err.strip().splitlines()) == 1
    assert content_sha(db) == before


def test_requirements_from_the_shell(db, capsys):
    code, out, _ = cli(capsys, "requirement", "add", "--fy", "2027/28", "--area", "cvd", "--title",
                       "Statins audit", "--due", "30/06/2027", "--unconfirmed", "--owner", "Jo", "--db", db)
    assert code == 0 and "(2027/28)" in out
    rid = out.split()[3].rstrip(":")
    assert cli(capsys, "requirement", "set", rid, "--status", "in-progress", "--evidence", "Search built",
               "--db", db)[0] == 0
    assert cli(capsys, "requirement", "link", rid, "--intervention", "1", "--db", db)[0] == 0
    code, out, _ = cli(capsys, "requirement", "list", "--fy", "2027/28", "--as-of", "2027-06-10", "--db", db)
    assert code == 0 and "2027-06-30 (unconfirmed)" in out and "DUE SOON" in out and "In progress" in out
    code, out, _ = cli(capsys, "requirement", "list", "--fy", "2026/27", "--as-of", "2026-11-23", "--db", db)
    assert "OVERDUE" in out and "Agree the continuity-of-care cohort codes" in out


def test_status_fail_on_alerts_and_help(db, capsys):
    assert main(["status", "--as-of", "2026-11-23", "--fail-on-alerts", "--db", db]) == 1
    out = capsys.readouterr().out
    assert all(len(line) <= 80 for line in out.splitlines())
    for sub in (["intervention"], ["requirement"], ["intervention", "session"], ["requirement", "link"]):
        with pytest.raises(SystemExit) as exc:
            main([*sub, "--help"])
        assert exc.value.code == 0
        assert "--db" in capsys.readouterr().out


def test_edit_changes_only_what_is_given(db, capsys):
    code, out, _ = cli(capsys, "intervention", "edit", "2", "--lead", "Dr New", "--size", "200", "--budget", "5000",
                       "--db", db)
    assert code == 0 and "Updated intervention 2" in out
    code, out, _ = cli(capsys, "intervention", "summary", "2", "--as-of", "2026-11-23", "--db", db)
    assert "**Lead:** Dr New" in out and "Estimated size: 200" in out and "Budget £5,000.00" in out
    assert "Gypsy, Roma and Traveller communities" in out  # untouched
    before = content_sha(db)
    assert cli(capsys, "intervention", "edit", "2", "--db", db)[0] == 2
    assert cli(capsys, "intervention", "edit", "2", "--size", "-5", "--db", db)[0] == 2
    assert content_sha(db) == before


def test_plan_commands_from_the_shell(db, capsys):
    from pcntui.store import open_store
    from pcntui.store.interventions import get_intervention
    from datetime import date

    steps = [
        ["intervention", "target", "2", "plan-agreed", "2027-01-31"],
        ["intervention", "action", "2", "--what", "Book outreach nurse", "--owner", "Sam", "--due", "15/12/2026"],
        ["intervention", "partner", "2", "--name", "St Mary's School", "--kind", "school", "--role", "Venue"],
        ["intervention", "spend", "2", "£250.75", "--on", "2026-11-01", "--note", "Refreshments"],
        ["intervention", "you-said", "2", "--said", "Come to the site", "--did", "Nurse visits on site",
         "--session", "3"],
    ]
    for argv in steps:
        code, _, err = cli(capsys, *argv, "--db", db)
        assert code == 0, (argv, err)
    code, out, _ = cli(capsys, "intervention", "action", "2", "--what", "x", "--db", db)
    action_id = out.split()[2].rstrip(":")
    assert cli(capsys, "intervention", "done", action_id, "--on", "2026-11-20", "--db", db)[0] == 0
    assert cli(capsys, "intervention", "target", "2", "plan_agreed", "none", "--db", db)[0] == 0
    s = open_store(db)
    try:
        d = get_intervention(s, 2, date(2026, 11, 23))
    finally:
        s.close()
    assert {x.stage: x.target_on for x in d.stages}["plan_agreed"] is None
    assert [a.description for a in d.actions if a.done_on] == ["x"]
    assert d.partners[-1].kind == "school" and d.spend_pence == 25_075
    assert d.you_said[-1].session_id == 3


def test_a_blank_target_date_is_refused_not_read_as_none(tmp_path, capsys):
    """Found by the held-back trials (seed 2026): `intervention target 1 engagement ' '` exited 0.
    Only the word 'none' clears a target date; a blank value is one sentence, exit 2."""
    db = str(tmp_path / "d.db")
    assert cli(capsys, "demo", "--db", db)[0] == 0
    for blank in ("", "   "):
        code, _, err = cli(capsys, "intervention", "target", "1", "engagement", blank, "--db", db)
        assert code == 2 and "target date: is blank" in err, err

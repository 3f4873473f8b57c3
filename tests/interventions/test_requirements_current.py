"""DES requirements for the live years: 2024/25–2026/27 shipped with their sources; a year with none
shipped says so; past years' open requirements are lapsed, not overdue."""

from datetime import date

from pcntui.cli.main import main
from pcntui.domain.requirements import due_state
from pcntui.reference.requirements_des import shipped_requirements

from tests.conftest import MAP_FILE

RETIRED = ("capacity and access", "caip", "casp", "anticipatory", "personalised care")


def test_every_shipped_requirement_has_a_source_and_2026_27_has_the_current_duties():
    rows = dict(shipped_requirements())
    assert all(r.source for r in rows.values())
    current = {k: r for k, r in rows.items() if r.fy == "2026/27"}
    assert {r.area for r in current.values()} == {"continuity", "care_homes", "cancer", "health_inequalities",
                                                  "enhanced_access"}
    assert not any(word in r.title.lower() for r in current.values() for word in RETIRED)
    assert all(not r.due_confirmed for r in current.values())  # no due date was found: marked so
    assert "continuity plan" in rows["2026-27-continuity-cohort"].title
    assert "vaccinations" in rows["2026-27-care-home-vaccinations"].title
    assert {r.fy for r in rows.values() if r.area == "access"} == {"2024/25", "2025/26"}  # CAIP gone in 2026/27


def test_a_freshly_set_up_real_pcn_lists_the_current_requirements(shared_data, db_path, capsys):
    db = str(db_path)
    assert main(["setup", "--pcn", "U14816", "--practices", str(shared_data / MAP_FILE), "--db", db]) == 0
    capsys.readouterr()
    assert main(["requirement", "list", "--fy", "2026/27", "--as-of", "2026-11-23", "--db", db]) == 0
    out = capsys.readouterr().out
    keys = [line.split()[0] for line in out.splitlines() if line and not line.startswith(" ")]
    assert sorted(keys) == sorted(k for k, r in shipped_requirements() if r.fy == "2026/27")
    assert "Continuity of care: Identify and code a continuity-of-care cohort" in " ".join(out.split())
    assert not any(word in out.lower() for word in RETIRED)
    assert "OVERDUE" not in out
    # every year, as of today: earlier years' open requirements are lapsed, none overdue
    assert main(["requirement", "list", "--as-of", "2026-11-23", "--db", db]) == 0
    out = capsys.readouterr().out
    assert "OVERDUE" not in out and "LAPSED" in out
    assert main(["status", "--as-of", "2026-11-23", "--db", db]) in (0, 1)
    out = capsys.readouterr().out
    assert "2026/27: 5 requirements, 0 done, 5 open · 0 overdue" in out


def test_a_year_with_no_requirements_shipped_says_so(db_path, store, capsys):
    store.close()
    assert main(["requirement", "list", "--fy", "2027/28", "--db", str(db_path)]) == 0
    out = capsys.readouterr().out
    assert "No DES requirements for 2027/28: pcntui ships none for that year (shipped for 2021/22 to 2026/27)" in out
    assert main(["status", "--fy", "2027/28", "--as-of", "2027-05-01", "--db", str(db_path)]) in (0, 1)
    out = " ".join(capsys.readouterr().out.split())
    assert "pcntui ships none for that year" in out and "OVERDUE" not in out


def test_a_past_years_open_requirement_is_lapsed_not_overdue():
    assert due_state("not_started", date(2024, 3, 31), date(2026, 11, 23), "2023/24") == "lapsed"
    assert due_state("done", date(2024, 3, 31), date(2026, 11, 23), "2023/24") == ""
    assert due_state("not_started", date(2026, 11, 1), date(2026, 11, 23), "2026/27") == "overdue"
    assert due_state("not_started", date(2026, 11, 1), date(2026, 11, 23)) == "overdue"  # no year given


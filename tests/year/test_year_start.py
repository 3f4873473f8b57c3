"""`pcntui year start`: last year's SMR targets, entitlement basis and open DES requirements carried into
the new year as one undoable action, with what was estimated said and marked."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from pcntui.domain.arrs_rules import FundingRate, OncostRule
from pcntui.domain.fy import FinancialYear
from pcntui.store import open_store
from pcntui.store.arrs import get_entitlement, save_funding_rate, save_oncost_rule
from pcntui.store.new_year import start_year
from pcntui.store.requirements import list_requirements
from pcntui.store.smr import targets
from tests.conftest import cli, content_sha

NEXT = FinancialYear(2027)


@pytest.fixture
def with_2027_rules(demo_db):
    """The demo with the 2027/28 rules on record (as a rules pack would add them)."""
    with open_store(demo_db) as store:
        save_funding_rate(store, FundingRate(NEXT, Decimal("27.5"), confirmed=False, origin="user"))
        save_oncost_rule(store, OncostRule(NEXT, Decimal(15), Decimal(5000), Decimal("14.38"), origin="user"))
    return demo_db


def test_refused_in_one_sentence_when_the_years_rules_are_missing(demo_db, capsys):
    before = content_sha(demo_db)
    code, out, err = cli(capsys, "year", "start", "--db", str(demo_db), "--fy", "2027/28")
    assert code == 2 and out == ""
    assert err == ("pcntui: The 2027/28 rules are not shipped: the ARRS rate per weighted patient and the employer "
                   "on-cost rates (NI and pension) are missing; load them first ('pcntui rules import FILE').\n")
    assert content_sha(demo_db) == before


def test_refused_when_the_year_has_settings_unless_forced(demo_db, capsys):
    before = content_sha(demo_db)
    code, _, err = cli(capsys, "year", "start", "--db", str(demo_db), "--fy", "2026/27")
    assert code == 2 and err.startswith("pcntui: 2026/27 already has settings: ARRS entitlement £1,521,349.14")
    assert err.rstrip().endswith("and 7 SMR targets; add --force to replace them.") and err.count("\n") == 1
    assert content_sha(demo_db) == before
    code, out, _ = cli(capsys, "year", "start", "--db", str(demo_db), "--fy", "2026/27", "--force")
    assert code == 0
    replaced = out.split("Replaced:\n", 1)[1]
    assert "Care home residents 80% (now 75%)" in replaced and "ARRS entitlement £1,521,349.14" in replaced
    with open_store(demo_db) as store:
        assert targets(store, FinancialYear(2026))["CARE_HOME"].value == 75


def test_carries_targets_entitlement_and_open_requirements_as_one_action(with_2027_rules, capsys):
    db = str(with_2027_rules)
    with open_store(with_2027_rules) as store:
        old_targets = targets(store, FinancialYear(2026))
        old_ent = get_entitlement(store, FinancialYear(2026))
        open_reqs = [r for r in list_requirements(store, "2026/27") if r.status in ("not_started", "in_progress")]
    assert old_targets and old_ent.weighted_population and open_reqs
    before = content_sha(with_2027_rules)

    code, out, _ = cli(capsys, "year", "start", "--db", db, "--as-of", "2026-11-23")  # default: the next year
    assert code == 0 and out.startswith("Started 2027/28 from 2026/27 (one action")
    assert f"ARRS entitlement 2027/28 £{old_ent.weighted_population * Decimal('27.5'):,.2f}: " \
           f"{old_ent.weighted_population:,} weighted patients (the 2026/27 figure) × £27.5; " \
           "the 2027/28 rate is itself unconfirmed." in out
    with open_store(with_2027_rules) as store:
        assert targets(store, NEXT) == old_targets
        ent = get_entitlement(store, NEXT)
        assert ent.estimated and ent.weighted_population == old_ent.weighted_population
        assert ent.basis.startswith("estimated: ")
        new = {r.title: r for r in list_requirements(store, "2027/28")}
        for r in open_reqs:
            carried = new[r.title]
            assert carried.status == r.status and carried.origin == "user" and not carried.due_confirmed
            assert carried.due_on == r.due_on.replace(year=r.due_on.year + 1)
            assert carried.source == f"carried over from 2026/27 (requirement {r.id})"
        assert len(new) == len(open_reqs)
        history = store.query("SELECT label FROM action WHERE kind = 'do' ORDER BY id DESC LIMIT 1")
    assert history == [{"label": "Start 2027/28 from 2026/27"}]
    code, out, _ = cli(capsys, "status", "--db", db, "--fy", "2027/28", "--as-of", "2026-11-23")
    assert "(estimated: " in out

    assert cli(capsys, "undo", "--db", db, "--yes")[0] == 0
    with open_store(with_2027_rules) as store:
        assert get_entitlement(store, NEXT) is None and not targets(store, NEXT)
        assert not [r for r in list_requirements(store, "2027/28")]
    assert cli(capsys, "redo", "--db", db)[0] == 0
    code, _, err = cli(capsys, "year", "start", "--db", db, "--fy", "2027/28")
    assert code == 2 and "already has settings" in err


def test_forced_again_does_not_duplicate_requirements_and_dry_run_changes_nothing(with_2027_rules, capsys):
    db = str(with_2027_rules)
    assert cli(capsys, "year", "start", "--db", db, "--fy", "2027/28")[0] == 0
    with open_store(with_2027_rules) as store:
        count = len(list_requirements(store, "2027/28"))
    before = content_sha(with_2027_rules)
    code, out, _ = cli(capsys, "year", "start", "--db", db, "--fy", "2027/28", "--force", "--dry-run")
    assert code == 0 and out.startswith("Dry run, nothing changed.") and "2027/28 has it already." in out
    assert content_sha(with_2027_rules) == before
    assert cli(capsys, "year", "start", "--db", db, "--fy", "2027/28", "--force")[0] == 0
    with open_store(with_2027_rules) as store:
        assert len(list_requirements(store, "2027/28")) == count


def test_without_a_weighted_population_no_entitlement_is_guessed(with_2027_rules):
    with open_store(with_2027_rules) as store:
        with store.action("Amount only") as tx:
            tx.execute("UPDATE arrs_entitlement SET weighted_population = NULL, rate_per_patient = NULL "
                       "WHERE fy = '2026/27'")
        done = start_year(store, NEXT)
        assert get_entitlement(store, NEXT) is None
    assert any(line.startswith("ARRS entitlement: 2026/27 has no weighted population on record") for line in
               done.not_carried)
    assert not any("entitlement" in line for line in done.estimated)


def test_setting_the_entitlement_clears_the_estimate(with_2027_rules, capsys):
    db = str(with_2027_rules)
    assert cli(capsys, "year", "start", "--db", db, "--fy", "2027/28")[0] == 0
    assert cli(capsys, "arrs", "entitlement", "--db", db, "--fy", "2027/28", "--weighted-population", "58000")[0] == 0
    with open_store(with_2027_rules) as store:
        ent = get_entitlement(store, NEXT)
    assert not ent.estimated and not ent.basis.startswith("estimated")


def test_a_29_february_due_date_moves_to_28_february():
    from pcntui.store.new_year import _a_year_on

    assert _a_year_on(date(2028, 2, 29)) == date(2029, 2, 28)
    assert _a_year_on(date(2027, 3, 31)) == date(2028, 3, 31)

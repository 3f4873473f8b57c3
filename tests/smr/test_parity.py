"""The CLI refuses what the SMR forms refuse, with the same sentence: the form's check (the one
the modal runs as you type) and `pcntui smr …` on the same bad input. The CLI names the flag
first (`--completed: …`); the form shows the same words under the box."""

from __future__ import annotations

import pytest

from pcntui.cli.main import main
from pcntui.services.context import load_ctx
from pcntui.store import open_store
from pcntui.tui.forms import check_form
from pcntui.tui.forms.smr import counts_form, entry_form, settings_form, share_form
from tests.smr.conftest import TODAY

COUNTS = ["smr", "counts", "Y90001", "CARE_HOME", "--date", "2026-11-20"]
GOOD_COUNTS = {"practice_code": "Y90001", "cohort": "CARE_HOME", "as_of": "2026-11-20", "eligible": "50",
               "completed": "10"}
GOOD_ENTRY = {"practice_code": "Y90001", "reference": "PAR-1", "cohorts": "CARE_HOME", "status": "identified"}
ADD = ["smr", "worklist-add", "--practice", "Y90001", "--reference", "PAR-1", "--cohort", "CARE_HOME"]

CASES = [  # (form, its typed values, the CLI argv, the field that is wrong)
    ("counts", GOOD_COUNTS | {"completed": "60"}, [*COUNTS, "--eligible", "50", "--completed", "60"], "completed"),
    ("counts", GOOD_COUNTS | {"eligible": "2²"}, [*COUNTS, "--eligible", "2²", "--completed", "1"], "eligible"),
    ("counts", GOOD_COUNTS | {"invited": "1e5"}, [*COUNTS, "--eligible", "50", "--completed", "1", "--invited",
                                                 "1e5"], "invited"),
    ("counts", GOOD_COUNTS | {"as_of": "31/02/2026"},
     ["smr", "counts", "Y90001", "CARE_HOME", "--date", "31/02/2026", "--eligible", "5", "--completed", "1"], "as_of"),
    ("settings", {"minutes_per_review": "0.5"}, ["smr", "settings", "--minutes-per-review", "0.5"],
     "minutes_per_review"),
    ("settings", {"hours_per_wte": "81"}, ["smr", "settings", "--hours-per-wte", "81"], "hours_per_wte"),
    ("settings", {"default_share_pct": "101"}, ["smr", "settings", "--default-share", "101"], "default_share_pct"),
    ("share", {"share_pct": "150"}, ["smr", "share", "1", "--percent", "150"], "share_pct"),
    ("share", {"share_pct": "NaN"}, ["smr", "share", "1", "--percent", "NaN"], "share_pct"),
    ("entry", GOOD_ENTRY | {"nhs_number": "1234567890"}, [*ADD, "--nhs-number", "1234567890"], "nhs_number"),
    ("entry", GOOD_ENTRY | {"reference": "9434765919"},
     ["smr", "worklist-add", "--practice", "Y90001", "--reference", "9434765919", "--cohort", "CARE_HOME"],
     "reference"),
    ("entry", GOOD_ENTRY | {"identified_on": "2026-06-01", "reviewed_on": "2026-05-01"},
     [*ADD, "--identified", "2026-06-01", "--reviewed", "2026-05-01"], "reviewed_on"),
    ("entry", GOOD_ENTRY | {"cohorts": "gout"},
     ["smr", "worklist-add", "--practice", "Y90001", "--reference", "PAR-1", "--cohort", "gout"], "cohorts"),
]
FORMS = {"counts": lambda: counts_form(TODAY), "settings": lambda: settings_form(TODAY),
         "share": lambda: share_form(TODAY, 1, "Priya Shah"), "entry": lambda: entry_form(TODAY, None)}


def form_says(db, form: str, values: dict[str, str], name: str) -> list[str]:
    spec = FORMS[form]()
    with open_store(db) as store:
        ctx = load_ctx(store, today=TODAY, need=("practices", "cohorts"))
    result = check_form(spec, {f.name: values.get(f.name, "") for f in spec.fields}, ctx)
    assert not result.ok and not result.general
    assert list(result.under) == [name]
    return [m.text for m in result.under[name] if m.level == "error"]


@pytest.mark.parametrize("form,values,argv,name", CASES)
def test_the_cli_refuses_what_the_form_refuses_with_the_same_sentence(form, values, argv, name, demo_db, capsys):
    said = form_says(demo_db, form, values, name)
    assert said, "the form must refuse it"
    before = demo_db.read_bytes()
    assert main([*argv, "--db", str(demo_db)]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert [line.split(": ", 2)[2] for line in err] == said  # "pcntui: --flag: <the form's sentence>"
    assert demo_db.read_bytes() == before  # nothing saved


def test_count_warnings_are_the_same_sentences_in_the_form_the_cli_and_the_import(demo_db, tmp_path, capsys):
    """Completed went down: the form's warning, `smr counts` and `import smr-counts` say the same."""
    low = {**GOOD_COUNTS, "eligible": "104", "completed": "3", "invited": "200"}
    with open_store(demo_db) as store:
        from pcntui.services.smr.counts import counts_ctx

        ctx = counts_ctx(store, today=TODAY)
    spec = counts_form(TODAY)
    form = check_form(spec, {**low, "practice_code": "Y90003"}, ctx)
    texts = sorted(m.text for ms in form.under.values() for m in ms)
    assert len(texts) == 2 and any("went down from" in t for t in texts) and any("more than eligible" in t for t in texts)
    csv = tmp_path / "c.csv"
    csv.write_text("practice_code,cohort,as_of,eligible,completed,invited\nY90003,CARE_HOME,2026-11-20,104,3,200\n")
    assert main(["import", "smr-counts", str(csv), "--dry-run", "--db", str(demo_db)]) == 0
    imported = capsys.readouterr().out
    assert main(["smr", "counts", "Y90003", "CARE_HOME", "--date", "2026-11-20", "--eligible", "104", "--completed",
                 "3", "--invited", "200", "--db", str(demo_db)]) == 0
    said = capsys.readouterr().out
    for text in texts:
        assert text in said
        assert text.rstrip(".") in imported

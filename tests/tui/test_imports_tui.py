"""Imports in the TUI (issue 11 item 2): every import KIND through the palette's entry — a typed or
browsed path, Check (the dry run: counts, or every problem by row and column, nothing changed),
Import (one action), `u` undoes it. The national files are the real ones in ../shared/data."""

from __future__ import annotations

import csv
import inspect
from pathlib import Path

import pytest
from textual.widgets import Button, Input, OptionList, Static

from pcntui.catalog import import_kinds
from pcntui.store import open_store
from pcntui.tui.commands import command, commands
from pcntui.tui.commands.provider import PcnCommands, offered
from pcntui.tui.screens.confirm import ConfirmModal
from pcntui.tui.screens.imports import ImportFileOpen, ImportModal
from tests.conftest import AGE_FILE, IMD_FILE, MAP_FILE, WORKFORCE_FILE
from tests.tui.conftest import light_dashboard, palette_search, settle


@pytest.fixture(autouse=True)
def _light_dashboard(monkeypatch):
    """The app starts on the dashboard; only its PCN block is built here (the import dialog is under test)."""
    light_dashboard(monkeypatch)


PCN = "U14816"  # a Sussex PCN in the practice map, the NWRS file and the IIF file
IIF_FILE = "iif-indicators-annual_2023-24_sussex-cornwall.csv"
LEFT_OUT = 1  # the real PCN is set up without its last practice, so `import practices` adds it

# KIND → (table it writes, the file's text, for the demo's own CSV kinds)
DEMO_FILES = {
    "staff": ("staff", "name,role,wte,start_date,end_date,fte_salary,oncost_pct,arrs_funded\n"
                       "Tui Import,Clinical Pharmacist,1,2026-04-01,,50000,25,yes\n"),
    "rates": ("arrs_rate", "role,effective_from,annual_max,reimbursement_pct\nDietitian,2026-10-01,61000,100\n"),
    "claims": ("arrs_claim", "month,name,role,amount_claimed,status,amount_paid\n"
                             "2026-05,Daniel Evans,First Contact Physiotherapist,1000,submitted,\n"),
    "smr-counts": ("smr_count", "practice_code,cohort,as_of,eligible,completed\n"
                                "Y90001,Care home residents,2026-11-20,40,36\nY90002,Severe frailty,2026-11-20,30,28\n"),
    "smr-worklist": ("smr_worklist", "practice_code,reference,cohort\nY90001,TUI0001,Care home residents\n"
                                     "Y90002,TUI0002,Severe frailty\n"),
    "iif-indicators": ("iif_indicator", "fy,indicator,ind_code,description,numerator_measure,denominator_measure,"
                                        "lower_threshold,upper_threshold,points,pound_per_point,higher_is_better\n"
                                        "2026/27,ACC-99,NCD999,Test,ACC-99 Numerator,ACC-99 Denominator,50,80,10,"
                                        "198.00,yes\n"),
}
# KIND → (table it writes, the published file)
REAL_FILES = {"practices": ("practice", MAP_FILE), "list-sizes": ("list_size", AGE_FILE),
              "imd": ("practice_imd", IMD_FILE), "workforce": ("nwrs_record", WORKFORCE_FILE),
              "iif": ("iif_value", IIF_FILE)}


def rows_in(db: Path, table: str) -> int:
    with open_store(db) as store:
        return int(store.scalar(f"SELECT count(*) FROM {table}"))


def actions_in(db: Path) -> int:
    with open_store(db) as store:
        return int(store.scalar("SELECT count(*) FROM action"))


@pytest.fixture
def real_pcn(shared_data, tmp_path) -> Path:
    """PCN U14816 set up from the real practice map, less one of its practices."""
    from pcntui.store.pcn import setup

    with open(shared_data / MAP_FILE, encoding="utf-8-sig", newline="") as fh:
        rows = list(csv.reader(fh))
    mine = [i for i, r in enumerate(rows) if PCN in r]
    fewer = tmp_path / "map-less-one.csv"
    with open(fewer, "w", encoding="utf-8", newline="") as fh:
        csv.writer(fh).writerows(r for i, r in enumerate(rows) if i not in mine[-LEFT_OUT:])
    db = tmp_path / "real.db"
    with open_store(db, mode="create") as store:
        setup(store, PCN, fewer)
    return db


async def run_entry(app, title: str) -> None:
    """Run a palette entry, found by its title, as the palette runs it from the current screen."""
    runs = {cmd.title: go for cmd, go in offered(app, app.screen)}
    result = runs[title]()
    if inspect.isawaitable(result):
        await result


def entry_of(kind: str) -> str:
    return command(f"import_file('{kind}')").title


def status(app) -> str:
    return " ".join(str(app.screen.query_one("#import-status", Static).render()).split())


def listed(app) -> list[str]:
    box = app.screen.query_one("#import-list", OptionList)
    return [str(box.get_option_at_index(i).prompt) for i in range(box.option_count)]


@pytest.fixture
def heard(monkeypatch) -> list[tuple[str, int, int | None]]:
    """Every progress report the import dialog's worker hears (what its bar and stage label show)."""
    from pcntui.tui.screens import imports

    reports: list[tuple[str, int, int | None]] = []
    plain_call = imports.Running.__call__

    def hear(self, stage: str, done: int, total: int | None) -> None:
        reports.append((stage, done, total))
        plain_call(self, stage, done, total)

    monkeypatch.setattr(imports.Running, "__call__", hear)
    return reports


async def check_import_undo(pilot, app, kind: str, path: Path, db: Path, table: str, heard: list) -> None:
    before, actions = rows_in(db, table), actions_in(db)
    await run_entry(app, entry_of(kind))
    await settle(pilot)
    modal = app.screen
    assert isinstance(modal, ImportModal) and modal.kind == kind
    box = modal.query_one("#import-path", Input)
    assert app.focused is box  # the path box, ready for the path (typed key by key in the tests below)
    box.value = str(path)
    await pilot.press("enter")  # Check: the dry run
    await settle(pilot)
    assert "to add" in status(app) and "Import saves this as one action (u undoes it)" in status(app), status(app)
    assert rows_in(db, table) == before and actions_in(db) == actions  # nothing saved by the check
    assert heard and heard[-1][1] > 0 and heard[-1][1] == heard[-1][2], heard  # the bar heard every row read
    assert str(modal.query_one("#import-go", Button).label) == "Import"
    heard.clear()
    notes: list[str] = []  # what the app says (a toast may time out before a loaded machine looks)
    shown = app.notify
    app.notify = lambda message, **options: (notes.append(str(message)), shown(message, **options))[1]
    await pilot.click("#import-go")
    await settle(pilot)
    assert not isinstance(app.screen, ImportModal)
    assert rows_in(db, table) > before
    assert actions_in(db) == actions + 1  # one action
    assert heard and heard[-1][1] > 0, heard
    assert any(n.startswith("Imported ") and "u undoes it" in n for n in notes), notes
    await pilot.press("u")
    await settle(pilot)
    if isinstance(app.screen, ConfirmModal):  # 10 rows or more: undo asks first
        await pilot.press("y")
        await settle(pilot)
    assert rows_in(db, table) == before


@pytest.mark.parametrize("kind", sorted(DEMO_FILES))
async def test_each_kind_of_your_own_csv_is_checked_imported_and_undone(make_app, demo_db, tmp_path, kind, heard):
    table, text = DEMO_FILES[kind]
    path = tmp_path / f"{kind}.csv"
    path.write_text(text, encoding="utf-8")
    app = make_app(demo_db)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await check_import_undo(pilot, app, kind, path, demo_db, table, heard)


@pytest.mark.realdata
@pytest.mark.parametrize("kind", sorted(REAL_FILES))
async def test_each_national_file_is_checked_imported_and_undone(make_app, real_pcn, shared_data, kind, heard):
    table, name = REAL_FILES[kind]
    app = make_app(real_pcn)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await check_import_undo(pilot, app, kind, shared_data / name, real_pcn, table, heard)


def test_every_import_kind_in_the_catalog_is_driven_through_the_tui_above():
    assert set(DEMO_FILES) | set(REAL_FILES) == {k.kind for k in import_kinds()}


def test_every_import_kind_has_its_palette_entry_and_nothing_else_does():
    entries = {c.params[0] for c in commands() if c.name == "import_file" and c.params}
    assert entries == {k.kind for k in import_kinds()}
    assert command("import_file").title == "Import a file…" and command("import_file").edits


async def test_the_palette_finds_every_import_entry_by_its_title(make_app, demo_db):
    app = make_app(demo_db)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        for title in ["Import a file…", *(entry_of(k.kind) for k in import_kinds())]:
            hits = sorted([h async for h in PcnCommands(app.screen).search(title)], key=lambda h: -h.score)
            assert hits and hits[0].text == title, title


async def test_a_malformed_file_lists_every_problem_by_row_and_column_and_changes_nothing(make_app, demo_db,
                                                                                         tmp_path):
    bad = tmp_path / "counts.csv"
    bad.write_text("practice_code,cohort,as_of,eligible,completed\nY90001,Care home residents,2026-11-20,40,10\n"
                   "Y90002,Severe frailty,2026-11-20,abc,5\nY90099,Nonsense,2026-11-20,3,1\n", encoding="utf-8")
    counts, actions = rows_in(demo_db, "smr_count"), actions_in(demo_db)
    app = make_app(demo_db)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await palette_search(pilot, "Import a file")
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, ImportModal) and app.screen.kind is None
        await pilot.press("tab")
        box = app.screen.query_one("#import-path", Input)
        assert app.focused is box
        box.value = str(bad)
        await pilot.press("enter")
        await settle(pilot)
        assert "Choose what the file holds first." in status(app)
        app.screen.query_one("#import-kind").value = "smr-counts"
        app.screen.query_one("#import-path", Input).focus()
        await pilot.press("enter")
        await settle(pilot)
        assert "counts.csv was not imported: 3 problems; nothing was changed." in status(app)
        problems = listed(app)
        assert problems[0].startswith("row 3, column eligible: 'abc' is not a whole number")
        assert problems[1].startswith("row 4, column practice_code: Y90099 is not one of this PCN's practices")
        assert problems[2].startswith("row 4, column cohort: 'Nonsense' is not a known cohort")
        assert str(app.screen.query_one("#import-go", Button).label) == "Check"  # never Import
        await pilot.press("enter")  # checking again still refuses
        await settle(pilot)
        assert isinstance(app.screen, ImportModal) and len(listed(app)) == 3
    assert rows_in(demo_db, "smr_count") == counts and actions_in(demo_db) == actions


async def test_browse_picks_the_file_with_textual_fspicker_then_checks_it(make_app, demo_db, tmp_path):
    (tmp_path / "[red]odd").mkdir()  # a folder name that is not markup
    path = tmp_path / "[red]odd" / "worklist.csv"
    path.write_text(DEMO_FILES["smr-worklist"][1], encoding="utf-8")
    app = make_app(demo_db)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await run_entry(app, entry_of("smr-worklist"))
        await settle(pilot)
        assert type(app.screen_stack[-2]).__name__ == "WorklistScreen"  # the entry opened its section first
        await pilot.press(*f"{path.parent}/", "ctrl+o")
        await settle(pilot)
        assert isinstance(app.screen, ImportFileOpen)
        await pilot.press("tab", *path.name, "enter")  # the picker's file name box
        await settle(pilot)
        assert isinstance(app.screen, ImportModal)
        assert app.screen.query_one("#import-path", Input).value == str(path)
        assert "worklist.csv as smr-worklist: 2 to add, 0 to update, 0 unchanged." in status(app)

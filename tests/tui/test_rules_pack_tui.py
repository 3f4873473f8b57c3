"""The palette's "Export rules pack…" / "Import rules pack…": a typed path, the dry run's row-by-row
changes shown first, Apply saves them as one action that `u` undoes (docs/rules-pack.md)."""

from __future__ import annotations

from textual.widgets import Button, Static

from pcntui.domain.fy import FinancialYear
from pcntui.store import open_store
from pcntui.store.rules_pack import export_pack
from pcntui.tui.screens.rules_pack import ExportRulesModal, ImportRulesModal
from tests.tui.conftest import give_path, palette_search, settle

FY = FinancialYear.parse("2026/27")


def pack_of(path) -> str:
    with open_store(path) as store:
        return export_pack(store, FY)


async def test_palette_exports_then_checks_and_applies_a_rules_pack(make_app, demo_db, tmp_path):
    out = tmp_path / "rules.toml"
    before = pack_of(demo_db)
    app = make_app(demo_db)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await palette_search(pilot, "Export rules pack")
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, ExportRulesModal)
        await pilot.press("ctrl+u", *str(out), "enter")
        await settle(pilot)
        assert not isinstance(app.screen, ExportRulesModal)
        assert out.read_text(encoding="utf-8") == before

        out.write_text(before.replace('rate_per_patient = "26.631"', 'rate_per_patient = "27.5"', 1), encoding="utf-8")
        await palette_search(pilot, "Import rules pack")
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, ImportRulesModal)
        await give_path(pilot, out)  # check: a dry run (the export above typed its path key by key)
        await settle(pilot)
        shown = str(app.screen.query_one("#pack-result", Static).render())
        assert "changed  funding fy 2026/27: rate_per_patient 26.631 → 27.5; origin shipped → local" in shown
        assert pack_of(demo_db) == before  # nothing saved yet
        assert str(app.screen.query_one("#go", Button).label) == "Apply"
        await pilot.click("#go")
        await settle(pilot)
        assert not isinstance(app.screen, ImportRulesModal)
        assert 'rate_per_patient = "27.5"' in pack_of(demo_db)
        await pilot.press("u")
        await settle(pilot)
    assert pack_of(demo_db) == before


async def test_a_bad_pack_is_refused_in_the_dialog_naming_its_row(make_app, demo_db, tmp_path):
    bad = tmp_path / "bad.toml"
    bad.write_text(pack_of(demo_db).replace('rate_per_patient = "26.631"', 'rate_per_patient = "lots"', 1),
                   encoding="utf-8")
    app = make_app(demo_db)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        app.action_import_rules()
        await settle(pilot)
        await give_path(pilot, bad)
        shown = " ".join(str(app.screen.query_one("#pack-result", Static).render()).split())
        assert "section funding, row 1, field rate_per_patient: 'lots' is not a number" in shown
        assert isinstance(app.screen, ImportRulesModal)

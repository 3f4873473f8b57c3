"""Issue 11's "wrong or confusing on screen" list, each held on the real screens (demo DB, today
2026-11-23): one date for "latest counts", the undo notice in words, section keys opening the
section's own screen."""

from __future__ import annotations

from pcntui.domain.fy import FinancialYear
from pcntui.domain.period import Period
from pcntui.report.smr_status import smr_block
from pcntui.store import open_store
from tests.tui.conftest import TODAY, messages, screen_text, settle


async def test_the_smr_screen_shows_the_latest_counts_date_status_shows(make_app, demo_db):
    from pcntui.tui.screens.smr import SmrScreen

    store = open_store(demo_db)
    try:
        latest = smr_block(store, Period(TODAY, FinancialYear.of(TODAY))).data["latest_counts"]
    finally:
        store.close()
    assert latest == "2026-10-31"  # the demo's last imported month-end counts
    app = make_app(demo_db)
    async with app.run_test(size=(160, 50)) as pilot:
        await settle(pilot)
        await pilot.press("s")
        await settle(pilot)
        assert isinstance(app.screen, SmrScreen)
        assert f"latest counts {latest}" in screen_text(app)


async def test_a_section_key_opens_the_section_not_its_last_sub_view_and_n_adds_a_person(make_app, demo_db):
    from pcntui.inputs.arrs import StaffIn
    from pcntui.tui.screens.arrs import ArrsScreen
    from pcntui.tui.screens.arrs.mix import MixScreen

    app = make_app(demo_db)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        for key, screen in (("a", ArrsScreen), ("m", MixScreen), ("d", None), ("a", ArrsScreen)):
            await pilot.press(key)
            await settle(pilot)
            if screen is not None:
                assert type(app.screen) is screen, (key, app.screen)
        await pilot.press("n")
        await settle(pilot)
        assert getattr(app.screen, "spec", None) is not None and app.screen.spec.model is StaffIn


async def test_undoing_an_add_says_changes_reverted_in_words(make_app, demo_db, capsys):
    from pcntui.cli.main import main

    assert main(["arrs", "add", "--name", "Test Person", "--role", "CP", "--wte", "1", "--start", "2026-12-01",
                 "--salary", "45000", "--db", str(demo_db)]) == 0
    capsys.readouterr()
    app = make_app(demo_db)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("u")
        await settle(pilot)
        said = messages(app)
    assert any("Undid “Add staff" in m and "row changes reverted;" in m for m in said), said
    assert not any(" rows restored" in m or "1 rows" in m for m in said), said


def test_a_year_still_to_come_says_a_registration_expires_not_expired(demo_db, capsys):
    """Viewing 2028/29 on 2026-11-23: a registration expiring 2028-01-23 has not expired; a DES item
    due soon in 2026/27 says its year."""
    from pcntui.cli.main import main

    argv = ["--fy", "2028/29", "--as-of", TODAY.isoformat(), "--db", str(demo_db)]
    main(["arrs", "alerts", *argv])
    alerts = " ".join(capsys.readouterr().out.split())
    assert "registration expired on 2026-11-13" in alerts  # Daniel Evans: truly expired, in post
    assert "registration expired on 2028" not in alerts
    assert "registration expires on 2028-01-23, before their last day in 2028/29 (record the renewal)" in alerts
    main(["status", *argv])
    status = " ".join(capsys.readouterr().out.split())
    assert "due soon 2026-12-07 (unconfirmed) #36 TNHI progress update to the commissioner (2026/27)" in status


async def test_an_empty_year_names_the_year_keys(make_app, demo_db):
    from pcntui.tui.screens.requirements import RequirementsScreen

    app = make_app(demo_db)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("r", "right_square_bracket", "right_square_bracket")
        await settle(pilot)
        assert isinstance(app.screen, RequirementsScreen)
        text = " ".join(screen_text(app).split())
        assert "No DES requirements for 2028/29 yet" in text
        assert "or [ and ] to see another year" in text


async def test_a_new_pcn_is_told_which_keys_do_the_work_not_which_shell_commands(make_app, pcn_db):
    """A PCN with only its practices: every empty figure, caption and screen names a key or a palette
    entry (which the palette then runs), never a `pcntui …` command to type in a shell."""
    from pcntui.tui.commands import reach

    app = make_app(pcn_db)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        seen = {}
        for name, keys in (("dashboard", ()), ("roster", ("a",)), ("nwrs", ("w",)), ("iif", ("s", "f"))):
            for key in keys:
                await pilot.press(key)
                await settle(pilot)
            seen[name] = screen_text(app)
            assert "'pcntui " not in seen[name], (name, seen[name])
    assert reach("counts_grid") == "s then g" and "press s then g" in seen["dashboard"]
    assert reach("arrs_entitlement") == "a then t" and "press a then t" in seen["dashboard"]
    assert reach("import_file('staff')") in seen["roster"]
    assert "ctrl+p “ARRS: import the workforce census…”" in seen["nwrs"].replace("\n", " ")
    assert "ctrl+p “IIF: import achievement…”" in " ".join(seen["iif"].split())  # (indicators are shipped)


async def test_the_roster_of_a_year_without_published_maxima_names_the_import_not_a_shell_command(
        make_app, demo_db):
    """The demo's 2026/27 has no published maxima: the ARRS screen says how to add them with the
    palette, as the CLI's status says 'pcntui import rates'."""
    app = make_app(demo_db)
    async with app.run_test(size=(160, 50)) as pilot:
        await settle(pilot)
        await pilot.press("a")
        await settle(pilot)
        text = " ".join(screen_text(app).split())
    assert "No published maxima for 2026/27" in text
    assert "add the year's with ctrl+p “ARRS: import rates…”" in text
    assert "'pcntui " not in text


def test_no_screen_tells_the_user_to_type_a_shell_command_when_it_is_empty():
    """Every table screen's empty text names a key or a palette entry, never `pcntui …`."""
    import importlib
    import pkgutil

    import pcntui.tui.screens as screens
    from pcntui.tui.screens.table import TableScreen

    for info in pkgutil.walk_packages(screens.__path__, "pcntui.tui.screens."):
        importlib.import_module(info.name)

    def every(cls):
        for sub in cls.__subclasses__():
            yield sub
            yield from every(sub)

    found = {c.__name__: c.EMPTY for c in every(TableScreen)}
    assert "PcnScreen" in found and len(found) > 10
    assert {name: text for name, text in found.items() if "'pcntui " in text} == {}

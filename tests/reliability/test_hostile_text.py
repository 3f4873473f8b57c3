"""Hostile text never reaches the terminal: control sequences are shown, never sent, and square
brackets show as typed, in every CLI command and TUI screen that prints names, titles and notes.

The database holds NAME (an OSC-8 link, a bell, a screen clear, a right-to-left override, a C1
CSI and a carriage return) and NOTE (Rich-style markup) in every kind of user text
(tests/reliability/hostile.py), written straight into the file as another tool could.
"""

from __future__ import annotations

import io
import shutil
import unicodedata
from pathlib import Path

import pytest
from hypothesis import example, given
from hypothesis import strategies as st
from textual.content import Content

from pcntui.cli.main import main
from pcntui.cli.terminal import SafeStream
from pcntui.domain.text import clean_input, terminal_safe
from pcntui.store import open_store
from pcntui.tui.safe import ZERO_WIDTH_SPACE, markup
from tests.reliability.cli_surface import FINDING, argv_for, cached_parser, commands
from tests.reliability.hostile import BAD, NAME, NOTE, acts_on_a_terminal, make_hostile

# ---------------------------------------------------------------------------- the one function
@example(NAME)
@given(st.text())
def test_terminal_safe_leaves_nothing_a_terminal_acts_on(text):
    out = terminal_safe(text)
    assert not any(acts_on_a_terminal(ch) for ch in out)
    assert len(out) == len(text)  # one for one: column widths and styled spans stay right
    assert terminal_safe(out) == out
    assert all(a == b for a, b in zip(out, text) if not acts_on_a_terminal(b))


def test_terminal_safe_shows_what_was_there():
    assert terminal_safe("Eve\x1b[2J\x07\r\u202eZ\x9b\x7f\tok\n") == "Eve␛[2J␇␍�Z�␡\tok\n"


def test_terminal_safe_looks_before_it_translates_and_misses_nothing():
    """Text with nothing a terminal acts on comes back as it is (the same string); each character
    it changes, alone and in long text, and each one either side of them, as a full translation."""
    from pcntui.domain.text import _TERMINAL

    plain = "Staff in post 1,626 (1,234.5 WTE) · £12,345.67 — ok\n" * 1000
    assert terminal_safe(plain) is plain
    for code in {c + d for c in _TERMINAL for d in (-1, 0, 1)} - {-1}:
        text = f"{plain}{chr(code)}x"
        assert terminal_safe(text) == text.translate(_TERMINAL) and terminal_safe(chr(code)) == chr(code).translate(
            _TERMINAL), hex(code)


@example("a\r\nb\rc\x1b\x85\u202e\t")
@given(st.text())
def test_clean_input_keeps_tab_newline_and_text(text):
    out = clean_input(text)
    assert not any(unicodedata.category(ch) == "Cc" and ch not in "\t\n" for ch in out)
    assert clean_input("a\r\nb\rc\x1b\x85\u202e\t") == "a\nb\nc\u202e\t"  # bidi is shown safely on output


@example("a [2J see [bold]x[/] and [link=http://e]y[/]")
@example("C:\\dir\\[b]x\\")
@example("\\")
@given(st.text(alphabet=st.sampled_from(list("[]\\/$=@ab #:\x1b\x07")) | st.characters()))
def test_markup_shows_user_text_exactly(text):
    for template in ("{}", "[b]{}[/b]", "x {} [dim]y[/dim]"):
        shown = Content.from_markup(template.format(markup(text))).plain.replace(ZERO_WIDTH_SPACE, "")
        assert shown == template.replace("[b]", "").replace("[/b]", "").replace("[dim]", "").replace(
            "[/dim]", "").format(terminal_safe(text))


# ---------------------------------------------------------------------------- the CLI
@pytest.fixture(scope="module")
def hostile_db(tmp_path_factory, demo_template) -> Path:
    path = tmp_path_factory.mktemp("hostile") / "hostile.db"
    shutil.copy2(demo_template, path)
    return make_hostile(path)


@pytest.fixture
def hostile_copy(hostile_db, tmp_path) -> Path:
    store = open_store(hostile_db)
    store.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    store.close()
    path = tmp_path / "copy.db"
    shutil.copy(hostile_db, path)
    return path


# Commands that print names, titles or notes: each shows NAME, as characters.
SHOWS_NAMES = [
    ["status"], ["history"], ["arrs", "staff", "--all"], ["arrs", "show", "1"], ["arrs", "plans"],
    ["smr", "progress"], ["smr", "cohorts"], ["smr", "worklist"], ["intervention", "list"],
    ["intervention", "show", "1"], ["intervention", "summary", "1"], ["requirement", "list"],
]


@pytest.mark.parametrize("argv", SHOWS_NAMES, ids=" ".join)
def test_cli_shows_hostile_names_as_characters(argv, hostile_db, capfd, monkeypatch):
    monkeypatch.setenv("PCNTUI_TODAY", "2026-11-23")
    code = main([*argv, "--db", str(hostile_db)])
    out, err = capfd.readouterr()
    assert code in (0, 1), err
    assert not [c for c in BAD if c in out + err], (out + err)[:400]
    assert "Eve␛]8;;" in out  # shown, as characters


def test_every_command_prints_no_control_characters(hostile_db, tmp_path, capfd, monkeypatch):
    """Every command (walked from the parser), each on its own copy of the hostile file. CSV
    that `export` writes to a pipe is data, exact (tested below); everything else is guarded.
    `hostile-text` in benchmarks/trials.py runs them on a terminal through the installed program."""
    monkeypatch.setenv("PCNTUI_TODAY", "2026-11-23")
    cached_parser(monkeypatch)
    csv_file = tmp_path / "in.csv"
    csv_file.write_text(f"practice_code,name\nY90001,{NAME}\n", encoding="utf-8")
    failures = []
    for path, parser in commands():
        db = tmp_path / "copy" / "d.db"
        shutil.rmtree(db.parent, ignore_errors=True)
        db.parent.mkdir()
        shutil.copy(hostile_db, db)
        found = {a.dest: FINDING[a.dest] for a in parser._actions if a.dest in FINDING and a.required}
        argv = argv_for(path, parser, str(db), str(csv_file), str(hostile_db), found)
        try:
            code = main(argv)
        except SystemExit as exc:
            code = exc.code
        out, err = capfd.readouterr()
        shown = (err if path[0] == "export" else out + err)
        if code not in (0, 1, 2) or "Traceback" in err or [c for c in shown if acts_on_a_terminal(c)]:
            failures.append(f"pcntui {' '.join(argv)}: exit {code}, {shown[:300]!r}")
    assert not failures, "\n".join(failures)


@pytest.mark.parametrize("argv", [["intervention", "show", "1"], ["requirement", "list"], ["history"]], ids=" ".join)
def test_cli_shows_brackets_as_written(argv, hostile_db, capfd):
    assert main([*argv, "--db", str(hostile_db)]) == 0
    assert NOTE[:20] in capfd.readouterr().out.replace("\n     ", " ").replace("\n    ", " ")


def test_an_error_quoting_a_file_is_shown_safely(hostile_db, tmp_path, capfd):
    f = tmp_path / "staff.csv"
    f.write_text("name,role,wte,start_date,end_date,fte_salary,oncost_pct,arrs_funded\n"
                 "Zoe,Chief \u202eWizard\x9b2J,1,2026-04-01,,50000,,yes\n", encoding="utf-8")
    assert main(["import", "staff", str(f), "--db", str(hostile_db)]) == 2
    out, err = capfd.readouterr()
    assert "Chief �Wizard" in err and not [c for c in BAD if c in out + err]


def test_options_are_cleaned_before_they_are_stored(hostile_copy, capfd):
    assert main(["intervention", "add", "--title", "Walk\x1b[2J in\x07 clinic", "--db", str(hostile_copy)]) == 0
    store = open_store(hostile_copy)
    try:
        assert store.scalar("SELECT title FROM intervention ORDER BY id DESC LIMIT 1") == "Walk[2J in clinic"
    finally:
        store.close()


def test_csv_on_stdout_is_exact_to_a_pipe_and_guarded_on_a_terminal():
    class Tty(io.StringIO):
        def isatty(self) -> bool:
            return True

    data = "name\r\nEve\x1b[2J\r\n"
    pipe, tty = io.StringIO(), Tty()
    SafeStream(pipe).write_data(data)
    SafeStream(tty).write_data(data)
    assert pipe.getvalue() == data
    assert tty.getvalue() == "name\r\nEve␛[2J\r\n"


def test_export_to_a_pipe_keeps_the_data(hostile_db, capfd):
    assert main(["export", "interventions", "--db", str(hostile_db)]) == 0
    assert NAME.replace("\r", "") in capfd.readouterr().out.replace("\r", "")


# ---------------------------------------------------------------------------- the TUI
JOURNEYS = {
    "dashboard, PCN, practice": [[], ["p"], ["enter"]],
    "ARRS roster, person, edit": [["a"], ["enter"], ["e"]],
    "ARRS views": [["a", "m"], ["escape", "v"], ["escape", "exclamation_mark"], ["escape", "w"], ["escape", "b"]],
    "interventions": [["i"], ["enter"], ["e"], ["escape", "k"], ["escape", "delete"]],
    "requirements": [["r"], ["e"], ["escape", "delete"]],
    "SMR": [["s"], ["enter"], ["escape", "c"], ["escape", "w"], ["enter"]],
    "history": [["h"], ["enter"]],
    "help and palette": [["a", "enter", "question_mark"], ["escape", "ctrl+p", *"Eve"]],
}
# Journeys run one after another in one app (back on the dashboard between them): starting the
# app is most of a short journey's cost.
SESSIONS = [["dashboard, PCN, practice", "requirements", "history", "help and palette"],
            ["ARRS roster, person, edit", "ARRS views"], ["interventions", "SMR"]]


def test_every_journey_is_in_a_session():
    assert sorted(j for s in SESSIONS for j in s) == sorted(JOURNEYS)


@pytest.mark.parametrize("session", SESSIONS, ids="; ".join)
async def test_tui_screens_show_hostile_text_safely(session, hostile_copy):
    from pcntui.tui.app import PcnApp
    from tests.conftest import TODAY
    from tests.tui.conftest import screen_text, settle

    app = PcnApp(hostile_copy, today=TODAY, store=open_store(hostile_copy, source="tui"))
    async with app.run_test(size=(160, 50)) as pilot:
        for journey in session:
            for _ in range(8):  # back to the dashboard, as the app opens
                await settle(pilot)
                if app.current_mode == "dashboard" and len(app.screen_stack) == 1:
                    break
                await pilot.press("escape")
            for keys in JOURNEYS[journey]:
                for key in keys:
                    await pilot.press(key)
                await settle(pilot)
                text = screen_text(app)
                where = f"{journey} {keys} on {type(app.screen).__name__}"
                assert not [c for c in BAD if c in text], where
                assert "␛]8;;http://x␇click" in text, where  # the header at least: the PCN's name
                assert "see \\[" not in text, where


async def test_tui_notes_keep_their_brackets(hostile_copy):
    from pcntui.tui.app import PcnApp
    from tests.conftest import TODAY
    from tests.tui.conftest import screen_text, settle

    app = PcnApp(hostile_copy, today=TODAY, store=open_store(hostile_copy, source="tui"))
    async with app.run_test(size=(200, 60)) as pilot:
        await settle(pilot)
        await pilot.press("i", "enter")
        await settle(pilot)
        text = screen_text(app)
        assert f"Heard: {NOTE}" in text and f"Who: {NOTE}" in text
        app.notify(f"Saved {NAME} {NOTE}")  # a notification quoting user text
        await settle(pilot)
        text = screen_text(app)
        assert NOTE in text.replace("\n", "") or "[link=http://e]y[/]" in text
        assert not [c for c in BAD if c in text]


async def test_tui_table_cells_keep_their_brackets(hostile_copy):
    from pcntui.tui.app import PcnApp
    from tests.conftest import TODAY
    from tests.tui.conftest import settle

    app = PcnApp(hostile_copy, today=TODAY, store=open_store(hostile_copy, source="tui"))
    async with app.run_test(size=(240, 50)) as pilot:  # wide enough for every column, Evidence included
        await settle(pilot)
        await pilot.press("r")
        await settle(pilot)
        table = app.screen.table
        cells = [str(table.get_cell_at((row, col)).plain) for row in range(table.row_count)
                 for col in range(len(table.columns))]
        assert NOTE in cells  # the evidence column: as written
        assert any(c.startswith("Eve␛]8;;http://x␇click") for c in cells)

"""The CLI's shape: a static command table (only the invoked command's parser is built), one
`opened()` per command, and a refused input printed as `pcntui: --flag: sentence` (exit 2)."""

from __future__ import annotations

import argparse
import subprocess
import sys

import pytest

from pcntui.cli.common import opened
from pcntui.cli.main import _run, build_parser, main
from pcntui.cli.registry import COMMANDS
from pcntui.errors import FieldMessage, UserError, ValidationFailed


def loaded_after(argv: list[str]) -> set[str]:
    """The pcntui modules a fresh process has loaded after `main(argv)`."""
    code = ("import sys\nfrom pcntui.cli.main import main\n"
            f"try:\n    main({argv!r})\nexcept SystemExit:\n    pass\n"
            "print('\\n'.join(m for m in sys.modules if m.startswith('pcntui')))\n")
    p = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    loaded = set(p.stdout.split())
    assert "pcntui.cli.main" in loaded, p.stderr
    return loaded


def test_the_table_lists_every_command_in_help_order():
    parser = build_parser()
    sub = next(a for a in parser._actions if a.dest == "command")
    assert list(sub.choices) == list(COMMANDS)
    helps = {a.dest: a.help for a in sub._choices_actions}
    assert helps == {name: c.help for name, c in COMMANDS.items()}



def test_each_command_is_described_by_its_table_entry():
    """A command's help line and its description are declared together, in the table."""
    sub = next(a for a in build_parser()._actions if a.dest == "command")
    for name, command in COMMANDS.items():
        assert sub.choices[name].description.startswith(command.description), name

def test_help_is_printed_from_the_table_alone(capsys):
    with pytest.raises(SystemExit):
        main(["--help"])
    out = capsys.readouterr().out
    assert all(name in out for name in COMMANDS)
    loaded = loaded_after(["--help"])
    assert not {c.module for c in COMMANDS.values()} & loaded
    assert not any(m.startswith(("pcntui.store.", "pcntui.report", "pcntui.domain.staff")) for m in loaded)


def test_a_command_builds_only_its_own_parser():
    loaded = loaded_after(["status", "--help"])
    assert "pcntui.cli.status_commands" in loaded
    assert not {"pcntui.cli.arrs", "pcntui.cli.smr", "pcntui.cli.interventions", "pcntui.cli.pcn_commands"} & loaded


def test_an_action_of_an_area_is_reached_through_its_package(capsys):
    with pytest.raises(SystemExit) as done:
        main(["arrs", "plan", "--help"])
    assert done.value.code == 0 and "--salary" in capsys.readouterr().out


def test_a_typo_is_refused_with_the_list_of_commands(capsys):
    with pytest.raises(SystemExit) as done:
        main(["statuz"])
    assert done.value.code == 2
    assert "invalid choice: 'statuz'" in capsys.readouterr().err


def test_refused_input_names_the_flag_the_user_typed(capsys):
    def handler(args):
        raise ValidationFailed(
            [FieldMessage(("wte",), "1.5 must be more than 0 and at most 1."),
             FieldMessage(("fte_salary",), "-5 must be at least £0."),
             FieldMessage(("end_date",), "is after the start date; check it.", "warning"),
             FieldMessage((), "The end date is before the start date.")],
            flags={"fte_salary": "--salary"},
        )

    assert _run(handler, argparse.Namespace()) == 2
    assert capsys.readouterr().err.splitlines() == [
        "pcntui: --wte: 1.5 must be more than 0 and at most 1.",
        "pcntui: --salary: -5 must be at least £0.",
        "pcntui: The end date is before the start date.",
    ]


def test_opened_closes_the_database_however_the_command_ends(demo_db):
    args = argparse.Namespace(db=str(demo_db))
    with pytest.raises(UserError):
        with opened(args) as store:
            raise UserError("refused half-way")
    with pytest.raises(Exception, match="closed"):
        store.scalar("SELECT 1")
    with opened(args, mode="ro") as store:
        assert store.mode == "ro" and store.before_first_write == []

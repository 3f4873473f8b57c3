"""The commands' TOML files are kept parsed beside them (`read_toml`, as Python keeps compiled
code): a start parses no TOML unless a file changed, and a changed file is never read stale."""

from __future__ import annotations

import os
import subprocess
import sys
import tomllib

from pcntui.tui.commands import AREAS, _FOLDER, read_toml

TOML = 'title = "first"\n[[command]]\nid = "a"\n'


def no_parsing(monkeypatch) -> None:
    def refuse(*args, **kwargs):
        raise AssertionError("parsed again")

    monkeypatch.setattr(tomllib, "load", refuse)
    monkeypatch.setattr(tomllib, "loads", refuse)


def test_a_file_read_once_is_not_parsed_again(tmp_path, monkeypatch):
    source = tmp_path / "area.toml"
    source.write_text(TOML)
    assert read_toml(source) == {"title": "first", "command": [{"id": "a"}]}
    no_parsing(monkeypatch)
    assert read_toml(source) == {"title": "first", "command": [{"id": "a"}]}


def test_a_changed_file_is_parsed_again(tmp_path, monkeypatch):
    source = tmp_path / "area.toml"
    source.write_text(TOML)
    read_toml(source)
    source.write_text(TOML.replace("first", "other"))  # a new size
    assert read_toml(source)["title"] == "other"
    stamp = source.stat()
    source.write_text(TOML.replace("first", "later"))  # the same size, another time
    os.utime(source, ns=(stamp.st_atime_ns, stamp.st_mtime_ns + 1_000_000))
    assert read_toml(source)["title"] == "later"


def test_an_edit_of_the_same_size_and_time_is_parsed_again(tmp_path):
    """As packagers that keep file times may install it: the bytes decide, not the stamp."""
    source = tmp_path / "area.toml"
    source.write_text(TOML)
    stamp = source.stat()
    read_toml(source)
    source.write_text(TOML.replace("first", "fresh"))
    os.utime(source, ns=(stamp.st_atime_ns, stamp.st_mtime_ns))
    assert read_toml(source)["title"] == "fresh"


def test_nothing_is_kept_where_python_writes_no_compiled_code(tmp_path, monkeypatch):
    source = tmp_path / "area.toml"
    source.write_text(TOML)
    monkeypatch.setattr(sys, "dont_write_bytecode", True)
    assert read_toml(source)["title"] == "first"
    assert not (tmp_path / "__pycache__").exists()


def test_an_unreadable_copy_is_parsed_again(tmp_path):
    source = tmp_path / "area.toml"
    source.write_text(TOML)
    read_toml(source)
    for kept in (tmp_path / "__pycache__").iterdir():
        kept.write_bytes(b"not marshal")
    assert read_toml(source)["title"] == "first"


def test_the_tui_starts_without_parsing_its_commands_toml():
    """Once kept, importing the TUI (its keys, its sections) loads no TOML parser at all."""
    for area in AREAS:
        read_toml(_FOLDER / f"{area}.toml")
    code = "import sys\nimport pcntui.tui.app\nprint('tomllib' in sys.modules)\n"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.split() == ["False"]

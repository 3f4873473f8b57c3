"""Dataclasses made from code kept compiled (pcntui/dataclass_code.py): the same classes, the
source compiled once and then read back, nothing written where Python writes no .pyc."""

from __future__ import annotations

import builtins
import dataclasses
import inspect
import marshal
import subprocess
import sys
import typing

import pytest

from pcntui.dataclass_code import KeptCode


def make():
    """A frozen dataclass with defaults, a factory, a field left out of eq and an ordering."""

    @dataclasses.dataclass(frozen=True, order=True)
    class Post:
        """A post."""

        role: str
        wte: float = 1.0
        tags: tuple = dataclasses.field(default_factory=tuple)
        note: str = dataclasses.field(default="", compare=False)

    return Post


@pytest.fixture
def writing(monkeypatch):
    """Python writing compiled code (the suite may run under PYTHONDONTWRITEBYTECODE)."""
    monkeypatch.setattr(sys, "dont_write_bytecode", False)
    monkeypatch.setattr(sys, "pycache_prefix", None)


def made_with(kept: KeptCode, monkeypatch) -> type:
    monkeypatch.setattr(dataclasses, "exec", kept.exec)
    return make()


def behaviour(cls) -> tuple:
    a, b = cls("MHP", 0.5, note="x"), cls("MHP", 0.5, note="y")
    with pytest.raises(dataclasses.FrozenInstanceError):
        a.wte = 1
    return (repr(a), a == b, hash(a) == hash(b), cls("A") < cls("B"), cls("GP").tags,
            [f.name for f in dataclasses.fields(cls)])


def test_a_class_from_kept_code_is_the_class_compiled_afresh(tmp_path, monkeypatch, writing):
    path = tmp_path / "kept.marshal"
    first = KeptCode(path)
    fresh = made_with(first, monkeypatch)
    assert first.compiled >= 6  # __init__, __repr__, __eq__, __hash__, the frozen __setattr__, orderings
    first.save()
    second = KeptCode(path)
    kept = made_with(second, monkeypatch)
    assert second.compiled == 0 and second.used.keys() == first.used.keys()
    assert behaviour(kept) == behaviour(fresh)
    assert behaviour(kept)[0].endswith("Post(role='MHP', wte=0.5, tags=(), note='x')")


def damaged_code() -> bytes:
    """A marshalled code object with a tuple where a name should be: marshal.loads raises
    SystemError ('non-string found in code slot'), as a flipped byte in the file can make it."""
    data = marshal.dumps(compile("xyzq", "<s>", "eval"))
    at = data.find(b"xyzq")
    assert data[at - 2:at] == b"\xda\x04"  # (the name, kept as a reference: the tuple put there is too)
    return data[:at - 2] + b"\xa9\x04NNNN" + data[at + 4:]


@pytest.mark.parametrize("content", [b"", b"not marshal", marshal.dumps({"def f(): pass": "not bytes"}),
                                     marshal.dumps(["a list"]), pytest.param(damaged_code(), id="damaged-code")])
def test_a_file_that_cannot_be_read_or_is_not_code_is_not_used(tmp_path, monkeypatch, writing, content):
    path = tmp_path / "kept.marshal"
    path.write_bytes(content)
    kept = KeptCode(path)
    assert behaviour(made_with(kept, monkeypatch))[1:] == (True, True, True, (), ["role", "wte", "tags", "note"])
    assert kept.compiled >= 6
    kept.save()
    assert KeptCode(path)._read().keys() == kept.used.keys()


def test_nothing_is_written_when_python_writes_no_compiled_code(tmp_path, monkeypatch, writing):
    path = tmp_path / "kept.marshal"
    kept = KeptCode(path)
    made_with(kept, monkeypatch)
    monkeypatch.setattr(sys, "dont_write_bytecode", True)
    kept.save()
    assert not path.exists()
    monkeypatch.setattr(sys, "dont_write_bytecode", False)
    monkeypatch.setattr(sys, "pycache_prefix", str(tmp_path / "prefix"))
    kept.save()
    assert not path.exists()


def test_importing_pcntui_makes_dataclasses_from_kept_code():
    code = ("import pcntui, dataclasses\nkept = dataclasses.exec.__self__\n"
            "print(type(kept).__name__, pcntui.dataclass_code.install() is kept)")
    p = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert p.stdout.split() == ["KeptCode", "True"], p.stderr


def test_a_kept_code_that_cannot_be_read_is_compiled_again(tmp_path, monkeypatch, writing):
    path = tmp_path / "kept.marshal"
    first = KeptCode(path)
    made_with(first, monkeypatch)
    path.write_bytes(marshal.dumps({source: (b"junk", marshal.dumps("not code"), damaged_code())[i % 3]
                                    for i, source in enumerate(first.used)}))
    second = KeptCode(path)
    assert behaviour(made_with(second, monkeypatch))[1:] == (True, True, True, (), ["role", "wte", "tags", "note"])
    assert second.compiled == first.compiled


def described(cls) -> tuple:
    """What `dataclass()` makes from the class's __init__: its docstring, annotations, signature."""
    return cls.__doc__, cls.__init__.__annotations__, str(inspect.signature(cls)), typing.get_type_hints(cls.__init__)


def test_kept_code_is_compiled_as_dataclasses_compiles_it_not_with_this_modules_future(tmp_path, monkeypatch, writing):
    def make_plain():  # no docstring: dataclass() writes one from the signature; real types, not strings
        return dataclasses.make_dataclass("Plain", [("role", str), ("wte", float, dataclasses.field(default=1.0))])

    monkeypatch.setattr(dataclasses, "exec", builtins.exec)
    fresh = described(make_plain())
    assert fresh[0] == "Plain(role: str, wte: float = 1.0)"
    path = tmp_path / "kept.marshal"
    for _ in range(2):  # compiled here, then read back from the file
        kept = KeptCode(path)
        monkeypatch.setattr(dataclasses, "exec", kept.exec)
        assert described(make_plain()) == fresh
        kept.save()
    assert kept.compiled == 0

"""Dataclasses made from code kept compiled, as Python keeps the compiled code of modules.

`dataclasses` writes the source of each class's __init__, __repr__, __eq__, __hash__ … and
compiles it every time the class is made: about a millisecond a class, so parsing that source
was a sixth of the instructions of an uncached `pcntui status` (59 classes; issue 12). The same
source always compiles to the same code, so the code is kept by its source (marshal) in
__pycache__, read when the first class is made (a class's code is unmarshalled only when it is
made) and written at exit if a class brought source not kept yet. As with Python's own .pyc
files: not written under PYTHONDONTWRITEBYTECODE or a pycache prefix, and a file that cannot be
read or written is simply not used.
"""

from __future__ import annotations

import builtins
import marshal
import os
import sys
from pathlib import Path
from types import CodeType

KEPT = Path(__file__).resolve().parent / "__pycache__" / f"dataclass-code-2.{sys.implementation.cache_tag}.marshal"
# (-2: files of the first version hold code compiled with this module's `annotations` future)
MOST = 4000  # sources kept at most (the program makes a few hundred classes; past this, only the last run's)


class KeptCode:
    """The `exec` that `dataclasses` calls: each source compiled once, then kept in `path`."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.kept: dict[str, bytes] | None = None  # source → its code marshalled (read on the first class)
        self.used: dict[str, bytes] = {}
        self.compiled = 0  # sources compiled in this process (none kept)

    def _read(self) -> dict[str, bytes]:
        try:
            kept = marshal.loads(self.path.read_bytes())
        except Exception:  # noqa: BLE001 - none kept yet, or unreadable (a damaged code object: SystemError)
            return {}
        ok = isinstance(kept, dict) and all(type(k) is str and type(v) is bytes for k, v in kept.items())
        return kept if ok else {}

    def _code(self, source: str) -> CodeType:
        blob = self.kept.get(source)
        if blob is not None:
            try:
                code = marshal.loads(blob)
                if type(code) is CodeType:
                    self.used[source] = blob
                    return code
            except Exception:  # noqa: BLE001 - (unreadable, however damaged: compiled again)
                pass
        # dont_inherit: compiled as dataclasses' own exec compiles it, not with this module's
        # `from __future__ import annotations` (else __init__'s annotations are strings: '_type_x')
        code = compile(source, "<string>", "exec", dont_inherit=True)
        self.compiled += 1
        self.used[source] = marshal.dumps(code)
        return code

    def exec(self, source, globals=None, locals=None) -> None:  # noqa: A002 - exec's own parameter names
        if type(source) is str:
            if self.kept is None:
                self.kept = self._read()
            source = self._code(source)
        builtins.exec(source, globals, locals)

    def save(self) -> None:
        """Keep what this process compiled with what was kept (only this run's once over MOST)."""
        if not self.compiled:
            return
        kept = {**(self.kept or {}), **self.used}
        write_kept(self.path, kept if len(kept) <= MOST else self.used)


def write_kept(path: Path, value: object) -> None:
    """`value` marshalled into `path` (in a __pycache__) as Python writes compiled code: not under
    PYTHONDONTWRITEBYTECODE or a pycache prefix, whole or not at all (another process may be
    reading it), and not at all where the folder cannot be written or marshal cannot keep it."""
    if sys.dont_write_bytecode or sys.pycache_prefix:
        return
    part = path.with_name(f"{path.name}.{os.getpid()}")
    try:
        path.parent.mkdir(exist_ok=True)
        part.write_bytes(marshal.dumps(value))
        os.replace(part, path)
    except (OSError, ValueError):
        part.unlink(missing_ok=True)


def install(path: Path = KEPT) -> KeptCode:
    """Make every dataclass from here on with kept code (once per process)."""
    import atexit
    import dataclasses

    found = vars(dataclasses).get("exec")
    if isinstance(getattr(found, "__self__", None), KeptCode):
        return found.__self__
    kept = KeptCode(path)
    dataclasses.exec = kept.exec  # (the name dataclasses._create_fn calls; builtins.exec otherwise)
    atexit.register(kept.save)
    return kept

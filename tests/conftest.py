"""Shared fixtures. Real NHS files are read from ../shared/data (or $PCNTUI_SHARED_DATA).

Tests that need them use the `shared_data` fixture: skipped with a reason when the folder
is absent, but failing instead when PCNTUI_REQUIRE_REAL_DATA=1 (as .ci/run sets), so CI
can never pass by skipping them.
"""

from __future__ import annotations

import gc
import hashlib
import inspect
import os
import shutil
import sqlite3
import sys
from datetime import date
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

from pcntui.store import Store, open_store

# Property tests are deterministic by default (the same examples every run, in CI and here);
# HYPOTHESIS_PROFILE=explore searches afresh each run.
settings.register_profile("ci", derandomize=True, deadline=None, suppress_health_check=[HealthCheck.too_slow])
settings.register_profile("explore", deadline=None)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))

ROOT = Path(__file__).resolve().parents[1]
SHARED_DATA = Path(os.environ.get("PCNTUI_SHARED_DATA", ROOT.parent / "shared" / "data"))
TODAY = date(2026, 11, 23)  # "today" for every test unless a test says otherwise

MAP_FILE = "gp-reg-pat-prac-map_2026-07_sussex.csv"
AGE_FILE = "gp-reg-pat-prac-quin-age_2026-07_sussex-cornwall.csv"
IMD_FILE = "imd-2025-gp-practice_fingertips_sussex-cornwall.csv"
WORKFORCE_FILE = "pcn-workforce-individual_2026-06_sussex.csv"


def cli(capsys, *argv) -> tuple[int, str, str]:
    """`pcntui ARGV` run in this process (main, each argument as text): its exit code, stdout and
    stderr (argparse refusing bad usage exits 2)."""
    from pcntui.cli.main import main

    try:
        code = main([str(a) for a in argv])
    except SystemExit as exc:
        code = exc.code
    out = capsys.readouterr()
    return code, out.out, out.err


def file_sha(path: Path) -> str:
    """The file's bytes as a SHA-256 digest: equal when the file was left as it was."""
    return hashlib.sha256(path.read_bytes()).hexdigest()


def content_sha(path: Path) -> str:
    """Everything the database file holds (its SQL dump) as a SHA-256 digest, whatever its pages."""
    conn = sqlite3.connect(path)
    try:
        return hashlib.sha256("\n".join(conn.iterdump()).encode()).hexdigest()
    finally:
        conn.close()


def pytest_configure(config) -> None:
    """Compiled Python for the test run: PYTHONDONTWRITEBYTECODE (CI sets it) made every xdist
    worker and every `python -m pcntui` a test starts compile pcntui from source, and pytest
    rewrite each test file again. Before the workers start, pcntui is compiled once, and the
    workers and their children may write `.pyc` files (into the git-ignored `__pycache__`).

    And the garbage collector looks for cycles every 10,000 new objects, not 700: a Pilot test
    makes millions (every widget, style and message), and with Python's default the collector
    took about a fifth of the TUI tests' CPU (measured with gc.callbacks), for ~40 MB more per worker."""
    gc.set_threshold(10_000, 10, 10)
    _parse_each_stylesheet_once_per_worker()
    if os.environ.get("PYTEST_XDIST_WORKER") is None and os.environ.pop("PYTHONDONTWRITEBYTECODE", None):
        import compileall

        sys.dont_write_bytecode = False
        compileall.compile_dir(ROOT / "pcntui", quiet=1)
    if os.environ.get("PYTEST_XDIST_WORKER") is None and config.getoption("numprocesses", None):
        _rewrite_test_files_once(config)


def _parse_each_stylesheet_once_per_worker() -> None:
    """Textual parses every stylesheet (the App's and each widget's DEFAULT_CSS) again for each new
    App: the program starts one App per run, a test worker about a hundred, and the parsing took about
    a tenth of each Pilot app's start and first visits (cProfile). The parsed rules are the same for
    the same text, place, scope and theme variables (Textual's own per-App cache keeps them by these),
    so in tests they are kept for the worker. A stylesheet with an error is not kept: it fails as before."""
    from textual.css.stylesheet import Stylesheet

    parse = Stylesheet._parse_rules
    if getattr(parse, "kept", None) is not None:
        return
    kept: dict[tuple, list] = {}

    def parse_rules(self, css, read_from, is_default_rules=False, tie_breaker=0, scope=""):
        known = self.__dict__.get("_variables_key")
        if known is None or known[0] is not self._variables:  # set_variables replaces the dict
            known = self._variables_key = (self._variables, tuple(sorted(self._variables.items())))
        key = (css, read_from, is_default_rules, tie_breaker, scope, known[1])
        rules = kept.get(key)
        if rules is None:
            rules = kept[key] = parse(self, css, read_from, is_default_rules, tie_breaker, scope)
        return rules

    parse_rules.kept = kept
    Stylesheet._parse_rules = parse_rules


def _rewrite_test_files_once(config) -> None:
    """On a fresh clone every xdist worker rewrote the asserts of every test file itself, all at the
    same moment (~5 s CPU each, measured): the controller writes pytest's rewritten `.pyc` of each
    test file and conftest once, and the workers read them. Uses pytest's own rewriter (private
    names: if a pytest release moves them, the workers simply rewrite again, as before)."""
    try:
        from _pytest.assertion.rewrite import (PYC_TAIL, _read_pyc, _rewrite_test, _write_pyc, assertstate_key,
                                               get_cache_dir, try_makedirs)

        state = config.stash[assertstate_key]
    except (ImportError, KeyError):  # another pytest, or asserts not rewritten (--assert=plain)
        return
    for fn in sorted((ROOT / "tests").rglob("*.py")):
        if not (fn.name.startswith("test_") or fn.name == "conftest.py"):
            continue
        pyc = get_cache_dir(fn) / (fn.name[:-3] + PYC_TAIL)
        if _read_pyc(fn, pyc) is None and try_makedirs(pyc.parent):
            source_stat, code = _rewrite_test(fn, config)
            _write_pyc(state, code, source_stat, pyc)


def pytest_collection_modifyitems(items) -> None:
    """Spread the long tests (the TUI and other Pilot tests, property tests, real NHS files, tmux) over the xdist
    workers. `--dist=worksteal` (pyproject) first hands each of the N workers one N-th of the
    list, in order; the list is made of N such parts, each with an equal share of the long test
    files first and short tests after, so no worker starts with all the long ones and the run
    ends on short tests. Without xdist (N = 1): long files first. Each file stays in one part."""

    def long(item) -> bool:
        function = getattr(item, "function", None)
        return (item.nodeid.startswith("tests/tui/") or inspect.iscoroutinefunction(function)
                or getattr(function, "is_hypothesis_test", False)  # (the property tests: up to ~15 s each)
                or any(item.iter_markers("realdata")) or any(item.iter_markers("e2e")))

    workers = max(1, int(os.environ.get("PYTEST_XDIST_WORKER_COUNT", "1")))
    files: dict[str, list] = {}
    for item in items:
        files.setdefault(item.nodeid.split("::")[0], []).append(item)
    long_files = [f for f, its in files.items() if any(long(i) for i in its)]
    parts: list[list] = [[] for _ in range(workers)]
    weight = {f: sum(1 for i in files[f] if long(i)) for f in long_files}
    load = [0] * workers
    for f in sorted(long_files, key=lambda f: -weight[f]):  # most long tests first, each to the lightest part
        k = load.index(min(load))
        parts[k].extend(files[f])
        load[k] += weight[f]
    short = [i for f, its in files.items() if f not in long_files for i in its]
    size = -(-len(items) // workers)  # each part's share of the whole list
    for part in parts:
        take = max(0, size - len(part))
        part.extend(short[:take])
        short = short[take:]
    parts[-1].extend(short)
    items[:] = [i for part in parts for i in part]


@pytest.fixture
def today() -> date:
    return TODAY


@pytest.fixture
def shared_data() -> Path:
    if not (SHARED_DATA / MAP_FILE).is_file():
        reason = f"real NHS files not found at {SHARED_DATA} (set PCNTUI_SHARED_DATA)"
        if os.environ.get("PCNTUI_REQUIRE_REAL_DATA") == "1":
            pytest.fail(reason + "; PCNTUI_REQUIRE_REAL_DATA=1 forbids skipping")
        pytest.skip(reason)
    return SHARED_DATA


_PARSED: dict[tuple, object] = {}


def _parsed_once(read, path, key=()):
    """`read(path)`, parsed once per worker for the same file (path, size, modification time)."""
    stat = Path(path).stat()
    k = (read.__module__, read.__name__, str(Path(path).resolve()), stat.st_size, stat.st_mtime_ns, *key)
    if k not in _PARSED:
        _PARSED[k] = read(path)
    return _PARSED[k]


@pytest.fixture
def national_files_read_once(monkeypatch):
    """For tests that set up or import EVERY PCN of a national file: the store reads each file
    through the real parser once per worker, not once per PCN (the parse is what costs; what is
    checked per PCN is the set-up). Each call gets its own lists, as from a fresh read."""
    from pcntui.ingest import national, workforce

    # the real parsers (the modules' attributes are replaced below; the store imports them when it runs)
    read_map, read_sizes, read_imd = national.read_practice_map, national.read_list_sizes, national.read_imd
    read_workforce = workforce.read_workforce

    def practice_map(path, **_):
        return list(_parsed_once(read_map, path))

    def list_sizes(path, practice_codes=None, **_):
        every = _parsed_once(read_sizes, path)  # the whole file checks clean, so
        return [s for s in every if practice_codes is None or s.practice_code in practice_codes]  # a subset does

    def imd(path, **_):
        return list(_parsed_once(read_imd, path))

    def workforce_file(path, **_):
        wf = _parsed_once(read_workforce, path)
        return workforce.WorkforceFile(list(wf.rows), {k: list(v) for k, v in wf.problems.items()})

    monkeypatch.setattr(national, "read_practice_map", practice_map)
    monkeypatch.setattr(national, "read_list_sizes", list_sizes)
    monkeypatch.setattr(national, "read_imd", imd)
    monkeypatch.setattr(workforce, "read_workforce", workforce_file)


@pytest.fixture(scope="session")
def empty_template(tmp_path_factory) -> Path:
    """An empty database of the current schema, created once per worker; copy it with `empty_copy`."""
    path = tmp_path_factory.mktemp("empty-template") / "empty.db"
    open_store(path, mode="create").close()
    return path


@pytest.fixture
def empty_copy(empty_template: Path):
    """empty_copy(path) -> a fresh empty database at `path` (a copy of one created once: the same
    file `open_store(path, mode="create")` writes, without building the schema again)."""

    def make(path: Path) -> Path:
        shutil.copyfile(empty_template, path)
        path.chmod(0o600)
        return path

    return make


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "pcntui.db"


@pytest.fixture
def store(db_path: Path) -> Store:
    s = open_store(db_path, mode="create")
    yield s
    s.close()


@pytest.fixture
def demo_path(demo_template: Path, tmp_path: Path) -> Path:
    """tmp_path/demo.db: a fresh copy of the demo (as of TODAY), built once per worker."""
    path = tmp_path / "demo.db"
    shutil.copy2(demo_template, path)
    return path


@pytest.fixture(scope="session")
def demo_template(tmp_path_factory) -> Path:
    """The demo database as of TODAY, built once per test session (per xdist worker); never
    opened by a test: use `demo_db`, a fresh copy."""
    from pcntui.demo import write_demo

    path = tmp_path_factory.mktemp("demo-template") / "demo.db"
    write_demo(path, today=TODAY)
    return path


@pytest.fixture
def demo_db(demo_template: Path, tmp_path: Path) -> Path:
    """A fresh copy of the demo database (as of TODAY) for one test."""
    path = tmp_path / "demo.db"
    shutil.copy2(demo_template, path)
    return path


@pytest.fixture
def demo_store(demo_path: Path) -> Store:
    s = open_store(demo_path)
    yield s
    s.close()


@pytest.fixture(autouse=True)
def _no_work_ahead(monkeypatch):
    """The TUI makes the busiest sections' screens in the background (pcntui/tui/ahead.py) only in
    the tests of that (tests/tui/test_work_ahead.py): elsewhere each Pilot test's start-up stays cheap.
    PCNTUI_TEST_WORK_AHEAD=1 leaves it on everywhere (every screen must look and act the same)."""
    from pcntui.tui import ahead

    monkeypatch.setattr(ahead, "ENABLED", os.environ.get("PCNTUI_TEST_WORK_AHEAD") == "1")


@pytest.fixture(autouse=True)
def _paint_when_settled(request, monkeypatch):
    """Pilot apps paint what changed each time the test waits for them (tests/tui/conftest.py `settle`
    calls `paint`), not at every tick of Textual's update timer: the frames in between, which a terminal
    would show for a few milliseconds and no test looks at, took about a fifth of the TUI tests' CPU.
    What a test reads (`screen_text`, `export_screenshot`, a fit check) is drawn afresh in any case.
    Tests marked `every_frame` (they count what drawing does) paint as Textual does."""
    if request.node.get_closest_marker("every_frame"):
        return
    from textual._compositor import Compositor

    held = Compositor.render_update

    def when_settled(self, full: bool = False, screen_stack=None, simplify: bool = False):
        # a full update is a screenshot (or a resize): drawn now; a partial one keeps its dirty regions
        return held(self, full, screen_stack, simplify) if full else None

    when_settled.held = held  # what tests/tui/conftest.py `paint` calls
    monkeypatch.setattr(Compositor, "render_update", when_settled)


@pytest.fixture(autouse=True)
def _isolate_env(monkeypatch, tmp_path):
    """Never read or write the developer's own database or config; "today" is TODAY for the
    program too (a command given no --as-of would otherwise read the machine's clock)."""
    monkeypatch.setenv("PCNTUI_DB", str(tmp_path / "default-pcntui.db"))
    monkeypatch.setenv("PCNTUI_TODAY", TODAY.isoformat())
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg-data"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "xdg-config"))

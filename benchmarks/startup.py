"""Start to figures on screen, in a real terminal: `pcntui` vs a minimal Textual app.

    python benchmarks/startup.py [--db PATH] [--runs 15]

Each run starts the program in a new tmux window (100×30, a private tmux server) and reads
the screen until the text that means "done" is on it: for the minimal app
(`benchmarks/minimal_app.py`) its one line, for pcntui the dashboard's first line of figures
("N alerts need you" / "No alerts"), which is painted once its worker has computed every
status block. The time runs from just before the window is opened to the first screen read
that shows it (the screen is read back to back, a few ms apart). Runs of the two programs
are interleaved in pairs. Without --db, the demo database is used (written to a temporary
folder). Goals (issue 12): ≤ 2.0× the minimal app on the 10× database, ≤ 1.5× on the demo.
"""

from __future__ import annotations

import argparse
import itertools
import os
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from timing import RunFailed, Sample, interleaved, pair_row, prepare_python, table  # noqa: E402

MINIMAL_APP = HERE / "minimal_app.py"
MINIMAL_TEXT = "Hello from a minimal Textual app."
DASHBOARD_FIGURES = re.compile(r"alerts? needs? you|No alerts")
AS_OF = "2026-11-23"


class Terminal:
    """A private tmux server (its own socket) to open programs in; `close()` ends it."""

    def __init__(self, size: tuple[int, int] = (100, 30)) -> None:
        self.socket = f"pcntui-bench-{os.getpid()}"
        self.size = size
        self._names = itertools.count(1)
        # One idle window keeps the server up between runs, so no run pays for starting it.
        self._tmux("new-session", "-d", "-s", "keep", "sleep 86400")

    def _tmux(self, *args: str) -> str:
        return subprocess.run(["tmux", "-L", self.socket, *args], capture_output=True, text=True, check=True).stdout

    def time_until(self, argv: list[str], marker: re.Pattern | str, timeout: float = 120) -> Sample:
        """Seconds from opening `argv` in a new window to `marker` on its screen."""
        name = f"run{next(self._names)}"
        width, height = self.size
        command = " ".join(_quote(a) for a in argv)
        start = time.perf_counter()
        self._tmux("new-session", "-d", "-s", name, "-x", str(width), "-y", str(height), f"exec {command}")
        try:
            while True:
                screen = subprocess.run(["tmux", "-L", self.socket, "capture-pane", "-p", "-t", name],
                                        capture_output=True, text=True).stdout
                if (marker.search(screen) if isinstance(marker, re.Pattern) else marker in screen):
                    return Sample(time.perf_counter() - start)
                if time.perf_counter() - start > timeout:
                    raise RunFailed(f"{command}: not on screen after {timeout:.0f} s:\n{screen}")
        finally:
            self._end(name)

    def _end(self, name: str) -> None:
        """Close the window and wait until its program has gone (so it takes no CPU from the next run)."""
        pid = self._tmux("display-message", "-p", "-t", name, "#{pane_pid}").strip()
        subprocess.run(["tmux", "-L", self.socket, "kill-session", "-t", name], capture_output=True)
        deadline = time.perf_counter() + 20
        while pid.isdigit() and Path(f"/proc/{pid}").exists() and time.perf_counter() < deadline:
            time.sleep(0.01)

    def close(self) -> None:
        subprocess.run(["tmux", "-L", self.socket, "kill-server"], capture_output=True)

    def __enter__(self) -> Terminal:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def _quote(text: str) -> str:
    return "'" + text.replace("'", "'\\''") + "'"


def pcntui_bin() -> str:
    """The `pcntui` program installed beside this Python (the venv's), as a user runs it."""
    return str(Path(sys.executable).with_name("pcntui"))


def figures_vs_minimal(term: Terminal, db: Path, runs: int, label: str, limit: float):
    """A results row: pcntui's dashboard figures on screen vs the minimal app's first frame."""
    ours = [pcntui_bin(), "--db", str(db), "--as-of", AS_OF]
    minimal = [sys.executable, str(MINIMAL_APP)]
    a, b = interleaved(lambda: term.time_until(ours, DASHBOARD_FIGURES),
                       lambda: term.time_until(minimal, MINIMAL_TEXT), runs=runs)
    return pair_row(f"dashboard figures on screen (tmux), {label}", a, b, "minimal app's first frame", limit)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", type=Path, help="database to open (default: the demo, in a temporary folder)")
    parser.add_argument("--runs", type=int, default=15, help="pairs of runs (default 15)")
    args = parser.parse_args(argv)
    prepare_python()
    with tempfile.TemporaryDirectory(prefix="pcntui-bench-") as tmp, Terminal() as term:
        db = args.db
        if db is None:
            db = Path(tmp) / "demo.db"
            subprocess.run([pcntui_bin(), "demo", "--db", str(db), "--as-of", AS_OF], check=True,
                           capture_output=True)
        row = figures_vs_minimal(term, db, args.runs, db.name, 1.5 if args.db is None else 2.0)
    print(table([row]))
    return 0 if row.met else 1


if __name__ == "__main__":
    raise SystemExit(main())

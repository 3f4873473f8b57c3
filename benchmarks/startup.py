"""Process start → first frame: a minimal Textual app vs `pcntui` on a demo database.

    .venv/bin/python benchmarks/startup.py [--runs 15]

Runs alternate between the programs. Each run is a fresh `python` process, started by this script, that runs the real program
headless (100×30) and exits at once when its first frame is painted; the time is taken
from just before the process is spawned to that moment (wall clock). For pcntui two
moments are reported: the first frame of the dashboard (Textual's `Ready`: the screen is
laid out and painted), and the dashboard showing figures from the database (its worker
has loaded). The budget (issue 2) is first frame ≤ 1.5 × the minimal app's.

The minimal app is a Header, a Static and a Footer, started the same way.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import textwrap
import time
from datetime import date
from pathlib import Path

# Runs inside the child: makes App.run headless and reports the first frame on stderr.
HARNESS = textwrap.dedent(
    """
    import sys, time
    from textual.app import App

    _run = App.run
    def run(self, *args, **kwargs):
        kwargs["headless"] = True
        kwargs["size"] = (100, 30)
        return _run(self, *args, **kwargs)
    App.run = run

    WAIT_FOR_DATA = sys.argv[1] == "data"

    def _data_shown(app):
        screen = app.screen
        return getattr(screen, "loaded_version", 0) >= 0 and getattr(screen, "data", None) is not None

    def _on_ready(self, event):
        sys.stderr.write(f"FIRST-FRAME {time.time()!r}\\n")
        if not WAIT_FOR_DATA:
            self.exit()
            return
        def check():
            if _data_shown(self):
                sys.stderr.write(f"DATA-SHOWN {time.time()!r}\\n")
                self.exit()
        self.set_interval(0.002, check)
    App._on_ready = _on_ready

    target = sys.argv[2]
    sys.argv = [target, *sys.argv[3:]]
    if target.endswith(".py"):
        import runpy
        runpy.run_path(target, run_name="__main__")
    else:
        from pcntui.cli.main import main
        sys.exit(main())
    """
)

MINIMAL_APP = textwrap.dedent(
    """
    from textual.app import App, ComposeResult
    from textual.widgets import Footer, Header, Static

    class Minimal(App):
        BINDINGS = [("q", "quit", "Quit")]

        def compose(self) -> ComposeResult:
            yield Header()
            yield Static("Hello from a minimal Textual app.")
            yield Footer()

    if __name__ == "__main__":
        Minimal().run()
    """
)


def one_run(args: list[str]) -> dict[str, float]:
    env = {**os.environ, "PYTHONDONTWRITEBYTECODE": "0"}
    start = time.time()
    proc = subprocess.run([sys.executable, "-c", HARNESS, *args], capture_output=True, text=True, env=env, timeout=60)
    marks = {}
    for line in proc.stderr.splitlines():
        if line.startswith(("FIRST-FRAME ", "DATA-SHOWN ")):
            name, stamp = line.split()
            marks[name] = (float(stamp) - start) * 1000
    if "FIRST-FRAME" not in marks:
        raise SystemExit(f"run failed ({' '.join(args)}):\n{proc.stderr[-2000:]}")
    return marks


def summary(times: list[float]) -> tuple[float, float, float]:
    return statistics.median(times), min(times), max(times)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=15, help="runs per measurement (default 15)")
    opts = parser.parse_args()

    from pcntui.demo import write_demo

    with tempfile.TemporaryDirectory(prefix="pcntui-bench-") as tmp:
        tmp = Path(tmp)
        minimal = tmp / "minimal_app.py"
        minimal.write_text(MINIMAL_APP)
        db = tmp / "demo.db"
        write_demo(db, today=date(2026, 11, 23))
        pcntui_args = ["pcntui", "--db", str(db), "--as-of", "2026-11-23"]

        # Warm the OS file cache and .pyc files once, untimed.
        one_run(["frame", str(minimal)])
        one_run(["data", *pcntui_args])

        # Interleaved, so that a busy moment on the machine hits both programs alike.
        base_t, ours_t, data_t = [], [], []
        for _ in range(opts.runs):
            base_t.append(one_run(["frame", str(minimal)])["FIRST-FRAME"])
            ours_t.append(one_run(["frame", *pcntui_args])["FIRST-FRAME"])
            data_t.append(one_run(["data", *pcntui_args])["DATA-SHOWN"])
        base, ours, data = summary(base_t), summary(ours_t), summary(data_t)

    def show(label: str, m: tuple[float, float, float]) -> None:
        print(f"  {label:<38} median {m[0]:6.0f} ms   (min {m[1]:.0f}, max {m[2]:.0f})")

    print(f"Process start → first frame, headless 100×30, {opts.runs} runs each (Python {sys.version.split()[0]})")
    show("minimal Textual app: first frame", base)
    show("pcntui on the demo: first frame", ours)
    show("pcntui on the demo: figures shown", data)
    ratio = ours[0] / base[0]
    print(f"  ratio pcntui / minimal (first frame, medians): {ratio:.2f} (budget 1.50) "
          f"{'OK' if ratio <= 1.5 else 'OVER BUDGET'}")
    print(f"  ratio of the fastest runs (least disturbed by other load): {ours[1] / base[1]:.2f}")
    return 0 if ratio <= 1.5 else 1


if __name__ == "__main__":
    raise SystemExit(main())

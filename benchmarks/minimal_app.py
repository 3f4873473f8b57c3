"""The anchor for "figures on screen": a minimal Textual app (a header, a line of text, a
footer). `benchmarks/startup.py` times how long it takes to show its text in a terminal.

    python benchmarks/minimal_app.py
"""

from textual.app import App, ComposeResult
from textual.widgets import Footer, Header, Static

TEXT = "Hello from a minimal Textual app."


class Minimal(App):
    BINDINGS = [("q", "quit", "Quit")]

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static(TEXT)
        yield Footer()


if __name__ == "__main__":
    Minimal().run()

"""The CLI's guard between user text and the terminal.

Every command runs inside `safe_output()`: what it prints to stdout and stderr passes through
`terminal_safe` (escape sequences, bells, carriage returns and bidi overrides in names, titles
and notes show as visible characters instead of acting on the terminal). Data written to
stdout (`export` CSV) goes through `write_data`: exact to a pipe or file, guarded on a terminal.
Text arguments are cleaned as input (`clean_input`) before a command sees them.
"""

from __future__ import annotations

import argparse
import io
import sys
from collections.abc import Iterator
from contextlib import contextmanager

from pcntui.domain.text import clean_input, terminal_safe

CSV_LINE_END = "\r\n"


class SafeStream(io.TextIOBase):
    """A text stream that shows, never sends, control characters to the stream it wraps."""

    def __init__(self, stream) -> None:
        self.stream = stream

    def write(self, text: str) -> int:
        self.stream.write(terminal_safe(text))
        return len(text)

    def write_data(self, text: str) -> None:
        """Data as-is to a pipe or file; on a terminal, guarded (CSV line ends kept)."""
        if self.isatty():
            text = CSV_LINE_END.join(terminal_safe(line) for line in text.split(CSV_LINE_END))
        self.stream.write(text)

    def flush(self) -> None:
        self.stream.flush()

    def isatty(self) -> bool:
        return self.stream.isatty()

    def fileno(self) -> int:
        return self.stream.fileno()

    @property
    def encoding(self) -> str:
        return self.stream.encoding

    def writable(self) -> bool:
        return True


@contextmanager
def safe_output() -> Iterator[None]:
    """stdout and stderr guarded for the duration (the originals put back after)."""
    out, err = sys.stdout, sys.stderr
    sys.stdout, sys.stderr = SafeStream(out), SafeStream(err)
    try:
        yield
    finally:
        sys.stdout, sys.stderr = out, err


def clean_args(args: argparse.Namespace) -> argparse.Namespace:
    """Every text argument (and text in list arguments) through `clean_input`."""
    for name, value in vars(args).items():
        if isinstance(value, str):
            setattr(args, name, clean_input(value))
        elif isinstance(value, list):
            setattr(args, name, [clean_input(v) if isinstance(v, str) else v for v in value])
    return args

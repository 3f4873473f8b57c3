"""The status text: each block line indented and wrapped at 80 columns, as textwrap wraps it, with
the lines that fit (most: the 40× database's status has hundreds) passed through as they are."""

from __future__ import annotations

import textwrap

from hypothesis import given, settings
from hypothesis import strategies as st

from pcntui.views.status import document
from pcntui.views.status.base import Block
from tests.status.test_status_cache import PERIODS


@settings(max_examples=500, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("ab  -.é\t\n\r\x0b\x0c\u00a0\u2003")), max_size=90))
def test_a_line_is_wrapped_as_textwrap_wraps_it(line):
    assert document._wrapped(line) == (textwrap.wrap(line, 80, initial_indent="  ", subsequent_indent="    ")
                                       or [""])


def test_lines_that_fit_are_not_handed_to_textwrap(monkeypatch):
    wrapped: list[str] = []
    real = textwrap.wrap
    monkeypatch.setattr(document.textwrap, "wrap", lambda text, *a, **k: wrapped.append(text) or real(text, *a, **k))
    lines = [f"Practice {i:03}: {i * 7} of {i * 9} reviewed" for i in range(100)] + ["x " * 50]
    text = document.as_text([Block("smr", "SMR cohorts", lines, {})], PERIODS[0])
    assert wrapped == ["x " * 50]
    assert text.splitlines()[3:103] == [f"  {line}" for line in lines[:100]]

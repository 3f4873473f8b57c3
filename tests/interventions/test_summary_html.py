"""The commissioner summary as a page a manager can open and print (issue 11 item 7): `intervention
summary ID --out F.html` writes HTML (Markdown for any other name or stdout, as before); text
anyone typed stays text."""

from __future__ import annotations

import re

from pcntui.cli.main import main
from pcntui.export.document import html_page

AS_OF = ["--as-of", "2026-11-23"]


def test_the_summary_is_written_as_html_for_an_html_file(demo_copy, tmp_path, capsys):
    out = tmp_path / "summary.html"
    assert main(["intervention", "summary", "1", *AS_OF, "--db", str(demo_copy), "--out", str(out)]) == 0
    page = out.read_text(encoding="utf-8")
    assert page.startswith("<!DOCTYPE html>") and page.rstrip().endswith("</html>")
    assert "<h1>Hypertension case-finding" in page and "<h2>Co-design</h2>" in page
    assert "<strong>RAG:</strong> AMBER" in page and "**" not in page
    assert page.count("<ul>") == page.count("</ul>") and page.count("<li>") == page.count("</li>")
    assert "@media print" in page
    assert oct(out.stat().st_mode & 0o777) == "0o600"
    md = tmp_path / "summary.md"
    assert main(["intervention", "summary", "1", *AS_OF, "--db", str(demo_copy), "--out", str(md)]) == 0
    assert md.read_text(encoding="utf-8").startswith("# Hypertension case-finding")


def test_typed_text_stays_text_in_the_page():
    page = html_page("# A <script>alert(1)</script> & co\n\n**Stage:** x\n\n## Plan\n\n- one <b>\n  - sub\n- two\n")
    assert "<script>" not in page and "&lt;script&gt;" in page and "&amp; co" in page
    assert re.search(r"<ul><li>\s*one &lt;b&gt;\s*<ul><li>\s*sub\s*</li></ul>\s*</li><li>\s*two\s*</li></ul>", page)

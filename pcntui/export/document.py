"""A one-page summary as a file a manager can open and print: the Markdown our summaries are
written in (views/interventions/summary.py), or the same page as HTML (`.html`).

The HTML reads exactly the Markdown we write: `# ` title, `## ` headings, `- ` items with
`  - ` sub-items, `**bold**`, paragraphs separated by a blank line. Every piece of text is
escaped, so whatever a user typed into a title or note stays text.
"""

from __future__ import annotations

import html
import re
from pathlib import Path

_BOLD = re.compile(r"\*\*(.+?)\*\*")
STYLE = """
body { font-family: Arial, Helvetica, sans-serif; font-size: 11pt; line-height: 1.4; color: #111;
       max-width: 46em; margin: 2em auto; padding: 0 1em; }
h1 { font-size: 18pt; margin: 0 0 .3em; }
h2 { font-size: 13pt; margin: 1.2em 0 .4em; border-bottom: 1px solid #999; }
p, ul { margin: .4em 0; }
@page { size: A4; margin: 15mm; }
@media print { body { margin: 0; max-width: none; } h2 { break-after: avoid; } }
"""


def _inline(text: str) -> str:
    return _BOLD.sub(r"<strong>\1</strong>", html.escape(text, quote=False))


def html_page(markdown: str) -> str:
    """The page of `markdown` (as our summaries write it) as a whole HTML document, print-ready."""
    body: list[str] = []
    title = ""
    para: list[str] = []
    depth = 0  # open <ul> levels

    def close(to: int = 0) -> None:
        nonlocal depth
        body.extend(["</li></ul>"] * max(depth - to, 0))
        depth = min(depth, to)

    def flush() -> None:
        if para:
            body.append("<p>" + "<br>\n".join(para) + "</p>")
            para.clear()

    for line in markdown.splitlines():
        item = re.match(r"( *)- (.*)", line)
        if not line.strip():
            flush()
            close()
        elif line.startswith("## "):
            flush()
            close()
            body.append(f"<h2>{_inline(line[3:])}</h2>")
        elif line.startswith("# "):
            flush()
            close()
            title = line[2:]
            body.append(f"<h1>{_inline(title)}</h1>")
        elif item:
            flush()
            level = len(item.group(1)) // 2 + 1
            if level > depth:
                body.append("<ul><li>" * (level - depth))
                depth = level
            else:
                close(level)
                body.append("</li><li>")
            body.append(_inline(item.group(2)))
        else:
            close()
            para.append(_inline(line))
    flush()
    close()
    return ("<!DOCTYPE html>\n<html lang=\"en-GB\">\n<head>\n<meta charset=\"utf-8\">\n"
            f"<title>{html.escape(title)}</title>\n<style>{STYLE}</style>\n</head>\n<body>\n"
            + "\n".join(body) + "\n</body>\n</html>\n")


def as_file(markdown: str, path: str | Path) -> str:
    """The text to write to `path`: HTML for a `.html`/`.htm` name, else the Markdown itself."""
    return html_page(markdown) if Path(path).suffix.lower() in (".html", ".htm") else markdown

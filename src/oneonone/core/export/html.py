"""An exported Markdown document as one self-contained, printable HTML page.

Rendered with markdown-it-py (CommonMark plus tables, raw HTML off, so user text can hold
no markup: the Markdown already escapes it, and ``<`` in text becomes ``&lt;``). The page has
its styles inline and a print stylesheet (A4 or Letter margins, no colours to waste ink, a
table never split across a row), no scripts and no external assets: it opens offline and
prints the same anywhere. The front matter is not shown: its facts are in the document.
"""

from __future__ import annotations

import html

from markdown_it import MarkdownIt

STYLE = """
:root { color-scheme: light; }
body { font: 11pt/1.5 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif;
       max-width: 46rem; margin: 2rem auto; padding: 0 1rem; color: #111; }
h1 { font-size: 1.6rem; margin-bottom: .2rem; }
h2 { font-size: 1.2rem; margin-top: 1.6rem; border-bottom: 1px solid #999; }
h3 { font-size: 1rem; margin-bottom: .2rem; }
table { border-collapse: collapse; width: 100%; margin: .5rem 0; }
th, td { border: 1px solid #999; padding: .3rem .5rem; text-align: left; vertical-align: top; }
td:empty::after { content: "\\00a0"; }
tr { page-break-inside: avoid; break-inside: avoid; }
tr:last-child td, tr:nth-last-child(2) td { height: 2.2rem; }
hr { border: 0; border-top: 1px solid #999; margin: 1.5rem 0; }
@media print {
  @page { margin: 18mm 16mm; }
  body { margin: 0; max-width: none; font-size: 10.5pt; }
  h2, h3 { page-break-after: avoid; break-after: avoid; }
  a { color: inherit; text-decoration: none; }
}
"""

_MD = MarkdownIt("commonmark", {"html": False}).enable("table")


def body_of(markdown: str) -> str:
    """``markdown`` without its YAML front matter (``---`` … ``---`` at the very start)."""
    if markdown.startswith("---\n"):
        _, sep, rest = markdown[4:].partition("\n---\n")
        if sep:
            return rest.lstrip("\n")
    return markdown


def html_page(markdown: str, title: str) -> str:
    """The document as a complete HTML page titled ``title`` (escaped), ready to print."""
    content = _MD.render(body_of(markdown))
    return (
        "<!DOCTYPE html>\n"
        '<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{html.escape(title)}</title>\n"
        f"<style>{STYLE}</style>\n"
        f"</head>\n<body>\n{content}</body>\n</html>\n"
    )


__all__ = ["STYLE", "body_of", "html_page"]

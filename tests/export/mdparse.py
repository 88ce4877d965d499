"""Parse exported Markdown and read back its structure and its exact text.

A document becomes a flat list of blocks: ``("h", level, text)``, ``("p", text)``,
``("ul", [texts])``, ``("ol", [texts])``, ``("table", [header], [[row], ...])``,
``("hr",)`` and ``("fence", content)``. Inline text is read from the inline token's
children; any markup there (emphasis, links, code, HTML, images, line breaks) fails the
read, except where ``allow_em`` lets emphasis through (the placeholders): it reads as
``EM`` (NUL), which parsed user text can never hold (a parser turns NUL into U+FFFD).
"""

from __future__ import annotations

from typing import Any

from markdown_it import MarkdownIt
from markdown_it.token import Token

MD = MarkdownIt("commonmark", {"html": False}).enable("table")

Block = tuple[Any, ...]
EM = "\x00"


class NotPlainText(AssertionError):
    pass


def inline_text(token: Token, *, allow_em: bool = False) -> str:
    assert token.type == "inline", token.type
    parts: list[str] = []
    for child in token.children or []:
        if child.type == "text":
            parts.append(child.content)
        elif child.type == "softbreak":
            parts.append("\n")
        elif allow_em and child.type in ("em_open", "em_close"):
            parts.append(EM)
        else:
            raise NotPlainText(f"{child.type} in {token.content!r}")
    return "".join(parts)


def blocks(markdown: str) -> list[Block]:
    tokens = MD.parse(markdown)
    out: list[Block] = []
    i = 0

    def text_at(j: int) -> str:
        return inline_text(tokens[j], allow_em=True)

    while i < len(tokens):
        t = tokens[i]
        if t.type == "heading_open":
            out.append(("h", int(t.tag[1]), text_at(i + 1)))
            i += 3
        elif t.type == "paragraph_open":
            out.append(("p", text_at(i + 1)))
            i += 3
        elif t.type in ("bullet_list_open", "ordered_list_open"):
            close = t.type.replace("_open", "_close")
            items: list[str] = []
            depth = 0
            i += 1
            while not (tokens[i].type == close and depth == 0):
                tok = tokens[i]
                if tok.type in ("bullet_list_open", "ordered_list_open"):
                    depth += 1
                elif tok.type in ("bullet_list_close", "ordered_list_close"):
                    depth -= 1
                elif tok.type == "list_item_open":
                    if depth:
                        raise AssertionError("nested list")
                    items.append("")
                elif tok.type == "inline":
                    items[-1] += text_at(i)
                elif tok.type not in ("list_item_close", "paragraph_open", "paragraph_close"):
                    raise AssertionError(f"{tok.type} inside a list item")
                i += 1
            out.append(("ul" if t.type.startswith("bullet") else "ol", items))
            i += 1
        elif t.type == "table_open":
            rows: list[list[str]] = []
            i += 1
            while tokens[i].type != "table_close":
                tok = tokens[i]
                if tok.type == "tr_open":
                    rows.append([])
                elif tok.type == "inline":
                    rows[-1].append(text_at(i))
                i += 1
            out.append(("table", rows[0], rows[1:]))
            i += 1
        elif t.type == "hr":
            out.append(("hr",))
            i += 1
        elif t.type == "fence":
            out.append(("fence", t.content))
            i += 1
        else:
            raise AssertionError(f"unexpected block {t.type}")
    return out


def without_front_matter(markdown: str) -> str:
    """The Markdown after a document's YAML front matter (``---`` ... ``---``), if it has one."""
    if not markdown.startswith("---\n"):
        return markdown
    _, sep, rest = markdown[4:].partition("\n---\n")
    assert sep, "front matter not closed"
    return rest.lstrip("\n")

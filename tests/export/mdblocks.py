"""Parse an exported session log and read back its structure and its exact text.

Like ``mdparse`` (CommonMark preset, tables on, HTML off), plus what session logs use: YAML
front matter (read as ``("front", {key: raw value})``), hard line breaks inside a paragraph
(read as "\\n"; a soft break, which renders as a space, fails the read), and block quotes
(``("quote", [blocks])``). Blocks: ``("h", level, text)``, ``("p", text)``, ``("ul",
[texts])``, ``("table", [header], [[row], ...])``, ``("quote", [blocks])``, ``("hr",)``.
Emphasis reads as ``EM`` (NUL), which parsed user text never holds.
"""

from __future__ import annotations

import json
import re
from typing import Any

from markdown_it import MarkdownIt
from markdown_it.token import Token
from mdit_py_plugins.front_matter import front_matter_plugin

from tests.export.mdparse import EM, NotPlainText

MD = MarkdownIt("commonmark", {"html": False}).enable("table").use(front_matter_plugin)

Block = tuple[Any, ...]

#: Characters YAML allows raw in a double-quoted scalar on one line (YAML 1.2 c-printable,
#: without the line breaks and the BOM).
_YAML_RAW = re.compile(
    "[\t\x20-\x7e\xa0-\u2027\u202a-\ud7ff\ue000-\ufefe\uff00-\ufffd\U00010000-\U0010ffff]*"
)


def inline_text(token: Token) -> str:
    assert token.type == "inline", token.type
    parts: list[str] = []
    for child in token.children or []:
        if child.type == "text":
            parts.append(child.content)
        elif child.type == "hardbreak":
            parts.append("\n")
        elif child.type in ("em_open", "em_close"):
            parts.append(EM)
        else:
            raise NotPlainText(f"{child.type} in {token.content!r}")
    return "".join(parts)


def front_matter(content: str) -> dict[str, Any]:
    """``key: value`` lines; values are JSON (quoted strings, numbers, true/false/null) or
    ISO dates (kept as strings). Each line must be YAML-safe as well."""
    found: dict[str, Any] = {}
    for line in content.split("\n"):
        assert _YAML_RAW.fullmatch(line), f"not YAML-safe: {line!r}"
        key, sep, value = line.partition(": ")
        assert sep and re.fullmatch(r"[a-z_]+", key), line
        if re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
            found[key] = value
        else:
            found[key] = json.loads(value)
    return found


def _blocks(tokens: list[Token], i: int, stop: str | None) -> tuple[list[Block], int]:
    out: list[Block] = []
    while i < len(tokens):
        t = tokens[i]
        if stop is not None and t.type == stop:
            return out, i + 1
        if t.type == "front_matter":
            out.append(("front", front_matter(t.content)))
            i += 1
        elif t.type == "heading_open":
            out.append(("h", int(t.tag[1]), inline_text(tokens[i + 1])))
            i += 3
        elif t.type == "paragraph_open":
            out.append(("p", inline_text(tokens[i + 1])))
            i += 3
        elif t.type == "bullet_list_open":
            items: list[str] = []
            i += 1
            while tokens[i].type != "bullet_list_close":
                tok = tokens[i]
                if tok.type == "list_item_open":
                    items.append("")
                elif tok.type == "inline":
                    items[-1] += inline_text(tok)
                elif tok.type not in ("list_item_close", "paragraph_open", "paragraph_close"):
                    raise AssertionError(f"{tok.type} inside a list item")
                i += 1
            out.append(("ul", items))
            i += 1
        elif t.type == "table_open":
            rows: list[list[str]] = []
            i += 1
            while tokens[i].type != "table_close":
                tok = tokens[i]
                if tok.type == "tr_open":
                    rows.append([])
                elif tok.type == "inline":
                    rows[-1].append(inline_text(tok))
                i += 1
            out.append(("table", rows[0], rows[1:]))
            i += 1
        elif t.type == "blockquote_open":
            inner, i = _blocks(tokens, i + 1, "blockquote_close")
            out.append(("quote", inner))
        elif t.type == "hr":
            out.append(("hr",))
            i += 1
        else:
            raise AssertionError(f"unexpected block {t.type}")
    assert stop is None, f"no {stop}"
    return out, i


def blocks(markdown: str) -> list[Block]:
    return _blocks(MD.parse(markdown), 0, None)[0]

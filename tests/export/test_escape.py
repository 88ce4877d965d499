"""Escaped user text parses back to exactly the text, whatever block it sits in."""

from __future__ import annotations

import re

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from oneonone.core.export.escape import LINE_BREAKS, cell, fence, folded, inline
from tests.export.mdparse import MD, Block, blocks
from tests.export.strategies import TEXTS

NASTY = [
    "# heading",
    "## two",
    "- item",
    "+ item",
    "* item",
    "1. one",
    "1) one",
    "> quote",
    "---",
    "===",
    "***",
    "___",
    "| a | b |",
    "a | b",
    "`code`",
    "``` fence",
    "~~~",
    "<script>alert(1)</script>",
    "<http://example.com>",
    "[link](x)",
    "![img](x)",
    "[ref]: http://x",
    "[b]markup[/b]",
    "*emph* **strong** _u_ __uu__",
    "&amp; &lt; &#35; &#x23; &nbsp;",
    "back\\slash\\",
    "\\*not emph\\*",
    "    indented code",
    "\tindented by tab",
    "  two spaces  ",
    "trailing hard break  ",
    "line\nbreak",
    "cr\rlf\r\nmix",
    "\n\n",
    "a\u2028b\u2029c\x85d\x0be\x0cf\x1cg",
    "nul\x00here",
    "lone \ud800 surrogate",
    "emoji 👩🏽‍💼 ok",
    "עברית مرحبا RTL",
    "\u202eoverride",
    "\xa0nbsp\xa0",
    "\u3000ideographic\u3000",
    "\ufeffbom",
    "\x01\x1f\x7f controls",
    "",
    " ",
    "\t",
    "#",
    "-",
    "1.",
    "<",
    ":",
    "|",
    "!",
]


def as_paragraph(text: str) -> list[Block]:
    return blocks("Intro\n\n" + inline(text) + "\n\nOutro\n")


def check_everywhere(text: str) -> None:
    want = folded(text)
    escaped = inline(text)
    assert "\n" not in escaped and "\r" not in escaped
    # a paragraph between two others: nothing merges, nothing new appears
    got = as_paragraph(text)
    if escaped:
        assert got == [("p", "Intro"), ("p", want), ("p", "Outro")]
    else:
        assert got == [("p", "Intro"), ("p", "Outro")]
    # a heading
    assert blocks("## " + escaped + "\n") == [("h", 2, want)]
    # a list item among others
    assert blocks(f"- a\n- {escaped}\n- b\n") == [("ul", ["a", want, "b"])]
    assert blocks(f"1. a\n2. {escaped}\n3. b\n") == [("ol", ["a", want, "b"])]
    # a table cell between two others
    table = f"| x | y | z |\n| --- | --- | --- |\n| a | {cell(text)} | b |\n"
    assert blocks(table) == [("table", ["x", "y", "z"], [["a", want, "b"]])]


@pytest.mark.parametrize("text", NASTY)
def test_nasty_strings_round_trip(text: str) -> None:
    check_everywhere(text)


@settings(max_examples=150, deadline=None)
@given(TEXTS)
@example("  # x  ")
@example("\r\n")
def test_any_text_round_trips(text: str) -> None:
    check_everywhere(text)


def test_folding_rules() -> None:
    assert folded("a\r\nb") == "a b"
    assert folded("a\n\nb") == "a  b"
    assert folded("a\rb\u2028c") == "a b c"
    assert all(folded(c) == " " for c in LINE_BREAKS)
    assert folded("\x00") == "\ufffd"
    assert folded("\udc80") == "\ufffd"
    assert folded("tab\tinside  spaces") == "tab\tinside  spaces"


def test_edges_are_character_references() -> None:
    assert inline(" a\t") == "&#32;a&#9;"
    assert inline("\n#\n") == "&#32;\\#&#32;"
    assert inline("a b") == "a b"
    assert inline("&amp;") == "\\&amp;"


def test_inline_output_is_plain_utf8() -> None:
    escaped = inline("x\ud800y\x00")
    escaped.encode("utf-8")
    assert "\x00" not in escaped


def test_no_markup_survives() -> None:
    text = "<b>x</b> [a](b) *c* `d` ![e](f) <http://g> &copy;"
    tokens = MD.parse(inline(text))
    kinds = {c.type for t in tokens if t.children for c in t.children}
    assert kinds == {"text"}


@settings(max_examples=100, deadline=None)
@given(st.text())
@example("```")
@example("a\n````\n`` b")
@example("\r\n\r")
@example("")
def test_fence_is_verbatim(text: str) -> None:
    block = fence(text)
    body = text.replace("\r\n", "\n").replace("\r", "\n").replace("\x00", "\ufffd")
    body = re.sub("[\ud800-\udfff]", "\ufffd", body)
    assert blocks("Before\n\n" + block + "\n\nAfter\n") == [
        ("p", "Before"),
        ("fence", body + "\n"),
        ("p", "After"),
    ]


def test_fence_is_longer_than_any_backtick_run() -> None:
    assert fence("a ````` b").startswith("``````\n")
    assert fence("plain").startswith("```\n")


def reads_as(markdown: str, text: str) -> bool:
    """Whether ``markdown`` is one paragraph of exactly ``text``, with no markup at all."""
    try:
        return blocks(markdown) == [("p", text)]
    except AssertionError:  # markup in the text, or a block the reader does not know
        return False


RAW_MARKUP = [
    "*x*",
    "`x`",
    "[a](b)",
    "<http://x>",
    "a  \nb",
    "a\\\nb",
    "![i](x)",
    "# x",
    "- x",
    "1. x",
    "> x",
    "---",
    "    x",
    "| a |\n| - |",
    "x\n===",
    "&amp;",
]


@pytest.mark.parametrize("raw", RAW_MARKUP)
def test_the_reader_sees_unescaped_markup(raw: str) -> None:
    # unescaped, each of these is markup or structure, and the reader used above says so
    assert not reads_as(raw + "\n", raw)
    assert reads_as(inline(raw) + "\n", folded(raw))


READS_AS_TYPED = [
    "Marcus O'Neil",
    "120,000",
    "130,000 by Q3 (stretch: 150k)",
    "1:1 every Tuesday",
    "(911) 555-0100",
    "check-ins",
    "https://example.com/path?x=1&y=2",
    "America/New_York",
    "snake_case_name",
    "call > 40 prospects; 5 < 10",
    "Q3 | Q4",
    "50% of quota, 2.5x pipeline",
    "ends with a dot.",
    "#hashtag",
    "x-1. not a list",
    "rep@example.com",
]


@pytest.mark.parametrize("text", READS_AS_TYPED)
def test_ordinary_text_reads_as_typed(text: str) -> None:
    assert inline(text) == text
    check_everywhere(text)


def paragraph_lines(markdown: str) -> list[str]:
    """The lines of the one paragraph ``markdown`` is (hard breaks between them)."""
    tokens = MD.parse(markdown)
    assert [t.type for t in tokens] == ["paragraph_open", "inline", "paragraph_close"], markdown
    lines = [""]
    for child in tokens[1].children or []:
        if child.type == "hardbreak":
            lines.append("")
        else:
            assert child.type == "text", (child.type, markdown)
            lines[-1] += child.content
    return lines


@settings(max_examples=150, deadline=None)
@given(st.lists(TEXTS.filter(lambda t: folded(t).strip() != ""), min_size=2, max_size=4))
@example(["a | b", "--|--"])
@example(["Title", "==="])
@example(["x", "- item"])
@example(["x", "1) one"])
@example(["see [the deck", "](http://x) here"])
@example(["a `code", "span` b"])
@example(["[[wiki", "link]]"])
def test_lines_of_a_paragraph_stay_its_lines(texts: list[str]) -> None:
    # a line can neither end the paragraph nor turn the one before into a heading or a table
    markdown = "\\\n".join(inline(t) for t in texts) + "\n"
    assert paragraph_lines(markdown) == [folded(t) for t in texts]

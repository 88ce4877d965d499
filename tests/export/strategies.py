"""Hypothesis strategies for hostile user text."""

from __future__ import annotations

from hypothesis import strategies as st

PUNCT = "!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~"
SPACES = " \t\n\r\u2028\xa0\u3000"
ALPHABET = st.sampled_from(list(PUNCT + SPACES + "ab1 \x00é👩\u05d0\u0645"))
TOKENS = st.sampled_from(
    [
        "#",
        "## ",
        "- ",
        "+ ",
        "1. ",
        "> ",
        "---",
        "===",
        "|",
        "```",
        "<script>",
        "[link](x)",
        "[b]markup[/b]",
        "&amp;",
        "&#35;",
        "*",
        "_",
        "\\",
        "\n",
        "\r\n",
        "    ",
        "\t",
        "~~~",
        "<",
        "\x00",
        "👩🏽‍💼",
        "שלום",
        "\u202e",
    ]
)

#: Any text at all, punctuation-heavy text, and text assembled from Markdown syntax.
TEXTS = st.one_of(
    st.text(),
    st.text(alphabet=ALPHABET),
    st.lists(st.one_of(TOKENS, st.text(alphabet=ALPHABET, max_size=3)), max_size=12).map("".join),
    st.text(alphabet=st.characters(codec="utf-8")),
)

#: Short text for the many fields of an agreement.
SHORT = st.one_of(
    st.text(alphabet=ALPHABET, max_size=12),
    st.lists(st.one_of(TOKENS, st.text(alphabet=ALPHABET, max_size=3)), max_size=5).map("".join),
    st.text(max_size=8),
)

# --- the hostile-input sweep (tests/ui/test_hostile.py, tests/cli/test_hostile_cli.py) --------

#: Terminal escape sequences and control characters: CSI colour and clear-screen, an OSC title,
#: a device-status query, 8-bit CSI, NUL, BEL, backspace, CR, DEL, VT and FF.
CONTROLS = [
    "\x1b[31m",
    "\x1b[0m",
    "\x1b]0;title\x07",
    "\x1b[2J",
    "\x1b[6n",
    "\x9b31m",
    "\x1b",
    "\x00",
    "\x07",
    "\x08",
    "\r",
    "\x7f",
    "\x0b",
    "\x0c",
    "\x1f",
]
#: Textual and Rich markup, closed, unclosed and actions.
MARKUP = [
    "[b]",
    "[/b]",
    "[/]",
    "[@click=app.quit]",
    "[@click=app.quit]quit[/]",
    "[link=x]",
    "[link=https://e.x]y[/link]",
    "[red]",
    "[",
    "]",
    "\\[b]",
    "[b",
    ":smile:",
]
#: Right-to-left text and overrides, emoji, wide characters, combining marks, zero-width.
WIDE = [
    "\u202e",
    "\u202d",
    "\u2066",
    "שלום",
    "مرحبا",
    "👩🏽‍💼",
    "🎉",
    "漢字",
    "ｗｉｄｅ",
    "e\u0301",
    "a\u0300\u0301\u0302\u0303",
    "\u0301",
    "\u200b",
    "\ufeff",
    "Z̷̢͓a̶l̸g̵o",
]

#: One hostile piece of text: a few pieces of all the above and of Markdown, glued together.
HOSTILE = st.lists(
    st.one_of(
        st.sampled_from(CONTROLS),
        st.sampled_from(MARKUP),
        st.sampled_from(WIDE),
        TOKENS,
        st.text(alphabet=ALPHABET, max_size=4),
    ),
    min_size=1,
    max_size=8,
).map("".join)

#: Hostile text without control characters: what a one-line field accepts.
HOSTILE_LINE = st.lists(
    st.one_of(
        st.sampled_from(MARKUP),
        st.sampled_from(WIDE),
        st.sampled_from(["#", "- ", "|", "```", "<script>", "*x*", "_", "\\", "&amp;", " "]),
        st.text(alphabet=st.characters(codec="utf-8", exclude_categories=["Cc", "Cs"]), max_size=4),
    ),
    min_size=1,
    max_size=8,
).map("".join)

#: Typed dates: impossible, at pendulum's ends, past them, and near misses.
DATES = [
    "2027-02-30",
    "0000-01-01",
    "0001-01-01",
    "9999-12-31",
    "10000-01-01",
    "2999-12-31",
    "3000-01-01",
    "+999y",
    "+9999y",
    "-9999y",
    "2027-1-5",
    "2027-01-05T00:00",
    " 2027-01-05 ",
    "２０２７-０１-０５",
    "2027-01-05\x00",
    "today\x1b[31m",
    "[b]today",
]

#: Typed numbers: negative, too large, not numbers, both decimal conventions, exponents.
NUMBERS = [
    "-1",
    "1e309",
    "NaN",
    "nan",
    "inf",
    "-inf",
    "Infinity",
    "1,000.5",
    "1.000,5",
    "1e3",
    "0x10",
    "1_000",
    "1,00",
    "",
    " ",
    "+5",
    ".5",
    "5.",
    "999,999,999,999,999.9",
    "1,000,000,000,000,000",
    "1,000,000,000,000,001",
    "0.0000001",
    "00012",
    "١٢٣",
    "12\x00",
    "[b]12",
]

# --- text that tries to drive a terminal (tests/cli/test_terminal_safe_cli.py, bench/) --------

#: Every kind of character a terminal would obey rather than show: each C0 control, DEL, C1
#: controls (8-bit CSI, OSC, ST, NEL), OSC title sequences ended by BEL and by ST, lone
#: surrogates, bidi embeddings, overrides and isolates, and line ends of every kind.
TERMINAL_PIECES = [
    *CONTROLS,
    "\x1b]0;PWNED\x07",
    "\x1b]2;PWNED\x1b\\",
    "\x9d0;PWNED\x9c",
    "\x1b[H\x1b[2J",
    "\x1b[?1049h",
    "\x1bP+q\x1b\\",
    "\x85",
    "\x9b",
    "\x80",
    "\x9f",
    "\ud800",
    "\udfff",
    "\u202a",
    "\u202e",
    "\u2066",
    "\u2069",
    "\n",
    "\r\n",
    "\t",
    "\x00",
    "Kim",
    "Lee ",
    "é",
    "👩🏽‍💼",
    "[b]",
]

#: One piece of hostile text for a terminal: pieces above, any control character, a few
#: ordinary letters, glued together.
TERMINAL_HOSTILE = st.lists(
    st.one_of(
        st.sampled_from(TERMINAL_PIECES),
        st.characters(categories=["Cc", "Cs"]),
        st.characters(min_codepoint=0x202A, max_codepoint=0x202E),
        st.text(alphabet=ALPHABET, max_size=3),
    ),
    min_size=1,
    max_size=8,
).map("".join)

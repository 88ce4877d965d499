"""Hypothesis strategies for hostile user text."""

from __future__ import annotations

from hypothesis import strategies as st

PUNCT = "!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~"
SPACES = " \t\n\r\u2028\xa0\u3000"
ALPHABET = st.sampled_from(list(PUNCT + SPACES + "ab1 \x00é👩\u05d0\u0645"))
TOKENS = st.sampled_from(
    ["#", "## ", "- ", "+ ", "1. ", "> ", "---", "===", "|", "```", "<script>", "[link](x)",
     "[b]markup[/b]", "&amp;", "&#35;", "*", "_", "\\", "\n", "\r\n", "    ", "\t", "~~~",
     "<", "\x00", "👩🏽‍💼", "שלום", "\u202e"]
)  # fmt: skip

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

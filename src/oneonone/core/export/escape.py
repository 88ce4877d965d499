"""Markdown escaping for user text: whatever a manager or rep typed stays text, and reads as typed.

``inline(text)`` makes one line of Markdown whose parsed text is exactly ``folded(text)``,
whether it goes in a paragraph, a heading, a list item or a table cell (``cell`` adds the
pipes). Measured with markdown-it-py (CommonMark preset plus tables, HTML off); the rules are
CommonMark's and GitHub's, so other renderers agree. A backslash goes only where a character
would change the document's structure where it stands, so ``O'Neil``, ``120,000``, ``1:1``,
``(911)``, ``check-ins``, ``https://example.com`` and ``America/New_York`` read as typed:

- Anywhere: a backtick, ``*`` and ``~`` (code, emphasis, strikethrough); ``]`` before ``(``
  or ``[`` (the only ways a link or an image is written without a definition, and no text can
  define one: a definition starts a line, where ``[`` is escaped); ``[`` before ``[`` or ``^``
  (wiki links, footnotes); ``_`` unless it stands between two letters or digits (an intraword
  ``_`` never opens or closes emphasis); ``<`` before a letter, ``/``, ``!`` or ``?`` (HTML and
  autolinks); ``&`` that would start a character reference; a backslash that would escape
  the next character or break the line.
- At the start: what opens a block (``#`` headings, ``>`` quotes, ``-``/``+``/``*`` bullets,
  ``1.``/``1)`` numbers, ``|`` table rows). At the end: a ``#`` run a heading would drop.
- Text without a letter or digit (``---``, ``===``, ``| - |``, ``:-:``...) could be a rule,
  an underline or a table's delimiter row: every ASCII punctuation character in it is escaped.
- Line breaks are folded into one space each: LF, CR, CRLF (one space), and the other breaks
  ``str.splitlines`` knows (VT, FF, U+001C-U+001E, U+0085, U+2028, U+2029). A line of
  Markdown cannot hold them, and a printed agreement should not depend on them.
- Whitespace at either end (spaces, tabs, NBSP and the other characters CommonMark and
  JavaScript's ``trim`` strip from paragraphs, headings and cells) is written as numeric
  character references (``&#32;``, ``&#9;``, ``&#160;``...), which the parser decodes back.
  Whitespace inside the text is kept as it is. (A line that starts with a reference cannot
  open a block, so indented text never becomes code.)

Two things cannot survive any CommonMark parser, so they are replaced, both here and in
``folded`` (the text a test should expect): U+0000 becomes U+FFFD (CommonMark §2.3 requires
it, and ``&#0;`` decodes to U+FFFD too), and lone surrogates (which cannot be written as
UTF-8) become U+FFFD. Every other character, including other control characters, emoji,
right-to-left text and zero-width characters, comes back unchanged.
"""

from __future__ import annotations

import re
import string

REPLACEMENT = "\ufffd"

#: Line breaks folded into a single space (``str.splitlines`` boundaries; CRLF counts once).
LINE_BREAKS = "\n\r\v\f\x1c\x1d\x1e\x85\u2028\u2029"

#: Characters a Markdown parser may strip from the ends of a paragraph, heading or cell:
#: CommonMark's whitespace and JavaScript's ``trim`` set (what markdown-it strips).
EDGE_SPACE = "\t \xa0\u1680\u202f\u205f\u3000\ufeff" + "".join(map(chr, range(0x2000, 0x200B)))

_FOLD: dict[int, str] = {ord(c): " " for c in LINE_BREAKS}
_FOLD[0] = REPLACEMENT
_FOLD.update({code: REPLACEMENT for code in range(0xD800, 0xE000)})

_EVERY: dict[int, str] = {**_FOLD, **{ord(c): "\\" + c for c in string.punctuation}}

#: Escaped wherever they stand (see the module docstring).
_ANYWHERE = (
    r"[`*~]|^\[|\[(?=[\[^])|\](?=[(\[])"
    r"|_(?![^\W_])|(?<![^\W_])_"
    r"|<(?=[A-Za-z/!?])"
    r"|&(?=#[0-9]{1,7};|#[xX][0-9a-fA-F]{1,6};|[A-Za-z][A-Za-z0-9]*;)"
    r"|\\(?=[!-/:-@\[-`{-~]|$|[" + re.escape(EDGE_SPACE) + "]+$)"
)
_IN_TEXT = re.compile(_ANYWHERE)
_IN_CELL = re.compile(_ANYWHERE + r"|\|")
#: What opens a block at the start of a line: the character to escape is the group.
_OPENS = re.compile(
    r"^(?:(#)#{0,5}(?=[ \t]|$)|(>)|([-+])(?=[ \t]|$)|[0-9]{1,9}([.)])(?=[ \t]|$)|(\|))"
)
#: A ``#`` run at the end, after a space: a heading's closing sequence.
_CLOSING = re.compile(r"(?<=[ \t])#(?=#*$)")
_ALNUM = re.compile(r"[^\W_]")

_EDGES = re.compile(f"^[{re.escape(EDGE_SPACE)}]+|[{re.escape(EDGE_SPACE)}]+$")
_BACKTICKS = re.compile("`+")
_FENCE_TEXT: dict[int, str] = {0: REPLACEMENT} | {
    code: REPLACEMENT for code in range(0xD800, 0xE000)
}


def _references(match: re.Match[str]) -> str:
    return "".join(f"&#{ord(c)};" for c in match.group())


def folded(text: str) -> str:
    """``text`` as one line: each line break is one space, NUL and lone surrogates are
    U+FFFD. This is exactly what a parser reads back from ``inline(text)``."""
    return text.replace("\r\n", "\n").translate(_FOLD)


def _backslash(match: re.Match[str]) -> str:
    return "\\" + match.group()


def inline(text: str) -> str:
    """``text`` as one line of Markdown that parses back to exactly ``folded(text)``."""
    return _escaped(text, _IN_TEXT)


def _escaped(text: str, anywhere: re.Pattern[str]) -> str:
    flat = folded(text)
    if not _ALNUM.search(flat):
        escaped = flat.translate(_EVERY)
    else:
        escaped = anywhere.sub(_backslash, flat)
        opens = _OPENS.match(escaped)
        if opens:
            at = opens.start(opens.lastindex or 0)
            escaped = escaped[:at] + "\\" + escaped[at:]
        escaped = _CLOSING.sub(r"\\#", escaped, count=1)
    if escaped and (escaped[0] in EDGE_SPACE or escaped[-1] in EDGE_SPACE):
        escaped = _EDGES.sub(_references, escaped)
    return escaped


def cell(text: str) -> str:
    """``text`` for a table cell: an ``inline`` whose every ``|`` is ``\\|`` (which the table
    rule keeps in the cell)."""
    return _escaped(text, _IN_CELL)


def fence(text: str) -> str:
    """``text`` as a fenced block, verbatim: the fence is a run of backticks longer than any
    in the text (at least three), so no line of the text can close it. The parsed block's
    content is ``text`` plus a final newline, with CR and CRLF read as LF (CommonMark), and
    NUL and lone surrogates as U+FFFD."""
    body = text.replace("\r\n", "\n").replace("\r", "\n").translate(_FENCE_TEXT)
    longest = max((len(m) for m in _BACKTICKS.findall(body)), default=0)
    marks = "`" * max(3, longest + 1)
    return f"{marks}\n{body}\n{marks}"


__all__ = ["EDGE_SPACE", "LINE_BREAKS", "REPLACEMENT", "cell", "fence", "folded", "inline"]

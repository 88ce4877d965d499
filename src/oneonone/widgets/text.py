"""User text meets the screen only through here: a rep named ``[b]Sam`` shows as typed, and a
note holding ``ESC [2J`` shows as ``␛[2J`` instead of clearing the terminal.

Textual hands the characters of a widget's text to the terminal as they are, control
characters included (Rich drops only BEL, BS, VT, FF and CR, silently). ``visible`` (from
``oneonone.core.text``, the one place this is decided, shared with the command line) swaps
each control character for a visible stand-in of the same length, so the text cannot act on
the terminal, cursor positions still line up, and what was typed can still be read off the
screen; the stored text is never changed.
"""

from __future__ import annotations

from rich.highlighter import Highlighter
from rich.text import Text

from oneonone.core.numbers import BARS, sparkline
from oneonone.core.text import visible


def plain(text: str, style: str = "") -> Text:
    """A Rich Text that is never parsed as markup and never drives the terminal. Also for
    ``DataTable`` column labels: a ``str`` label is read as Rich markup, and the first one
    loads Rich's table of emoji codes (15-20 ms, at start for the first screen)."""
    return Text(visible(text), style=style, no_wrap=False)


def one_line(text: str, limit: int = 80) -> str:
    """Fold newlines and cut long text for a single-line cell or message (shown, not obeyed)."""
    flat = visible(" ".join(text.split()))
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"


class VisibleText(Highlighter):
    """An ``Input`` highlighter that shows what was typed or pasted with ``visible``.

    The Input hands over ``Text(value)``, from which Rich has already dropped some controls;
    the original value (from ``source``) is put back, made visible, character for character."""

    def __init__(self, source: object) -> None:
        self._source = source

    def highlight(self, text: Text) -> None:
        """``text`` made to show the typed value as ``visible`` makes it."""
        value = getattr(self._source, "value", None)
        if isinstance(value, str) and len(value) >= len(text.plain):
            text.plain = visible(value, one_line=True)


__all__ = ["BARS", "VisibleText", "one_line", "plain", "sparkline", "visible"]

"""User text meets a terminal only through ``visible``: the app's screens, every command's
output and every error message. A rep named ``ESC ] 0 ; x BEL`` shows as ``␛]0;x␇`` instead of
retitling the terminal, and a note holding ``ESC [2J`` shows as ``␛[2J`` instead of clearing it.

Names and notes come from a hand edit, a restored or shared file, or any program that writes the
data file: whatever they hold, they are shown, never obeyed. The stored text is never changed,
and the files written by ``export`` and ``calendar --out`` keep it exactly as typed; only what
goes to a terminal (standard output and standard error included: a pipe often ends in one) is
made visible.

The choice: one character for one, so the app's cursor positions (an input field, a search
hit) still line up and what was typed can still be read off the screen:

- C0 controls show as their Unicode control pictures (NUL ␀, BEL ␇, BS ␈, ESC ␛, CR ␍), DEL
  as ␡; line feed and tab keep their meaning, except in a one-line field where they show too
  (␊, ␉);
- C1 controls (no pictures exist; 8-bit CSI and OSC are among them), lone surrogates (which no
  terminal can be sent and UTF-8 cannot encode) and the bidirectional embeddings, overrides
  and isolates U+202A-U+202E, U+2066-U+2069 (which reorder the rest of the line on a terminal
  that does bidi, the "Trojan source" trick) as U+FFFD, the replacement character.

This module is the core's and never imports Textual or Rich; ``oneonone.widgets.text`` builds
the app's Rich helpers on it.
"""

from __future__ import annotations

REPLACEMENT = "\ufffd"

_ONE_LINE: dict[int, str] = {code: chr(0x2400 + code) for code in range(0x20)}
_ONE_LINE[0x7F] = "\u2421"
_ONE_LINE.update(dict.fromkeys(range(0x80, 0xA0), REPLACEMENT))
_ONE_LINE.update(dict.fromkeys(range(0xD800, 0xE000), REPLACEMENT))
_ONE_LINE.update(dict.fromkeys([*range(0x202A, 0x202F), *range(0x2066, 0x206A)], REPLACEMENT))
_MULTI_LINE = {code: shown for code, shown in _ONE_LINE.items() if chr(code) not in "\n\t"}


def visible(text: str, *, one_line: bool = False) -> str:
    """``text`` with every control character shown, not obeyed (one character for one); line
    feed and tab keep their meaning, unless the text is shown ``one_line`` (a field, a table
    cell, a message line), where they show too."""
    return text.translate(_ONE_LINE if one_line else _MULTI_LINE)


def is_terminal_safe(text: str, *, one_line: bool = False) -> bool:
    """Whether ``text`` holds nothing ``visible`` would change."""
    return visible(text, one_line=one_line) == text


__all__ = ["REPLACEMENT", "is_terminal_safe", "visible"]

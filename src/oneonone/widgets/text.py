"""User text meets markup only through here: a rep named ``[b]Sam`` shows as typed."""

from __future__ import annotations

from rich.text import Text


def plain(text: str, style: str = "") -> Text:
    """A Rich Text that is never parsed as markup."""
    return Text(text, style=style, no_wrap=False)


def one_line(text: str, limit: int = 80) -> str:
    """Fold newlines and cut long text for a single-line cell or message."""
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"


BARS = "▁▂▃▄▅▆▇█"


def sparkline(values: list[float], width: int = 40) -> str:
    """The last ``width`` values as bars; the scale runs from 0 to the largest value (and at
    least 100 %, so a rep always under quota never shows full bars)."""
    shown = values[-width:]
    if not shown:
        return ""
    top = max(max(shown), 1.0)
    return "".join(
        BARS[min(len(BARS) - 1, int(max(v, 0) / top * (len(BARS) - 1) + 0.5))] for v in shown
    )

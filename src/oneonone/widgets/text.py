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

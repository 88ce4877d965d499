"""What the roster shows when there is nothing to list: the next thing to do, never a blank."""

from __future__ import annotations

from rich.text import Text
from textual.widgets import Static

from oneonone.core.model import TeamSettings
from oneonone.widgets.text import visible


def welcome_text(settings: TeamSettings) -> Text:
    """The roster's welcome: the first steps, each ticked once done."""
    done, todo = "✓", "○"
    text = Text()
    text.append("Welcome to oneonone\n\n", style="bold")
    text.append(
        "Write down what you expect of each rep and what they can expect of you,\n"
        "with the consequences they choose, and keep every one-on-one on record.\n\n"
    )
    set_up = settings.is_set_up
    text.append(f"  {done if set_up else todo} 1. ", style="bold green" if set_up else "bold")
    text.append("Press ")
    text.append("s", style="bold reverse")
    text.append(" to set your name and timezone")
    if set_up:
        shown = visible(f"{settings.manager_name}, {settings.timezone}", one_line=True)
        text.append(f" ({shown})", style="dim")
    text.append(f"\n  {todo} 2. ", style="bold")
    text.append("Press ")
    text.append("a", style="bold reverse")
    text.append(" to add your first rep\n\n")
    text.append("Press F1 for every key and the method in short.", style="dim")
    return text


def no_match_text(query: str) -> Text:
    """What the roster says when the filter matches no rep."""
    text = Text("No rep matches ")
    text.append(repr(query), style="bold")
    text.append(". Press Esc in the filter to clear it.")
    return text


class EmptyState(Static):
    """What the roster shows when there is nothing to list."""

    DEFAULT_CSS = """
    EmptyState { width: 1fr; height: auto; padding: 2 4; display: none; }
    EmptyState.-shown { display: block; }
    """

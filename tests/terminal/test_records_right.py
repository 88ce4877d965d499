"""Records can be put right, visibly: a commitment's text and date corrected while it is open,
a done, dropped or carried set by mistake undone in the same one-on-one (the record keeps what
changed and when), numbers corrected with an outlier confirmed, and the numbers readable on the
session screen."""

from __future__ import annotations

import time
from pathlib import Path

from tests.terminal.conftest import OpenApp
from tests.terminal.term import Terminal

HOME = r"Today, Friday 27 November 2026"
SESSION = r"1:1 with Maya Fitzgerald"
#: Maya's first open commitment in the demo team, as the session's list shows it.
CRM = r"Maya: Clean up duplicate"


def panel(term: Terminal, title: str) -> str:
    """The text inside the bordered box titled ``title``, its lines joined with spaces (a
    line wrapped by the box reads as one)."""
    lines = term.lines
    for y, line in enumerate(lines):
        x = line.find(f"╭─ {title}")
        if x < 0:
            continue
        end = line.find("╮", x)
        inside = []
        for row in lines[y + 1 :]:
            if row[x : x + 1] == "╰":
                break
            inside.append(row[x + 1 : end].strip())
        return " ".join(" ".join(inside).split())
    return ""


def dialog(term: Terminal) -> str:
    """The text of the dialog on top (the box drawn with █▀ … ▄), its lines joined."""
    lines = term.lines
    for y, line in enumerate(lines):
        x = line.find("█▀▀")
        if x < 0:
            continue
        end = line.rfind("▀") + 1
        inside = []
        for row in lines[y + 1 :]:
            if "▄▄" in row[x:end]:
                break
            inside.append(row[x + 1 : end].strip())
        return " ".join(" ".join(inside).split())
    return ""


def in_dialog(text: str) -> object:
    """A check for ``Terminal.wait``: ``text`` is in the dialog on top."""
    return lambda term: text in dialog(term)


def in_panel(title: str, text: str) -> object:
    """A check for ``Terminal.wait``: ``text`` is in the box titled ``title``."""
    return lambda term: text in panel(term, title)


def start_maya(open_app: OpenApp, db: Path, *, cols: int = 120, rows: int = 40) -> Terminal:
    """The demo team, home, ``n`` on its first row (Maya Fitzgerald's overdue review), the
    suggested kind: her one-on-one, notes focused."""
    term = open_app(db, cols=cols, rows=rows)
    term.wait(HOME)
    term.press("n")
    term.wait(r"Start a one-on-one with Maya Fitzgerald")
    term.press("enter")
    term.wait(SESSION)
    term.wait(CRM)
    calm(term)
    return term


def calm(term: Terminal) -> None:
    """Let the app finish what a save sets off (the save, then home read again beneath): a key
    sent in the second after the one-on-one opens was sometimes lost, or opened a dialog the
    terminal did not show (a repaint fault left to the fix of "the screen tells the truth")."""
    term.settle(quiet=0.3)
    time.sleep(1.5)


def border_colour(term: Terminal, title: str) -> str | None:
    """The colour the box titled ``title`` is drawn in (a focused box is drawn in the accent
    colour, as the notes always are)."""
    for y, line in enumerate(term.lines):
        x = line.find(f"╭─ {title}")
        if x >= 0:
            with term._lock:
                return str(term.screen.buffer[y][x].fg)
    return None


def focus_commitments(term: Terminal) -> None:
    """Focus the commitments list with shift+tab, as a person does, wherever focus is now."""
    for _ in range(3):
        if border_colour(term, "Open commitments") == border_colour(term, "Notes"):
            return
        term.press("shift+tab")
        term.settle(quiet=0.2)
    assert border_colour(term, "Open commitments") == border_colour(term, "Notes"), term.text


def open_commitment(term: Terminal, index: int = 0) -> None:
    """Enter on line ``index`` of the commitments list."""
    focus_commitments(term)
    term.press("home", *["down"] * index, "enter")
    term.wait(r"Maya Fitzgerald's commitment")
    term.settle(quiet=0.2)


def replace_field(term: Terminal, old: str, new: str) -> None:
    """Empty the focused one-line field (showing ``old``) and type ``new``; wait until the
    dialog shows it."""
    term.press("ctrl+a", "ctrl+k")
    if old:
        term.wait(lambda t: old not in dialog(t), timeout=3, what=f"{old!r} erased")
    if new:
        term.type(new)
        term.wait(in_dialog(new), timeout=3, what=f"{new!r} typed")
    term.settle(quiet=0.2)


def test_a_commitment_text_and_date_are_corrected_with_clear_messages(
    open_app: OpenApp, demo_db: Path
) -> None:
    term = start_maya(open_app, demo_db)
    open_commitment(term)
    term.press("e")
    term.wait(r"Correct the commitment", timeout=3)
    term.wait(r"Clean up duplicate accounts in the CRM")
    # an empty text is refused, with a message
    replace_field(term, "Clean up duplicate accounts in the CRM", "")
    term.press("ctrl+s")
    term.wait(r"The commitment cannot be empty", timeout=3)
    replace_field(term, "", "Merge the duplicate Acme accounts")
    # a date that is not one is refused, with a message saying what is accepted
    term.press("tab")
    replace_field(term, "2026-11-19", "2027-13-45")
    term.press("ctrl+s")
    term.wait(r"not a real date", timeout=3)
    replace_field(term, "", "soonish")
    term.press("ctrl+s")
    term.wait(r"not a date I can read", timeout=3)
    replace_field(term, "", "2026-12-04")
    term.press("ctrl+s")
    term.wait(r"Commitment corrected", timeout=3)
    merged = "Maya: Merge the duplicate Acme accounts (2026-12-04, carried ×1)"
    term.wait(in_panel("Open commitments", merged), timeout=3, what=merged)
    calm(term)
    # the record shows what changed, and when (it is now second: the list is by due date)
    open_commitment(term, 1)
    for change in (
        "due 2026-11-19 → 2026-12-04",
        "text “Clean up duplicate accounts in the CRM” → “Merge the duplicate Acme accounts”",
    ):
        term.wait(in_dialog(change), timeout=3, what=change)

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
    time.sleep(1.0)


def click(term: Terminal, x: int, y: int) -> None:
    """A left click at column ``x``, row ``y`` (0-based), as an xterm reports it (SGR)."""
    term.child.send(f"\x1b[<0;{x + 1};{y + 1}M\x1b[<0;{x + 1};{y + 1}m")


def open_commitment(term: Terminal, text: str) -> None:
    """Click the commitments list on the line that starts with ``text``, which opens it."""
    lines = term.lines
    top = next(y for y, line in enumerate(lines) if "╭─ Open commitments" in line)
    left = lines[top].index("╭─ Open commitments")
    for y in range(top + 1, len(lines)):
        x = lines[y].find(text, left)
        if x >= 0:
            click(term, x + 1, y)
            term.wait(r"Maya Fitzgerald's commitment|Yours \(the manager's\) commitment", timeout=3)
            term.settle(quiet=0.2)
            return
    raise AssertionError(f"{text!r} is not in the commitments list:\n{term.text}")


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
    open_commitment(term, "Maya: Clean up duplicate")
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
    open_commitment(term, "Maya: Merge the duplicate")
    for change in (
        "due 2026-11-19 → 2026-12-04",
        "text “Clean up duplicate accounts in the CRM” → “Merge the duplicate Acme accounts”",
    ):
        term.wait(in_dialog(change), timeout=3, what=change)


def test_done_and_carried_by_mistake_are_undone_and_the_record_shows_it(
    open_app: OpenApp, demo_db: Path
) -> None:
    term = start_maya(open_app, demo_db)
    # a commitment made now, marked done by mistake: still listed, Enter then u undoes it
    term.press("ctrl+r")
    term.wait(r"Maya Fitzgerald commits to", timeout=3)
    term.type("Send the Q1 plan")
    term.wait(in_dialog("Send the Q1 plan"), timeout=3, what="typed")
    term.press("ctrl+s")
    term.wait(in_panel("Open commitments", "Maya: Send the Q1 plan"), timeout=3, what="made")
    calm(term)
    open_commitment(term, "Maya: Send the Q1 plan")
    term.wait(in_dialog("Send the Q1 plan"), timeout=3, what="the new commitment")
    term.press("d")
    done_here = "Maya: Send the Q1 plan (done here, Enter to undo)"
    term.wait(in_panel("Open commitments", done_here), timeout=3, what=done_here)
    calm(term)
    open_commitment(term, "Maya: Send the Q1 plan")
    term.wait(in_dialog("u undo (done)"), timeout=3, what="the undo offered")
    term.press("u")
    term.wait(r"Undone: the commitment is open again", timeout=3)
    term.wait(
        lambda t: "done here" not in panel(t, "Open commitments"), timeout=3, what="open again"
    )
    calm(term)
    # a carry by mistake: the count and the date come back
    open_commitment(term, "Maya: Clean up duplicate")
    term.wait(in_dialog("Clean up duplicate accounts in the CRM"), timeout=3, what="first")
    term.press("c")
    term.wait(r"Carry it to a new date", timeout=3)
    term.press("enter")
    carried = "Maya: Clean up duplicate accounts in the CRM (2026-12-04, carried ×2)"
    term.wait(in_panel("Open commitments", carried), timeout=3, what=carried)
    calm(term)
    # now after the one due 2026-11-26
    term.wait(lambda t: panel(t, "Open commitments").count("Maya: Clean up") == 2, timeout=3)
    lines = term.lines
    second = [y for y, line in enumerate(lines) if "Maya: Clean up duplicate" in line][1]
    click(term, lines[second].index("Maya: Clean up duplicate") + 1, second)
    term.wait(r"Maya Fitzgerald's commitment", timeout=3)
    term.wait(in_dialog("u undo (carry)"), timeout=3, what="the undo offered")
    term.press("u")
    term.wait(r"Undone: the carry is taken back", timeout=3)
    restored = "Maya: Clean up duplicate accounts in the CRM (2026-11-19, carried ×1)"
    term.wait(in_panel("Open commitments", restored), timeout=3, what=restored)
    calm(term)
    # the commitment shows what changed and when
    open_commitment(term, "Maya: Send the Q1 plan")
    for change in ("open → done", "done → open (undone)"):
        term.wait(in_dialog(change), timeout=3, what=change)


def enter_numbers(term: Terminal, *values: str) -> None:
    """ctrl+l, then each value in its field (Tab between), then ctrl+s."""
    term.press("ctrl+l")
    term.wait(r"Numbers against quota", timeout=3)
    term.settle(quiet=0.2)
    for i, value in enumerate(values):
        if i:
            term.press("tab")
        replace_field(term, "", value)
    term.press("ctrl+s")


def glance(term: Terminal) -> str:
    """The agreement at a glance, as the session screen shows it."""
    return panel(term, "Agreement v2")


def test_the_numbers_are_readable_at_120_columns_and_the_share_is_said_once(
    open_app: OpenApp, demo_db: Path
) -> None:
    term = start_maya(open_app, demo_db)
    enter_numbers(term, "80000", "9")
    shown = "• New ARR: 80,000 of 110,000 (73%)"
    term.wait(lambda t: shown in glance(t), timeout=3, what=shown)
    assert "• Discovery calls: 9 of 12 (75%)" in glance(term)
    assert "(73%) (73%)" not in glance(term)


def test_at_240_columns_the_share_is_not_doubled(open_app: OpenApp, demo_db: Path) -> None:
    term = start_maya(open_app, demo_db, cols=240, rows=40)
    enter_numbers(term, "80000")
    term.wait(lambda t: "80,000 of 110,000" in glance(t), timeout=3, what="the number")
    term.settle()
    assert glance(term).count("73%") == 1, glance(term)
    assert "• New ARR: 80,000 of 110,000 (73%) · USD per quarter" in glance(term)


def test_an_outlier_is_confirmed_and_numbers_are_corrected(
    open_app: OpenApp, demo_db: Path
) -> None:
    term = start_maya(open_app, demo_db)
    enter_numbers(term, "80000")
    term.wait(lambda t: "80,000 of 110,000" in glance(t), timeout=3, what="first numbers")
    calm(term)
    # reopened, the form shows what was entered; a slip of the keyboard is asked about
    term.press("ctrl+l")
    term.wait(in_dialog("80,000"), timeout=3, what="the entered number shown")
    replace_field(term, "80,000", "1200000")
    term.press("ctrl+s")
    term.wait(r"Is this number right\?", timeout=3)
    term.wait(
        in_dialog("New ARR: 1,200,000 is over 10× the target of 110,000."),
        timeout=3,
        what="the outlier named",
    )
    term.press("n")  # correct it: back to the form, the value kept to fix
    term.wait(r"Numbers against quota", timeout=3)
    replace_field(term, "1200000", "95000")
    term.press("ctrl+s")
    term.wait(lambda t: "95,000 of 110,000 (86%)" in glance(t), timeout=3, what="corrected")
    assert "80,000" not in glance(term)
    calm(term)
    # an outlier that is right is kept once confirmed
    term.press("ctrl+l")
    term.wait(in_dialog("95,000"), timeout=3, what="the corrected number shown")
    replace_field(term, "95,000", "2000000")
    term.press("ctrl+s")
    term.wait(r"Is this number right\?", timeout=3)
    term.press("y")
    term.wait(lambda t: "2,000,000 of 110,000" in glance(t), timeout=3, what="kept")

"""Trust in a one-on-one, in a real terminal: typing lands where the cursor is, in the notes,
after every step change, notes switch, dialog and resume; nothing typed acts on a record."""

from __future__ import annotations

import re
from pathlib import Path

from tests.terminal.conftest import OpenApp
from tests.terminal.term import Terminal

HOME = r"Today, Friday 27 November 2026"
ROSTER = r"to filter by name, role or status"
SESSION = r"1:1 with Maya Fitzgerald ·"  # the one-on-one's title line
#: The commitment dialog's own line of keys: on screen, a commitment is open to be acted on.
COMMITMENT_DIALOG = r"d done · c not done"


def start_one_on_one(term: Terminal) -> None:
    """From home: `n` on the first line (Maya Fitzgerald's overdue review), the suggested kind."""
    term.wait(HOME)
    term.press("n")
    term.wait(r"Start a one-on-one with Maya Fitzgerald")
    term.press("enter")
    term.wait(SESSION)
    term.settle(quiet=0.3)


def notes_box(term: Terminal) -> list[str]:
    """The text inside the notes box (its title row is `Notes at this step …`/`Free notes …`),
    one string a row, trailing blanks removed."""
    lines = term.lines
    top = next(
        i
        for i, line in enumerate(lines)
        if re.search(
            r"(Notes at this step|Free notes|Private "
            r"notes)[^│]*ctrl\+t switches",
            line,
        )
    )
    title = lines[top]
    left = title.rfind("╭", 0, title.find("Notes" if "Notes" in title else "notes"))
    rows = []
    for line in lines[top + 1 :]:
        if line[left : left + 1] == "╰":
            break
        rows.append(line[left + 2 :].rstrip().rstrip("│").rstrip())
    return rows


def commitments_box(term: Terminal) -> list[str]:
    """The rows of the open commitments box, as shown."""
    lines = term.lines
    top = next(i for i, line in enumerate(lines) if "Open commitments" in line)
    left = lines[top].rfind("╭", 0, lines[top].find("Open commitments"))
    rows = []
    for line in lines[top + 1 :]:
        if line[left : left + 1] == "╰":
            break
        rows.append(line[left:])
    return rows


def notes_text(term: Terminal) -> str:
    """The notes shown, rows joined with newlines, blank rows at the end left out."""
    return "\n".join(notes_box(term)).rstrip()


def wait_notes(term: Terminal, expected: str, timeout: float = 5.0) -> None:
    """Wait until the notes box shows exactly ``expected``."""
    term.wait(lambda t: _safe_notes(t) == expected, timeout, what=f"notes == {expected!r}")


def wait_gone(term: Terminal, pattern: str, timeout: float = 5.0) -> None:
    """Wait until a dialog (found by ``pattern``) is no longer drawn: the one-on-one is under
    every dialog, so its title alone does not say the dialog closed."""
    term.wait(lambda t: not re.search(pattern, t.text), timeout, what=f"/{pattern}/ gone")


def _safe_notes(term: Terminal) -> str | None:
    try:
        return notes_text(term)
    except StopIteration:
        return None


# -- item 1: focus is in the notes, the cursor where the text was left ----------------------------


def test_prose_typed_after_wandering_focus_never_acts_on_a_commitment(
    open_app: OpenApp, demo_db: Path
) -> None:
    """Tab typed in the notes (a habit from other editors), then the next step, then prose with
    an Enter and a `d`: the prose lands in the notes, and no commitment is opened or marked."""
    term = open_app(demo_db)
    start_one_on_one(term)
    commitments = commitments_box(term)
    assert any("Maya:" in line for line in commitments), term.text
    term.press("tab", "tab")
    term.press("ctrl+n")
    term.type("Good call")
    term.press("enter")
    term.type("d")
    term.settle(quiet=0.4)
    assert not re.search(COMMITMENT_DIALOG, term.text), term.text
    wait_notes(term, "Good call\nd")
    assert "Notes at this step 2" in term.text
    assert commitments_box(term) == commitments
    # Into the list deliberately (F2), then the next step and prose sent together: the
    # prose is the next step's notes, in order, and still no commitment is touched.
    term.press("f2")
    term.burst("ctrl+n", *"Fine", "enter", "d", "x")
    term.settle(quiet=0.4)
    assert not re.search(COMMITMENT_DIALOG, term.text), term.text
    term.wait(r"Notes at this step 3")
    wait_notes(term, "Fine\ndx")
    assert commitments_box(term) == commitments


def test_the_cursor_comes_back_where_each_notes_text_was_left(
    open_app: OpenApp, demo_db: Path
) -> None:
    """Each step's notes, the free notes and the private notes keep their own cursor: going
    away (next step, back, switching notes, a dialog) and back, typing goes on where it was."""
    term = open_app(demo_db)
    start_one_on_one(term)
    term.type("abc")
    wait_notes(term, "abc")
    term.press("left", "left")  # the cursor between a and b
    term.press("ctrl+n")
    term.type("X")
    term.press("ctrl+b")
    term.type("Y")
    wait_notes(term, "aYbc")
    term.press("ctrl+t")  # free notes
    term.type("free")
    term.press("left")
    term.press("ctrl+t", "ctrl+t")  # private, then back to this step
    term.type("Z")
    wait_notes(term, "aYZbc")
    term.press("ctrl+t")  # free notes again: the cursor before the e
    term.type("!")
    wait_notes(term, "fre!e")
    term.press("ctrl+t", "ctrl+t")
    term.press("ctrl+r")  # a commitment form, cancelled: back in the notes, same place
    term.wait(r"commits to")
    term.press("escape")
    wait_gone(term, r"commits to")
    term.type("1")
    term.press("f10")  # the summary, kept open
    term.wait(r"End the one-on-one with")
    term.press("escape")
    wait_gone(term, r"End the one-on-one with")
    term.type("2")
    wait_notes(term, "aYZ12bc")


# -- item 2: private notes hidden, nothing typed is thrown away ----------------------------------


def test_hidden_private_notes_throw_nothing_away_and_stay_hidden(
    open_app: OpenApp, demo_db: Path
) -> None:
    """F4 while typing private notes: the notes shown take what is typed next. ctrl+t does not
    cycle onto the hidden notes, and they stay hidden into the next one-on-one until F4."""
    term = open_app(demo_db)
    start_one_on_one(term)
    term.press("ctrl+t", "ctrl+t")
    term.wait(r"Private notes · ctrl\+t switches")
    term.type("salary talk")
    wait_notes(term, "salary talk")
    term.press("f4")
    term.type("kept")
    term.wait(r"Notes at this step 1 · ctrl\+t switches")
    wait_notes(term, "kept")
    assert "salary" not in term.text
    term.press("ctrl+t")
    term.wait(r"Free notes · ctrl\+t switches")
    term.press("ctrl+t")  # not onto the hidden private notes: back to this step's
    term.wait(r"Notes at this step 1 · ctrl\+t switches")
    wait_notes(term, "kept")
    term.press("escape")
    term.wait(HOME)
    term.press("down", "n")  # the next one-on-one, screen still shared
    term.wait(r"Start a one-on-one with Anya Lachance")
    term.press("enter")
    term.wait(r"1:1 with Anya Lachance")
    term.wait(r"private hidden")
    term.press("ctrl+t", "ctrl+t")
    term.wait(r"Notes at this step 1 · ctrl\+t switches")
    term.press("f4", "ctrl+t", "ctrl+t")
    term.wait(r"Private notes · ctrl\+t switches")
    assert "private hidden" not in term.text


# -- item 3: the summary counts as the history does, and reads the commitments back ---------------


def test_the_summary_counts_steps_as_the_history_and_reads_back_the_commitments(
    open_app: OpenApp, demo_db: Path
) -> None:
    """Every step of the script walked, a commitment made, one done and one carried: F10 says
    5 of 5 (as the history will), and lists each commitment to read back to the rep."""
    term = open_app(demo_db)
    start_one_on_one(term)
    term.press("ctrl+n", "ctrl+n", "ctrl+n", "ctrl+n")
    term.wait(r"Notes at this step 5")
    term.press("f10")
    term.wait(r"End the one-on-one with Maya Fitzgerald")
    term.wait(r"Steps covered: 5 of 5", timeout=3)
    term.press("escape")
    wait_gone(term, r"End the one-on-one with")
    term.press("ctrl+r")
    term.wait(r"Maya Fitzgerald commits to")
    term.type("Send the renewal deck")
    term.wait(r"Send the renewal deck")
    term.settle(quiet=0.2)
    term.press("ctrl+s")
    wait_gone(term, r"commits to")
    term.press("f2", "enter")  # the first open commitment: done
    term.wait(COMMITMENT_DIALOG)
    term.press("d")
    wait_gone(term, COMMITMENT_DIALOG)
    # the manager's own, last of the open ones (the one done here is listed after them)
    term.press("f2", "end", "up", "enter")  # carried a week
    term.wait(COMMITMENT_DIALOG)
    term.press("c")
    term.wait(r"Carry it to a new date")
    term.press("enter")
    wait_gone(term, r"Carry it to a new date|" + COMMITMENT_DIALOG)
    term.press("f10")
    term.wait(r"End the one-on-one with Maya Fitzgerald")
    term.wait(r"Steps covered: 5 of 5", timeout=3)
    term.wait(r"Commitments: 1 made, 1 done, 0 dropped, 1 carried", timeout=3)
    read_back = (
        r"Made:.*\n.*• Maya: Send the renewal deck \(no date\).*\n"
        r".*Done:.*\n.*• Maya: Clean up duplicate accounts in the CRM.*\n"
        r".*Carried:.*\n.*• You: Book a deal-desk slot for Riverbend Foods"
    )
    term.wait(read_back, timeout=5, what="the commitments read back")
    term.press("enter")  # closed
    term.wait(HOME)
    term.press("r")
    term.wait(ROSTER)
    term.press("down", "down", "down", "y")
    term.wait(r"Maya Fitzgerald")
    term.wait(r"closed\s+5 of 5", timeout=5)


# -- item 4: one one-on-one per rep at a time; home lists the open ones --------------------------


def test_n_on_a_rep_with_an_open_one_on_one_resumes_it_and_home_lists_it(
    open_app: OpenApp, demo_db: Path
) -> None:
    """Left with Esc, the one-on-one stays open: home shows it, `n` on the rep offers to
    resume it (the default), and Enter on home's line resumes it, the words typed kept."""
    term = open_app(demo_db)
    start_one_on_one(term)
    term.type("first words")
    wait_notes(term, "first words")
    term.press("escape")
    term.wait(HOME)
    term.wait(r"Open 1:1 +Not ended: the 1:1 with Maya Fitzgerald")
    term.press("n")  # the first line is Maya's review
    term.wait(r"A one-on-one with Maya Fitzgerald is open")
    assert "Start a one-on-one with" not in term.text
    term.press("enter")  # Resume, the default
    term.wait(SESSION)
    wait_notes(term, "first words")
    term.type(", more")
    wait_notes(term, "first words, more")
    term.press("escape")
    term.wait(HOME)
    term.wait(r"When\s+Date[\s\S]*Not ended: the 1:1")
    term.settle(quiet=0.3)
    lines = term.lines
    first = next(i for i, line in enumerate(lines) if re.match(r"\s*When\s+Date", line)) + 1
    line = next(i for i, line in enumerate(lines) if "Not ended: the 1:1" in line)
    term.press(*["down"] * (line - first), "enter")  # Enter on home's line of it
    term.wait(SESSION)
    wait_notes(term, "first words, more")
    term.press("f10")
    term.wait(r"End the one-on-one with Maya Fitzgerald")
    term.press("enter")  # closed: no longer open on home
    term.wait(HOME)
    term.settle(quiet=0.5)
    assert "Not ended: the 1:1" not in term.text


# -- item 5: Esc from a one-on-one shows the screen the app is on, whatever the path --------------

HOME_FOOTER = r"⏎ Open n 1:1 m Move h Held"
ROSTER_FOOTER = r"⏎ Agreement .*a Add rep"


def leave_to(term: Terminal, screen: str, footer: str) -> None:
    """Esc from the one-on-one: the terminal shows ``screen``, with its footer, and no longer
    the one-on-one."""
    term.press("escape")
    term.wait(screen)
    term.wait(lambda t: re.search(footer, t.footer), 5, what=f"footer /{footer}/")
    wait_gone(term, SESSION)


def test_esc_from_a_one_on_one_started_at_home_shows_home_and_its_keys_act_on_it(
    open_app: OpenApp, demo_db: Path
) -> None:
    """Started from home, after a dialog: Esc shows home, and h acts on home's line (the
    review of Maya, held), then r shows the roster where y and X act on it."""
    term = open_app(demo_db)
    start_one_on_one(term)
    term.press("ctrl+o")  # a dialog first, cancelled
    term.wait(r"I \(the manager\) commit to")
    term.press("escape")
    wait_gone(term, r"I \(the manager\) commit to")
    leave_to(term, HOME, HOME_FOOTER)
    term.press("h")
    term.wait(r"Held the review of Maya Fitzgerald")
    term.press("escape")
    wait_gone(term, r"Held the review of")
    term.press("r")
    term.wait(ROSTER)
    term.wait(lambda t: re.search(ROSTER_FOOTER, t.footer), 5, what="roster footer")
    term.press("y")
    term.wait(r"History with Anya Lachance")
    term.press("escape")
    term.wait(ROSTER)
    term.press("X")
    term.wait(r"Export everyone's one-on-ones to Markdown")


def test_esc_from_a_one_on_one_started_on_the_roster_shows_the_roster(
    open_app: OpenApp, demo_db: Path
) -> None:
    """Home, roster, home, roster (r h r), a one-on-one from the roster, a dialog, Esc: the
    roster is on the terminal with its footer; y opens the history of the rep selected
    there, X the export, h goes home."""
    term = open_app(demo_db)
    term.wait(HOME)
    for key, shown in (("r", ROSTER), ("h", HOME), ("r", ROSTER)):
        term.press(key)
        term.wait(shown)
    term.press("down", "n")  # Bianca Greene
    term.wait(r"Start a one-on-one with Bianca Greene")
    term.press("enter")
    term.wait(r"1:1 with Bianca Greene ·")
    term.press("f10")  # the summary, kept open
    term.wait(r"End the one-on-one with Bianca Greene")
    term.press("escape")
    wait_gone(term, r"End the one-on-one with")
    term.press("escape")
    term.wait(ROSTER)
    term.wait(lambda t: re.search(ROSTER_FOOTER, t.footer), 5, what="roster footer")
    wait_gone(term, r"1:1 with Bianca Greene ·")
    term.press("y")
    term.wait(r"History with Bianca Greene")
    term.press("escape")
    term.wait(ROSTER)
    term.press("X")
    term.wait(r"Export everyone's one-on-ones to Markdown")
    term.press("escape")
    wait_gone(term, r"Export everyone's")
    term.press("h")
    term.wait(HOME)
    term.wait(lambda t: re.search(HOME_FOOTER, t.footer), 5, what="home footer")


def test_esc_from_a_one_on_one_resumed_at_start_or_after_help_shows_home(
    open_app: OpenApp, demo_db: Path
) -> None:
    """A one-on-one left open, the app quit and started again: resumed from the question at
    start (the cursor at the end of what was typed), help opened and closed over it, Esc:
    home is on the terminal, with its keys."""
    term = open_app(demo_db)
    start_one_on_one(term)
    term.type("left open")
    wait_notes(term, "left open")
    leave_to(term, HOME, HOME_FOOTER)
    term.press("ctrl+q")
    term.wait_exit()
    term = open_app(demo_db)
    term.wait(r"A one-on-one was left open")
    term.press("enter")  # Resume
    term.wait(SESSION)
    term.type("!")
    wait_notes(term, "left open!")
    term.press("f1")
    term.wait(r"Every key|Show every key|Everywhere")
    term.press("escape")
    wait_gone(term, r"Every key|Show every key|Everywhere")
    term.type("?")  # typed in the notes: not help
    wait_notes(term, "left open!?")
    leave_to(term, HOME, HOME_FOOTER)
    term.press("r")
    term.wait(ROSTER)


def test_the_one_on_one_footer_shows_every_key_that_moves_it_on_at_120_columns(
    open_app: OpenApp, demo_db: Path
) -> None:
    """F10 (end) and F4 (private notes) were left out of the footer at 120 columns."""
    term = open_app(demo_db)
    start_one_on_one(term)
    hints = (
        "^n Next",
        "^b Prev",
        "^t Notes",
        "^r Rep commits",
        "^o I commit",
        "^l Numbers",
        "f8 Invoke",
        "f10 End",
        "f4 Private",
        "f1 Help",
        "^q Quit",
    )
    term.wait(lambda t: all(h in t.footer for h in hints), what=f"{hints} in the footer")

"""Every form and dialog takes typing right: it opens with its first field focused, keys that
arrive together (a paste tool, a text expander, ``tmux send-keys``) keep their order and their
target, too-long input is never cut silently, and every field can be reached at 80×24."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from tests.terminal.conftest import OpenApp
from tests.terminal.term import Terminal

HOME = r"Today, Friday 27 November 2026"
ROSTER = r"to filter by name, role or status"
AGREEMENT = r"Agreement with Anya Lachance"


def to_roster(term: Terminal) -> None:
    """From home (the demo team opens there) to the roster, Anya Lachance selected."""
    term.wait(HOME)
    term.press("r")
    term.wait(ROSTER)
    term.settle()


def to_agreement(term: Terminal) -> None:
    """Anya Lachance's agreement (v1, agreed)."""
    to_roster(term)
    term.press("enter")
    term.wait(r"v1 · agreed")
    term.settle()


def to_session(term: Terminal) -> None:
    """A quarterly review with Maya Fitzgerald, the first line of home."""
    term.wait(HOME)
    term.press("n")
    term.wait("Enter start")
    term.press("enter")
    term.wait(r"1:1 with Maya Fitzgerald")
    term.settle()


def to_plan_template(term: Terminal) -> None:
    """The plan template, from a rep's two-week plan."""
    to_roster(term)
    term.press("o")
    term.wait(r"Two-week plan for Anya Lachance")
    term.settle()
    term.press("t")
    term.wait(r"Two-week plan template")
    term.settle()


@dataclass
class Burst:
    """One form: how to get to where it opens, the keys sent in one write (the key that opens
    it first, the save last), and what the screen shows once that is saved."""

    name: str
    setup: Callable[[Terminal], None]
    keys: tuple[str, ...]
    shows: str
    also: tuple[str, ...] = field(default=())
    #: Keys pressed once ``shows`` is on screen (to look at what was saved), before ``also``.
    then: tuple[str, ...] = field(default=())
    #: On screen while the form is open (every form's hint ends so): gone once it is saved.
    open_form: str = "Esc cancel"
    #: Files (relative to the test's HOME) that the form wrote: a notice naming a long path
    #: wraps over lines, so the file is looked for on disk.
    files: tuple[str, ...] = field(default=())


def chars(text: str) -> tuple[str, ...]:
    """``text`` as keys, one a character."""
    return tuple(text)


BURSTS = [
    Burst(
        "add rep",
        to_roster,
        ("a", *chars("Burst1"), "tab", *chars("BRole1"), "tab", *chars("2025-05-01"), "ctrl+s"),
        r"Burst1\s+BRole1\s+2025-05-01",
    ),
    Burst(
        "edit rep",
        to_roster,
        ("e", *chars("Anya Burst"), "tab", *chars("Closer"), "ctrl+s"),
        r"Anya Burst\s+Closer\s+2026-09-07",
    ),
    Burst(
        "settings",
        to_roster,
        ("s", *chars("Burst Boss"), "tab", *chars("Europe/Paris"), "ctrl+s"),
        r"manager: Burst Boss",
    ),
    Burst(
        "move a review (date form)",
        lambda term: term.wait(HOME),
        ("m", *chars("2026-12-09"), "enter"),
        r"2026-12-09\s+Review\s+Quarterly review with Maya",
    ),
    Burst(
        "text line of an agreement part",
        to_agreement,
        ("1", "tab", "a", *chars("Cold calls at nine sharp"), "enter", "ctrl+s"),
        r"v2 · draft",
        (r"Cold calls at nine sharp",),
    ),
    Burst(
        "quota line",
        to_agreement,
        (
            "1",
            "a",
            *chars("Referrals"),
            "tab",
            *chars("4"),
            "tab",
            *chars("intros"),
            "ctrl+s",
            "ctrl+s",
        ),
        r"v2 · draft",
        (r"Referrals — 4 intros per quarter",),
        then=("1",),
    ),
    Burst(
        "consequence step",
        to_agreement,
        ("5", "a", *chars("A quiet word over coffee"), "enter", "ctrl+s"),
        r"v2 · draft",
        (r"A quiet word over coffee",),
        then=("5",),
    ),
    Burst(
        "single line of an agreement part",
        to_agreement,
        ("4", *chars("Phone"), "tab", *chars("1 hour"), "ctrl+s"),
        r"v2 · draft",
        (r"Phone\s.*1 hour",),
        then=("4",),
    ),
    Burst(
        "plan item",
        to_plan_template,
        (
            "a",
            *chars("3"),
            "tab",
            *chars("14:00"),
            "tab",
            *chars("45"),
            "tab",
            *chars("Weekly pipeline walk-through"),
            "ctrl+s",
        ),
        r"Day 3 · 14:00 · 45 min · Weekly pipeline walk-through",
        open_form="Plan item",
    ),
    Burst(
        "plan template saved at once",
        to_plan_template,
        (
            "a",
            *chars("1"),
            "tab",
            *chars("17:00"),
            "tab",
            *chars("30"),
            "tab",
            *chars("Lunch with the CFO"),
            "ctrl+s",
            "ctrl+s",
        ),
        r"Plan template saved\.",
        (r"Day 1 · 17:00 · 30 min · Lunch with the CFO",),
        then=("t",),
    ),
    Burst(
        "team template",
        to_roster,
        ("t", "1", "tab", "a", *chars("Log every call the same day"), "enter", "ctrl+s"),
        r"Team template saved\.",
        (r"Log every call the same day",),
        then=("t", "1"),
    ),
    Burst(
        "export",
        to_agreement,
        ("x", *chars("~/burst-export.md"), "enter"),
        r"Exported to",
        files=("burst-export.md",),
    ),
    Burst(
        "last day of a departing rep (date form)",
        to_roster,
        ("d", *chars("2026-11-30"), "enter"),
        r"4 reps · 1 onboarding · 2 departed",
        (r"Anya Lachance .*departed\s+left 2026-11-30",),
        then=("v",),
    ),
    Burst(
        "numbers",
        to_session,
        ("ctrl+l", *chars("84000"), "ctrl+s"),
        r"Numbers saved\.",
        (r"84,000",),
        then=("ctrl+l",),
    ),
    Burst(
        "commitment",
        to_session,
        ("ctrl+o", *chars("Send the pricing deck"), "tab", *chars("2026-12-04"), "enter"),
        r"Send the pricing deck",
    ),
]


@pytest.mark.parametrize("burst", BURSTS, ids=lambda b: b.name)
def test_keys_sent_at_once_land_in_their_fields(
    open_app: OpenApp, demo_db: Path, burst: Burst, _private_home: Path
) -> None:
    term = open_app(demo_db)
    burst.setup(term)
    term.burst(*burst.keys)
    shows = re.compile(burst.shows)
    # what a notice says is read in the same look as the notice: it goes after a few seconds
    alsos = [] if burst.then else [re.compile(a) for a in burst.also]
    term.wait(
        lambda t: (
            shows.search(t.text)
            and burst.open_form not in t.text
            and all(a.search(t.text) for a in alsos)
        ),
        timeout=10,
        what=f"/{burst.shows}/ and {burst.also} with the form closed",
    )
    if burst.then:
        term.settle()
        term.press(*burst.then)
        for also in burst.also:
            term.wait(also, timeout=5)
    for name in burst.files:
        written = _private_home / name
        assert written.is_file() and "Anya Lachance" in written.read_text(encoding="utf-8")


def test_settings_open_with_the_name_field_focused(open_app: OpenApp, demo_db: Path) -> None:
    """Typed at once, the name goes in the name field (it went nowhere, and the next field's
    text landed in the name)."""
    term = open_app(demo_db)
    to_roster(term)
    term.press("s")
    term.wait(r"Your name")
    term.settle()
    term.type("Zed Boss", pause=0.03)
    term.press("tab")
    term.type("Europe/Paris", pause=0.03)
    term.press("ctrl+s")
    term.wait(r"manager: Zed Boss")


def paste(term: Terminal, text: str) -> None:
    """Paste ``text`` as a terminal does (bracketed paste: one event, not keys)."""
    term.child.send("\x1b[200~" + text + "\x1b[201~")


def test_a_200_character_name_is_kept_whole_and_refused_with_a_message(
    open_app: OpenApp, demo_db: Path
) -> None:
    """It was cut to 120 characters without a word, and saved so."""
    term = open_app(demo_db)
    to_roster(term)
    name = ("Maximiliana " * 17)[:200]
    term.burst("a", *name)
    term.wait(r"Too long: 200 characters, at most 120\. Nothing was cut", timeout=20)
    term.press("ctrl+s")
    term.wait(r"Add a rep")
    term.settle()
    assert re.search(r"(?i)too long\W+200 characters", term.text), term.text
    term.press(*["backspace"] * 81)
    term.wait(lambda t: "Too long" not in t.text, what="the message gone")
    term.press("ctrl+s")
    term.wait(lambda t: "Add a rep" not in t.text, what="the dialog closed")
    # a long name: the roster shows name, status, agreement and role (no start date column)
    term.wait(r"Maximiliana Max\S*\s+onboarding")


def test_a_5000_character_paste_into_an_agreement_line_gets_a_message(
    open_app: OpenApp, demo_db: Path
) -> None:
    """It was cut to 2,000 characters without a word."""
    term = open_app(demo_db)
    to_agreement(term)
    term.press("1", "tab", "a")
    term.wait(r"Enter / ctrl\+s keep")
    term.settle()
    paste(term, "Call " * 1000)
    term.wait(r"Too long: 4,999 characters, at most 2,000\. Nothing was cut", timeout=10)
    term.press("enter")
    term.settle()
    assert "Enter / ctrl+s keep" in term.text  # not saved: still open, with the message
    assert re.search(r"(?i)too long\W+4,?999 characters", term.text), term.text


def test_enter_on_discard_changes_keeps_editing(open_app: OpenApp, demo_db: Path) -> None:
    """Enter on "Discard changes?" threw the edits away (Discard had the focus)."""
    term = open_app(demo_db)
    to_roster(term)
    term.press("a")
    term.wait(r"Add a rep")
    term.settle()
    term.type("Kim Park", pause=0.03)
    term.press("escape")
    term.wait(r"Discard changes\?")
    term.settle()
    term.press("enter")
    term.wait(lambda t: "Discard changes?" not in t.text, what="the question closed")
    term.settle()
    assert "Add a rep" in term.text and "Kim Park" in term.text
    term.press("escape")
    term.wait(r"Discard changes\?")
    term.press("y")
    # the question drawn over the form can hide the form's title: wait for both to go
    term.wait(
        lambda t: "Discard changes?" not in t.text and "Esc cancel" not in t.text,
        what="the question and the form closed",
    )
    assert "Kim Park" not in term.text


def test_at_80x24_add_rep_scrolls_to_status(open_app: OpenApp, demo_db: Path) -> None:
    """The dialog was cut at the bottom: "Status" could be focused but never seen."""
    term = open_app(demo_db, cols=80, rows=24)
    to_roster(term)
    term.press("a")
    term.wait(r"Add a rep")
    term.settle()
    term.press("tab", "tab", "tab")
    term.wait(r"Status\s*█", timeout=5)
    term.wait(r"from start date\s+▼", timeout=5)


def test_at_80x24_quota_line_scrolls_to_per(open_app: OpenApp, demo_db: Path) -> None:
    """The quota line's "Per" was below the bottom of the dialog."""
    term = open_app(demo_db, cols=80, rows=24)
    to_agreement(term)
    term.press("1")
    term.wait(r"Quota \(number")
    term.press("a")
    term.wait(r"Quota line")
    term.settle()
    term.press("tab", "tab", "tab")
    term.wait(r"Per\s*█", timeout=5)
    term.wait(r"quarter\s+▼", timeout=5)


def plan_rows(term: Terminal) -> list[str]:
    """The rows of the plan table: a day, a time span, a mark, a title."""
    return [line for line in term.lines if re.search(r"\d\d:\d\d–\d\d:\d\d", line)]


def third_row_checked(term: Terminal) -> bool:
    """The third item of the plan is checked off, and only it."""
    rows = plan_rows(term)
    return len(rows) > 3 and "✓" in rows[2] and not any("✓" in r for r in rows[:2] + rows[3:])


def test_make_the_plan_makes_it_and_the_table_has_the_focus(
    open_app: OpenApp, demo_db: Path
) -> None:
    """ "Make the plan" (offered when a new rep is added) only opened an empty plan."""
    term = open_app(demo_db)
    to_roster(term)
    term.press("a")
    term.wait(r"Add a rep")
    term.settle()
    term.type("Kim Park", pause=0.02)
    term.press("tab", "tab", "ctrl+u")
    term.type("2026-12-07", pause=0.02)
    term.press("ctrl+s")
    term.wait(r"Make the plan")
    term.settle()
    term.press("enter")
    term.wait(r"Two-week plan for Kim Park · 0 of \d+ done")
    term.settle()
    term.press("j", "j", "space")
    term.wait(third_row_checked, what="the third item checked off")


def test_g_makes_the_plan_and_the_table_has_the_focus(open_app: OpenApp, demo_db: Path) -> None:
    """After g the table was shown without the focus: j and k did nothing, space checked off
    the first item whatever was meant."""
    term = open_app(demo_db)
    to_roster(term)
    term.press("o")
    term.wait(r"Anya Lachance has no onboarding plan")
    term.settle()
    term.press("g")
    term.wait(r"Two-week plan for Anya Lachance · 0 of \d+ done")
    term.settle()
    term.press("j", "j", "space")
    term.wait(third_row_checked, what="the third item checked off")

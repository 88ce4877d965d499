"""Search lands on the hit; the footer and help tell the whole truth: what the terminal shows."""

from __future__ import annotations

from pathlib import Path

from tests.terminal.conftest import OpenApp
from tests.terminal.term import Terminal

HOME = r"Today, Friday 27 November 2026"
SEARCH = r"Search notes, commitments|found, best first"
#: the one hit for "8 of 25" in the demo team (search ranks by bm25: "budget" alone ranks
#: shorter commitments first): a note under "Rep's agenda", below the fold of a 24-row terminal
QUERY = "8 of 25"
RESULTS = r"1 found, best first"
VIEW = r"One-on-one with Anya Lachance · Mon 2026-11-23"


def highlighted(term: Terminal) -> list[str]:
    """The runs of reverse-video text on screen, row by row (a search hit is drawn so)."""
    runs: list[str] = []
    with term._lock:
        for y in range(term.rows):
            row = term.screen.buffer[y]
            run = ""
            for x in range(term.cols):
                if row[x].reverse:
                    run += row[x].data
                elif run:
                    runs.append(run)
                    run = ""
            if run:
                runs.append(run)
    return runs


def search(term: Terminal, query: str) -> None:
    term.press("ctrl+f")
    term.wait(SEARCH)
    term.type(query)
    term.wait(RESULTS)


def test_enter_in_the_search_box_opens_the_first_hit_scrolled_to_it(
    open_app: OpenApp, demo_db: Path
) -> None:
    term = open_app(demo_db, cols=80, rows=24)
    term.wait(HOME)
    search(term, QUERY)
    term.press("enter")
    term.wait(VIEW, timeout=5)
    term.wait(lambda t: QUERY in highlighted(t), timeout=5, what="the hit highlighted")
    assert "8 of 25 had no" in term.text  # its paragraph is in view


def test_search_typed_and_entered_at_once_opens_the_first_hit(
    open_app: OpenApp, demo_db: Path
) -> None:
    term = open_app(demo_db)
    term.wait(HOME)
    term.press("ctrl+f")
    term.wait(SEARCH)
    term.burst(*QUERY, "enter")
    term.wait(VIEW, timeout=5)


def test_searching_again_from_a_hit_does_not_stack_screens(
    open_app: OpenApp, demo_db: Path
) -> None:
    term = open_app(demo_db)
    term.wait(HOME)
    search(term, QUERY)
    term.press("enter")
    term.wait(VIEW, timeout=5)
    term.press("ctrl+f")  # search again: the same search, its results still there
    term.wait(RESULTS, timeout=3)
    term.type("webinar poor")  # its best hits are notes (plain "webinar": commitments)
    term.wait(r"\d+ found, best first")
    term.press("enter")
    term.wait(r"One-on-one with ", timeout=5)
    term.press("escape")  # from the hit: back to the results
    term.wait(r"found, best first", timeout=3)
    term.press("escape")  # and from there: where search was opened
    term.wait(HOME, timeout=3)


def help_rows(term: Terminal, text: str, *, pages: int = 30) -> list[str]:
    """Open help (F1) from home and page down until ``text`` is in view: the rows holding it."""
    term.press("f1")
    term.wait(r"Keys")
    term.settle()
    for _ in range(pages):
        rows = [line for line in term.lines if text in line]
        if rows:
            return rows
        before = term.text
        term.press("pagedown")
        term.wait(lambda t, was=before: t.text != was, timeout=3, what="the next page")
        term.settle(quiet=0.15)
    raise AssertionError(f"{text!r} is not in help:\n{term.text}")


def test_enter_is_bound_once_on_the_roster(open_app: OpenApp, demo_db: Path) -> None:
    term = open_app(demo_db)
    term.wait(HOME)
    (row,) = help_rows(term, "Edit the selected rep")
    assert "Enter" not in row  # Enter opens the agreement; "e" edits


def assert_help_and_quit(term: Terminal, where: str, *, palette: bool = True) -> None:
    """The footer shows F1 Help and ^q Quit; the palette key last, nothing after it."""
    term.settle()  # a frame being drawn (a results list's scrollbar) is not the screen shown
    footer = term.footer
    assert "f1 Help" in footer and "^q Quit" in footer, f"{where}: {footer!r}"
    if palette:
        assert footer.endswith("^p palette"), f"{where}: {footer!r}"


def test_the_roster_footer_shows_help_and_quit_and_nothing_after_the_palette(
    open_app: OpenApp, empty_db: Path
) -> None:
    term = open_app(empty_db)  # the roster, every key listed (greyed until there is a team)
    term.wait("Welcome to oneonone")
    term.wait(r"\^p palette")
    assert_help_and_quit(term, "roster")
    assert "Temp▏" not in term.footer and " ▏" in term.footer  # whole keys only, then the group


def test_every_screen_and_dialog_shows_help_and_quit(open_app: OpenApp, demo_db: Path) -> None:
    term = open_app(demo_db)
    term.wait(HOME)
    assert_help_and_quit(term, "home")
    term.press("n")  # the kind of one-on-one: a dialog
    term.wait(r"esc Cancel")
    assert_help_and_quit(term, "kind dialog", palette=False)
    term.press("escape")
    term.wait(HOME)
    term.press("m")  # move a review: a form
    term.wait(r"\^s Save")
    assert_help_and_quit(term, "move review form", palette=False)
    term.press("escape")
    term.wait(lambda t: "^s Save" not in t.footer, what="the form closed")
    search(term, QUERY)
    assert_help_and_quit(term, "search")
    term.press("enter")
    term.wait(VIEW, timeout=5)
    term.wait(r"a Addendum")
    assert_help_and_quit(term, "session view")
    term.press("f1")
    term.wait(r"esc Close")
    assert_help_and_quit(term, "help", palette=False)


def test_f1_in_a_dialog_opens_help_and_f1_closes_it(open_app: OpenApp, demo_db: Path) -> None:
    term = open_app(demo_db)
    term.wait(HOME)
    term.press("n")
    term.wait(r"esc Cancel")
    term.press("f1")
    term.wait(r"esc Close", timeout=3)
    term.press("f1")
    term.wait(lambda t: "esc Close" not in t.footer, timeout=3, what="help closed")
    term.wait(r"esc Cancel")  # back in the dialog


def test_help_lists_the_keys_of_every_screen(open_app: OpenApp, demo_db: Path) -> None:
    term = open_app(demo_db, rows=250)  # tall enough for every key at once: no scrolling
    term.wait(HOME)
    term.press("f1")
    term.wait(r"Lists of lines in a form")
    shown = term.text
    for line in (
        "Withdraw the selected invocation",  # history
        "Add a dated addendum",  # a past one-on-one
        "Make the plan from",  # plan
        "From the search box down to the results",  # search
        "Not done: carry it",  # a commitment
        "Close the one-on-one: it becomes read-only",  # end of a one-on-one
    ):
        assert line in shown, line


def test_the_roster_keeps_the_agreement_column_at_80_columns(
    open_app: OpenApp, demo_db: Path
) -> None:
    term = open_app(demo_db, cols=80, rows=24)
    term.wait(HOME)
    term.press("r")
    term.wait(r"to filter by name, role or status")
    term.wait(r"Name .*Agreement", timeout=3)
    # the widest label, whole, on the same row as its rep
    term.wait(r"\S+ +active +v\d+ · review overdue \d{4}-\d{2}-\d{2}", timeout=3)

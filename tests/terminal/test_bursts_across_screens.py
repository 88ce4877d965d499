"""Keys that arrive together across a change of screen keep their order and their target:
the keys after the one that opens a screen reach that screen, not the one it covers."""

from __future__ import annotations

from pathlib import Path

from tests.terminal.conftest import OpenApp
from tests.terminal.test_session_trust import HOME, SESSION, wait_notes


def test_a_one_on_one_started_and_typed_into_in_one_write_keeps_the_text(
    open_app: OpenApp, demo_db: Path
) -> None:
    """`n`, Enter (the suggested kind) and the first words, sent at once from home: the words
    are the one-on-one's first notes, and nothing acted on home or the kind dialog."""
    term = open_app(demo_db)
    term.wait(HOME)
    term.burst("n", "enter", *"Opening words")
    term.wait(SESSION)
    wait_notes(term, "Opening words")


def test_search_opened_and_typed_into_in_one_write_searches_for_the_text(
    open_app: OpenApp, demo_db: Path
) -> None:
    """ctrl+f and a word at once: the word is in the search box, not taken as home's keys
    (`m` would move a review, `h` hold one)."""
    term = open_app(demo_db)
    term.wait(HOME)
    term.burst("ctrl+f", *"mhdeal")
    term.wait(lambda t: any("mhdeal" in line for line in t.lines[1:4]), what="the search box")
    assert "Move the review" not in term.text and "held" not in term.text.lower()

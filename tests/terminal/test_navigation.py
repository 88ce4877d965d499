"""The screen tells the truth: whatever keys are pressed, the terminal shows the screen the app
is on, with that screen's footer."""

from __future__ import annotations

from pathlib import Path

from tests.terminal.conftest import OpenApp

HOME = r"Today, Friday 27 November 2026"
ROSTER = r"to filter by name, role or status"


def test_roster_home_roster_shows_the_roster(open_app: OpenApp, demo_db: Path) -> None:
    term = open_app(demo_db)
    term.wait(HOME)
    term.press("r")
    term.wait(ROSTER)
    term.press("h")
    term.wait(HOME)
    term.press("r")
    term.wait(ROSTER, timeout=3)
    term.press("j")
    term.press("a")
    term.wait("Add rep|New rep", timeout=3)

"""The candidates in a real terminal: c on home opens them, apart from the team, at 80×24."""

from __future__ import annotations

from pathlib import Path

from tests.terminal.conftest import OpenApp

HOME = r"Today, Friday 27 November 2026"


def test_c_on_home_shows_the_two_demo_candidates(open_app: OpenApp, demo_db: Path) -> None:
    term = open_app(demo_db, cols=80, rows=24)
    term.wait(HOME)
    term.press("c")
    term.wait(r"Candidates \(apart from the team\)")
    term.wait(r"Marco Bell .* not hired 2026-11-15")
    term.wait(r"Interview 2026-11-20 with Dana")  # the selected one's interview, below
    screen = term.text
    assert "Priya Raman" in screen and "interviewing" in screen
    term.wait(lambda t: "i Interview" in t.footer, what="the candidates keys in the footer")
    term.press("escape")
    term.wait(HOME)

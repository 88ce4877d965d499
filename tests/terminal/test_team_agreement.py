"""The team agreement, as a person sees it: opened from home on the demo team, read, compared
with the version before, and left."""

from __future__ import annotations

from pathlib import Path

from tests.terminal.conftest import OpenApp

HOME = r"Today, Friday 27 November 2026"


def test_open_the_team_agreement_from_home_and_read_it(open_app: OpenApp, demo_db: Path) -> None:
    term = open_app(demo_db)
    term.wait(HOME)
    term.wait(lambda t: "t Team" in t.footer, what="home's footer")
    term.press("t")
    term.wait(r"v2 · agreed 20\d\d-\d\d-\d\d")
    term.wait(r"1\. How we sell with integrity")
    term.settle()
    text = term.text
    assert "Team agreement · what the whole team agreed" in text
    assert "v1 · agreed" in text
    assert "• No side deals: no promised features" in text
    term.wait(lambda t: "c Compare" in t.footer and "esc Back" in t.footer, what="its footer")
    term.press("c")
    term.wait(r"The team: v1 \(agreed .*\) → v2 \(agreed .*\)")
    term.wait(r"\+ A new rep gets a buddy for their first quarter")
    term.press("escape")
    term.wait(r"1\. How we sell with integrity")
    term.press("escape")
    term.wait(HOME)

"""The team board as a person sees it: one key from home on the demo team, a row a rep."""

from __future__ import annotations

import re
from pathlib import Path

from tests.terminal.conftest import OpenApp

HOME = r"Today, Friday 27 November 2026"


def test_b_on_home_shows_the_board_ranked(open_app: OpenApp, demo_db: Path) -> None:
    term = open_app(demo_db)
    term.wait(HOME)
    term.press("b")
    term.wait(r"Team board · ranked on New ARR, this quarter \(since 2026-10-01\)")
    term.settle()
    rows = [line for line in term.lines if re.match(r" │ +(\d+ |  )", line)]
    ranked = [re.split(r"\s{2,}", row.strip(" │"))[:5] for row in rows if row[3:4].isdigit()]
    assert [r[0] for r in ranked] == ["1", "2", "3"]
    percents = [int(r[4].rstrip("%")) for r in ranked]
    assert percents == sorted(percents, reverse=True)
    assert percents[0] >= 100 > percents[-1]  # some above quota, some below
    assert any("no agreement yet" in row for row in rows)  # the rep still onboarding
    term.wait(lambda t: "⏎ History" in t.footer, 5, what="the board's footer")
    term.press("escape")
    term.wait(HOME)

"""A rep's name from the data file cannot drive the terminal: an OSC title sequence and BEL in
it show as symbols on home's header line ("… last: NAME, step N") and on the roster (a CR, a
line break, is folded to a space in a one-line cell); the terminal's title and the lines
around the name stay as they were."""

from __future__ import annotations

from pathlib import Path

from oneonone.core.model import Rep
from oneonone.core.store import Store
from tests.terminal.conftest import OpenApp

HOME = r"Today, Friday 27 November 2026"
ROSTER = r"to filter by name, role or status"
HOSTILE = "Caleb \x1b]0;PWNED\x07\rReyes"
#: As a one-line cell or title shows it: ESC and BEL as symbols, the CR a line break folded.
SHOWN = "Caleb \u241b]0;PWNED\u2407 Reyes"


def test_an_osc_title_in_a_name_shows_as_symbols_on_home_and_roster(
    open_app: OpenApp, demo_db: Path
) -> None:
    with Store.open(demo_db) as store:
        (caleb,) = [r for r in store.all(Rep) if r.name == "Caleb Reyes"]
        caleb.name = HOSTILE  # the rep whose consequence step home's header names
        store.put(caleb)
    term = open_app(demo_db, cols=160)  # home's header line whole, up to "last: NAME, step N"
    term.wait(HOME)
    term.wait(SHOWN)
    title_line = next(line for line in term.lines if HOME in line)
    assert title_line.lstrip().startswith(HOME), title_line  # no CR wrote over its start
    assert f"last: {SHOWN}, step" in title_line
    assert "PWNED" not in (term.screen.title or "")
    term.press("r")
    term.wait(ROSTER)
    term.wait(SHOWN)
    assert "PWNED" not in (term.screen.title or "")
    assert not any(line.startswith("Reyes") for line in term.lines)

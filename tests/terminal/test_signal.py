"""Home says who is not keeping their word, with the next step in their own words, and Enter
starts the conversation with that evidence picked: as a person sees it in a terminal."""

from __future__ import annotations

from pathlib import Path

from tests.terminal.conftest import OpenApp

HOME = r"Today, Friday 27 November 2026"


def test_the_signal_is_read_whole_and_enter_starts_the_accountability_conversation(
    open_app: OpenApp, demo_db: Path
) -> None:
    term = open_app(demo_db)
    term.wait(HOME)
    term.wait("behind pace", timeout=15)  # the numbers, weighed after the first frame
    rows = [line for line in term.lines if " 2026-" in line]
    # the manager's own slips: a line of their own above the agenda, not a row of it
    assert any(line.strip().startswith("You: 4 commitments to 4 reps") for line in term.lines)
    assert not any("Slipping" in r and "You: " in r for r in rows)
    # down to the first rep's line: cut in the row, whole under the agenda
    first = next(n for n, r in enumerate(rows) if "Slipping" in r and "You: " not in r)
    term.press(*["j"] * first)
    term.wait(r"Next\s+step \(\d of v\d", timeout=5)
    whole = " ".join(" ".join(term.lines).split())
    assert '"' in whole.split("Next step", 1)[1]  # the step, quoted in the rep's words
    term.press("enter")
    term.wait("Start a one-on-one with", timeout=5)
    term.wait(r"Accountability conversation\s+\(suggested\)", timeout=3)
    term.press("enter")
    term.wait("Notes at this step", timeout=10)  # the one-on-one, ready for keys
    term.press("f8")
    term.wait("Invoke a consequence", timeout=10)
    term.wait("behind pace", timeout=3)  # the signal's evidence is offered in the dialog

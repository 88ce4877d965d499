"""Home says who is not keeping their word, with the next step in their own words, and Enter
starts the conversation with that evidence picked: as a person sees it in a terminal."""

from __future__ import annotations

import re
from pathlib import Path

from tests.terminal.conftest import OpenApp
from tests.terminal.term import Terminal

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
    # the last rep's line snoozed, with a reason: gone from home, the others stay
    slipping = [n for n, r in enumerate(rows) if "Slipping" in r and "You: " not in r]
    last = rows[slipping[-1]].split("Slipping", 1)[1].split(":", 1)[0].strip()
    term.press(*["j"] * slipping[-1], "z")
    term.wait(f"Snooze the signal of {last}", timeout=5)
    term.type("Territory moved to them on 1 Nov")
    term.press("enter")
    term.wait(f"The signal of {last} is snoozed", timeout=5)
    gone = re.compile(rf"Slipping\s+{re.escape(last)}:")

    def slipping_rows(t: Terminal) -> list[str]:
        return [line for line in t.lines if " 2026-" in line and "Slipping" in line]

    term.wait(
        lambda t: (
            len(slipping_rows(t)) == len(slipping) - 1
            and not any(gone.search(r) for r in slipping_rows(t))
        ),
        timeout=5,
        what=f"{last}'s line gone, the others kept",
    )
    term.press(*["k"] * 20)
    term.settle()
    rows = [line for line in term.lines if " 2026-" in line]
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

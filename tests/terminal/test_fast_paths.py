"""The fast paths, counted in keys as a person presses them in a real terminal (typed text
not counted): a one-on-one with a named rep from any screen in 3 keys and the start of a name,
and the one-on-one just ended exported with 1 key from its summary."""

from __future__ import annotations

from pathlib import Path

from tests.terminal.conftest import OpenApp
from tests.terminal.term import Terminal

HOME = r"Today, Friday 27 November 2026"


class Counted:
    """The keys pressed through it, counted (typed text is not a key)."""

    def __init__(self, term: Terminal) -> None:
        self.term = term
        self.keys = 0

    def press(self, *keys: str) -> None:
        """Press ``keys``, counting them."""
        self.keys += len(keys)
        self.term.press(*keys)


def test_a_named_one_on_one_in_three_keys_and_its_export_in_one(
    open_app: OpenApp, demo_db: Path, _private_home: Path
) -> None:
    term = open_app(demo_db)
    term.wait(HOME)
    # from somewhere else than home: a rep's agreement, opened from the roster
    term.press("r")
    term.wait(r"Add rep", timeout=5)
    term.press("enter")
    term.wait(r"What I expect", timeout=10)
    term.settle()
    keys = Counted(term)
    keys.press("ctrl+p")
    term.wait("🔎", timeout=5)
    term.type("car")  # the start of "Carter": Tomás Carter, whose name has an accent
    term.wait(r"Start 1:1 with Tomás Carter", timeout=5)
    keys.press("enter")
    term.wait(r"Start a one-on-one with Tomás Carter", timeout=5)
    keys.press("enter")  # the kind suggested
    term.wait(r"1:1 with Tomás Carter", timeout=10)
    term.wait("Notes at this step", timeout=10)
    assert keys.keys == 3
    term.type("We went through the Q1 territory plan")
    term.press("f10")
    term.wait(r"End the one-on-one with Tomás Carter", timeout=5)
    keys = Counted(term)
    keys.press("x")
    term.wait(r"Exported\s+to", timeout=10)
    assert keys.keys == 1
    written = next((_private_home / "Documents" / "oneonone").glob("Tomás-Carter-2026-11-27*.md"))
    assert "We went through the Q1 territory plan" in written.read_text()

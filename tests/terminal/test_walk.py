"""A model-based walk: random sequences of screen-changing keys across home, roster, agreement,
history, plan, search, help and a one-on-one. After each key the terminal must show the screen the
model expects (its title line and its footer), and text typed must land where the cursor is.

The model is a stack of screens, as the app keeps them: each key either pushes a screen, pops
the top one, or goes back to home or the roster (popping what is above them).
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

from tests.terminal.conftest import OpenApp
from tests.terminal.term import Terminal, TerminalTimeout


@dataclass(frozen=True)
class Look:
    """How a person recognises a screen: a line of its own, and a key hint in its footer
    (``None`` where the screen draws no footer)."""

    marker: str
    footer: str | None


LOOKS = {
    "home": Look(r"^ Today, \w+day \d+ \w+ \d{4}", r"m Move"),
    "roster": Look(r"to filter by name, role or status", r"h Home"),
    "agreement": Look(r"^  Agreement with ", r"g Agree"),
    "history": Look(r"^  History with ", r"tab Sessions"),
    "search": Look(r"^ Date\s+Rep\s+Where\s+Found", r"esc Back"),
    "help": Look(r"^\s+Everywhere\s*$", None),
    "session": Look(r"^ 1:1 with ", r"\^n Next"),
    # the first of the plan's keys in force, whatever the width
    "plan": Look(r"^\s*Two-week plan for ", r"Done / not done|g Make plan|t Plan template"),
}

#: The keys the walk may press on each screen, and where each leads: "push X", "pop", or
#: "show X" (back to X if it is below, else X on top).
MOVES: dict[str, dict[str, str]] = {
    "home": {
        "r": "show roster",
        "escape": "show roster",
        "j": "stay",
        "k": "stay",
        "ctrl+f": "push search",
        "f1": "push help",
        "n": "push session",
    },
    "roster": {
        "h": "show home",
        "enter": "push agreement",
        "y": "push history",
        "j": "stay",
        "k": "stay",
        "ctrl+f": "push search",
        "f1": "push help",
        "n": "push session",
        "o": "push plan",
    },
    "agreement": {"escape": "pop", "f1": "push help", "j": "stay", "ctrl+f": "push search"},
    "history": {"escape": "pop", "f1": "push help", "ctrl+f": "push search"},
    "plan": {"escape": "pop", "f1": "push help", "j": "stay", "k": "stay", "ctrl+f": "push search"},
    "search": {"escape": "pop", "f1": "push help", "type": "stay"},
    "help": {"escape": "pop", "f1": "pop"},
    "session": {
        "escape": "pop",
        "f1": "push help",
        "type": "stay",
        "ctrl+n": "stay",
        "ctrl+b": "stay",
    },
}


class Model:
    """The screens the app should be on, bottom first."""

    def __init__(self) -> None:
        self.stack = ["home"]

    @property
    def top(self) -> str:
        return self.stack[-1]

    def moves(self) -> list[str]:
        """The keys worth pressing here (search is opened once at most: it is a place to
        look from, not a stack of its own)."""
        keys = list(MOVES[self.top])
        if "search" in self.stack:
            keys = [k for k in keys if k != "ctrl+f"]
        if "help" in self.stack:
            keys = [k for k in keys if MOVES[self.top][k] != "push help"]
        return keys

    def apply(self, key: str) -> None:
        effect = MOVES[self.top][key]
        verb, _, target = effect.partition(" ")
        if verb == "push":
            self.stack.append(target)
        elif verb == "pop":
            self.stack.pop()
        elif verb == "show":
            if target in self.stack:
                del self.stack[self.stack.index(target) + 1 :]
            else:
                self.stack.append(target)


def shows(term: Terminal, screen: str) -> bool:
    """The terminal shows ``screen``: its own line, its footer, and no other screen's line."""
    look = LOOKS[screen]
    text = term.text
    if not re.search(look.marker, text, re.MULTILINE):
        return False
    if look.footer is not None and not re.search(look.footer, term.footer):
        return False
    others = [n for n in LOOKS if n != screen and n != "help"]
    return not any(re.search(LOOKS[n].marker, text, re.MULTILINE) for n in others)


def start_session(term: Terminal) -> None:
    """``n`` asks which kind of one-on-one (or whether to resume an open one): Enter takes the
    suggested answer."""
    term.wait(r"Start a one-on-one with|Resume", timeout=10, what="the one-on-one dialog")
    term.press("enter")


def words(n: int) -> str:
    """A word that appears nowhere on the demo team's screens."""
    return f"zq{n}x"


def walk(term: Terminal, choices: list[int]) -> list[str]:
    """Press one key per choice (an index into the moves of the screen the model is on) and
    check the terminal after each. Returns the keys pressed."""
    model = Model()
    pressed: list[str] = []
    term.wait(lambda t: shows(t, "home"), timeout=10, what="home")
    for n, choice in enumerate(choices):
        keys = model.moves()
        key = keys[choice % len(keys)]
        pressed.append(key)
        if key == "type":
            word = words(n)
            term.type(word)
            where = model.top
            term.wait(
                lambda t, w=word, s=where: typed_into(t, s, w),
                timeout=10,
                what=f"{word!r} typed into the {where}'s text field after {pressed}",
            )
            continue
        term.press(key)
        if key == "n":
            start_session(term)
        model.apply(key)
        try:
            term.wait(lambda t: shows(t, model.top), timeout=10)
        except TerminalTimeout as exc:
            raise AssertionError(
                f"after {pressed} the terminal should show {model.top} "
                f"(stack {model.stack}):\n{term.text}"
            ) from exc
    return pressed


def typed_into(term: Terminal, screen: str, word: str) -> bool:
    """``word`` is drawn in the text field the screen types into: the search box (rows 1-3) or
    the one-on-one's notes area (below its "Notes" border title)."""
    lines = term.lines
    if screen == "search":
        return any(word in line for line in lines[1:4])
    top = next((i for i, line in enumerate(lines) if "Notes" in line and "ctrl+t" in line), None)
    return top is not None and any(word in line for line in lines[top + 1 : -1])


#: Walks per run at 120×40 (80×24 gets half): a few in CI; more by hand, e.g.
#: ``ONEONONE_WALKS=200 pytest tests/terminal/test_walk.py``.
WALKS = int(os.environ.get("ONEONONE_WALKS", "2"))

WALK_SETTINGS = settings(
    max_examples=WALKS,
    deadline=None,
    database=None,
    phases=[Phase.explicit, Phase.generate],  # a failure prints its keys; no shrinking runs
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


@WALK_SETTINGS
@given(choices=st.lists(st.integers(min_value=0, max_value=99), min_size=8, max_size=24))
def test_walk_at_120x40(
    open_app: OpenApp, demo_copy: Callable[[], Path], choices: list[int]
) -> None:
    term = open_app(demo_copy(), cols=120, rows=40)
    try:
        walk(term, choices)
    finally:
        term.close()


@settings(WALK_SETTINGS, max_examples=max(1, WALKS // 2))
@given(choices=st.lists(st.integers(min_value=0, max_value=99), min_size=8, max_size=20))
def test_walk_at_80x24(
    open_app: OpenApp, demo_copy: Callable[[], Path], choices: list[int]
) -> None:
    term = open_app(demo_copy(), cols=80, rows=24)
    try:
        walk(term, choices)
    finally:
        term.close()


def test_walk_through_every_screen_and_back(open_app: OpenApp, demo_db: Path) -> None:
    """One fixed walk that visits each screen: r h r (the path that used to leave home on the
    terminal), the agreement, the history, help, search, a one-on-one, and back."""
    term = open_app(demo_db)
    model = Model()
    keys = [
        "r",
        "h",
        "r",
        "enter",
        "escape",
        "y",
        "f1",
        "escape",
        "escape",
        "o",
        "escape",
        "n",
        "type",
        "escape",
        "h",
        "ctrl+f",
        "type",
        "escape",
        "escape",
    ]
    choices = []
    for key in keys:
        choices.append(model.moves().index(key))
        if key != "type":
            model.apply(key)
    assert walk(term, choices) == keys

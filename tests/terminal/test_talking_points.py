"""A talking point noted from home in two keys besides what is typed (F3, the name's start and
the text, Enter), then seen at the top of the manager's agenda step of the next one-on-one with
that rep: as a person does it in a terminal."""

from __future__ import annotations

import re
from pathlib import Path

from oneonone.core.model import Rep, RepStatus
from oneonone.core.store import Store
from oneonone.core.talking_points import matching_reps
from tests.terminal.conftest import OpenApp

HOME = r"Today, Friday 27 November 2026"
POINT = "ask about the Acme MSA"


def a_rep_and_prefix(db: Path) -> tuple[Rep, str]:
    """An active rep and the shortest start of their first name that names only them."""
    with Store.open(db, read_only=True) as store:
        reps = store.all(Rep)
    for rep in sorted(reps, key=lambda r: r.name):
        if rep.status is not RepStatus.ACTIVE:
            continue
        for n in range(2, len(rep.name) + 1):
            prefix = rep.name[:n].lower()
            if matching_reps(reps, prefix) == [rep] and " " not in prefix:
                return rep, prefix
    raise AssertionError("no active rep with a unique prefix in the demo team")


def test_a_point_noted_from_home_in_two_keys_shows_at_the_next_one_on_one(
    open_app: OpenApp, demo_db: Path
) -> None:
    rep, prefix = a_rep_and_prefix(demo_db)
    term = open_app(demo_db)
    term.wait(HOME)
    keys = 0
    term.press("f3")
    keys += 1
    term.wait("name: what to raise next time", timeout=5)
    term.type(f"{prefix}: {POINT}")
    term.wait(f"For {re.escape(rep.name)}", timeout=5)  # who it is for, said as it is typed
    term.press("enter")
    keys += 1
    term.wait(f"Talking point noted for {re.escape(rep.name)}", timeout=5)
    assert keys <= 2  # besides the name's start and the text

    # the next one-on-one with that rep: the roster, the rep by name, n, the suggested kind
    term.press("r")
    term.wait("Start date", timeout=5)
    term.press("/")
    term.type(rep.name)
    term.press("enter", "n")
    term.wait("Start a one-on-one with", timeout=5)
    term.press("enter")
    term.wait("Notes at this step", timeout=10)
    lines = [line for line in term.lines if re.search(r"\d\. My agenda", line)]
    if lines:  # a script with the manager's agenda step: the point is at its top
        step = int(re.search(r"(\d)\. My agenda", lines[0]).group(1))  # type: ignore[union-attr]
        for _ in range(step - 1):
            term.press("ctrl+n", pause=0.15)
        term.wait(rf"Step {step}: My agenda", timeout=5)
    term.wait("Talking points", timeout=5)
    term.wait(re.escape(f"• {POINT}"), timeout=3)

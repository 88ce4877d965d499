"""A screen refreshes its footer's keys only when what they show changed.

Textual's Footer rebuilds all its keys (~10 ms) whenever a screen's bindings are refreshed, and
a refresh after each save (home's agenda laid out again, the agreement's versions) kept the UI
thread busy while nothing in the footer had changed. ``key_states`` is what the footer shows of
each of a screen's ``USER_ACTIONS``; home and the agreement screen refresh their bindings only
when it changed.

Measured in issue 15 (``bench/save.py``, 3,100 sessions, 3 rounds alternating with and without,
7 saves of each kind a round, on the shared 2-CPU machine under load): how late a 5 ms UI timer
came during a save, medians per round: note autosave 7.2, 7.4 and 9.2 ms with it, 38.9, 79.9
and 94.9 ms without; new commitment 14.6, 57.3 and 17.9 ms with it, 229, 267 and 259 ms
without (the target is one frame, 16.7 ms).
"""

from __future__ import annotations

from typing import Any


def key_states(screen: Any) -> tuple[bool | None, ...]:
    """What the footer shows of each of ``screen``'s ``USER_ACTIONS``: shown (True), greyed
    out (None) or hidden (False)."""
    return tuple(screen.check_action(a.action, ()) for a in screen.USER_ACTIONS)

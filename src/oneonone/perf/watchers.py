"""Dropping the watchers closed widgets leave behind.

Textual keeps a watcher ``(widget, callback)`` on the object watched, and drops it only when
that attribute changes next (Textual issue #6666). A Header watches the App's title, and each
key of a Footer watches its Footer: so every screen opened kept its Header alive for good, and
every refresh of a long-lived screen's Footer kept its old keys: ~40 widgets and ~5,000 objects
more per history opened and closed, each walked again by every full collection after.
``forget_closed_watchers`` drops them as Textual itself would: the watchers of widgets that are
closing. The App calls it in the user's pauses (``Housekeeper``, below: 0.5 s without a key
or a mouse event).

Kept for what it keeps out of memory (tests/perf/test_watchers.py: screens opened and closed leave
no widgets behind), which ``bench/memory.py`` measures. Issue 15 did not separate its effect on
speed: in the screens benchmark (3,100 sessions, 2 rounds) the collector's CPU time without it
was higher in one round and lower in the other.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable
from typing import Any

from oneonone.perf.collector import collect_in_pause
from oneonone.perf.internals import is_closing, watchers_of

#: How long without a key or a mouse event before the app counts as idle.
IDLE_SECONDS = 0.5


def forget_closed_watchers(nodes: Iterable[Any]) -> int:
    """Drop from each of ``nodes`` the watchers that closing widgets left on it, with the
    test Textual applies when the attribute changes; return how many were dropped."""
    dropped = 0
    for node in nodes:
        for entries in (watchers_of(node) or {}).values():
            kept = [(watcher, callback) for watcher, callback in entries if not is_closing(watcher)]
            dropped += len(entries) - len(kept)
            entries[:] = kept
    return dropped


class Housekeeper:
    """Decides when the app is idle enough to tidy up: ``input_seen`` on each key or mouse
    event, ``tick`` once ``until_idle`` has passed. ``collect`` says whether a pause runs the
    full collection too (``collector.collect_in_pause``: only once the start-up heap is set
    apart, otherwise it would walk all of it)."""

    def __init__(self, clock: Callable[[], float] = time.monotonic) -> None:
        self.clock = clock
        self.last_input = clock()
        self.collect = False
        self.collections = 0
        self._tidied = True  # nothing to do until some input came

    def input_seen(self) -> None:
        """A key or a mouse event came: the pause starts again."""
        self.last_input = self.clock()
        self._tidied = False

    def idle(self) -> bool:
        """Whether the user has paused long enough."""
        return self.clock() - self.last_input >= IDLE_SECONDS

    def until_idle(self) -> float:
        """Seconds until the app counts as idle, if no input comes meanwhile (0 if it is)."""
        return max(0.0, self.last_input + IDLE_SECONDS - self.clock())

    def tick(self, nodes: Callable[[], Iterable[Any]]) -> bool:
        """Once per pause after some input: forget closed watchers on ``nodes()``, then the
        full collection if due (``collect``). True when it tidied."""
        if self._tidied or not self.idle():
            return False
        self._tidied = True
        forget_closed_watchers(nodes())
        if self.collect and collect_in_pause():
            self.collections += 1
        return True

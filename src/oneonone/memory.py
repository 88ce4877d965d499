"""Keeping the heap small, and the garbage collector out of the user's way.

Two things, done by the App when the user has paused (``Housekeeper``):

- **Watchers of closed widgets are forgotten.** Textual keeps a watcher ``(widget, callback)``
  on the object watched, and drops it only when that attribute changes next (Textual issue
  #6666). A Header watches the App's title, and each key of a Footer watches its Footer: so
  every screen opened kept its Header alive for good, and every refresh of a long-lived
  screen's Footer kept its old keys: ~40 widgets and ~5,000 objects more per history opened
  and closed, each walked again by every full collection after. ``forget_closed_watchers``
  drops them as Textual itself would: the watchers of widgets that are closing.
- **The full collection runs while the user reads, not while a screen opens.** The start-up
  heap is set apart (``gc.freeze``, see ``OneOnOneApp.resume_gc``), so a full collection walks
  only what was made since; left to itself it comes every ~70,000 allocations, which is about
  once per screen opened, and costs 20-80 ms right in the middle of it. After the start the
  oldest generation is collected only when the app has been idle a moment (and, as a backstop
  against a heap that only grows, after ``OLD_GENERATION_THRESHOLD`` younger collections).
"""

from __future__ import annotations

import gc
import time
from collections.abc import Callable, Iterable
from typing import Any

#: Python's default is 10: a full collection after 10 collections of the middle generation.
OLD_GENERATION_THRESHOLD = 100
#: How long without a key or a mouse event before the app counts as idle.
IDLE_SECONDS = 0.5


def defer_full_collections() -> None:
    """Leave the oldest generation to ``Housekeeper`` (the younger ones are as Python has
    them)."""
    young, middle, _old = gc.get_threshold()
    gc.set_threshold(young, middle, OLD_GENERATION_THRESHOLD)


def forget_closed_watchers(nodes: Iterable[Any]) -> int:
    """Drop from each of ``nodes`` the watchers that closing widgets left on it, with the
    test Textual applies when the attribute changes; return how many were dropped."""
    dropped = 0
    for node in nodes:
        watchers: dict[str, list[tuple[Any, Any]]] | None = getattr(node, "__watchers", None)
        for entries in (watchers or {}).values():
            kept = [(watcher, callback) for watcher, callback in entries if not watcher._closing]
            dropped += len(entries) - len(kept)
            entries[:] = kept
    return dropped


class Housekeeper:
    """Decides when the app is idle enough to tidy up: ``input_seen`` on each key or mouse
    event, ``tick`` once ``until_idle`` has passed. ``collect`` says whether idle ticks run the
    full collection (only once the start-up heap is set apart: otherwise it would walk all of
    it)."""

    def __init__(self, clock: Callable[[], float] = time.monotonic) -> None:
        self.clock = clock
        self.last_input = clock()
        self.collect = False
        self.collections = 0
        self._tidied = True  # nothing to do until some input came

    def input_seen(self) -> None:
        """A key or a click came now: the app is not idle."""
        self.last_input = self.clock()
        self._tidied = False

    def idle(self) -> bool:
        """Whether the user has paused long enough to tidy."""
        return self.clock() - self.last_input >= IDLE_SECONDS

    def until_idle(self) -> float:
        """Seconds until the app counts as idle, if no input comes meanwhile (0 if it is)."""
        return max(0.0, self.last_input + IDLE_SECONDS - self.clock())

    def tick(self, nodes: Callable[[], Iterable[Any]]) -> bool:
        """Once per pause after some input: forget closed watchers on ``nodes()``, then
        collect the oldest generation if anything reached it. True when it tidied."""
        if self._tidied or not self.idle():
            return False
        self._tidied = True
        forget_closed_watchers(nodes())
        if self.collect and gc.get_count()[2] > 0:
            gc.collect()
            self.collections += 1
        return True

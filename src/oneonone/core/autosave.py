"""When the notes being typed are written to disk.

A second after the last key (``QUIET_SECONDS``), and never later than ``LATEST_SECONDS`` after
the first key not yet written, so that a typist who never pauses still loses at most about
two seconds to a kill or a crash. It used to be every second while there was anything new:
each save rewrites the data file (~10 ms of CPU at 3,100 sessions), which was a sixth of what
a key cost a fast typist. The screen asks ``due`` every ``CHECK_SECONDS``.
"""

from __future__ import annotations

import time
from collections.abc import Callable

QUIET_SECONDS = 0.75
LATEST_SECONDS = 1.75
CHECK_SECONDS = 0.25


class Autosave:
    """The clock of the changes not yet written: ``edited`` at each change, ``saved`` when
    they are handed to the store, ``due`` when they should be."""

    def __init__(self, clock: Callable[[], float] = time.monotonic) -> None:
        self.clock = clock
        self.first: float | None = None  # the first change not yet written
        self.last: float | None = None  # the latest change

    @property
    def pending(self) -> bool:
        return self.first is not None

    def edited(self) -> None:
        now = self.clock()
        if self.first is None:
            self.first = now
        self.last = now

    def due(self) -> bool:
        if self.first is None or self.last is None:
            return False
        now = self.clock()
        return now - self.last >= QUIET_SECONDS or now - self.first >= LATEST_SECONDS

    def saved(self) -> None:
        self.first = self.last = None

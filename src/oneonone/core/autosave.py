"""When the notes being typed are written to disk.

A second after the last key (``QUIET_SECONDS``), and never later than ``LATEST_SECONDS`` after
the first key not yet written, so that a typist who never pauses still loses at most about
two seconds to a kill or a crash. It used to be every second while there was anything new:
each save rewrites the data file (~10 ms of CPU at 3,100 sessions), which was a sixth of what
a key cost a fast typist. The screen sets a timer for ``wait`` when a change comes and none is
set, and when it fires saves if ``due``, else sets it again: no timer while nothing is typed,
three per save (every two seconds) while typing without a pause.
"""

from __future__ import annotations

import time
from collections.abc import Callable

QUIET_SECONDS = 1.0
LATEST_SECONDS = 2.0


class Autosave:
    """The clock of the changes not yet written: ``edited`` at each change, ``saved`` when
    they are handed to the store, ``due`` when they should be."""

    def __init__(self, clock: Callable[[], float] = time.monotonic) -> None:
        self.clock = clock
        self.first: float | None = None  # the first change not yet written
        self.last: float | None = None  # the latest change

    @property
    def pending(self) -> bool:
        """Whether an edit is waiting to be saved."""
        return self.first is not None

    def edited(self) -> None:
        """An edit now: remembered as the first (if none is waiting) and the last."""
        now = self.clock()
        if self.first is None:
            self.first = now
        self.last = now

    def due(self) -> bool:
        """Whether the waiting edits should be saved now (a pause after the last, or too long since
        the first)."""
        if self.first is None or self.last is None:
            return False
        now = self.clock()
        return now - self.last >= QUIET_SECONDS or now - self.first >= LATEST_SECONDS

    def wait(self) -> float | None:
        """Seconds until a save is due (0 when it is); None with nothing to save."""
        if self.first is None or self.last is None:
            return None
        due_at = min(self.last + QUIET_SECONDS, self.first + LATEST_SECONDS)
        return max(0.0, due_at - self.clock())

    def saved(self) -> None:
        """The waiting edits were saved."""
        self.first = self.last = None

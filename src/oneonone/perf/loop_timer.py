"""A timer for the App's own housekeeping that costs next to nothing when it fires.

A Textual ``Timer`` is a task that wakes, posts a ``Timer`` event, and has the App's message
loop dispatch it: about half a millisecond of CPU a tick on our 2-CPU machine. The App's two
pollers (is the user idle? did the data file change?) ticked 2.5 times a second for the
whole life of the app, typing or not: about 1.4 ms of CPU a second, most of what oneonone
spent doing nothing beyond a bare Textual app. ``LoopTimer`` is one ``loop.call_later``
handle instead (a few microseconds), armed only when there is something to wait for.

The callback runs on the App's event loop, in the context the timer was armed in (so
``active_app`` is set); an exception in it goes to ``on_error`` (the App's own handler),
as a Textual timer's would.

Measured in issue 15 (``bench/keystrokes.py``: CPU per key in the notes area, 120 keys a run,
3 runs alternating with the old Textual intervals, on the shared 2-CPU machine under load):
15.3 ms a key with loop timers (13.8-16.5), 15.8 without (14.5-17.7); each of the 3 pairs in
their favour, by 0.4-1.2 ms a key. A bare TextArea took 12.7 (12.6-12.8) in the same run.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable


class LoopTimer:
    """One ``loop.call_later`` handle, armed on demand; see the module's docstring."""

    def __init__(self, callback: Callable[[], object], on_error: Callable[[Exception], None]):
        self._callback = callback
        self._on_error = on_error
        self._handle: asyncio.TimerHandle | None = None

    @property
    def armed(self) -> bool:
        """Whether a call back is waiting."""
        return self._handle is not None

    def arm(self, delay: float) -> None:
        """Call back in ``delay`` seconds, unless already armed."""
        if self._handle is None:
            self._handle = asyncio.get_running_loop().call_later(max(0.0, delay), self._fire)

    def cancel(self) -> None:
        """No call back."""
        if self._handle is not None:
            self._handle.cancel()
            self._handle = None

    def _fire(self) -> None:
        self._handle = None
        try:
            self._callback()
        except Exception as exc:  # handed to the App, as a Textual timer's is
            self._on_error(exc)

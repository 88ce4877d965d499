"""Keys that arrive together are handled one after another, each once the one before is done.

Textual reads the terminal on a thread and puts every key in the App's queue. The App takes
them one by one, but only *forwards* each to the focused widget's own queue, and moves on to
the next key at once. What a key does is done later, elsewhere: a Tab moves the focus when it
has bubbled back up to the App, a key that opens a dialog pushes a screen that composes and
focuses its first field in its own task. So when keys come in one write (a paste tool, a text
expander, ``tmux send-keys``, a fast typist), the keys after a Tab are forwarded to the field
that still has the focus, the keys after ``a`` to the screen being left or to a dialog with no
focus yet, and ``ctrl+s`` (a priority binding, run by the App itself) saves before the field
has taken the characters typed before it: a rep named ``Burst1BRole12025-05-01``, a plan item
cut to ``We``.

``KeyGate`` keeps the keys in order *and* with their target: the App lets one key through,
holds those that follow, and lets the next one through only once every message the key set
off has been handled (by the widget, the widgets it bubbled through, the App, and a screen it
opened). When keys come one at a time (a person typing) nothing is ever held: the gate only
looks at the queues that have something in them, and is done long before the next key.
"""

from __future__ import annotations

import asyncio
from collections import deque
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from textual import events

from oneonone.perf.internals import has_pending_messages, is_closing

if TYPE_CHECKING:
    from textual.app import App
    from textual.message_pump import MessagePump

#: Rounds of "wait for the busy queues" before a key is let through anyway, and how long one
#: round may take: a handler that waits for good (say for a dialog to close) does not hold
#: the keyboard. 1 s was too short on a loaded machine (CI with two test workers, each driving
#: an app in a terminal): a burst's key after a Tab once landed in the field the Tab left.
MAX_ROUNDS = 40
ROUND_TIMEOUT = 2.5
#: How long the next key waits for a read that opens a screen, and how often it looks.
READ_WAIT = 2.0
READ_POLL = 0.02

Held = events.Key | events.Paste


class KeyGate:
    """Holds keys while the one before is still being handled; see the module's docstring."""

    def __init__(self, app: App[Any], reading: Callable[[], bool] | None = None) -> None:
        """``reading()``: whether a read that will open a screen is under way (in a worker):
        the next key waits for that screen (``READ_WAIT`` at most)."""
        self.app = app
        self.reading = reading
        self.held: deque[Held] = deque()
        self.busy = False
        self._let_through: Held | None = None
        self._task: asyncio.Task[None] | None = None

    def admit(self, event: Held) -> bool:
        """True if ``event`` (a key or paste from the terminal) is to be handled now; False if
        it is held, to come back once the keys before it are done."""
        if event is self._let_through:
            self._let_through = None
            return True
        if self.busy:
            self.held.append(event)
            return False
        self.busy = True
        return True

    def sent(self) -> None:
        """The App has dispatched the admitted key: wait for what it set off, then let the
        next held key through."""
        self._task = asyncio.get_running_loop().create_task(self._settle())

    def close(self) -> None:
        """Stop waiting (the App is closing)."""
        if self._task is not None:
            self._task.cancel()
            self._task = None
        self.held.clear()

    async def _settle(self) -> None:
        waited, rounds = 0.0, 0
        while rounds < MAX_ROUNDS:
            pumps = self._busy_pumps()
            if pumps:
                rounds += 1
                if not await self._drain(pumps):
                    break
                continue
            if self.reading is not None and waited < READ_WAIT and self.reading():
                # a read in a worker, to open a screen (a one-on-one after its dialog): the
                # next key is for that screen, not for the one it covers
                await asyncio.sleep(READ_POLL)
                waited += READ_POLL
                continue
            break
        self._next()

    def _busy_pumps(self) -> list[MessagePump]:
        """The App and the widgets of the current screen with messages waiting."""
        try:
            screen = self.app.screen
        except Exception:
            return []
        nodes: list[MessagePump] = [self.app, *screen.walk_children(with_self=True)]
        return [node for node in nodes if has_pending_messages(node)]

    async def _drain(self, pumps: list[MessagePump]) -> bool:
        """Wait until each of ``pumps`` has handled what is in its queue now. False if that
        took too long."""
        done = asyncio.Event()
        count = 0

        def one_done() -> None:
            nonlocal count
            count -= 1
            if count == 0:
                done.set()

        for pump in pumps:
            if pump.call_later(one_done):
                count += 1
        if not count:
            return True
        try:
            await asyncio.wait_for(done.wait(), ROUND_TIMEOUT)
        except TimeoutError:
            return False
        return True

    def _next(self) -> None:
        self._task = None
        if is_closing(self.app) or not self.app.screen_stack:
            self.held.clear()  # the App is closing: the keys have nothing to go to
        if not self.held:
            self.busy = False
            return
        event = self.held.popleft()
        again = _copy(event)
        self._let_through = again
        self.app.post_message(again)


def _copy(event: Held) -> Held:
    """A fresh event like ``event`` (a message is handled once)."""
    if isinstance(event, events.Paste):
        return events.Paste(event.text)
    return events.Key(event.key, event.character)


def is_gated(event: object) -> bool:
    """A key or a paste straight from the terminal (not one bubbling back up)."""
    return isinstance(event, events.Key | events.Paste) and not event.is_forwarded

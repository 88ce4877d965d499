"""Reads from the store in a worker, then what was read on the UI thread: the one way a screen
gets data it does not already hold. Each read is made when it is asked for (a rep's screens
are no longer read ahead: issue 15 measured no gain, ``oneonone.perf``).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, TypeVar

from oneonone.core.store import StoreError

if TYPE_CHECKING:
    from oneonone.screens.history import Loaded
    from oneonone.services.hub import AppServices

R = TypeVar("R")


class Loader:
    """``read(query, then)``: ``query`` in a worker, ``then`` with its result on the UI thread;
    a store error is shown (``notices``) and ``then`` is not called."""

    def __init__(self, hub: AppServices) -> None:
        self.hub = hub

    def read(self, query: Callable[[], R], then: Callable[[R], None]) -> None:
        """``query`` the store in a worker (the UI thread never waits for a save in progress),
        then ``then`` with what it read, on the UI thread."""
        app = self.hub.app

        def work() -> None:
            try:
                found = query()
            except StoreError as exc:
                app.call_from_thread(self.hub.show_error, str(exc))
            else:
                app.call_from_thread(then, found)

        app.run_worker(work, thread=True, group="read", exit_on_error=False)

    def history(self, rep_id: str, timezone: str, then: Callable[[Loaded], None]) -> None:
        """The rep's history, laid out."""
        from oneonone.screens.history import read_history

        self.read(lambda: read_history(self.hub.store, rep_id, timezone), then)

"""Reads from the store in a worker, then what was read on the UI thread.

A rep's history and agreement versions may have been read ahead while the roster's cursor
rested on the rep (``oneonone.perf.prefetch``): that is an optimisation inside ``history`` and
``versions``, invisible to whoever asks.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, TypeVar

from oneonone.core.store import Store, StoreError
from oneonone.perf.prefetch import Ahead, Versions, read_versions

if TYPE_CHECKING:
    from oneonone.screens.history import Loaded
    from oneonone.services.hub import AppServices

R = TypeVar("R")


def _read_history(store: Store, rep_id: str, timezone: str) -> Loaded:
    """The history screen's read, for the read-ahead (looked up when called: the screen's
    module is imported when first needed)."""
    from oneonone.screens import history

    return history.read_history(store, rep_id, timezone)


class Loader:
    """``read(query, then)``: ``query`` in a worker, ``then`` with its result on the UI thread;
    a store error is shown (``notices``) and ``then`` is not called."""

    def __init__(self, hub: AppServices) -> None:
        self.hub = hub
        self.ahead = Ahead(hub.app, hub.store, _read_history)
        #: Reads started and not yet handed to ``then``: the keys typed meanwhile are held
        #: (``key_gate``), for the screen a read opens (a one-on-one) takes them, not the one
        #: being left.
        self.pending = 0

    def read(self, query: Callable[[], R], then: Callable[[R], None]) -> None:
        """``query`` the store in a worker (the UI thread never waits for a save in progress),
        then ``then`` with what it read, on the UI thread."""
        app = self.hub.app

        def done() -> None:
            self.pending -= 1

        def handed(found: R) -> None:
            try:
                then(found)
            finally:
                done()

        def failed(message: str) -> None:
            try:
                self.hub.show_error(message)
            finally:
                done()

        def work() -> None:
            try:
                found = query()
            except StoreError as exc:
                app.call_from_thread(failed, str(exc))
            except BaseException:
                app.call_from_thread(done)
                raise
            else:
                app.call_from_thread(handed, found)

        self.pending += 1
        app.run_worker(work, thread=True, group="read", exit_on_error=False)

    def history(self, rep_id: str, timezone: str, then: Callable[[Loaded], None]) -> None:
        """The rep's history, laid out: read ahead if it was, else read now."""
        from oneonone.screens.history import read_history

        def given(history: Loaded | None) -> None:
            if history is not None:
                then(history)
            else:
                self.read(lambda: read_history(self.hub.store, rep_id, timezone), then)

        self.ahead.history(rep_id, timezone, given)

    def versions(self, rep_id: str, timezone: str, then: Callable[[Versions | None], None]) -> None:
        """The rep's agreement versions if read ahead, else None (the screen reads them)."""
        self.ahead.versions(rep_id, timezone, then)

    def rest_on(self, rep_id: str | None, timezone: str) -> None:
        """The roster's cursor is on ``rep_id``: read its screens ahead once it rests there."""
        self.ahead.rest_on(rep_id, timezone)

    def stop_reading_ahead(self) -> None:
        """Read nothing more ahead until the cursor moves again."""
        self.ahead.cancel()

    def changed(self) -> None:
        """The data changed (a save): what the cursor rests on is read again."""
        self.ahead.refresh()


__all__ = ["Loader", "Versions", "read_versions"]

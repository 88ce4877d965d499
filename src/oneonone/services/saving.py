"""Saving, never on the UI thread: records handed to the store in a worker, the outcome shown
once it is done; ctrl+s tries a failed save again; the emergency save on the way out."""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterable
from dataclasses import replace
from functools import partial
from typing import TYPE_CHECKING

from oneonone.core.agenda import load_agenda_input
from oneonone.core.store import StoreError

if TYPE_CHECKING:
    from oneonone.services.hub import AppServices


class Saving:
    """``persist`` records; ``in_flight`` saves under way; ``last_error`` what the last one said."""

    def __init__(self, hub: AppServices) -> None:
        self.hub = hub
        self.in_flight = 0
        self.last_error: str | None = None

    def persist(
        self,
        records: Iterable[object],
        saved_message: str = "",
        *,
        refresh_home: bool = True,
        journal: bool = False,
        then: Callable[[], object] | None = None,
    ) -> None:
        """Save ``records`` in a worker; ``journal`` for typed notes (``Store.put_many``);
        ``then`` called on the UI thread once they are saved (not when the save failed)."""
        if self.hub.store.read_only:
            self.hub.show_error("Not saved: this copy is read-only (the file is in use elsewhere).")
            return
        self.in_flight += 1
        self.hub.app.run_worker(
            partial(
                self._save_in_thread, list(records), saved_message, refresh_home, journal, then
            ),
            thread=True,
            group="save",
            exit_on_error=False,
        )

    def _save_in_thread(
        self,
        records: list[object],
        saved_message: str,
        refresh: bool,
        journal: bool,
        then: Callable[[], object] | None = None,
    ) -> None:
        hub, store = self.hub, self.hub.store
        try:
            store.put_many(records, journal=journal)
            if hub.search_index is not None:
                for record in records:
                    hub.search_index.update(record)
        except StoreError as exc:
            hub.app.call_from_thread(self._save_done, str(exc), notices=store.take_notices())
        else:
            hub.app.call_from_thread(
                self._save_done,
                None,
                saved_message,
                refresh,
                notices=store.take_notices(),
                then=then,
            )

    def _save_done(
        self,
        error: str | None,
        saved_message: str = "",
        refresh: bool = True,
        *,
        notices: Iterable[str] = (),
        then: Callable[[], object] | None = None,
    ) -> None:
        hub = self.hub
        self.in_flight -= 1
        self.last_error = error
        hub.disk.notices(list(notices))
        hub.loader.changed()
        if error:
            hub.show_error(error + " Press ctrl+s to try again.")
        elif saved_message:
            hub.app.notify(saved_message, markup=False, timeout=3)
        if not error and then is not None:
            then()
        if not refresh:
            return
        hub.app.run_worker(
            self._reload_agenda, thread=True, group="agenda", exclusive=True, exit_on_error=False
        )

    def _reload_agenda(self) -> None:
        """Home after a save: read and laid out here, so that the UI thread only shows it."""
        from oneonone.screens.dashboard import agenda_view

        hub = self.hub
        try:
            data = replace(load_agenda_input(hub.store), recent_sessions=hub.team.recent_sessions)
            invocations = data.invocations
        except StoreError as exc:
            hub.app.call_from_thread(hub.show_error, str(exc))
            return
        hub.app.call_from_thread(hub.team_keeper.agenda_read, agenda_view(data, invocations))

    def retry(self) -> None:
        """ctrl+s: what a failed save left, saved again."""
        if not self.hub.store.has_unsaved:
            self.hub.app.notify("Everything is saved.", timeout=2)
            return
        self.in_flight += 1
        self.hub.app.run_worker(
            self._retry_in_thread, thread=True, group="save", exit_on_error=False
        )

    def _retry_in_thread(self) -> None:
        app, store = self.hub.app, self.hub.store
        try:
            store.save_pending()
        except StoreError as exc:
            app.call_from_thread(self._save_done, str(exc), notices=store.take_notices())
        else:
            app.call_from_thread(self._save_done, None, "Saved.", notices=store.take_notices())

    def emergency_save(self) -> None:
        """The terminal closed, the process is terminated, or the app crashed: write what the
        screens hold (the notes typed since the last autosave) and anything a failed save left."""
        store = self.hub.store
        screens = self.hub.app.screen_stack
        records = [r for s in screens for r in getattr(s, "unsaved_records", list)()]
        with contextlib.suppress(StoreError):
            if records and not store.read_only:
                store.put_many(records, journal=True)  # one line appended: the quickest
            store.save_pending()

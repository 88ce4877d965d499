"""What starts once the first frame is painted, off the UI thread: the quarterly reviews
scheduled, the conversation scripts read, a one-on-one left open offered back, search built."""

from __future__ import annotations

import gc
from typing import TYPE_CHECKING

from oneonone.core.dates import today_in
from oneonone.core.model import Review, Session
from oneonone.core.schedule import ensure_reviews
from oneonone.core.store import StoreError
from oneonone.paths import config_dir

if TYPE_CHECKING:
    from oneonone.services.hub import AppServices


class Startup:
    """``begin`` once, after the first frame."""

    def __init__(self, hub: AppServices) -> None:
        self.hub = hub

    def begin(self) -> None:
        """Once, after the first frame: reviews scheduled, then scripts, a left one-on-one and
        search, in workers."""
        app = self.hub.app
        self._schedule_reviews()
        app.run_worker(self.start_in_thread, thread=True, group="start", exit_on_error=False)

    def _schedule_reviews(self) -> None:
        """Every current rep and the team have their next quarterly review scheduled."""
        if self.hub.store.read_only:
            return
        self.hub.app.run_worker(
            self._schedule_in_thread, thread=True, group="start", exit_on_error=False
        )

    def _schedule_in_thread(self) -> None:
        hub = self.hub
        data = hub.team.agenda
        today = today_in(data.settings.timezone)
        try:
            reviews = hub.store.all(Review)  # all of them: a new id never reuses an old one
            changes = ensure_reviews(
                data.reps, data.settings, reviews, today, agreements=data.agreements
            )
        except StoreError as exc:
            hub.app.call_from_thread(hub.show_error, str(exc))
            return
        if changes:
            hub.app.call_from_thread(hub.saving.persist, changes)

    def start_in_thread(self) -> None:
        """Off the UI thread at start: the conversation scripts (files), and any one-on-one
        left open last time (the terminal closed, the process was killed)."""
        from oneonone.core.agenda import read_recent_sessions
        from oneonone.core.scripts import (
            load_scripts,  # markdown-it: not needed for the first frame
        )
        from oneonone.core.sessions import interrupted

        hub = self.hub
        app, store = hub.app, hub.store
        scripts, problems = load_scripts(config_dir())
        hub.scripts = scripts
        for problem in problems:
            app.call_from_thread(app.notify, problem, severity="warning", markup=False, timeout=10)
        try:
            # Keys come before this worker runs: a one-on-one started already is not "left".
            found = store.where(Session, closed=False)
            open_sessions = interrupted(found, hub.sessions_started_here)
        except StoreError as exc:
            app.call_from_thread(hub.show_error, str(exc))
            return
        if open_sessions and not store.read_only:
            app.call_from_thread(hub.nav.offer_resume, open_sessions[0])
        try:  # the accountability signal's numbers evidence: each rep's latest one-on-ones
            recent = read_recent_sessions(store, hub.team.current_reps())
        except StoreError as exc:
            app.call_from_thread(hub.show_error, str(exc))
        else:
            app.call_from_thread(hub.team_keeper.sessions_read, recent)
        from oneonone.core.search import SearchIndex

        try:
            index = SearchIndex.build(store)
        except StoreError as exc:
            app.call_from_thread(hub.show_error, f"Search is unavailable: {exc}")
            return
        for damaged in index.damaged:
            app.call_from_thread(hub.show_error, f"Search leaves out a damaged part: {damaged}")
        hub.search_index = index
        if hub.host.heap_frozen:
            # The index (200,000 texts at 25,000 sessions) lives as long as the app: set it
            # apart too, or every full collection walks it (~300 ms at that size, felt as a
            # pause when opening a screen or saving).
            gc.freeze()
        app.call_from_thread(hub.search_ready, index)

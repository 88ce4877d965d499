"""The data file changed by another program (deleted, replaced, edited): looked at every few
seconds (one ``stat``), followed in a worker, and what it now holds shown. With it, the inbox of
numbers imported from the command line while the app holds the file (``core.numbers_inbox``):
recorded in a worker, said, and offered by a one-on-one open now."""

from __future__ import annotations

from typing import TYPE_CHECKING

from oneonone.core.model import ImportedNumber, Invocation
from oneonone.core.store import StoreError
from oneonone.core.team import TeamSnapshot, load_team
from oneonone.perf import collector
from oneonone.perf.internals import error_handler
from oneonone.perf.loop_timer import LoopTimer

if TYPE_CHECKING:
    from oneonone.core.search import SearchIndex
    from oneonone.services.hub import AppServices


class DiskWatch:
    """``start`` once mounted, ``stop`` when unmounted; ``notices`` says what the store found."""

    #: How often the data file is looked at (one ``stat``) for changes another program made.
    every_seconds = 2.0

    def __init__(self, hub: AppServices) -> None:
        self.hub = hub
        self._checking = False
        # A loop timer, not a Textual timer (perf.loop_timer).
        self.timer = LoopTimer(self._tick, error_handler(hub.app))

    def start(self) -> None:
        """Start looking at the data file every few seconds."""
        self.timer.arm(self.every_seconds)

    def stop(self) -> None:
        """Stop looking at the data file."""
        self.timer.cancel()

    def _tick(self) -> None:
        self.timer.arm(self.every_seconds)
        self._watch()

    def _watch(self) -> None:
        """Every few seconds: one ``stat`` here; the store follows the change in a worker."""
        hub = self.hub
        if self._checking or hub.saving.in_flight:
            return
        if self._inbox_waiting():
            self._checking = True
            hub.app.run_worker(self._take_in_thread, thread=True, group="disk", exit_on_error=False)
            return
        if not hub.store.changed_on_disk():
            return
        self._checking = True
        hub.app.run_worker(self._check_in_thread, thread=True, group="disk", exit_on_error=False)

    def _inbox_waiting(self) -> bool:
        """Numbers imported from the command line while the app holds the file, to record
        (``core.numbers_inbox``; one ``listdir``). Not while a failed save is pending: they
        are taken again once it is written."""
        from oneonone.core.numbers_inbox import waiting

        store = self.hub.store
        return not store.read_only and not store.has_unsaved and bool(waiting(store.path))

    def _take_in_thread(self) -> None:
        from oneonone.core.numbers_inbox import take

        records: list[ImportedNumber] = []
        try:
            taken = take(self.hub.store)
            lines = [taken.message(), *taken.problems] if taken.count else taken.problems
            records = taken.records
        except (StoreError, OSError) as exc:
            lines = [str(exc)]
        self.hub.app.call_from_thread(self._taken, lines, records)

    def _taken(self, lines: list[str], records: list[ImportedNumber]) -> None:
        from oneonone.screens.session import SessionScreen

        self._checking = False
        for line in lines:
            self.hub.app.notify(line, markup=False, timeout=8)
        for screen in self.hub.app.screen_stack:  # a one-on-one open now offers them too
            if isinstance(screen, SessionScreen):
                screen.imported.extend(r for r in records if r.rep_id == screen.rep.id)

    def _check_in_thread(self) -> None:
        try:
            notices = self.hub.store.check_disk()
        except StoreError as exc:
            notices = [str(exc)]
        self.hub.app.call_from_thread(self._checked, notices)

    def _checked(self, notices: list[str]) -> None:
        self._checking = False
        self.notices(notices)

    def notices(self, notices: list[str]) -> None:
        """Say what happened to the file; show what it now holds (a reload changed it)."""
        hub = self.hub
        for notice in notices:
            hub.app.notify(notice, severity="warning", markup=False, timeout=15)
        if not notices:
            return
        hub.talking_points.follow_disk()
        if hub.store.has_unsaved:
            hub.saving.last_error = notices[-1]  # what quitting now would lose
        hub.app.run_worker(
            self._reload_team_in_thread,
            thread=True,
            group="team",
            exclusive=True,
            exit_on_error=False,
        )

    def _reload_team_in_thread(self) -> None:
        from oneonone.core.search import SearchIndex

        hub = self.hub
        try:
            team = load_team(hub.store)
            invocations = hub.store.all(Invocation)
            index = None
            if hub.search_index is not None:
                with collector.paused():  # a large build of small objects (perf.collector)
                    index = SearchIndex.build(hub.store)
        except StoreError as exc:
            hub.app.call_from_thread(hub.show_error, str(exc))
            return
        hub.app.call_from_thread(self._team_reloaded, team, invocations, index)

    def _team_reloaded(
        self, team: TeamSnapshot, invocations: list[Invocation], index: SearchIndex | None
    ) -> None:
        hub = self.hub
        hub.team_keeper.reloaded(team, invocations)
        if index is not None:
            hub.search_ready(index)

"""The data file changed by another program (deleted, replaced, edited): looked at every few
seconds (one ``stat``), followed in a worker, and what it now holds shown. With it, the inbox of
records added from the command line while the app holds the file (``core.store.inbox``: a
talking point, numbers imported from the CRM): saved by the store in the same worker, said, and
shown by a one-on-one open now."""

from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING

from oneonone.core.model import ImportedNumber, Invocation, TalkingPoint
from oneonone.core.store import INBOX_ADDED, StoreError
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
        if not hub.store.changed_on_disk():
            return
        self._checking = True
        hub.app.run_worker(self._check_in_thread, thread=True, group="disk", exit_on_error=False)

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
        """Say what happened to the file; show what it now holds (a reload changed it). When
        all that happened is records taken in from the inbox (``oneonone note``, ``snooze``,
        ``numbers import`` while the app is open), it is news, not a warning, and the search
        index takes them in without being built again."""
        hub = self.hub
        added = [n for n in notices if n.startswith(INBOX_ADDED)]
        for notice in notices:
            if notice in added:
                hub.app.notify(notice, markup=False, timeout=6)
            else:
                hub.app.notify(notice, severity="warning", markup=False, timeout=15)
        if not notices:
            return
        self._follow_open_sessions()
        only_added = len(added) == len(notices)
        if hub.store.has_unsaved and not only_added:
            hub.saving.last_error = notices[-1]  # what quitting now would lose
        hub.app.run_worker(
            partial(self._reload_team_in_thread, rebuild=not only_added),
            thread=True,
            group="team",
            exclusive=True,
            exit_on_error=False,
        )

    def _follow_open_sessions(self) -> None:
        """The file changed (a talking point or numbers added from the command line, say): a
        one-on-one open now lists its rep's points it did not know and offers the rep's
        imports as they are now, read in a worker (not ``loader.read``: typing is never held
        for it)."""
        from oneonone.screens.session import SessionScreen

        hub = self.hub
        open_ones = [s for s in hub.app.screen_stack if isinstance(s, SessionScreen)]
        if not open_ones:
            return
        reps = {s.rep.id for s in open_ones}

        def read() -> None:
            try:
                points = [p for r in reps for p in hub.store.where(TalkingPoint, rep_id=r)]
                imports = [n for r in reps for n in hub.store.where(ImportedNumber, rep_id=r)]
            except StoreError:
                return  # the disk watch says what is wrong with the file
            hub.app.call_from_thread(show, points, imports)

        def show(points: list[TalkingPoint], imports: list[ImportedNumber]) -> None:
            for screen in open_ones:
                screen.imported = [n for n in imports if n.rep_id == screen.rep.id]
                for point in points:
                    if point.is_pending:
                        screen.talking_point_noted(point)

        hub.app.run_worker(read, thread=True, group="follow", exit_on_error=False)

    def _reload_team_in_thread(self, *, rebuild: bool = True) -> None:
        """The team read again; the search index built again (``rebuild``), or given only the
        records taken in from the inbox (all that changed)."""
        from oneonone.core.search import SearchIndex

        hub = self.hub
        try:
            team = load_team(hub.store)
            invocations = hub.store.all(Invocation)
            taken = hub.store.taken_in()
            index = None
            if hub.search_index is not None and rebuild:
                with collector.paused():  # a large build of small objects (perf.collector)
                    index = SearchIndex.build(hub.store)
            elif hub.search_index is not None:
                for record in taken:
                    hub.search_index.update(record)
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

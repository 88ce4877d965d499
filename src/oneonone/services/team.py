"""The one place the team's state changes: read at start, a save, the agenda read again, the
file reloaded; then home and the roster are told to show it (a method call down)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from oneonone.core.model import Invocation, Session
from oneonone.core.team import TeamSnapshot
from oneonone.core.team_state import TeamState

if TYPE_CHECKING:
    from oneonone.screens.dashboard import AgendaView
    from oneonone.services.hub import AppServices


class TeamKeeper:
    """Owns the App's ``TeamState`` (``state``) and keeps home and the roster showing it."""

    def __init__(self, hub: AppServices) -> None:
        self.hub = hub
        self.state = TeamState()

    def started(self, team: TeamSnapshot, invocations: Iterable[Invocation]) -> None:
        """The team as read before the first frame: held until the screens are built."""
        self.state.load(team, invocations)

    def reloaded(self, team: TeamSnapshot, invocations: Iterable[Invocation]) -> None:
        """The file changed on disk and was read again: both home screens show what it holds."""
        self.state.load(team, invocations)
        self.hub.host.roster.team_changed()
        self.hub.host.dashboard.show()

    def saved(self, records: Iterable[object]) -> None:
        """Records handed to the store from any screen: the roster shows them if they are
        its own kind (reps, agreements, reviews, settings, the template)."""
        if self.state.apply(records):
            self.hub.host.roster.team_changed()

    def sessions_read(self, recent: dict[str, list[Session]]) -> None:
        """The reps' latest closed one-on-ones, read after the first frame: home weighs their
        numbers in the accountability signal."""
        self.state.sessions_read(recent)
        self.hub.host.dashboard.show()

    def agenda_read(self, view: AgendaView) -> None:
        """Home's agenda read again and laid out after a save (in a worker): shown."""
        self.state.agenda_read(view.data, view.invocations)
        if view.data.recent_sessions is not self.state.recent_sessions:
            # laid out from the one-on-ones as they were when the worker began (the latest
            # came since): laid out again here, from what the team holds now
            self.hub.host.dashboard.show()
            return
        self.hub.host.dashboard.present(view)

"""``AppServices``: the services the App owns, and what screens reach through ``ports``."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from textual.app import App

from oneonone.config import Config
from oneonone.core.model import Agreement, Rep, Session, SessionKind
from oneonone.core.store import Store
from oneonone.services.disk import DiskWatch
from oneonone.services.exporting import Exporting
from oneonone.services.loading import Loader
from oneonone.services.navigation import Navigator
from oneonone.services.notices import show_error
from oneonone.services.saving import Saving
from oneonone.services.signals import Signals
from oneonone.services.startup import Startup
from oneonone.services.talking_points import TalkingPoints
from oneonone.services.team import TeamKeeper

if TYPE_CHECKING:
    import pendulum

    from oneonone.core.scripts import Script
    from oneonone.core.search import SearchHit, SearchIndex
    from oneonone.screens.dashboard import DashboardScreen
    from oneonone.screens.roster import RosterScreen


class Host(Protocol):
    """What the services need of the App beyond Textual's ``App``: its two home screens."""

    @property
    def roster(self) -> RosterScreen:
        """The roster screen, built when first asked for."""

    @property
    def dashboard(self) -> DashboardScreen:
        """Home (the agenda), built when first asked for."""

    heap_frozen: bool
    #: The user's config file, as read before the app ran.
    user_config: Config


class AppServices:
    """One of each service, and the state they share for the App's lifetime. Implements
    ``oneonone.ports.Services`` for the screens."""

    def __init__(self, app: App[None], host: Host, store: Store) -> None:
        self.app = app
        self.host = host
        self.store = store
        self.scripts: dict[SessionKind, Script] = {}
        self.search_index: SearchIndex | None = None
        self.sessions_started_here: set[str] = set()
        #: The one-on-ones as last handed to the store by this run: newer than what a read may
        #: find while their save is under way (resuming one must not lose the last words).
        self.sessions_seen: dict[str, Session] = {}
        #: Private notes hidden for screen sharing (F4): held here, not by a one-on-one's
        #: screen, so it holds across screens and into the next one-on-one until F4 again.
        self.private_hidden: bool = False
        #: The team (``TeamState``), changed only by ``team_keeper``; read by home, the roster,
        #: the palette and the services.
        self.team_keeper = TeamKeeper(self)
        self.team = self.team_keeper.state
        self.loader = Loader(self)
        self.saving = Saving(self)
        self.disk = DiskWatch(self)
        self.nav = Navigator(self)
        self.startup = Startup(self)
        self.signals = Signals(self)
        self.exporting = Exporting(self)
        self.talking_points = TalkingPoints(self)

    def show_error(self, message: str) -> None:
        """What went wrong, shown (``notices``): the one way for every service."""
        show_error(self.app, message)

    def search_ready(self, index: SearchIndex) -> None:
        """Search is built (or rebuilt after a reload): the search screens open use it."""
        from oneonone.screens.search import SearchScreen

        self.search_index = index
        for screen in self.app.screen_stack:
            if isinstance(screen, SearchScreen):
                screen.index_ready(index)

    # -- oneonone.ports.Services ------------------------------------------------------------------

    def go_home(self) -> None:
        """Home: back to it if it is under the current screen, else on top."""
        self.nav.go_home()

    def show_roster(self) -> None:
        """The roster: back to it if it is under the current screen, else on top."""
        self.nav.show_roster()

    def open_agreement(self, rep: Rep) -> None:
        """The rep's written agreement."""
        self.nav.open_agreement(rep)

    def open_history(self, rep: Rep) -> None:
        """The rep's one-on-ones and invocations."""
        self.nav.open_history(rep)

    def open_team_agreement(
        self, *, next_version: bool = False, next_review: pendulum.Date | None = None
    ) -> None:
        """The team's own agreement (see ``Services.open_team_agreement``)."""
        self.nav.open_team_agreement(next_version=next_version, next_review=next_review)

    def open_plan(self, rep: Rep, *, make: bool = False) -> None:
        """The rep's two-week plan; with ``make``, made at once if there is none yet."""
        self.nav.open_plan(rep, make=make)

    def open_board(self) -> None:
        """The team board, read first."""
        self.nav.open_board()

    def open_commitment(self, commitment_id: str | None, *, rep_id: str | None = None) -> None:
        """A commitment, read first (``rep_id`` spares reading every rep's past)."""
        self.nav.open_commitment(commitment_id, rep_id=rep_id)

    def open_hit(self, hit: SearchHit) -> None:
        """The record a search hit is in."""
        self.nav.open_hit(hit)

    def export_folder(self) -> Path:
        """Where exports are offered: the config file's ``export_folder``, else "oneonone" in
        the user's documents folder."""
        chosen = self.host.user_config.export_folder
        if chosen is not None:
            return chosen
        import platformdirs

        return Path(platformdirs.user_documents_dir()) / "oneonone"

    def start_session(
        self, rep: Rep, kind: SessionKind | None = None, *, signal: Sequence[str] = ()
    ) -> None:
        """A new one-on-one with the rep (or the open one, offered back); ``kind`` offered
        first; ``signal``: the evidence of home's accountability signal, picked when F8 opens."""
        self.nav.start_session(rep, kind, signal=signal)

    def resume_session(self, rep: Rep, session_id: str | None = None) -> None:
        """Back into the rep's open one-on-one."""
        self.nav.resume_session(rep, session_id)

    def export_sessions(self, rep: Rep | None = None, session: Session | None = None) -> None:
        """One session, one rep's sessions, or everyone's, to files the user chooses."""
        self.exporting.export_sessions(rep, session)

    def export_session_now(self, rep: Rep, session: Session) -> None:
        """One one-on-one exported at once to the export folder, private notes left out."""
        self.exporting.export_session_now(rep, session)

    def export_text(self, default: Path, what: str, text: str) -> None:
        """A document already made written to a file the user chooses (``default`` offered),
        replacing one only once confirmed."""
        self.exporting.export_text(default, what, text)

    def rest_on(self, rep_id: str | None, timezone: str) -> None:
        """The roster's cursor rests on ``rep_id``: its screens may be read ahead."""
        self.loader.rest_on(rep_id, timezone)

    def stop_reading_ahead(self) -> None:
        """Read nothing more ahead until the cursor moves again."""
        self.loader.stop_reading_ahead()

    def open_candidates(self, select: str | None = None) -> None:
        """The candidates (``select``: the cursor on that candidate)."""
        self.nav.open_candidates(select)

    def open_draft(self, rep: Rep, draft: Agreement) -> None:
        """A new rep's first agreement ``draft`` (just handed to the store), shown at once."""
        self.nav.open_draft(rep, draft)


if TYPE_CHECKING:
    from oneonone.ports import Services

    _checked: type[Services] = AppServices  # mypy: the services are what screens are promised

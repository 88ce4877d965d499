"""``AppServices``: the services the App owns, and what screens reach through ``ports``."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Protocol, TypeVar

from textual.app import App

from oneonone.core.model import Rep, Session, SessionKind
from oneonone.core.store import Store
from oneonone.services.disk import DiskWatch
from oneonone.services.exporting import Exporting
from oneonone.services.loading import Loader
from oneonone.services.navigation import Navigator
from oneonone.services.notices import show_error
from oneonone.services.saving import Saving
from oneonone.services.signals import Signals
from oneonone.services.startup import Startup

if TYPE_CHECKING:
    from oneonone.core.scripts import Script
    from oneonone.core.search import SearchHit, SearchIndex
    from oneonone.screens.dashboard import DashboardScreen
    from oneonone.screens.roster import RosterScreen


R = TypeVar("R")


class Host(Protocol):
    """What the services need of the App beyond Textual's ``App``: its two home screens."""

    @property
    def roster(self) -> RosterScreen: ...

    @property
    def dashboard(self) -> DashboardScreen: ...

    heap_frozen: bool


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
        self.loader = Loader(self)
        self.saving = Saving(self)
        self.disk = DiskWatch(self)
        self.nav = Navigator(self)
        self.startup = Startup(self)
        self.signals = Signals(self)
        self.exporting = Exporting(self)

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
        self.nav.go_home()

    def show_roster(self) -> None:
        self.nav.show_roster()

    def open_agreement(self, rep: Rep) -> None:
        self.nav.open_agreement(rep)

    def open_history(self, rep: Rep) -> None:
        self.nav.open_history(rep)

    def open_plan(self, rep: Rep, *, make: bool = False) -> None:
        self.nav.open_plan(rep, make=make)

    def open_commitment(self, commitment_id: str | None, *, rep_id: str | None = None) -> None:
        self.nav.open_commitment(commitment_id, rep_id=rep_id)

    def open_hit(self, hit: SearchHit) -> None:
        self.nav.open_hit(hit)

    def start_session(self, rep: Rep) -> None:
        self.nav.start_session(rep)

    def resume_session(self, rep: Rep, session_id: str | None = None) -> None:
        self.nav.resume_session(rep, session_id)

    def export_sessions(self, rep: Rep | None = None, session: Session | None = None) -> None:
        self.exporting.export_sessions(rep, session)

    def read(self, query: Callable[[], R], then: Callable[[R], None]) -> None:
        self.loader.read(query, then)


if TYPE_CHECKING:
    from oneonone.ports import Services

    _checked: type[Services] = AppServices  # mypy: the services are what screens are promised

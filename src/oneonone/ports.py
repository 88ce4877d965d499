"""What a screen may ask of the App: one typed interface, below the screens.

Screens do not import the App (nor the services behind it, which open screens); they ask
``services(self)`` for the ``Services`` the running App owns, and call it. The layers contract
in pyproject keeps it that way: app, then services, then screens, then this module.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Protocol, cast

if TYPE_CHECKING:
    import pendulum
    from textual.dom import DOMNode

    from oneonone.core.model import Agreement, Rep, Session, SessionKind
    from oneonone.core.search import SearchHit
    from oneonone.core.team_state import TeamState


class Services(Protocol):
    """The team, going places, reading ahead and exporting, as the App's services do them."""

    #: Private notes hidden for screen sharing (F4): held across screens and one-on-ones.
    private_hidden: bool

    #: The team as the app shows it, read here by home, the roster and the palette (changed
    #: only by the App's team service, which then tells them to show it again).
    @property
    def team(self) -> TeamState:
        """The current team."""

    def export_folder(self) -> Path:
        """Where exports are offered: the config file's ``export_folder``, else "oneonone" in
        the user's documents folder."""

    def go_home(self) -> None:
        """Home (the agenda): back to it if it is under the current screen, else on top."""

    def show_roster(self) -> None:
        """The roster: back to it if it is under the current screen, else on top."""

    def open_agreement(self, rep: Rep) -> None:
        """The rep's written agreement."""

    def open_history(self, rep: Rep) -> None:
        """The rep's one-on-ones and invocations."""

    def open_team_agreement(
        self, *, next_version: bool = False, next_review: pendulum.Date | None = None
    ) -> None:
        """The team's own agreement; ``next_version``: on its next version (holding the team
        review); ``next_review``: the team review now scheduled, when just changed."""

    def open_plan(self, rep: Rep, *, make: bool = False) -> None:
        """The rep's two-week plan; with ``make``, made at once if there is none yet."""

    def open_board(self) -> None:
        """The team board: each current rep's numbers against quota this period, ranked."""

    def open_commitment(self, commitment_id: str | None, *, rep_id: str | None = None) -> None:
        """A commitment, read first (``rep_id`` spares reading every rep's past)."""

    def open_hit(self, hit: SearchHit) -> None:
        """The record a search hit is in."""

    def start_session(
        self, rep: Rep, kind: SessionKind | None = None, *, signal: Sequence[str] = ()
    ) -> None:
        """A new one-on-one with the rep (or the open one, offered back); ``kind`` offered
        first; ``signal``: the evidence of home's accountability signal, picked when F8 opens."""

    def resume_session(self, rep: Rep, session_id: str | None = None) -> None:
        """Back into the rep's open one-on-one."""

    def export_sessions(self, rep: Rep | None = None, session: Session | None = None) -> None:
        """One session, one rep's sessions, or everyone's, to files the user chooses."""

    def export_session_now(self, rep: Rep, session: Session) -> None:
        """One one-on-one exported at once to the export folder, private notes left out."""

    def export_text(self, default: Path, what: str, text: str) -> None:
        """A document already made written to a file the user chooses (``default`` offered),
        replacing one only once confirmed."""

    def rest_on(self, rep_id: str | None, timezone: str) -> None:
        """The roster's cursor rests on ``rep_id`` (None: no rep): its screens may be read ahead."""

    def stop_reading_ahead(self) -> None:
        """Read nothing more ahead until the cursor moves again."""

    def open_candidates(self, select: str | None = None) -> None:
        """The candidates (``select``: the cursor on that candidate)."""

    def open_draft(self, rep: Rep, draft: Agreement) -> None:
        """A new rep's first agreement ``draft`` (just handed to the store), shown at once."""


class _HasServices(Protocol):
    services: Services


def services(node: DOMNode) -> Services:
    """The services of the App that ``node`` runs in."""
    return cast("_HasServices", node.app).services

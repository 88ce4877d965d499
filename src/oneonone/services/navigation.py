"""Going places: each screen stays unaware of the others and asks for them here
(``oneonone.ports``); the reads a screen needs before its first frame are done in a worker."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

import pendulum
from textual.screen import Screen

from oneonone.core.dates import today_in
from oneonone.core.model import Rep, Session, SessionKind

if TYPE_CHECKING:
    from oneonone.core.model import Agreement, Commitment, Invocation
    from oneonone.core.search import SearchHit
    from oneonone.screens.history import Loaded
    from oneonone.services.hub import AppServices
    from oneonone.services.loading import Versions


class Navigator:
    """Home, the roster, a rep's screens, a one-on-one started or resumed, a search hit."""

    def __init__(self, hub: AppServices) -> None:
        self.hub = hub

    def go_home(self) -> None:
        """Home: back to it if it is under the current screen, else on top."""
        self._show(self.hub.host.dashboard)

    def show_roster(self) -> None:
        """The roster: back to it if it is under the current screen, else on top."""
        self._show(self.hub.host.roster)

    def _show(self, screen: Screen[None]) -> None:
        """Back to ``screen`` if it is under the current one, else on top."""
        app = self.hub.app
        if screen in app.screen_stack:
            while app.screen is not screen:
                app.pop_screen()
        else:
            app.push_screen(screen)

    # -- a rep's screens --------------------------------------------------------------------------

    def open_agreement(self, rep: Rep) -> None:
        """The rep's agreement (its versions read ahead or read by the screen), with their next
        review."""
        from oneonone.screens.agreement import AgreementScreen

        hub = self.hub
        team = hub.team
        settings = team.settings

        def given(versions: Versions | None) -> None:
            due = team.next_review(rep)  # the date the roster and home give
            hub.app.push_screen(
                AgreementScreen(rep, settings, hub.store, versions, next_review=due)
            )

        hub.loader.versions(rep.id, settings.timezone, given)

    def open_team_agreement(
        self, *, next_version: bool = False, next_review: pendulum.Date | None = None
    ) -> None:
        """The team's own agreement (its versions read by the screen), with the team review
        scheduled and the current reps (the export's signature lines)."""
        from oneonone.core.schedule import scheduled_for
        from oneonone.screens.team_agreement import TeamAgreementScreen

        hub = self.hub
        team = hub.team
        if next_review is None:
            review = scheduled_for(team.agenda.reviews, None)
            next_review = review.due if review is not None else None
        reps = sorted((r for r in team.reps.values() if r.is_current), key=lambda r: r.name)
        hub.app.push_screen(
            TeamAgreementScreen(
                team.settings,
                hub.store,
                reps=reps,
                next_review=next_review,
                next_version=next_version,
            )
        )

    def open_plan(self, rep: Rep, *, make: bool = False) -> None:
        """The rep's two-week plan; with ``make``, made at once if there is none yet."""
        from oneonone.screens.onboarding import OnboardingScreen

        hub = self.hub
        hub.app.push_screen(OnboardingScreen(rep, hub.team.settings, hub.store, make=make))

    def open_commitment(self, commitment_id: str | None, *, rep_id: str | None = None) -> None:
        """``rep_id``, when known, spares reading every rep's past (see ``Store.get``)."""
        from oneonone.core.model import Commitment
        from oneonone.screens.commitment import CommitmentScreen, saved_message

        if not commitment_id:
            return
        hub = self.hub

        def done(changed: Commitment | None) -> None:
            if changed is not None:
                hub.saving.persist([changed], saved_message(changed))

        def show(found: Commitment | None) -> None:
            if found is None:
                return
            team = hub.team
            rep = team.reps.get(found.rep_id)
            hub.app.push_screen(
                CommitmentScreen(
                    found,
                    rep_name=rep.name if rep else "the rep",
                    today=today_in(team.settings.timezone),
                    timezone=team.settings.timezone,
                ),
                done,
            )

        hub.loader.read(lambda: hub.store.get(Commitment, commitment_id, rep_id=rep_id), show)

    def open_history(self, rep: Rep) -> None:
        """Read first, then show: the screen's first frame has the whole history in it, not an
        empty frame drawn while the history is read and then drawn again."""
        from oneonone.screens.history import HistoryScreen

        hub = self.hub
        settings = hub.team.settings

        def show(history: Loaded) -> None:
            hub.app.push_screen(HistoryScreen(rep, settings, hub.store, history))

        hub.loader.history(rep.id, settings.timezone, show)

    def open_board(self) -> None:
        """The team board, read and laid out first (in a worker: every rep's recent
        one-on-ones), then shown whole in its first frame."""
        from oneonone.core.board import Board, Which
        from oneonone.screens.board import BoardScreen, read_boards

        hub = self.hub
        today = today_in(hub.team.settings.timezone)

        def show(boards: dict[Which, Board]) -> None:
            hub.app.push_screen(BoardScreen(boards))

        hub.loader.read(lambda: read_boards(hub.store, today), show)

    # -- the one-on-one ---------------------------------------------------------------------------

    def start_session(
        self, rep: Rep, kind: SessionKind | None = None, *, signal: Sequence[str] = ()
    ) -> None:
        """A new one-on-one with the rep: refused if read-only or the rep has left; else the kind
        asked (``kind`` offered first, else the one due), then the script. ``signal``: the
        evidence of home's accountability signal, offered and picked when F8 opens."""
        from oneonone.core import sessions
        from oneonone.core.agreements import latest_agreed
        from oneonone.core.schedule import scheduled_for
        from oneonone.core.scripts import builtin_script
        from oneonone.screens.session_dialogs import KindScreen

        hub = self.hub
        if hub.store.read_only:
            hub.show_error("Read-only: a one-on-one cannot be recorded in this copy.")
            return
        if not rep.is_current:
            hub.show_error(f"{rep.name} has left the team.")
            return
        team = hub.team
        agreements = [a for a in team.agreements.values() if a.rep_id == rep.id]
        agreed = latest_agreed(agreements, rep.id)
        today = today_in(team.settings.timezone)
        review = scheduled_for(team.agenda.reviews, rep.id)
        default = kind or sessions.default_kind(
            rep, agreements, today, review.due if review else None
        )

        def chosen(picked: SessionKind | None) -> None:
            if picked is None:
                return
            script = hub.scripts.get(picked) or builtin_script(picked)
            session = sessions.start_session(rep, picked, script, agreed, pendulum.now("UTC"))
            hub.sessions_started_here.add(session.id)
            hub.sessions_seen[session.id] = session
            hub.saving.persist([session], "")  # home lists it as open until it is ended
            self.open_session(session, signal=signal if picked == kind else ())

        open_ones = self.open_sessions_of(rep)
        if open_ones:
            self._offer_open(rep, open_ones[0])  # one one-on-one per rep at a time
        else:
            hub.app.push_screen(KindScreen(rep.name, default), chosen)

    def open_sessions_of(self, rep: Rep) -> list[Session]:
        """The rep's one-on-ones not ended, newest first, as last typed: home's (read with the
        agenda after each save), with what this run handed to the store since in their place
        (no read here: a read could come before the save of the last words typed)."""
        hub = self.hub
        latest = {s.id: s for s in hub.team.agenda.sessions if s.rep_id == rep.id}
        latest.update((i, s) for i, s in hub.sessions_seen.items() if s.rep_id == rep.id)
        return sorted(
            (s for s in latest.values() if not s.closed), key=lambda s: s.started_at, reverse=True
        )

    def resume_session(self, rep: Rep, session_id: str | None = None) -> None:
        """Back into the rep's open one-on-one (``session_id``, else the newest), as last typed."""
        open_ones = self.open_sessions_of(rep)
        chosen = next((s for s in open_ones if s.id == session_id), None)
        if chosen is None and open_ones:
            chosen = open_ones[0]
        if chosen is None:
            self.hub.app.notify(f"No open one-on-one with {rep.name}.", markup=False, timeout=3)
            return
        self.open_session(chosen)

    def _offer_open(self, rep: Rep, session: Session) -> None:
        from oneonone.screens.confirm import ConfirmScreen

        started = session.started_at.in_timezone(self.hub.team.settings.timezone)

        def answered(resume: bool | None) -> None:
            if resume:
                self.open_session(session)

        self.hub.app.push_screen(
            ConfirmScreen(
                f"A one-on-one with {rep.name} is open",
                f"Your {session.kind.value} one-on-one with {rep.name}, started "
                f"{started.format('ddd D MMM HH:mm')}, is not ended. Resume it? (To hold "
                "another, end this one first: F10.)",
                yes="Resume",
                no="Cancel",
            ),
            answered,
        )

    def offer_resume(self, session: Session) -> None:
        """At start: a one-on-one left open last time (the terminal closed, the process was
        killed) is offered back."""
        from oneonone.screens.confirm import ConfirmScreen

        hub = self.hub
        team = hub.team
        rep = team.reps.get(session.rep_id)
        if rep is None or session.id in hub.sessions_started_here:
            return  # started while the start-up worker looked: on the screen, not left open
        started = session.started_at.in_timezone(team.settings.timezone)

        def answered(resume: bool | None) -> None:
            if resume:
                self.open_session(session)

        hub.app.push_screen(
            ConfirmScreen(
                "A one-on-one was left open",
                f"Your {session.kind.value} one-on-one with {rep.name}, started "
                f"{started.format('ddd D MMM HH:mm')}, was not ended. Everything typed up to "
                "the last second before it stopped is kept. Resume it?",
                yes="Resume",
                no="Later",
            ),
            answered,
        )

    def open_session(self, session: Session, *, signal: Sequence[str] = ()) -> None:
        """The one-on-one ``session`` opened, with the rep's agreement, open commitments and
        invocations read first in a worker (``signal``: see ``start_session``)."""
        from oneonone.core.model import (
            Agreement,
            Commitment,
            CommitmentState,
            ImportedNumber,
            Invocation,
            TalkingPoint,
            TeamAgreement,
        )
        from oneonone.core.sessions import undoable
        from oneonone.screens.session import SessionScreen

        hub = self.hub
        store = hub.store
        rep = hub.team.reps.get(session.rep_id)
        if rep is None:
            return

        points: list[TalkingPoint] = []

        Found = tuple[
            Agreement | None,
            list[Commitment],
            list[Invocation],
            list[ImportedNumber],
            list[TeamAgreement],
        ]

        def read() -> Found:
            agreement_id = session.agreement_id
            points.extend(store.where(TalkingPoint, rep_id=rep.id))
            return (
                store.get(Agreement, agreement_id, rep_id=rep.id) if agreement_id else None,
                # the open ones, and those closed in this one-on-one (still to be undone)
                [
                    c
                    for c in store.where(Commitment, rep_id=rep.id)
                    if c.state is CommitmentState.OPEN or undoable(c, session.id)
                ],
                store.where(Invocation, rep_id=rep.id),
                # numbers from the CRM (`oneonone numbers import`), offered by ctrl+l
                [] if session.closed else store.where(ImportedNumber, rep_id=rep.id),
                store.all(TeamAgreement),  # the glance's line (a handful of versions)
            )

        def show(found: Found) -> None:
            agreement, commitments, invocations, imported, team_agreements = found
            hub.app.push_screen(
                SessionScreen(
                    session,
                    rep,
                    settings=hub.team.settings,
                    agreement=agreement,
                    commitments=commitments,
                    invocations=invocations,
                    read_only=store.read_only,
                    signal=signal,
                    imported=imported,
                    team_agreements=team_agreements,
                    talking_points=points,
                )
            )

        hub.loader.read(read, show)

    # -- search -----------------------------------------------------------------------------------

    def search(self) -> None:
        """The search screen: back to the one open (unless a live one-on-one is above it)."""
        from oneonone.screens.search import SearchScreen

        hub = self.hub
        stack = hub.app.screen_stack
        found = [s for s in stack if isinstance(s, SearchScreen)]
        above = stack[stack.index(found[-1]) + 1 :] if found else []
        if found and not any(hasattr(s, "unsaved_records") for s in above):
            self._show(found[-1])  # back to the one search (a live one-on-one is not left)
            found[-1].search_again()
        else:
            hub.app.push_screen(SearchScreen(hub.search_index, hub.team.reps))

    def open_hit(self, hit: SearchHit) -> None:
        """Go to the record a search hit is in."""
        from oneonone.core.model import Commitment, Invocation
        from oneonone.screens.agreement import AgreementScreen
        from oneonone.screens.history import Found, SessionViewScreen

        hub = self.hub
        store = hub.store
        if hit.kind == "candidate":
            self.open_candidates(hit.record_id)
            return
        rep = hub.team.reps.get(hit.rep_id)
        if rep is None:
            return
        if hit.kind == "commitment":
            self.open_commitment(hit.record_id, rep_id=hit.rep_id)
        elif hit.kind in ("invocation", "talking point"):
            self.open_history(rep)
        elif hit.kind == "agreement":
            screen = AgreementScreen(rep, hub.team.settings, store)
            screen.selected_id = hit.record_id
            hub.app.push_screen(screen)
        else:

            def read() -> tuple[Session | None, list[Commitment], list[Invocation]]:
                return (
                    store.get(Session, hit.record_id, rep_id=rep.id),
                    store.where(Commitment, rep_id=rep.id),
                    store.where(Invocation, rep_id=rep.id),
                )

            def show(found: tuple[Session | None, list[Commitment], list[Invocation]]) -> None:
                session, commitments, invocations = found
                if session is not None:
                    hub.app.push_screen(
                        SessionViewScreen(
                            session,
                            rep=rep,
                            settings=hub.team.settings,
                            commitments=commitments,
                            invocations=invocations,
                            read_only=store.read_only,
                            found=Found(hit.where, hit.snippet[hit.start : hit.end]),
                        )
                    )

            hub.loader.read(read, show)

    # -- candidates -------------------------------------------------------------------------------

    def open_candidates(self, select: str | None = None) -> None:
        """The candidates: back to them if they are under the current screen, else on top
        (``select``: the cursor on that candidate)."""
        from oneonone.screens.candidates import CandidatesScreen

        hub = self.hub
        found = [s for s in hub.app.screen_stack if isinstance(s, CandidatesScreen)]
        if found:
            self._show(found[-1])
            found[-1].select(select)
        else:
            hub.app.push_screen(CandidatesScreen(hub.store, select=select))

    def open_draft(self, rep: Rep, draft: Agreement) -> None:
        """A new rep's first agreement draft, shown from what is given (its save may still be
        under way: a read could come before it)."""
        from oneonone.screens.agreement import AgreementScreen

        hub = self.hub
        versions = ([draft], hub.team.template)
        hub.app.push_screen(AgreementScreen(rep, hub.team.settings, hub.store, versions))

"""The Textual app: a thin shell that opens screens, saves off the UI thread, and guards quit."""

from __future__ import annotations

import asyncio
import contextlib
import gc
import os
import signal
import threading
import time
from collections.abc import Callable, Iterable
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

import pendulum
from rich.text import Text
from textual import events
from textual.app import App, SystemCommand
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import Footer

from oneonone import actions, keymap
from oneonone.core.agenda import load_agenda_input
from oneonone.core.dates import today_in
from oneonone.core.model import Invocation, Rep, Review, Session, SessionKind
from oneonone.core.schedule import ensure_reviews
from oneonone.core.store import Store, StoreError
from oneonone.core.team import TeamSnapshot, load_team
from oneonone.key_gate import KeyGate, is_gated
from oneonone.loop_timer import LoopTimer
from oneonone.memory import IDLE_SECONDS, Housekeeper, defer_full_collections
from oneonone.messages import SaveRequested
from oneonone.paths import config_dir, styles_dir
from oneonone.preferences import load_theme, save_theme
from oneonone.prefetch import Ahead, Versions

if TYPE_CHECKING:
    from textual.command import Provider

    from oneonone.core.scripts import Script
    from oneonone.core.search import SearchHit, SearchIndex
    from oneonone.screens.dashboard import DashboardScreen
    from oneonone.screens.roster import RosterScreen


R = TypeVar("R")


def _rep_commands() -> type[Provider]:
    """The palette's rep entries, imported when the palette first opens, not at start."""
    from oneonone.palette import RepCommands

    return RepCommands


class OneOnOneApp(App[None]):
    TITLE = "oneonone"
    CSS_PATH = [styles_dir() / "app.tcss"]
    BINDINGS = actions.bindings(actions.APP_ACTIONS)
    USER_ACTIONS = actions.APP_ACTIONS
    ENABLE_COMMAND_PALETTE = True
    COMMANDS = App.COMMANDS | {_rep_commands}
    #: How often the data file is looked at (one ``stat``) for changes another program made.
    DISK_CHECK_SECONDS = 2.0

    def __init__(
        self, store: Store, *, demo: bool = False, team: TeamSnapshot | None = None
    ) -> None:
        super().__init__()
        self._use_remembered_theme()
        self.store = store
        self.demo = demo
        self.saves_in_flight = 0
        self.last_save_error: str | None = None
        self.sub_title = self._subtitle()
        # Read before the first frame (the file is already parsed): one paint, with the team.
        self._team = team or load_team(store)
        self._start_home = bool(self._team.reps)
        # Built when first asked for: only the first screen (and its module) before the first
        # frame, the other one right after it.
        self._roster: RosterScreen | None = None
        self._dashboard: DashboardScreen | None = None
        self.scripts: dict[SessionKind, Script] = {}
        self.search_index: SearchIndex | None = None
        self.background_started = False
        self._checking_disk = False
        self.housekeeper = Housekeeper()
        # Two loop timers, not Textual timers (see loop_timer): one armed by input, to tidy
        # once the user pauses; one for looking at the data file every few seconds.
        self._tidy_timer = LoopTimer(self._tidy, self._handle_exception)
        self._disk_timer = LoopTimer(self._disk_tick, self._handle_exception)
        self.ahead = Ahead(self, store)
        self.sessions_started_here: set[str] = set()
        self.key_gate = KeyGate(self)
        #: Private notes hidden for screen sharing (F4): held here, not by a one-on-one's
        #: screen, so it holds across screens and into the next one-on-one until F4 again.
        self.private_hidden: bool = False
        #: The one-on-ones as last handed to the store by this run: newer than what a read may
        #: find while their save is under way (resuming one must not lose the last words).
        self.sessions_seen: dict[str, Session] = {}

    def _subtitle(self) -> str:
        name = "demo team (throwaway copy)" if self.demo else str(self.store.path)
        return f"{name} · read-only" if self.store.read_only else name

    # -- start-up ---------------------------------------------------------------------------------

    def get_default_screen(self) -> Screen[None]:
        """Home once there is a team; the roster (with its welcome) before. Only this screen is
        built before the first frame, and only its widgets are composed."""
        return self.dashboard if self._start_home else self.roster

    def _use_remembered_theme(self) -> None:
        """The remembered theme, in place before the stylesheet is first parsed. Setting
        ``self.theme`` once running makes Textual parse all the CSS again before the first
        frame (10-15 ms), so this does what Textual's theme watcher does, without that."""
        name = load_theme()
        if name is None or name == self.theme or name not in self.available_themes:
            return
        self.set_reactive(App.theme, name)
        dark = self.current_theme.dark
        self.stylesheet.set_variables(self.get_css_variables())
        self.set_class(dark, "-dark-mode", update=False)
        self.set_class(not dark, "-light-mode", update=False)
        self.add_class(f"-theme-{name}", update=False)
        self._refresh_truecolor_filter(self.ansi_theme)

    def on_mount(self) -> None:
        self._install_signal_handlers()
        self.theme_changed_signal.subscribe(self, self._remember_theme)
        # Work the first screen does not need waits until it is painted.
        self.call_after_refresh(self._after_first_frame)
        self._disk_timer.arm(self.DISK_CHECK_SECONDS)

    def on_unmount(self) -> None:
        self._tidy_timer.cancel()
        self._disk_timer.cancel()
        self.ahead.cancel()
        self.key_gate.close()

    def _remember_theme(self, theme: object) -> None:
        name = self.theme
        self.run_worker(partial(self._save_theme_in_thread, name), thread=True,
                        group="preferences", exclusive=True, exit_on_error=False)  # fmt: skip

    def _save_theme_in_thread(self, name: str) -> None:
        try:
            save_theme(name)
        except OSError as exc:
            self.call_from_thread(self.notify, f"The theme could not be remembered: {exc}",
                                  severity="warning", markup=False)  # fmt: skip

    def _after_first_frame(self) -> None:
        self.resume_gc()
        # The other screen is built now, on this thread, before any worker asks for it.
        _ = self.roster, self.dashboard
        self._schedule_reviews()
        self.run_worker(self._start_in_thread, thread=True, group="start", exit_on_error=False)
        self.background_started = True
        keymap.tell(self)  # what was wrong in the user's keymap (cli.run_app applied it)
        if self.store.read_only:
            self.notify(
                "Another copy of oneonone is using this file: this one is read-only.",
                severity="warning",
                timeout=8,
            )

    #: True once ``resume_gc`` set the start-up heap apart (started from the command line).
    heap_frozen = False

    def resume_gc(self) -> None:
        """The command line starts the app with the garbage collector off (``cli.run_app``).
        Once the first frame is painted, everything built so far is set apart for good
        (``gc.freeze``), so that no later collection walks the start-up heap again, and the
        collector is back on, its full collections left to the pauses of the user (``memory``).
        (A full collection here instead would cost 25-30 ms right after the first frame, to
        free about 0.3 MB of start-up garbage.)"""
        if gc.isenabled():
            return
        gc.freeze()
        defer_full_collections()
        gc.enable()
        self.heap_frozen = True
        self.housekeeper.collect = True

    async def on_event(self, event: events.Event) -> None:
        if isinstance(event, events.InputEvent) and not event.is_forwarded:
            self.housekeeper.input_seen()
            self._tidy_timer.arm(IDLE_SECONDS)
        if is_gated(event):
            # Keys that come together keep their order and their target (key_gate).
            if not self.key_gate.admit(event):  # type: ignore[arg-type]
                return
            try:
                await super().on_event(event)
            finally:
                self.key_gate.sent()
            return
        await super().on_event(event)

    def _tidy(self) -> None:
        """Once the user has paused since the last input (``memory``); if input came since
        the timer was armed, wait for the pause after it."""
        wait = self.housekeeper.until_idle()
        if wait > 0:
            self._tidy_timer.arm(wait)
            return
        self.housekeeper.tick(self._watched_nodes)

    def _watched_nodes(self) -> list[object]:
        """What widgets that come and go watch: the App (a Header watches its title), each
        screen (a Header, its title too), and each Footer (each of its keys)."""
        screens = {*self.screen_stack, self._roster, self._dashboard} - {None}
        footers = [f for screen in screens for f in screen.query(Footer)]  # type: ignore[union-attr]
        return [self, *screens, *footers]

    @property
    def roster(self) -> RosterScreen:
        """The roster screen; it also holds the team (reps, settings, agreements) that the other
        screens ask for, kept up to date as records are saved."""
        if self._roster is None:
            from oneonone.screens.roster import RosterScreen

            self._roster = RosterScreen(read_only=self.store.read_only, team=self._team)
            # Installed: a screen that is popped and not installed is removed, and pushing the
            # same instance again would leave the terminal showing the screen below it.
            self.install_screen(self._roster, name="roster")
        return self._roster

    @property
    def dashboard(self) -> DashboardScreen:
        if self._dashboard is None:
            from oneonone.screens.dashboard import DashboardScreen

            self._dashboard = DashboardScreen(
                self._team.agenda,
                read_only=self.store.read_only,
                invocations=self.store.all(Invocation),
            )
            self.install_screen(self._dashboard, name="home")  # kept when popped (see roster)
        return self._dashboard

    def _schedule_reviews(self) -> None:
        """Every current rep and the team have their next quarterly review scheduled."""
        if self.store.read_only:
            return
        self.run_worker(self._schedule_in_thread, thread=True, group="start", exit_on_error=False)

    def _schedule_in_thread(self) -> None:
        data = self.dashboard.data
        today = today_in(data.settings.timezone)
        try:
            reviews = self.store.all(Review)  # all of them: a new id never reuses an old one
            changes = ensure_reviews(
                data.reps, data.settings, reviews, today, agreements=data.agreements
            )
        except StoreError as exc:
            self.call_from_thread(self._show_error, str(exc))
            return
        if changes:
            self.call_from_thread(self.persist, changes)

    def _start_in_thread(self) -> None:
        """Off the UI thread at start: the conversation scripts (files), and any one-on-one
        left open last time (the terminal closed, the process was killed)."""
        from oneonone.core.scripts import (
            load_scripts,  # markdown-it: not needed for the first frame
        )
        from oneonone.core.sessions import interrupted

        scripts, problems = load_scripts(config_dir())
        self.scripts = scripts
        for problem in problems:
            self.call_from_thread(self.notify, problem, severity="warning", markup=False,
                                  timeout=10)  # fmt: skip
        try:
            # Keys come before this worker runs: a one-on-one started already is not "left".
            found = self.store.where(Session, closed=False)
            open_sessions = interrupted(found, self.sessions_started_here)
        except StoreError as exc:
            self.call_from_thread(self._show_error, str(exc))
            return
        if open_sessions and not self.store.read_only:
            self.call_from_thread(self._offer_resume, open_sessions[0])
        from oneonone.core.search import SearchIndex

        try:
            index = SearchIndex.build(self.store)
        except StoreError as exc:
            self.call_from_thread(self._show_error, f"Search is unavailable: {exc}")
            return
        for damaged in index.damaged:
            self.call_from_thread(self._show_error, f"Search leaves out a damaged part: {damaged}")
        self.search_index = index
        if self.heap_frozen:
            # The index (200,000 texts at 25,000 sessions) lives as long as the app: set it
            # apart too, or every full collection walks it (~300 ms at that size, felt as a
            # pause when opening a screen or saving).
            gc.freeze()
        self.call_from_thread(self._search_ready, index)

    def _search_ready(self, index: SearchIndex) -> None:
        from oneonone.screens.search import SearchScreen

        for screen in self.screen_stack:
            if isinstance(screen, SearchScreen):
                screen.index_ready(index)

    def _offer_resume(self, session: Session) -> None:
        from oneonone.screens.confirm import ConfirmScreen

        rep = self.roster.reps.get(session.rep_id)
        if rep is None or session.id in self.sessions_started_here:
            return  # started while the start-up worker looked: on the screen, not left open
        started = session.started_at.in_timezone(self.roster.settings.timezone)

        def answered(resume: bool | None) -> None:
            if resume:
                self.open_session(session)

        self.push_screen(
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

    # -- the one-on-one ---------------------------------------------------------------------------

    def start_session(self, rep: Rep) -> None:
        from oneonone.core import sessions
        from oneonone.core.agreements import latest_agreed
        from oneonone.core.schedule import scheduled_for
        from oneonone.core.scripts import builtin_script
        from oneonone.screens.session_dialogs import KindScreen

        if self.store.read_only:
            self._show_error("Read-only: a one-on-one cannot be recorded in this copy.")
            return
        if not rep.is_current:
            self._show_error(f"{rep.name} has left the team.")
            return
        agreements = [a for a in self.roster.agreements.values() if a.rep_id == rep.id]
        agreed = latest_agreed(agreements, rep.id)
        today = today_in(self.roster.settings.timezone)
        review = scheduled_for(self.dashboard.data.reviews, rep.id)
        default = sessions.default_kind(rep, agreements, today, review.due if review else None)

        def chosen(kind: SessionKind | None) -> None:
            if kind is None:
                return
            script = self.scripts.get(kind) or builtin_script(kind)
            session = sessions.start_session(rep, kind, script, agreed, pendulum.now("UTC"))
            self.sessions_started_here.add(session.id)
            self.sessions_seen[session.id] = session
            self.persist([session], "")  # home lists it as open until it is ended
            self.open_session(session)

        open_ones = self.open_sessions_of(rep)
        if open_ones:
            self._offer_open(rep, open_ones[0])  # one one-on-one per rep at a time
        else:
            self.push_screen(KindScreen(rep.name, default), chosen)

    def open_sessions_of(self, rep: Rep) -> list[Session]:
        """The rep's one-on-ones not ended, newest first, as last typed: home's (read with the
        agenda after each save), with what this run handed to the store since in their place
        (no read here: a read could come before the save of the last words typed)."""
        latest = {s.id: s for s in self.dashboard.data.sessions if s.rep_id == rep.id}
        latest.update((i, s) for i, s in self.sessions_seen.items() if s.rep_id == rep.id)
        return sorted((s for s in latest.values() if not s.closed),
                      key=lambda s: s.started_at, reverse=True)  # fmt: skip

    def resume_session(self, rep: Rep, session_id: str | None = None) -> None:
        """Back into the rep's open one-on-one (``session_id``, else the newest), as last typed."""
        open_ones = self.open_sessions_of(rep)
        chosen = next((s for s in open_ones if s.id == session_id), None)
        if chosen is None and open_ones:
            chosen = open_ones[0]
        if chosen is None:
            self.notify(f"No open one-on-one with {rep.name}.", markup=False, timeout=3)
            return
        self.open_session(chosen)

    def _offer_open(self, rep: Rep, session: Session) -> None:
        from oneonone.screens.confirm import ConfirmScreen

        started = session.started_at.in_timezone(self.roster.settings.timezone)

        def answered(resume: bool | None) -> None:
            if resume:
                self.open_session(session)

        self.push_screen(
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

    def action_search(self) -> None:
        from oneonone.screens.search import SearchScreen

        found = [s for s in self.screen_stack if isinstance(s, SearchScreen)]
        above = self.screen_stack[self.screen_stack.index(found[-1]) + 1 :] if found else []
        if found and not any(hasattr(s, "unsaved_records") for s in above):
            self._show(found[-1])  # back to the one search (a live one-on-one is not left)
            found[-1].search_again()
        else:
            self.push_screen(SearchScreen(self.search_index, self.roster.reps))

    def open_hit(self, hit: SearchHit) -> None:
        """Go to the record a search hit is in."""
        from oneonone.core.model import Commitment, Invocation
        from oneonone.screens.agreement import AgreementScreen
        from oneonone.screens.history import Found, SessionViewScreen

        rep = self.roster.reps.get(hit.rep_id)
        if rep is None:
            return
        if hit.kind == "commitment":
            self.open_commitment(hit.record_id, rep_id=hit.rep_id)
        elif hit.kind == "invocation":
            self.open_history(rep)
        elif hit.kind == "agreement":
            screen = AgreementScreen(rep, self.roster.settings, self.store)
            screen.selected_id = hit.record_id
            self.push_screen(screen)
        else:

            def read() -> tuple[Session | None, list[Commitment], list[Invocation]]:
                return (
                    self.store.get(Session, hit.record_id, rep_id=rep.id),
                    self.store.where(Commitment, rep_id=rep.id),
                    self.store.where(Invocation, rep_id=rep.id),
                )

            def show(found: tuple[Session | None, list[Commitment], list[Invocation]]) -> None:
                session, commitments, invocations = found
                if session is not None:
                    self.push_screen(
                        SessionViewScreen(session, rep=rep, settings=self.roster.settings,
                                          commitments=commitments, invocations=invocations,
                                          read_only=self.store.read_only,
                                          found=Found(hit.where, hit.snippet[hit.start:hit.end]))
                    )  # fmt: skip

            self.read_then(read, show)

    # -- exporting session logs -------------------------------------------------------------------

    def export_sessions(self, rep: Rep | None = None, session: Session | None = None) -> None:
        """One session, one rep's sessions, or everyone's (one file per rep in a folder)."""
        import platformdirs

        from oneonone.core.export.files import safe_filename
        from oneonone.screens.export_sessions import SessionsExportForm

        folder = Path(platformdirs.user_documents_dir()) / "oneonone"
        if rep is None:
            default, what = folder / "sessions", "everyone's one-on-ones"
        elif session is not None:
            day = session.started_at.in_timezone(self.roster.settings.timezone).date()
            default, what = folder / f"{safe_filename(rep.name)}-{day}.md", "this one-on-one"
        else:
            default, what = (
                folder / f"{safe_filename(rep.name)}-sessions.md",
                f"{rep.name}'s one-on-ones",
            )

        def chosen(answer: tuple[Path, bool] | None) -> None:
            if answer is None:
                return
            path, private = answer
            self._export_sessions(path, private, rep, session, what)

        self.push_screen(SessionsExportForm(default, what, folder=rep is None), chosen)

    def _export_sessions(
        self, path: Path, private: bool, rep: Rep | None, session: Session | None, what: str
    ) -> None:
        from oneonone.screens.export_sessions import ExportProgressScreen

        reps = [rep] if rep is not None else sorted(self.roster.reps.values(), key=lambda r: r.name)
        progress = ExportProgressScreen(what, len(reps)) if rep is None else None
        if progress is not None:
            self.push_screen(progress)
        self.run_worker(
            partial(self._export_in_thread, path, private, reps, session, progress),
            thread=True, group="export", exit_on_error=False,
        )  # fmt: skip

    def _export_in_thread(
        self, path: Path, private: bool, reps: list[Rep], session: Session | None,
        progress: object,
    ) -> None:  # fmt: skip
        from oneonone.core.export.files import (
            ExportError,
            unique_filenames,
            write_new_file,
            write_new_files,
        )
        from oneonone.core.export.sessions import SessionsExport
        from oneonone.core.model import Agreement, Commitment, Invocation

        def advance(done: int, total: int) -> None:
            if progress is not None:
                self.call_from_thread(progress.advance, done, total)  # type: ignore[attr-defined]

        def records(cls: type[R]) -> list[R]:  # one rep's: only that rep's part of the file
            one = len(reps) == 1
            return self.store.where(cls, rep_id=reps[0].id) if one else self.store.all(cls)

        try:
            export = SessionsExport(
                sessions=[session] if session is not None else records(Session),
                agreements=records(Agreement),
                commitments=records(Commitment),
                invocations=records(Invocation),
                settings=self.roster.settings,
                include_private=private,
                outside_sessions=session is None,
            )
            if len(reps) == 1:
                write_new_file(path, export.rep_markdown(reps[0]))
                done_message = f"Exported to {path}"
            else:
                chosen = [r for r in reps if export.has_content(r.id)]
                names = unique_filenames((r.id, r.name) for r in chosen)
                texts = []
                for i, r in enumerate(chosen, 1):
                    texts.append((path / names[r.id], export.rep_markdown(r)))
                    advance(i, len(chosen))
                write_new_files(texts)
                done_message = f"Exported {len(texts)} files to {path}"
        except (ExportError, StoreError) as exc:
            self.call_from_thread(self._export_done, progress, str(exc), True)
        else:
            self.call_from_thread(self._export_done, progress, done_message, False)

    def _export_done(self, progress: object, message: str, failed: bool) -> None:
        if progress is not None and self.screen is progress:
            self.pop_screen()
        if failed:
            self._show_error(message)
        else:
            self.notify(message, markup=False, timeout=6)

    def open_history(self, rep: Rep) -> None:
        """Read first, then show: the screen's first frame has the whole history in it, not an
        empty frame drawn while the history is read and then drawn again. Read ahead if the
        roster's cursor rested on the rep (``prefetch``)."""
        from oneonone.screens.history import HistoryScreen, Loaded, read_history

        settings = self.roster.settings

        def show(history: Loaded) -> None:
            self.push_screen(HistoryScreen(rep, settings, self.store, history))

        def given(history: Loaded | None) -> None:
            if history is not None:
                show(history)
            else:
                self.read_then(lambda: read_history(self.store, rep.id, settings.timezone), show)

        self.ahead.history(rep.id, settings.timezone, given)

    def open_session(self, session: Session) -> None:
        from oneonone.core.model import Agreement, Commitment, CommitmentState, Invocation
        from oneonone.core.sessions import undoable
        from oneonone.screens.session import SessionScreen

        rep = self.roster.reps.get(session.rep_id)
        if rep is None:
            return

        def read() -> tuple[Agreement | None, list[Commitment], list[Invocation]]:
            agreement_id = session.agreement_id
            return (
                self.store.get(Agreement, agreement_id, rep_id=rep.id) if agreement_id else None,
                # the open ones, and those closed in this one-on-one (still to be undone)
                [
                    c
                    for c in self.store.where(Commitment, rep_id=rep.id)
                    if c.state is CommitmentState.OPEN or undoable(c, session.id)
                ],
                self.store.where(Invocation, rep_id=rep.id),
            )

        def show(found: tuple[Agreement | None, list[Commitment], list[Invocation]]) -> None:
            agreement, commitments, invocations = found
            self.push_screen(
                SessionScreen(session, rep, settings=self.roster.settings, agreement=agreement,
                              commitments=commitments, invocations=invocations,
                              read_only=self.store.read_only)
            )  # fmt: skip

        self.read_then(read, show)

    # -- going places (screens call these; each screen stays unaware of the others) ---------------

    def go_home(self) -> None:
        self._show(self.dashboard)

    def show_roster(self) -> None:
        self._show(self.roster)

    def _show(self, screen: Screen[None]) -> None:
        """Back to ``screen`` if it is under the current one, else on top."""
        if screen in self.screen_stack:
            while self.screen is not screen:
                self.pop_screen()
        else:
            self.push_screen(screen)

    def open_agreement(self, rep: Rep) -> None:
        from oneonone.screens.agreement import AgreementScreen

        settings = self.roster.settings

        def given(versions: Versions | None) -> None:
            due = self.roster.next_review(rep)  # the date the roster and home give
            self.push_screen(AgreementScreen(rep, settings, self.store, versions, next_review=due))

        self.ahead.versions(rep.id, settings.timezone, given)

    def open_plan(self, rep: Rep, *, make: bool = False) -> None:
        """The rep's two-week plan; with ``make``, made at once if there is none yet."""
        from oneonone.screens.onboarding import OnboardingScreen

        self.push_screen(OnboardingScreen(rep, self.roster.settings, self.store, make=make))

    def open_commitment(self, commitment_id: str | None, *, rep_id: str | None = None) -> None:
        """``rep_id``, when known, spares reading every rep's past (see ``Store.get``)."""
        from oneonone.core.model import Commitment
        from oneonone.screens.commitment import CommitmentScreen, saved_message

        if not commitment_id:
            return

        def done(changed: Commitment | None) -> None:
            if changed is not None:
                self.persist([changed], saved_message(changed))

        def show(found: Commitment | None) -> None:
            if found is None:
                return
            rep = self.roster.reps.get(found.rep_id)
            self.push_screen(
                CommitmentScreen(found, rep_name=rep.name if rep else "the rep",
                                 today=today_in(self.roster.settings.timezone),
                                 timezone=self.roster.settings.timezone),
                done,
            )  # fmt: skip

        self.read_then(lambda: self.store.get(Commitment, commitment_id, rep_id=rep_id), show)

    def read_then(self, read: Callable[[], R], then: Callable[[R], None]) -> None:
        """``read`` from the store in a worker (the UI thread never waits for a save in
        progress), then ``then`` with what it read, on the UI thread; a store error is shown."""

        def work() -> None:
            try:
                found = read()
            except StoreError as exc:
                self.call_from_thread(self._show_error, str(exc))
            else:
                self.call_from_thread(then, found)

        self.run_worker(work, thread=True, group="read", exit_on_error=False)

    # -- saving (never on the UI thread) ----------------------------------------------------------

    def on_save_requested(self, message: SaveRequested) -> None:
        self.sessions_seen.update((r.id, r) for r in message.records if isinstance(r, Session))
        self.persist(message.records, message.saved_message, refresh_home=message.refresh_home,
                     journal=message.journal)  # fmt: skip
        self.roster.records_changed(message.records)

    def persist(
        self,
        records: Iterable[object],
        saved_message: str = "",
        *,
        refresh_home: bool = True,
        journal: bool = False,
    ) -> None:
        """Save ``records`` in a worker; ``journal`` for typed notes (``Store.put_many``)."""
        if self.store.read_only:
            self._show_error("Not saved: this copy is read-only (the file is in use elsewhere).")
            return
        self.saves_in_flight += 1
        self.run_worker(
            partial(self._save_in_thread, list(records), saved_message, refresh_home, journal),
            thread=True,
            group="save",
            exit_on_error=False,
        )

    def _save_in_thread(
        self, records: list[object], saved_message: str, refresh: bool, journal: bool
    ) -> None:
        try:
            self.store.put_many(records, journal=journal)
            if self.search_index is not None:
                for record in records:
                    self.search_index.update(record)
        except StoreError as exc:
            self.call_from_thread(self._save_done, str(exc), notices=self.store.take_notices())
        else:
            self.call_from_thread(self._save_done, None, saved_message, refresh,
                                  notices=self.store.take_notices())  # fmt: skip

    def _save_done(
        self,
        error: str | None,
        saved_message: str = "",
        refresh: bool = True,
        *,
        notices: Iterable[str] = (),
    ) -> None:
        self.saves_in_flight -= 1
        self.last_save_error = error
        self._disk_notices(list(notices))
        self.ahead.refresh()
        if error:
            self._show_error(error + " Press ctrl+s to try again.")
        elif saved_message:
            self.notify(saved_message, markup=False, timeout=3)
        if not refresh:
            return
        self.run_worker(self._reload_agenda, thread=True, group="agenda", exclusive=True,
                        exit_on_error=False)  # fmt: skip

    def _reload_agenda(self) -> None:
        """Home after a save: read and laid out here, so that the UI thread only shows it."""
        from oneonone.screens.dashboard import agenda_view

        try:
            data = load_agenda_input(self.store)
            invocations = self.store.all(Invocation)
        except StoreError as exc:
            self.call_from_thread(self._show_error, str(exc))
            return
        self.call_from_thread(self.dashboard.present, agenda_view(data, invocations))

    def action_retry_save(self) -> None:
        if not self.store.has_unsaved:
            self.notify("Everything is saved.", timeout=2)
            return
        self.saves_in_flight += 1
        self.run_worker(self._retry_in_thread, thread=True, group="save", exit_on_error=False)

    def _retry_in_thread(self) -> None:
        try:
            self.store.save_pending()
        except StoreError as exc:
            self.call_from_thread(self._save_done, str(exc), notices=self.store.take_notices())
        else:
            self.call_from_thread(self._save_done, None, "Saved.",
                                  notices=self.store.take_notices())  # fmt: skip

    # -- the data file changed by another program (deleted, replaced, edited) ---------------------

    def _disk_tick(self) -> None:
        self._disk_timer.arm(self.DISK_CHECK_SECONDS)
        self._watch_disk()

    def _watch_disk(self) -> None:
        """Every few seconds: one ``stat`` here; the store follows the change in a worker."""
        if self._checking_disk or self.saves_in_flight or not self.store.changed_on_disk():
            return
        self._checking_disk = True
        self.run_worker(self._check_disk_in_thread, thread=True, group="disk",
                        exit_on_error=False)  # fmt: skip

    def _check_disk_in_thread(self) -> None:
        try:
            notices = self.store.check_disk()
        except StoreError as exc:
            notices = [str(exc)]
        self.call_from_thread(self._disk_checked, notices)

    def _disk_checked(self, notices: list[str]) -> None:
        self._checking_disk = False
        self._disk_notices(notices)

    def _disk_notices(self, notices: list[str]) -> None:
        """Say what happened to the file; show what it now holds (a reload changed it)."""
        for notice in notices:
            self.notify(notice, severity="warning", markup=False, timeout=15)
        if not notices:
            return
        if self.store.has_unsaved:
            self.last_save_error = notices[-1]  # what quitting now would lose
        self.run_worker(self._reload_team_in_thread, thread=True, group="team", exclusive=True,
                        exit_on_error=False)  # fmt: skip

    def _reload_team_in_thread(self) -> None:
        from oneonone.core.search import SearchIndex

        try:
            team = load_team(self.store)
            invocations = self.store.all(Invocation)
            index = SearchIndex.build(self.store) if self.search_index is not None else None
        except StoreError as exc:
            self.call_from_thread(self._show_error, str(exc))
            return
        self.call_from_thread(self._team_reloaded, team, invocations, index)

    def _team_reloaded(
        self, team: TeamSnapshot, invocations: list[Invocation], index: SearchIndex | None
    ) -> None:
        self.roster.load(team.reps, team.settings, team.agreements, team.template,
                         team.agenda.reviews)  # fmt: skip
        self.dashboard.show(team.agenda, invocations)
        if index is not None:
            self.search_index = index
            self._search_ready(index)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "retry_save":
            return self.store.has_unsaved
        return True

    @property
    def has_unsaved_work(self) -> bool:
        from oneonone.screens.form import FormScreen  # forms are imported when first opened

        screen = self.screen
        editing = isinstance(screen, FormScreen) and screen.has_unsaved_changes()
        typing = any(getattr(s, "dirty", False) is True for s in self.screen_stack)
        return editing or typing or self.saves_in_flight > 0 or self.store.has_unsaved

    def _show_error(self, message: str) -> None:
        self.notify(message, severity="error", markup=False, timeout=12)

    # -- help, palette, quit ----------------------------------------------------------------------

    def action_help(self) -> None:
        from oneonone.screens.help import HelpScreen

        if isinstance(self.screen, HelpScreen):
            self.screen.dismiss(None)  # F1 again closes it
        else:
            self.push_screen(HelpScreen())

    def get_system_commands(self, screen: Screen[object]) -> Iterable[SystemCommand]:
        keymap = actions.keymap_of(self)
        focused = screen.focused
        chain = focused.ancestors_with_self if focused else []
        owners = [n for n in chain if isinstance(n, Widget) and n is not screen]
        nodes: list[Widget | App[None]] = [screen, *owners, self]
        for node in nodes:  # the screen's, its focused list's, the App's
            for action in getattr(node, "USER_ACTIONS", ()):
                name = action.action.removeprefix("screen.")
                checker = screen if name != action.action else node
                if action.palette and checker.check_action(name, ()):
                    yield SystemCommand(
                        f"{action.label} ({actions.display(action.keys_in(keymap))})",
                        action.help,
                        partial(node.run_action, action.action),
                    )
        for command in super().get_system_commands(screen):
            if command.title not in ("Quit",):
                yield command

    async def action_quit(self) -> None:
        saving = [w for w in self.workers if w.group == "save" and not w.is_finished]
        if saving:  # a save under way takes milliseconds: let it finish rather than ask
            await self.workers.wait_for_complete(saving)
        if not self.has_unsaved_work:
            self.exit()
            return
        reason = self.last_save_error or "A change is still being saved or edited."
        from oneonone.screens.confirm import ConfirmScreen

        def answered(quit_anyway: bool | None) -> None:
            if quit_anyway:
                self.exit()

        self.push_screen(
            ConfirmScreen(
                "Quit with unsaved work?", reason, yes="Quit anyway", no="Stay", default_yes=False
            ),
            answered,
        )

    # -- terminal closed, process terminated, crash -----------------------------------------------

    def _install_signal_handlers(self) -> None:
        loop = asyncio.get_running_loop()
        for sig in (signal.SIGTERM, signal.SIGHUP):
            with contextlib.suppress(NotImplementedError, RuntimeError, ValueError):
                loop.add_signal_handler(sig, self._on_terminate)

    #: After SIGHUP/SIGTERM (everything saved), how long Textual may take to shut down before
    #: the process ends anyway: with the terminal gone, its shutdown can wait forever on the
    #: thread writing to it, and a process left hanging would keep the data file's lock.
    EXIT_GRACE_SECONDS = 3.0

    def _on_terminate(self) -> None:
        self.emergency_save()
        threading.Thread(target=self._exit_if_stuck, name="exit-if-stuck", daemon=True).start()
        self.exit(return_code=0)

    def _exit_if_stuck(self) -> None:
        time.sleep(self.EXIT_GRACE_SECONDS)
        with contextlib.suppress(Exception):  # a save that a worker finished meanwhile
            self.store.save_pending()
        os._exit(0)  # the lock is released with the process

    def emergency_save(self) -> None:
        """The terminal closed, the process is terminated, or the app crashed: write what the
        screens hold (the notes typed since the last autosave) and anything a failed save left."""
        records = [r for s in self.screen_stack for r in getattr(s, "unsaved_records", list)()]
        with contextlib.suppress(StoreError):
            if records and not self.store.read_only:
                self.store.put_many(records, journal=True)  # one line appended: the quickest
            self.store.save_pending()

    def _fatal_error(self) -> None:
        """Keep personnel notes off the terminal: no traceback with locals. The traceback goes
        to a private crash log beside the data file."""
        import traceback

        self.emergency_save()
        log = crash_log_path(self.store.path)
        try:
            from oneonone.core.store.files import atomic_write_bytes

            atomic_write_bytes(log, traceback.format_exc().encode("utf-8", "replace"))
            where = f"Details are in {log}."
        except OSError:
            where = ""
        self._exit_renderables.append(
            Text(f"oneonone stopped on an unexpected error; your saved data is safe. {where}")
        )
        self._close_messages_no_wait()


def crash_log_path(data_file: Path) -> Path:
    return data_file.parent / "crash.log"

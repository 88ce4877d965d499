"""The Textual app: a thin shell of lifecycle, screens, palette and the quit guard.

What it does beyond that (saving, reading, going places, the data file, signals, export) is
done by the services it owns (``oneonone.services``), which screens reach through
``oneonone.ports``.
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any

from rich.text import Text
from textual import events
from textual.app import App, SystemCommand
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import Footer

from oneonone import actions, keymap
from oneonone.config import Config
from oneonone.core.model import Invocation, Session
from oneonone.core.store import Store
from oneonone.core.team import TeamSnapshot, load_team
from oneonone.core.text import visible
from oneonone.key_gate import KeyGate, is_gated
from oneonone.messages import SaveRequested
from oneonone.paths import styles_dir
from oneonone.perf import collector, theme
from oneonone.perf.internals import error_handler, exit_quietly
from oneonone.perf.loop_timer import LoopTimer
from oneonone.perf.watchers import IDLE_SECONDS, Housekeeper
from oneonone.preferences import load_theme, save_theme
from oneonone.services.hub import AppServices

if TYPE_CHECKING:
    from textual.command import Provider
    from textual.notifications import SeverityLevel

    from oneonone.screens.dashboard import DashboardScreen
    from oneonone.screens.roster import RosterScreen


def _rep_commands() -> type[Provider]:
    """The palette's rep entries, imported when the palette first opens, not at start."""
    from oneonone.palette import RepCommands

    return RepCommands


class OneOnOneApp(App[None]):
    """The app: its two home screens, the palette, the quit guard; the work is done by
    ``services``."""

    TITLE = "oneonone"
    CSS_PATH = [styles_dir() / "app.tcss"]
    BINDINGS = actions.bindings(actions.APP_ACTIONS)
    USER_ACTIONS = actions.APP_ACTIONS
    ENABLE_COMMAND_PALETTE = True
    COMMANDS = App.COMMANDS | {_rep_commands}
    #: The user's config file (``oneonone.config``), read by the command line before the app
    #: runs; the defaults otherwise (tests, the demo).
    user_config = Config()

    def __init__(
        self,
        store: Store,
        *,
        demo: bool = False,
        team: TeamSnapshot | None = None,
        config: Config | None = None,
    ) -> None:
        super().__init__()
        if config is not None:
            self.user_config = config
        # the theme last picked in the app, else the config file's; before the CSS is parsed
        theme.use_remembered_theme(self, load_theme() or self.user_config.theme)
        self.store = store
        self.demo = demo
        self.sub_title = self._subtitle()
        # Read before the first frame (the file is already parsed): one paint, with the team.
        self._team = team or load_team(store)
        self._start_home = bool(self._team.reps)
        # Built when first asked for: only the first screen (and its module) before the first
        # frame, the other one right after it.
        self._roster: RosterScreen | None = None
        self._dashboard: DashboardScreen | None = None
        self.background_started = False
        self.housekeeper = Housekeeper()
        # A loop timer, not a Textual timer (perf.loop_timer): armed by input, to tidy once the
        # user pauses (perf.watchers).
        self._tidy_timer = LoopTimer(self._tidy, error_handler(self))
        #: Saving, loading, going places, the data file, signals, export (``services``); the
        #: screens reach them through ``oneonone.ports``.
        self.services = AppServices(self, self, store)
        self.key_gate = KeyGate(self, reading=lambda: self.services.loader.pending > 0)
        self.services.team_keeper.started(self._team, store.all(Invocation))

    # -- user text reaching the terminal outside a widget's text -----------------------------------

    def validate_title(self, title: Any) -> str:
        """The title as the Header shows it: control characters as symbols (a rep's name or
        the data file's path may hold anything)."""
        return visible(super().validate_title(title), one_line=True)

    def validate_sub_title(self, sub_title: Any) -> str:
        """The sub-title (the data file's path), shown like the title."""
        return visible(super().validate_sub_title(sub_title), one_line=True)

    def notify(
        self,
        message: str,
        *,
        title: str = "",
        severity: SeverityLevel = "information",
        timeout: float | None = None,
        markup: bool = True,
    ) -> None:
        """Every notification of every screen comes here: its text is shown, not obeyed.
        Messages name reps, notes and files, and those may hold control characters."""
        super().notify(
            visible(message),
            title=visible(title, one_line=True),
            severity=severity,
            timeout=timeout,
            markup=markup,
        )

    def _subtitle(self) -> str:
        name = "demo team (throwaway copy)" if self.demo else str(self.store.path)
        return f"{name} · read-only" if self.store.read_only else name

    # -- start-up ---------------------------------------------------------------------------------

    def get_default_screen(self) -> Screen[None]:
        """Home once there is a team; the roster (with its welcome) before. Only this screen is
        built before the first frame, and only its widgets are composed."""
        return self.dashboard if self._start_home else self.roster

    def on_mount(self) -> None:
        """Signals, the theme remembered, the disk watch; the rest once the first frame is
        painted."""
        self.services.signals.install()
        self.theme_changed_signal.subscribe(self, self._remember_theme)
        # Work the first screen does not need waits until it is painted.
        self.call_after_refresh(self._after_first_frame)
        self.services.disk.start()

    def on_unmount(self) -> None:
        """Timers and the disk watch stopped, reading ahead stopped, the key gate closed."""
        self._tidy_timer.cancel()
        self.services.disk.stop()
        self.services.loader.stop_reading_ahead()
        self.key_gate.close()

    def _remember_theme(self, theme: object) -> None:
        name = self.theme
        self.run_worker(
            partial(self._save_theme_in_thread, name),
            thread=True,
            group="preferences",
            exclusive=True,
            exit_on_error=False,
        )

    def _save_theme_in_thread(self, name: str) -> None:
        try:
            save_theme(name)
        except OSError as exc:
            self.call_from_thread(
                self.notify,
                f"The theme could not be remembered: {exc}",
                severity="warning",
                markup=False,
            )

    def _after_first_frame(self) -> None:
        self.resume_gc()
        # The other screen is built now, on this thread, before any worker asks for it.
        _ = self.roster, self.dashboard
        self.services.startup.begin()
        self.background_started = True
        keymap.tell(self)  # what was wrong in the user's keymap (cli.run_app applied it)
        if self.store.read_only:
            self.notify(
                "Another copy of oneonone is using this file: this one is read-only.",
                severity="warning",
                timeout=8,
            )

    #: True once the start-up heap was set apart (started from the command line: perf.collector).
    heap_frozen = False

    def resume_gc(self) -> None:
        """Once the first frame is painted: the collector back on, the start-up heap set apart,
        full collections left to the user's pauses (``perf.collector``)."""
        collector.resume(self)
        self.housekeeper.collect = self.heap_frozen

    async def on_event(self, event: events.Event) -> None:
        """Input arms the tidy timer; keys that come together go through the key gate, in order."""
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
        """Once the user has paused since the last input (``perf.watchers``); if input came since
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
        """The roster screen (the team it shows is ``services.team``)."""
        if self._roster is None:
            from oneonone.screens.roster import RosterScreen

            self._roster = RosterScreen(read_only=self.store.read_only)
            # Installed: a screen that is popped and not installed is removed, and pushing the
            # same instance again would leave the terminal showing the screen below it.
            self.install_screen(self._roster, name="roster")
        return self._roster

    @property
    def dashboard(self) -> DashboardScreen:
        """Home (its agenda is read from ``services.team``)."""
        if self._dashboard is None:
            from oneonone.screens.dashboard import DashboardScreen

            self._dashboard = DashboardScreen(read_only=self.store.read_only)
            self.install_screen(self._dashboard, name="home")  # kept when popped (see roster)
        return self._dashboard

    # -- saving, and the data file (the services do it) -------------------------------------------

    def on_save_requested(self, message: SaveRequested) -> None:
        """Records a screen asks to save: handed to the saving service, and the team told."""
        self.services.sessions_seen.update(
            (r.id, r) for r in message.records if isinstance(r, Session)
        )
        self.services.saving.persist(
            message.records,
            message.saved_message,
            refresh_home=message.refresh_home,
            journal=message.journal,
            then=message.then,
        )
        self.services.team_keeper.saved(message.records)

    def action_retry_save(self) -> None:
        """ctrl+s: what a failed save left, saved again."""
        self.services.saving.retry()

    def action_search(self) -> None:
        """Search every note, commitment and agreement."""
        self.services.nav.search()

    def action_talking_point(self) -> None:
        """F3: note a talking point for the next one-on-one with a rep."""
        self.services.talking_points.capture()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Retry (ctrl+s) only while something is left unsaved; a talking point only in a
        file this copy can write; the rest always."""
        if action == "retry_save":
            return self.store.has_unsaved
        if action == "talking_point":
            return not self.store.read_only
        return True

    @property
    def has_unsaved_work(self) -> bool:
        """Whether quitting now would lose something: a form edited, notes typed, a save under way
        or failed."""
        from oneonone.screens.form import FormScreen  # forms are imported when first opened

        screen = self.screen
        editing = isinstance(screen, FormScreen) and screen.has_unsaved_changes()
        typing = any(getattr(s, "dirty", False) is True for s in self.screen_stack)
        saving = self.services.saving.in_flight > 0
        return editing or typing or saving or self.store.has_unsaved

    # -- help, palette, quit ----------------------------------------------------------------------

    def action_help(self) -> None:
        """F1: the keys of the screen in front (F1 again closes it)."""
        from oneonone.screens.help import HelpScreen

        if isinstance(self.screen, HelpScreen):
            self.screen.dismiss(None)  # F1 again closes it
        else:
            self.push_screen(HelpScreen(type(self.screen).__name__))

    def get_system_commands(self, screen: Screen[object]) -> Iterable[SystemCommand]:
        """The palette's actions: the current screen's, its focused list's and the App's, as the
        registry says."""
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
        """Quit, once saves under way are done; asks first if work would be lost."""
        saving = [w for w in self.workers if w.group == "save" and not w.is_finished]
        if saving:  # a save under way takes milliseconds: let it finish rather than ask
            await self.workers.wait_for_complete(saving)
        if not self.has_unsaved_work:
            self.exit()
            return
        reason = self.services.saving.last_error or "A change is still being saved or edited."
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

    def _fatal_error(self) -> None:
        """Keep personnel notes off the terminal: no traceback with locals. The traceback goes
        to a private crash log beside the data file."""
        import traceback

        self.services.saving.emergency_save()
        log = crash_log_path(self.store.path)
        try:
            from oneonone.core.store.files import atomic_write_bytes

            atomic_write_bytes(log, traceback.format_exc().encode("utf-8", "replace"))
            where = f"Details are in {log}."
        except OSError:
            where = ""
        exit_quietly(
            self, Text(f"oneonone stopped on an unexpected error; your saved data is safe. {where}")
        )


def crash_log_path(data_file: Path) -> Path:
    """Where a crash's traceback is written: beside the data file."""
    return data_file.parent / "crash.log"

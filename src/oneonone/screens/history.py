"""A rep's history: their one-on-ones newest first, each opened read-only, and their invocations.

A closed session is the record the manager trusts later, so it is shown, never edited: the only
change it takes is a dated addendum. An invocation is withdrawn with a reason, never deleted.
Screens never write to disk: changes go up to the App as ``SaveRequested``.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import pendulum
from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.content import Content
from textual.css.query import NoMatches
from textual.screen import Screen
from textual.widgets import DataTable, Header, Markdown, Static
from textual.widgets.markdown import MarkdownBlock

from oneonone import actions
from oneonone.core import sessions
from oneonone.core.agreements import current_documents, latest_agreed
from oneonone.core.errors import FieldError
from oneonone.core.export.session_page import (
    TimeZone,
    session_markdown,
    when,
)
from oneonone.core.model import (
    Agreement,
    Commitment,
    Invocation,
    Rep,
    Session,
    Snooze,
    TalkingPoint,
    TeamSettings,
)
from oneonone.core.store import Store, StoreError
from oneonone.messages import SaveRequested
from oneonone.ports import services
from oneonone.screens.line_forms import TextLineForm
from oneonone.widgets.footer import KeyFooter
from oneonone.widgets.lined_table import Cell, Laid, LinedTable, Row, cell, lay_out
from oneonone.widgets.text import one_line, plain, sparkline, visible

READ_ONLY_MESSAGE = "Read-only: nothing can be saved here."


#: Kept under their old names: the session's page is rendered in the core now
#: (``core.export.session_page``); the tables below share its date format.
_when = when
Zone = TimeZone


@dataclass(frozen=True)
class Found:
    """What a search found in a session: ``text`` (as matched) in the part named ``where``
    (a step's title, "Notes", "Addendum <date>": ``SearchHit.where``)."""

    where: str
    text: str


def found_block(blocks: Iterable[MarkdownBlock], found: Found) -> tuple[MarkdownBlock, int] | None:
    """The paragraph of the rendered session that holds ``found``, and where the text starts
    in it: the first under a heading naming ``found.where``, else the first anywhere."""
    needle = found.text.casefold()
    where = found.where.casefold()
    if where == "notes":
        where = "free notes"
    elif where.startswith("addendum"):
        where = "addenda"
    if not needle:
        return None
    heading = ""
    first: tuple[MarkdownBlock, int] | None = None
    for block in blocks:
        content = block.content
        plain_text = content.plain if isinstance(content, Content) else str(content)
        if block.name == "heading_open":  # blocks are named by their markdown-it token
            heading = plain_text.casefold()
            continue
        if block.name != "paragraph_open":
            continue
        at = plain_text.casefold().find(needle)
        if at < 0:
            continue
        if where and where in heading:
            return block, at
        first = first or (block, at)
    return first


class SessionViewScreen(Screen[None]):
    """One session, read-only. ``a`` appends a dated addendum to a closed session (posts
    ``SaveRequested([session])``); ``self.session`` always holds the latest copy. Opened from
    a search hit (``found``), it scrolls to the hit and highlights it."""

    USER_ACTIONS = actions.SESSION_VIEW_ACTIONS
    BINDINGS = actions.bindings(actions.SESSION_VIEW_ACTIONS)

    DEFAULT_CSS = """
    SessionViewScreen #view-title { height: 1; padding: 0 2; text-style: bold; color: $accent; }
    SessionViewScreen #view-scroll { height: 1fr; padding: 0 1; }
    SessionViewScreen .-search-hit { background: $accent 25%; }
    """

    def __init__(
        self,
        session: Session,
        *,
        rep: Rep,
        settings: TeamSettings,
        commitments: Sequence[Commitment],
        invocations: Sequence[Invocation],
        read_only: bool = False,
        found: Found | None = None,
        talking_points: Sequence[TalkingPoint] = (),
    ) -> None:
        super().__init__()
        self.talking_points = list(talking_points)
        self.session = session
        self.rep = rep
        self.settings = settings
        self.commitments = list(commitments)
        self.invocations = list(invocations)
        self.read_only = read_only
        self.show_private = False
        self.found = found
        self._scrolled_to_hit = False

    def compose(self) -> ComposeResult:
        """The header, the title and the session as a document."""
        yield Header()
        yield Static(self._title(), id="view-title")
        with VerticalScroll(id="view-scroll"):
            yield Markdown(self.document(), id="view-doc")
        yield KeyFooter()

    def on_mount(self) -> None:
        """The document focused, for the arrows to scroll it."""
        self.query_one("#view-scroll").focus()

    def on_markdown_table_of_contents_updated(self, event: Markdown.TableOfContentsUpdated) -> None:
        """The document is drawn (first, or again): the search hit is highlighted, and the
        first time scrolled into the middle of the view."""
        if self.found is None:
            return
        located = found_block(event.markdown.query(MarkdownBlock), self.found)
        if located is None:
            return
        block, at = located
        content = block.content
        if isinstance(content, Content):
            block.update(content.stylize("bold reverse", at, at + len(self.found.text)))
        block.add_class("-search-hit")
        if not self._scrolled_to_hit:
            self._scrolled_to_hit = True
            scroll = self.query_one("#view-scroll", VerticalScroll)
            self.call_after_refresh(scroll.scroll_to_center, block, animate=False)

    def _title(self) -> Text:
        state = "closed, read-only" if self.session.closed else "open — interrupted"
        when = _when(self.session.started_at, self.settings.timezone)
        return plain(f"One-on-one with {self.rep.name} · {when} · {state}")

    def document(self) -> str:
        """The session as Markdown, control characters in notes shown, not obeyed."""
        return visible(self._markdown())

    def _markdown(self) -> str:
        return session_markdown(
            self.session,
            rep=self.rep,
            settings=self.settings,
            commitments=self.commitments,
            invocations=self.invocations,
            show_private=self.show_private,
            talking_points=self.talking_points,
        )

    def refresh_view(self) -> None:
        """The document shown again (private notes shown or not)."""
        self.query_one("#view-doc", Markdown).update(self.document())
        self.refresh_bindings()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """The registry's rules; an addendum only where the file is writable."""
        if actions.blocked(self.USER_ACTIONS, action, writable=not self.read_only):
            return None
        if action == "addendum":  # to a closed one-on-one only
            return True if self.session.closed else None
        return True

    def action_export(self) -> None:
        """This session exported to a file the user chooses."""
        services(self).export_sessions(self.rep, self.session)

    def action_back(self) -> None:
        """Back to the history."""
        self.dismiss(None)

    def action_scroll(self, step: int) -> None:
        """The document scrolled by ``step`` lines."""
        self.query_one("#view-scroll", VerticalScroll).scroll_relative(y=step, animate=False)

    def action_toggle_private(self) -> None:
        """Private notes shown or hidden (kept hidden while hidden for screen sharing)."""
        if not self.show_private and services(self).private_hidden:
            # hidden for screen sharing (F4 in a one-on-one): it holds on every screen
            self.notify(
                "Private notes are hidden for screen sharing: F4 in a one-on-one shows them again.",
                timeout=4,
            )
            return
        self.show_private = not self.show_private
        self.refresh_view()

    def action_addendum(self) -> None:
        """A line added to the closed session, asked for, with the time it was added."""
        if not self.check_action("addendum", ()):
            return
        day = self.session.started_at.in_timezone(self.settings.timezone).date().isoformat()

        def written(text: str | None) -> None:
            if text is None:
                return
            try:
                updated = sessions.add_addendum(self.session, text, pendulum.now("UTC"))
            except ValueError as exc:  # FieldError or SessionNotClosed: say it, keep nothing
                self.notify(str(exc), severity="error", markup=False)
                return
            self.session = updated
            self.refresh_view()
            self.query_one("#view-scroll", VerticalScroll).scroll_end(animate=False)
            self.post_message(SaveRequested([updated], "Addendum added."))

        self.app.push_screen(
            TextLineForm(
                f"Addendum to the one-on-one of {day}",
                "",
                hint="Dated now. The session itself stays as it was.",
            ),
            written,
        )


# --- the history ---------------------------------------------------------------------------------

SESSION_COLUMNS = ("When", "Kind", "State", "Steps", "Commitments", "Invoked")
INVOCATION_COLUMNS = ("When", "Step", "Reason", "State")


def session_row(
    session: Session,
    timezone: Zone,
    made: int,
    invoked: Sequence[Invocation],
    make: Callable[[str, str], Cell],
) -> Row:
    """One line of the sessions table; ``made`` commitments and the ``invoked`` steps were
    recorded in that session. ``make`` makes the cells after the date."""
    style = "" if session.closed else "yellow"
    state = "closed" if session.closed else "open — interrupted"
    if session.addenda:
        n = len(session.addenda)
        state += f" · {n} addend{'um' if n == 1 else 'a'}"
    withdrawn = sum(i.is_withdrawn for i in invoked)
    return (
        cell(_when(session.started_at, timezone)),
        make(session.kind.value, ""),
        make(state, style),
        make(f"{sessions.steps_covered(session)} of {len(session.steps)}", ""),
        make(str(made), ""),
        make(f"{len(invoked)}" + (f" ({withdrawn} withdrawn)" if withdrawn else ""), ""),
    )


def invocation_row(i: Invocation, timezone: Zone) -> Row:
    """One row of the invocations table: when, the step, the reason, whether in force."""
    style = "dim" if i.is_withdrawn else ""
    state = "in force"
    if i.withdrawn_at is not None:
        day = i.withdrawn_at.in_timezone(timezone).date()
        state = f"withdrawn {day}: {one_line(i.withdrawn_reason, 40)}"
    return (
        cell(_when(i.invoked_at, timezone), style),
        cell(f"{i.step_index + 1}. {one_line(i.step_text, 44)} (v{i.agreement_version})", style),
        cell(one_line(i.reason, 36), style),
        cell(state, "dim" if i.is_withdrawn else "bold"),
    )


def session_rows(
    ordered: Sequence[Session],
    invocations: Sequence[Invocation],
    made: Mapping[str | None, int],
    timezone: Zone,
) -> list[Row]:
    """The sessions table, in the order given; each session's invocations are found through
    one index by session id, not by a scan of them all per session. After the date, cells of
    the same text are made once (kinds, states, counts repeat; ``lay_out`` copies each into
    its line): some 330 cells for 300 rows instead of 1,800."""
    zone = pendulum.timezone(timezone) if isinstance(timezone, str) else timezone
    invoked: dict[str | None, list[Invocation]] = {}
    for i in invocations:
        invoked.setdefault(i.session_id, []).append(i)
    shared: dict[tuple[str, str], Cell] = {}

    def make(text: str, style: str) -> Cell:
        found = shared.get((text, style))
        if found is None:
            found = shared[text, style] = cell(text, style)
        return found

    return [session_row(s, zone, made.get(s.id, 0), invoked.get(s.id, ()), make) for s in ordered]


def invocation_rows(invocations: Sequence[Invocation], timezone: Zone) -> list[Row]:
    """The rows of ``invocations``, dates in ``timezone``."""
    zone = pendulum.timezone(timezone) if isinstance(timezone, str) else timezone
    return [invocation_row(i, zone) for i in invocations]


def trends_text(
    found: Iterable[Session], agreed: Agreement | None, timezone: str | None = None
) -> Text:
    """Attainment over time, one line per quota line of the agreement in force, dated where
    the manager is (``timezone``)."""
    text = Text()
    for line in agreed.quota_lines if agreed else []:
        points = sessions.attainment_history(found, line.id, timezone)
        if not points:
            continue
        values = [v for _, v in points]
        text.append(f"{one_line(line.label, 24):<24} ", style="bold")
        text.append(sparkline(values), style="green" if values[-1] >= 1 else "yellow")
        text.append(
            f"  last {values[-1]:.0%} on {points[-1][0]} · {len(values)} sessions\n", style="dim"
        )
    return text


@dataclass
class Loaded:
    """A rep's history as the worker hands it to the screen, the table rows made already."""

    sessions: list[Session]  # newest first
    invocations: list[Invocation]  # newest first
    made: Counter[str | None]  # commitments made, per session id
    sessions_table: Laid
    invocations_table: Laid
    trends: Text
    #: the signal set aside, with the reasons, newest first
    snoozes: list[Snooze] = field(default_factory=list)
    #: the rep's talking points (issue 18), newest first
    points: list[TalkingPoint] = field(default_factory=list)


def loaded(
    found: Iterable[Session],
    invoked: Iterable[Invocation],
    made: Counter[str | None],
    agreed: Agreement | None,
    *,
    rep_id: str,
    timezone: str,
    snoozes: Iterable[Snooze] = (),
) -> Loaded:
    """The rep's history laid out from what was read: sessions, invocations, trends, and the
    times the accountability signal was snoozed."""
    zone = pendulum.timezone(timezone)
    ordered = sessions.history(found, rep_id)
    newest = sorted(invoked, key=lambda i: i.invoked_at, reverse=True)
    return Loaded(
        sessions=ordered,
        invocations=newest,
        made=made,
        sessions_table=lay_out(SESSION_COLUMNS, session_rows(ordered, newest, made, zone)),
        invocations_table=lay_out(INVOCATION_COLUMNS, invocation_rows(newest, zone)),
        trends=trends_text(ordered, agreed, timezone),
        snoozes=sorted(snoozes, key=lambda z: z.at, reverse=True),
    )


def snoozes_text(snoozes: Sequence[Snooze], timezone: Zone) -> Text:
    """The times the signal was set aside, newest first: the day, the reason, the evidence."""
    text = Text()
    for z in snoozes:
        day = z.at.in_timezone(timezone).date()
        text.append(f"Signal snoozed {day}: ", style="bold")
        text.append(one_line(z.reason, 70))
        if z.evidence:
            text.append(f" (set aside: {one_line('; '.join(z.evidence), 70)})", style="dim")
        text.append("\n")
    text.rstrip()
    return text


def read_history(store: Store, rep_id: str, timezone: str) -> Loaded:
    """A rep's history read from ``store`` and laid out, for a worker (raises StoreError).
    Commitments are only counted here (from the stored documents, none decoded): a session's
    own are read when it is opened."""
    made: Counter[str | None] = Counter()

    def count(docs: list[dict[str, Any]]) -> list[dict[str, Any]]:
        made.update(doc.get("session_id") for doc in docs)
        return []

    found = store.where(Session, rep_id=rep_id)
    invoked = store.where(Invocation, rep_id=rep_id)
    store.pick(Commitment, count, rep_id=rep_id)
    agreed = latest_agreed(store.pick(Agreement, current_documents, rep_id=rep_id), rep_id)
    snoozed = store.where(Snooze, rep_id=rep_id)
    history = loaded(
        found, invoked, made, agreed, rep_id=rep_id, timezone=timezone, snoozes=snoozed
    )
    history.points = sorted(
        store.where(TalkingPoint, rep_id=rep_id), key=lambda p: p.created_at, reverse=True
    )
    return history


def points_text(points: Sequence[TalkingPoint], rep_name: str, timezone: str) -> Text:
    """The rep's talking points for the history, newest first: still to raise (and how often
    carried), or discussed on a date with what was said."""
    from oneonone.core.talking_points import point_line

    text = Text()
    waiting = sum(p.is_pending for p in points)
    text.append(f"Talking points · {waiting} to raise next time\n", style="bold")
    for p in points[:6]:
        line = visible(point_line(p, rep_name), one_line=True)
        if p.is_pending:
            text.append(f"• {line}\n")
            continue
        day = (p.closed_at or p.created_at).in_timezone(timezone).format("YYYY-MM-DD")
        text.append(f"✓ {day} {line}", style="dim")
        if p.note:
            text.append(f" — {visible(p.note, one_line=True)}", style="dim italic")
        text.append("\n")
    if len(points) > 6:
        text.append(f"and {len(points) - 6} more\n", style="dim")
    text.rstrip()
    return text


class SessionTable(LinedTable):
    """The rep's one-on-ones, newest first, one line a row."""

    USER_ACTIONS = actions.SESSION_TABLE_ACTIONS
    BINDINGS = actions.bindings(actions.SESSION_TABLE_ACTIONS)


class InvocationTable(LinedTable):
    """The rep's invocations, one line a row."""

    USER_ACTIONS = actions.INVOCATION_TABLE_ACTIONS
    BINDINGS = actions.bindings(actions.INVOCATION_TABLE_ACTIONS)


class HistoryScreen(Screen[None]):
    """A rep's sessions (Enter opens one read-only) and invocations (``w`` withdraws one with a
    reason: posts ``SaveRequested([invocation])``)."""

    USER_ACTIONS = actions.HISTORY_ACTIONS
    BINDINGS = actions.bindings(actions.HISTORY_ACTIONS)

    DEFAULT_CSS = """
    HistoryScreen #history-title { height: 1; padding: 0 2; text-style: bold; color: $accent; }
    HistoryScreen #trends { height: auto; max-height: 8; padding: 0 2; display: none; }
    HistoryScreen #points { height: auto; max-height: 7; padding: 0 2; display: none; }
    HistoryScreen DataTable { border: round $surface-lighten-2; margin: 0 1; }
    HistoryScreen DataTable:focus { border: round $accent; }
    HistoryScreen #sessions { height: 1fr; }
    HistoryScreen #invocations { height: auto; max-height: 12; }
    HistoryScreen .empty-note { padding: 1 2; color: $text-muted; }
    HistoryScreen #snoozes { height: auto; max-height: 4; padding: 0 2; display: none; }
    """

    def __init__(
        self, rep: Rep, settings: TeamSettings, store: Store, history: Loaded | None = None
    ) -> None:
        """``history``, read already (``read_history``), is shown in the first frame; without
        it the screen reads it itself, after its first frame."""
        super().__init__()
        self._given = history
        self.rep = rep
        self.settings = settings
        self.store = store
        self.sessions: list[Session] = []
        self.invocations: list[Invocation] = []
        self.made: Counter[str | None] = Counter()
        self.points: list[TalkingPoint] = []
        self.loaded = False
        self._viewing: SessionViewScreen | None = None
        self._keys: tuple[bool | None, ...] = ()  # what refresh_keys showed last

    def compose(self) -> ComposeResult:
        """The header, the title, the sessions, the invocations, the trends and the footer."""
        yield Header()
        yield Static(plain(f"History with {self.rep.name}"), id="history-title")
        yield Static("", id="trends")
        yield Static("", id="points")
        yield SessionTable(id="sessions", cursor_type="row", zebra_stripes=True)
        yield Static("", id="sessions-empty", classes="empty-note")
        yield InvocationTable(id="invocations", cursor_type="row", zebra_stripes=True)
        yield Static("", id="invocations-empty", classes="empty-note")
        yield Static("", id="snoozes")
        yield KeyFooter()

    def on_mount(self) -> None:
        """The tables titled and focused; the history shown if it was given, else read."""
        table = self.query_one(SessionTable)
        table.border_title = "One-on-ones, newest first"
        table.show(lay_out(SESSION_COLUMNS, []))
        invoked = self.query_one(InvocationTable)
        invoked.border_title = "Consequences invoked, newest first"
        invoked.show(lay_out(INVOCATION_COLUMNS, []))
        self.query_one("#sessions-empty").display = False
        self.query_one("#invocations-empty").display = False
        table.focus()
        given, self._given = self._given, None
        if given is None:
            self.load()
        else:
            self.show(given)

    @work(thread=True, exclusive=True, group="history-load")
    def load(self) -> None:
        """Read and lay out the rep's history off the UI thread, when it was not given."""
        try:
            history = read_history(self.store, self.rep.id, self.settings.timezone)
        except StoreError as exc:
            self.app.call_from_thread(self.notify, str(exc), severity="error", markup=False)
            return
        self.app.call_from_thread(self.show, history)

    def show(self, history: Loaded) -> None:
        """Show ``history``, read and laid out: the sessions, the invocations and the trends."""
        self.sessions = history.sessions
        self.invocations = history.invocations
        self.made = history.made
        self.points = history.points
        self.loaded = True
        trends = self.query_one("#trends", Static)
        trends.display = bool(history.trends.plain)
        trends.update(history.trends)
        snoozed = self.query_one("#snoozes", Static)
        snoozed.display = bool(history.snoozes)
        snoozed.update(snoozes_text(history.snoozes, pendulum.timezone(self.settings.timezone)))
        shown = [p for p in history.points if not (p.private and services(self).private_hidden)]
        points = self.query_one("#points", Static)
        points.display = bool(shown)
        points.update(points_text(shown, self.rep.name, self.settings.timezone))
        self.fill(history.sessions_table, history.invocations_table)

    def refresh_tables(self) -> None:
        """Show ``sessions`` and ``invocations`` again, after one of them changed."""
        zone = pendulum.timezone(self.settings.timezone)
        self.fill(
            lay_out(
                SESSION_COLUMNS, session_rows(self.sessions, self.invocations, self.made, zone)
            ),
            lay_out(INVOCATION_COLUMNS, invocation_rows(self.invocations, zone)),
        )

    def fill(self, sessions_table: Laid, invocations_table: Laid) -> None:
        """Both tables, every row at once: 311 rows cost DataTable ~10 ms; a screenful first
        and the rest after the first frame had the rows in view painted twice (DataTable's
        caches go with each row added), and the whole table shown ~40 ms later."""
        table = self.query_one(SessionTable)
        invoked_table = self.query_one(InvocationTable)
        table.show(sessions_table)
        invoked_table.show(invocations_table)

        name = visible(self.rep.name, one_line=True)
        in_force = sum(not i.is_withdrawn for i in self.invocations)
        title = Text(f"History with {name}", style="bold")
        title.append(
            f" · {len(self.sessions)} one-on-one{'' if len(self.sessions) == 1 else 's'}"
            f" · {in_force} consequence{'' if in_force == 1 else 's'} in force",
            style="",
        )
        self.query_one("#history-title", Static).update(title)
        empty = self.query_one("#sessions-empty", Static)
        empty.update(
            plain(f"No one-on-ones with {name} yet: press n on the roster or home to start one.")
        )
        empty.display = not self.sessions
        table.display = bool(self.sessions)
        none_invoked = self.query_one("#invocations-empty", Static)
        none_invoked.update(plain(f"No consequence step invoked with {name}."))
        none_invoked.display = not self.invocations
        invoked_table.display = bool(self.invocations)
        if not self.sessions and self.invocations:
            invoked_table.focus()
        self.refresh_keys()

    def refresh_keys(self) -> None:
        """Have the footer show the keys again only if one of this screen's changed: the
        Footer rebuilds all its keys for each refresh asked (8-12 ms), and each fill of the
        tables highlights a row, which asked for one more rebuild each time."""
        keys = (
            self.loaded,
            self.check_action("withdraw", ()),
            self.check_action("switch_list", ()),
        )
        if keys != self._keys:
            self._keys = keys
            self.refresh_bindings()

    # -- selection ----------------------------------------------------------------------------

    @property
    def selected_session(self) -> Session | None:
        """The one-on-one under the cursor, or None (None too while the table is not there)."""
        try:
            row = self.query_one(SessionTable).cursor_row
        except NoMatches:
            return None
        return self.sessions[row] if 0 <= row < len(self.sessions) else None

    @property
    def selected_invocation(self) -> Invocation | None:
        """The invocation under the cursor, or None (None too while the table is not there)."""
        try:
            row = self.query_one(InvocationTable).cursor_row
        except NoMatches:
            return None
        return self.invocations[row] if 0 <= row < len(self.invocations) else None

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Nothing but Back until the history is read; then the registry's rules for each action."""
        if not self.loaded and action != "back":
            return None
        chosen = self.selected_invocation
        selected = chosen is not None and not chosen.is_withdrawn
        if actions.blocked(
            actions.INVOCATION_TABLE_ACTIONS,
            f"screen.{action}",
            selected=selected,
            writable=not self.store.read_only,
        ):
            return None
        if action == "switch_list":
            return True if self.sessions and self.invocations else None
        return True

    def on_data_table_row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        """The keys shown again: the invocation highlighted may be withdrawn already."""
        self.refresh_keys()  # withdraw: the invocation highlighted may be withdrawn already

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        """Enter on a one-on-one's row opens it."""
        event.stop()
        if event.data_table.id == "sessions":
            self.open_session()

    def on_screen_resume(self) -> None:
        """Back from a one-on-one viewed: its row shown again (an addendum may have been added)."""
        viewed, self._viewing = self._viewing, None
        if viewed is not None:  # an addendum may have been added there
            self.sessions = [
                viewed.session if s.id == viewed.session.id else s for s in self.sessions
            ]
            self.refresh_tables()

    # -- actions ------------------------------------------------------------------------------

    def action_export(self) -> None:
        """The rep's sessions exported to files the user chooses."""
        services(self).export_sessions(self.rep)

    def action_back(self) -> None:
        """Back to the screen before."""
        self.dismiss(None)

    def action_switch_list(self) -> None:
        """The focus from one list to the other."""
        sessions_table = self.query_one(SessionTable)
        if sessions_table.has_focus:
            self.query_one(InvocationTable).focus()
        else:
            sessions_table.focus()

    def open_session(self) -> None:
        """The one-on-one under the cursor, read and shown."""
        chosen = self.selected_session
        if chosen is not None:
            self._read_and_view(chosen)

    @work(thread=True, exclusive=True, group="history-open")
    def _read_and_view(self, chosen: Session) -> None:
        """The rep's commitments are read now (those made in the session, and the earlier
        ones it reviewed), off the UI thread, which never waits for a save in progress; then
        the session is shown."""
        try:
            made = self.store.where(Commitment, rep_id=self.rep.id)
        except StoreError as exc:
            self.app.call_from_thread(self.notify, str(exc), severity="error", markup=False)
            return
        self.app.call_from_thread(self._view, chosen, made)

    def _view(self, chosen: Session, made: list[Commitment]) -> None:
        if self.app.screen is not self:
            return  # gone back, or a session opened already (Enter pressed twice)
        self._viewing = SessionViewScreen(
            chosen,
            rep=self.rep,
            settings=self.settings,
            commitments=made,
            invocations=self.invocations,
            read_only=self.store.read_only,
            talking_points=self.points,
        )
        self.app.push_screen(self._viewing)

    def action_withdraw(self) -> None:
        """The invocation under the cursor withdrawn, with a reason asked for."""
        chosen = self.selected_invocation
        if chosen is None or chosen.is_withdrawn:
            return
        if self.store.read_only:
            self.notify(READ_ONLY_MESSAGE, severity="warning")
            return

        def answered(reason: str | None) -> None:
            if reason is None:
                return
            try:
                withdrawn = sessions.withdraw(chosen, reason, pendulum.now("UTC"))
            except FieldError as exc:
                self.notify(str(exc), severity="error", markup=False)
                return
            self.invocations = [withdrawn if i.id == chosen.id else i for i in self.invocations]
            self.refresh_tables()
            self.post_message(
                SaveRequested([withdrawn], "Invocation withdrawn; it stays on record.")
            )

        self.app.push_screen(
            TextLineForm(
                f"Withdraw step {chosen.step_index + 1}: why?",
                "",
                hint="It stays on record, marked withdrawn with your reason; "
                "the step can be invoked again.",
            ),
            answered,
        )

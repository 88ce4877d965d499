"""A rep's history: their one-on-ones newest first, each opened read-only, and their invocations.

A closed session is the record the manager trusts later, so it is shown, never edited: the only
change it takes is a dated addendum. An invocation is withdrawn with a reason, never deleted.
Screens never write to disk: changes go up to the App as ``SaveRequested``.
"""

from __future__ import annotations

from collections.abc import Sequence

import pendulum
from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Header, Markdown, Static

from oneonone.actions import hidden
from oneonone.core import sessions
from oneonone.core.agreements import latest_agreed
from oneonone.core.errors import FieldError
from oneonone.core.export.escape import inline
from oneonone.core.model import (
    Agreement,
    Commitment,
    CommitmentState,
    Invocation,
    Owner,
    Rep,
    Session,
    TeamSettings,
)
from oneonone.core.store import Store, StoreError
from oneonone.messages import SaveRequested
from oneonone.screens.line_forms import TextLineForm
from oneonone.widgets.text import one_line, plain, sparkline, visible

READ_ONLY_MESSAGE = "Read-only: nothing can be saved here."


def _when(moment: pendulum.DateTime, timezone: str) -> str:
    return moment.in_timezone(timezone).format("ddd YYYY-MM-DD HH:mm")


def _minutes(session: Session) -> int | None:
    if session.ended_at is None:
        return None
    return max(0, round((session.ended_at - session.started_at).total_seconds() / 60))


def in_session(records: Sequence[Commitment], session_id: str) -> list[Commitment]:
    return [c for c in records if c.session_id == session_id]


def invocations_in(records: Sequence[Invocation], session_id: str) -> list[Invocation]:
    return sorted((i for i in records if i.session_id == session_id), key=lambda i: i.invoked_at)


# --- one session as a document -------------------------------------------------------------------

NOTHING = "*(nothing written)*"


def text_block(text: str) -> str:
    """Notes as typed, line by line, as literal text: Markdown in them is shown, not run, so
    no note can add a heading or swallow the rest of the record."""
    if not text.strip():
        return NOTHING
    paragraphs: list[list[str]] = [[]]
    for line in text.replace("\r\n", "\n").replace("\r", "\n").split("\n"):
        if line.strip():
            paragraphs[-1].append(inline(line))
        elif paragraphs[-1]:
            paragraphs.append([])
    return "\n\n".join("\\\n".join(p) for p in paragraphs if p)


def invocation_line(i: Invocation, timezone: str) -> str:
    parts = [
        f"**Step {i.step_index + 1} of v{i.agreement_version}**, {_when(i.invoked_at, timezone)}: "
        f"“{inline(i.step_text)}”",
        f"reason: {inline(i.reason)}",
    ]
    if i.out_of_order_reason:
        parts.append(f"not the next step, because: {inline(i.out_of_order_reason)}")
    if i.evidence:
        parts.append("evidence: " + "; ".join(inline(e) for e in i.evidence))
    gaps = sessions.self_check_gaps(i.self_check)
    parts.append(
        "self-check: answered no to " + " ".join(inline(g) for g in gaps)
        if gaps
        else "self-check: all yes"
    )
    if i.withdrawn_at is not None:
        parts.append(
            f"**withdrawn** {_when(i.withdrawn_at, timezone)}: {inline(i.withdrawn_reason)}"
        )
    return "- " + " · ".join(parts)


def session_markdown(
    session: Session,
    *,
    rep: Rep,
    settings: TeamSettings,
    commitments: Sequence[Commitment],
    invocations: Sequence[Invocation],
    show_private: bool,
) -> str:
    """The session as a read-only Markdown document; every piece of user text is escaped."""
    tz = settings.timezone
    title = session.script_name or session.kind.value.capitalize()
    out = [f"# {inline(title)} with {inline(rep.name)}", ""]
    facts = [f"**{_when(session.started_at, tz)}**", session.kind.value]
    minutes = _minutes(session)
    if minutes is not None:
        facts.append(f"{minutes} min")
    if session.agreement_version is not None:
        facts.append(f"agreement v{session.agreement_version}")
    facts.append("closed, read-only" if session.closed else "open — interrupted, never ended")
    out += [" · ".join(facts), ""]
    if not session.closed:
        out += [
            "*This one-on-one was never ended: resume it to go on. An addendum comes after "
            "it is closed.*",
            "",
        ]

    covered = sum(s.covered for s in session.steps)
    out += [f"## The script: {covered} of {len(session.steps)} steps covered", ""]
    if not session.steps:
        out += ["*(no script steps)*", ""]
    for n, step in enumerate(session.steps, 1):
        mark = "✓" if step.covered else "·"
        out += [f"### {mark} {n}\\. {inline(step.title)}", "", text_block(step.notes), ""]

    out += ["## Numbers against quota", ""]
    if session.numbers:
        out += [f"- {inline(sessions.number_text(n))}" for n in session.numbers]
    else:
        out.append("*(no numbers entered)*")
    out.append("")

    made = in_session(commitments, session.id)
    out += ["## Commitments made", ""]
    if made:
        for c in made:
            whose = "Yours" if c.owner is Owner.MANAGER else inline(f"{rep.name}'s")
            facts = [f"due {c.due.isoformat()}" if c.due else "no due date"]
            if c.carried:
                facts.append(f"carried ×{c.carried}")
            state = c.state.value
            if c.state is CommitmentState.DROPPED and c.drop_reason:
                state += f" ({inline(c.drop_reason)})"
            facts.append(state)
            out.append(f"- **{whose}:** {inline(c.text)} · " + " · ".join(facts))
    else:
        out.append("*(none)*")
    out.append("")

    invoked = invocations_in(invocations, session.id)
    out += ["## Consequences invoked", ""]
    out += [invocation_line(i, tz) for i in invoked] if invoked else ["*(none)*"]
    out.append("")

    out += ["## Free notes", "", text_block(session.notes), ""]
    out += ["## Private notes", ""]
    if not session.private_notes.strip():
        out.append(NOTHING)
    elif show_private:
        out += [
            "*Private: kept out of exports. Press p to hide.*",
            "",
            text_block(session.private_notes),
        ]
    else:
        out.append("*Hidden, since they are private: press p to show them.*")
    out.append("")

    out += ["## Addenda", ""]
    if session.addenda:
        out += [f"- **{_when(a.at, tz)}** {inline(a.text)}" for a in session.addenda]
    else:
        out.append("*(none)*" + (" · press a to add a dated addendum" if session.closed else ""))
    out.append("")
    return "\n".join(out)


class SessionViewScreen(Screen[None]):
    """One session, read-only. ``a`` appends a dated addendum to a closed session (posts
    ``SaveRequested([session])``); ``self.session`` always holds the latest copy."""

    BINDINGS = [
        Binding("a", "addendum", "Addendum"),
        Binding("p", "toggle_private", "Private notes"),
        Binding("x", "export", "Export"),
        Binding("escape", "back", "Back"),
        Binding("j,down", "scroll(1)", show=False),
        Binding("k,up", "scroll(-1)", show=False),
    ]

    DEFAULT_CSS = """
    SessionViewScreen #view-title { height: 1; padding: 0 2; text-style: bold; color: $accent; }
    SessionViewScreen #view-scroll { height: 1fr; padding: 0 1; }
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
    ) -> None:
        super().__init__()
        self.session = session
        self.rep = rep
        self.settings = settings
        self.commitments = list(commitments)
        self.invocations = list(invocations)
        self.read_only = read_only
        self.show_private = False

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static(self._title(), id="view-title")
        with VerticalScroll(id="view-scroll"):
            yield Markdown(self.document(), id="view-doc")
        yield Footer(compact=True)

    def on_mount(self) -> None:
        self.query_one("#view-scroll").focus()

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
        )

    def refresh_view(self) -> None:
        self.query_one("#view-doc", Markdown).update(self.document())
        self.refresh_bindings()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "addendum":
            return True if self.session.closed and not self.read_only else None
        return True

    def action_export(self) -> None:
        self.app.export_sessions(self.rep, self.session)  # type: ignore[attr-defined]

    def action_back(self) -> None:
        self.dismiss(None)

    def action_scroll(self, step: int) -> None:
        self.query_one("#view-scroll", VerticalScroll).scroll_relative(y=step, animate=False)

    def action_toggle_private(self) -> None:
        self.show_private = not self.show_private
        self.refresh_view()

    def action_addendum(self) -> None:
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


class SessionTable(DataTable[Text]):
    BINDINGS = [
        Binding("enter", "select_cursor", "Open"),
        hidden("j", "cursor_down"),
        hidden("k", "cursor_up"),
    ]


class InvocationTable(DataTable[Text]):
    BINDINGS = [
        Binding("w", "screen.withdraw", "Withdraw"),
        hidden("j", "cursor_down"),
        hidden("k", "cursor_up"),
    ]


class HistoryScreen(Screen[None]):
    """A rep's sessions (Enter opens one read-only) and invocations (``w`` withdraws one with a
    reason: posts ``SaveRequested([invocation])``)."""

    BINDINGS = [
        Binding("tab", "switch_list", "Sessions / invocations"),
        Binding("x", "export", "Export"),
        Binding("escape", "back", "Back"),
    ]

    DEFAULT_CSS = """
    HistoryScreen #history-title { height: 1; padding: 0 2; text-style: bold; color: $accent; }
    HistoryScreen #trends { height: auto; max-height: 8; padding: 0 2; display: none; }
    HistoryScreen DataTable { border: round $surface-lighten-2; margin: 0 1; }
    HistoryScreen DataTable:focus { border: round $accent; }
    HistoryScreen #sessions { height: 1fr; }
    HistoryScreen #invocations { height: auto; max-height: 12; }
    HistoryScreen .empty-note { padding: 1 2; color: $text-muted; }
    """

    def __init__(self, rep: Rep, settings: TeamSettings, store: Store) -> None:
        super().__init__()
        self.rep = rep
        self.settings = settings
        self.store = store
        self.sessions: list[Session] = []
        self.invocations: list[Invocation] = []
        self.commitments: list[Commitment] = []
        self.loaded = False
        self._viewing: SessionViewScreen | None = None

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static(plain(f"History with {self.rep.name}"), id="history-title")
        yield Static("", id="trends")
        yield SessionTable(id="sessions", cursor_type="row", zebra_stripes=True)
        yield Static("", id="sessions-empty", classes="empty-note")
        yield InvocationTable(id="invocations", cursor_type="row", zebra_stripes=True)
        yield Static("", id="invocations-empty", classes="empty-note")
        yield Footer(compact=True)

    def on_mount(self) -> None:
        table = self.query_one(SessionTable)
        table.border_title = "One-on-ones, newest first"
        for label in ("When", "Kind", "State", "Steps", "Commitments", "Invoked"):
            table.add_column(plain(label))
        invoked = self.query_one(InvocationTable)
        invoked.border_title = "Consequences invoked, newest first"
        for label in ("When", "Step", "Reason", "State"):
            invoked.add_column(plain(label))
        self.query_one("#sessions-empty").display = False
        self.query_one("#invocations-empty").display = False
        table.focus()
        self.load()

    @work(thread=True, exclusive=True, group="history-load")
    def load(self) -> None:
        try:
            found = self.store.where(Session, rep_id=self.rep.id)
            invoked = self.store.where(Invocation, rep_id=self.rep.id)
            made = self.store.where(Commitment, rep_id=self.rep.id)
            agreed = latest_agreed(self.store.where(Agreement, rep_id=self.rep.id), self.rep.id)
        except StoreError as exc:
            self.app.call_from_thread(self.notify, str(exc), severity="error", markup=False)
            return
        self.app.call_from_thread(self.show, found, invoked, made)
        self.app.call_from_thread(self.show_trends, found, agreed)

    def show_trends(self, found: list[Session], agreed: Agreement | None) -> None:
        """Attainment over time, one line per quota line of the agreement in force."""
        text = Text()
        for line in agreed.quota_lines if agreed else []:
            points = sessions.attainment_history(found, line.id)
            if not points:
                continue
            values = [v for _, v in points]
            text.append(f"{one_line(line.label, 24):<24} ", style="bold")
            text.append(sparkline(values), style="green" if values[-1] >= 1 else "yellow")
            text.append(f"  last {values[-1]:.0%} on {points[-1][0]} · {len(values)} sessions\n",
                        style="dim")  # fmt: skip
        trends = self.query_one("#trends", Static)
        trends.display = bool(text.plain)
        trends.update(text)

    def show(
        self,
        found: list[Session],
        invoked: list[Invocation],
        made: list[Commitment],
    ) -> None:
        self.sessions = sessions.history(found, self.rep.id)
        self.invocations = sorted(invoked, key=lambda i: i.invoked_at, reverse=True)
        self.commitments = made
        self.loaded = True
        self.refresh_tables()

    def refresh_tables(self) -> None:
        tz = self.settings.timezone
        table = self.query_one(SessionTable)
        keep = table.cursor_row
        table.clear()
        for s in self.sessions:
            style = "" if s.closed else "yellow"
            state = "closed" if s.closed else "open — interrupted"
            if s.addenda:
                state += f" · {len(s.addenda)} addend{'um' if len(s.addenda) == 1 else 'a'}"
            invoked = invocations_in(self.invocations, s.id)
            withdrawn = sum(i.is_withdrawn for i in invoked)
            table.add_row(
                plain(_when(s.started_at, tz)),
                plain(s.kind.value),
                plain(state, style),
                plain(f"{sum(st.covered for st in s.steps)} of {len(s.steps)}"),
                plain(str(len(in_session(self.commitments, s.id)))),
                plain(f"{len(invoked)}" + (f" ({withdrawn} withdrawn)" if withdrawn else "")),
            )
        if self.sessions:
            table.move_cursor(row=min(keep, len(self.sessions) - 1))

        invoked_table = self.query_one(InvocationTable)
        keep = invoked_table.cursor_row
        invoked_table.clear()
        for i in self.invocations:
            style = "dim" if i.is_withdrawn else ""
            state = "in force"
            if i.withdrawn_at is not None:
                day = i.withdrawn_at.in_timezone(tz).date()
                state = f"withdrawn {day}: {one_line(i.withdrawn_reason, 40)}"
            invoked_table.add_row(
                plain(_when(i.invoked_at, tz), style),
                plain(
                    f"{i.step_index + 1}. {one_line(i.step_text, 44)} (v{i.agreement_version})",
                    style,
                ),
                plain(one_line(i.reason, 36), style),
                plain(state, "dim" if i.is_withdrawn else "bold"),
            )
        if self.invocations:
            invoked_table.move_cursor(row=min(keep, len(self.invocations) - 1))

        name = self.rep.name
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
        self.refresh_bindings()

    # -- selection ----------------------------------------------------------------------------

    @property
    def selected_session(self) -> Session | None:
        row = self.query_one(SessionTable).cursor_row
        return self.sessions[row] if 0 <= row < len(self.sessions) else None

    @property
    def selected_invocation(self) -> Invocation | None:
        row = self.query_one(InvocationTable).cursor_row
        return self.invocations[row] if 0 <= row < len(self.invocations) else None

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if not self.loaded and action != "back":
            return None
        if action == "withdraw":
            chosen = self.selected_invocation
            if self.store.read_only or chosen is None or chosen.is_withdrawn:
                return None
        if action == "switch_list":
            return True if self.sessions and self.invocations else None
        return True

    def on_data_table_row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        self.refresh_bindings()

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        event.stop()
        if event.data_table.id == "sessions":
            self.open_session()

    def on_screen_resume(self) -> None:
        viewed, self._viewing = self._viewing, None
        if viewed is not None:  # an addendum may have been added there
            self.sessions = [
                viewed.session if s.id == viewed.session.id else s for s in self.sessions
            ]
            self.refresh_tables()

    # -- actions ------------------------------------------------------------------------------

    def action_export(self) -> None:
        self.app.export_sessions(self.rep)  # type: ignore[attr-defined]

    def action_back(self) -> None:
        self.dismiss(None)

    def action_switch_list(self) -> None:
        sessions_table = self.query_one(SessionTable)
        if sessions_table.has_focus:
            self.query_one(InvocationTable).focus()
        else:
            sessions_table.focus()

    def open_session(self) -> None:
        chosen = self.selected_session
        if chosen is None:
            return
        self._viewing = SessionViewScreen(
            chosen,
            rep=self.rep,
            settings=self.settings,
            commitments=self.commitments,
            invocations=self.invocations,
            read_only=self.store.read_only,
        )
        self.app.push_screen(self._viewing)

    def action_withdraw(self) -> None:
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

"""Home: everything that needs the manager, most urgent first."""

from __future__ import annotations

from dataclasses import dataclass, replace

import pendulum
from rich.text import Text
from textual.app import ComposeResult
from textual.css.query import NoMatches
from textual.screen import Screen
from textual.widgets import DataTable, Header, Static

from oneonone import actions
from oneonone.core import schedule
from oneonone.core.agenda import (
    OPEN_SESSION,
    SIGNAL,
    AgendaInput,
    AgendaItem,
    build_agenda,
    humanize,
)
from oneonone.core.dates import today_in
from oneonone.core.errors import FieldError
from oneonone.core.model import Invocation, Rep, Review, ReviewScope, SessionKind, Snooze
from oneonone.messages import SaveRequested
from oneonone.perf.footer import key_states
from oneonone.ports import services
from oneonone.widgets.footer import KeyFooter
from oneonone.widgets.lined_table import Laid, LinedTable, Row, cell, lay_out
from oneonone.widgets.text import one_line, plain

COLUMNS = ("When", "Date", "", "What", "Rep")
EMPTY = plain(
    "Nothing needs you in the next two weeks: the team is up to date.\n\n"
    "r shows the roster · ctrl+p lists every action"
)
REVIEW_KINDS = {"review"}
#: The agenda's What column: a longer title is shown whole under the agenda when highlighted.
TITLE_WIDTH = 56
REP_KINDS = {
    "review",
    "no agreement",
    "agreement overdue",
    "draft",
    "takeover",
    "onboarding",
    "commitment",
}
KIND_LABEL = {
    SIGNAL: "Slipping",
    OPEN_SESSION: "Open 1:1",
    "review": "Review",
    "no agreement": "No agreement",
    "agreement overdue": "Overdue",
    "draft": "Draft",
    "onboarding": "Onboarding",
    "commitment": "Commitment",
    "takeover": "New leader",
}


@dataclass(frozen=True)
class AgendaView:
    """Home's agenda laid out, ready to show: made in a worker after a save."""

    data: AgendaInput
    invocations: list[Invocation]
    items: list[AgendaItem]
    laid: Laid
    title: Text
    #: the manager's own commitments past their date across the team (a line of its own,
    #: above the agenda: the agenda's rows are each a rep's or a review's)
    own: str = ""


def agenda_view(data: AgendaInput, invocations: list[Invocation]) -> AgendaView:
    """The agenda of ``data`` today where the manager is: its rows laid out in one line each
    (a director's hundred reps: ~140 rows), and the title line."""
    today = today_in(data.settings.timezone)
    everything = build_agenda(replace(data, invocations=list(invocations)), today)
    own = next((i.title for i in everything if i.kind == SIGNAL and i.rep_id is None), "")
    items = [i for i in everything if not (i.kind == SIGNAL and i.rep_id is None)]
    reps = {r.id: r for r in data.reps}
    laid = lay_out(
        COLUMNS, [agenda_row(item, reps.get(item.rep_id or ""), today) for item in items]
    )
    title = title_text(data, items, invocations, today)
    return AgendaView(data, invocations, items, laid, title, own)


def agenda_row(item: AgendaItem, rep: Rep | None, today: pendulum.Date) -> Row:
    """One row of the agenda: when, the date, the kind, what, and whose."""
    style = "bold $error" if item.overdue else ("bold" if item.when == today else "")
    return (
        cell(humanize(item.when, today), style),
        cell(item.when.isoformat(), "dim"),
        cell(KIND_LABEL.get(item.kind, item.kind), "dim"),
        cell(one_line(item.title, TITLE_WIDTH)),
        cell(one_line(rep.name, 20) if rep else "team"),
    )


def title_text(
    data: AgendaInput, items: list[AgendaItem], invocations: list[Invocation], today: pendulum.Date
) -> Text:
    """Home's title line: today, how many to do and overdue, invocations in force, the new-leader
    reset."""
    reps = {r.id: r for r in data.reps}
    overdue = sum(1 for i in items if i.overdue)
    text = Text()
    # strftime, not pendulum's format(): its first use loads pendulum's locale files, a few
    # ms before the first frame. Both give English day and month names.
    text.append(f"Today, {today:%A} {today.day} {today:%B %Y}", style="bold")
    text.append(f" · {len(items)} to do", style="")
    if overdue:
        text.append(f" · {overdue} overdue", style="bold red")
    status = schedule.takeover_status(data.settings, data.reps, data.agreements, today)
    in_force = [
        i
        for i in invocations
        if not i.is_withdrawn
        and (reps.get(i.rep_id) or Rep("", today)).is_current
        and i.invoked_at.date() >= today.subtract(days=90)
    ]
    if in_force:
        last = max(in_force, key=lambda i: i.invoked_at)
        rep = reps.get(last.rep_id)
        text.append(
            f" · {len(in_force)} consequence{'s' if len(in_force) > 1 else ''} invoked in 90 "
            f"days, last: {one_line(rep.name) if rep else '?'}, step {last.step_index + 1}",
            style="bold magenta",
        )
    if status is not None and not status.complete:
        left = len(status.pending)
        when = humanize(status.deadline, today)
        text.append(
            f" · new leader: {left} of {status.total} reps still to agree ({when})",
            style="bold yellow",
        )
    return text


class AgendaTable(LinedTable):
    """Home's list of what to do, one line a row."""

    BINDINGS = actions.bindings(actions.AGENDA_TABLE_ACTIONS)


class DashboardScreen(Screen[None]):
    """Home: everything that needs the manager, most urgent first."""

    USER_ACTIONS = actions.DASHBOARD_ACTIONS
    BINDINGS = actions.bindings(actions.DASHBOARD_ACTIONS)

    def __init__(self, *, read_only: bool = False) -> None:
        super().__init__(id="dashboard")
        self.read_only = read_only
        self.items: list[AgendaItem] = []
        self.ready = False
        self._view: AgendaView | None = None
        self.presented = 0  # how many times the agenda was put in the table
        self._keys_shown: tuple[bool | None, ...] = ()
        self._title_shown: Text | None = None
        self._detail_shown = ""
        self._own_shown = ""  # the highlighted item's whole title, shown under the agenda
        self._stale = False  # new data came while another screen was on top

    def compose(self) -> ComposeResult:
        """The header, the title line, the agenda, the note shown when it is empty, the footer."""
        yield Header()
        yield Static("", id="dash-title")
        yield Static("", id="dash-own")
        yield AgendaTable(id="agenda", cursor_type="row", zebra_stripes=True)
        yield Static("", id="dash-detail")
        yield Static(EMPTY, id="dash-empty", classes="empty-note")
        yield KeyFooter()

    def on_mount(self) -> None:
        """The agenda focused and shown."""
        table = self.query_one(AgendaTable)
        table.focus()
        self.ready = True
        self.show()

    def on_screen_resume(self) -> None:
        """Back on top: the agenda that came while covered, shown now."""
        if self._stale and self._view is not None:
            self.present(self._view)

    @property
    def data(self) -> AgendaInput:
        """What the agenda is built from: the App's team (``services.team``) as home reads it."""
        return services(self).team.agenda

    @property
    def today(self) -> pendulum.Date:
        """Today where the manager is."""
        return today_in(self.data.settings.timezone)

    def rep(self, rep_id: str | None) -> Rep | None:
        """The rep with the id ``rep_id`` in the agenda's team, or None."""
        return next((r for r in self.data.reps if r.id == rep_id), None)

    # -- data in: the App's team, and a call down when it changed ------------------------------

    def show(self) -> None:
        """Show the team's agenda (laid out here, on the UI thread: the first frame, the file
        reloaded; after a save the App lays it out in a worker and calls ``present``)."""
        team = services(self).team
        self.present(agenda_view(team.agenda, team.invocations))

    def present(self, view: AgendaView) -> None:
        """Show ``view``, laid out from the team's agenda: now if this screen is on top, else
        when it is again."""
        self._view = view
        if not self.ready:
            return  # shown when first opened
        if not self.is_active:
            # Under another screen (a one-on-one saving commitments, say): Textual would still
            # lay out and paint this one beneath it. Shown when it is on top again.
            self._stale = True
            return
        self._stale = False
        self.presented += 1
        self.items = view.items
        table = self.query_one(AgendaTable)
        table.show(view.laid)
        table.display = bool(self.items)
        self.query_one("#dash-empty", Static).display = not self.items
        # A Static updated asks for a layout of the whole screen, and with it a paint of every
        # widget (the footer's keys too): ~15 ms after each save at 25,000 sessions. Only when
        # the title changed.
        if view.title != self._title_shown:
            self._title_shown = view.title
            self.query_one("#dash-title", Static).update(view.title)
        if view.own != self._own_shown:
            self._own_shown = view.own
            own = self.query_one("#dash-own", Static)
            own.update(plain(view.own))
            own.display = bool(view.own)
        keys = key_states(self)  # perf.footer
        if keys != self._keys_shown:
            self._keys_shown = keys
            self.refresh_bindings()

    def on_data_table_row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        """The highlighted item's whole line under the agenda, when its row cuts it short (an
        accountability signal quotes the rep's next step)."""
        item = self.selected
        whole = item.title if item is not None and len(item.title) > TITLE_WIDTH else ""
        if whole != self._detail_shown:
            self._detail_shown = whole
            detail = self.query_one("#dash-detail", Static)
            detail.update(plain(whole))
            detail.display = bool(whole)

    @property
    def selected(self) -> AgendaItem | None:
        """The item under the cursor, or None (also while the screen is being put together:
        the footer asks which keys apply at any time)."""
        try:
            table = self.query_one(AgendaTable)
        except NoMatches:
            return None
        if not self.items or table.cursor_row >= len(self.items):
            return None
        return self.items[table.cursor_row]

    def _review(self, item: AgendaItem | None) -> Review | None:
        if item is None or item.kind not in REVIEW_KINDS:
            return None
        return next((r for r in self.data.reviews if r.id == item.target_id), None)

    # -- actions ------------------------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """The registry's rules, with what the selected item allows."""
        selected = self._selection_for(action)
        if actions.blocked(
            self.USER_ACTIONS, action, selected=selected, writable=not self.read_only
        ):
            return None
        return True

    def _selection_for(self, action: str) -> bool:
        """Whether the selected item is one ``action`` works on: a review for Move and Held,
        a rep's item for Plan and 1:1, any item for Open."""
        item = self.selected
        if item is None:
            return False
        if action in (actions.MOVE_REVIEW.action, actions.HOLD_REVIEW.action):
            return self._review(item) is not None
        if action == actions.START_SESSION.action:
            # on the team review's row: the team's sit-down, its agreement (no rep to meet)
            return bool(item.rep_id) or self._team_review(item) is not None
        if action == actions.PLAN.action:
            return bool(item.rep_id)
        if action == actions.SNOOZE.action:
            return item.kind == SIGNAL and bool(item.rep_id)
        return True

    def _team_review(self, item: AgendaItem | None) -> Review | None:
        """The team's review, if ``item`` is its row."""
        review = self._review(item)
        return review if review is not None and review.scope is ReviewScope.TEAM else None

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        """Enter on a row opens its item."""
        event.stop()
        self.action_open_item()

    def action_open_item(self) -> None:
        """The selected item opened where it is dealt with: a plan, a commitment, a one-on-one, an
        agreement or a review."""
        item = self.selected
        if item is None:
            return
        if item.kind == SIGNAL:
            self._answer_signal(item)
        elif item.kind == "onboarding":
            self.action_open_plan()
        elif item.kind == "commitment":
            services(self).open_commitment(item.target_id)
        elif item.kind == OPEN_SESSION and (rep := self.rep(item.rep_id)) is not None:
            services(self).resume_session(rep, item.target_id)
        elif item.rep_id is not None:
            rep = self.rep(item.rep_id)
            if rep is not None:
                services(self).open_agreement(rep)
        elif self._team_review(item) is not None:
            self.action_team_agreement()  # the team review's row: what it reviews
        else:
            self.action_move_review()

    def _answer_signal(self, item: AgendaItem) -> None:
        """A rep not keeping their word: an accountability one-on-one, the evidence picked for
        F8."""
        rep = self.rep(item.rep_id)
        if rep is None:
            return
        services(self).start_session(rep, SessionKind.ACCOUNTABILITY, signal=item.evidence)

    def action_board(self) -> None:
        """The team board."""
        services(self).open_board()

    def action_snooze_signal(self) -> None:
        """The selected rep's signal set aside, with a reason asked for."""
        from oneonone.screens.snooze import SnoozeScreen

        item = self.selected
        if item is None or item.kind != SIGNAL:
            return
        rep = self.rep(item.rep_id)
        if rep is None:
            return

        def snoozed(record: Snooze | None) -> None:
            if record is not None:
                self.post_message(
                    SaveRequested(
                        [record],
                        f"The signal of {rep.name} is snoozed: new evidence brings it back.",
                    )
                )

        self.app.push_screen(SnoozeScreen(rep, item.evidence, now=pendulum.now("UTC")), snoozed)

    def action_open_plan(self) -> None:
        """The two-week plan of the selected item's rep."""
        item = self.selected
        rep = self.rep(item.rep_id) if item else None
        if rep is not None:
            services(self).open_plan(rep)

    def action_start_session(self) -> None:
        """A one-on-one with the selected item's rep; on the team review's row, the team's
        sit-down: its agreement, on the next version (there is no rep to meet one-on-one)."""
        item = self.selected
        rep = self.rep(item.rep_id) if item else None
        if rep is not None:
            services(self).start_session(rep)
        elif self._team_review(item) is not None:
            services(self).open_team_agreement(next_version=not self.read_only)

    def action_team_agreement(self) -> None:
        """The team's own agreement."""
        services(self).open_team_agreement()

    def action_roster(self) -> None:
        """The roster."""
        services(self).show_roster()

    def action_candidates(self) -> None:
        """The candidates, apart from the team."""
        services(self).open_candidates()

    def action_move_review(self) -> None:
        """The selected review moved to a date asked for."""
        from oneonone.screens.date_form import DateFormScreen

        review = self._review(self.selected)
        if review is None:
            return
        whose = self._whose(review)

        def moved(day: pendulum.Date | None) -> None:
            if day is not None and day != review.due:
                self.post_message(
                    SaveRequested([schedule.move_review(review, day)], f"Review moved to {day}.")
                )

        self.app.push_screen(
            DateFormScreen(
                f"Move the review of {whose}", "New date", today=self.today, value=review.due
            ),
            moved,
        )

    def action_hold_review(self) -> None:
        """The selected review marked held on a date asked for; the next one scheduled."""
        from oneonone.screens.date_form import DateFormScreen

        review = self._review(self.selected)
        if review is None:
            return
        rep = self.rep(review.rep_id)
        whose = self._whose(review)

        def held(day: pendulum.Date | None) -> None:
            if day is None:
                return
            try:
                done, following = schedule.hold_review(
                    review, day, settings=self.data.settings, rep=rep
                )
            except FieldError as exc:
                self.notify(str(exc), severity="error", markup=False)
                return
            self.post_message(
                SaveRequested([done, following], f"Review held; the next is due {following.due}.")
            )
            if rep is not None:  # the review leads to a new version of the agreement
                services(self).open_agreement(rep)
            elif review.scope is ReviewScope.TEAM:  # ...of the team agreement
                services(self).open_team_agreement(next_version=True, next_review=following.due)

        body = (
            "The quarterly expectations review: what changed, the quota for the new quarter, "
            "both sides' expectations, and whether the consequence steps are still right."
        )
        if review.scope is ReviewScope.REP:
            body += " The agreement opens next, for its new version."
        else:
            body += " The team agreement opens next, for its new version."
        self.app.push_screen(
            DateFormScreen(f"Held the review of {whose}", "Held on", today=self.today, body=body),
            held,
        )

    def action_takeover(self) -> None:
        """The new-leader reset from a takeover date asked for."""
        from oneonone.screens.date_form import DateFormScreen

        settings = self.data.settings

        def chosen(day: pendulum.Date | None) -> None:
            if day is None:
                return
            new_settings, inherited = schedule.start_takeover(
                settings, day, self.data.reps, self.data.agreements
            )
            self.post_message(
                SaveRequested(
                    [new_settings, *inherited],
                    f"New-leader reset from {day}: hold the expectations conversation with "
                    "every rep within two weeks.",
                )
            )

        body = (
            "A new leader starts over: hold the expectations conversation with every rep within "
            "your first two weeks, whatever the previous leader did. Their agreements are kept, "
            "marked as inherited."
        )
        self.app.push_screen(
            DateFormScreen(
                "I took over this team on…",
                "Takeover date",
                today=self.today,
                value=settings.takeover_date,
                body=body,
            ),
            chosen,
        )

    def _whose(self, review: Review) -> str:
        if review.scope is ReviewScope.TEAM:
            return "the team"
        rep = self.rep(review.rep_id)
        return rep.name if rep else "a rep"

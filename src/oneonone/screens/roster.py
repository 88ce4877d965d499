"""The roster: the team's reps, filterable, keyboard only."""

from __future__ import annotations

from collections.abc import Iterable

import pendulum
from textual import events
from textual.app import ComposeResult
from textual.screen import Screen
from textual.widgets import Header, Input, Static

from oneonone import actions
from oneonone.core import agreements as rules
from oneonone.core import roster, schedule
from oneonone.core.dates import today_in
from oneonone.core.model import (
    Agreement,
    AgreementTemplate,
    Rep,
    RepStatus,
    Review,
    TeamSettings,
)
from oneonone.core.schedule import start_takeover
from oneonone.core.team import TeamSnapshot
from oneonone.messages import SaveRequested
from oneonone.ports import services
from oneonone.widgets.empty_state import EmptyState, no_match_text, welcome_text
from oneonone.widgets.field import TextInput
from oneonone.widgets.footer import KeyFooter
from oneonone.widgets.rep_table import RepTable
from oneonone.widgets.text import plain


class RosterScreen(Screen[None]):
    USER_ACTIONS = actions.ROSTER_ACTIONS
    BINDINGS = actions.bindings(actions.ROSTER_SCREEN_ACTIONS)

    def __init__(self, *, read_only: bool = False, team: TeamSnapshot | None = None) -> None:
        super().__init__(id="roster")
        self.read_only = read_only
        self.reps: dict[str, Rep] = {}
        self.agreements: dict[str, Agreement] = {}
        self.reviews: dict[str, Review] = {}  # scheduled ones: each rep's next review
        self.template = AgreementTemplate()
        self.settings = TeamSettings()
        self.show_departed = False
        self.loaded = False
        self.shown = False  # built only when first shown; until then, data is just held
        if team is not None:  # held from the start: other screens ask the roster for the team
            self._hold(
                team.reps, team.settings, team.agreements, team.template, team.agenda.reviews
            )

    def compose(self) -> ComposeResult:
        yield Header()
        if self.read_only:
            yield Static(
                "Read-only: another copy of oneonone is using this file. "
                "Nothing you do here can be saved.",
                id="readonly-banner",
            )
        yield TextInput(placeholder="/ to filter by name, role or status", id="filter")
        yield RepTable(id="reps")
        yield EmptyState(id="empty")
        yield Static("", id="status-line")
        yield KeyFooter()

    def on_mount(self) -> None:
        self.shown = True
        self.query_one(RepTable).focus()
        if self.loaded:
            self.refresh_view()

    # -- data in (method calls from the App) -----------------------------------------------------

    def load(
        self,
        reps: Iterable[Rep],
        settings: TeamSettings,
        agreements: Iterable[Agreement] = (),
        template: AgreementTemplate | None = None,
        reviews: Iterable[Review] = (),
    ) -> None:
        self._hold(reps, settings, agreements, template, reviews)
        if self.shown:
            self.refresh_view()

    def _hold(
        self,
        reps: Iterable[Rep],
        settings: TeamSettings,
        agreements: Iterable[Agreement],
        template: AgreementTemplate | None,
        reviews: Iterable[Review] = (),
    ) -> None:
        self.reps = {r.id: r for r in reps}
        self.reviews = {r.id: r for r in reviews}
        self.settings = settings
        self.agreements = {a.id: a for a in agreements}
        self.template = template or AgreementTemplate()
        self.loaded = True

    def records_changed(self, records: Iterable[object]) -> None:
        """The App tells the roster about records saved from any screen. Only reps, agreements,
        the settings and the template show here: other records (the notes of a one-on-one,
        saved every two seconds while typing) leave the view as it is."""
        changed = False
        for record in records:
            if isinstance(record, Rep):
                self.reps[record.id] = record
            elif isinstance(record, Agreement):
                self.agreements[record.id] = record
            elif isinstance(record, Review):  # moved, held, scheduled: the next review's date
                self.reviews[record.id] = record
            elif isinstance(record, TeamSettings):
                self.settings = record
            elif isinstance(record, AgreementTemplate):
                self.template = record
            else:
                continue
            changed = True
        if changed and self.loaded and self.shown:
            self.refresh_view()

    def agreement_label(self, rep: Rep, due: pendulum.Date | None = None) -> str:
        """The Agreement column: "v2 · review 2027-01-14 · draft". ``due``: the rep's next
        review if worked out already (``next_reviews``), else it is worked out here."""
        mine = [a for a in self.agreements.values() if a.rep_id == rep.id]
        last = rules.latest_agreed(mine, rep.id)
        draft = rules.open_draft(mine, rep.id)
        if last is None:
            return f"draft v{draft.version}" if draft else "none yet"
        due = due or self.next_review(rep)
        text = f"v{last.version}"
        if due is not None and rep.is_current:
            text += f" · {'review overdue' if due < self.today else 'review'} {due}"
        return text + (" · draft" if draft else "")

    def next_review(self, rep: Rep) -> pendulum.Date | None:
        """The rep's next review, as home, the agenda and the exports give it."""
        mine = [a for a in self.agreements.values() if a.rep_id == rep.id and a.is_agreed]
        review = schedule.next_review(
            rep, self.reviews.values(), settings=self.settings, agreements=mine, today=self.today
        )
        return review.due if review is not None else None

    @property
    def today(self) -> pendulum.Date:
        return today_in(self.settings.timezone)

    def refresh_view(self, *, keep: str | None = None) -> None:
        query = self.query_one("#filter", Input).value
        shown = roster.filter_reps(self.reps.values(), query, show_departed=self.show_departed)
        table = self.query_one(RepTable)
        agreed = [a for a in self.agreements.values() if a.is_agreed]
        upcoming = schedule.next_reviews(
            shown,
            self.reviews.values(),
            settings=self.settings,
            agreements=agreed,
            today=self.today,
        )
        labels = {
            r.id: self.agreement_label(r, upcoming[r.id].due if r.id in upcoming else None)
            for r in shown
        }
        table.show(shown, self.today, labels, keep=keep)
        empty = self.query_one(EmptyState)
        if not self.reps:
            empty.update(welcome_text(self.settings))
        elif not shown:
            empty.update(no_match_text(query))
        empty.set_class(not shown, "-shown")
        table.display = bool(shown)
        self.query_one("#status-line", Static).update(plain(self.status_text(len(shown))))
        self.refresh_bindings()

    def status_text(self, shown: int) -> str:
        counts = {s: 0 for s in RepStatus}
        for rep in self.reps.values():
            counts[rep.status] += 1
        current = counts[RepStatus.ACTIVE] + counts[RepStatus.ONBOARDING]
        parts = [f"{current} rep{'s' if current != 1 else ''}"]
        if counts[RepStatus.ONBOARDING]:
            parts.append(f"{counts[RepStatus.ONBOARDING]} onboarding")
        if counts[RepStatus.DEPARTED]:
            state = "shown" if self.show_departed else "hidden, v to show"
            parts.append(f"{counts[RepStatus.DEPARTED]} departed ({state})")
        query = self.query_one("#filter", Input).value.strip()
        if query:
            parts.append(f"{shown} matching")
        if self.settings.is_set_up:
            parts.append(f"manager: {self.settings.manager_name}")
        return " · ".join(parts)

    @property
    def selected(self) -> Rep | None:
        rep_id = self.query_one(RepTable).selected_id
        return self.reps.get(rep_id) if rep_id else None

    # -- actions ----------------------------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        writable = self.loaded and not self.read_only
        if actions.blocked(
            self.USER_ACTIONS, action, selected=self.selected is not None, writable=writable
        ):
            return None
        if (
            action in (actions.DEPART_REP.action, actions.START_SESSION.action)
            and self.selected is not None
            and not self.selected.is_current
        ):
            return None
        return True

    def _save(self, rep: Rep, message: str) -> None:
        self.reps[rep.id] = rep
        self.refresh_view(keep=rep.id)
        self.post_message(SaveRequested([rep], message))

    def action_open_agreement(self) -> None:
        rep = self.selected
        if rep is not None:
            services(self).open_agreement(rep)

    def action_open_plan(self) -> None:
        rep = self.selected
        if rep is not None:
            services(self).open_plan(rep)

    def action_start_session(self) -> None:
        rep = self.selected
        if rep is not None:
            services(self).start_session(rep)

    def action_history(self) -> None:
        rep = self.selected
        if rep is not None:
            services(self).open_history(rep)

    def action_export_all(self) -> None:
        services(self).export_sessions(None)

    def action_home(self) -> None:
        services(self).go_home()

    def action_edit_template(self) -> None:
        from oneonone.screens.agreement_dialogs import PartPickerScreen
        from oneonone.screens.agreement_parts import TEMPLATE_PARTS, PartScreen

        def chosen(part: int | None) -> None:
            if part is None:
                return

            def done(template: AgreementTemplate | None) -> None:
                if template is not None and template != self.template:
                    self.template = template
                    self.post_message(SaveRequested([template], "Team template saved."))

            self.app.push_screen(PartScreen(self.template, part, heading="team template"), done)

        self.app.push_screen(PartPickerScreen(TEMPLATE_PARTS, "team template"), chosen)

    # Screens are imported when first opened: start-up pays only for the roster.

    def action_add_rep(self) -> None:
        from oneonone.core.onboarding import needs_plan
        from oneonone.screens.rep_form import RepFormScreen

        def done(rep: Rep | None) -> None:
            if rep is not None:
                self._save(rep, f"Added {rep.name}.")
                if needs_plan(rep, self.today):
                    self._offer_plan(rep)

        self.app.push_screen(RepFormScreen(team=list(self.reps.values()), today=self.today), done)

    def _offer_plan(self, rep: Rep) -> None:
        from oneonone.screens.confirm import ConfirmScreen

        def answered(yes: bool | None) -> None:
            if yes:
                services(self).open_plan(rep, make=True)

        self.app.push_screen(
            ConfirmScreen(
                f"{rep.name} is new",
                "New reps start with a written plan: two weeks, day by day and hour by hour, "
                "with the two-hour expectations conversation in week one. Make it now?",
                yes="Make the plan",
                no="Not now",
            ),
            answered,
        )

    def action_edit_rep(self) -> None:
        from oneonone.screens.rep_form import RepFormScreen

        rep = self.selected
        if rep is None:
            return

        def done(updated: Rep | None) -> None:
            if updated is not None and updated != rep:
                if updated.status is RepStatus.DEPARTED:
                    self.show_departed = True
                self._save(updated, f"Saved {updated.name}.")

        self.app.push_screen(
            RepFormScreen(team=list(self.reps.values()), today=self.today, rep=rep), done
        )

    def action_depart_rep(self) -> None:
        from oneonone.screens.date_form import DateFormScreen

        rep = self.selected
        if rep is None or not rep.is_current:
            return

        def done(day: pendulum.Date | None) -> None:
            if day is not None:
                updated = roster.mark_departed(rep, day)
                self._save(updated, f"{updated.name} marked departed; their history stays.")

        self.app.push_screen(
            DateFormScreen(
                f"Mark {rep.name} as departed",
                "Last day",
                today=self.today,
                body="Nothing is deleted: their agreements, sessions and commitments stay on "
                "record.",
                check=lambda day: roster.mark_departed(rep, day),
                field="departed_on",
                hint="2027-01-15, today, yesterday, -3d",
            ),
            done,
        )

    def action_settings(self) -> None:
        from oneonone.screens.settings import SettingsScreen

        def done(settings: TeamSettings | None) -> None:
            if settings is None or settings == self.settings:
                return
            records: list[object] = [settings]
            message = "Settings saved."
            takeover = settings.takeover_date
            if takeover is not None and takeover != self.settings.takeover_date:
                # a new takeover date starts the new-leader reset, as N on home does
                settings, inherited = start_takeover(
                    settings, takeover, list(self.reps.values()), list(self.agreements.values())
                )
                records = [settings, *inherited]
                message = "Settings saved; the new-leader reset starts from your takeover date."
            self.settings = settings
            self.refresh_view()
            self.post_message(SaveRequested(records, message))

        self.app.push_screen(SettingsScreen(self.settings, today=self.today), done)

    def action_filter(self) -> None:
        self.query_one("#filter", Input).focus()

    def action_clear_filter(self) -> None:
        box = self.query_one("#filter", Input)
        if box.value:
            box.value = ""
        self.query_one(RepTable).focus()

    def action_toggle_departed(self) -> None:
        self.show_departed = not self.show_departed
        self.refresh_view()

    # -- events -----------------------------------------------------------------------------------

    def on_input_changed(self, event: Input.Changed) -> None:
        if event.input.id == "filter" and self.loaded:
            self.refresh_view()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        if event.input.id == "filter":
            self.query_one(RepTable).focus()

    def on_key(self, event: events.Key) -> None:
        if event.key == "down" and self.focused is self.query_one("#filter"):
            event.stop()
            self.query_one(RepTable).focus()

    def on_data_table_row_selected(self, event: RepTable.RowSelected) -> None:
        event.stop()
        self.action_open_agreement()

"""The roster: the team's reps, filterable, keyboard only."""

from __future__ import annotations

import pendulum
from textual import events
from textual.app import ComposeResult
from textual.css.query import NoMatches
from textual.screen import Screen
from textual.widgets import Header, Input, Static

from oneonone import actions
from oneonone.core import agreements as rules
from oneonone.core import roster, schedule
from oneonone.core.model import (
    AgreementTemplate,
    Rep,
    RepStatus,
    TeamSettings,
)
from oneonone.core.schedule import start_takeover
from oneonone.core.team_state import TeamState
from oneonone.messages import SaveRequested
from oneonone.ports import services
from oneonone.widgets.empty_state import EmptyState, no_match_text, welcome_text
from oneonone.widgets.field import TextInput
from oneonone.widgets.footer import KeyFooter
from oneonone.widgets.rep_table import RepTable
from oneonone.widgets.text import plain


class RosterScreen(Screen[None]):
    """The roster: the team's reps, filterable, keyboard only."""

    USER_ACTIONS = actions.ROSTER_ACTIONS
    BINDINGS = actions.bindings(actions.ROSTER_SCREEN_ACTIONS)

    def __init__(self, *, read_only: bool = False) -> None:
        super().__init__(id="roster")
        self.read_only = read_only
        self.show_departed = False
        self.shown = False  # built only when first shown; until then, nothing to show it on

    def compose(self) -> ComposeResult:
        """The header, the read-only banner if need be, the filter, the reps, the empty state, the
        status line and the footer."""
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
        """The list focused and the team shown."""
        self.shown = True
        self.query_one(RepTable).focus()
        if self.team.loaded:
            self.refresh_view()

    # -- data in: the App's team (``services.team``), and a call down when it changed --------------

    @property
    def team(self) -> TeamState:
        """The team this screen shows: the App's, never a copy."""
        return services(self).team

    @property
    def reps(self) -> dict[str, Rep]:
        """The team's reps, by id."""
        return self.team.reps

    @property
    def settings(self) -> TeamSettings:
        """The team's settings."""
        return self.team.settings

    def team_changed(self) -> None:
        """The App's team changed (records saved, the file reloaded): shown again if shown."""
        if self.team.loaded and self.shown:
            self.refresh_view()

    def agreement_label(self, rep: Rep, due: pendulum.Date | None = None) -> str:
        """The Agreement column: "v2 · review 2027-01-14 · draft". ``due``: the rep's next
        review if worked out already (``next_reviews``), else it is worked out here."""
        mine = [a for a in self.team.agreements.values() if a.rep_id == rep.id]
        last = rules.latest_agreed(mine, rep.id)
        draft = rules.open_draft(mine, rep.id)
        if last is None:
            return f"draft v{draft.version}" if draft else "none yet"
        due = due or self.team.next_review(rep)
        text = f"v{last.version}"
        if due is not None and rep.is_current:
            text += f" · {'review overdue' if due < self.today else 'review'} {due}"
        return text + (" · draft" if draft else "")

    @property
    def today(self) -> pendulum.Date:
        """Today where the manager is."""
        return self.team.today

    def refresh_view(self, *, keep: str | None = None) -> None:
        """The reps shown again: filtered, their next reviews worked out (``keep``: the cursor on
        that rep)."""
        query = self.query_one("#filter", Input).value
        shown = roster.filter_reps(self.reps.values(), query, show_departed=self.show_departed)
        table = self.query_one(RepTable)
        agreed = [a for a in self.team.agreements.values() if a.is_agreed]
        upcoming = schedule.next_reviews(
            shown,
            self.team.reviews.values(),
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
        self._read_ahead()  # the cursor's rep may be another one, or changed

    def status_text(self, shown: int) -> str:
        """The status line: how many reps, onboarding, departed, matching, and the manager."""
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
        """The rep under the cursor, or None (also while the screen is being put together: the
        footer asks which keys apply at any time, and a query then finds no table)."""
        try:
            rep_id = self.query_one(RepTable).selected_id
        except NoMatches:
            return None
        return self.reps.get(rep_id) if rep_id else None

    # -- actions ----------------------------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """The registry's rules; a departed rep can be neither departed again nor met."""
        writable = self.team.loaded and not self.read_only
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
        # The team has it at once, for the cursor to stay on it; the App applies it again when
        # it has the message (harmless).
        self.team.apply([rep])
        self.refresh_view(keep=rep.id)
        self.post_message(SaveRequested([rep], message))

    def action_open_agreement(self) -> None:
        """The selected rep's agreement."""
        rep = self.selected
        if rep is not None:
            services(self).open_agreement(rep)

    def action_board(self) -> None:
        """The team board."""
        services(self).open_board()

    def action_open_plan(self) -> None:
        """The selected rep's two-week plan."""
        rep = self.selected
        if rep is not None:
            services(self).open_plan(rep)

    def action_start_session(self) -> None:
        """A one-on-one with the selected rep."""
        rep = self.selected
        if rep is not None:
            services(self).start_session(rep)

    def action_history(self) -> None:
        """The selected rep's history."""
        rep = self.selected
        if rep is not None:
            services(self).open_history(rep)

    def action_export_all(self) -> None:
        """Everyone's sessions exported to files the user chooses."""
        services(self).export_sessions(None)

    def action_home(self) -> None:
        """Home."""
        services(self).go_home()

    def action_candidates(self) -> None:
        """The candidates, apart from the team."""
        services(self).open_candidates()

    def action_edit_template(self) -> None:
        """A part of the team's agreement template, picked, edited in a form, then saved."""
        from oneonone.screens.agreement_dialogs import PartPickerScreen
        from oneonone.screens.agreement_parts import TEMPLATE_PARTS, PartScreen

        def chosen(part: int | None) -> None:
            if part is None:
                return

            def done(template: AgreementTemplate | None) -> None:
                if template is not None and template != self.team.template:
                    self.team.apply([template])
                    self.post_message(SaveRequested([template], "Team template saved."))

            self.app.push_screen(
                PartScreen(self.team.template, part, heading="team template"), done
            )

        self.app.push_screen(PartPickerScreen(TEMPLATE_PARTS, "team template"), chosen)

    # Screens are imported when first opened: start-up pays only for the roster.

    def action_add_rep(self) -> None:
        """A new rep, from a form, saved; a plan offered if they are new."""
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
        """The selected rep edited in a form, then saved."""
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
        """The selected rep marked departed on a date asked for."""
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
        """The team's settings edited in a form, then saved (a new takeover date starts the
        reset)."""
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
                    settings,
                    takeover,
                    list(self.reps.values()),
                    list(self.team.agreements.values()),
                )
                records = [settings, *inherited]
                message = "Settings saved; the new-leader reset starts from your takeover date."
            self.team.apply([settings])
            self.refresh_view()
            self.post_message(SaveRequested(records, message))

        self.app.push_screen(SettingsScreen(self.settings, today=self.today), done)

    def action_filter(self) -> None:
        """The filter focused."""
        self.query_one("#filter", Input).focus()

    def action_clear_filter(self) -> None:
        """The filter cleared; the list focused."""
        box = self.query_one("#filter", Input)
        if box.value:
            box.value = ""
        self.query_one(RepTable).focus()

    def action_toggle_departed(self) -> None:
        """Departed reps shown or hidden."""
        self.show_departed = not self.show_departed
        self.refresh_view()

    # -- events -----------------------------------------------------------------------------------

    def on_input_changed(self, event: Input.Changed) -> None:
        """The list filtered as the filter is typed."""
        if event.input.id == "filter" and self.team.loaded:
            self.refresh_view()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        """Enter in the filter: the list focused."""
        if event.input.id == "filter":
            self.query_one(RepTable).focus()

    def on_key(self, event: events.Key) -> None:
        """Down in the filter: the list focused."""
        if event.key == "down" and self.focused is self.query_one("#filter"):
            event.stop()
            self.query_one(RepTable).focus()

    def on_data_table_row_selected(self, event: RepTable.RowSelected) -> None:
        """Enter on a rep opens their agreement."""
        event.stop()
        self.action_open_agreement()

    def on_data_table_row_highlighted(self, event: RepTable.RowHighlighted) -> None:
        """The cursor moved: the new rep's screens may be read ahead."""
        self._read_ahead()

    def on_screen_resume(self) -> None:
        """Back on top: the cursor's rep may be read ahead."""
        self._read_ahead()

    def on_screen_suspend(self) -> None:
        """Covered: nothing more is read ahead."""
        services(self).stop_reading_ahead()

    def _read_ahead(self) -> None:
        """While the cursor rests on a rep, the App reads their history and agreement, for
        ``y`` and Enter to open at once (``prefetch``)."""
        if self.app.screen is not self:
            return
        rep = self.selected
        services(self).rest_on(rep.id if rep else None, self.settings.timezone)

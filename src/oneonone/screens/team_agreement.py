"""The team's own agreement: its versions, the chosen one as a document, and every action on it.

Built like a rep's agreement screen (``screens.agreement``) with its dialogs: the part picker,
the agree date form, the compare view, the export form. Opened from home (``t``, or Enter on the
team review), from a rep's agreement (``t``), and by holding the team review: then it opens on
its next version, the part picker first.
"""

from __future__ import annotations

from functools import partial

import pendulum
from textual import work
from textual.app import ComposeResult
from textual.containers import Horizontal, VerticalScroll
from textual.screen import Screen
from textual.widgets import Header, OptionList, Static
from textual.widgets.option_list import Option

from oneonone import actions
from oneonone.core import team_agreement as team
from oneonone.core.agreements import AgreementProblems
from oneonone.core.dates import today_in
from oneonone.core.errors import FieldError
from oneonone.core.export.team_agreement import team_agreement_markdown
from oneonone.core.model import Rep, TeamAgreement, TeamSettings
from oneonone.core.roster import check_text
from oneonone.core.store import Store, StoreError
from oneonone.messages import SaveRequested
from oneonone.perf.footer import key_states
from oneonone.ports import services
from oneonone.screens.agreement_dialogs import (
    FIRST_VERSION,
    DiffScreen,
    PartPickerScreen,
    pair_to_compare,
)
from oneonone.screens.agreement_parts import text_editor
from oneonone.screens.date_form import DateFormScreen
from oneonone.screens.form import FormScreen
from oneonone.widgets.field import Field
from oneonone.widgets.footer import KeyFooter
from oneonone.widgets.line_list import LineList
from oneonone.widgets.team_agreement_doc import TeamAgreementDocument
from oneonone.widgets.text import plain

NEW_PART = "Add a part of your own…"


class TeamPartScreen(FormScreen[TeamAgreement]):
    """Edit part ``number`` of a team agreement draft (one past the last: a new part of the
    manager's own, with its title)."""

    def __init__(self, draft: TeamAgreement, number: int) -> None:
        super().__init__(classes="dialog-screen")
        self.draft = draft
        self.number = number
        parts = team.part_lines(draft)
        self.standard = number <= len(team.TEAM_PARTS)
        title, lines = parts[number - 1] if number <= len(parts) else ("", [])
        self._title = title
        self._lines = lines
        self._hint = team.TEAM_PARTS[number - 1].hint if self.standard else ""

    def initial_values(self) -> dict[str, str]:
        """An extra part's title as it was."""
        return {} if self.standard else {"title": self._title}

    def compose(self) -> ComposeResult:
        """The part's title (a field for a part of the manager's own) and its lines."""
        heading = self._title if self._title else "A part of your own"
        with VerticalScroll(classes="dialog form part-form"):
            yield Static(
                plain(f"{self.number}. {heading} · team v{self.draft.version} draft", "bold"),
                classes="dialog-title",
            )
            if not self.standard:
                yield Field(
                    "Title",
                    name="title",
                    value=self._title,
                    hint="e.g. Demo days; emptied with no lines, the part is removed",
                    max_length=team.MAX_TITLE,
                )
            label = "What the team agreed, a line each"
            yield LineList(
                label,
                name="lines",
                items=self._lines,
                render=str,
                editor=text_editor(label, self._hint),
            )
            yield Static("ctrl+s save the part · Esc cancel", classes="dialog-hint")
        yield KeyFooter()

    def _lines_now(self) -> list[str]:
        return list(self.query_one(LineList).items)

    def has_unsaved_changes(self) -> bool:
        """Whether the lines or the title differ from what they were."""
        return self._lines_now() != self._lines or super().has_unsaved_changes()

    def build(self) -> TeamAgreement:
        """The draft with the part as typed, checked; a ``FieldError`` under what is wrong."""
        title = ""
        if not self.standard:
            title = self.current_values()["title"]
            check_text("title", "The title", title, team.MAX_TITLE, required=False)
            if not title.strip() and self._lines_now():
                raise FieldError("title", "A part of your own needs a title.")
        changed = team.with_part(self.draft, self.number, self._lines_now(), title)
        for problem in team.problems(changed):
            raise FieldError("title" if problem.field == "title" else "lines", str(problem))
        return changed


class TeamAgreementScreen(Screen[None]):
    """The team's written agreement: its versions on the left, the chosen one as a document.
    ``next_version``: open on the next version (holding the team review), the part picker
    first."""

    USER_ACTIONS = actions.TEAM_AGREEMENT_ACTIONS
    BINDINGS = actions.bindings(actions.TEAM_AGREEMENT_SCREEN_ACTIONS)

    DEFAULT_CSS = """
    TeamAgreementScreen #team-title { height: 1; padding: 0 2; text-style: bold; color: $accent; }
    TeamAgreementScreen #team-body { height: 1fr; }
    TeamAgreementScreen #team-versions { width: 30; height: 1fr; border: round $surface-lighten-2; }
    TeamAgreementScreen #team-versions:focus { border: round $accent; }
    TeamAgreementScreen #team-doc-scroll { width: 1fr; height: 1fr; padding: 0 1; }
    """

    def __init__(
        self,
        settings: TeamSettings,
        store: Store,
        *,
        reps: list[Rep] | None = None,
        next_review: pendulum.Date | None = None,
        next_version: bool = False,
    ) -> None:
        """``reps``: the current team (the export's signature lines); ``next_review``: the team
        review scheduled."""
        super().__init__()
        self.settings = settings
        self.store = store
        self.reps = list(reps or [])
        self.next_review = next_review
        self.next_version = next_version
        self.agreements: list[TeamAgreement] = []
        self.selected_id: str | None = None
        self.marked_id: str | None = None
        self.loaded = False
        self._keys_shown: tuple[bool | None, ...] = ()

    def compose(self) -> ComposeResult:
        """The title, the versions list and the document."""
        yield Header()
        yield Static(plain("Team agreement · what the whole team agreed"), id="team-title")
        with Horizontal(id="team-body"):
            yield OptionList(id="team-versions")
            with VerticalScroll(id="team-doc-scroll"):
                yield TeamAgreementDocument(id="team-doc")
        yield KeyFooter()

    def on_mount(self) -> None:
        """The versions list titled, and the versions read."""
        self.query_one("#team-versions").border_title = "Versions"
        self.load()

    @work(thread=True, exclusive=True, group="team-agreement-load")
    def load(self) -> None:
        """The versions, read in a worker, then shown."""
        try:
            found = self.store.all(TeamAgreement)
        except StoreError as exc:
            self.app.call_from_thread(self.notify, str(exc), severity="error", markup=False)
            return
        self.app.call_from_thread(self.show, found)

    def show(self, found: list[TeamAgreement]) -> None:
        """Show the versions ``found``; on the next version, the part picker opened."""
        self.agreements = team.versions(found)
        self.loaded = True
        if self.selected_id not in {a.id for a in self.agreements}:
            self.selected_id = self.agreements[-1].id if self.agreements else None
        self.refresh_view()
        if self.next_version:
            self.next_version = False
            self.action_edit_part()

    @property
    def selected(self) -> TeamAgreement | None:
        """The version chosen in the list, or None."""
        return next((a for a in self.agreements if a.id == self.selected_id), None)

    @property
    def writable(self) -> bool:
        """Whether the file can be written."""
        return not self.store.read_only

    def refresh_view(self) -> None:
        """The versions list and the chosen version's document shown again."""
        listing = self.query_one("#team-versions", OptionList)
        listing.clear_options()
        for a in reversed(self.agreements):
            mark = "◆ " if a.id == self.marked_id else "  "
            state = f"agreed {a.agreed_on}" if a.is_agreed else "draft"
            listing.add_option(Option(plain(f"{mark}v{a.version} · {state}"), id=a.id))
        chosen = self.selected
        doc = self.query_one("#team-doc", TeamAgreementDocument)
        if chosen is None:
            doc.show_empty(actions.TEAM_EDIT_PART.key_display)
        else:
            listing.highlighted = len(self.agreements) - 1 - self.agreements.index(chosen)
            doc.show(chosen, self.settings, self.agreements, self.next_review)
        keys = key_states(self)
        if keys != self._keys_shown:
            self._keys_shown = keys
            self.refresh_bindings()

    def on_option_list_option_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        """The highlighted version becomes the one shown."""
        if event.option.id and event.option.id != self.selected_id:
            self.selected_id = event.option.id
            self.refresh_view()

    # -- actions ------------------------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Nothing but Back until the versions are read; then the registry's rules."""
        if not self.loaded:
            return None if action != "back" else True
        chosen = self.selected
        selected = chosen is not None and not (action == "agree" and chosen.is_agreed)
        if actions.blocked(self.USER_ACTIONS, action, selected=selected, writable=self.writable):
            return None
        return True

    def action_back(self) -> None:
        """Back to the screen before."""
        self.app.pop_screen()

    def action_version(self, step: int) -> None:
        """The version ``step`` places down (or up) the list."""
        listing = self.query_one("#team-versions", OptionList)
        if step > 0:
            listing.action_cursor_down()
        else:
            listing.action_cursor_up()

    def action_edit_part(self, part: int | None = None) -> None:
        """Edit one part of the draft (a new draft from the latest agreed version if there is
        none), picked or given; the picker also offers a part of the manager's own."""
        if not self.check_action("edit_part", ()):
            return
        draft = team.start_draft(self.agreements, self.settings.manager_name)
        titles = dict(enumerate(team.part_titles(draft), 1))
        if len(draft.extra_parts) < team.MAX_EXTRA_PARTS:
            titles[len(titles) + 1] = NEW_PART
        if part is None:
            self.app.push_screen(
                PartPickerScreen(tuple(titles), f"team v{draft.version} draft", titles=titles),
                partial(self._edit_chosen, draft),
            )
        else:
            self._edit_chosen(draft, part)

    def _edit_chosen(self, draft: TeamAgreement, part: int | None) -> None:
        if part is None:
            return

        def done(result: TeamAgreement | None) -> None:
            if result is not None and (result != draft or draft not in self.agreements):
                self._keep(result, f"Team agreement draft v{result.version} saved.")

        self.app.push_screen(TeamPartScreen(draft, part), done)

    def _keep(self, agreement: TeamAgreement, message: str) -> None:
        others = [a for a in self.agreements if a.id != agreement.id]
        self.agreements = team.versions([*others, agreement])
        self.selected_id = agreement.id
        self.refresh_view()
        self.post_message(SaveRequested([agreement], message))

    def action_agree(self) -> None:
        """The draft agreed by the team on a date asked for (not before the version in force)."""
        draft = self.selected
        if draft is None or draft.is_agreed:
            return
        previous = team.latest_agreed(self.agreements)
        manager = self.settings.manager_name
        due = self.next_review

        def check(on: pendulum.Date) -> TeamAgreement:
            try:
                today = today_in(self.settings.timezone)
                return team.agree(
                    draft, on, manager, previous=previous, next_review=due, today=today
                )
            except AgreementProblems as exc:
                raise FieldError("agreed_on", str(exc)) from None

        def done(day: pendulum.Date | None) -> None:
            if day is not None:
                agreed = check(day)
                self._keep(agreed, f"Team agreement v{agreed.version} agreed on {day}.")

        missing = team.problems(draft, to_agree=True)
        body = "Once agreed, this version never changes; a later change makes a new version."
        if missing:
            body = "Before it can be agreed:\n" + "\n".join(f"• {p}" for p in missing)
        self.app.push_screen(
            DateFormScreen(
                f"Agree version {draft.version} of the team agreement",
                "Agreed on",
                today=today_in(self.settings.timezone),
                body=body,
                check=check,
                field="agreed_on",
                hint="2027-01-15, today, yesterday",
            ),
            done,
        )

    def action_mark(self) -> None:
        """Mark the chosen version, to compare another with it."""
        chosen = self.selected
        if chosen is not None:
            self.marked_id = None if self.marked_id == chosen.id else chosen.id
            self.refresh_view()

    def action_compare(self) -> None:
        """The differences between the marked version (else the one before) and the chosen
        one, in the rep agreement's compare view."""
        chosen = self.selected
        if chosen is None:
            return
        pair = pair_to_compare(self.agreements, chosen, self.marked_id)
        if pair is None:
            self.notify(FIRST_VERSION, timeout=4)
            return
        old, new = pair
        self.app.push_screen(DiffScreen(old, new, "The team", parts=team.diff(old, new)))

    def action_export(self) -> None:
        """The chosen version written to a Markdown file the user chooses."""
        chosen = self.selected
        if chosen is None:
            return
        text = team_agreement_markdown(
            chosen,
            self.settings,
            reps=self.reps,
            all_versions=self.agreements,
            next_review=self.next_review,
        )

        name = f"team-agreement-v{chosen.version}.md"
        default = services(self).export_folder() / name
        services(self).export_text(default, f"team agreement v{chosen.version}", text)


__all__ = ["NEW_PART", "TeamAgreementScreen", "TeamPartScreen"]

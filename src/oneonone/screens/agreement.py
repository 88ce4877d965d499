"""A rep's agreement: its versions, the selected one as a document, and every action on it."""

from __future__ import annotations

from collections.abc import Sequence
from functools import partial

import pendulum
from textual import work
from textual.app import ComposeResult
from textual.containers import Horizontal, VerticalScroll
from textual.screen import Screen
from textual.widgets import Header, OptionList, Static
from textual.widgets.option_list import Option

from oneonone import actions
from oneonone.core import agreements as rules
from oneonone.core import team_agreement
from oneonone.core.dates import today_in
from oneonone.core.errors import FieldError
from oneonone.core.export.agreement import agreement_markdown
from oneonone.core.export.files import safe_filename
from oneonone.core.model import Agreement, AgreementTemplate, Rep, TeamAgreement, TeamSettings
from oneonone.core.store import Store, StoreError
from oneonone.messages import SaveRequested
from oneonone.perf.footer import key_states
from oneonone.perf.prefetch import Versions, read_versions
from oneonone.ports import services
from oneonone.screens.agreement_dialogs import (
    FIRST_VERSION,
    AcknowledgeScreen,
    DiffScreen,
    PartPickerScreen,
    pair_to_compare,
)
from oneonone.screens.agreement_parts import PartScreen
from oneonone.screens.date_form import DateFormScreen
from oneonone.widgets.agreement_doc import AgreementDocument
from oneonone.widgets.footer import KeyFooter
from oneonone.widgets.text import plain


class AgreementScreen(Screen[None]):
    """A rep's written agreement: its versions on the left, the chosen one as a document."""

    USER_ACTIONS = actions.AGREEMENT_ACTIONS
    BINDINGS = actions.bindings(actions.AGREEMENT_SCREEN_ACTIONS)

    DEFAULT_CSS = """
    AgreementScreen #agreement-title { height: 1; padding: 0 2; text-style: bold; color: $accent; }
    AgreementScreen #agreement-body { height: 1fr; }
    AgreementScreen #versions { width: 30; height: 1fr; border: round $surface-lighten-2; }
    AgreementScreen #versions:focus { border: round $accent; }
    AgreementScreen #doc-scroll { width: 1fr; height: 1fr; padding: 0 1; }
    AgreementScreen #agreement-team { height: 1; padding: 0 2; color: $text-muted; display: none; }
    """

    def __init__(
        self,
        rep: Rep,
        settings: TeamSettings,
        store: Store,
        versions: Versions | None = None,
        *,
        next_review: pendulum.Date | None = None,
    ) -> None:
        """``versions``, read already (``perf.prefetch.read_versions``), are shown in the first
        frame; without them the screen reads them itself. ``next_review``: the rep's next
        review (``schedule.next_review``), the date the footer of the version in force gives."""
        super().__init__()
        self.rep = rep
        self.settings = settings
        self.store = store
        self.next_review = next_review
        self.agreements: list[Agreement] = []
        self.template = AgreementTemplate()
        self.selected_id: str | None = None
        self.marked_id: str | None = None
        self.loaded = False
        self._found: Versions | None = versions
        self._mounted = False
        self._keys_shown: tuple[bool | None, ...] = ()

    def compose(self) -> ComposeResult:
        """The title, the versions list and the document (read while they are made)."""
        # The versions are read while the widgets are made: when they come back before the
        # first frame, that frame already shows the document (one frame instead of two).
        if self._found is None:
            self.load()
        yield Header()
        yield Static(plain(self._title()), id="agreement-title")
        yield Static("", id="agreement-team")  # the team agreement's line, once one exists
        with Horizontal(id="agreement-body"):
            yield OptionList(id="versions")
            with VerticalScroll(id="doc-scroll"):
                yield AgreementDocument(id="doc")
        yield KeyFooter()

    def _title(self) -> str:
        role = f" · {self.rep.role}" if self.rep.role else ""
        gone = " · departed" if not self.rep.is_current else ""
        return f"Agreement with {self.rep.name}{role}{gone}"

    def on_mount(self) -> None:
        """The versions list titled; versions read before the widgets were mounted shown now."""
        self.query_one("#versions").border_title = "Versions"
        self._mounted = True
        if self._found is not None:
            self.show(*self._found)
        self.load_team()

    def on_screen_resume(self) -> None:
        """Back from another screen (the team agreement, say): its line read again."""
        if self._mounted:
            self.load_team()

    @work(thread=True, exclusive=True, group="agreement-team")
    def load_team(self) -> None:
        """The team agreement's versions, read in a worker, for the line under the title."""
        try:
            found = self.store.all(TeamAgreement)
        except StoreError:
            return  # the rep's agreement is what this screen is for: the line stays hidden
        self.app.call_from_thread(self.show_team, found)

    def show_team(self, found: list[TeamAgreement]) -> None:
        """One line for the team agreement in force: "Team agreement v2, agreed 4 Dec 2026 —
        t to open" (hidden while there is none)."""
        line = self.query_one("#agreement-team", Static)
        if not found:
            line.display = False
            return
        key = actions.AGREEMENT_TEAM.key_display
        line.update(plain(f"{team_agreement.summary(found)} — {key} to open"))
        line.display = True

    @work(thread=True, exclusive=True, group="agreement-load")
    def load(self) -> None:
        """The rep's versions and the team template, read in a worker, then shown."""
        try:
            found, template = read_versions(self.store, self.rep.id)
        except StoreError as exc:
            self.app.call_from_thread(self.notify, str(exc), severity="error", markup=False)
            return
        self.app.call_from_thread(self.show, found, template)

    # -- what is shown ------------------------------------------------------------------------

    def show(self, found: list[Agreement], template: AgreementTemplate) -> None:
        """Show the rep's versions ``found`` and the ``template`` (held until mounted if need
        be)."""
        if not self._mounted:  # read before the widgets were mounted: shown from on_mount
            self._found = (found, template)
            return
        self._found = None
        self.agreements = rules.versions(found, self.rep.id)
        self.template = template
        self.loaded = True
        if self.selected_id not in {a.id for a in self.agreements}:
            self.selected_id = self.agreements[-1].id if self.agreements else None
        self.refresh_view()

    @property
    def selected(self) -> Agreement | None:
        """The version chosen in the list, or None."""
        return next((a for a in self.agreements if a.id == self.selected_id), None)

    @property
    def today(self) -> pendulum.Date:
        """Today where the manager is."""
        return today_in(self.settings.timezone)

    def refresh_view(self) -> None:
        """The versions list and the chosen version's document shown again."""
        versions = self.query_one("#versions", OptionList)
        versions.clear_options()
        options = []
        for a in reversed(self.agreements):
            mark = "◆ " if a.id == self.marked_id else "  "
            state = f"agreed {a.agreed_on}" if a.is_agreed else "draft"
            options.append(Option(plain(f"{mark}v{a.version} · {state}"), id=a.id))
        versions.add_options(options)
        chosen = self.selected
        doc = self.query_one("#doc", AgreementDocument)
        if chosen is None:
            doc.show_empty(self.rep)
        else:
            index = len(self.agreements) - 1 - self.agreements.index(chosen)
            versions.highlighted = index
            writable = not self.store.read_only and self.rep.is_current
            doc.show(
                chosen,
                self.rep,
                self.settings,
                self.agreements,
                self.next_review,
                ack_key=actions.ACKNOWLEDGE.key_display if writable else "",
            )
        keys = key_states(self)  # perf.footer
        if keys != self._keys_shown:  # the footer is rebuilt on each call: only on a change
            self._keys_shown = keys
            self.refresh_bindings()

    def on_option_list_option_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        """The highlighted version becomes the one shown."""
        if event.option.id and event.option.id != self.selected_id:
            self.selected_id = event.option.id
            self.refresh_view()

    # -- actions ------------------------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Nothing but Back until the versions are read; then the registry's rules for each
        action."""
        if not self.loaded:
            return None if action != "back" else True
        chosen = self.selected
        selected = chosen is not None and not (action == actions.AGREE.action and chosen.is_agreed)
        writable = not self.store.read_only and self.rep.is_current
        if actions.blocked(self.USER_ACTIONS, action, selected=selected, writable=writable):
            return None
        return True

    def action_back(self) -> None:
        """Back to the screen before."""
        self.app.pop_screen()

    def action_team_agreement(self) -> None:
        """The team's own agreement, which this rep's stands beside."""
        services(self).open_team_agreement()

    def action_version(self, step: int) -> None:
        """The version ``step`` places down (or up) the list."""
        self.query_one(
            "#versions", OptionList
        ).action_cursor_down() if step > 0 else self.query_one(
            "#versions", OptionList
        ).action_cursor_up()

    def _draft(self) -> Agreement:
        return rules.start_agreement(
            self.rep, self.agreements, self.template, self.settings.manager_name
        )

    def action_edit_part(self, part: int | None = None) -> None:
        """Edit one part of the draft (a new draft if the shown version is agreed), picked or
        given."""
        if not self.check_action("edit_part", ()):
            return
        draft = self._draft()
        heading = f"{self.rep.name} · v{draft.version} draft"
        if part is None:
            self.app.push_screen(
                PartPickerScreen((1, 2, 3, 4, 5), heading),
                partial(self._edit_chosen, draft, heading),
            )
        else:
            self._edit_chosen(draft, heading, part)

    def _edit_chosen(self, draft: Agreement, heading: str, part: int | None) -> None:
        if part is None:
            return

        def done(result: Agreement | None) -> None:
            if result is not None and (result != draft or draft not in self.agreements):
                self._keep(result, f"Draft v{result.version} saved.")

        self.app.push_screen(PartScreen(draft, part, heading=heading), done)

    def _keep(self, agreement: Agreement, message: str, also: Sequence[Agreement] = ()) -> None:
        changed = {a.id: a for a in (agreement, *also)}
        others = [a for a in self.agreements if a.id not in changed]
        self.agreements = rules.versions([*others, *changed.values()], self.rep.id)
        self.selected_id = agreement.id
        self.refresh_view()
        self.post_message(SaveRequested(list(changed.values()), message))

    def action_agree(self) -> None:
        """The draft agreed on a date asked for (not before the last version): it becomes the
        version in force."""
        draft = self.selected
        if draft is None or draft.is_agreed:
            return
        previous = rules.latest_agreed(self.agreements, self.rep.id)

        manager = self.settings.manager_name

        def check(on: pendulum.Date) -> Agreement:
            if previous and previous.agreed_on and on < previous.agreed_on:
                raise FieldError(
                    "agreed_on",
                    f"Version {previous.version} was agreed on "
                    f"{previous.agreed_on}; this one cannot be earlier.",
                )
            try:
                return rules.agree(draft, on, manager, today=self.today)
            except (rules.AgreementProblems, rules.AgreementError) as exc:
                raise FieldError("agreed_on", str(exc)) from None

        def done(day: pendulum.Date | None) -> None:
            if day is not None:
                agreed = check(day)
                older = rules.superseded_by(self.agreements, agreed)
                self._keep(
                    agreed, f"Version {agreed.version} agreed on {agreed.agreed_on}.", also=older
                )

        missing = rules.problems(draft, to_agree=True)
        body = "Once agreed, this version never changes; a later change makes a new version."
        if missing:
            body = "Before it can be agreed:\n" + "\n".join(f"• {p}" for p in missing)
        self.app.push_screen(
            DateFormScreen(
                f"Agree version {draft.version} with {self.rep.name}",
                "Agreed on",
                today=self.today,
                body=body,
                check=check,
                field="agreed_on",
                hint="2027-01-15, today, yesterday",
            ),
            done,
        )

    def action_acknowledge(self) -> None:
        """Record when and how the rep acknowledged the selected agreed version."""
        chosen = self.selected
        if chosen is None:
            return
        if not chosen.is_agreed:
            self.notify(
                "Only an agreed version can be acknowledged: press g to agree this draft first.",
                severity="warning",
            )
            return

        def done(result: Agreement | None) -> None:
            if result is not None and result != chosen:
                self._keep(
                    result,
                    f"{result.acknowledged_how.capitalize()} acknowledgement of "
                    f"version {result.version} recorded.",
                )

        self.app.push_screen(AcknowledgeScreen(chosen, self.rep.name, today=self.today), done)

    def action_mark(self) -> None:
        """Mark the chosen version, to compare another with it."""
        chosen = self.selected
        if chosen is not None:
            self.marked_id = None if self.marked_id == chosen.id else chosen.id
            self.refresh_view()

    def action_compare(self) -> None:
        """The differences between the marked version and the chosen one."""
        chosen = self.selected
        if chosen is None:
            return
        pair = pair_to_compare(self.agreements, chosen, self.marked_id)
        if pair is None:
            self.notify(FIRST_VERSION, timeout=4)
            return
        old, new = pair
        self.app.push_screen(DiffScreen(old, new, self.rep.name))

    def action_export(self) -> None:
        """The chosen version written to a Markdown file the user chooses."""
        chosen = self.selected
        if chosen is None:
            return
        name = f"{safe_filename(self.rep.name)}-agreement-v{chosen.version}.md"
        text = agreement_markdown(
            chosen,
            self.rep,
            self.settings,
            all_versions=self.agreements,
            next_review=self.next_review,
        )

        default = services(self).export_folder() / name
        services(self).export_text(default, f"version {chosen.version}", text)

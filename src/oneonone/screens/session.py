"""The one-on-one itself: the script step by step, the agreement at a glance, open commitments,
and the notes area where the keyboard lives. Everything typed is kept in the session record at
once and saved as typed (core/autosave.py); the keys work while typing (ctrl and F keys)."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence

import pendulum
from rich.text import Text
from textual import events
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.markup import escape
from textual.screen import Screen
from textual.timer import Timer
from textual.widgets import Header, OptionList, Static, TextArea
from textual.widgets.option_list import Option

from oneonone import actions
from oneonone.core import sessions
from oneonone.core import talking_points as points_rules
from oneonone.core import team_agreement as team
from oneonone.core.agreements import comm_text, quota_text
from oneonone.core.autosave import Autosave
from oneonone.core.dates import today_in
from oneonone.core.model import (
    Agreement,
    Commitment,
    CommitmentState,
    ImportedNumber,
    Invocation,
    Owner,
    Rep,
    Session,
    TalkingPoint,
    TeamAgreement,
    TeamSettings,
)
from oneonone.messages import SaveRequested
from oneonone.ports import services
from oneonone.widgets.footer import KeyFooter
from oneonone.widgets.notes_area import NotesArea
from oneonone.widgets.text import one_line, plain, visible

TARGETS = ("step", "free", "private")


def ordered_keys(keymap: Mapping[str, str]) -> dict[str, str]:
    """Every key of the session's actions (the user's keymap applied), by key: run in typing
    order from the notes area."""
    return {k: a.action for a in actions.SESSION_ACTIONS for k in a.keys_in(keymap).split(",")}


TARGET_LABEL = {"step": "Notes at this step", "free": "Free notes", "private": "Private notes"}


class SessionScreen(Screen[None]):
    """A one-on-one: the script's steps, the notes of each, the agreement at a glance, the open
    commitments."""

    USER_ACTIONS = actions.SESSION_SCREEN_ACTIONS
    BINDINGS = actions.bindings(actions.SESSION_SCREEN_ACTIONS)

    DEFAULT_CSS = """
    SessionScreen #session-title { height: 1; padding: 0 1; }
    SessionScreen #session-body { height: 1fr; }
    SessionScreen #session-left { width: 40; }
    SessionScreen #steps { height: auto; max-height: 14; border: round $surface-lighten-2; }
    SessionScreen #steps:focus { border: round $accent; }
    SessionScreen #prompt {
        height: 1fr; border: round $surface-lighten-2; padding: 0 1; color: $text-muted;
    }
    SessionScreen #session-right { width: 1fr; }
    SessionScreen #session-glance { height: 15; }
    SessionScreen #glance {
        width: 3fr; height: 100%; border: round $surface-lighten-2; padding: 0 1;
        overflow-y: auto; text-wrap: nowrap; text-overflow: ellipsis;
    }
    SessionScreen #commitments { width: 2fr; height: 100%; border: round $surface-lighten-2; }
    SessionScreen #commitments:focus { border: round $accent; }
    SessionScreen #notes { height: 1fr; border: round $accent; }
    """

    @property
    def ordered_keys(self) -> dict[str, str]:
        """The session's keys in force (the user's keymap applied): key -> action."""
        return ordered_keys(actions.keymap_of(self.app))

    def __init__(
        self,
        session: Session,
        rep: Rep,
        *,
        settings: TeamSettings,
        agreement: Agreement | None,
        commitments: list[Commitment],
        invocations: list[Invocation],
        read_only: bool = False,
        signal: Sequence[str] = (),
        imported: Sequence[ImportedNumber] = (),
        team_agreements: Sequence[TeamAgreement] = (),
        talking_points: Sequence[TalkingPoint] = (),
    ) -> None:
        """``team_agreements``: the team agreement's versions, one line of the glance (F6
        shows the version in force whole)."""
        super().__init__()
        #: the rep's numbers imported from the CRM: offered in the numbers form (ctrl+l)
        self.imported = list(imported)
        self.team_agreements = list(team_agreements)
        self.team_expanded = False
        #: the rep's talking points still to raise, and those discussed in this one-on-one
        self.points = points_rules.for_session(rep.id, talking_points, session.id)
        #: started from home's accountability signal: its evidence, offered first and picked
        #: when F8 opens
        self.signal = list(signal)
        self.session = session
        self.rep = rep
        self.settings = settings
        self.agreement = agreement
        self.commitments = [c for c in commitments if c.rep_id == rep.id]
        self.invocations = [i for i in invocations if i.rep_id == rep.id]
        self.read_only = read_only
        self.target = "step"
        # where the cursor was left in each notes text ("step 0", "free", "private")
        self._cursors: dict[str, tuple[int, int]] = {}
        self._loaded: str | None = None  # which text the notes area holds
        self.autosaves = Autosave()
        self._autosave_timer: Timer | None = None
        self.saved_at: pendulum.DateTime | None = None
        # the commitments as they were when the one-on-one began (not those made in it): the
        # summary reads what was done, dropped and carried against these
        self._began_with = {c.id: c for c in self.commitments if c.session_id != session.id}
        self.invoked_here: list[Invocation] = []

    # -- layout ---------------------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        """The header, the title, the steps, the notes, the agreement at a glance, the commitments
        and the footer."""
        yield Header()
        yield Static("", id="session-title")
        with Horizontal(id="session-body"):
            with Vertical(id="session-left"):
                yield _not_typed_into(OptionList(id="steps"))
                yield Static("", id="prompt")
            with Vertical(id="session-right"):
                with Horizontal(id="session-glance"):
                    yield Static("", id="glance")
                    yield _not_typed_into(OptionList(id="commitments"))
                yield NotesArea(id="notes", keys=self.ordered_keys, on_edit=self._notes_edited)
        yield KeyFooter()

    def on_mount(self) -> None:
        """The panels titled; private notes left if they are hidden; everything shown."""
        self.query_one("#steps").border_title = "Script"
        self.query_one("#glance").border_title = self._agreement_title()
        self.query_one("#commitments").border_title = "Open commitments (F2)"
        if self.hide_private and self.target == "private":
            self.target = "step"
        self.refresh_all()
        self._load_notes()
        self._focus_notes()

    def on_screen_resume(self) -> None:
        """Back from another screen: private notes follow the app's hidden state. (Focus is
        put in the notes before each dialog opens, so it is there again when it closes: done
        here, it would come after keys already typed, and take back an F2.)"""
        if not self.is_mounted:
            return
        if self.hide_private and self.target == "private":
            self.target = "step"
            self._load_notes()
            self._focus_notes()
        self._refresh_title()

    @property
    def hide_private(self) -> bool:
        """Private notes hidden for screen sharing: the app's state, so that it holds across
        screens and into the next one-on-one until F4 again."""
        return bool(services(self).private_hidden)

    @hide_private.setter
    def hide_private(self, hidden: bool) -> None:
        """Private notes hidden or shown, on every screen until F4 again (held by the services)."""
        services(self).private_hidden = hidden

    @property
    def today(self) -> pendulum.Date:
        """Today where the manager is."""
        return today_in(self.settings.timezone)

    def _agreement_title(self) -> str:
        a = self.agreement
        if a is None:
            return "No agreement yet"
        return f"Agreement v{a.version} · agreed {a.agreed_on}"

    def refresh_all(self) -> None:
        """The title, the steps, the notes, the agreement at a glance and the commitments shown
        again."""
        self._refresh_title()
        self._refresh_steps()
        self._refresh_glance()
        self._refresh_commitments()
        self.refresh_bindings()

    def _refresh_title(self) -> None:
        s = self.session
        started = s.started_at.in_timezone(self.settings.timezone)
        text = Text()
        text.append(f"1:1 with {visible(self.rep.name, one_line=True)}", style="bold")
        text.append(f" · {s.kind.value} · started {started.format('ddd D MMM HH:mm')}")
        if s.closed:
            text.append(" · closed, read-only", style="bold yellow")
        elif self.saved_at is not None:
            saved = self.saved_at.in_timezone(self.settings.timezone).format("HH:mm:ss")
            text.append(f" · saved {saved}" + (" …" if self.dirty else ""), style="dim")
        if self.hide_private:
            text.append(" · private hidden", style="bold")
        # One line, always: no layout of the screen (it was one a second while typing).
        self.query_one("#session-title", Static).update(text, layout=False)

    def _refresh_steps(self) -> None:
        steps = self.query_one("#steps", OptionList)
        steps.clear_options()
        for i, step in enumerate(self.session.steps):
            mark = "▶" if i == self.session.current_step else ("✓" if step.covered else " ")
            note = " ✎" if step.notes.strip() else ""
            steps.add_option(Option(plain(f"{mark} {i + 1}. {one_line(step.title, 30)}{note}")))
        if self.session.steps:
            steps.highlighted = self.session.current_step
            current = self.session.steps[self.session.current_step]
            prompt = self.query_one("#prompt", Static)
            title = escape(one_line(current.title, 26))  # script titles are the manager's text
            prompt.border_title = f"Step {self.session.current_step + 1}: {title}"
            shown = self._points_at_step()
            if not shown:
                prompt.update(plain(current.prompt or "(no prompts)"))
                return
            from oneonone.screens.talking_point import point_text

            text = Text("Talking points (F5 marks them)\n", style="bold")
            for p in shown:
                text.append_text(point_text(p, self.rep.name, self.session.id))
                text.append("\n")
            text.append("\n")
            text.append_text(plain(current.prompt or "(no prompts)"))
            prompt.update(text)

    def shown_points(self) -> list[TalkingPoint]:
        """The talking points this one-on-one shows: private ones left out while private notes
        are hidden (F4, screen sharing)."""
        return [p for p in self.points if not (p.private and self.hide_private)]

    def _points_at_step(self) -> list[TalkingPoint]:
        """The points shown at the current step: the manager's at their agenda step, the rep's
        at the rep's agenda step."""
        at = self.session.current_step
        return [
            p
            for p in self.shown_points()
            if points_rules.agenda_step(self.session, p.raised_by) == at
        ]

    def talking_point_noted(self, point: TalkingPoint) -> None:
        """A talking point noted (F3) while this one-on-one is open: listed, if it is its rep's."""
        if point.rep_id == self.rep.id and all(p.id != point.id for p in self.points):
            self.points.append(point)
            self._refresh_steps()
            self.refresh_bindings()

    def _team_glance(self, text: Text) -> None:
        """The team agreement's line at the top of the glance (when there is one); F6 shows
        the version in force whole, part by part, then the line again."""
        if not self.team_agreements:
            return
        key = actions.SESSION_TEAM.key_display.upper()
        in_force = team.latest_agreed(self.team_agreements)
        line = one_line(team.summary(self.team_agreements), 70)
        if not self.team_expanded or in_force is None:
            text.append(f"{line} · {key}\n", style="dim")  # F6 (help: shows it whole)
            return
        text.append(f"{line} · {key}\n", style="bold")
        for title, lines in team.part_lines(in_force):
            if lines:
                text.append(f"{one_line(title, 56)}\n", style="italic")
                for entry in lines:
                    text.append(f"  • {one_line(entry, 70)}\n")
        text.append("\n")

    def action_team_agreement(self) -> None:
        """The team agreement shown whole in the glance, or folded to its one line again."""
        if team.latest_agreed(self.team_agreements) is None:
            self.notify("No team agreement agreed yet: t on home writes it.", timeout=3)
            return
        self.team_expanded = not self.team_expanded
        self._refresh_glance()
        self.query_one("#glance", Static).scroll_home(animate=False)

    def _refresh_glance(self) -> None:
        a = self.agreement
        text = Text(no_wrap=True, overflow="ellipsis")  # one line each: everything in view
        self._team_glance(text)
        if a is None:
            text.append("No agreed agreement: this conversation writes it.", style="dim")
            self.query_one("#glance", Static).update(text)
            return
        numbers = {n.quota_line_id: n for n in self.session.numbers}
        for q in a.quota_lines:
            entry = numbers.get(q.id)
            if entry is None:
                text.append(f"• {visible(quota_text(q), one_line=True)}\n")
                continue
            # the number first, the percentage once: readable in the 120-column glance
            ratio = sessions.attainment(entry)
            style = "green" if ratio is not None and ratio >= 1 else "yellow"
            text.append(f"• {visible(q.label, one_line=True)}: ")
            text.append(sessions.actual_text(entry), style=style)
            unit = f"{visible(q.unit, one_line=True)} " if q.unit.strip() else ""
            text.append(f" · {unit}per {q.period.value}\n", style="dim")
        for rule in a.comm_rules:
            if rule.manager_channel or rule.rep_channel:
                text.append(one_line(comm_text(rule), 60) + "\n", style="dim")
        text.append("If you don't hold up your end:\n", style="bold")
        invoked = sessions.invoked_steps(self.invocations, a)
        nxt = sessions.next_step(a, self.invocations)
        for i, step in enumerate(a.consequence_steps):
            if step.id in invoked:
                mark, style = "✓", "dim"
            elif nxt is not None and nxt[0] == i:
                mark, style = "▶", "bold"
            else:
                mark, style = " ", ""
            text.append(f"{mark} {i + 1}. {one_line(step.text, 56)}\n", style=style)
        self.query_one("#glance", Static).update(text)

    def _refresh_commitments(self) -> None:
        listing = self.query_one("#commitments", OptionList)
        listing.clear_options()
        rep_side, mine = sessions.open_for(self.rep.id, self.commitments)
        for c in [*rep_side, *mine]:
            who = "You" if c.owner is Owner.MANAGER else self.rep.name.split()[0]
            late = sessions.is_missed(c, self.today)
            facts = []
            if c.due is not None:
                facts.append(str(c.due))
            if c.carried:
                facts.append(f"carried ×{c.carried}")
            line = Text(f"{who}: {one_line(c.text, 40)}", style="bold red" if late else "")
            if facts:
                line.append(f" ({', '.join(facts)})", style="dim")
            listing.add_option(Option(line, id=c.id))
        for c in self.commitments:  # closed in this one-on-one: Enter, then u undoes it
            if c.state is not CommitmentState.OPEN and sessions.undoable(c, self.session.id):
                who = "You" if c.owner is Owner.MANAGER else self.rep.name.split()[0]
                line = Text(f"{who}: {one_line(c.text, 40)}", style="dim")
                line.append(f" ({c.state.value} here, Enter to undo)", style="dim italic")
                listing.add_option(Option(line, id=c.id))
        if listing.option_count:
            listing.highlighted = 0
        else:
            listing.add_option(
                Option(
                    plain("None open. ctrl+r: the rep commits; ctrl+o: you do.", "dim"),
                    disabled=True,
                )
            )

    # -- notes ----------------------------------------------------------------------------------

    def _target_text(self) -> str:
        s = self.session
        if self.target == "step":
            return s.steps[s.current_step].notes if s.steps else ""
        return s.notes if self.target == "free" else s.private_notes

    def _targets(self) -> tuple[str, ...]:
        """What ctrl+t cycles through: never onto private notes while they are hidden."""
        return tuple(t for t in TARGETS if not (t == "private" and self.hide_private))

    def _target_key(self) -> str:
        if self.target == "step":
            return f"step {self.session.current_step}"
        return self.target

    def _load_notes(self) -> None:
        """Put the target's text in the notes area, with the cursor where it was left in that
        text (at its end the first time)."""
        notes = self.query_one("#notes", NotesArea)
        if self._loaded is not None:
            self._cursors[self._loaded] = notes.cursor_location
        label = TARGET_LABEL[self.target]
        if self.target == "step" and self.session.steps:
            label += f" {self.session.current_step + 1}"
        hidden = " · private hidden (F4)" if self.hide_private else ""
        notes.border_title = f"{label} · ctrl+t switches{hidden}"
        notes.read_only = self.session.closed or self.read_only
        with notes.prevent(TextArea.Changed):
            notes.load_text(self._target_text())
        key = self._target_key()
        notes.move_cursor(self._cursors.get(key, notes.document.end), center=True)
        self._loaded = key

    def _focus_notes(self) -> None:
        """Typing goes to the notes: the commitments list is left (it is entered with F2 only,
        never by typing) and the notes area takes focus, its cursor where it was. Called before
        each dialog opens too: the screen gets its focus back when the dialog closes."""
        self.query_one("#commitments", OptionList).can_focus = False
        # now, not after the keys already sent (``focus()`` waits its turn behind them)
        self.set_focus(self.query_one("#notes", NotesArea))

    async def on_key(self, event: events.Key) -> None:
        """Keys the notes area did not take: sent to the commitments list, or to the notes
        just before the focus moved. The session's keys run here, in typing order (as in the
        notes area). A character is a note, not a command: it goes to the notes at the
        cursor, and so does what is typed after it. An Enter that reaches the screen while
        the notes have focus was sent to the list before it was left (keys sent together,
        then ctrl+n): the notes take it too."""
        notes = self.query_one("#notes", NotesArea)
        action = self.ordered_keys.get(event.key)
        if action is not None:
            event.stop()
            event.prevent_default()
            await self.run_action(action)
            return
        to_notes = self.focused is notes and event.key == "enter"
        if not (event.is_printable and event.character) and not to_notes:
            return
        event.stop()
        event.prevent_default()
        self._focus_notes()
        if not notes.read_only:
            notes.insert("\n" if event.key == "enter" else event.character or "")

    def _notes_edited(self, text: str) -> None:
        """Called by the notes area inside each edit, so before any key typed after it."""
        if self.session.closed or self.read_only:
            return
        s = self.session
        if self.target == "step" and s.steps:
            self.session = sessions.set_step_notes(s, s.current_step, text)
        elif self.target == "free":
            self.session = sessions.set_notes(s, text)
        elif self.target == "private":
            self.session = sessions.set_private_notes(s, text)
        self._edited()

    # -- saving ---------------------------------------------------------------------------------

    def unsaved_records(self) -> list[object]:
        """What an emergency save (terminal closed, process terminated) must write now."""
        return [self.session] if self.dirty else []

    @property
    def dirty(self) -> bool:
        """Changes not handed to the store yet."""
        return self.autosaves.pending

    def _edited(self) -> None:
        """A change to save: a timer is set for when the save is due, unless one is set."""
        self.autosaves.edited()
        if self._autosave_timer is None:
            self._wait_for_autosave()

    def _wait_for_autosave(self) -> None:
        wait = self.autosaves.wait()
        if wait is not None:
            self._autosave_timer = self.set_timer(wait, self.autosave)

    def autosave(self) -> None:
        """The timer's: save if due (a pause, or the latest moment), else wait again."""
        self._autosave_timer = None
        if self.autosaves.due():
            self.save_typed()
        else:
            self._wait_for_autosave()

    def save_typed(self, *, journal: bool = True) -> None:
        """Hand what was typed to the store now (a worker writes it): a line of the store's
        journal while typing; the data file whole (with the journal's lines) when leaving."""
        if self.read_only:
            return
        if self.autosaves.pending:
            self.autosaves.saved()
            self.saved_at = pendulum.now("UTC")
            self.post_message(
                SaveRequested([self.session], "", refresh_home=False, journal=journal)
            )
            self._refresh_title()
        elif not journal:
            self.post_message(SaveRequested([], "", refresh_home=False))

    def _save_now(
        self, records: list[object], message: str, then: Callable[[], object] | None = None
    ) -> None:
        self.autosaves.saved()
        self.saved_at = pendulum.now("UTC")
        self.post_message(SaveRequested([self.session, *records], message, then=then))
        self.refresh_all()

    # -- actions --------------------------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """The registry's rules; a commitment picked only if one is listed; invoke and numbers only
        with an agreement."""
        if action == actions.PICK_COMMITMENT.action:
            return True if self._has_commitments_listed() and not self.session.closed else None
        writable = not (self.session.closed or self.read_only)
        if actions.blocked(self.USER_ACTIONS, action, writable=writable):
            return None
        if action == "invoke" and self.agreement is None:
            return None
        if action == "talking_points" and not self.shown_points():
            return None
        if action == "numbers" and (self.agreement is None or not self.agreement.quota_lines):
            return None
        return True

    def _has_commitments_listed(self) -> bool:
        """Whether the commitments list has a line to pick (open, or closed here to undo)."""
        listing = self.query_one("#commitments", OptionList)
        return any(not listing.get_option_at_index(i).disabled for i in range(listing.option_count))

    def _go(self, index: int) -> None:
        self.session = sessions.go_to_step(self.session, index)
        self._edited()
        self.target = "step"
        self._refresh_steps()
        self._load_notes()
        self._focus_notes()

    def action_next_step(self) -> None:
        """The script's next step."""
        self._go(min(self.session.current_step + 1, len(self.session.steps) - 1))

    def action_previous_step(self) -> None:
        """The script's previous step."""
        self._go(max(self.session.current_step - 1, 0))

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        """A step chosen: gone to; a commitment chosen: opened."""
        event.stop()
        if event.option_list.id == "steps" and not self.session.closed:
            self._go(event.option_index)
        elif event.option_list.id == "commitments" and event.option.id:
            self._open_commitment(event.option.id)

    def action_switch_notes(self) -> None:
        """The next notes to type in: the step's, the general notes, the private notes."""
        targets = self._targets()
        at = targets.index(self.target) if self.target in targets else -1
        self.target = targets[(at + 1) % len(targets)]
        self._load_notes()
        self._focus_notes()

    def action_hide_private(self) -> None:
        """Hide the private notes (or show them again). Hidden while they are being typed, the
        notes at this step take the typing, so that nothing typed is thrown away."""
        self.hide_private = not self.hide_private
        if self.hide_private and self.target == "private":
            self.target = "step"
            self.notify("Private notes hidden: typing goes to the notes at this step.", timeout=4)
        self._refresh_steps()
        self.refresh_bindings()
        self._load_notes()
        self._refresh_title()
        self._focus_notes()

    def action_pick_commitment(self) -> None:
        """Go into the open commitments, deliberately (Enter opens one; Esc comes back)."""
        listing = self.query_one("#commitments", OptionList)
        if not self._has_commitments_listed():
            return
        listing.can_focus = True
        self.set_focus(listing)  # now: an Enter sent right after F2 is the list's

    def action_rep_commits(self) -> None:
        """A commitment the rep makes, from a form."""
        self._new_commitment(Owner.REP)

    def action_i_commit(self) -> None:
        """A commitment the manager makes, from a form."""
        self._new_commitment(Owner.MANAGER)

    def _new_commitment(self, owner: Owner) -> None:
        from oneonone.screens.session_dialogs import CommitmentForm

        def made(c: Commitment | None) -> None:
            if c is not None:
                self.commitments.append(c)
                self._save_now([c], "Commitment added.")

        self._focus_notes()
        self.app.push_screen(
            CommitmentForm(
                owner,
                rep_id=self.rep.id,
                rep_name=self.rep.name,
                session_id=self.session.id,
                today=self.today,
            ),
            made,
        )

    def _open_commitment(self, commitment_id: str) -> None:
        from oneonone.screens.commitment import CommitmentScreen, saved_message

        found = next((c for c in self.commitments if c.id == commitment_id), None)
        if found is None or self.session.closed:
            return

        def done(changed: Commitment | None) -> None:
            if changed is not None:
                self.commitments = [changed if c.id == changed.id else c for c in self.commitments]
                self._save_now([changed], saved_message(changed))

        self._focus_notes()
        self.app.push_screen(
            CommitmentScreen(
                found,
                rep_name=self.rep.name,
                today=self.today,
                session_id=self.session.id,
                timezone=self.settings.timezone,
            ),
            done,
        )

    def action_numbers(self) -> None:
        """The numbers against the agreement's quota lines, from a form."""
        from oneonone.core.numbers_import import offered
        from oneonone.screens.session_dialogs import NumbersForm

        if self.agreement is None:
            return

        def done(updated: Session | None) -> None:
            if updated is not None:
                self.session = updated
                self._save_now([], "Numbers saved.")

        day = self.session.started_at.in_timezone(self.settings.timezone).date()
        imported = offered(self.imported, self.agreement.quota_lines, day)
        self._focus_notes()
        form = NumbersForm(
            self.session, self.agreement.quota_lines, imported, self.settings.timezone
        )
        self.app.push_screen(form, done)

    def action_invoke(self) -> None:
        """A consequence step of the agreement invoked, from its form."""
        from oneonone.screens.invoke import InvokeScreen

        if self.agreement is None:
            return
        on_record = sessions.evidence_candidates(self.commitments, self.session.numbers, self.today)
        evidence = [*self.signal, *(e for e in on_record if e not in self.signal)]

        def done(invocation: Invocation | None) -> None:
            if invocation is not None:
                self.invocations.append(invocation)
                self.invoked_here.append(invocation)
                self._save_now([invocation], f"Invoked: {one_line(invocation.step_text, 50)}")

        self._focus_notes()
        self.app.push_screen(
            InvokeScreen(
                self.agreement,
                self.invocations,
                rep_name=self.rep.name,
                evidence=evidence,
                session_id=self.session.id,
                now=pendulum.now("UTC"),
                manager_slips=sessions.manager_slips(self.commitments, self.today),
                picked=self.signal,
            ),
            done,
        )

    def action_talking_points(self) -> None:
        """The talking points: each marked discussed (with what was said) or carried."""
        from oneonone.screens.talking_point import PointsScreen

        def changed(point: TalkingPoint) -> None:
            self.points = [point if p.id == point.id else p for p in self.points]
            self._save_now([point], "")

        self._focus_notes()
        self.app.push_screen(
            PointsScreen(
                self.shown_points(),
                rep_name=self.rep.name,
                session_id=self.session.id,
                changed=changed,
            )
        )

    def action_end_session(self) -> None:
        """The one-on-one's summary read back; closed if the manager says so. The talking
        points left unmarked are carried to the next one (the summary says so)."""
        from oneonone.screens.session_dialogs import SummaryScreen

        now = pendulum.now("UTC")
        summary = sessions.summarize(
            self.session, self.commitments, self.invoked_here, now=now, before=self._began_with
        )
        carried = points_rules.carry_unmarked(self.points, self.session)
        lines = [
            *summary.lines(self.rep.name),
            *points_rules.summary_lines(self.points, carried, self.session.id),
        ]

        asked = SummaryScreen(self.rep.name, lines)

        def answered(close: bool | None) -> None:
            if close:
                self.session = sessions.end_session(self.session, now)
                done = {p.id: p for p in carried}
                self.points = [done.get(p.id, p) for p in self.points]
                hub, rep, closed = services(self), self.rep, self.session
                # exported once the close is saved: the points carried at close are in it
                export = (lambda: hub.export_session_now(rep, closed)) if asked.export_too else None
                self._save_now([*carried], f"The one-on-one with {rep.name} is closed.", export)
                self._load_notes()
                self.app.pop_screen()

        self._focus_notes()
        self.app.push_screen(asked, answered)

    def action_leave(self) -> None:
        """Esc: out of the commitments list, or away from the one-on-one (saved, left open)."""
        if self.focused is self.query_one("#commitments", OptionList):
            self._focus_notes()  # Esc in the commitments list: back to the notes, not away
            return
        self.save_typed(journal=False)
        if not self.session.closed:
            self.notify(
                "The session stays open: it is offered back when you start again.", timeout=4
            )
        self.app.pop_screen()


def _not_typed_into(listing: OptionList) -> OptionList:
    """A list that typing never reaches: neither Tab nor a click focuses it (a click still picks
    an option); the commitments list is entered with F2 only."""
    listing.can_focus = False
    return listing

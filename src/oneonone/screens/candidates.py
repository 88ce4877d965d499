"""The candidates: people interviewing for the team, apart from the roster (DOMAIN.md habit 10).

The list on top, the selected candidate's interviews below (the expectations discussed, the
behavioural questions and the answers). ``a`` adds a candidate, ``e`` edits one, ``i`` records
an interview (``E`` edits the latest), ``H`` hires (a rep whose first agreement draft holds
what was said at interview: it opens at once, the two-week plan offered as for any new rep),
``d`` marks a candidate not hired (kept, with the reason; never in the roster nor the agenda).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

import pendulum
from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.containers import Vertical, VerticalScroll
from textual.coordinate import Coordinate
from textual.css.query import NoMatches
from textual.screen import Screen
from textual.widgets import DataTable, Header, Label, Static, TextArea

from oneonone import actions
from oneonone.core import candidates as rules
from oneonone.core.agreements import format_number
from oneonone.core.dates import DateInputError, parse_user_date
from oneonone.core.errors import FieldError
from oneonone.core.model import Candidate, CandidateState, Interview
from oneonone.core.roster import MAX_NAME, MAX_ROLE
from oneonone.core.store import Store, StoreError
from oneonone.core.team_state import TeamState
from oneonone.messages import SaveRequested
from oneonone.ports import services
from oneonone.screens.date_form import DATE_HINT
from oneonone.screens.form import FormScreen
from oneonone.widgets.field import Field, FormField
from oneonone.widgets.footer import KeyFooter
from oneonone.widgets.text import one_line, plain, visible

EMPTY = (
    "No candidates yet. Press a to add the first person you interview; then i records each "
    "interview: the expectations you set (quota, activity, conduct, what would cost the job) "
    "and the behavioural questions you asked, with the answers. H hires: the new rep's first "
    "agreement starts from what was said."
)


class CandidateTable(DataTable[Text]):
    """The candidates, one a row."""

    BINDINGS = actions.bindings(actions.LIST_MOVES)


class CandidatesScreen(Screen[None]):
    """The candidates: the list, and the selected one's interviews."""

    USER_ACTIONS = actions.CANDIDATES_ACTIONS
    BINDINGS = actions.bindings(actions.CANDIDATES_ACTIONS)
    DEFAULT_CSS = """
    CandidatesScreen #candidate-list { height: auto; max-height: 40%; }
    CandidatesScreen #candidates-title { padding: 0 1; color: $accent; }
    CandidatesScreen #candidates-empty { padding: 1 2; display: none; }
    CandidatesScreen #candidates-empty.-shown { display: block; }
    CandidatesScreen #candidate-detail { height: 1fr; padding: 0 1; border-top: solid $primary; }
    """

    def __init__(self, store: Store, *, select: str | None = None) -> None:
        super().__init__()
        self.store = store
        self.candidates: dict[str, Candidate] = {}
        self.loaded = False
        self._select = select

    def compose(self) -> ComposeResult:
        """The header, the title, the list, what to do when it is empty, the selected
        candidate's interviews and the footer."""
        yield Header()
        yield Static(plain("Candidates (apart from the team)"), id="candidates-title")
        yield CandidateTable(id="candidate-list", cursor_type="row", zebra_stripes=True)
        yield Static(plain(EMPTY), id="candidates-empty")
        with VerticalScroll(id="candidate-detail"):
            yield Static("", id="candidate-text")
        yield KeyFooter()

    def on_mount(self) -> None:
        """The list's columns set up, the list focused, the candidates read."""
        table = self.query_one(CandidateTable)
        for label in ("Name", "Role", "Interviews", "Status"):
            table.add_column(plain(label))
        table.focus()
        self.load()

    @work(thread=True, exclusive=True, group="candidates-load")
    def load(self) -> None:
        """The candidates, read in a worker, then shown."""
        try:
            found = self.store.all(Candidate)
        except StoreError as exc:
            self.app.call_from_thread(self.notify, str(exc), severity="error", markup=False)
            return
        self.app.call_from_thread(self.show, found)

    def show(self, found: Sequence[Candidate]) -> None:
        """``found`` shown (the cursor on the candidate asked for, if any)."""
        self.candidates = {c.id: c for c in found}
        self.loaded = True
        keep, self._select = self._select, None
        self.refresh_view(keep=keep)

    # -- the view ---------------------------------------------------------------------------------

    @property
    def writable(self) -> bool:
        """Whether changes can be saved (read, and the file not read-only)."""
        return self.loaded and not self.store.read_only

    @property
    def selected(self) -> Candidate | None:
        """The candidate under the cursor, or None."""
        try:
            table = self.query_one(CandidateTable)
        except NoMatches:
            return None
        if not table.row_count:
            return None
        key = table.coordinate_to_cell_key(Coordinate(table.cursor_row, 0)).row_key.value
        return self.candidates.get(key or "")

    def refresh_view(self, *, keep: str | None = None) -> None:
        """The list shown again, the cursor on ``keep`` (else where it was)."""
        table = self.query_one(CandidateTable)
        if keep is None and self.selected is not None:
            keep = self.selected.id
        table.clear()
        shown = rules.ordered(self.candidates.values())
        for c in shown:
            table.add_row(
                plain(one_line(c.name, 30)),
                plain(one_line(c.role, 24), "dim"),
                plain(one_line(rules.interview_dates(c), 26)),
                plain(rules.status_text(c), "dim" if c.state is CandidateState.NOT_HIRED else ""),
                key=c.id,
            )
        ids = [c.id for c in shown]
        if keep in ids:
            table.move_cursor(row=ids.index(keep), scroll=True)
        table.display = bool(shown)
        self.query_one("#candidates-empty").set_class(self.loaded and not shown, "-shown")
        self.show_detail()
        self.refresh_bindings()

    def select(self, candidate_id: str | None) -> None:
        """The cursor on ``candidate_id`` (once read, if not yet)."""
        if candidate_id is None:
            return
        if not self.loaded:
            self._select = candidate_id
        else:
            self.refresh_view(keep=candidate_id)

    def show_detail(self) -> None:
        """The selected candidate's interviews below the list."""
        c = self.selected
        text = Text() if c is None else detail_text(c)
        self.query_one("#candidate-text", Static).update(text)
        self.query_one("#candidate-detail").display = c is not None

    def on_data_table_row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        """The cursor moved: that candidate's interviews shown."""
        self.show_detail()
        self.refresh_bindings()

    # -- actions ----------------------------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """The registry's rules; a candidate hired or not hired is only edited."""
        selected = self.selected
        if actions.blocked(
            self.USER_ACTIONS, action, selected=selected is not None, writable=self.writable
        ):
            return None
        if action in ("interview", "hire", "not_hired") and (
            selected is None or selected.state is not CandidateState.INTERVIEWING
        ):
            return None
        if action == "edit_interview" and (selected is None or not selected.interviews):
            return None
        return True

    def _save(self, records: list[object], candidate: Candidate, message: str) -> None:
        self.candidates[candidate.id] = candidate
        self.refresh_view(keep=candidate.id)
        self.post_message(SaveRequested(records, message))

    def action_back(self) -> None:
        """Back to the screen before."""
        self.app.pop_screen()

    def action_add(self) -> None:
        """A new candidate, from a form, saved."""

        def done(made: Candidate | None) -> None:
            if made is not None:
                self._save([made], made, f"Added {made.name}. Press i to record an interview.")

        self.app.push_screen(CandidateFormScreen(list(self.candidates.values())), done)

    def action_edit(self) -> None:
        """The selected candidate's name and role edited, then saved."""
        c = self.selected
        if c is None:
            return

        def done(edited: Candidate | None) -> None:
            if edited is not None and edited != c:
                self._save([edited], edited, f"Saved {edited.name}.")

        self.app.push_screen(CandidateFormScreen(list(self.candidates.values()), c), done)

    def action_interview(self) -> None:
        """An interview recorded from a form, added to the selected candidate."""
        c = self.selected
        if c is None:
            return

        def done(interview: Interview | None) -> None:
            if interview is None:
                return
            updated = rules.add_interview(c, interview)
            self._save([updated], updated, f"Interview with {c.name} saved.")

        today = services(self).team.today
        self.app.push_screen(InterviewFormScreen(c.name, today=today), done)

    def action_edit_interview(self) -> None:
        """The selected candidate's latest interview edited in the form, then saved."""
        c = self.selected
        if c is None or not c.interviews:
            return
        latest = c.interviews[-1]

        def done(interview: Interview | None) -> None:
            if interview is not None and interview != latest:
                updated = rules.replace_interview(c, interview)
                self._save([updated], updated, f"Interview with {c.name} saved.")

        today = services(self).team.today
        self.app.push_screen(InterviewFormScreen(c.name, today=today, interview=latest), done)

    def action_not_hired(self) -> None:
        """The selected candidate marked not hired, on a date and with a reason asked for."""
        c = self.selected
        if c is None:
            return

        def done(updated: Candidate | None) -> None:
            if updated is not None:
                self._save([updated], updated, f"{c.name} marked not hired; kept on record.")

        today = services(self).team.today
        self.app.push_screen(NotHiredFormScreen(c, today=today), done)

    def action_hire(self) -> None:
        """The selected candidate hired: a start date asked for, the rep and their first
        agreement draft saved, the plan offered as for any new rep, then the draft opened."""
        c = self.selected
        if c is None:
            return
        team = services(self).team

        def done(hired: rules.Hired | None) -> None:
            if hired is None:
                return
            rep = hired.rep
            self._save(
                hired.records,
                hired.candidate,
                f"Hired {rep.name}: their first agreement draft holds what was said at interview.",
            )
            self._open_hired(hired)

        self.app.push_screen(HireFormScreen(c, team=team), done)

    def _open_hired(self, hired: rules.Hired) -> None:
        from oneonone.core.onboarding import needs_plan
        from oneonone.screens.confirm import ConfirmScreen

        rep, ports = hired.rep, services(self)
        ports.open_draft(rep, hired.draft)
        if not needs_plan(rep, ports.team.today):
            return

        def answered(yes: bool | None) -> None:
            if yes:
                ports.open_plan(rep, make=True)

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


def detail_text(c: Candidate) -> Text:
    """A candidate's record as the screen shows it: state, then each interview (user text
    shown as typed, never read as markup)."""
    out = Text()

    def line(text: str, style: str = "") -> None:
        out.append(visible(text), style=style)
        out.append("\n")

    role = f" · {c.role}" if c.role else ""
    line(f"{c.name}{role} · {rules.status_text(c)}", "bold")
    if c.state is CandidateState.NOT_HIRED and c.reason:
        line(f"Not hired: {c.reason}")
    if c.state is CandidateState.HIRED:
        line("Hired: on the roster, their agreement started from these interviews.", "dim")
    if not c.interviews:
        line("No interview recorded yet: press i after each interview.", "italic")
    for interview in reversed(c.interviews):  # the latest first
        who = f" with {interview.interviewers}" if interview.interviewers else ""
        out.append("\n")
        line(f"Interview {interview.held_on.isoformat()}{who}", "bold")
        for q in interview.quota_lines:
            line(f"  Quota: {q.label} — {format_number(q.number)} {q.unit} per {q.period.value}")
        for text in interview.activity:
            line(f"  Activity: {text}")
        for text in interview.conduct:
            line(f"  Conduct: {text}")
        if interview.job_loss:
            line(f"  What would cost the job: {interview.job_loss}")
        for asked in interview.questions:
            line(f"  Q: {asked.question}", "italic")
            line(f"  A: {asked.answer or '(no answer written)'}")
        if interview.notes:
            line("  Notes:", "dim")
            for text in interview.notes.splitlines():
                line(f"    {text}")
    out.rstrip()
    return out


# --- the forms ----------------------------------------------------------------------------------


class CandidateFormScreen(FormScreen[Candidate]):
    """Add a candidate, or edit one: name and role."""

    def __init__(self, others: Sequence[Candidate], candidate: Candidate | None = None) -> None:
        super().__init__(classes="dialog-screen")
        self.others = list(others)
        self.candidate = candidate

    def initial_values(self) -> dict[str, str]:
        """The candidate's name and role as they were (empty for a new one)."""
        c = self.candidate
        return {"name": c.name if c else "", "role": c.role if c else ""}

    def compose(self) -> ComposeResult:
        """The title, the fields and the form's keys."""
        start = self.initial_values()
        with Vertical(classes="dialog form"):
            title = "Add a candidate" if self.candidate is None else "Edit candidate"
            yield Static(plain(title, "bold"), classes="dialog-title")
            yield Field("Name", name="name", value=start["name"], max_length=MAX_NAME)
            yield Field(
                "Role",
                name="role",
                value=start["role"],
                placeholder="Account Executive",
                max_length=MAX_ROLE,
            )
            yield Static("ctrl+s save · Esc cancel", classes="dialog-hint")
        yield KeyFooter()

    def build(self) -> Candidate:
        """The candidate as typed, checked (``candidates.build_candidate``)."""
        values = self.current_values()
        return rules.build_candidate(
            values["name"], values["role"], others=self.others, existing=self.candidate
        )


class AreaField(FormField):
    """A labelled box of several lines, with its hint and its own error line."""

    DEFAULT_CSS = """
    AreaField > TextArea { height: 4; }
    """

    def __init__(self, label: str, *, name: str, value: str = "", hint: str = "") -> None:
        super().__init__(id=f"field-{name}", classes="form-field")
        self.field_name = name
        self._label = label
        self._value = value
        self._hint = hint

    def compose(self) -> ComposeResult:
        """The label, the box, the hint and the line for its error."""
        yield Label(self._label, classes="field-label", markup=False)
        yield TextArea(
            self._value, id=f"input-{self.field_name}", soft_wrap=True, show_line_numbers=False
        )
        if self._hint:
            yield Static(self._hint, classes="field-hint", markup=False)
        yield Static("", classes="field-error", markup=False)

    @property
    def value(self) -> str:
        """What is typed in the box."""
        return self.query_one(TextArea).text


class InterviewFormScreen(FormScreen[Interview]):
    """Record an interview: its date, who held it, the expectations discussed and the
    behavioural questions asked, with the answers."""

    def __init__(
        self, name: str, *, today: pendulum.Date, interview: Interview | None = None
    ) -> None:
        super().__init__(classes="dialog-screen")
        self.candidate_name = name
        self.today = today
        self.interview = interview

    def initial_values(self) -> dict[str, str]:
        """The interview's boxes as they were; for a new one, today's date and empty boxes."""
        if self.interview is not None:
            return rules.interview_values(self.interview)
        return {"held_on": self.today.isoformat()}

    def compose(self) -> ComposeResult:
        """The title, the fields and the form's keys."""
        v = self.initial_values()
        with Vertical(classes="dialog form", id="interview-form"):
            yield Static(
                plain(f"Interview with {self.candidate_name}", "bold"), classes="dialog-title"
            )
            yield Field("Date", name="held_on", value=v["held_on"], hint=DATE_HINT)
            yield Field(
                "Who interviewed",
                name="interviewers",
                value=v.get("interviewers", ""),
                placeholder="you, Lee",
            )
            yield AreaField(
                "Quota discussed, one line each",
                name="quota",
                value=v.get("quota", ""),
                hint=f"like: {rules.QUOTA_EXAMPLE}",
            )
            yield AreaField(
                "Activity expected, one line each", name="activity", value=v.get("activity", "")
            )
            yield AreaField(
                "Conduct and integrity, one line each",
                name="conduct",
                value=v.get("conduct", ""),
            )
            yield Field(
                "What would cost the job",
                name="job_loss",
                value=v.get("job_loss", ""),
                placeholder="Lying to a customer; side deals",
                max_length=rules.MAX_LINE,
            )
            yield AreaField(
                "Behavioural questions asked, with the answers",
                name="questions",
                value=v.get("questions", ""),
                hint="Q: Tell me about a quota you missed.  A: what they said",
            )
            yield AreaField("Notes", name="notes", value=v.get("notes", ""))
            yield Static("Tab next box · ctrl+s save · Esc cancel", classes="dialog-hint")
        yield KeyFooter()

    def current_values(self) -> dict[str, str]:
        """Every field's and box's text, by name."""
        values = super().current_values()
        values.update({f.field_name: f.value for f in self.query(AreaField)})
        return values

    def build(self) -> Interview:
        """The interview as typed, checked (``candidates.build_interview``)."""
        v = self.current_values()
        draft = rules.InterviewDraft(
            held_on=v["held_on"],
            interviewers=v["interviewers"],
            quota=v["quota"],
            activity=v["activity"],
            conduct=v["conduct"],
            job_loss=v["job_loss"],
            questions=v["questions"],
            notes=v["notes"],
        )
        built = rules.build_interview(draft, today=self.today)
        return built if self.interview is None else replace(built, id=self.interview.id)


class NotHiredFormScreen(FormScreen[Candidate]):
    """Mark a candidate not hired: the date and the reason (kept on record)."""

    def __init__(self, candidate: Candidate, *, today: pendulum.Date) -> None:
        super().__init__(classes="dialog-screen")
        self.candidate = candidate
        self.today = today

    def initial_values(self) -> dict[str, str]:
        """Today, and no reason yet."""
        return {"decided_on": self.today.isoformat(), "reason": ""}

    def compose(self) -> ComposeResult:
        """The title, what it does, the fields and the form's keys."""
        with Vertical(classes="dialog form"):
            yield Static(plain(f"{self.candidate.name}: not hired", "bold"), classes="dialog-title")
            yield Static(
                plain("Kept on record with the interviews, never in the roster nor the agenda."),
                classes="dialog-body",
            )
            yield Field("Date", name="decided_on", value=self.today.isoformat(), hint=DATE_HINT)
            yield Field("Reason", name="reason", max_length=rules.MAX_REASON)
            yield Static("ctrl+s save · Esc cancel", classes="dialog-hint")
        yield KeyFooter()

    def build(self) -> Candidate:
        """The candidate marked not hired, checked (``candidates.mark_not_hired``)."""
        v = self.current_values()
        try:
            day = parse_user_date(v["decided_on"], self.today)
        except DateInputError as exc:
            raise FieldError("decided_on", str(exc)) from None
        return rules.mark_not_hired(self.candidate, day, v["reason"], today=self.today)


class HireFormScreen(FormScreen[rules.Hired]):
    """Hire a candidate: the start date; the rep and their first draft made from it."""

    def __init__(self, candidate: Candidate, *, team: TeamState) -> None:
        super().__init__(classes="dialog-screen")
        self.candidate = candidate
        self.team = team

    def initial_values(self) -> dict[str, str]:
        """Today as the start date."""
        return {"start_date": self.team.today.isoformat()}

    def compose(self) -> ComposeResult:
        """The title, what hiring does, the start date and the form's keys."""
        with Vertical(classes="dialog form"):
            yield Static(plain(f"Hire {self.candidate.name}", "bold"), classes="dialog-title")
            yield Static(
                plain(
                    "They join the roster, and their first agreement draft starts from what "
                    "was said at interview: the expectations conversation starts from it."
                ),
                classes="dialog-body",
            )
            yield Field(
                "Start date",
                name="start_date",
                value=self.team.today.isoformat(),
                hint="2027-01-15, today, +7d, next monday",
            )
            yield Static("Enter / ctrl+s hire · Esc cancel", classes="dialog-hint")
        yield KeyFooter()

    def build(self) -> rules.Hired:
        """The hire, checked (``candidates.hire``)."""
        team = self.team
        return rules.hire(
            self.candidate,
            self.current_values()["start_date"],
            today=team.today,
            team=team.reps.values(),
            template=team.template,
            manager_name=team.settings.manager_name,
        )

"""One definition per user action: it drives the key binding (with a stable id a user keymap
can remap), the footer entry, the command palette entry, the help screen and what the action
needs to be offered (a selection, a writable file), so none of them disagree."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any, Literal

from textual.binding import Binding, BindingType

from oneonone.perf.internals import keymap_in_force

#: What an action needs to be offered: a selected row, or a file that can be written (the
#: screen loaded and not read-only).
Need = Literal["selection", "writable"]
SELECTION: frozenset[Need] = frozenset({"selection"})
WRITABLE: frozenset[Need] = frozenset({"writable"})
BOTH: frozenset[Need] = frozenset({"selection", "writable"})


@dataclass(frozen=True)
class UserAction:
    """One action of a screen, dialog or list: its binding id (``screen.action``, what a
    keymap names), keys, footer label, one line of help and what it requires."""

    id: str  # the binding's stable id, e.g. "roster.add_rep": what a user keymap remaps
    keys: str  # comma-separated Textual key names; the first is shown
    label: str  # short footer text
    help: str  # one line for the palette and the help screen
    action: str = ""  # the Textual action, e.g. "add_rep" -> action_add_rep; default: the id's end
    footer: bool = True
    palette: bool = True
    priority: bool = False
    requires: frozenset[Need] = field(default_factory=frozenset)

    def __post_init__(self) -> None:
        """The method name, when not given, is the id's last part ("roster.add_rep":
        ``add_rep``)."""
        if not self.action:
            object.__setattr__(self, "action", self.id.rsplit(".", 1)[-1])

    @property
    def key_display(self) -> str:
        """The first key, as the footer and palette show it."""
        return display(self.keys)

    def keys_in(self, keymap: Mapping[str, str]) -> str:
        """The keys in force under ``keymap`` (a user keymap's by id, else the default)."""
        return keymap.get(self.id) or self.keys

    def blocked(self, *, selected: bool = True, writable: bool = True) -> bool:
        """Whether a requirement is unmet: ``check_action`` then hides the action."""
        return ("selection" in self.requires and not selected) or (
            "writable" in self.requires and not writable
        )


def display(keys: str) -> str:
    """The first of ``keys`` as a person reads it (``/`` for slash)."""
    first = keys.split(",")[0]
    return {"slash": "/", "question_mark": "?", "enter": "Enter", "escape": "Esc"}.get(first, first)


def hidden(id: str, keys: str, action: str, help: str) -> UserAction:
    """A hidden extra (j/k in lists): works, but stays out of the footer and palette."""
    return UserAction(id, keys, "", help, action=action, footer=False, palette=False)


def bindings(actions: Iterable[UserAction]) -> list[BindingType]:
    """The Textual bindings of ``actions``, each with its id."""
    return [
        Binding(
            a.keys, a.action, a.label, show=a.footer, priority=a.priority, tooltip=a.help, id=a.id
        )
        for a in actions
    ]


def find(actions: Iterable[UserAction], action: str) -> UserAction | None:
    """The entry of ``actions`` for the Textual action name ``action``, if any."""
    return next((a for a in actions if a.action == action), None)


def blocked(
    actions: Iterable[UserAction], action: str, *, selected: bool = True, writable: bool = True
) -> bool:
    """Whether ``action`` (one of ``actions``) needs a selection or a writable file it lacks."""
    entry = find(actions, action)
    return entry is not None and entry.blocked(selected=selected, writable=writable)


def all_actions() -> list[UserAction]:
    """Every entry of the registry (each module-level ``UserAction`` and tuple of them)."""
    found: dict[str, UserAction] = {}
    for value in globals().values():
        for one in value if isinstance(value, tuple) else (value,):
            if isinstance(one, UserAction):
                found.setdefault(one.id, one)
    return list(found.values())


# --- app-wide ------------------------------------------------------------------------------------

#: F1 is a priority binding, so that it works in dialogs too (a modal screen keeps the App's other
#: keys out); ``?`` is not, so that it can be typed.
HELP = UserAction(
    "app.help",
    "f1",
    "Help",
    "Show every key and the method in short (F1 again closes it)",
    priority=True,
)
HELP_KEY = UserAction(
    "app.help_key",
    "question_mark",
    "Help",
    "Show every key (where ? is not typed)",
    action="help",
    footer=False,
    palette=False,
)
SAVE = UserAction(
    "app.retry_save", "ctrl+s", "Save", "Save again what could not be saved", footer=False
)
QUIT = UserAction(
    "app.quit",
    "ctrl+q",
    "Quit",
    "Quit oneonone (asks first if something is unsaved)",
    priority=True,
)
SEARCH = UserAction(
    "app.search", "ctrl+f", "Search", "Search every note, commitment, invocation and agreement"
)
TALKING_POINT = UserAction(
    "app.talking_point",
    "f3",
    "Point",
    "Note a talking point for the next one-on-one with a rep ('name: text')",
    requires=WRITABLE,
)
APP_ACTIONS = (SEARCH, TALKING_POINT, HELP, HELP_KEY, SAVE, QUIT)

# --- roster --------------------------------------------------------------------------------------

ADD_REP = UserAction("roster.add_rep", "a", "Add rep", "Add a rep to the team", requires=WRITABLE)
EDIT_REP = UserAction(
    "roster.edit_rep",
    "e",
    "Edit",
    "Edit the selected rep's name, role, start date, status",
    requires=BOTH,
)
DEPART_REP = UserAction(
    "roster.depart_rep",
    "d",
    "Departed",
    "Mark the selected rep as departed (their history stays)",
    requires=BOTH,
)
FILTER = UserAction("roster.filter", "slash", "Filter", "Filter the roster by typing", footer=False)
SHOW_DEPARTED = UserAction(
    "roster.toggle_departed", "v", "Show departed", "Show or hide departed reps"
)
SETTINGS = UserAction(
    "roster.settings", "s", "Settings", "Your name, timezone and takeover date", requires=WRITABLE
)

OPEN_AGREEMENT = UserAction(
    "roster.open_agreement",
    "enter",
    "Agreement",
    "Open the selected rep's agreement",
    requires=SELECTION,
)
TEMPLATE = UserAction(
    "roster.edit_template",
    "t",
    "Template",
    "Edit the team template new agreements start from",
    requires=WRITABLE,
)

# --- the team agreement: the ways to it (its own screen's actions are at the end) ---------

TEAM_AGREEMENT = UserAction(
    "home.team_agreement",
    "t",
    "Team",
    "The team's own agreement: its versions, edit, agree, compare",
)
AGREEMENT_TEAM = UserAction(
    "agreement.team_agreement",
    "t",
    "Team agreement",
    "Open the team agreement (what the whole team agreed)",
    action="team_agreement",
    footer=False,  # the document's team line names the key (80 columns are full)
)
SESSION_TEAM = UserAction(
    "session.team_agreement",
    "f6",
    "Team",
    "Show the team agreement in the glance, or one line of it again",
    action="team_agreement",
    footer=False,
)
# --- agreement -----------------------------------------------------------------------------------

EDIT_PART = UserAction(
    "agreement.edit_part",
    "e",
    "Edit",
    "Edit a part of the agreement (1–5 go straight to a part)",
    requires=WRITABLE,
)
AGREE = UserAction(
    "agreement.agree",
    "g",
    "Agree",
    "Record this draft as agreed with the rep, dated",
    requires=BOTH,
)
COMPARE = UserAction(
    "agreement.compare",
    "c",
    "Compare",
    "What changed: this version against the marked one, or the one before",
    requires=SELECTION,
)
MARK = UserAction(
    "agreement.mark",
    "m",
    "Mark",
    "Mark this version to compare another against it",
    requires=SELECTION,
)
EXPORT = UserAction(
    "agreement.export", "x", "Export", "Export this version to a Markdown file", requires=SELECTION
)
ACKNOWLEDGE = UserAction(
    "agreement.acknowledge",
    "a",
    "Acknowledged",
    "Record when and how the rep acknowledged this agreed version",
    footer=False,  # the document says it, and which key, where it matters (80 columns are full)
    requires=BOTH,
)
BACK = UserAction("agreement.back", "escape", "Back", "Back to the roster")
AGREEMENT_ACTIONS = (EDIT_PART, AGREE, ACKNOWLEDGE, COMPARE, MARK, EXPORT, BACK, AGREEMENT_TEAM)

# --- home (the dashboard) ------------------------------------------------------------------------

OPEN_ITEM = UserAction(
    "home.open_item",
    "enter",
    "Open",
    "Go to the selected item: the agreement, plan or commitment",
    requires=SELECTION,
)
MOVE_REVIEW = UserAction(
    "home.move_review", "m", "Move", "Move the selected review to another date", requires=BOTH
)
HOLD_REVIEW = UserAction(
    "home.hold_review",
    "h",
    "Held",
    "Record the selected review as held; the next is scheduled",
    requires=BOTH,
)
PLAN = UserAction(
    "reps.open_plan", "o", "Plan", "The selected rep's two-week onboarding plan", requires=SELECTION
)
TAKEOVER = UserAction(
    "home.takeover",
    "N",
    "New leader",
    "I took over this team on a date: start the reset",
    requires=WRITABLE,
)
SNOOZE = UserAction(
    "home.snooze_signal",
    "z",
    "Snooze",
    "Set the selected rep's accountability signal aside, with a reason (new evidence brings "
    "it back)",
    requires=BOTH,
)
ROSTER = UserAction("home.roster", "r,escape", "Roster", "The team's reps")
HOME = UserAction(
    "roster.home", "h", "Home", "What needs you: reviews, agreements, commitments, plans"
)

# --- the one-on-one: ctrl and F keys, which work while typing notes. Not priority bindings:
# they reach the screen through the notes area, in order with the keys typed before them.

START_SESSION = UserAction(
    "reps.start_session", "n", "1:1", "Start a one-on-one with the selected rep", requires=BOTH
)
NEXT_STEP = UserAction(
    "session.next_step",
    "ctrl+n",
    "Next",
    "Go to the next step of the script",
    requires=WRITABLE,
)
PREVIOUS_STEP = UserAction(
    "session.previous_step", "ctrl+b", "Prev", "Go to the previous step", requires=WRITABLE
)
SWITCH_NOTES = UserAction(
    "session.switch_notes",
    "ctrl+t",
    "Notes",
    "Switch notes: this step, free notes, private notes",
)
REP_COMMITS = UserAction(
    "session.rep_commits",
    "ctrl+r",
    "Rep commits",
    "Add a commitment the rep makes",
    requires=WRITABLE,
)
I_COMMIT = UserAction(
    "session.i_commit",
    "ctrl+o",
    "I commit",
    "Add a commitment you make to the rep",
    requires=WRITABLE,
)
NUMBERS = UserAction(
    "session.numbers",
    "ctrl+l",
    "Numbers",
    "The rep's actuals against each quota line",
    requires=WRITABLE,
)
INVOKE = UserAction(
    "session.invoke",
    "f8",
    "Invoke",
    "Invoke the rep's next consequence step, in their own words",
    requires=WRITABLE,
)
HIDE_PRIVATE = UserAction(
    "session.hide_private",
    "f4",
    "Private",
    "Hide or show private notes (screen sharing)",
)
END_SESSION = UserAction(
    "session.end_session",
    "f10",
    "End",
    "End the one-on-one: summary, then read-only",
    requires=WRITABLE,
)
PICK_COMMITMENT = UserAction(
    "session.pick_commitment",
    "f2",
    "Commitments",
    "Go into the open commitments to mark one done, carry or drop it (Esc: back to the notes)",
    footer=False,
)
TALKING_POINTS = UserAction(
    "session.talking_points",
    "f5",
    "Points",
    "The talking points noted for this one-on-one: mark each discussed (with a note) or carried",
    requires=WRITABLE,
)
SESSION_ACTIONS = (
    # End early: at 80 columns the footer shows the first four or five keys, and ending (then
    # x on the summary exports) must be found there; at 120 every key but the last fits
    NEXT_STEP,
    PREVIOUS_STEP,
    SWITCH_NOTES,
    END_SESSION,
    REP_COMMITS,
    I_COMMIT,
    NUMBERS,
    INVOKE,
    HIDE_PRIVATE,
    PICK_COMMITMENT,
    SESSION_TEAM,
    TALKING_POINTS,
)
EXPORT_ALL = UserAction(
    "roster.export_all",
    "X",
    "Export all",
    "Export everyone's one-on-ones to Markdown, a file per rep",
    footer=False,
)
HISTORY = UserAction(
    "roster.history",
    "y",
    "History",
    "The selected rep's one-on-ones and invocations",
    requires=SELECTION,
)

BOARD = UserAction(
    "reps.board",
    "b",
    "Board",
    "The team board: each rep's numbers against quota this period, ranked",
)

# --- candidates (DOMAIN.md habit 10): a key from home and the roster, and their own screen -------

CANDIDATES_HELP = "The candidates you interview, kept apart from the roster"
HOME_CANDIDATES = UserAction("home.candidates", "c", "Candidates", CANDIDATES_HELP)
ROSTER_CANDIDATES = UserAction("roster.candidates", "c", "Candidates", CANDIDATES_HELP)
CANDIDATES_ACTIONS = (
    UserAction("candidates.add", "a", "Add", "Add a candidate", requires=WRITABLE),
    UserAction(
        "candidates.interview",
        "i",
        "Interview",
        "Record an interview: the expectations discussed, the questions asked and the answers",
        requires=BOTH,
    ),
    UserAction(
        "candidates.edit", "e", "Edit", "Edit the selected candidate's name and role", requires=BOTH
    ),
    UserAction(
        "candidates.hire",
        "H",
        "Hire",
        "Hire the selected candidate: a rep whose first agreement draft holds what was said at "
        "interview",
        requires=BOTH,
    ),
    UserAction(
        "candidates.not_hired",
        "d",
        "Not hired",
        "Mark the selected candidate not hired, with the reason (kept on record)",
        requires=BOTH,
    ),
    UserAction("candidates.back", "escape", "Back", "Back to the screen before"),
    UserAction(
        "candidates.edit_interview",
        "E",
        "Edit interview",
        "Edit the selected candidate's latest interview",
        requires=BOTH,
    ),
)

# --- the screens' action lists (order = footer order) --------------------------------------------

DASHBOARD_ACTIONS = (
    OPEN_ITEM,
    START_SESSION,
    MOVE_REVIEW,
    HOLD_REVIEW,
    PLAN,
    SNOOZE,
    # the team's screens before the once-in-a-job reset: the footer is cut from the right
    ROSTER,
    BOARD,
    TEAM_AGREEMENT,
    HOME_CANDIDATES,
    TAKEOVER,
)
ROSTER_ACTIONS = (
    OPEN_AGREEMENT,
    START_SESSION,
    HOME,
    ADD_REP,
    EDIT_REP,
    DEPART_REP,
    PLAN,
    HISTORY,
    BOARD,
    FILTER,
    SHOW_DEPARTED,
    TEMPLATE,
    SETTINGS,
    EXPORT_ALL,
    ROSTER_CANDIDATES,
)

# --- lists: the hidden extras, the same keys in every list ---------------------------------------

LIST_DOWN = hidden("list.cursor_down", "j", "cursor_down", "Down the list")
LIST_UP = hidden("list.cursor_up", "k", "cursor_up", "Up the list")
LIST_MOVES = (LIST_DOWN, LIST_UP)
REP_TABLE_ACTIONS = (
    UserAction(
        "roster.select_cursor",
        "enter",
        OPEN_AGREEMENT.label,
        "Open the selected row",
        action="select_cursor",
        palette=False,
    ),  # the screen's own entry is in it
    *LIST_MOVES,
)
AGENDA_TABLE_ACTIONS = (
    UserAction(
        "home.select_cursor",
        "enter",
        OPEN_ITEM.label,
        "Open the selected row",
        action="select_cursor",
        palette=False,
    ),  # the screen's own entry is in it
    *LIST_MOVES,
)

# --- the roster's filter -------------------------------------------------------------------------

CLEAR_FILTER = hidden(
    "roster.clear_filter", "escape", "clear_filter", "Clear the filter and go back to the list"
)

# --- the agreement: a part by its number, versions with j/k --------------------------------------

EDIT_PART_N = tuple(
    UserAction(
        f"agreement.edit_part_{n}",
        str(n),
        "",
        "Edit that part of the agreement (1 to 5)",
        action=f"edit_part({n})",
        footer=False,
        palette=False,
        requires=WRITABLE,
    )
    for n in range(1, 6)
)
NEXT_VERSION = hidden("agreement.next_version", "j", "version(1)", "Next / previous version")
PREVIOUS_VERSION = hidden(
    "agreement.previous_version", "k", "version(-1)", "Next / previous version"
)
AGREEMENT_SCREEN_ACTIONS = (*AGREEMENT_ACTIONS, *EDIT_PART_N, NEXT_VERSION, PREVIOUS_VERSION)

PART_PICKER_ACTIONS = (
    UserAction(
        "part_picker.cancel", "escape", "Cancel", "Close without choosing", action="dismiss_none"
    ),
    *(
        UserAction(
            f"part_picker.pick_{n}",
            str(n),
            "",
            "Choose that part by its number",
            action=f"pick({n})",
            footer=False,
            palette=False,
            priority=True,
        )
        for n in range(1, 10)  # a team agreement has up to 9 parts
    ),
    *LIST_MOVES,
)
SCROLL_DOWN = hidden("view.scroll_down", "j,down", "scroll(1)", "Scroll down / up")
SCROLL_UP = hidden("view.scroll_up", "k,up", "scroll(-1)", "Scroll down / up")
DIFF_ACTIONS = (
    UserAction("diff.close", "escape,q,c", "Close", "Close", action="close"),
    SCROLL_DOWN,
    SCROLL_UP,
)

# --- forms and dialogs ---------------------------------------------------------------------------

FORM_ACTIONS = (
    UserAction("form.submit", "ctrl+s", "Save", "Save", priority=True),
    UserAction("form.cancel", "escape", "Cancel", "Cancel: close without saving"),
)
CONFIRM_ACTIONS = (
    UserAction("confirm.cancel", "escape", "Cancel", "No", action="answer(False)"),
    UserAction("confirm.yes", "y", "Yes", "Yes", action="answer(True)", footer=False),
    UserAction("confirm.no", "n", "No", "No", action="answer(False)", footer=False),
)
YES_NO_ACTIONS = (
    UserAction("yes_no.yes", "y", "Yes", "Yes", action="answer(True)", footer=False),
    UserAction("yes_no.no", "n", "No", "No", action="answer(False)", footer=False),
)
INVOKE_FORM_ACTIONS = (
    UserAction(
        "invoke.submit", "ctrl+s", "Invoke", "Invoke: record the step invoked", priority=True
    ),
    UserAction("invoke.cancel", "escape", "Cancel", "Cancel: close without saving"),
)
KIND_ACTIONS = (
    UserAction("kind.cancel", "escape", "Cancel", "Cancel: close without saving", action="cancel"),
)
SUMMARY_ACTIONS = (
    UserAction(
        "summary.close_it",
        "ctrl+s,enter",
        "Close the session",
        "Close the one-on-one: it becomes read-only",
        priority=True,
    ),
    UserAction(
        "summary.close_and_export",
        "x",
        "Close & export",
        "Close the one-on-one and export it to Markdown at once (private notes left out)",
    ),
    UserAction("summary.keep_open", "escape", "Keep it open", "Keep the one-on-one open"),
)
COMMITMENT_ACTIONS = (
    UserAction("commitment.done", "d", "Done", "Mark the commitment done", requires=WRITABLE),
    UserAction(
        "commitment.carry",
        "c",
        "Not done: carry",
        "Not done: carry it to the next one-on-one",
        requires=WRITABLE,
    ),
    UserAction("commitment.drop", "x", "Drop", "Drop it, with a reason", requires=WRITABLE),
    UserAction("commitment.edit", "e", "Edit", "Edit the commitment", requires=WRITABLE),
    UserAction("commitment.undo", "u", "Undo", "Undo the last change made in this one-on-one"),
    UserAction("commitment.close", "escape", "Close", "Close"),
)
LINE_LIST_ACTIONS = (
    UserAction("lines.add", "a,insert", "Add line", "Add a line"),
    UserAction("lines.edit", "e", "Edit line", "Edit the selected line"),
    UserAction("lines.remove", "x,delete", "Remove line", "Remove the selected line"),
    UserAction(
        "lines.move_up", "shift+up,K", "Move up", "Move the selected line up", action="move(-1)"
    ),
    UserAction(
        "lines.move_down",
        "shift+down,J",
        "Move down",
        "Move the selected line down",
        action="move(1)",
    ),
    *LIST_MOVES,
)
HELP_SCREEN_ACTIONS = (
    UserAction("help.close", "escape,f1,question_mark,q", "Close", "Close", action="close"),
    hidden("help.scroll_down", "j", "scroll('down')", "Scroll down / up"),
    hidden("help.scroll_up", "k", "scroll('up')", "Scroll down / up"),
)

# --- history: one-on-ones and invocations, a one-on-one read back --------------------------------

SESSION_VIEW_ACTIONS = (
    UserAction(
        "session_view.addendum",
        "a",
        "Addendum",
        "Add a dated addendum to a closed one-on-one",
        requires=WRITABLE,
    ),
    UserAction(
        "session_view.toggle_private", "p", "Private notes", "Show or hide the private notes"
    ),
    UserAction("session_view.export", "x", "Export", "Export to a Markdown file"),
    UserAction("session_view.back", "escape", "Back", "Back to the screen before"),
    SCROLL_DOWN,
    SCROLL_UP,
)
SESSION_TABLE_ACTIONS = (
    UserAction(
        "history.select_cursor", "enter", "Open", "Open the selected row", action="select_cursor"
    ),
    *LIST_MOVES,
)
INVOCATION_TABLE_ACTIONS = (
    UserAction(
        "history.withdraw",
        "w",
        "Withdraw",
        "Withdraw the selected invocation, with a reason (it stays on record)",
        action="screen.withdraw",
        requires=BOTH,
    ),
    *LIST_MOVES,
)
HISTORY_ACTIONS = (
    UserAction(
        "history.switch_list",
        "tab",
        "Sessions / invocations",
        "Switch between the one-on-ones and the consequences invoked",
    ),
    UserAction("history.export", "x", "Export", "Export to a Markdown file"),
    UserAction("history.back", "escape", "Back", "Back to the screen before"),
)

# --- the onboarding plan -------------------------------------------------------------------------

PLAN_ACTIONS = (
    UserAction(
        "plan.toggle_done",
        "space,x",
        "Done / not done",
        "Mark the selected plan item done / not done",
        requires=SELECTION,
    ),
    UserAction("plan.open", "enter", "Open", "Open the selected item", requires=SELECTION),
    UserAction(
        "plan.generate",
        "g",
        "Make plan",
        "Make the plan from the team's plan template",
        requires=WRITABLE,
    ),
    UserAction(
        "plan.edit_template",
        "t",
        "Plan template",
        "Edit the team's plan template",
        requires=WRITABLE,
    ),
    UserAction("plan.back", "escape", "Back", "Back to the screen before"),
)

# --- search --------------------------------------------------------------------------------------

SEARCH_ACTIONS = (
    UserAction("search.back", "escape", "Back", "Back to the screen before"),
    UserAction("search.open_hit", "enter", "Open", "Open the selected hit", footer=False),
    hidden("search.to_results", "down", "to_results", "From the search box down to the results"),
)

# --- the team board ---------------------------------------------------------------------------

BOARD_HISTORY_HELP = "The selected rep's history: their one-on-ones and numbers"
BOARD_ACTIONS = (
    UserAction("board.history", "enter", "History", BOARD_HISTORY_HELP, requires=SELECTION),
    UserAction("board.next_line", "l", "Next line", "Rank on the next quota line"),
    UserAction(
        "board.previous_line",
        "L",
        "Previous line",
        "Rank on the quota line before",
        footer=False,
    ),
    UserAction(
        "board.toggle_period",
        "p",
        "Period",
        "Show this period's numbers or the last period's (each line its own period)",
    ),
    UserAction("board.back", "escape", "Back", "Back to the screen before"),
    UserAction(
        "board.export",
        "x",
        "Export",
        "Export the board to a Markdown file (a table per quota line)",
    ),
)
BOARD_TABLE_ACTIONS = (
    UserAction(
        "board.select_cursor",
        "enter",
        "History",
        BOARD_HISTORY_HELP,
        action="select_cursor",
        palette=False,
    ),  # the screen's own entry is in it
    *LIST_MOVES,
)

# --- the one-on-one's own escape -----------------------------------------------------------------

LEAVE = UserAction(
    "session.leave", "escape", "Leave", "Leave the one-on-one (it stays open; resume it later)"
)
SESSION_SCREEN_ACTIONS = (*SESSION_ACTIONS, LEAVE)

# --- talking points (issue 18) ---------------------------------------------------------------

TALKING_POINT_FORM_ACTIONS = (
    UserAction(
        "point_form.submit",
        "ctrl+s",
        "Note it",
        "Note the talking point",
        action="submit",
        priority=True,
    ),
    UserAction(
        "point_form.cancel", "escape", "Cancel", "Cancel: close without noting it", action="cancel"
    ),
    UserAction(
        "point_form.toggle_private", "f4", "Private", "Private to you, or shared with the rep"
    ),
    UserAction(
        "point_form.toggle_from_rep",
        "f5",
        "Rep raised it",
        "The rep raised it (their agenda step), or you did",
    ),
)
POINTS_LIST_ACTIONS = (
    UserAction(
        "points.discussed",
        "d",
        "Discussed",
        "Mark the point discussed, with what was said (Enter too)",
        requires=WRITABLE,
    ),
    UserAction(
        "points.carry",
        "c",
        "Carry",
        "Not discussed: carry it to the next one-on-one",
        requires=WRITABLE,
    ),
    UserAction("points.close", "escape", "Close", "Back to the one-on-one"),
    *LIST_MOVES,
)

# --- every set bound together (a class's BINDINGS): a key must not be in one twice -------------

ROSTER_SCREEN_ACTIONS = (*ROSTER_ACTIONS, CLEAR_FILTER)
BINDING_SETS: tuple[tuple[UserAction, ...], ...] = (
    APP_ACTIONS,
    ROSTER_SCREEN_ACTIONS,
    REP_TABLE_ACTIONS,
    DASHBOARD_ACTIONS,
    AGENDA_TABLE_ACTIONS,
    AGREEMENT_SCREEN_ACTIONS,
    PART_PICKER_ACTIONS,
    DIFF_ACTIONS,
    FORM_ACTIONS,
    CONFIRM_ACTIONS,
    YES_NO_ACTIONS,
    INVOKE_FORM_ACTIONS,
    KIND_ACTIONS,
    SUMMARY_ACTIONS,
    COMMITMENT_ACTIONS,
    LINE_LIST_ACTIONS,
    HELP_SCREEN_ACTIONS,
    SESSION_VIEW_ACTIONS,
    SESSION_TABLE_ACTIONS,
    INVOCATION_TABLE_ACTIONS,
    HISTORY_ACTIONS,
    PLAN_ACTIONS,
    SEARCH_ACTIONS,
    BOARD_ACTIONS,
    BOARD_TABLE_ACTIONS,
    LIST_MOVES,
    SESSION_SCREEN_ACTIONS,
    CANDIDATES_ACTIONS,
    TALKING_POINT_FORM_ACTIONS,
    POINTS_LIST_ACTIONS,
)


def keymap_of(app: Any) -> Mapping[str, str]:
    """The keymap ``app`` runs with (``App.set_keymap``; Textual keeps it private)."""
    return keymap_in_force(app)


# --- the team agreement (appended): its screen, and the ways to it ------------------------------

TEAM_EDIT_PART = UserAction(
    "team_agreement.edit_part",
    "e",
    "Edit",
    "Edit a part of the team agreement, or add one (1–5 go straight to a part)",
    requires=WRITABLE,
)
TEAM_AGREE = UserAction(
    "team_agreement.agree",
    "g",
    "Agree",
    "Record this draft as agreed by the team, dated",
    action="agree",
    requires=BOTH,
)
TEAM_COMPARE = UserAction(
    "team_agreement.compare",
    "c",
    "Compare",
    "What changed: this version against the marked one, or the one before",
    action="compare",
    requires=SELECTION,
)
TEAM_MARK = UserAction(
    "team_agreement.mark",
    "m",
    "Mark",
    "Mark this version to compare another against it",
    action="mark",
    requires=SELECTION,
)
TEAM_EXPORT = UserAction(
    "team_agreement.export",
    "x",
    "Export",
    "Export this version to a Markdown file",
    action="export",
    requires=SELECTION,
)
TEAM_BACK = UserAction(
    "team_agreement.back", "escape", "Back", "Back to the screen before", action="back"
)
TEAM_AGREEMENT_ACTIONS = (
    TEAM_EDIT_PART,
    TEAM_AGREE,
    TEAM_COMPARE,
    TEAM_MARK,
    TEAM_EXPORT,
    TEAM_BACK,
)
TEAM_AGREEMENT_SCREEN_ACTIONS = (
    *TEAM_AGREEMENT_ACTIONS,
    *EDIT_PART_N,
    NEXT_VERSION,
    PREVIOUS_VERSION,
)
BINDING_SETS = (*BINDING_SETS, TEAM_AGREEMENT_SCREEN_ACTIONS)

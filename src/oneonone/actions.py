"""One definition per user action: it drives the key binding, the footer entry, the command
palette entry and the help screen, so the four never disagree."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from textual.binding import Binding, BindingType


@dataclass(frozen=True)
class UserAction:
    action: str  # the Textual action name, e.g. "add_rep" -> action_add_rep
    keys: str  # comma-separated Textual key names; the first is shown
    label: str  # short footer text
    help: str  # one line for the palette and the help screen
    footer: bool = True
    palette: bool = True
    priority: bool = False

    @property
    def key_display(self) -> str:
        first = self.keys.split(",")[0]
        return {"slash": "/", "question_mark": "?", "enter": "Enter", "escape": "Esc"}.get(
            first, first
        )


def bindings(actions: Iterable[UserAction]) -> list[BindingType]:
    return [
        Binding(a.keys, a.action, a.label, show=a.footer, priority=a.priority, tooltip=a.help)
        for a in actions
    ]


def key_states(screen: Any) -> tuple[bool | None, ...]:
    """What the footer shows of each of ``screen``'s ``USER_ACTIONS`` (shown, greyed out or
    hidden): the Footer rebuilds all its keys (~10 ms) whenever bindings are refreshed, so a
    screen refreshes them only when this changed."""
    return tuple(screen.check_action(a.action, ()) for a in screen.USER_ACTIONS)


def hidden(keys: str, action: str) -> Binding:
    """A hidden extra (j/k in lists): works, but stays out of the footer and palette."""
    return Binding(keys, action, show=False)


# --- app-wide ---------------------------------------------------------------------------------

#: F1 is a priority binding, so that it works in dialogs too (a modal screen keeps the App's other
#: keys out); ``?`` is not, so that it can be typed.
HELP = UserAction(
    "help", "f1", "Help", "Show every key and the method in short (F1 again closes it)",
    priority=True,
)  # fmt: skip
HELP_KEY = UserAction(
    "help", "question_mark", "Help", "Show every key (where ? is not typed)", footer=False,
    palette=False,
)  # fmt: skip
SAVE = UserAction(
    "retry_save", "ctrl+s", "Save", "Save again what could not be saved", footer=False
)
QUIT = UserAction(
    "quit", "ctrl+q", "Quit", "Quit oneonone (asks first if something is unsaved)", priority=True
)
SEARCH = UserAction(
    "search", "ctrl+f", "Search", "Search every note, commitment, invocation and agreement"
)
APP_ACTIONS = (SEARCH, HELP, HELP_KEY, SAVE, QUIT)

# --- roster -----------------------------------------------------------------------------------

ADD_REP = UserAction("add_rep", "a", "Add rep", "Add a rep to the team")
EDIT_REP = UserAction(
    "edit_rep", "e", "Edit", "Edit the selected rep's name, role, start date, status"
)
DEPART_REP = UserAction(
    "depart_rep", "d", "Departed", "Mark the selected rep as departed (their history stays)"
)
FILTER = UserAction("filter", "slash", "Filter", "Filter the roster by typing", footer=False)
SHOW_DEPARTED = UserAction("toggle_departed", "v", "Show departed", "Show or hide departed reps")
SETTINGS = UserAction("settings", "s", "Settings", "Your name, timezone and takeover date")

OPEN_AGREEMENT = UserAction(
    "open_agreement", "enter", "Agreement", "Open the selected rep's agreement"
)
TEMPLATE = UserAction(
    "edit_template", "t", "Template", "Edit the team template new agreements start from"
)

# --- agreement ----------------------------------------------------------------------------------

EDIT_PART = UserAction(
    "edit_part", "e", "Edit", "Edit a part of the agreement (1–5 go straight to a part)"
)
AGREE = UserAction("agree", "g", "Agree", "Record this draft as agreed with the rep, dated")
COMPARE = UserAction(
    "compare",
    "c",
    "Compare",
    "What changed: this version against the marked one, or the one before",
)
MARK = UserAction("mark", "m", "Mark", "Mark this version to compare another against it")
EXPORT = UserAction("export", "x", "Export", "Export this version to a Markdown file")
BACK = UserAction("back", "escape", "Back", "Back to the roster")
AGREEMENT_ACTIONS = (EDIT_PART, AGREE, COMPARE, MARK, EXPORT, BACK)

# --- home (the dashboard) -------------------------------------------------------------------------

OPEN_ITEM = UserAction(
    "open_item", "enter", "Open", "Go to the selected item: the agreement, plan or commitment"
)
MOVE_REVIEW = UserAction("move_review", "m", "Move", "Move the selected review to another date")
HOLD_REVIEW = UserAction(
    "hold_review", "h", "Held", "Record the selected review as held; the next is scheduled"
)
PLAN = UserAction("open_plan", "o", "Plan", "The selected rep's two-week onboarding plan")
TAKEOVER = UserAction(
    "takeover", "N", "New leader", "I took over this team on a date: start the reset"
)
ROSTER = UserAction("roster", "r,escape", "Roster", "The team's reps")
HOME = UserAction("home", "h", "Home", "What needs you: reviews, agreements, commitments, plans")

# --- the one-on-one: ctrl and F keys, which work while typing notes. Not priority bindings:
# they reach the screen through the notes area, in order with the keys typed before them.

START_SESSION = UserAction("start_session", "n", "1:1", "Start a one-on-one with the selected rep")
NEXT_STEP = UserAction("next_step", "ctrl+n", "Next", "Go to the next step of the script")
PREVIOUS_STEP = UserAction("previous_step", "ctrl+b", "Prev", "Go to the previous step")
SWITCH_NOTES = UserAction(
    "switch_notes",
    "ctrl+t",
    "Notes",
    "Switch notes: this step, free notes, private notes",
)
REP_COMMITS = UserAction("rep_commits", "ctrl+r", "Rep commits", "Add a commitment the rep makes")
I_COMMIT = UserAction("i_commit", "ctrl+o", "I commit", "Add a commitment you make to the rep")
NUMBERS = UserAction("numbers", "ctrl+l", "Numbers", "The rep's actuals against each quota line")
INVOKE = UserAction(
    "invoke",
    "f8",
    "Invoke",
    "Invoke the rep's next consequence step, in their own words",
)
HIDE_PRIVATE = UserAction(
    "hide_private",
    "f4",
    "Private",
    "Hide or show private notes (screen sharing)",
)
END_SESSION = UserAction("end_session", "f10", "End", "End the one-on-one: summary, then read-only")
PICK_COMMITMENT = UserAction(
    "pick_commitment",
    "f2",
    "Commitments",
    "Go into the open commitments to mark one done, carry or drop it (Esc: back to the notes)",
    footer=False,
)
SESSION_ACTIONS = (
    # End before Private: at 120 columns the footer has room for every key but the last
    NEXT_STEP, PREVIOUS_STEP, SWITCH_NOTES, REP_COMMITS, I_COMMIT, NUMBERS, INVOKE, END_SESSION,
    HIDE_PRIVATE, PICK_COMMITMENT,
)  # fmt: skip
EXPORT_ALL = UserAction(
    "export_all",
    "X",
    "Export all",
    "Export everyone's one-on-ones to Markdown, a file per rep",
    footer=False,
)
HISTORY = UserAction("history", "y", "History", "The selected rep's one-on-ones and invocations")

# --- the screens' action lists (order = footer order) --------------------------------------------

DASHBOARD_ACTIONS = (OPEN_ITEM, START_SESSION, MOVE_REVIEW, HOLD_REVIEW, PLAN, TAKEOVER, ROSTER)
ROSTER_ACTIONS = (
    OPEN_AGREEMENT, START_SESSION, HOME, ADD_REP, EDIT_REP, DEPART_REP, PLAN, HISTORY, FILTER,
    SHOW_DEPARTED, TEMPLATE, SETTINGS, EXPORT_ALL,
)  # fmt: skip


# --- what the other keys do, for the help screen -------------------------------------------------

#: One line of help for keys declared in a screen's or a widget's own ``BINDINGS`` rather than as
#: a ``UserAction`` (which carries its own): by the action's name, with its arguments
#: (``answer(True)``) or without (``scroll``). Help falls back on the binding's description.
KEY_HELP: dict[str, str] = {
    "back": "Back to the screen before",
    "leave": "Leave the one-on-one (it stays open; resume it later)",
    "cancel": "Cancel: close without saving",
    "close": "Close",
    "dismiss_none": "Close without choosing",
    "cursor_down": "Down the list",
    "cursor_up": "Up the list",
    "select_cursor": "Open the selected row",
    "scroll": "Scroll down / up",
    "version": "Next / previous version",
    "edit_part": "Edit that part of the agreement (1 to 5)",
    "pick": "Choose that part (1 to 5)",
    "to_results": "From the search box down to the results",
    "open_hit": "Open the selected hit",
    "addendum": "Add a dated addendum to a closed one-on-one",
    "toggle_private": "Show or hide the private notes",
    "export": "Export to a Markdown file",
    "switch_list": "Switch between the one-on-ones and the consequences invoked",
    "withdraw": "Withdraw the selected invocation, with a reason (it stays on record)",
    "toggle_done": "Mark the selected plan item done / not done",
    "open": "Open the selected item",
    "generate": "Make the plan from the team's plan template",
    "edit_template": "Edit the team's plan template",
    "done": "Mark the commitment done",
    "carry": "Not done: carry it to the next one-on-one",
    "drop": "Drop it, with a reason",
    "answer(True)": "Yes",
    "answer(False)": "No",
    "close_it": "Close the one-on-one: it becomes read-only",
    "keep_open": "Keep the one-on-one open",
    "add": "Add a line",
    "edit": "Edit the selected line",
    "remove": "Remove the selected line",
    "move(-1)": "Move the selected line up",
    "move(1)": "Move the selected line down",
    "clear_filter": "Clear the filter and go back to the list",
    "help_quit": "Says how to quit (ctrl+q)",
}

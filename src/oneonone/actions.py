"""One definition per user action: it drives the key binding, the footer entry, the command
palette entry and the help screen, so the four never disagree."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

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


def hidden(keys: str, action: str) -> Binding:
    """A hidden extra (j/k in lists): works, but stays out of the footer and palette."""
    return Binding(keys, action, show=False)


# --- app-wide ---------------------------------------------------------------------------------

HELP = UserAction("help", "f1,question_mark", "Help", "Show every key and the method in short")
SAVE = UserAction(
    "retry_save", "ctrl+s", "Save", "Save again what could not be saved", footer=False
)
QUIT = UserAction(
    "quit", "ctrl+q", "Quit", "Quit oneonone (asks first if something is unsaved)", priority=True
)
APP_ACTIONS = (HELP, SAVE, QUIT)

# --- roster -----------------------------------------------------------------------------------

ADD_REP = UserAction("add_rep", "a", "Add rep", "Add a rep to the team")
EDIT_REP = UserAction(
    "edit_rep", "e,enter", "Edit", "Edit the selected rep's name, role, start date, status"
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
    "takeover", "n", "New leader", "I took over this team on a date: start the reset"
)
ROSTER = UserAction("roster", "r,escape", "Roster", "The team's reps")
DASHBOARD_ACTIONS = (OPEN_ITEM, MOVE_REVIEW, HOLD_REVIEW, PLAN, TAKEOVER, ROSTER)
HOME = UserAction("home", "h", "Home", "What needs you: reviews, agreements, commitments, plans")
ROSTER_ACTIONS = (
    OPEN_AGREEMENT, HOME, ADD_REP, EDIT_REP, DEPART_REP, PLAN, FILTER, SHOW_DEPARTED, TEMPLATE,
    SETTINGS,
)  # fmt: skip

"""F1: every key, by screen, and the method in short.

The keys are read from the bindings in force, not from a list kept beside them: every screen and
dialog of the app (each module of ``oneonone.screens``), its own ``BINDINGS`` and those of the
lists it holds, and the App's. A key bound anywhere is in help; a key in help is bound.
"""

from __future__ import annotations

import importlib
import pkgutil
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from importlib import resources
from typing import Any

from rich.text import Text
from textual.app import App, ComposeResult
from textual.binding import Binding, BindingsMap
from textual.containers import VerticalScroll
from textual.dom import DOMNode
from textual.screen import ModalScreen, Screen
from textual.widget import Widget
from textual.widgets import Markdown, Static

from oneonone import actions
from oneonone.widgets.footer import KeyFooter

#: The screens, in the order help lists them, with their titles. Dialogs come after them.
SCREEN_TITLES = {
    "DashboardScreen": "Home",
    "RosterScreen": "Roster",
    "AgreementScreen": "Agreement",
    "SessionScreen": "One-on-one (these work while typing notes)",
    "HistoryScreen": "History",
    "BoardScreen": "Team board",
    "SessionViewScreen": "A past one-on-one",
    "OnboardingScreen": "Plan",
    "SearchScreen": "Search",
    "HelpScreen": "Help",
    "CandidatesScreen": "Candidates",
}
DIALOG_TITLES = {
    "ConfirmScreen": "Questions (yes / no)",
    "ExportProgressScreen": "Export under way",
    "PartPickerScreen": "Choose a part",
    "DiffScreen": "Compare versions",
    "CommitmentScreen": "A commitment",
    "KindScreen": "The kind of one-on-one",
    "SummaryScreen": "End of a one-on-one",
    "TextLineForm": "a line",
    "StepForm": "a consequence step",
    "QuotaLineForm": "a quota line",
    "RepFormScreen": "a rep",
    "SessionsExportForm": "export one-on-ones",
    "PartScreen": "a part of the agreement",
    "ExportScreen": "export an agreement",
    "DateFormScreen": "a date",
    "InvokeScreen": "Invoke a consequence",
    "PlanItemForm": "a plan item",
    "PlanTemplateScreen": "the plan template",
    "CommitmentForm": "a commitment",
    "NumbersForm": "numbers",
    "SettingsScreen": "settings",
    "CandidateFormScreen": "a candidate",
    "InterviewFormScreen": "an interview",
    "NotHiredFormScreen": "a candidate not hired",
    "HireFormScreen": "hiring a candidate",
}
#: The lists (widgets with keys of their own) and the screen they are on. A list not named here
#: gets a section of its own.
WIDGET_SCREENS = {
    "AgendaTable": "DashboardScreen",
    "RepTable": "RosterScreen",
    "SessionTable": "HistoryScreen",
    "InvocationTable": "HistoryScreen",
    "BoardTable": "BoardScreen",
    "PlanTable": "OnboardingScreen",
    "HitTable": "SearchScreen",
    "YesNo": "InvokeScreen",
    "CandidateTable": "CandidatesScreen",
}
WIDGET_TITLES = {"_Lines": "Lists of lines in a form (agreement parts, plan template)"}

_KEY_NAMES = {
    "slash": "/",
    "question_mark": "?",
    "enter": "Enter",
    "escape": "Esc",
    "space": "Space",
    "tab": "Tab",
    "shift+tab": "shift+Tab",
    "up": "↑",
    "down": "↓",
    "left": "←",
    "right": "→",
    "shift+up": "shift+↑",
    "shift+down": "shift+↓",
    "delete": "Delete",
    "insert": "Insert",
    "pageup": "PgUp",
    "pagedown": "PgDn",
}


def key_label(key: str) -> str:
    """A key as help shows it: ``Esc``, ``/``, ``ctrl+f``, ``F1``."""
    if key in _KEY_NAMES:
        return _KEY_NAMES[key]
    if re.fullmatch(r"f\d+", key):
        return key.upper()
    return key


def key_help(binding: Binding) -> str:
    """The binding's one line: its own (its ``UserAction``'s help), else its description."""
    base = binding.action.removeprefix("screen.").removeprefix("app.").split("(")[0]
    return binding.tooltip or binding.description or base.replace("_", " ").capitalize()


def own_bindings(cls: type[DOMNode], keymap: Mapping[str, str] = {}) -> dict[str, Binding]:
    """The keys ``cls`` binds itself (it and its bases in this app; not Textual's own), by key,
    as in force (a subclass's binding replaces its base's; ``keymap``, the user's, applied)."""
    keys: dict[str, Binding] = {}
    for base in reversed(cls.__mro__):
        if base.__module__.startswith("oneonone.") and "BINDINGS" in base.__dict__:
            bindings = BindingsMap(base.__dict__["BINDINGS"])
            if keymap:
                bindings.apply_keymap(keymap)
            for key, bound in bindings.key_to_bindings.items():
                keys[key] = bound[0]
    return keys


@dataclass
class Section:
    """One heading of help: the classes it covers, its title and its rows (keys, one line)."""

    title: str
    classes: list[str]
    rows: list[tuple[list[str], str]] = field(default_factory=list)
    about: str = ""

    def add(self, key: str, binding: Binding) -> None:
        """``key`` on the row of the same line of help, or a new row."""
        text = key_help(binding)
        for keys, line in self.rows:
            if line == text:
                if key not in keys:
                    keys.append(key)
                return
        self.rows.append(([key], text))

    @property
    def keys(self) -> list[str]:
        """Every key of the section's rows."""
        return [k for keys, _ in self.rows for k in keys]


def _our_classes() -> list[type[DOMNode]]:
    """Every screen and widget class of the app, each screen module imported."""
    import oneonone.screens

    for module in pkgutil.iter_modules(oneonone.screens.__path__, "oneonone.screens."):
        importlib.import_module(module.name)
    found: list[type[DOMNode]] = []
    todo: list[type[DOMNode]] = [Widget]
    while todo:
        for sub in todo.pop().__subclasses__():
            todo.append(sub)
            if sub.__module__.startswith("oneonone.") and sub not in found:
                found.append(sub)
    return found


def _is_shown(cls: type[DOMNode]) -> bool:
    """A screen that is shown, not a base of others (``FormScreen``): it composes something."""
    ours = [base for base in cls.__mro__ if base.__module__.startswith("oneonone.")]
    return any("compose" in base.__dict__ for base in ours)


def help_sections(app_class: type[App[Any]], keymap: Mapping[str, str] = {}) -> list[Section]:
    """Every key in force, by screen: the App's (everywhere), each screen's with its lists',
    then the dialogs' (those with the same keys share a section), then lists not on a screen.
    ``app_class`` is the running App's class (screens never import the App); ``keymap`` the
    user's (``App.set_keymap``)."""
    everywhere = Section("Everywhere", [app_class.__name__])
    for key, binding in own_bindings(app_class, keymap).items():
        everywhere.add(key, binding)
    palette = "The command palette: every action here, by name; the theme"
    everywhere.rows.append(([app_class.COMMAND_PALETTE_BINDING], palette))
    everywhere.rows.append((["tab", "shift+tab"], "Next / previous field, list or button"))

    classes = _our_classes()
    screens = {c.__name__: c for c in classes if issubclass(c, Screen) and _is_shown(c)}
    widgets = [c for c in classes if not issubclass(c, Screen) and own_bindings(c)]
    sections: dict[str, Section] = {}
    for name, cls in screens.items():
        section = Section(SCREEN_TITLES.get(name) or DIALOG_TITLES.get(name) or name, [name])
        for key, binding in own_bindings(cls, keymap).items():
            section.add(key, binding)
        sections[name] = section
    loose: list[Section] = []
    for widget in widgets:
        on = sections.get(WIDGET_SCREENS.get(widget.__name__, ""))
        target = on or Section(WIDGET_TITLES.get(widget.__name__, widget.__name__), [])
        bound = set(target.keys)
        for key, binding in own_bindings(widget, keymap).items():
            if key not in bound:  # the screen's own line for the key says what it does
                target.add(key, binding)
        target.classes.append(widget.__name__)
        if on is None:
            loose.append(target)

    main = [sections[n] for n in SCREEN_TITLES if n in sections]
    dialogs: dict[tuple[tuple[tuple[str, ...], str], ...], list[Section]] = {}
    for name, section in sorted(sections.items(), key=lambda item: item[1].title.casefold()):
        if name not in SCREEN_TITLES:
            rows = tuple((tuple(keys), line) for keys, line in section.rows)
            dialogs.setdefault(rows, []).append(section)
    merged: list[Section] = []
    for same in dialogs.values():
        if len(same) == 1:
            first = same[0]
            merged.append(
                Section(first.title[:1].upper() + first.title[1:], first.classes, first.rows)
            )
        else:
            about = "Forms for " + ", ".join(s.title for s in same) + "."
            names = [c for s in same for c in s.classes]
            merged.append(Section("Forms", names, same[0].rows, about))
    return [s for s in (everywhere, *main, *merged, *loose) if s.rows]


def keys_text(app_class: type[App[Any]], keymap: Mapping[str, str] = {}) -> Text:
    """Every key in force, by screen, as one text: a title line per section, then a line per
    key. (One widget: as Markdown, a line per key made some 500 widgets to mount.)"""
    sections = help_sections(app_class, keymap)
    rows = [
        (" / ".join(key_label(k) for k in keys), line) for s in sections for keys, line in s.rows
    ]
    width = min(24, max(len(keys) for keys, _ in rows))
    text = Text()
    text.append("Keys\n", style="bold underline")
    for section in sections:
        text.append(f"\n{section.title}\n", style="bold")
        if section.about:
            text.append(f"{section.about}\n", style="dim")
        for keys, line in section.rows:
            shown = " / ".join(key_label(k) for k in keys)
            text.append(f"  {shown:<{width}}", style="bold")
            text.append(f"  {line}\n")
    text.append(
        "\nIn lists, the arrow keys, PgUp / PgDn, Home and End move too; in fields, the usual "
        "editing keys work. ctrl+p lists every action of the screen you are on.\n",
        style="dim",
    )
    return text


def method_markdown() -> str:
    """The method's text (help/method.md), shown under the keys."""
    return (resources.files("oneonone") / "help" / "method.md").read_text(encoding="utf-8")


class HelpScreen(ModalScreen[None]):
    """F1: the keys of the screen in front and the method, in one scrolling page."""

    USER_ACTIONS = actions.HELP_SCREEN_ACTIONS
    BINDINGS = actions.bindings(actions.HELP_SCREEN_ACTIONS)

    def compose(self) -> ComposeResult:
        """The keys and the method, scrolling."""
        with VerticalScroll(id="help-body"):
            yield Static(keys_text(type(self.app), actions.keymap_of(self.app)), id="help-keys")
            yield Markdown(method_markdown())
        yield KeyFooter()

    def on_mount(self) -> None:
        """The page focused, for the arrows to scroll it."""
        self.query_one("#help-body").focus()

    def action_close(self) -> None:
        """Closed."""
        self.dismiss(None)

    def action_scroll(self, direction: str) -> None:
        """The page scrolled a line down (``direction`` "down") or up."""
        body = self.query_one("#help-body", VerticalScroll)
        if direction == "down":
            body.scroll_down()
        else:
            body.scroll_up()

"""F1: every key, by screen, and the method in short. Built from the action registry."""

from __future__ import annotations

from importlib import resources

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Markdown

from oneonone import actions
from oneonone.widgets.footer import KeyFooter


def keys_markdown() -> str:
    sections = [
        ("Everywhere", actions.APP_ACTIONS),
        ("Home", actions.DASHBOARD_ACTIONS),
        ("Roster", actions.ROSTER_ACTIONS),
        ("Agreement", actions.AGREEMENT_ACTIONS),
        ("One-on-one (these work while typing notes)", actions.SESSION_ACTIONS),
    ]
    lines = ["# Keys", ""]
    for title, group in sections:
        lines += [f"## {title}", "", "| Key | Action |", "| --- | --- |"]
        for a in group:
            keys = " / ".join(
                f"`{actions.UserAction(a.action, k, a.label, a.help).key_display}`"
                for k in a.keys.split(",")
            )
            lines.append(f"| {keys} | {a.help} |")
        lines.append("")
    lines += [
        "In lists, `j` and `k` move down and up. `ctrl+p` opens the command palette, "
        "which lists every action above; it also changes the theme.",
        "",
    ]
    return "\n".join(lines)


def method_markdown() -> str:
    return (resources.files("oneonone") / "help" / "method.md").read_text(encoding="utf-8")


class HelpScreen(ModalScreen[None]):
    BINDINGS = [
        Binding("escape,f1,question_mark,q", "close", "Close"),
        Binding("j", "scroll('down')", show=False),
        Binding("k", "scroll('up')", show=False),
    ]

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="help-body"):
            yield Markdown(keys_markdown() + "\n" + method_markdown())
        yield KeyFooter()

    def on_mount(self) -> None:
        self.query_one("#help-body").focus()

    def action_close(self) -> None:
        self.dismiss(None)

    def action_scroll(self, direction: str) -> None:
        body = self.query_one("#help-body", VerticalScroll)
        if direction == "down":
            body.scroll_down()
        else:
            body.scroll_up()

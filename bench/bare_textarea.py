"""The floor for typing: a Textual app that is nothing but a focused TextArea, soft-wrapped like
oneonone's notes area. ``bench/keystrokes.py`` types into it in tmux; its border title is the
marker that says it is painted."""

from __future__ import annotations

from textual.app import App, ComposeResult
from textual.widgets import TextArea

MARKER = "oneonone bench: bare TextArea"


class BareTextArea(App[None]):
    BINDINGS = [("ctrl+q", "quit", "Quit")]

    def compose(self) -> ComposeResult:
        area = TextArea("", soft_wrap=True, tab_behavior="focus")
        area.border_title = MARKER
        yield area

    def on_mount(self) -> None:
        self.query_one(TextArea).focus()


if __name__ == "__main__":
    BareTextArea().run()

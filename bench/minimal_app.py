"""The floor for startup time: a minimal Textual app (Header, Label, Footer).

``bench/startup.py`` runs it in tmux and waits for ``MARKER`` on the screen.
"""

from __future__ import annotations

from textual.app import App, ComposeResult
from textual.widgets import Footer, Header, Label

MARKER = "oneonone bench: minimal app painted"


class MinimalApp(App[None]):
    BINDINGS = [("q", "quit", "Quit")]

    def compose(self) -> ComposeResult:
        yield Header()
        yield Label(MARKER)
        yield Footer()


if __name__ == "__main__":
    MinimalApp().run()

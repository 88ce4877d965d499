"""Small yes/no dialogs."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Static

from oneonone import actions
from oneonone.widgets.footer import KeyFooter
from oneonone.widgets.text import plain


class ConfirmScreen(ModalScreen[bool]):
    """Ask a question; dismiss with True (yes) or False (no / Escape). Enter answers the
    focused button: yes, unless ``default_yes`` is False (when yes would lose something)."""

    USER_ACTIONS = actions.CONFIRM_ACTIONS
    BINDINGS = actions.bindings(actions.CONFIRM_ACTIONS)

    def __init__(
        self,
        title: str,
        question: str,
        *,
        yes: str = "Yes",
        no: str = "Cancel",
        default_yes: bool = True,
    ) -> None:
        super().__init__(classes="dialog-screen")
        self._default_yes = default_yes
        self._title = title
        self._question = question
        self._yes = yes
        self._no = no

    def compose(self) -> ComposeResult:
        """The title, the question and the two buttons."""
        with Vertical(classes="dialog"):
            yield Static(plain(self._title, "bold"), classes="dialog-title")
            yield Static(plain(self._question), classes="dialog-body")
            with Horizontal(classes="dialog-buttons"):
                yield Button(self._yes, variant="primary", id="yes")
                yield Button(self._no, id="no")
        yield KeyFooter()

    def on_mount(self) -> None:
        """The default answer's button focused."""
        self.set_focus(self.query_one("#yes" if self._default_yes else "#no", Button))

    def on_button_pressed(self, event: Button.Pressed) -> None:
        """The answer of the button pressed."""
        event.stop()
        self.dismiss(event.button.id == "yes")

    def action_answer(self, answer: bool) -> None:
        """Answered ``answer`` (y or n)."""
        self.dismiss(answer)

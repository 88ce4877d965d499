"""One commitment: mark it done, carry it to a new date, or drop it with a reason."""

from __future__ import annotations

import pendulum
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Static

from oneonone.core import sessions
from oneonone.core.model import Commitment, CommitmentState, Owner
from oneonone.screens.date_form import DateFormScreen
from oneonone.screens.line_forms import TextLineForm
from oneonone.widgets.footer import KeyFooter
from oneonone.widgets.text import plain


class CommitmentScreen(ModalScreen[Commitment | None]):
    """Dismisses with the changed commitment (to save), or None."""

    BINDINGS = [
        Binding("d", "done", "Done"),
        Binding("c", "carry", "Not done: carry"),
        Binding("x", "drop", "Drop"),
        Binding("escape", "close", "Close"),
    ]

    def __init__(self, commitment: Commitment, *, rep_name: str, today: pendulum.Date) -> None:
        super().__init__(classes="dialog-screen")
        self.commitment = commitment
        self.rep_name = rep_name
        self.today = today

    def compose(self) -> ComposeResult:
        c = self.commitment
        whose = "Yours (the manager's)" if c.owner is Owner.MANAGER else f"{self.rep_name}'s"
        with Vertical(classes="dialog"):
            yield Static(plain(f"{whose} commitment", "bold"), classes="dialog-title")
            yield Static(plain(c.text), classes="dialog-body")
            yield Static(plain(sessions.commitment_text(c, self.today).split(":", 1)[0] + " · "
                               + self._facts()), classes="dialog-hint")  # fmt: skip
            yield Static("d done · c not done: carry to a new date · x drop (with a reason)",
                         classes="dialog-hint")  # fmt: skip
        yield KeyFooter()

    def _facts(self) -> str:
        c = self.commitment
        parts = [f"due {c.due}" if c.due else "no due date"]
        if c.carried:
            parts.append(f"carried ×{c.carried}")
        if c.state is not CommitmentState.OPEN:
            parts.append(c.state.value)
        return ", ".join(parts)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in ("done", "carry", "drop"):
            return True if self.commitment.state is CommitmentState.OPEN else None
        return True

    def action_close(self) -> None:
        self.dismiss(None)

    def action_done(self) -> None:
        self.dismiss(sessions.mark_done(self.commitment, pendulum.now("UTC")))

    def action_carry(self) -> None:
        def chosen(day: pendulum.Date | None) -> None:
            if day is not None:
                self.dismiss(sessions.carry(self.commitment, day))

        self.app.push_screen(
            DateFormScreen("Carry it to a new date", "New due date", today=self.today,
                           value=self.today.add(weeks=1)),
            chosen,
        )  # fmt: skip

    def action_drop(self) -> None:
        def chosen(reason: str | None) -> None:
            if reason is not None:
                self.dismiss(sessions.drop(self.commitment, reason, pendulum.now("UTC")))

        self.app.push_screen(
            TextLineForm("Why is it dropped?", "", hint="It stays on record with the reason."),
            chosen,
        )

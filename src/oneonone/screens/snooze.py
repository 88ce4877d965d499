"""Set a rep's accountability signal aside, with a reason kept on record."""

from __future__ import annotations

from collections.abc import Sequence

import pendulum
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Static

from oneonone.core import sessions
from oneonone.core.model import Rep, Snooze
from oneonone.core.signal import snooze
from oneonone.screens.form import FormScreen
from oneonone.widgets.field import Field
from oneonone.widgets.footer import KeyFooter
from oneonone.widgets.text import plain


class SnoozeScreen(FormScreen[Snooze]):
    """Why the signal is set aside (required). The evidence it answers is shown, and kept with
    the record; the signal comes back with new evidence."""

    def __init__(self, rep: Rep, evidence: Sequence[str], *, now: pendulum.DateTime) -> None:
        super().__init__(classes="dialog-screen")
        self.rep = rep
        self.evidence = list(evidence)
        self.now = now

    def compose(self) -> ComposeResult:
        """The title, the evidence set aside, the reason and the keys."""
        with Vertical(classes="dialog form"):
            yield Static(
                plain(f"Snooze the signal of {self.rep.name}", "bold"), classes="dialog-title"
            )
            shown = "\n".join(f"· {e}" for e in self.evidence) or "· (no evidence listed)"
            yield Static(
                plain(
                    f"{shown}\n\nThis evidence is set aside, and the reason kept in "
                    f"{self.rep.name}'s history. The signal comes back with new evidence."
                ),
                classes="dialog-body",
            )
            yield Field(
                "Why?",
                name="reason",
                placeholder="Required: on leave, a family matter, a territory change…",
                max_length=sessions.MAX_TEXT,
            )
            yield Static("Enter / ctrl+s snooze · Esc cancel", classes="dialog-hint")
        yield KeyFooter()

    def build(self) -> Snooze:
        """The snooze, or a FieldError under the reason."""
        return snooze(self.rep, self.evidence, self.current_values()["reason"], self.now)

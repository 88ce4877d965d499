"""Mark a rep as departed, on a date. Their history stays."""

from __future__ import annotations

import pendulum
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Footer, Static

from oneonone.core.dates import DateInputError, parse_user_date
from oneonone.core.model import Rep
from oneonone.core.roster import RosterError, mark_departed
from oneonone.screens.form import FormScreen
from oneonone.widgets.field import Field
from oneonone.widgets.text import plain


class DepartScreen(FormScreen[Rep]):
    def __init__(self, rep: Rep, *, today: pendulum.Date) -> None:
        super().__init__(classes="dialog-screen")
        self.rep = rep
        self.today = today

    def initial_values(self) -> dict[str, str]:
        return {"departed_on": self.today.isoformat()}

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog form"):
            yield Static(plain(f"Mark {self.rep.name} as departed", "bold"), classes="dialog-title")
            yield Static(
                "Nothing is deleted: their agreements, sessions and commitments stay on record.",
                classes="dialog-body",
            )
            yield Field(
                "Last day",
                name="departed_on",
                value=self.today.isoformat(),
                hint="2027-01-15, today, yesterday, -3d",
            )
            yield Static("ctrl+s / Enter confirm · Esc cancel", classes="dialog-hint")
        yield Footer(compact=True)

    def build(self) -> Rep:
        text = self.current_values()["departed_on"]
        try:
            on = parse_user_date(text, self.today)
        except DateInputError as exc:
            raise RosterError("departed_on", str(exc)) from None
        return mark_departed(self.rep, on)

"""Add or edit a rep."""

from __future__ import annotations

from collections.abc import Sequence

import pendulum
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Label, Select, Static

from oneonone.core.model import Rep, RepStatus
from oneonone.core.roster import MAX_NAME, MAX_ROLE, RepDraft, build_rep, suggested_status
from oneonone.screens.form import FormScreen
from oneonone.widgets.field import Field
from oneonone.widgets.footer import KeyFooter
from oneonone.widgets.text import plain

AUTO = "auto"


class RepFormScreen(FormScreen[Rep]):
    """Add a rep, or edit one: name, role, start date, status."""

    def __init__(
        self, *, team: Sequence[Rep], today: pendulum.Date, rep: Rep | None = None
    ) -> None:
        super().__init__(classes="dialog-screen")
        self.rep = rep
        self.team = list(team)
        self.today = today

    def initial_values(self) -> dict[str, str]:
        """The rep's fields as they were (today and the automatic status for a new rep)."""
        if self.rep is None:
            return {"name": "", "role": "", "start_date": self.today.isoformat(), "status": AUTO}
        return {
            "name": self.rep.name,
            "role": self.rep.role,
            "start_date": self.rep.start_date.isoformat(),
            "status": self.rep.status.value,
        }

    def compose(self) -> ComposeResult:
        """The title, the rep's fields and the form's keys."""
        start = self.initial_values()
        title = "Add a rep" if self.rep is None else "Edit rep"
        with Vertical(classes="dialog form"):
            yield Static(plain(title, "bold"), classes="dialog-title")
            yield Field("Name", name="name", value=start["name"], max_length=MAX_NAME)
            yield Field(
                "Role",
                name="role",
                value=start["role"],
                placeholder="Account Executive",
                max_length=MAX_ROLE,
            )
            yield Field(
                "Start date",
                name="start_date",
                value=start["start_date"],
                hint="2027-01-15, today, +7d, next monday",
            )
            yield Label("Status", classes="field-label")
            options = [(s.value, s.value) for s in RepStatus]
            if self.rep is None:
                options = [("from start date", AUTO), *options[:2]]
            yield Select(options, value=start["status"], allow_blank=False, id="status")
            yield Static("", id="status-error", classes="field-error", markup=False)
            yield Static("ctrl+s save · Esc cancel", classes="dialog-hint")
        yield KeyFooter()

    def current_values(self) -> dict[str, str]:
        """The fields' values, the status chosen with them."""
        values = super().current_values()
        values["status"] = str(self.query_one("#status", Select).value)
        return values

    def build(self) -> Rep:
        """The rep as typed, checked (``roster.build_rep``); a ``FieldError`` if something is
        wrong."""
        values = self.current_values()
        status_value = values["status"]
        draft = RepDraft(values["name"], values["role"], values["start_date"])
        rep = build_rep(draft, today=self.today, team=self.team, existing=self.rep)
        if status_value == AUTO:
            status = suggested_status(rep.start_date, self.today)
        else:
            status = RepStatus(status_value)
        draft = RepDraft(values["name"], values["role"], values["start_date"], status)
        return build_rep(draft, today=self.today, team=self.team, existing=self.rep)

"""The manager's settings: name, timezone, takeover date."""

from __future__ import annotations

import pendulum
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Footer, Static

from oneonone.core.model import TeamSettings
from oneonone.core.team import build_settings
from oneonone.screens.form import FormScreen
from oneonone.widgets.field import Field
from oneonone.widgets.text import plain


def local_timezone_name() -> str:
    try:
        return str(pendulum.tz.local_timezone().name)
    except Exception:
        return "UTC"


class SettingsScreen(FormScreen[TeamSettings]):
    def __init__(self, settings: TeamSettings, *, today: pendulum.Date) -> None:
        super().__init__(classes="dialog-screen")
        self.settings = settings
        self.today = today

    def initial_values(self) -> dict[str, str]:
        s = self.settings
        return {
            "manager_name": s.manager_name,
            "timezone": s.timezone if s.is_set_up else local_timezone_name(),
            "takeover_date": s.takeover_date.isoformat() if s.takeover_date else "",
        }

    def compose(self) -> ComposeResult:
        start = self.initial_values()
        with Vertical(classes="dialog form"):
            yield Static(plain("Settings", "bold"), classes="dialog-title")
            yield Field(
                "Your name",
                name="manager_name",
                value=start["manager_name"],
                placeholder="Dana Whitfield",
                max_length=120,
            )
            yield Field(
                "Your timezone",
                name="timezone",
                value=start["timezone"],
                hint="A name like Europe/Paris, America/New_York or UTC",
            )
            yield Field(
                "I took over this team on (optional)",
                name="takeover_date",
                value=start["takeover_date"],
                hint="Leave empty if you built the team yourself",
            )
            yield Static("ctrl+s save · Esc cancel", classes="dialog-hint")
        yield Footer(compact=True)

    def build(self) -> TeamSettings:
        values = self.current_values()
        return build_settings(
            self.settings,
            manager_name=values["manager_name"],
            timezone=values["timezone"],
            takeover_date=values["takeover_date"],
            today=self.today,
        )

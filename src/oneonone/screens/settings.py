"""The manager's settings: name, timezone, takeover date."""

from __future__ import annotations

import pendulum
from textual.app import ComposeResult
from textual.containers import Horizontal, VerticalScroll
from textual.widgets import Label, Select, Static

from oneonone.core.model import ReviewAnchor, TeamSettings
from oneonone.core.team import build_settings, format_work_days
from oneonone.screens.form import FormScreen
from oneonone.widgets.field import Field
from oneonone.widgets.footer import KeyFooter
from oneonone.widgets.text import plain


def local_timezone_name() -> str:
    """The computer's timezone name ("UTC" if it cannot be told)."""
    try:
        return str(pendulum.tz.local_timezone().name)
    except Exception:
        return "UTC"


class SettingsScreen(FormScreen[TeamSettings]):
    """The team's settings: the manager's name, timezone, takeover date, reviews, working
    hours and the accountability signal's thresholds."""

    def __init__(self, settings: TeamSettings, *, today: pendulum.Date) -> None:
        super().__init__(classes="dialog-screen")
        self.settings = settings
        self.today = today

    def initial_values(self) -> dict[str, str]:
        """The settings' fields as they are."""
        s = self.settings
        return {
            "manager_name": s.manager_name,
            "timezone": s.timezone if s.is_set_up else local_timezone_name(),
            "takeover_date": s.takeover_date.isoformat() if s.takeover_date else "",
            "work_start": s.work_start,
            "work_end": s.work_end,
            "work_days": format_work_days(s.work_days),
            "review_anchor": s.review_anchor.value,
            "signal_missed": str(s.signal_missed),
            "signal_carried": str(s.signal_carried),
            "signal_below": str(s.signal_below),
        }

    def current_values(self) -> dict[str, str]:
        """The fields' values, the review anchor chosen with them."""
        values = super().current_values()
        values["review_anchor"] = str(self.query_one("#review_anchor", Select).value)
        return values

    def compose(self) -> ComposeResult:
        """The title, the settings' fields and the form's keys."""
        start = self.initial_values()
        with VerticalScroll(classes="dialog form settings-form"):
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
                hint="Leave empty if you built the team yourself; a new date starts the reset",
            )
            with Horizontal(classes="field-row"):
                yield Field("Working day starts", name="work_start", value=start["work_start"])
                yield Field("and ends", name="work_end", value=start["work_end"])
                yield Field("Working days", name="work_days", value=start["work_days"])
            yield Label("Quarterly reviews follow", classes="field-label")
            yield Select(
                [
                    ("calendar quarters (Jan, Apr, Jul, Oct)", ReviewAnchor.CALENDAR.value),
                    ("each rep's start date", ReviewAnchor.START_DATE.value),
                ],
                value=start["review_anchor"],
                allow_blank=False,
                id="review_anchor",
            )
            yield Label(
                "Home says a rep is not keeping their word at (since the last step invoked):",
                classes="field-label",
            )
            with Horizontal(classes="field-row"):
                yield Field(
                    "Commitments missed",
                    name="signal_missed",
                    value=start["signal_missed"],
                    max_length=2,
                )
                yield Field(
                    "One carried (times)",
                    name="signal_carried",
                    value=start["signal_carried"],
                    max_length=2,
                )
                yield Field(
                    "1:1s behind pace",
                    name="signal_below",
                    value=start["signal_below"],
                    max_length=2,
                )
            yield Static("ctrl+s save · Esc cancel", classes="dialog-hint")
        yield KeyFooter()

    def build(self) -> TeamSettings:
        """The settings typed, checked (``team.build_settings``); a ``FieldError`` if something is
        wrong."""
        values = self.current_values()
        return build_settings(
            self.settings,
            manager_name=values["manager_name"],
            timezone=values["timezone"],
            takeover_date=values["takeover_date"],
            today=self.today,
            review_anchor=values["review_anchor"],
            work_start=values["work_start"],
            work_end=values["work_end"],
            work_days=values["work_days"],
            signal=(values["signal_missed"], values["signal_carried"], values["signal_below"]),
        )

"""Team settings rules: the manager's name, timezone and takeover date."""

from __future__ import annotations

from dataclasses import replace

import pendulum

from oneonone.core.dates import DateInputError, is_valid_timezone, parse_user_date
from oneonone.core.model import TeamSettings
from oneonone.core.roster import RosterError, check_text


def build_settings(
    existing: TeamSettings,
    *,
    manager_name: str,
    timezone: str,
    takeover_date: str,
    today: pendulum.Date,
) -> TeamSettings:
    """Validate the settings form. Raises ``RosterError`` naming the field at fault."""
    name = check_text("manager_name", "Your name", manager_name, 120, required=True)
    tz = timezone.strip()
    if not is_valid_timezone(tz):
        raise RosterError(
            "timezone",
            f"{tz!r} is not a timezone I know: use a name like Europe/Paris, "
            "America/New_York or UTC.",
        )
    takeover = None
    if takeover_date.strip():
        try:
            takeover = parse_user_date(takeover_date, today)
        except DateInputError as exc:
            raise RosterError("takeover_date", f"Takeover date: {exc}") from None
    return replace(existing, manager_name=name, timezone=tz, takeover_date=takeover)

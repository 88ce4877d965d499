"""Team settings rules: the manager's name, timezone and takeover date."""

from __future__ import annotations

from dataclasses import dataclass, replace

import pendulum

from oneonone.core.agenda import AgendaInput
from oneonone.core.dates import DateInputError, is_valid_timezone, parse_user_date
from oneonone.core.model import (
    Agreement,
    AgreementTemplate,
    Commitment,
    CommitmentState,
    OnboardingItem,
    Rep,
    Review,
    ReviewState,
    TeamSettings,
)
from oneonone.core.roster import RosterError, check_text
from oneonone.core.store import Store


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


@dataclass
class TeamSnapshot:
    """What the roster needs at start: read once, right after the file is opened."""

    reps: list[Rep]
    settings: TeamSettings
    agreements: list[Agreement]
    template: AgreementTemplate | None
    agenda: AgendaInput


def load_team(store: Store) -> TeamSnapshot:
    """Raises the store's ``DamagedRecord`` if a record cannot be read."""
    reps = store.all(Rep)
    settings = store.settings()
    agreements = store.all(Agreement)
    agenda = AgendaInput(
        reps=reps,
        settings=settings,
        agreements=[a for a in agreements if a.is_agreed],
        reviews=store.where(Review, state=ReviewState.SCHEDULED),
        commitments=store.where(Commitment, state=CommitmentState.OPEN),
        onboarding=store.where(OnboardingItem, done=False),
    )
    return TeamSnapshot(reps, settings, agreements, store.get(AgreementTemplate, "team"), agenda)

"""Team settings rules: the manager's name, timezone and takeover date."""

from __future__ import annotations

from dataclasses import dataclass, replace

import pendulum

from oneonone.core.agenda import AgendaInput
from oneonone.core.agreements import current_documents
from oneonone.core.dates import DateInputError, is_valid_timezone, parse_user_date
from oneonone.core.model import (
    Agreement,
    AgreementTemplate,
    Commitment,
    CommitmentState,
    OnboardingItem,
    Rep,
    Review,
    ReviewAnchor,
    ReviewState,
    Session,
    Snooze,
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
    review_anchor: str | None = None,
    work_start: str | None = None,
    work_end: str | None = None,
    work_days: str | None = None,
    signal: tuple[str, str, str] | None = None,
) -> TeamSettings:
    """Validate the settings form. Raises ``RosterError`` naming the field at fault. Fields
    left as None keep their value."""
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
    updated = replace(existing, manager_name=name, timezone=tz, takeover_date=takeover)
    if review_anchor is not None:
        try:
            updated.review_anchor = ReviewAnchor(review_anchor)
        except ValueError:
            raise RosterError("review_anchor", "Choose calendar quarters or start dates.") from None
    if work_days is not None:
        updated.work_days = parse_work_days(work_days)
    if work_start is not None or work_end is not None:
        from oneonone.core.onboarding import OnboardingError, format_hhmm, parse_hhmm, working_hours

        try:
            start = format_hhmm(parse_hhmm(work_start or existing.work_start, "work_start"))
            end = format_hhmm(parse_hhmm(work_end or existing.work_end, "work_end"))
            updated.work_start, updated.work_end = start, end
            working_hours(updated)
        except OnboardingError as exc:
            raise RosterError(exc.field, str(exc)) from None
    if signal is not None:
        missed, carried, below = signal
        updated.signal_missed = _threshold("signal_missed", missed, "Missed commitments", 1)
        updated.signal_carried = _threshold("signal_carried", carried, "Times carried", 1)
        updated.signal_below = _threshold("signal_below", below, "One-on-ones behind pace", 1)
    return updated


#: The accountability signal's thresholds: whole numbers from 1 to this.
MAX_THRESHOLD = 99


def _threshold(field: str, text: str, label: str, least: int) -> int:
    try:
        value = int(text.strip())
    except ValueError:
        raise RosterError(field, f"{label}: a whole number, like 3.") from None
    if not least <= value <= MAX_THRESHOLD:
        raise RosterError(field, f"{label}: from {least} to {MAX_THRESHOLD}.")
    return value


DAY_NAMES = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")


def parse_work_days(text: str) -> list[int]:
    """ "mon-fri", "mon,tue,thu", "sun-thu" -> weekday numbers (Monday = 0), in order."""
    days: set[int] = set()
    for part in text.replace(" ", "").lower().split(","):
        if not part:
            continue
        ends = part.split("-")
        try:
            idx = [DAY_NAMES.index(e[:3]) for e in ends if len(e) >= 3 and e[:3] in DAY_NAMES]
        except ValueError:  # pragma: no cover - guarded by the filter above
            idx = []
        if len(idx) != len(ends) or len(ends) > 2:
            raise RosterError(
                "work_days", f"{part!r} is not a day or a range: write mon-fri or mon,tue,thu."
            )
        if len(idx) == 1:
            days.add(idx[0])
        else:
            first, last = idx
            span = (last - first) % 7
            days.update((first + k) % 7 for k in range(span + 1))
    if not days:
        raise RosterError("work_days", "Give at least one working day, like mon-fri.")
    return sorted(days)


def format_work_days(days: list[int]) -> str:
    """Working days as typed back: "mon-fri", or "mon,wed,fri"."""
    ordered = sorted(set(days))
    if ordered and ordered == list(range(ordered[0], ordered[-1] + 1)) and len(ordered) > 2:
        return f"{DAY_NAMES[ordered[0]]}-{DAY_NAMES[ordered[-1]]}"
    return ",".join(DAY_NAMES[d] for d in ordered)


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
    # each rep's current versions, not the years of superseded ones
    agreements = store.pick(Agreement, current_documents, superseded=False)
    agenda = AgendaInput(
        reps=reps,
        settings=settings,
        agreements=agreements,  # the drafts too: home shows those waiting to be agreed
        reviews=store.where(Review, state=ReviewState.SCHEDULED),
        commitments=store.where(Commitment, state=CommitmentState.OPEN),
        onboarding=store.where(OnboardingItem, done=False),
        sessions=store.where(Session, closed=False),
        snoozes=store.all(Snooze),
    )
    return TeamSnapshot(reps, settings, agreements, store.get(AgreementTemplate, "team"), agenda)

"""Roster rules: validating reps, filtering and ordering the team, marking departures.

Personnel history is never hard-deleted: a rep who leaves is marked departed with a date.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, replace

import pendulum

from oneonone.core.dates import DateInputError, parse_user_date
from oneonone.core.errors import FieldError
from oneonone.core.model import Rep, RepStatus, TeamSettings, utc_now

MAX_NAME = 120
MAX_ROLE = 120


class RosterError(FieldError):
    """A rep cannot be saved as entered."""


@dataclass(frozen=True)
class RepDraft:
    """What the add/edit form holds, as typed."""

    name: str
    role: str
    start_date: str
    status: RepStatus = RepStatus.ACTIVE


def _has_control(text: str) -> bool:
    return any(unicodedata.category(ch) in ("Cc", "Cs") for ch in text)


def check_text(field: str, label: str, text: str, limit: int, *, required: bool) -> str:
    """``text`` stripped, or a ``RosterError`` on ``field``: empty (if ``required``), control
    characters, or longer than ``limit``."""
    cleaned = text.strip()
    if required and not cleaned:
        raise RosterError(field, f"{label} cannot be empty.")
    if _has_control(cleaned):
        raise RosterError(field, f"{label} cannot contain control characters.")
    if len(cleaned) > limit:
        raise RosterError(
            field, f"{label} is too long ({len(cleaned)} characters; at most {limit})."
        )
    return cleaned


def build_rep(
    draft: RepDraft,
    *,
    today: pendulum.Date,
    team: Iterable[Rep],
    existing: Rep | None = None,
) -> Rep:
    """Validate ``draft`` and return the new or updated rep (not yet saved).

    Raises ``RosterError`` for an empty or over-long name, control characters, a start date
    that does not parse, or a name already used by another current rep."""
    name = check_text("name", "Name", draft.name, MAX_NAME, required=True)
    role = check_text("role", "Role", draft.role, MAX_ROLE, required=False)
    try:
        start = parse_user_date(draft.start_date, today)
    except DateInputError as exc:
        raise RosterError("start_date", f"Start date: {exc}") from None
    for other in team:
        same = existing is not None and other.id == existing.id
        if not same and other.is_current and other.name.casefold() == name.casefold():
            raise RosterError("name", f"There is already a rep named {other.name!r} on the team.")
    status = draft.status
    if existing is None:
        departed_on = None
        if status is RepStatus.DEPARTED:
            raise RosterError("status", "A new rep cannot start as departed.")
        return Rep(name=name, role=role, start_date=start, status=status)
    departed_on = existing.departed_on if status is RepStatus.DEPARTED else None
    if status is RepStatus.DEPARTED and departed_on is None:
        departed_on = today
    return replace(
        existing,
        name=name,
        role=role,
        start_date=start,
        status=status,
        departed_on=departed_on,
        updated_at=utc_now(),
    )


def suggested_status(start: pendulum.Date, today: pendulum.Date) -> RepStatus:
    """A rep who starts in the future or started within two weeks is onboarding."""
    return RepStatus.ONBOARDING if start > today.subtract(weeks=2) else RepStatus.ACTIVE


def mark_departed(rep: Rep, on: pendulum.Date) -> Rep:
    """The rep marked departed ``on`` that day (not before their start date)."""
    if on < rep.start_date:
        raise RosterError(
            "departed_on", f"The departure date cannot be before the start date ({rep.start_date})."
        )
    return replace(rep, status=RepStatus.DEPARTED, departed_on=on, updated_at=utc_now())


def reinstate(rep: Rep) -> Rep:
    """The departed rep back on the team, active."""
    return replace(rep, status=RepStatus.ACTIVE, departed_on=None, updated_at=utc_now())


_STATUS_ORDER = {RepStatus.ONBOARDING: 0, RepStatus.ACTIVE: 0, RepStatus.DEPARTED: 1}


def ordered(reps: Iterable[Rep]) -> list[Rep]:
    """Current reps first, then departed; by name within each."""
    return sorted(reps, key=lambda r: (_STATUS_ORDER[r.status], r.name.casefold(), r.id))


def matches(rep: Rep, query: str) -> bool:
    """Case-insensitive match of every word of ``query`` against name, role and status."""
    hay = f"{rep.name} {rep.role} {rep.status.value}".casefold()
    return all(word in hay for word in query.casefold().split())


def filter_reps(reps: Iterable[Rep], query: str, *, show_departed: bool = True) -> list[Rep]:
    """The reps matching ``query``, in order; the departed ones only with ``show_departed``."""
    return [r for r in ordered(reps) if (show_departed or r.is_current) and matches(r, query)]


def tenure(rep: Rep, today: pendulum.Date) -> str:
    """'starts in 5 days', '3 months', 'left 2024-05-01'."""
    if rep.status is RepStatus.DEPARTED and rep.departed_on is not None:
        return f"left {rep.departed_on.isoformat()}"
    if rep.start_date > today:
        days = (rep.start_date - today).days
        return f"starts in {days} day{'s' if days != 1 else ''}"
    delta = today - rep.start_date
    months = delta.in_months()
    if months >= 12:
        years = delta.in_years()
        rest = months - 12 * years
        return f"{years}y {rest}m" if rest else f"{years}y"
    if months >= 1:
        return f"{months} month{'s' if months != 1 else ''}"
    weeks = delta.in_weeks()
    if weeks >= 1:
        return f"{weeks} week{'s' if weeks != 1 else ''}"
    return f"{delta.in_days()} day{'s' if delta.in_days() != 1 else ''}"


def settings_problems(settings: TeamSettings) -> list[str]:
    """What the first-run checklist still needs."""
    return [] if settings.is_set_up else ["Set your name and timezone."]

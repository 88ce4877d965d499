"""Helpers for the cadence tests (schedule, onboarding, agenda, and their command line)."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

import pendulum

from oneonone.core.model import (
    Agreement,
    AgreementState,
    ConsequenceStep,
    Rep,
    RepStatus,
    TeamSettings,
)

D = pendulum.Date


@contextmanager
def frozen(moment: pendulum.DateTime) -> Iterator[None]:
    """Freeze time at ``moment`` without touching the machine's timezone.

    time-machine also sets the process timezone when the destination has a named zone; a
    fixed UTC offset leaves TZ alone, so a test run under TZ=Pacific/Auckland still has an
    Auckland local date that differs from the manager's, and code that used it would fail."""
    with pendulum.travel_to(moment.in_timezone(pendulum.FixedTimezone(0)), freeze=True):
        yield


def rep(name: str, start: pendulum.Date, *, departed: bool = False, rid: str = "") -> Rep:
    return Rep(
        name=name,
        start_date=start,
        status=RepStatus.DEPARTED if departed else RepStatus.ACTIVE,
        departed_on=start.add(years=1) if departed else None,
        id=rid or f"rep-{name.split()[0].lower()}",
    )


def agreed(rep_id: str, on: pendulum.Date, version: int = 1, **extra: object) -> Agreement:
    return Agreement(
        rep_id=rep_id,
        version=version,
        state=AgreementState.AGREED,
        agreed_on=on,
        manager_name="Maya",
        consequence_steps=[ConsequenceStep("a gentle reminder")],
        id=f"agr-{rep_id}-{version}",
        **extra,  # type: ignore[arg-type]
    )


def settings(**changes: object) -> TeamSettings:
    base = TeamSettings(manager_name="Maya", timezone="America/New_York")
    for key, value in changes.items():
        setattr(base, key, value)
    return base

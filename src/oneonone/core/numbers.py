"""The numbers a rep's one-on-ones recorded, read one way everywhere they are shown.

A quota line's numbers over time are ``readings``: the closed one-on-ones that recorded it,
oldest first, each dated on the day it started where it was held. The history's sparklines
(``sessions.attainment_history``) and the team board (``core.board``) both read them here, so
the two never disagree on which number a one-on-one recorded or on which day. The periods a
quota line counts over (``period_start``, ``period_bounds``) are also decided here, for the
board and for the signal's "behind pace" (``signal.period_gone``). ``sparkline`` draws values
as bars for the app, the command line and the Markdown export alike.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

import pendulum

from oneonone.core.model import NumberEntry, Period, Session


@dataclass(frozen=True)
class Reading:
    """One number recorded at a closed one-on-one: the day it started where it was held (its
    own offset), the moment it started, and the entry as recorded (actual and target then)."""

    day: pendulum.Date
    at: pendulum.DateTime
    entry: NumberEntry


def readings(
    sessions: Iterable[Session],
    match: Callable[[NumberEntry], bool],
    timezone: str | None = None,
) -> list[Reading]:
    """The numbers of one quota line (the first entry of each closed one-on-one that
    ``match`` accepts), oldest first, each dated on the day it was held where the manager is
    (``timezone``: a one-on-one at 17:30 on 31 Oct in Los Angeles counts for October, though
    it is 1 Nov in UTC; None: the day of the moment as stored, in its own offset). Open
    one-on-ones are left out: their numbers may still change."""
    found: list[Reading] = []
    for s in sessions:
        if not s.closed:
            continue
        for n in s.numbers:
            if match(n):
                moment = s.started_at if timezone is None else s.started_at.in_timezone(timezone)
                day = moment.date()
                found.append(Reading(day, s.started_at, n))
                break
    found.sort(key=lambda r: (r.day, r.at))
    return found


def period_start(period: Period, day: pendulum.Date) -> pendulum.Date:
    """The first day of the quota ``period`` that ``day`` falls in (weeks start on Monday;
    quarters are calendar quarters). Plain date arithmetic: the board asks it of every number
    it reads."""
    if period is Period.DAY:
        return day
    if period is Period.WEEK:
        return pendulum.Date.fromordinal(day.toordinal() - day.weekday())
    if period is Period.MONTH:
        return pendulum.Date(day.year, day.month, 1)
    if period is Period.QUARTER:
        return pendulum.Date(day.year, 3 * ((day.month - 1) // 3) + 1, 1)
    return pendulum.Date(day.year, 1, 1)


def period_bounds(period: Period, day: pendulum.Date) -> tuple[pendulum.Date, int]:
    """The first day of the quota ``period`` that ``day`` falls in, and its length in days."""
    start = period_start(period, day)
    if period is Period.DAY:
        return start, 1
    if period is Period.WEEK:
        return start, 7
    if period is Period.MONTH:
        return start, start.days_in_month
    months = 3 if period is Period.QUARTER else 12
    end = pendulum.Date(
        start.year + (start.month + months - 1) // 12, (start.month + months - 1) % 12 + 1, 1
    )
    return start, end.toordinal() - start.toordinal()


def periods_back(period: Period, day: pendulum.Date, count: int) -> pendulum.Date:
    """The first day of the period ``count`` periods before the one ``day`` falls in
    (0: that period's own first day)."""
    start = period_start(period, day)
    for _ in range(count):
        start = period_start(period, pendulum.Date.fromordinal(start.toordinal() - 1))
    return start


BARS = "▁▂▃▄▅▆▇█"


def sparkline(values: list[float], width: int = 40) -> str:
    """The last ``width`` values as bars; the scale runs from 0 to the largest value (and at
    least 100 %, so a rep always under quota never shows full bars)."""
    shown = values[-width:]
    if not shown:
        return ""
    top = max(max(shown), 1.0)
    return "".join(
        BARS[min(len(BARS) - 1, int(max(v, 0) / top * (len(BARS) - 1) + 0.5))] for v in shown
    )


__all__ = [
    "BARS",
    "Reading",
    "period_bounds",
    "period_start",
    "periods_back",
    "readings",
    "sparkline",
]

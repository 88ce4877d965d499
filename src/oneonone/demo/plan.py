"""A rep's plan in the making (``Plan``), and the date and number helpers the generator uses."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import timedelta

import pendulum

from oneonone.core.model import (
    Agreement,
    QuotaLine,
    Rep,
    SessionKind,
)
from oneonone.demo.people import LineSpec


@dataclass
class Line:
    """A quota line of one rep and how its number is simulated."""

    spec: LineSpec
    line: QuotaLine


@dataclass
class Changes:
    """What a quarterly review changed, in words, by the step where it is discussed."""

    quota: list[str] = field(default_factory=list)
    both: list[str] = field(default_factory=list)
    ladder: list[str] = field(default_factory=list)


@dataclass
class Plan:
    """One rep in the making: who they are, when they meet, how they do, and what was made for
    them."""

    rep: Rep
    first: str
    role: str
    book: list[str]
    slot_day: int
    slot_minute: int
    perf: float
    peer: str = ""
    takeover: bool = True
    end: pendulum.Date | None = None  # sessions strictly before this date
    # dates and kinds of the sessions held, and planned future dates (for review due dates)
    held: list[pendulum.Date] = field(default_factory=list)
    kinds: list[SessionKind] = field(default_factory=list)
    future: list[pendulum.Date] = field(default_factory=list)
    review_quarter: dict[int, pendulum.Date] = field(default_factory=dict)
    first_date: pendulum.Date | None = None
    first_minute: int = 0
    overdue_quarter: pendulum.Date | None = None
    behind_now: bool = False  # the last session carries everything due: past-due work today
    invocations: dict[int, int] = field(default_factory=dict)  # session index -> step index
    agreements: list[Agreement] = field(default_factory=list)
    lines: list[Line] = field(default_factory=list)


def quarter_start(d: pendulum.Date) -> pendulum.Date:
    """The first day of ``d``'s quarter."""
    return pendulum.Date(d.year, 3 * ((d.month - 1) // 3) + 1, 1)


def next_quarter(q: pendulum.Date) -> pendulum.Date:
    """The first day of the quarter after ``q``'s."""
    month = q.month + 3
    return pendulum.Date(q.year + (month > 12), (month - 1) % 12 + 1, 1)


def is_holiday(d: pendulum.Date) -> bool:
    """Whether ``d`` is a day off for the whole team (Christmas week, New Year's Day, July 4th)."""
    return (
        (d.month == 12 and d.day >= 24)
        or (d.month == 1 and d.day == 1)
        or (d.month == 7 and d.day == 4)
    )


def weekday_on_or_after(d: pendulum.Date, weekday: int) -> pendulum.Date:
    """The first ``weekday`` (0: Monday) on or after ``d``."""
    return d + timedelta(days=(weekday - d.weekday()) % 7)


def review_due(q: pendulum.Date) -> pendulum.Date:
    """A quarterly review is due by the end of the quarter's second week."""
    return q + timedelta(days=13)


def first_review_quarter(first: pendulum.Date) -> pendulum.Date:
    """The quarter of the first review after an agreement made on ``first``: the next
    quarter, unless that starts within three weeks."""
    q = next_quarter(quarter_start(first))
    return q if (q - first).days >= 21 else next_quarter(q)


def money(x: float) -> str:
    """``x`` as a whole number with thousands separators."""
    return f"{x:,.0f}"


def times(n: int) -> str:
    """ "once", "twice", "3 times"."""
    return {1: "once", 2: "twice"}.get(n, f"{n} times")


def ordinal(n: int) -> str:
    """ "1st", "2nd", "3rd", "4th"."""
    return {1: "1st", 2: "2nd", 3: "3rd"}.get(n, f"{n}th")

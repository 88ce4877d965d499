"""Dates typed by the manager, parsed strictly (pendulum's parser guesses too much).

Accepted: ISO dates (``2027-01-15``), ``today``, ``tomorrow``, ``yesterday``, offsets
(``+7d``, ``+2w``, ``-3d``, ``+1m``), and weekday names (``fri``, ``friday``, ``next monday``),
which mean the next such day after today. Anything else, including ambiguous forms like
``02/03/2027`` and impossible dates like ``2027-02-30``, is refused with a message that says
what is accepted. So is a date after ``LATEST`` (2999-12-31): reviews, plans and calendars are
worked out months after a typed date, and from 9999-12-31 that arithmetic leaves the calendar.
"""

from __future__ import annotations

import re

import pendulum

ACCEPTED = "a date like 2027-01-15, today, tomorrow, +7d, +2w, fri or next monday"

_WEEKDAYS = {
    "mon": 0,
    "monday": 0,
    "tue": 1,
    "tues": 1,
    "tuesday": 1,
    "wed": 2,
    "wednesday": 2,
    "thu": 3,
    "thur": 3,
    "thurs": 3,
    "thursday": 3,
    "fri": 4,
    "friday": 4,
    "sat": 5,
    "saturday": 5,
    "sun": 6,
    "sunday": 6,
}
#: The last date a manager can type. Every date the app works out from a typed one (a review a
#: quarter after an agreement, a two-week plan, a takeover deadline) stays far inside year 9999.
LATEST = pendulum.Date(2999, 12, 31)

_ISO = re.compile(r"(\d{4})-(\d{2})-(\d{2})")
_OFFSET = re.compile(r"([+-])\s*(\d{1,4})\s*([dwmy])")


class DateInputError(ValueError):
    """``str(error)`` says what was wrong and what is accepted."""


def parse_user_date(text: str, today: pendulum.Date) -> pendulum.Date:
    """The date ``text`` means ("2027-01-15", "today", "+3d", "fri"...), or a ``DateInputError``
    that says why not."""
    day = _parse(text, today)
    if day > LATEST:
        raise DateInputError(
            f"{text.strip()!r} is out of range: the last date accepted is {LATEST.isoformat()}."
        )
    return day


def _parse(text: str, today: pendulum.Date) -> pendulum.Date:
    raw = text.strip().lower()
    if not raw:
        raise DateInputError(f"No date given: enter {ACCEPTED}.")
    if raw in ("today", "now"):
        return today
    if raw == "tomorrow":
        return today.add(days=1)
    if raw == "yesterday":
        return today.subtract(days=1)
    if m := _ISO.fullmatch(raw):
        year, month, day = (int(g) for g in m.groups())
        try:
            return pendulum.Date(year, month, day)
        except ValueError:
            raise DateInputError(
                f"{text.strip()!r} is not a real date (check the month and day): enter {ACCEPTED}."
            ) from None
    if m := _OFFSET.fullmatch(raw):
        sign, amount, unit = m.group(1), int(m.group(2)), m.group(3)
        n = amount if sign == "+" else -amount
        key = {"d": "days", "w": "weeks", "m": "months", "y": "years"}[unit]
        try:
            return today.add(**{key: n})
        except (ValueError, OverflowError):
            raise DateInputError(f"{text.strip()!r} is out of range.") from None
    words = raw.split()
    if words and words[0] == "next":
        words = words[1:]
    if len(words) == 1 and words[0] in _WEEKDAYS:
        ahead = (_WEEKDAYS[words[0]] - today.weekday()) % 7 or 7
        return today.add(days=ahead)
    raise DateInputError(f"{text.strip()!r} is not a date I can read: enter {ACCEPTED}.")


def today_in(timezone: str) -> pendulum.Date:
    """Today's date where the manager is."""
    return pendulum.now(timezone).date()


def is_valid_timezone(name: str) -> bool:
    """Whether ``name`` is a timezone pendulum knows."""
    try:
        pendulum.timezone(name)
    except Exception:
        return False
    return bool(name.strip())

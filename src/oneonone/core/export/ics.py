"""The cadence as an iCalendar file (RFC 5545), made with the ``icalendar`` library.

Events, from today on: scheduled quarterly reviews (all-day, on the due date), onboarding plan
items not yet done (timed, in the manager's timezone, with its VTIMEZONE), and the new-leader
expectations conversations still to hold (all-day, on the reset's deadline). Every UID is
stable, so importing a newer file updates events instead of duplicating them: a record's id
``@oneonone`` (a moved review keeps its UID, with a higher SEQUENCE), and for a takeover
conversation the rep's id and the takeover date.
"""

from __future__ import annotations

import pendulum
from icalendar import Calendar, Event, vText

from oneonone import __version__
from oneonone.core.agenda import AgendaInput
from oneonone.core.model import Review
from oneonone.core.schedule import next_reviews, scheduled_for, takeover_status

UID_DOMAIN = "oneonone"
REVIEW_NOTE = (
    "Quarterly expectations review: what changed; quota for the new quarter; both sides' "
    "expectations; are the consequence steps still right?; a new version of the agreement."
)
TAKEOVER_NOTE = (
    'New-leader reset: "This is now my team." The expectations conversation, from the start: '
    "my expectations, what you can expect from me, what else you need, how we reach each "
    "other, and what you want me to do if you don't hold up your end. Put it in writing."
)


#: RFC 5545 TEXT holds no control character but tab (a line break is written ``\\n``): the
#: others show as their control pictures; UTF-8 cannot hold a lone surrogate: U+FFFD.
_NOT_TEXT = {code: chr(0x2400 + code) for code in range(0x20) if code not in (0x09, 0x0A)}
_NOT_TEXT[0x7F] = "\u2421"
_NOT_TEXT.update(dict.fromkeys(range(0xD800, 0xE000), "\ufffd"))


def ics_text(text: str) -> vText:
    """``text`` (a name, a plan item) as an iCalendar TEXT value: every line break (LF, CR LF,
    CR) one ``\\n`` in the file, other control characters as visible symbols, lone surrogates as
    U+FFFD; ``;`` ``,`` and ``\\`` are escaped by ``vText``, and long lines folded."""
    lines = text.replace("\r\n", "\n").replace("\r", "\n")
    return vText(lines.translate(_NOT_TEXT))


def _all_day(uid: str, summary: str, day: pendulum.Date, stamp: pendulum.DateTime) -> Event:
    event = Event()
    event.add("uid", uid)
    event.add("dtstamp", stamp)
    event.add("summary", ics_text(summary))
    event.add("dtstart", day)
    event.add("dtend", day.add(days=1))
    event.add("transp", "TRANSPARENT")  # a reminder of a date, not a busy block
    return event


def cadence_calendar(
    data: AgendaInput, today: pendulum.Date, *, now: pendulum.DateTime | None = None
) -> Calendar:
    """The calendar of what is scheduled from ``today`` on (the manager's today)."""
    stamp = (now or pendulum.now("UTC")).in_timezone("UTC")
    tz = pendulum.timezone(data.settings.timezone)
    current = {r.id: r for r in data.reps if r.is_current}
    events: list[tuple[pendulum.Date, int, Event]] = []  # (day, timestamp or 0, event)

    # the team's review, and each rep's next one: the date every screen shows (``next_review``)
    reviews: list[tuple[Review, str]] = []
    team_review = scheduled_for(data.reviews, None)
    if team_review is not None:
        reviews.append((team_review, "Team quarterly review"))
    reps_next = next_reviews(
        current.values(),
        data.reviews,
        settings=data.settings,
        agreements=data.agreements,
        today=today,
    )
    reviews += [
        (r, f"Quarterly review with {current[rep_id].name}") for rep_id, r in reps_next.items()
    ]
    for review, summary in reviews:
        if review.due < today:
            continue
        event = _all_day(f"{review.id}@{UID_DOMAIN}", summary, review.due, stamp)
        event.add("description", REVIEW_NOTE)
        event.add("categories", ["oneonone", "review"])
        event.add("sequence", 0 if review.moved_from is None else 1)
        events.append((review.due, 0, event))

    for item in data.onboarding:
        rep = current.get(item.rep_id)
        if rep is None or item.done:
            continue
        starts, ends = item.starts_at.in_timezone(tz), item.ends_at.in_timezone(tz)
        if starts.date() < today:
            continue
        event = Event()
        event.add("uid", f"{item.id}@{UID_DOMAIN}")
        event.add("dtstamp", stamp)
        event.add("summary", ics_text(f"{rep.name} onboarding: {item.title}"))
        event.add("dtstart", starts)
        event.add("dtend", ends)
        kind = "expectations conversation" if item.is_expectations_conversation else "onboarding"
        event.add("categories", ["oneonone", kind])
        events.append((starts.date(), starts.int_timestamp, event))

    status = takeover_status(data.settings, list(current.values()), data.agreements, today)
    if status is not None and status.deadline >= today:
        for rep in status.pending:
            uid = f"takeover-{rep.id}-{status.takeover_date.isoformat()}@{UID_DOMAIN}"
            summary = f"Expectations conversation with {rep.name} (new-leader reset, due)"
            event = _all_day(uid, summary, status.deadline, stamp)
            event.add("description", TAKEOVER_NOTE)
            event.add("categories", ["oneonone", "takeover"])
            events.append((status.deadline, 0, event))

    cal = Calendar()
    cal.add("prodid", f"-//oneonone//oneonone {__version__}//EN")
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", "PUBLISH")
    name = data.settings.manager_name.strip()
    # an X- property is not escaped as TEXT unless given as one: a newline in the manager's name
    # would end the line (icalendar refuses it)
    cal.add("x-wr-calname", ics_text(f"oneonone: {name}'s team" if name else "oneonone"))
    events.sort(key=lambda e: (e[0], e[1], str(e[2].get("uid"))))
    for _, _, event in events:
        cal.add_component(event)
    if events:
        first, last = events[0][0], events[-1][0]
        cal.add_missing_timezones(first.subtract(days=1), last.add(years=1))
    return cal


def calendar_text(cal: Calendar) -> str:
    """The .ics text (CRLF line ends, folded lines, as RFC 5545 wants)."""
    data: bytes = cal.to_ical()
    return data.decode("utf-8")


__all__ = ["cadence_calendar", "calendar_text", "ics_text"]

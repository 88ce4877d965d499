"""The cadence as an iCalendar file (RFC 5545), made with the ``icalendar`` library.

Events, from today on: scheduled quarterly reviews (all-day, on the due date), the onboarding
plan items the manager attends (``onboarding.manager_attends``: the expectations conversation,
items "with your manager"; every item with ``everything=True``), timed in the manager's
timezone with its VTIMEZONE, and the new-leader expectations conversations still to hold
(all-day, on the reset's deadline).

Importing a newer file updates the events a calendar holds:

- Every UID is stable: a record's id ``@oneonone``, and for a takeover conversation the rep's
  id and the takeover date.
- SEQUENCE only rises (RFC 5545 §3.8.7.4): a review's is the number of times it was moved
  (``Review.moves``), so moving it away and back gives 0, 1, 2; anything else is 0.
- What is no longer due stays in the file for ``CANCEL_DAYS`` as ``STATUS:CANCELLED`` with a
  higher SEQUENCE, so a calendar that imported it removes it: a review held, the plan item
  done, a departed rep's review and plan, a takeover conversation held.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import pendulum
from icalendar import Calendar, Event, vText

from oneonone import __version__
from oneonone.core.agenda import AgendaInput
from oneonone.core.model import OnboardingItem, Rep, Review
from oneonone.core.onboarding import manager_attends
from oneonone.core.schedule import (
    next_reviews,
    on_team_at_takeover,
    revision,
    scheduled_for,
    takeover_status,
)

UID_DOMAIN = "oneonone"
#: How long an event no longer due stays in the file, cancelled, for calendars to drop it.
CANCEL_DAYS = 60


@dataclass(frozen=True)
class Gone:
    """What was due and no longer is, to cancel in calendars that imported it: the reviews
    held and the plan items done lately (read apart: the agenda has neither)."""

    held: list[Review] = field(default_factory=list)
    done: list[OnboardingItem] = field(default_factory=list)


def cancelled(event: Event, sequence: int) -> Event:
    """``event`` as a cancellation: ``STATUS:CANCELLED`` with a SEQUENCE above the last one."""
    event.add("status", "CANCELLED")
    event.add("sequence", sequence)
    return event


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
    data: AgendaInput,
    today: pendulum.Date,
    *,
    now: pendulum.DateTime | None = None,
    gone: Gone | None = None,
    everything: bool = False,
) -> Calendar:
    """The calendar of what is scheduled from ``today`` on (the manager's today), with what is
    ``gone`` (and departed reps' events) cancelled for ``CANCEL_DAYS``; every plan item only
    with ``everything``."""
    stamp = (now or pendulum.now("UTC")).in_timezone("UTC")
    tz = pendulum.timezone(data.settings.timezone)
    gone = gone or Gone()
    since = today.subtract(days=CANCEL_DAYS)
    current = {r.id: r for r in data.reps if r.is_current}
    departed = {
        r.id: r
        for r in data.reps
        if not r.is_current and (r.departed_on is None or r.departed_on >= since)
    }
    events: list[tuple[pendulum.Date, int, Event]] = []  # (day, timestamp or 0, event)

    def review_event(review: Review, summary: str) -> Event:
        event = _all_day(f"{review.id}@{UID_DOMAIN}", summary, review.due, stamp)
        event.add("description", REVIEW_NOTE)
        event.add("categories", ["oneonone", "review"])
        return event

    def name_of(rep_id: str | None) -> str:
        rep = current.get(rep_id or "") or departed.get(rep_id or "")
        return f"Quarterly review with {rep.name}" if rep else "Team quarterly review"

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
    reviews += [(r, name_of(rep_id)) for rep_id, r in reps_next.items()]
    for review, summary in reviews:
        if review.due < today:
            continue
        event = review_event(review, summary)
        event.add("sequence", revision(review))
        events.append((review.due, 0, event))
    ended = [r for r in gone.held if r.held_on is not None and r.held_on >= since]
    ended += [r for r in data.reviews if r.rep_id in departed]
    for review in ended:
        event = cancelled(review_event(review, name_of(review.rep_id)), revision(review) + 1)
        events.append((review.due, 0, event))

    def item_event(item: OnboardingItem, rep: Rep) -> tuple[pendulum.DateTime, Event]:
        starts, ends = item.starts_at.in_timezone(tz), item.ends_at.in_timezone(tz)
        event = Event()
        event.add("uid", f"{item.id}@{UID_DOMAIN}")
        event.add("dtstamp", stamp)
        event.add("summary", ics_text(f"{rep.name} onboarding: {item.title}"))
        event.add("dtstart", starts)
        event.add("dtend", ends)
        kind = "expectations conversation" if item.is_expectations_conversation else "onboarding"
        event.add("categories", ["oneonone", kind])
        return starts, event

    for item in data.onboarding:
        if item.done or not (everything or manager_attends(item)):
            continue
        rep = current.get(item.rep_id)
        if rep is not None:
            starts, event = item_event(item, rep)
            if starts.date() >= today:
                events.append((starts.date(), starts.int_timestamp, event))
        elif item.rep_id in departed and item.starts_at.date() >= since:
            starts, event = item_event(item, departed[item.rep_id])
            events.append((starts.date(), starts.int_timestamp, cancelled(event, 1)))
    for item in gone.done:
        rep = current.get(item.rep_id) or departed.get(item.rep_id)
        if rep is None or not (everything or manager_attends(item)):
            continue
        if item.done_at is not None and item.done_at.date() >= since:
            starts, event = item_event(item, rep)
            events.append((starts.date(), starts.int_timestamp, cancelled(event, 1)))

    status = takeover_status(data.settings, list(current.values()), data.agreements, today)
    if status is not None and status.deadline >= since:
        pending = {r.id for r in status.pending}
        for rep in current.values():
            if not on_team_at_takeover(rep, status.takeover_date):
                continue
            if rep.id in pending and status.deadline < today:
                continue  # overdue: past days are not in the file
            uid = f"takeover-{rep.id}-{status.takeover_date.isoformat()}@{UID_DOMAIN}"
            summary = f"Expectations conversation with {rep.name} (new-leader reset, due)"
            event = _all_day(uid, summary, status.deadline, stamp)
            event.add("description", TAKEOVER_NOTE)
            event.add("categories", ["oneonone", "takeover"])
            if rep.id not in pending:  # held: agreed since the takeover
                cancelled(event, 1)
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


__all__ = ["CANCEL_DAYS", "Gone", "cadence_calendar", "calendar_text", "cancelled", "ics_text"]

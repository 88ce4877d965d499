"""The calendar export updates what calendars imported: SEQUENCE only rises, and what is no
longer due comes back cancelled for a while (RFC 5545), so calendars drop it."""

from __future__ import annotations

from dataclasses import replace

import pendulum
from icalendar import Calendar

from oneonone.core.agenda import AgendaInput
from oneonone.core.export.ics import CANCEL_DAYS, Gone, cadence_calendar, calendar_text
from oneonone.core.model import OnboardingItem, Review, ReviewScope, ReviewState
from oneonone.core.schedule import move_review
from tests.core.cadence_support import D, agreed, rep, settings

TODAY = D(2026, 12, 4)
NOW = pendulum.datetime(2026, 12, 4, 9, tz="UTC")
ANN = rep("Ann Lee", D(2024, 1, 15))


def data(reviews: list[Review], **more: object) -> AgendaInput:
    base = AgendaInput(
        reps=[ANN],
        settings=settings(),
        agreements=[agreed(ANN.id, D(2026, 10, 1))],
        reviews=reviews,
        commitments=[],
        onboarding=[],
    )
    return replace(base, **more)  # type: ignore[arg-type]


def events(cal: Calendar) -> dict[str, Calendar]:
    parsed = Calendar.from_ical(calendar_text(cal))
    return {str(e.get("uid")): e for e in parsed.walk("VEVENT")}


def test_moving_a_review_away_and_back_only_raises_its_sequence() -> None:
    review = Review(ReviewScope.REP, D(2027, 1, 1), rep_id=ANN.id, id="rv")
    seen = []
    for step in (review, move_review(review, D(2027, 1, 8))):
        seen.append(step)
    seen.append(move_review(seen[-1], D(2027, 1, 1)))  # back to where it was first due
    seen.append(move_review(seen[-1], D(2027, 1, 15)))
    sequences = [
        int(events(cadence_calendar(data([r]), TODAY, now=NOW))["rv@oneonone"].get("sequence"))
        for r in seen
    ]
    assert sequences == [0, 1, 2, 3]
    # a file from before the count: moved once, its SEQUENCE was 1; it never goes back to 0
    legacy = replace(review, due=D(2027, 1, 8), moved_from=D(2027, 1, 1))
    assert move_review(legacy, D(2027, 1, 1)).moves == 2


def test_a_held_review_is_cancelled_for_a_while_with_a_higher_sequence() -> None:
    moved = move_review(
        Review(ReviewScope.REP, D(2026, 11, 20), rep_id=ANN.id, id="rv"), D(2026, 11, 27)
    )
    held = replace(moved, state=ReviewState.DONE, held_on=D(2026, 11, 27))
    found = events(cadence_calendar(data([]), TODAY, now=NOW, gone=Gone(held=[held])))
    event = found["rv@oneonone"]
    assert str(event.get("status")) == "CANCELLED"
    assert int(event.get("sequence")) == 2  # it was 1 while scheduled (moved once)
    long_ago = replace(held, held_on=TODAY.subtract(days=CANCEL_DAYS + 1))
    assert "rv@oneonone" not in events(
        cadence_calendar(data([]), TODAY, now=NOW, gone=Gone(held=[long_ago]))
    )


def test_a_departed_reps_review_and_a_done_plan_item_are_cancelled() -> None:
    gone_rep = replace(rep("Bo Chen", D(2025, 6, 2)), departed_on=D(2026, 11, 30))
    gone_rep = replace(gone_rep, status=type(gone_rep.status)("departed"))
    review = Review(ReviewScope.REP, D(2027, 1, 5), rep_id=gone_rep.id, id="rv-bo")
    start = pendulum.datetime(2026, 12, 8, 15, tz="America/New_York")
    talk = OnboardingItem(
        ANN.id, "Week-one review with your manager", start, start.add(hours=1), id="it"
    )
    standup = OnboardingItem(ANN.id, "Team stand-up", start, start.add(minutes=30), id="su")
    done = replace(talk, done=True, done_at=NOW)
    found = events(
        cadence_calendar(
            data([review], reps=[ANN, gone_rep], onboarding=[standup]),
            TODAY,
            now=NOW,
            gone=Gone(done=[done]),
        )
    )
    assert str(found["rv-bo@oneonone"].get("status")) == "CANCELLED"
    assert str(found["it@oneonone"].get("status")) == "CANCELLED"
    assert "su@oneonone" not in found  # not one of the manager's meetings: only with --all
    every = events(
        cadence_calendar(data([], onboarding=[standup]), TODAY, now=NOW, everything=True)
    )
    assert "su@oneonone" in every and every["su@oneonone"].get("status") is None

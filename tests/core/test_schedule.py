"""Quarterly reviews and the new-leader reset: quarter math at the edges, one scheduled review
per rep and for the team, moving and holding, and the takeover countdown."""

from __future__ import annotations

import calendar
import dataclasses
import datetime as dt

import pendulum
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from oneonone.core.errors import FieldError
from oneonone.core.model import (
    Agreement,
    Rep,
    RepStatus,
    Review,
    ReviewAnchor,
    ReviewScope,
    ReviewState,
)
from oneonone.core.schedule import (
    CALENDAR_ANCHOR,
    MIN_GAP_DAYS,
    ScheduleError,
    ensure_reviews,
    hold_review,
    merge_by_id,
    move_review,
    next_quarter_date,
    next_review,
    next_reviews,
    quarter_dates,
    review_anchor_for,
    review_id,
    scheduled_for,
    start_takeover,
    takeover_status,
)
from tests.core.cadence_support import D, agreed, rep
from tests.core.cadence_support import settings as team_settings

FAST = settings(max_examples=150, deadline=None)


def _dates(lo: dt.date, hi: dt.date) -> st.SearchStrategy[pendulum.Date]:
    return st.dates(min_value=lo, max_value=hi).map(lambda d: D(d.year, d.month, d.day))


anchors = _dates(dt.date(2024, 1, 1), dt.date(2030, 12, 31))
afters = _dates(dt.date(2020, 1, 1), dt.date(2035, 12, 31))


def _month_index(d: pendulum.Date) -> int:
    return d.year * 12 + d.month - 1


# --- quarter arithmetic ---------------------------------------------------------------------


@FAST
@given(anchors, st.integers(min_value=-8, max_value=40))
def test_quarters_come_from_the_anchor_without_drift(anchor: pendulum.Date, k: int) -> None:
    q = quarter_dates(anchor, k)
    assert _month_index(q) == _month_index(anchor) + 3 * k
    last_day = calendar.monthrange(q.year, q.month)[1]
    assert q.day == min(anchor.day, last_day)  # clamped to month end, never drifted
    if k > 0:  # chaining would drift; the anchor does not
        assert quarter_dates(anchor, k) == anchor.add(months=3 * k)


@FAST
@given(anchors, afters)
def test_next_quarter_date_is_the_first_strictly_after(
    anchor: pendulum.Date, after: pendulum.Date
) -> None:
    got = next_quarter_date(anchor, after)
    assert got > after
    k, rest = divmod(_month_index(got) - _month_index(anchor), 3)
    assert rest == 0 and got == quarter_dates(anchor, k)
    assert quarter_dates(anchor, k - 1) <= after


def test_end_of_month_anchor_clamps_and_comes_back() -> None:
    a = D(2025, 11, 30)
    assert [quarter_dates(a, k) for k in range(4)] == [
        D(2025, 11, 30),
        D(2026, 2, 28),
        D(2026, 5, 30),  # chained adds would give May 28
        D(2026, 8, 30),
    ]
    a31 = D(2024, 8, 31)
    assert [quarter_dates(a31, k) for k in range(1, 5)] == [
        D(2024, 11, 30),
        D(2025, 2, 28),
        D(2025, 5, 31),
        D(2025, 8, 31),
    ]
    assert next_quarter_date(a31, D(2024, 11, 30)) == D(2025, 2, 28)
    assert next_quarter_date(a31, D(2024, 11, 29)) == D(2024, 11, 30)


def test_leap_years() -> None:
    leap = D(2024, 2, 29)
    assert quarter_dates(leap, 4) == D(2025, 2, 28)
    assert quarter_dates(leap, 8) == D(2026, 2, 28)
    assert quarter_dates(leap, 16) == D(2028, 2, 29)
    nov30 = D(2027, 11, 30)
    assert quarter_dates(nov30, 1) == D(2028, 2, 29)  # a leap February takes the 29th
    assert next_quarter_date(leap, D(2027, 12, 31)) == D(2028, 2, 29)


def test_calendar_quarters_and_start_date_anchor() -> None:
    ann = rep("Ann Lee", D(2025, 1, 31))
    cal = team_settings()
    assert review_anchor_for(ann, cal) == CALENDAR_ANCHOR
    assert [next_quarter_date(CALENDAR_ANCHOR, D(2026, m, 15)) for m in (1, 4, 7, 10)] == [
        D(2026, 4, 1),
        D(2026, 7, 1),
        D(2026, 10, 1),
        D(2027, 1, 1),
    ]
    assert next_quarter_date(CALENDAR_ANCHOR, D(2026, 3, 31)) == D(2026, 4, 1)
    assert next_quarter_date(CALENDAR_ANCHOR, D(2026, 4, 1)) == D(2026, 7, 1)  # strictly after
    by_start = team_settings(review_anchor=ReviewAnchor.START_DATE)
    assert review_anchor_for(ann, by_start) == D(2025, 1, 31)
    assert next_quarter_date(D(2025, 1, 31), D(2025, 3, 1)) == D(2025, 4, 30)


# --- ensure_reviews -------------------------------------------------------------------------


def _scheduled(reviews: list[Review]) -> list[Review]:
    return [r for r in reviews if r.state is ReviewState.SCHEDULED]


def test_ensure_reviews_schedules_each_rep_and_the_team_and_cancels_departed() -> None:
    ann = rep("Ann Lee", D(2024, 1, 15))
    bo = rep("Bo Chen", D(2025, 6, 2))
    cy = rep("Cy Roe", D(2020, 5, 1), departed=True)
    old = Review(scope=ReviewScope.REP, due=D(2026, 4, 1), rep_id=cy.id, id="rv-cy")
    today = D(2026, 3, 2)
    agreements = [agreed(ann.id, D(2026, 1, 5))]
    changes = ensure_reviews([ann, bo, cy], team_settings(), [old], today, agreements=agreements)
    by_rep = {r.rep_id: r for r in changes}
    assert by_rep[cy.id].state is ReviewState.CANCELLED and by_rep[cy.id].id == "rv-cy"
    assert by_rep[ann.id].due == D(2026, 4, 1) and by_rep[ann.id].scope is ReviewScope.REP
    assert by_rep[bo.id].due == D(2026, 4, 1)
    team = by_rep[None]
    assert team.scope is ReviewScope.TEAM and team.due == D(2026, 4, 1)
    saved = merge_by_id([old], changes)
    assert ensure_reviews([ann, bo, cy], team_settings(), saved, today, agreements=agreements) == []
    # a day later, still nothing to do: existing reviews keep their dates
    later = ensure_reviews([ann, bo, cy], team_settings(), saved, D(2026, 4, 20))
    assert later == []


def test_stale_agreement_gives_an_overdue_review() -> None:
    ann = rep("Ann Lee", D(2023, 1, 9))
    agreements = [agreed(ann.id, D(2025, 1, 10))]
    changes = ensure_reviews([ann], team_settings(), [], D(2025, 6, 1), agreements=agreements)
    mine = next(r for r in changes if r.rep_id == ann.id)
    assert mine.due == D(2025, 4, 10)  # agreed_on + 3 months, in the past: overdue


def test_no_review_within_three_weeks_of_a_start_or_agreement() -> None:
    new = rep("Nia Park", D(2026, 3, 25))
    (r, _team) = ensure_reviews([new], team_settings(), [], D(2026, 3, 20))
    assert r.due == D(2026, 7, 1)  # not Apr 1, a week after starting
    ann = rep("Ann Lee", D(2024, 1, 15))
    (r2, _) = ensure_reviews(
        [ann], team_settings(), [], D(2026, 3, 28), agreements=[agreed(ann.id, D(2026, 3, 27))]
    )
    assert r2.due == D(2026, 6, 27)  # Jul 1 is later than the agreement's own review date
    start_anchor = team_settings(review_anchor=ReviewAnchor.START_DATE)
    jan31 = rep("Jo Lin", D(2025, 1, 31))
    (r3, team) = ensure_reviews([jan31], start_anchor, [], D(2025, 3, 15))
    assert r3.due == D(2025, 4, 30)  # the start date's quarter, clamped to April's end
    assert team.due == D(2025, 4, 1)  # the team always follows calendar quarters


def test_duplicates_are_cancelled_keeping_the_earliest() -> None:
    ann = rep("Ann Lee", D(2024, 1, 15))
    a = Review(scope=ReviewScope.REP, due=D(2026, 5, 1), rep_id=ann.id, id="a")
    b = Review(scope=ReviewScope.REP, due=D(2026, 4, 1), rep_id=ann.id, id="b")
    t1 = Review(scope=ReviewScope.TEAM, due=D(2026, 4, 1), id="t1")
    t2 = Review(scope=ReviewScope.TEAM, due=D(2026, 7, 1), id="t2")
    changes = ensure_reviews([ann], team_settings(), [a, b, t1, t2], D(2026, 3, 2))
    assert {(r.id, r.state) for r in changes} == {
        ("a", ReviewState.CANCELLED),
        ("t2", ReviewState.CANCELLED),
    }
    assert scheduled_for(merge_by_id([a, b, t1, t2], changes), ann.id) == b


def test_new_review_ids_are_stable_and_never_reuse_a_taken_id() -> None:
    ann = rep("Ann Lee", D(2024, 1, 15))
    one = ensure_reviews([ann], team_settings(), [], D(2026, 3, 2))
    two = ensure_reviews([ann], team_settings(), [], D(2026, 3, 2))
    assert [r.id for r in one] == [r.id for r in two]
    assert one[0].id == review_id(ann.id, D(2026, 4, 1))
    held = Review(
        scope=ReviewScope.REP,
        due=D(2026, 4, 1),
        rep_id=ann.id,
        state=ReviewState.DONE,
        id=review_id(ann.id, D(2026, 4, 1)),
    )
    again = ensure_reviews([ann], team_settings(), [held], D(2026, 3, 2))
    assert again[0].id != held.id  # never overwrite the record that was held


@settings(max_examples=80, deadline=None)
@given(
    starts=st.lists(_dates(dt.date(2018, 1, 1), dt.date(2031, 6, 30)), min_size=0, max_size=6),
    departed=st.lists(st.booleans(), min_size=6, max_size=6),
    agreed_days=st.lists(st.none() | st.integers(0, 900), min_size=6, max_size=6),
    today=_dates(dt.date(2024, 1, 1), dt.date(2030, 12, 31)),
    anchor=st.sampled_from(list(ReviewAnchor)),
)
def test_ensure_reviews_is_idempotent(
    starts: list[pendulum.Date],
    departed: list[bool],
    agreed_days: list[int | None],
    today: pendulum.Date,
    anchor: ReviewAnchor,
) -> None:
    reps = [rep(f"R{i} X", s, departed=departed[i], rid=f"r{i}") for i, s in enumerate(starts)]
    agreements = [
        agreed(r.id, r.start_date.add(days=n))
        for r, n in zip(reps, agreed_days, strict=False)
        if n is not None
    ]
    s = team_settings(review_anchor=anchor)
    first = ensure_reviews(reps, s, [], today, agreements=agreements)
    saved = merge_by_id([], first)
    assert ensure_reviews(reps, s, saved, today, agreements=agreements) == []
    scheduled = _scheduled(saved)
    assert sorted(r.rep_id or "" for r in scheduled) == sorted(
        [""] + [r.id for r in reps if r.is_current]
    )
    for r in scheduled:
        if r.scope is ReviewScope.TEAM:
            assert r.due > today and r.due.day == 1 and r.due.month in (1, 4, 7, 10)
    # departing everyone afterwards cancels every rep review and keeps the team's
    gone = [rep(r.name, r.start_date, departed=True, rid=r.id) for r in reps]
    after = merge_by_id(saved, ensure_reviews(gone, s, saved, today))
    assert [r.scope for r in _scheduled(after)] == [ReviewScope.TEAM]


# --- moving and holding ---------------------------------------------------------------------


def test_move_review_keeps_the_first_date() -> None:
    r = Review(scope=ReviewScope.REP, due=D(2026, 4, 1), rep_id="rep-ann")
    once = move_review(r, D(2026, 4, 8))
    assert (once.due, once.moved_from) == (D(2026, 4, 8), D(2026, 4, 1))
    twice = move_review(once, D(2026, 4, 15))
    assert (twice.due, twice.moved_from) == (D(2026, 4, 15), D(2026, 4, 1))
    back = move_review(twice, D(2026, 4, 1))
    assert (back.due, back.moved_from) == (D(2026, 4, 1), None)
    assert r.due == D(2026, 4, 1) and r.moved_from is None  # the original is untouched


@pytest.mark.parametrize("state", [ReviewState.DONE, ReviewState.CANCELLED])
def test_done_or_cancelled_reviews_cannot_move_or_be_held(state: ReviewState) -> None:
    r = Review(scope=ReviewScope.TEAM, due=D(2026, 4, 1), state=state, held_on=D(2026, 4, 2))
    with pytest.raises(ScheduleError) as moved:
        move_review(r, D(2026, 5, 1))
    assert moved.value.field == "due" and isinstance(moved.value, FieldError)
    with pytest.raises(ScheduleError) as held:
        hold_review(r, D(2026, 4, 3), settings=team_settings())
    assert held.value.field == "held_on"


def test_hold_review_completes_it_and_schedules_the_next_on_the_anchor() -> None:
    ann = rep("Ann Lee", D(2024, 1, 31))
    r = Review(scope=ReviewScope.REP, due=D(2026, 4, 1), rep_id=ann.id, id="rv")
    done, nxt = hold_review(r, D(2026, 4, 3), session_id="s1", settings=team_settings(), rep=ann)
    assert (done.id, done.state, done.held_on, done.session_id) == (
        "rv",
        ReviewState.DONE,
        D(2026, 4, 3),
        "s1",
    )
    assert (nxt.state, nxt.due, nxt.rep_id, nxt.scope) == (
        ReviewState.SCHEDULED,
        D(2026, 7, 1),
        ann.id,
        ReviewScope.REP,
    )
    assert nxt.id != r.id
    _, early = hold_review(r, D(2026, 3, 28), settings=team_settings(), rep=ann)
    assert early.due == D(2026, 7, 1)  # not Apr 1, four days later
    by_start = team_settings(review_anchor=ReviewAnchor.START_DATE)
    _, mine = hold_review(r, D(2026, 4, 29), settings=by_start, rep=ann)
    assert mine.due == D(2026, 7, 31)
    team = Review(scope=ReviewScope.TEAM, due=D(2026, 4, 1))
    _, next_team = hold_review(team, D(2026, 4, 1), settings=by_start)
    assert next_team.due == D(2026, 7, 1) and next_team.rep_id is None
    with pytest.raises(ValueError):
        hold_review(r, D(2026, 4, 3), settings=team_settings())  # which rep?


@FAST
@given(anchors, _dates(dt.date(2024, 1, 1), dt.date(2031, 12, 31)))
def test_held_reviews_fall_back_on_the_anchor(anchor: pendulum.Date, on: pendulum.Date) -> None:
    ann = rep("Ann Lee", anchor)
    s = team_settings(review_anchor=ReviewAnchor.START_DATE)
    r = Review(scope=ReviewScope.REP, due=on, rep_id=ann.id)
    _, nxt = hold_review(r, on, settings=s, rep=ann)
    assert nxt.due > on.add(days=MIN_GAP_DAYS - 1)
    k, rest = divmod(_month_index(nxt.due) - _month_index(anchor), 3)
    assert rest == 0 and nxt.due == quarter_dates(anchor, k)
    assert quarter_dates(anchor, k - 1) < on.add(days=MIN_GAP_DAYS)


# --- the new-leader reset -------------------------------------------------------------------


def test_start_takeover_marks_latest_agreements_inherited() -> None:
    ann = rep("Ann Lee", D(2024, 1, 15))
    bo = rep("Bo Chen", D(2025, 6, 2))
    cy = rep("Cy Roe", D(2020, 5, 1), departed=True)
    dee = rep("Dee Moss", D(2025, 9, 1))
    agreements = [
        agreed(ann.id, D(2025, 10, 1), 1),
        agreed(ann.id, D(2026, 1, 5), 2),
        agreed(bo.id, D(2026, 3, 2), 1),  # on the takeover date: under the new leader
        agreed(cy.id, D(2025, 1, 1), 1),
    ]
    s = team_settings()
    new_settings, changed = start_takeover(s, D(2026, 3, 2), [ann, bo, cy, dee], agreements)
    assert new_settings.takeover_date == D(2026, 3, 2) and s.takeover_date is None
    assert [(a.id, a.inherited) for a in changed] == [("agr-rep-ann-2", True)]
    assert not agreements[1].inherited  # the given records are not changed in place
    # everything else about the agreed version is as it was
    assert changed[0] == dataclasses.replace(agreements[1], inherited=True)
    # re-dating the takeover to before Ann's v2 unmarks it
    saved = [changed[0] if a.id == changed[0].id else a for a in agreements]
    _, redated = start_takeover(new_settings, D(2026, 1, 1), [ann, bo, cy, dee], saved)
    assert [(a.id, a.inherited) for a in redated] == [("agr-rep-ann-2", False)]


def test_takeover_status_counts_down() -> None:
    ann = rep("Ann Lee", D(2024, 1, 15))
    bo = rep("Bo Chen", D(2025, 6, 2))
    late_hire = rep("Eve Kim", D(2026, 3, 9))  # joined after the takeover: onboarded instead
    gone = rep("Cy Roe", D(2020, 5, 1), departed=True)
    team = [ann, bo, late_hire, gone]
    assert takeover_status(team_settings(), team, [], D(2026, 3, 2)) is None
    s = team_settings(takeover_date=D(2026, 3, 2))
    before = [agreed(ann.id, D(2026, 1, 5))]
    first = takeover_status(s, team, before, D(2026, 3, 2))
    assert first is not None
    assert (first.deadline, first.days_left, first.total, first.done) == (
        D(2026, 3, 16),
        14,
        2,
        0,
    )
    assert [r.id for r in first.pending] == [ann.id, bo.id]
    assert not first.complete and not first.overdue
    half = takeover_status(s, team, [*before, agreed(bo.id, D(2026, 3, 5))], D(2026, 3, 16))
    assert half is not None
    assert [r.id for r in half.pending] == [ann.id] and half.days_left == 0 and not half.overdue
    late = takeover_status(s, team, before, D(2026, 3, 20))
    assert late is not None and late.days_left == -4 and late.overdue
    done = takeover_status(
        s,
        team,
        [*before, agreed(ann.id, D(2026, 3, 10), 2), agreed(bo.id, D(2026, 3, 5))],
        D(2026, 3, 20),
    )
    assert done is not None and done.complete and not done.overdue and done.done == 2


# --- one date for a rep's next review -------------------------------------------------------


def _tomas_team() -> tuple[Rep, Agreement, Review, list[Review]]:
    """Tomás started Nov 30; his review was scheduled (Jan 1) before he agreed on Dec 4, so
    his agreement's own quarter says Mar 4. The team review is scheduled too."""
    tomas = rep("Tomás Carter", D(2026, 11, 30))
    agreement = dataclasses.replace(agreed(tomas.id, D(2026, 12, 4)), next_review=D(2027, 3, 4))
    review = Review(ReviewScope.REP, D(2027, 1, 1), tomas.id, id="rv-tomas")
    team = Review(ReviewScope.TEAM, D(2027, 1, 1), None, id="rv-team")
    return tomas, agreement, review, [review, team]


def test_next_review_is_the_scheduled_review_not_the_agreement_quarter() -> None:
    tomas, agreement, review, reviews = _tomas_team()
    today = D(2026, 12, 4)
    got = next_review(tomas, reviews, settings=team_settings(), agreements=[agreement], today=today)
    assert got == review and got.due == D(2027, 1, 1)
    # moved: the moved date; several scheduled: the earliest (the one ensure_reviews keeps)
    moved = move_review(review, D(2027, 1, 8))
    assert (
        next_review(tomas, [moved], settings=team_settings(), agreements=[agreement], today=today)
        == moved
    )
    extra = Review(ReviewScope.REP, D(2027, 2, 1), tomas.id, id="rv-2")
    done = dataclasses.replace(review, id="rv-0", due=D(2026, 12, 1), state=ReviewState.DONE)
    assert (
        next_review(
            tomas,
            [extra, moved, done],
            settings=team_settings(),
            agreements=[agreement],
            today=today,
        )
        == moved
    )
    assert next_reviews(
        [tomas], [extra, moved], settings=team_settings(), agreements=[agreement], today=today
    ) == {tomas.id: moved}


def test_next_review_unsaved_is_the_one_ensure_reviews_saves() -> None:
    tomas, agreement, _, _ = _tomas_team()
    today = D(2026, 12, 4)
    got = next_review(tomas, [], settings=team_settings(), agreements=[agreement], today=today)
    saved = ensure_reviews([tomas], team_settings(), [], today, agreements=[agreement])
    assert got is not None and got in saved
    gone = dataclasses.replace(tomas, status=RepStatus.DEPARTED, departed_on=D(2026, 12, 3))
    assert next_review(gone, [], settings=team_settings(), agreements=[], today=today) is None


def test_every_place_gives_the_next_review_of_next_review() -> None:
    """Home and ``oneonone agenda`` (build_agenda), the .ics and the agreement export all give
    ``next_review``'s date, not the agreement's own quarter."""
    from oneonone.core.agenda import AgendaInput, build_agenda
    from oneonone.core.export.agreement import agreement_markdown
    from oneonone.core.export.ics import cadence_calendar

    tomas, agreement, _, reviews = _tomas_team()
    today = D(2026, 12, 4)
    s = team_settings()
    due = next_review(tomas, reviews, settings=s, agreements=[agreement], today=today)
    assert due is not None
    data = AgendaInput([tomas], s, [agreement], reviews, [], [])
    agenda = [i.when for i in build_agenda(data, today, days=90) if i.rep_id == tomas.id]
    assert agenda == [due.due]
    cal = cadence_calendar(data, today)
    events = [e for e in cal.walk("VEVENT") if "Tomás" in str(e.get("summary"))]
    assert [e.decoded("dtstart") for e in events] == [due.due]
    text = agreement_markdown(agreement, tomas, s, all_versions=[agreement], next_review=due.due)
    assert "next review due 2027-01-01" in text and "2027-03-04" not in text
    # an older version's footer keeps the date it fell due
    v2 = dataclasses.replace(agreement, id="v2", version=2, agreed_on=D(2026, 12, 20))
    old = agreement_markdown(agreement, tomas, s, all_versions=[agreement, v2], next_review=due.due)
    assert "next review due 2027-03-04" in old

"""Quarterly reviews and the new-leader reset (habits 5 and 7 of DOMAIN.md).

Quarters are counted from an anchor: calendar quarters (Jan 1, Apr 1, Jul 1, Oct 1) or the
rep's start date, as the team setting says; the team review always uses calendar quarters.
Quarter ``k`` is ``anchor + 3k months`` computed in one step, never by chaining, so dates
never drift: an anchor on the 31st lands on the last day of shorter months and comes back to
the 31st.

When a review is due (``ensure_reviews``, creating a rep's missing review):

- the regular date is the first anchor date strictly after today that is also at least
  ``MIN_GAP_DAYS`` after the rep's start and after their last agreement (a rep who starts or
  agrees on Mar 25 is not reviewed on Apr 1, but on Jul 1);
- but never later than the latest agreement's own review date (``agreements.review_due``:
  one quarter after it was agreed). So a rep whose agreement is more than a quarter old gets a
  review that is already overdue, dated when the agreement fell due, rather than one quietly
  pushed into next quarter.

An existing scheduled review keeps its date (the manager may have moved it). Holding a review
schedules the next one on the anchor, at least ``MIN_GAP_DAYS`` after the day it was held, so
early and late reviews fall back onto the anchor instead of drifting.

The new-leader reset: the takeover date is a team setting; each current rep's latest agreed
agreement made before it is marked ``inherited``. Agreed versions are otherwise immutable:
``inherited`` is the one flag a takeover may set (or clear, when the takeover date is corrected
to before the agreement), because it says who the agreement was made with, not what it says.
Every rep who was on the team on the takeover date needs an agreement agreed on or after it,
within ``TAKEOVER_DAYS``.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace

import pendulum

from oneonone.core.agreements import latest_agreed, review_due
from oneonone.core.errors import FieldError
from oneonone.core.model import (
    Agreement,
    Rep,
    Review,
    ReviewAnchor,
    ReviewScope,
    ReviewState,
    TeamSettings,
    new_id,
)

#: Any Jan 1 anchors calendar quarters; this one is only a fixed reference.
CALENDAR_ANCHOR = pendulum.Date(2000, 1, 1)
#: No review is scheduled sooner than this after a start, an agreement or a review held.
MIN_GAP_DAYS = 21
#: A new leader holds the expectations conversation with every rep within this many days.
TAKEOVER_DAYS = 14


class ScheduleError(FieldError):
    """A review cannot be changed as asked; ``field`` is ``due`` or ``held_on``."""


# --- quarter arithmetic ---------------------------------------------------------------------


def review_anchor_for(rep: Rep, settings: TeamSettings) -> pendulum.Date:
    """The date a rep's quarters are counted from."""
    if settings.review_anchor is ReviewAnchor.START_DATE:
        return rep.start_date
    return CALENDAR_ANCHOR


def quarter_dates(anchor: pendulum.Date, k: int) -> pendulum.Date:
    """Quarter ``k`` (any integer) of ``anchor``: ``anchor + 3k months`` in one step."""
    return anchor.add(months=3 * k)


def next_quarter_date(anchor: pendulum.Date, after: pendulum.Date) -> pendulum.Date:
    """The first ``anchor + 3k months`` (k any integer) strictly after ``after``."""
    months = (after.year - anchor.year) * 12 + (after.month - anchor.month)
    k = months // 3
    # The estimate is off by at most one quarter either way (day-of-month and clamping).
    while quarter_dates(anchor, k) <= after:
        k += 1
    while quarter_dates(anchor, k - 1) > after:
        k -= 1
    return quarter_dates(anchor, k)


def _first_quarter_from(anchor: pendulum.Date, earliest: pendulum.Date) -> pendulum.Date:
    """The first anchor date on or after ``earliest``."""
    return next_quarter_date(anchor, earliest.subtract(days=1))


# --- keeping one scheduled review per rep and one for the team -------------------------------


def due_for_new_review(
    rep: Rep,
    settings: TeamSettings,
    today: pendulum.Date,
    agreements: Iterable[Agreement] = (),
) -> pendulum.Date:
    """The due date a newly scheduled review of ``rep`` gets (see the module docstring)."""
    mine = [a for a in agreements if a.rep_id == rep.id]
    last = latest_agreed(mine, rep.id)
    since = rep.start_date
    if last is not None and last.agreed_on is not None:
        since = max(since, last.agreed_on)
    earliest = max(today.add(days=1), since.add(days=MIN_GAP_DAYS))
    due = _first_quarter_from(review_anchor_for(rep, settings), earliest)
    by_agreement = review_due(mine, rep.id)
    if by_agreement is not None and by_agreement < due:
        due = by_agreement
    return due


def ensure_reviews(
    reps: Sequence[Rep],
    settings: TeamSettings,
    reviews: Sequence[Review],
    today: pendulum.Date,
    *,
    agreements: Iterable[Agreement] = (),
) -> list[Review]:
    """The reviews to save so that every current rep has exactly one scheduled review, the
    team has exactly one, and departed reps have none.

    ``reps`` is the whole roster; reviews of a rep id not in it are left alone. Where there
    are several scheduled reviews for one rep (or the team), the earliest is kept and the
    others are cancelled. Idempotent: once its result is saved, a second call returns [].

    A new review's id is derived from whose review it is and its due date (``review_id``), so
    that showing unsaved reviews (``oneonone calendar``) and saving them later give the same
    id, and so the same calendar UID. Pass every review, not only scheduled ones, when the
    result will be saved: an id already taken by another record is never reused."""
    agreements = list(agreements)
    taken = {r.id for r in reviews}
    by_rep: dict[str | None, list[Review]] = {}
    for review in reviews:
        if review.state is ReviewState.SCHEDULED:
            key = None if review.scope is ReviewScope.TEAM else review.rep_id
            by_rep.setdefault(key, []).append(review)
    changed: list[Review] = []

    def keep_one(key: str | None) -> bool:
        """Cancel all but the earliest; True if one is kept."""
        found = sorted(by_rep.get(key, []), key=lambda r: (r.due, r.id))
        changed.extend(replace(r, state=ReviewState.CANCELLED) for r in found[1:])
        return bool(found)

    for rep in reps:
        if not rep.is_current:
            changed.extend(replace(r, state=ReviewState.CANCELLED) for r in by_rep.get(rep.id, []))
        elif not keep_one(rep.id):
            due = due_for_new_review(rep, settings, today, agreements)
            changed.append(_new_review(ReviewScope.REP, due, rep.id, taken))
    if not keep_one(None):
        due = next_quarter_date(CALENDAR_ANCHOR, today)
        changed.append(_new_review(ReviewScope.TEAM, due, None, taken))
    return changed


_REVIEW_IDS = uuid.UUID("6f1c1d52-3c8e-4b52-9a1e-0b6f2f9a4c11")


def review_id(rep_id: str | None, due: pendulum.Date) -> str:
    """The id ``ensure_reviews`` gives a new review of ``rep_id`` (None: the team) due on
    ``due``."""
    return str(uuid.uuid5(_REVIEW_IDS, f"{rep_id or 'team'}/{due.isoformat()}"))


def _new_review(
    scope: ReviewScope, due: pendulum.Date, rep_id: str | None, taken: set[str]
) -> Review:
    rid = review_id(rep_id, due)
    return Review(scope=scope, due=due, rep_id=rep_id, id=new_id() if rid in taken else rid)


def merge_by_id(records: Iterable[Review], changes: Iterable[Review]) -> list[Review]:
    """``records`` with ``changes`` applied by id: what the store holds once they are saved
    (for showing them without saving, as ``oneonone agenda`` does)."""
    merged = {r.id: r for r in records}
    merged.update((r.id, r) for r in changes)
    return list(merged.values())


# --- moving and holding ---------------------------------------------------------------------


def _assert_scheduled(review: Review, field: str, doing: str) -> None:
    if review.state is ReviewState.DONE:
        when = f" on {review.held_on.isoformat()}" if review.held_on else ""
        raise ScheduleError(field, f"This review was held{when}: it cannot be {doing}.")
    if review.state is ReviewState.CANCELLED:
        raise ScheduleError(field, f"This review was cancelled: it cannot be {doing}.")


def move_review(review: Review, to: pendulum.Date) -> Review:
    """The review on another date. ``moved_from`` keeps the date it was first due (and is
    cleared if it is moved back to that date); ``moves`` counts every move, back ones too."""
    _assert_scheduled(review, "due", "moved")
    original = review.moved_from or review.due
    return replace(
        review,
        due=to,
        moved_from=None if to == original else original,
        moves=revision(review) + 1,
    )


def revision(review: Review) -> int:
    """How many times ``review`` was moved (a file from before the count: 1 if it was)."""
    return max(review.moves, 1 if review.moved_from is not None else 0)


def hold_review(
    review: Review,
    on: pendulum.Date,
    *,
    session_id: str | None = None,
    settings: TeamSettings,
    rep: Rep | None = None,
) -> tuple[Review, Review]:
    """(``review`` marked done, held ``on``; the next scheduled review). The next is the first
    anchor date at least ``MIN_GAP_DAYS`` after ``on`` (so strictly after it). A rep review
    needs its ``rep`` for the anchor."""
    _assert_scheduled(review, "held_on", "held again")
    if review.scope is ReviewScope.TEAM:
        anchor = CALENDAR_ANCHOR
    else:
        if rep is None or rep.id != review.rep_id:
            raise ValueError("holding a rep's review needs that rep")
        anchor = review_anchor_for(rep, settings)
    done = replace(review, state=ReviewState.DONE, held_on=on, session_id=session_id)
    due = _first_quarter_from(anchor, on.add(days=MIN_GAP_DAYS))
    return done, Review(scope=review.scope, due=due, rep_id=review.rep_id)


def scheduled_for(reviews: Iterable[Review], rep_id: str | None) -> Review | None:
    """The rep's (or with None, the team's) scheduled review, the earliest if several."""
    found = [
        r
        for r in reviews
        if r.state is ReviewState.SCHEDULED
        and (r.scope is ReviewScope.TEAM if rep_id is None else r.rep_id == rep_id)
    ]
    return min(found, key=lambda r: (r.due, r.id)) if found else None


def next_review(
    rep: Rep,
    reviews: Iterable[Review],
    *,
    settings: TeamSettings,
    agreements: Iterable[Agreement],
    today: pendulum.Date,
) -> Review | None:
    """The rep's next quarterly review: THE source of the date every screen, command and
    export shows as "next review" (the roster's Agreement column, home, ``oneonone agenda``,
    the ``.ics`` and the agreement's footer).

    It is the rep's scheduled review (the earliest, if several: the one ``ensure_reviews``
    keeps), whatever date the manager moved it to; when none is saved yet, the review
    ``ensure_reviews`` would schedule today (unsaved, with the id it would get). None for a
    departed rep. The agreement's own ``next_review`` (one quarter after it was agreed) only
    caps a new review's date (``due_for_new_review``): it is never shown as the next review,
    since the review scheduled before the agreement was made keeps its date."""
    if not rep.is_current:
        return None
    found = scheduled_for((r for r in reviews if r.scope is ReviewScope.REP), rep.id)
    if found is not None:
        return found
    due = due_for_new_review(rep, settings, today, agreements)
    return Review(scope=ReviewScope.REP, due=due, rep_id=rep.id, id=review_id(rep.id, due))


def next_reviews(
    reps: Iterable[Rep],
    reviews: Iterable[Review],
    *,
    settings: TeamSettings,
    agreements: Iterable[Agreement],
    today: pendulum.Date,
) -> dict[str, Review]:
    """``next_review`` of each current rep, by rep id (one pass over the reviews)."""
    by_rep: dict[str, list[Review]] = {}
    for review in reviews:
        if review.scope is ReviewScope.REP and review.rep_id is not None:
            by_rep.setdefault(review.rep_id, []).append(review)
    theirs: dict[str, list[Agreement]] = {}
    for agreement in agreements:
        theirs.setdefault(agreement.rep_id, []).append(agreement)
    found: dict[str, Review] = {}
    for rep in reps:
        upcoming = next_review(
            rep,
            by_rep.get(rep.id, ()),
            settings=settings,
            agreements=theirs.get(rep.id, ()),
            today=today,
        )
        if upcoming is not None:
            found[rep.id] = upcoming
    return found


# --- the new-leader reset -------------------------------------------------------------------


def start_takeover(
    settings: TeamSettings,
    on: pendulum.Date,
    reps: Sequence[Rep],
    agreements: Sequence[Agreement],
) -> tuple[TeamSettings, list[Agreement]]:
    """(Settings with ``takeover_date = on``; the agreements to save.) Each current rep's
    latest agreed agreement made before ``on`` is marked inherited; one marked inherited but
    agreed on or after ``on`` (the date was corrected) is unmarked. Nothing else changes."""
    changed: list[Agreement] = []
    for rep in reps:
        if not rep.is_current:
            continue
        last = latest_agreed(agreements, rep.id)
        if last is None or last.agreed_on is None:
            continue
        inherited = last.agreed_on < on
        if last.inherited != inherited:
            changed.append(replace(last, inherited=inherited))
    return replace(settings, takeover_date=on), changed


@dataclass(frozen=True)
class TakeoverStatus:
    """How far the new-leader reset is. ``pending``: the reps who were on the team on the
    takeover date and have no agreement agreed on or after it."""

    takeover_date: pendulum.Date
    deadline: pendulum.Date
    pending: tuple[Rep, ...]
    total: int  # current reps who were on the team on the takeover date
    days_left: int  # until the deadline; negative once it has passed

    @property
    def complete(self) -> bool:
        """Whether every rep has agreed since the takeover."""
        return not self.pending

    @property
    def overdue(self) -> bool:
        """Whether the reset's deadline passed with reps still to agree."""
        return bool(self.pending) and self.days_left < 0

    @property
    def done(self) -> int:
        """How many reps have agreed since the takeover."""
        return self.total - len(self.pending)


def on_team_at_takeover(rep: Rep, takeover: pendulum.Date) -> bool:
    """A current rep who had started by the takeover date (later hires are onboarded instead)."""
    return rep.is_current and rep.start_date <= takeover


def takeover_status(
    settings: TeamSettings,
    reps: Sequence[Rep],
    agreements: Sequence[Agreement],
    today: pendulum.Date,
) -> TakeoverStatus | None:
    """None when no takeover date is set."""
    takeover = settings.takeover_date
    if takeover is None:
        return None
    team = [r for r in reps if on_team_at_takeover(r, takeover)]
    pending = []
    for rep in team:
        last = latest_agreed(agreements, rep.id)
        if last is None or last.agreed_on is None or last.agreed_on < takeover:
            pending.append(rep)
    deadline = takeover.add(days=TAKEOVER_DAYS)
    return TakeoverStatus(
        takeover_date=takeover,
        deadline=deadline,
        pending=tuple(sorted(pending, key=lambda r: (r.name.casefold(), r.id))),
        total=len(team),
        days_left=(deadline - today).days,
    )


__all__ = [
    "CALENDAR_ANCHOR",
    "MIN_GAP_DAYS",
    "TAKEOVER_DAYS",
    "ScheduleError",
    "TakeoverStatus",
    "due_for_new_review",
    "ensure_reviews",
    "hold_review",
    "merge_by_id",
    "move_review",
    "next_quarter_date",
    "next_review",
    "next_reviews",
    "on_team_at_takeover",
    "quarter_dates",
    "review_anchor_for",
    "review_id",
    "revision",
    "scheduled_for",
    "start_takeover",
    "takeover_status",
]

"""What needs the manager, most urgent first: the home dashboard and ``oneonone agenda``.

Each item has a kind, a date, a one-line title, the rep it is about and the record to open
(``target_id``):

- ``review``: a scheduled quarterly review, a rep's or the team's (target: the review);
- ``no agreement``: a current rep with no agreed agreement; dated two weeks after their start,
  when the expectations conversation should have been held (target: None, open the rep);
- ``agreement overdue``: the latest agreed version is more than a quarter old and the rep has
  no review on this agenda (which would already say it) (target: the agreement);
- ``onboarding``: plan items due today or earlier and not checked off; today's one by one,
  earlier ones as one line per rep, so an unticked plan does not bury the rest (target: the
  item, the oldest for a summary line);
- ``commitment``: an open commitment past its date, the rep's ("Sam Lee: send the forecast")
  or the manager's own ("You: ... (for Sam Lee)") (target: the commitment);
- ``takeover``: a rep still without an agreement under a new leader, dated at the reset's
  deadline (target: None). Such a rep gets no ``no agreement`` or ``agreement overdue`` line.
- ``open 1:1``: a one-on-one started and not ended, dated the day it started (target: the
  session, to resume).

Everything overdue is listed, plus what falls within ``days`` from today. Overdue items come
first, oldest first, then the rest by date. Departed reps contribute nothing. "Today" is the
manager's (``dates.today_in(settings.timezone)``), never the machine's.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field, replace

import pendulum

from oneonone.core.agreements import current_documents, latest_agreed, review_due
from oneonone.core.model import (
    Agreement,
    Commitment,
    CommitmentState,
    OnboardingItem,
    Owner,
    Rep,
    Review,
    ReviewScope,
    ReviewState,
    Session,
    TeamSettings,
)
from oneonone.core.schedule import ensure_reviews, merge_by_id, takeover_status
from oneonone.core.store import Store

REVIEW = "review"
NO_AGREEMENT = "no agreement"
AGREEMENT_OVERDUE = "agreement overdue"
ONBOARDING = "onboarding"
COMMITMENT = "commitment"
TAKEOVER = "takeover"
OPEN_SESSION = "open 1:1"
KINDS = (OPEN_SESSION, TAKEOVER, REVIEW, NO_AGREEMENT, AGREEMENT_OVERDUE, COMMITMENT, ONBOARDING)
_RANK = {kind: i for i, kind in enumerate(KINDS)}

DEFAULT_DAYS = 14
#: The expectations conversation is held in a new rep's first two weeks.
FIRST_AGREEMENT_DAYS = 14
MAX_TITLE_TEXT = 80


@dataclass(frozen=True)
class AgendaItem:
    kind: str
    when: pendulum.Date
    title: str
    rep_id: str | None
    target_id: str | None
    overdue: bool


@dataclass
class AgendaInput:
    """What the agenda is built from. ``agreements`` needs the agreed versions, ``reviews``
    the scheduled ones, ``commitments`` the open ones, ``onboarding`` the items not done,
    ``sessions`` the one-on-ones not ended; more is fine (the rest is ignored)."""

    reps: list[Rep]
    settings: TeamSettings
    agreements: list[Agreement]
    reviews: list[Review]
    commitments: list[Commitment]
    onboarding: list[OnboardingItem]
    sessions: list[Session] = field(default_factory=list)


def load_agenda_input(store: Store) -> AgendaInput:
    """Read only what the agenda needs."""
    return AgendaInput(
        reps=store.all(Rep),
        settings=store.settings(),
        # each rep's current versions: not the superseded ones in every rep's history
        agreements=[
            a for a in store.pick(Agreement, current_documents, superseded=False) if a.is_agreed
        ],
        reviews=store.where(Review, state=ReviewState.SCHEDULED),
        commitments=store.where(Commitment, state=CommitmentState.OPEN),
        onboarding=store.where(OnboardingItem, done=False),
        sessions=store.where(Session, closed=False),
    )


def with_ensured_reviews(data: AgendaInput, today: pendulum.Date) -> AgendaInput:
    """``data`` as if ``schedule.ensure_reviews`` had been saved: for showing the agenda
    without writing (the command line). New reviews get fresh ids each time."""
    changes = ensure_reviews(
        data.reps, data.settings, data.reviews, today, agreements=data.agreements
    )
    if not changes:
        return data
    return replace(data, reviews=merge_by_id(data.reviews, changes))


def _one_line(text: str, limit: int = MAX_TITLE_TEXT) -> str:
    line = " ".join(text.split())
    return line if len(line) <= limit else line[: limit - 1].rstrip() + "…"


def _plural(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


def build_agenda(
    data: AgendaInput, today: pendulum.Date, *, days: int = DEFAULT_DAYS
) -> list[AgendaItem]:
    """Everything overdue, plus what is due within ``days`` of ``today``, most urgent first."""
    if days < 0:
        raise ValueError("days cannot be negative")
    horizon = today.add(days=days)
    current = {r.id: r for r in data.reps if r.is_current}
    items: list[AgendaItem] = []

    def add(
        kind: str, when: pendulum.Date, title: str, rep: str | None, target: str | None
    ) -> None:
        if when <= horizon:
            items.append(AgendaItem(kind, when, title, rep, target, when < today))

    # the new-leader reset
    takeover = takeover_status(data.settings, list(current.values()), data.agreements, today)
    pending: set[str] = set()
    if takeover is not None:
        for rep in takeover.pending:
            pending.add(rep.id)
            add(
                TAKEOVER,
                takeover.deadline,
                f"New-leader reset: expectations conversation with {rep.name}",
                rep.id,
                None,
            )

    # reviews
    scheduled: dict[str, pendulum.Date] = {}
    for review in data.reviews:
        if review.state is not ReviewState.SCHEDULED:
            continue
        moved = f" (moved from {review.moved_from.isoformat()})" if review.moved_from else ""
        if review.scope is ReviewScope.TEAM:
            add(REVIEW, review.due, f"Team quarterly review{moved}", None, review.id)
            continue
        reviewed = current.get(review.rep_id or "")
        if reviewed is None:
            continue
        if reviewed.id not in scheduled or review.due < scheduled[reviewed.id]:
            scheduled[reviewed.id] = review.due
        title = f"Quarterly review with {reviewed.name}{moved}"
        add(REVIEW, review.due, title, reviewed.id, review.id)

    # agreements
    for rep in current.values():
        if rep.id in pending:
            continue
        mine = [a for a in data.agreements if a.rep_id == rep.id]
        last = latest_agreed(mine, rep.id)
        if last is None or last.agreed_on is None:
            add(
                NO_AGREEMENT,
                rep.start_date.add(days=FIRST_AGREEMENT_DAYS),
                f"{rep.name} has no agreement yet: hold the expectations conversation",
                rep.id,
                None,
            )
            continue
        due = review_due(mine, rep.id) or today
        # a review on the agenda already says it: holding it makes the new version
        covered = rep.id in scheduled and scheduled[rep.id] <= horizon
        if due < today and not covered:
            add(
                AGREEMENT_OVERDUE,
                due,
                f"{rep.name}'s agreement (v{last.version}, agreed "
                f"{last.agreed_on.isoformat()}) is more than a quarter old",
                rep.id,
                last.id,
            )

    # commitments
    for c in data.commitments:
        owner = current.get(c.rep_id)
        if owner is None or c.state is not CommitmentState.OPEN or c.due is None or c.due >= today:
            continue
        text = _one_line(c.text)
        title = (
            f"You: {text} (for {owner.name})"
            if c.owner is Owner.MANAGER
            else f"{owner.name}: {text}"
        )
        add(COMMITMENT, c.due, title, owner.id, c.id)

    # one-on-ones started and not ended: one per rep at a time, so resume it
    tz = data.settings.timezone
    for session in data.sessions:
        talked = current.get(session.rep_id)
        if talked is None or session.closed:
            continue
        started = session.started_at.in_timezone(tz)
        title = f"Not ended: the 1:1 with {talked.name} started at {started:%H:%M}"
        add(OPEN_SESSION, started.date(), title, talked.id, session.id)

    # onboarding
    earlier: dict[str, list[tuple[pendulum.Date, OnboardingItem]]] = {}
    for item in data.onboarding:
        trainee = current.get(item.rep_id)
        if trainee is None or item.done:
            continue
        local = item.starts_at.in_timezone(tz)
        day = local.date()
        if day == today:
            # strftime, not pendulum's format(): that loads its locale files before home's
            # first frame
            title = f"{trainee.name} onboarding, {local:%H:%M}: {_one_line(item.title)}"
            add(ONBOARDING, day, title, trainee.id, item.id)
        elif day < today:
            earlier.setdefault(trainee.id, []).append((day, item))
    for rep_id, late in earlier.items():
        late.sort(key=lambda pair: (pair[0], pair[1].starts_at, pair[1].id))
        day, oldest = late[0]
        name = current[rep_id].name
        if len(late) == 1:
            title = f"{name} onboarding: {_one_line(oldest.title)} not checked off"
        else:
            title = f"{name} onboarding: {_plural(len(late), 'item')} not checked off"
        add(ONBOARDING, day, title, rep_id, oldest.id)

    items.sort(key=lambda i: (not i.overdue, i.when, _RANK[i.kind], i.title, i.target_id or ""))
    return items


def whole_months(early: pendulum.Date, late: pendulum.Date) -> int:
    """The most months ``m`` with ``early.add(months=m) <= late`` (``early <= late``): the same
    month arithmetic as the quarters, clamping included (Jan 31 to Feb 28 is one month).
    pendulum's own ``in_months`` miscounts some spans (Mar 10 to Apr 9 gives one month:
    pendulum issues 606 and 790), so it is not used."""
    months = (late.year - early.year) * 12 + late.month - early.month
    while months > 0 and early.add(months=months) > late:
        months -= 1
    return months


def humanize(when: pendulum.Date, today: pendulum.Date) -> str:
    """Say when, next to the date: "today", "tomorrow", "yesterday", "in 13 days",
    "in 2 weeks", "in 1 month", "3 days overdue", "2 weeks overdue", "1 month overdue",
    "2 years overdue".

    Days under two weeks; then whole weeks (rounded down) until a whole month has passed
    (``whole_months``); then whole months; from twelve months on, whole years."""
    n = (when - today).days
    if n == 0:
        return "today"
    if n == 1:
        return "tomorrow"
    if n == -1:
        return "yesterday"
    early, late = (today, when) if n > 0 else (when, today)
    months = whole_months(early, late)
    if abs(n) < 14:
        amount = _plural(abs(n), "day")
    elif months < 1:
        amount = _plural(abs(n) // 7, "week")
    elif months < 12:
        amount = _plural(months, "month")
    else:
        amount = _plural(months // 12, "year")
    return f"in {amount}" if n > 0 else f"{amount} overdue"


def count_overdue(items: Iterable[AgendaItem]) -> int:
    return sum(1 for i in items if i.overdue)


__all__ = [
    "AGREEMENT_OVERDUE",
    "COMMITMENT",
    "DEFAULT_DAYS",
    "KINDS",
    "NO_AGREEMENT",
    "ONBOARDING",
    "REVIEW",
    "TAKEOVER",
    "AgendaInput",
    "AgendaItem",
    "build_agenda",
    "count_overdue",
    "humanize",
    "load_agenda_input",
    "whole_months",
    "with_ensured_reviews",
]

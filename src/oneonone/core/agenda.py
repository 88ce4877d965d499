"""What needs the manager, most urgent first: the home dashboard and ``oneonone agenda``.

Each item has a kind, a date, a one-line title, the rep it is about and the record to open
(``target_id``):

- ``review``: the team's scheduled quarterly review, and each rep's next one
  (``schedule.next_review``: the date the roster, the ``.ics`` and the exports give too)
  (target: the review);
- ``no agreement``: a current rep with no agreed agreement; dated on the expectations
  conversation of their onboarding plan when one is planned (and not checked off), else two
  weeks after their start, when it should have been held (target: None, open the rep);
- ``agreement overdue``: the latest agreed version is more than a quarter old and the rep has
  no review on this agenda (which would already say it) (target: the agreement);
- ``onboarding``: plan items not checked off: today's one by one, earlier ones as one line
  per rep, so an unticked plan does not bury the rest; coming ones before their day: the
  expectations conversation on its own line (unless a ``no agreement`` line points at it),
  and the rep's next plan day as one line (target: the item, the first of a summary line);
- ``draft``: a rep's draft newer than their agreed version, waiting to be agreed; dated today
  until it is (target: the draft, open the agreement);
- ``commitment``: an open commitment past its date, the rep's ("Sam Lee: send the forecast")
  or the manager's own ("You: ... (for Sam Lee)") (target: the commitment);
- ``takeover``: a rep still without an agreement under a new leader, dated at the reset's
  deadline (target: None). Such a rep gets no ``no agreement`` or ``agreement overdue`` line.
- ``open 1:1``: a one-on-one started and not ended, dated the day it started (target: the
  session, to resume).
- ``signal``: a rep not keeping their word (``signal.rep_signals``: the evidence and the next
  consequence step in their own words), dated when the evidence began, always listed and
  overdue (target: None: Enter opens an accountability one-on-one); and one for the manager's
  own commitments to the team past their date (rep: None), dated by the oldest.

Everything overdue is listed, plus what falls within ``days`` from today. Overdue items come
first, oldest first, then the rest by date. Departed reps contribute nothing. "Today" is the
manager's (``dates.today_in(settings.timezone)``), never the machine's.
"""

from __future__ import annotations

import heapq
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from typing import Any

import pendulum

from oneonone.core import codec
from oneonone.core.agreements import current_documents, latest_agreed, open_draft, review_due
from oneonone.core.codec import datetime_from_iso
from oneonone.core.model import (
    Agreement,
    Commitment,
    CommitmentState,
    Invocation,
    OnboardingItem,
    Owner,
    Rep,
    Review,
    ReviewState,
    Session,
    Snooze,
    TeamSettings,
)
from oneonone.core.schedule import (
    ensure_reviews,
    merge_by_id,
    next_reviews,
    scheduled_for,
    takeover_status,
)
from oneonone.core.signal import SignalRules, manager_line, rep_signals
from oneonone.core.store import Store

REVIEW = "review"
NO_AGREEMENT = "no agreement"
AGREEMENT_OVERDUE = "agreement overdue"
DRAFT = "draft"
ONBOARDING = "onboarding"
COMMITMENT = "commitment"
TAKEOVER = "takeover"
OPEN_SESSION = "open 1:1"
SIGNAL = "signal"
KINDS = (
    SIGNAL,
    OPEN_SESSION,
    TAKEOVER,
    REVIEW,
    NO_AGREEMENT,
    AGREEMENT_OVERDUE,
    DRAFT,
    COMMITMENT,
    ONBOARDING,
)
_RANK = {kind: i for i, kind in enumerate(KINDS)}

DEFAULT_DAYS = 14
#: The expectations conversation is held in a new rep's first two weeks.
FIRST_AGREEMENT_DAYS = 14
MAX_TITLE_TEXT = 80


@dataclass(frozen=True)
class AgendaItem:
    """One thing that needs the manager: its kind, its date, what to do, and whose it is."""

    kind: str
    when: pendulum.Date
    title: str
    rep_id: str | None
    target_id: str | None
    overdue: bool
    #: a signal's evidence, one line each (offered and picked when a consequence is invoked)
    evidence: tuple[str, ...] = ()


@dataclass
class AgendaInput:
    """What the agenda is built from. ``agreements`` needs each rep's latest agreed version
    and any newer draft (``current_documents``: the drafts waiting to be agreed), ``reviews``
    the scheduled ones, ``commitments`` the open ones, ``onboarding`` the items not done,
    ``sessions`` the one-on-ones not ended; more is fine (the rest is ignored)."""

    reps: list[Rep]
    settings: TeamSettings
    agreements: list[Agreement]
    reviews: list[Review]
    commitments: list[Commitment]
    onboarding: list[OnboardingItem]
    sessions: list[Session] = field(default_factory=list)
    #: the invocations (the signal clears when a step is invoked)
    invocations: list[Invocation] = field(default_factory=list)
    #: the signals set aside by the manager, with a reason (they clear it too)
    snoozes: list[Snooze] = field(default_factory=list)
    #: each current rep's latest closed one-on-ones, by rep id (``read_recent_sessions``): the
    #: numbers evidence of the signal; None when not read (the commitments still count)
    recent_sessions: dict[str, list[Session]] | None = None


#: How many of a rep's latest closed one-on-ones the signal looks at (at most).
RECENT_SESSIONS = 10


def read_recent_sessions(store: Store, reps: Iterable[Rep]) -> dict[str, list[Session]]:
    """Each current rep's latest closed one-on-ones with numbers (``RECENT_SESSIONS`` at most),
    newest first: what the signal's numbers evidence reads. Scans the stored documents
    undecoded, a table at a time and without keeping them (``Store.documents``: the reps'
    histories are not held in memory for this), and decodes only the few it keeps. In a
    worker, never before the first frame. A damaged document is left out."""
    current = {r.id for r in reps if r.is_current}
    kept: dict[str, list[tuple[float, int, dict[str, Any]]]] = {}
    seen = 0
    for doc in store.documents(Session, damaged=[]):
        rep_id = doc.get("rep_id")
        if not isinstance(rep_id, str) or rep_id not in current:
            continue
        if doc.get("closed") is not True or not doc.get("numbers"):
            continue
        seen += 1
        entry = (_started(doc), seen, doc)
        mine = kept.setdefault(rep_id, [])
        if len(mine) < RECENT_SESSIONS:
            heapq.heappush(mine, entry)
        elif entry[:2] > mine[0][:2]:
            heapq.heapreplace(mine, entry)
    found: dict[str, list[Session]] = {}
    for rep_id in current:
        sessions: list[Session] = []
        for _, _, doc in kept.get(rep_id, []):
            try:
                sessions.append(codec.decode(Session, doc))
            except Exception:  # a damaged record: the store names it where it reads it
                continue
        found[rep_id] = latest_closed(sessions)
    return found


def _started(doc: dict[str, Any]) -> float:
    try:
        return datetime_from_iso(str(doc.get("started_at"))).timestamp()
    except (TypeError, ValueError):
        return 0.0


def latest_closed(sessions: Iterable[Session]) -> list[Session]:
    """The latest closed one-on-ones with numbers, newest first (``RECENT_SESSIONS`` at most)."""
    held = [s for s in sessions if s.closed and s.numbers]
    held.sort(key=lambda s: s.started_at, reverse=True)
    return held[:RECENT_SESSIONS]


def load_agenda_input(store: Store) -> AgendaInput:
    """Read only what the agenda needs."""
    return AgendaInput(
        reps=store.all(Rep),
        settings=store.settings(),
        # each rep's current versions (the latest agreed one and a newer draft): not the
        # superseded ones in every rep's history
        agreements=store.pick(Agreement, current_documents, superseded=False),
        reviews=store.where(Review, state=ReviewState.SCHEDULED),
        commitments=store.where(Commitment, state=CommitmentState.OPEN),
        onboarding=store.where(OnboardingItem, done=False),
        sessions=store.where(Session, closed=False),
        invocations=store.all(Invocation),
        snoozes=store.all(Snooze),
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


def planned_conversations(
    items: Iterable[OnboardingItem], timezone: str
) -> dict[str, OnboardingItem]:
    """Each rep's planned expectations conversation not yet checked off (the earliest, if a
    plan has several), by rep id: the date the "no agreement" line gives."""
    found: dict[str, OnboardingItem] = {}
    for item in items:
        if not item.is_expectations_conversation or item.done:
            continue
        known = found.get(item.rep_id)
        if known is None or (item.starts_at, item.id) < (known.starts_at, known.id):
            found[item.rep_id] = item
    return found


def _length(item: OnboardingItem) -> str:
    """ "2 hours", "90 minutes", "1 hour"."""
    minutes = int((item.ends_at - item.starts_at).total_seconds() // 60)
    if minutes > 0 and minutes % 60 == 0:
        return _plural(minutes // 60, "hour")
    return _plural(max(minutes, 0), "minute")


def _moved(review: Review) -> str:
    return f" (moved from {review.moved_from.isoformat()})" if review.moved_from else ""


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

    # reviews: the team's, and each rep's next one (one date per rep: ``next_review``)
    team_review = scheduled_for(data.reviews, None)
    if team_review is not None:
        add(
            REVIEW,
            team_review.due,
            f"Team quarterly review{_moved(team_review)}",
            None,
            team_review.id,
        )
    reps_next = next_reviews(
        current.values(),
        data.reviews,
        settings=data.settings,
        agreements=data.agreements,
        today=today,
    )
    scheduled: dict[str, pendulum.Date] = {}
    for rep_id, review in reps_next.items():
        scheduled[rep_id] = review.due
        title = f"Quarterly review with {current[rep_id].name}{_moved(review)}"
        add(REVIEW, review.due, title, rep_id, review.id)

    # agreements
    tz = data.settings.timezone
    talks = planned_conversations(data.onboarding, tz)
    carried: set[str] = set()  # expectations items said by a "no agreement" line
    for rep in current.values():
        if rep.id in pending:
            continue
        mine = [a for a in data.agreements if a.rep_id == rep.id]
        last = latest_agreed(mine, rep.id)
        draft = open_draft(mine, rep.id)
        if draft is not None and draft.version > (last.version if last else 0):
            # waiting to be agreed: dated today until it is (Enter opens the agreement)
            add(
                DRAFT,
                today,
                f"{rep.name}: a draft of v{draft.version} waits to be agreed",
                rep.id,
                draft.id,
            )
        if last is None or last.agreed_on is None:
            talk = talks.get(rep.id)
            if talk is None:
                add(
                    NO_AGREEMENT,
                    rep.start_date.add(days=FIRST_AGREEMENT_DAYS),
                    f"{rep.name} has no agreement yet: hold the expectations conversation",
                    rep.id,
                    None,
                )
                continue
            # the plan says when: the line points at the planned conversation, never elsewhere
            # (short: home gives a title 56 columns, and says "No agreement" beside it)
            local = talk.starts_at.in_timezone(tz)
            carried.add(talk.id)
            title = f"{rep.name}: expectations conversation, {local:%H:%M}, {_length(talk)}"
            add(NO_AGREEMENT, local.date(), title, rep.id, None)
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
    for session in data.sessions:
        talked = current.get(session.rep_id)
        if talked is None or session.closed:
            continue
        started = session.started_at.in_timezone(data.settings.timezone)
        title = f"Not ended: the 1:1 with {talked.name} started at {started:%H:%M}"
        add(OPEN_SESSION, started.date(), title, talked.id, session.id)

    # onboarding
    earlier: dict[str, list[tuple[pendulum.Date, OnboardingItem]]] = {}
    later: dict[str, list[tuple[pendulum.DateTime, OnboardingItem]]] = {}
    for item in data.onboarding:
        trainee = current.get(item.rep_id)
        if trainee is None or item.done:
            continue
        local = item.starts_at.in_timezone(tz)
        day = local.date()
        if day < today:
            earlier.setdefault(trainee.id, []).append((day, item))
        elif item.id in carried:
            continue  # the "no agreement" line says it, on its day
        elif day == today or item.is_expectations_conversation:
            # strftime, not pendulum's format(): that loads its locale files before home's
            # first frame
            title = f"{trainee.name} onboarding, {local:%H:%M}: {_one_line(item.title)}"
            if item.is_expectations_conversation:
                title += f" ({_length(item)})"
            add(ONBOARDING, day, title, trainee.id, item.id)
        else:
            later.setdefault(trainee.id, []).append((local, item))
    for rep_id, ahead in later.items():
        # the next plan day, as one line: what comes, before it comes
        ahead.sort(key=lambda pair: (pair[0], pair[1].id))
        first, item = ahead[0]
        same_day = [i for at, i in ahead if at.date() == first.date()]
        name = current[rep_id].name
        if len(same_day) == 1:
            title = f"{name} onboarding, {first:%H:%M}: {_one_line(item.title)}"
        else:
            title = (
                f"{name} onboarding: {_plural(len(same_day), 'plan item')}, from "
                f"{first:%H:%M} {_one_line(item.title)}"
            )
        add(ONBOARDING, first.date(), title, rep_id, item.id)
    for rep_id, late in earlier.items():
        late.sort(key=lambda pair: (pair[0], pair[1].starts_at, pair[1].id))
        day, oldest = late[0]
        name = current[rep_id].name
        if len(late) == 1:
            title = f"{name} onboarding: {_one_line(oldest.title)} not checked off"
        else:
            title = f"{name} onboarding: {_plural(len(late), 'item')} not checked off"
        add(ONBOARDING, day, title, rep_id, oldest.id)

    # reps not keeping their word, and the manager's own slips: listed whatever their date
    rules = SignalRules(
        missed=data.settings.signal_missed,
        carried=data.settings.signal_carried,
        below=data.settings.signal_below,
    )
    for found in rep_signals(
        current.values(),
        data.agreements,
        data.commitments,
        data.invocations,
        today,
        sessions=data.recent_sessions,
        rules=rules,
        timezone=tz,
        snoozes=data.snoozes,
    ):
        items.append(
            AgendaItem(
                SIGNAL,
                found.since,
                found.line(),
                found.rep.id,
                None,
                True,
                tuple(found.evidence_lines()),
            )
        )
    slips = manager_line(current.values(), data.commitments, today)
    if slips is not None:
        since = min(
            c.due
            for c in data.commitments
            if c.owner is Owner.MANAGER
            and c.rep_id in current
            and c.due is not None
            and c.state is CommitmentState.OPEN
            and c.due < today
        )
        items.append(AgendaItem(SIGNAL, since, slips, None, None, True))

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
    """How many of ``items`` are overdue."""
    return sum(1 for i in items if i.overdue)


__all__ = [
    "AGREEMENT_OVERDUE",
    "COMMITMENT",
    "DEFAULT_DAYS",
    "DRAFT",
    "KINDS",
    "NO_AGREEMENT",
    "ONBOARDING",
    "RECENT_SESSIONS",
    "REVIEW",
    "SIGNAL",
    "TAKEOVER",
    "AgendaInput",
    "AgendaItem",
    "build_agenda",
    "count_overdue",
    "humanize",
    "latest_closed",
    "load_agenda_input",
    "planned_conversations",
    "read_recent_sessions",
    "whole_months",
    "with_ensured_reviews",
]

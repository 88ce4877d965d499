"""The accountability signal: which reps are not keeping their word, the evidence, and the
next consequence step in their own words (DOMAIN.md, habits 2, 3 and 8).

A rep gets a signal when their record since the last consequence step invoked shows any of:

- ``missed``: at least ``SignalRules.missed`` of their commitments past their date and not
  done (dated by the earliest due date);
- ``carried``: a commitment of theirs still open and carried ``SignalRules.carried`` times or
  more (dated by its last carry);
- ``below``: a quota line behind pace (below the share of its quota that the share of the
  period gone asks for) at each of their last ``SignalRules.below`` one-on-ones that recorded
  it (dated by the first of them).

Evidence dated on or before the latest consequence step invoked (and not withdrawn), or the
latest snooze (``snooze``: the manager set the signal aside, with a reason kept on record), is
answered already: the signal clears when a step is invoked or it is snoozed, and comes back
only with new evidence. The line names the evidence and quotes the next step of the rep's
latest agreed agreement; it also says the manager's own commitments to that rep that are
past their date (the two-way street), and ``manager_line`` says the manager's across the
team. Departed reps get nothing. Pure functions of the records and ``today``; nothing here
reads the store.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

import pendulum

from oneonone.core.agreements import latest_agreed
from oneonone.core.model import (
    Agreement,
    Commitment,
    CommitmentState,
    ConsequenceStep,
    Invocation,
    NumberEntry,
    Owner,
    Period,
    Rep,
    Session,
    Snooze,
)
from oneonone.core.numbers import period_bounds
from oneonone.core.sessions import (
    CHANGE_CARRIED,
    SessionError,
    attainment,
    is_missed,
    next_step,
    required_text,
)

MISSED = "missed"
CARRIED = "carried"
BELOW = "below"


@dataclass(frozen=True)
class SignalRules:
    """The thresholds (defaults; the manager changes them in settings)."""

    missed: int = 2
    carried: int = 3
    below: int = 3


@dataclass(frozen=True)
class Evidence:
    """One kind of evidence: what it is, since when, and how it reads."""

    kind: str
    since: pendulum.Date
    text: str


@dataclass(frozen=True)
class RepSignal:
    """A rep not keeping their word: the evidence, the agreement and the next step in it (None
    when every step is invoked), and the manager's own commitments to the rep past due."""

    rep: Rep
    evidence: tuple[Evidence, ...]
    agreement: Agreement | None
    next: tuple[int, ConsequenceStep] | None
    manager_missed: int

    @property
    def since(self) -> pendulum.Date:
        """When the oldest evidence began."""
        return min(e.since for e in self.evidence)

    def line(self) -> str:
        """One line: ``Sam Lee: 3 commitments missed since 2 Nov; ... Next step (v2, agreed
        2026-09-01): "A gentle reminder"`` (plain text)."""
        said = f"{self.rep.name}: " + "; ".join(e.text for e in self.evidence) + "."
        a = self.agreement
        if a is None:
            said += " No agreed consequence steps yet: hold the expectations conversation."
        elif self.next is None:
            said += f" Every consequence step of v{a.version} is invoked: time for a new version."
        else:
            index, step = self.next
            agreed = f", agreed {a.agreed_on.isoformat()}" if a.agreed_on else ""
            said += f' Next step ({index + 1} of v{a.version}{agreed}): "{step.text}"'
        if self.manager_missed:
            n = self.manager_missed
            said += f" · You: {n} commitment{'s' if n != 1 else ''} to them past {_its(n)} date"
        return said

    def evidence_lines(self) -> list[str]:
        """The evidence as lines for the consequence dialog, one per piece of evidence."""
        return [e.text for e in self.evidence]


def _its(n: int) -> str:
    return "their" if n != 1 else "its"


def _day(moment: pendulum.DateTime | pendulum.Date, timezone: str) -> pendulum.Date:
    if isinstance(moment, pendulum.DateTime):
        return moment.in_timezone(timezone).date()
    return moment


def _short(day: pendulum.Date) -> str:
    return day.format("D MMM YYYY")


def answered_until(
    rep_id: str,
    invocations: Iterable[Invocation],
    timezone: str,
    snoozes: Iterable[Snooze] = (),
) -> pendulum.Date | None:
    """The day of the rep's latest consequence step invoked and not withdrawn, or of their
    signal's latest snooze, if any: evidence dated then or before is answered."""
    days = [
        _day(i.invoked_at, timezone)
        for i in invocations
        if i.rep_id == rep_id and not i.is_withdrawn
    ]
    days += [_day(z.at, timezone) for z in snoozes if z.rep_id == rep_id]
    return max(days) if days else None


def snooze(rep: Rep, evidence: Sequence[str], reason: str, now: pendulum.DateTime) -> Snooze:
    """The record that the manager set ``rep``'s signal aside on ``now``, for ``reason``
    (required, at most ``MAX_TEXT``), its ``evidence`` (``RepSignal.evidence_lines``) kept
    with it. Refused with a ``SessionError`` for a rep no longer on the team, or an empty or
    huge reason."""
    if not rep.is_current:
        raise SessionError("rep", f"{rep.name} has left the team: nothing to snooze.")
    why = required_text("reason", "The reason", reason, one_line=False)
    return Snooze(rep_id=rep.id, reason=why, at=now, evidence=list(evidence))


def _last_carry(c: Commitment, timezone: str) -> pendulum.Date:
    carries = [ch.at for ch in c.changes if ch.what == CHANGE_CARRIED]
    return _day(max(carries) if carries else c.created_at, timezone)


def commitment_evidence(
    rep_id: str,
    commitments: Iterable[Commitment],
    today: pendulum.Date,
    *,
    after: pendulum.Date | None,
    rules: SignalRules,
    timezone: str,
) -> list[Evidence]:
    """The rep's missed and long-carried commitments, dated after ``after``."""
    mine = [
        c
        for c in commitments
        if c.rep_id == rep_id and c.owner is Owner.REP and c.state is CommitmentState.OPEN
    ]
    found: list[Evidence] = []
    # a commitment is missed from the day after it was due: one due on the day of a step or
    # a snooze was not missed then, so it is new evidence once it is
    missed = [
        c
        for c in mine
        if is_missed(c, today) and c.due is not None and (after is None or c.due >= after)
    ]
    if missed and len(missed) >= rules.missed:
        since = min(c.due for c in missed if c.due is not None)
        n = len(missed)
        found.append(
            Evidence(
                MISSED, since, f"{n} commitment{'s' if n != 1 else ''} missed since {_short(since)}"
            )
        )
    carried = [(c, _last_carry(c, timezone)) for c in mine if c.carried >= rules.carried]
    carried = [(c, day) for c, day in carried if after is None or day > after]
    if carried:
        since = min(day for _, day in carried)
        most = max(carried, key=lambda pair: pair[0].carried)[0]
        n = len(carried)
        text = (
            f'"{" ".join(most.text.split())}" carried ×{most.carried}'
            if n == 1
            else f"{n} commitments carried {rules.carried} times or more"
        )
        found.append(Evidence(CARRIED, since, text))
    return found


def period_gone(period: Period, day: pendulum.Date) -> float:
    """How much of the quota ``period`` that ``day`` falls in is gone by the end of ``day``
    (calendar days; a day's quota is all due on the day): where the numbers should be."""
    if period is Period.DAY:
        return 1.0
    start, length = period_bounds(period, day)
    return min(1.0, ((day - start).days + 1) / length)


def behind_pace(entry: NumberEntry, day: pendulum.Date) -> float | None:
    """The actual against where it should be on ``day`` (1.0 is on pace); None without a
    target."""
    ratio = attainment(entry)
    if ratio is None:
        return None
    return ratio / period_gone(entry.period, day)


def number_evidence(
    sessions: Sequence[Session],
    *,
    after: pendulum.Date | None,
    rules: SignalRules,
    timezone: str,
) -> list[Evidence]:
    """A quota line behind pace (``behind_pace``: the actual against the share of the period
    gone) at each of the rep's last ``rules.below`` closed one-on-ones that recorded it, all
    held after ``after``. ``sessions``: the rep's (any order)."""
    if rules.below < 1:
        return []
    held = sorted(
        (s for s in sessions if s.closed and s.numbers),
        key=lambda s: s.started_at,
        reverse=True,
    )
    by_line: dict[str, list[tuple[pendulum.Date, NumberEntry]]] = {}
    for s in held:
        day = _day(s.started_at, timezone)
        for n in s.numbers:
            entries = by_line.setdefault(n.quota_line_id, [])
            if len(entries) < rules.below:
                entries.append((day, n))
    found: list[Evidence] = []
    for entries in by_line.values():
        if len(entries) < rules.below:
            continue
        paces = [behind_pace(n, day) for day, n in entries]
        if not all(p is not None and p < 1 for p in paces):
            continue
        first = entries[-1][0]
        if after is not None and first <= after:
            continue
        day, latest = entries[0]
        got = min(99, round((attainment(latest) or 0.0) * 100))
        gone = round(period_gone(latest.period, day) * 100)
        found.append(
            Evidence(
                BELOW,
                first,
                f"{latest.label} behind pace at the last {rules.below} one-on-ones "
                f"({got}% of the {latest.period.value}'s quota with {gone}% of it gone)",
            )
        )
    return found


def rep_signals(
    reps: Iterable[Rep],
    agreements: Iterable[Agreement],
    commitments: Iterable[Commitment],
    invocations: Iterable[Invocation],
    today: pendulum.Date,
    *,
    sessions: Mapping[str, Sequence[Session]] | None = None,
    rules: SignalRules | None = None,
    timezone: str = "UTC",
    snoozes: Iterable[Snooze] = (),
) -> list[RepSignal]:
    """The current reps with a signal, the longest-standing first. ``sessions`` (by rep id:
    their recent closed one-on-ones) gives the numbers evidence; without it, only the
    commitments count. ``snoozes`` answer the evidence up to their day, as invocations do."""
    rules = rules or SignalRules()
    agreements = list(agreements)
    commitments = list(commitments)
    invocations = list(invocations)
    snoozes = list(snoozes)
    found: list[RepSignal] = []
    for rep in reps:
        if not rep.is_current:
            continue
        after = answered_until(rep.id, invocations, timezone, snoozes)
        evidence = commitment_evidence(
            rep.id, commitments, today, after=after, rules=rules, timezone=timezone
        )
        if sessions is not None:
            evidence += number_evidence(
                sessions.get(rep.id, ()), after=after, rules=rules, timezone=timezone
            )
        if not evidence:
            continue
        agreement = latest_agreed(agreements, rep.id)
        if agreement is not None and not agreement.consequence_steps:
            agreement = None
        step = next_step(agreement, invocations) if agreement is not None else None
        mine = sum(
            1
            for c in commitments
            if c.rep_id == rep.id and c.owner is Owner.MANAGER and is_missed(c, today)
        )
        found.append(RepSignal(rep, tuple(evidence), agreement, step, mine))
    found.sort(key=lambda s: (s.since, s.rep.name.casefold(), s.rep.id))
    return found


def manager_line(
    reps: Iterable[Rep], commitments: Iterable[Commitment], today: pendulum.Date
) -> str | None:
    """``You: 4 commitments to 3 reps past their date``, or None when the manager has none."""
    current = {r.id for r in reps if r.is_current}
    mine = [
        c
        for c in commitments
        if c.owner is Owner.MANAGER and c.rep_id in current and is_missed(c, today)
    ]
    if not mine:
        return None
    people = len({c.rep_id for c in mine})
    n = len(mine)
    return (
        f"You: {n} commitment{'s' if n != 1 else ''} to {people} rep{'s' if people != 1 else ''}"
        f" past {_its(n)} date"
    )


__all__ = [
    "BELOW",
    "CARRIED",
    "MISSED",
    "Evidence",
    "RepSignal",
    "SignalRules",
    "answered_until",
    "behind_pace",
    "commitment_evidence",
    "manager_line",
    "number_evidence",
    "period_gone",
    "rep_signals",
    "snooze",
]

"""Session rules: the one-on-one itself, without the UI (DOMAIN.md, habits 1-3, 8 and 9).

A session follows a script step by step, with notes per step, free notes and private notes;
the rep's numbers are entered against the quota lines of the agreement in force; commitments
are made by either side and carried until done or dropped; a consequence step can be invoked,
quoting the rep's own words. Ending a session closes it for good: after that only a dated
addendum can be added, so the record can be trusted later.

Every function returns a new record and leaves its arguments untouched, so a caller can keep
the old value until the new one is saved. Input the manager typed is checked here and refused
with a ``FieldError`` naming the form field; misuse by the caller (a closed session, a step
out of range) raises ``ValueError`` or ``IndexError``.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable, Container, Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from typing import Any

import pendulum

from oneonone.core import agreements as agreement_rules
from oneonone.core.agreements import format_number, latest_agreed, parse_number
from oneonone.core.codec import date_from_iso
from oneonone.core.dates import DateInputError, parse_user_date
from oneonone.core.errors import FieldError
from oneonone.core.model import (
    Addendum,
    Agreement,
    Commitment,
    CommitmentChange,
    CommitmentState,
    ConsequenceStep,
    Invocation,
    NumberEntry,
    Owner,
    QuotaLine,
    Rep,
    Session,
    SessionKind,
    StepNote,
)
from oneonone.core.numbers import readings
from oneonone.core.scripts import Script

MAX_TEXT = 2000

CLOSED_MESSAGE = "This session is closed; add a dated addendum instead."

#: The manager's own part, asked before any consequence is invoked (DOMAIN.md, habit 8).
SELF_CHECK_QUESTIONS: tuple[tuple[str, str], ...] = (
    ("set_expectation", "Did I set this expectation clearly?"),
    ("coached", "Did I coach?"),
    ("kept_my_commitments", "Did I keep my own commitments?"),
)
#: Before the last step of a rep's ladder (the one that ends the job, in their words), the
#: manager looks in the mirror too: (key, question, the answer that clears the manager).
MIRROR_QUESTIONS: tuple[tuple[str, str, bool], ...] = (
    ("hired_well", "Did I hire well?", True),
    ("asked_right", "Did I ask the right questions?", True),
    ("my_fault", "Is this my fault?", False),
)


class SessionClosed(ValueError):
    """The session is closed and read-only."""

    def __init__(self, message: str = CLOSED_MESSAGE) -> None:
        super().__init__(message)


class SessionNotClosed(ValueError):
    """An addendum goes on a closed session only; an open one takes notes."""

    def __init__(self) -> None:
        super().__init__("This session is still open: write in its notes; an addendum comes after.")


class SessionError(FieldError):
    """Input for a session, a commitment or an invocation that cannot be accepted."""


# --- helpers --------------------------------------------------------------------------------


def _has_control(text: str) -> bool:
    return any(unicodedata.category(ch) in ("Cc", "Cs") for ch in text)


def required_text(field: str, label: str, text: str, *, one_line: bool = True) -> str:
    """``text`` stripped, or a ``SessionError`` on ``field``: empty, longer than ``MAX_TEXT``,
    or (``one_line``) holding line breaks or control characters."""
    cleaned = text.strip()
    if not cleaned:
        raise SessionError(field, f"{label} cannot be empty.")
    if len(cleaned) > MAX_TEXT:
        raise SessionError(
            field, f"{label} is too long ({len(cleaned)} characters; at most {MAX_TEXT})."
        )
    if one_line and _has_control(cleaned):
        raise SessionError(
            field, f"{label} must be one line of text, without line breaks or control characters."
        )
    return cleaned


def _copy(session: Session, **changes: Any) -> Session:
    """A copy that shares no list with ``session``."""
    values: dict[str, Any] = {
        "steps": [replace(s) for s in session.steps],
        "numbers": [replace(n) for n in session.numbers],
        "addenda": [replace(a) for a in session.addenda],
    }
    values.update(changes)
    return replace(session, **values)


def _open(session: Session) -> None:
    if session.closed:
        raise SessionClosed()


def _index(session: Session, index: int) -> int:
    if not 0 <= index < len(session.steps):
        raise IndexError(f"step {index} is out of range (0 to {len(session.steps) - 1})")
    return index


# --- choosing and starting ------------------------------------------------------------------


def default_kind(
    rep: Rep,
    agreements: Iterable[Agreement],
    today: pendulum.Date,
    review_due: pendulum.Date | None = None,
) -> SessionKind:
    """The kind of session to offer first: the expectations conversation when the rep has no
    agreed agreement; the quarterly review when their agreement is due for review (on or after
    its review date) or a scheduled review (``review_due``) is due; else a regular one."""
    mine = [a for a in agreements if a.rep_id == rep.id]
    if latest_agreed(mine, rep.id) is None:
        return SessionKind.EXPECTATIONS
    agreement_due = agreement_rules.review_due(mine, rep.id)
    if (
        agreement_rules.due_for_review(mine, rep.id, today)
        or (agreement_due is not None and agreement_due <= today)
        or (review_due is not None and review_due <= today)
    ):
        return SessionKind.QUARTERLY_REVIEW
    return SessionKind.REGULAR


def start_session(
    rep: Rep,
    kind: SessionKind,
    script: Script,
    agreement: Agreement | None,
    now: pendulum.DateTime,
) -> Session:
    """A new open session on ``script``'s steps, resting on ``agreement`` (the rep's agreed
    version in force, or None when there is none yet)."""
    if agreement is not None:
        if agreement.rep_id != rep.id:
            raise ValueError(f"agreement {agreement.id} is not {rep.name}'s")
        if not agreement.is_agreed:
            raise ValueError(
                f"agreement v{agreement.version} is a draft; a session rests on an agreed version"
            )
    return Session(
        rep_id=rep.id,
        kind=kind,
        started_at=now,
        script_name=script.title,
        steps=[StepNote(title=s.title, prompt=s.prompt) for s in script.steps],
        current_step=0,
        agreement_id=agreement.id if agreement else None,
        agreement_version=agreement.version if agreement else None,
    )


# --- steps and notes ------------------------------------------------------------------------


def go_to_step(session: Session, index: int) -> Session:
    """Move to step ``index`` (clamped to the script); the step being left counts as covered."""
    _open(session)
    if not session.steps:
        return _copy(session)
    target = max(0, min(index, len(session.steps) - 1))
    moved = _copy(session, current_step=target)
    if target != session.current_step and 0 <= session.current_step < len(moved.steps):
        moved.steps[session.current_step].covered = True
    return moved


def toggle_covered(session: Session, index: int | None = None) -> Session:
    """Tick or untick step ``index`` (default: the current step)."""
    _open(session)
    i = _index(session, session.current_step if index is None else index)
    toggled = _copy(session)
    toggled.steps[i].covered = not toggled.steps[i].covered
    return toggled


def set_step_notes(session: Session, index: int, text: str) -> Session:
    """What was said at step ``index``, as typed (Markdown; kept exactly, never trimmed)."""
    _open(session)
    i = _index(session, index)
    changed = _copy(session)
    changed.steps[i].notes = text
    return changed


def set_notes(session: Session, text: str) -> Session:
    """The free notes, not tied to a step."""
    _open(session)
    return _copy(session, notes=text)


def set_private_notes(session: Session, text: str) -> Session:
    """Notes kept out of exports unless asked for."""
    _open(session)
    return _copy(session, private_notes=text)


# --- numbers --------------------------------------------------------------------------------


def set_number(session: Session, quota_line: QuotaLine, actual_text: str) -> Session:
    """The rep's actual for ``quota_line`` as typed (``80000``, ``80,000``); blank removes it.
    A number that does not parse raises a ``FieldError`` on field ``actual``."""
    _open(session)
    kept = [replace(n) for n in session.numbers if n.quota_line_id != quota_line.id]
    if not actual_text.strip():
        return _copy(session, numbers=kept)
    actual = parse_number(actual_text, field="actual")
    entry = NumberEntry(
        quota_line_id=quota_line.id,
        label=quota_line.label,
        actual=actual,
        target=quota_line.number,
        unit=quota_line.unit,
        period=quota_line.period,
    )
    numbers = [replace(n) for n in session.numbers]
    for i, n in enumerate(numbers):
        if n.quota_line_id == quota_line.id:
            numbers[i] = entry
            break
    else:
        numbers.append(entry)
    return _copy(session, numbers=numbers)


def attainment(entry: NumberEntry) -> float | None:
    """Actual over target (1.0 is on target); None when the target is 0."""
    if entry.target == 0:
        return None
    return entry.actual / entry.target


def attainment_history(
    sessions: Iterable[Session], quota_line_id: str, timezone: str | None = None
) -> list[tuple[pendulum.Date, float]]:
    """(session date, attainment) for one quota line over the closed sessions, oldest first.
    The date is the day the session started where the manager is (``timezone``; None: in the
    moment's own offset). Read through
    ``numbers.readings``, as the team board reads them."""
    found = readings(
        sessions, lambda n: n.quota_line_id == quota_line_id and n.target != 0, timezone
    )
    return [(r.day, r.entry.actual / r.entry.target) for r in found]


def attainment_percent(entry: NumberEntry) -> int | None:
    """Attainment as a whole percentage, as every screen shows it: below target never reads
    as 100%. None when the target is 0."""
    ratio = attainment(entry)
    if ratio is None:
        return None
    percent = round(ratio * 100)
    if ratio < 1 and percent >= 100:
        percent = 99
    return percent


def number_text(entry: NumberEntry) -> str:
    """``New ARR: 80,000 of 120,000 USD per quarter (67%)``."""
    unit = f" {entry.unit}" if entry.unit.strip() else ""
    text = (
        f"{entry.label}: {format_number(entry.actual)} of {format_number(entry.target)}"
        f"{unit} per {entry.period.value}"
    )
    percent = attainment_percent(entry)
    return text if percent is None else f"{text} ({percent}%)"


def actual_text(entry: NumberEntry) -> str:
    """The actual against its target, short, for under the quota line it belongs to:
    ``80,000 of 120,000 (67%)``."""
    text = f"{format_number(entry.actual)} of {format_number(entry.target)}"
    percent = attainment_percent(entry)
    return text if percent is None else f"{text} ({percent}%)"


#: An actual over this many times its target is asked about before it is kept (a slip of the
#: keyboard: 800000 typed for 80000).
OUTLIER_FACTOR = 10


def is_outlier(entry: NumberEntry) -> bool:
    """Over ``OUTLIER_FACTOR`` times the quota line's target (a target of 0 has no outlier)."""
    return entry.target > 0 and entry.actual > OUTLIER_FACTOR * entry.target


def new_outliers(before: Session, after: Session) -> list[NumberEntry]:
    """The numbers of ``after`` that are outliers and were not already kept as they are in
    ``before`` (a value confirmed once is not asked about again)."""
    kept = {(n.quota_line_id, n.actual) for n in before.numbers}
    return [n for n in after.numbers if is_outlier(n) and (n.quota_line_id, n.actual) not in kept]


# --- commitments ----------------------------------------------------------------------------


def new_commitment(
    rep_id: str,
    owner: Owner,
    text: str,
    due_text: str,
    today: pendulum.Date,
    session_id: str | None,
    *,
    now: pendulum.DateTime | None = None,
) -> Commitment:
    """A commitment as typed. The text is required (one line, at most 2000 characters); the
    due date is optional and read like every typed date (``2027-01-15``, ``+7d``, ``fri``)."""
    cleaned = required_text("text", "The commitment", text)
    due = None
    if due_text.strip():
        try:
            due = parse_user_date(due_text, today)
        except DateInputError as exc:
            raise SessionError("due", f"Due date: {exc}") from None
    made = Commitment(rep_id=rep_id, owner=owner, text=cleaned, due=due, session_id=session_id)
    if now is not None:
        made.created_at = now
    return made


def _still_open(c: Commitment) -> None:
    if c.state is not CommitmentState.OPEN:
        raise ValueError(f"This commitment is already {c.state.value}.")


CHANGE_TEXT = "text"
CHANGE_DUE = "due"
CHANGE_STATE = "state"
CHANGE_CARRIED = "carried"
UNDONE = "undone"


def _day(d: pendulum.Date | None) -> str:
    return d.isoformat() if d is not None else ""


def _changed(c: Commitment, changes: Iterable[CommitmentChange], **values: Any) -> Commitment:
    """A copy of ``c`` with ``values`` and ``changes`` added to its record (no list shared)."""
    return replace(c, changes=[*(replace(ch) for ch in c.changes), *changes], **values)


def edit_commitment(
    c: Commitment,
    text: str,
    due_text: str,
    today: pendulum.Date,
    at: pendulum.DateTime,
    *,
    session_id: str | None = None,
) -> Commitment:
    """``c`` with its text and due date corrected, as typed (checked as ``new_commitment``
    checks them; a blank date removes it). Only an open commitment is edited; each field that
    changed is recorded (``changes``), and an edit that changes nothing returns ``c`` as is."""
    _still_open(c)
    cleaned = required_text("text", "The commitment", text)
    due = None
    if due_text.strip():
        try:
            due = parse_user_date(due_text, today)
        except DateInputError as exc:
            raise SessionError("due", f"Due date: {exc}") from None
    changes = []
    if cleaned != c.text:
        changes.append(CommitmentChange(CHANGE_TEXT, c.text, cleaned, at, session_id))
    if due != c.due:
        changes.append(CommitmentChange(CHANGE_DUE, _day(c.due), _day(due), at, session_id))
    if not changes:
        return c
    return _changed(c, changes, text=cleaned, due=due)


def mark_done(c: Commitment, at: pendulum.DateTime, *, session_id: str | None = None) -> Commitment:
    """Done at ``at``; the change is recorded (in one-on-one ``session_id``, if any)."""
    _still_open(c)
    change = CommitmentChange(
        CHANGE_STATE, c.state.value, CommitmentState.DONE.value, at, session_id
    )
    return _changed(c, [change], state=CommitmentState.DONE, closed_at=at)


def drop(
    c: Commitment, reason: str, at: pendulum.DateTime, *, session_id: str | None = None
) -> Commitment:
    """Dropped, with a reason (required): it is not done and will not be."""
    _still_open(c)
    why = required_text("reason", "The reason for dropping it", reason)
    change = CommitmentChange(
        CHANGE_STATE, c.state.value, CommitmentState.DROPPED.value, at, session_id, note=why
    )
    return _changed(c, [change], state=CommitmentState.DROPPED, closed_at=at, drop_reason=why)


def carry(
    c: Commitment,
    new_due: pendulum.Date | None = None,
    *,
    at: pendulum.DateTime | None = None,
    session_id: str | None = None,
) -> Commitment:
    """Not done: it stays open and its carried count goes up by one. ``new_due`` replaces the
    due date; None keeps the one it has. Both changes are recorded at ``at`` (default: now)."""
    _still_open(c)
    when = at if at is not None else pendulum.now("UTC")
    due = new_due if new_due is not None else c.due
    changes = [
        CommitmentChange(CHANGE_CARRIED, str(c.carried), str(c.carried + 1), when, session_id)
    ]
    if due != c.due:
        changes.append(CommitmentChange(CHANGE_DUE, _day(c.due), _day(due), when, session_id))
    return _changed(c, changes, carried=c.carried + 1, due=due)


def reopen(
    c: Commitment, at: pendulum.DateTime | None = None, *, session_id: str | None = None
) -> Commitment:
    """Undo done or dropped (a key pressed by mistake): open again, carried count unchanged.
    With ``at``, the change is recorded."""
    changes = []
    if at is not None and c.state is not CommitmentState.OPEN:
        changes.append(
            CommitmentChange(
                CHANGE_STATE, c.state.value, CommitmentState.OPEN.value, at, session_id, note=UNDONE
            )
        )
    return _changed(c, changes, state=CommitmentState.OPEN, closed_at=None, drop_reason="")


def _is_forward(ch: CommitmentChange) -> bool:
    """A change that can be undone: open to done or dropped, or carried once more."""
    if ch.note == UNDONE:
        return False
    if ch.what == CHANGE_STATE:
        return ch.before == CommitmentState.OPEN.value and ch.after != ch.before
    if ch.what == CHANGE_CARRIED:
        return ch.before.isdigit() and ch.after.isdigit() and int(ch.after) > int(ch.before)
    return False


def undoable(c: Commitment, session_id: str | None) -> CommitmentChange | None:
    """The last done, dropped or carried of ``c`` when it can still be undone: it was made in
    one-on-one ``session_id`` (the same one, still open), it is the latest such change, and
    the commitment still shows it. None otherwise."""
    if session_id is None:
        return None
    last = next(
        (ch for ch in reversed(c.changes) if ch.what in (CHANGE_STATE, CHANGE_CARRIED)), None
    )
    if last is None or last.session_id != session_id or not _is_forward(last):
        return None
    if last.what == CHANGE_STATE and c.state.value != last.after:
        return None
    if last.what == CHANGE_CARRIED and str(c.carried) != last.after:
        return None
    return last


def undo(c: Commitment, session_id: str | None, at: pendulum.DateTime) -> Commitment:
    """Put right a done, dropped or carried set by mistake in one-on-one ``session_id``: back
    to open (from done or dropped), or the carried count and due date as they were before the
    carry. The undoing is recorded too. Raises ``ValueError`` when there is nothing to undo."""
    last = undoable(c, session_id)
    if last is None:
        raise ValueError("Nothing to undo on this commitment in this one-on-one.")
    if last.what == CHANGE_STATE:
        return reopen(c, at, session_id=session_id)
    changes = [
        CommitmentChange(CHANGE_CARRIED, last.after, last.before, at, session_id, note=UNDONE)
    ]
    due = c.due
    moved = next(
        (
            ch
            for ch in c.changes
            if ch.what == CHANGE_DUE and ch.at == last.at and ch.session_id == session_id
        ),
        None,
    )
    if moved is not None and _day(c.due) == moved.after:
        due = parse_stored_day(moved.before)
        changes.append(
            CommitmentChange(CHANGE_DUE, moved.after, moved.before, at, session_id, note=UNDONE)
        )
    return _changed(c, changes, carried=int(last.before), due=due)


def parse_stored_day(text: str) -> pendulum.Date | None:
    """A due date as a change records it (ISO form, "" for none)."""
    if not text:
        return None
    return date_from_iso(text)


def change_text(
    ch: CommitmentChange, timezone: str | pendulum.Timezone | pendulum.FixedTimezone
) -> str:
    """One change, read back: ``2026-11-27 10:05 due 2026-12-01 → 2026-12-04`` (local time)."""
    when = ch.at.in_timezone(timezone).format("YYYY-MM-DD HH:mm")
    if ch.what == CHANGE_DUE:
        what = f"due {ch.before or 'none'} → {ch.after or 'none'}"
    elif ch.what == CHANGE_TEXT:
        what = f"text “{ch.before}” → “{ch.after}”"
    elif ch.what == CHANGE_CARRIED:
        what = f"carried ×{ch.before} → ×{ch.after}"
    elif ch.what == CHANGE_STATE:
        what = f"{ch.before} → {ch.after}"
    else:
        what = f"{ch.what} {ch.before} → {ch.after}"
    return f"{when} {what}" + (f" ({ch.note})" if ch.note else "")


def _by_due(c: Commitment) -> tuple[bool, pendulum.Date, pendulum.DateTime]:
    return (c.due is None, c.due or pendulum.Date(1, 1, 1), c.created_at)


def open_for(
    rep_id: str, commitments: Iterable[Commitment]
) -> tuple[list[Commitment], list[Commitment]]:
    """The rep's open commitments and the manager's (to the rep), each by due date (undated
    last), then by when they were made."""
    mine = sorted(
        (c for c in commitments if c.rep_id == rep_id and c.state is CommitmentState.OPEN),
        key=_by_due,
    )
    return (
        [c for c in mine if c.owner is Owner.REP],
        [c for c in mine if c.owner is Owner.MANAGER],
    )


def is_missed(c: Commitment, today: pendulum.Date) -> bool:
    """Open and past its due date."""
    return c.state is CommitmentState.OPEN and c.due is not None and c.due < today


def commitment_text(c: Commitment, today: pendulum.Date) -> str:
    """``Missed: call Acme (due 2026-11-20, carried ×2)``; ``Carried: ...`` when not past due."""
    label = "Missed" if is_missed(c, today) else "Carried" if c.carried else "Open"
    facts = []
    if c.due is not None:
        facts.append(f"due {c.due.isoformat()}")
    if c.carried:
        facts.append(f"carried ×{c.carried}")
    return f"{label}: {c.text}" + (f" ({', '.join(facts)})" if facts else "")


def _slipping(commitments: Iterable[Commitment], owner: Owner, today: pendulum.Date) -> list[str]:
    found = [
        c
        for c in commitments
        if c.owner is owner
        and c.state is CommitmentState.OPEN
        and (is_missed(c, today) or c.carried > 0)
    ]
    return [commitment_text(c, today) for c in sorted(found, key=_by_due)]


def manager_slips(commitments: Iterable[Commitment], today: pendulum.Date) -> list[str]:
    """The manager's own missed or carried commitments: the self-check's evidence."""
    return _slipping(commitments, Owner.MANAGER, today)


# --- invoking a consequence -----------------------------------------------------------------


def _words(text: str) -> str:
    return " ".join(text.split()).casefold()


def invoked_steps(
    invocations: Iterable[Invocation], agreement_or_rep: Agreement | Rep
) -> dict[str, Invocation]:
    """Which consequence steps are invoked (by an invocation not withdrawn), by step id, with
    the latest invocation of each.

    For an ``Agreement``: keyed by the ids of *its* steps, counting invocations made under any
    version of the rep's agreement: a step matches an invocation by id (``revise`` keeps step
    ids), else by the same words (a step written again), each invocation matching one step.
    For a ``Rep``: keyed by the step ids the rep's invocations recorded."""
    rep_id = (
        agreement_or_rep.rep_id if isinstance(agreement_or_rep, Agreement) else agreement_or_rep.id
    )
    active = sorted(
        (i for i in invocations if i.rep_id == rep_id and not i.is_withdrawn),
        key=lambda i: i.invoked_at,
    )
    if isinstance(agreement_or_rep, Rep):
        return {i.step_id: i for i in active}
    steps = agreement_or_rep.consequence_steps
    ids = {s.id for s in steps}
    found: dict[str, Invocation] = {}
    by_words: list[Invocation] = []
    for inv in active:
        if inv.step_id in ids:
            found[inv.step_id] = inv
        else:
            by_words.append(inv)
    by_id = set(found)
    for inv in by_words:
        same = [
            (i, s)
            for i, s in enumerate(steps)
            if s.id not in by_id and _words(s.text) == _words(inv.step_text)
        ]
        if same:
            _, step = next(((i, s) for i, s in same if i == inv.step_index), same[0])
            found[step.id] = inv  # oldest first: the latest invocation wins
    return found


def next_step(
    agreement: Agreement, invocations: Iterable[Invocation]
) -> tuple[int, ConsequenceStep] | None:
    """The first step of the rep's ladder not yet invoked; None when every step is."""
    invoked = invoked_steps(invocations, agreement)
    for i, step in enumerate(agreement.consequence_steps):
        if step.id not in invoked:
            return i, step
    return None


def missing_self_checks(self_check: Mapping[str, bool], *, last: bool = False) -> list[str]:
    """The self-check questions not answered yet (with ``last``, the mirror's too)."""
    asked = [*SELF_CHECK_QUESTIONS, *((k, q) for k, q, _ in MIRROR_QUESTIONS if last)]
    return [question for key, question in asked if key not in self_check]


def is_last_step(agreement: Agreement, step_index: int) -> bool:
    """Whether ``step_index`` is the last step of the agreement's ladder: the one that ends
    the job, in the rep's words (the mirror is asked, and a second confirmation)."""
    return step_index == len(agreement.consequence_steps) - 1


def mirror_answers(self_check: Mapping[str, bool]) -> list[str]:
    """The mirror's questions as answered (``Did I hire well? yes``), when they were asked."""
    return [
        f"{question} {'yes' if self_check[key] else 'no'}"
        for key, question, _ in MIRROR_QUESTIONS
        if key in self_check
    ]


def mirror_concerns(self_check: Mapping[str, bool]) -> list[str]:
    """The mirror's questions answered against the manager (``Is this my fault?`` yes)."""
    return [
        question
        for key, question, clears in MIRROR_QUESTIONS
        if key in self_check and self_check[key] is not clears
    ]


def self_check_gaps(self_check: Mapping[str, bool]) -> list[str]:
    """The self-check questions answered no: the manager's own part to fix."""
    return [question for key, question in SELF_CHECK_QUESTIONS if self_check.get(key) is False]


def invoke(
    agreement: Agreement,
    step_index: int,
    *,
    invocations: Iterable[Invocation],
    reason: str,
    evidence: Sequence[str],
    self_check: Mapping[str, bool],
    session_id: str | None,
    now: pendulum.DateTime,
    out_of_order_reason: str = "",
    confirmed_last: bool = False,
) -> Invocation:
    """The record of invoking step ``step_index`` of ``agreement``, quoting the rep's words.
    The last step of the ladder also needs the mirror's questions answered and
    ``confirmed_last`` (a second, explicit confirmation): else ``confirm_last``.

    ``invocations`` are the rep's earlier ones (to find the next step). Refused with a
    ``FieldError``: an agreement not agreed (``agreement``), a step out of range (``step``),
    no reason (``reason``), a self-check question not answered (``self_check``), a step other
    than the next without ``out_of_order_reason`` (``out_of_order_reason``)."""
    if not agreement.is_agreed:
        raise SessionError(
            "agreement",
            f"Version {agreement.version} is a draft: only an agreed agreement can be invoked.",
        )
    if not 0 <= step_index < len(agreement.consequence_steps):
        raise SessionError(
            "step",
            f"Version {agreement.version} has no consequence step {step_index + 1}.",
        )
    why = required_text("reason", "The reason", reason, one_line=False)
    last = is_last_step(agreement, step_index)
    missing = missing_self_checks(self_check, last=last)
    if missing:
        raise SessionError(
            "self_check",
            "Answer the self-check first, about your own part: " + " ".join(missing),
        )
    following = next_step(agreement, invocations)
    out_of_order = ""
    if following is None or following[0] != step_index:
        if not out_of_order_reason.strip():
            expected = (
                "every step has been invoked already"
                if following is None
                else f"the next step is step {following[0] + 1}"
            )
            raise SessionError(
                "out_of_order_reason",
                f"This is not the next step ({expected}): say why you are invoking this one.",
            )
        out_of_order = required_text(
            "out_of_order_reason", "The reason for this step", out_of_order_reason, one_line=False
        )
    if last and not confirmed_last:
        raise SessionError(
            "confirm_last",
            f"Step {step_index + 1} is the last of the ladder: confirm it a second time.",
        )
    chosen = [e.strip() for e in evidence if e.strip()]
    for e in chosen:
        if len(e) > MAX_TEXT:
            raise SessionError("evidence", f"A piece of evidence is too long (at most {MAX_TEXT}).")
    step = agreement.consequence_steps[step_index]
    return Invocation(
        rep_id=agreement.rep_id,
        agreement_id=agreement.id,
        agreement_version=agreement.version,
        step_id=step.id,
        step_index=step_index,
        step_text=step.text,
        reason=why,
        invoked_at=now,
        session_id=session_id,
        evidence=chosen,
        self_check={
            key: bool(self_check[key])
            for key in [k for k, _ in SELF_CHECK_QUESTIONS]
            + [k for k, _, _ in MIRROR_QUESTIONS if last]
        },
        out_of_order_reason=out_of_order,
    )


def withdraw(invocation: Invocation, reason: str, now: pendulum.DateTime) -> Invocation:
    """Withdrawn with a reason; the record stays. Its step becomes invocable again."""
    if invocation.is_withdrawn:
        assert invocation.withdrawn_at is not None
        raise SessionError(
            "state",
            f"This invocation was already withdrawn on {invocation.withdrawn_at.date()}.",
        )
    why = required_text("reason", "The reason for withdrawing it", reason, one_line=False)
    return replace(
        invocation,
        evidence=list(invocation.evidence),
        self_check=dict(invocation.self_check),
        withdrawn_at=now,
        withdrawn_reason=why,
    )


def evidence_candidates(
    commitments: Iterable[Commitment],
    session_numbers: Iterable[NumberEntry],
    today: pendulum.Date,
) -> list[str]:
    """What the manager can cite: the rep's missed (open, past due) and carried commitments,
    then the numbers below target, one line each."""
    lines = _slipping(commitments, Owner.REP, today)
    for n in session_numbers:
        if n.target > 0 and n.actual < n.target:
            lines.append(number_text(n))
    return lines


# --- ending ---------------------------------------------------------------------------------


def end_session(session: Session, now: pendulum.DateTime) -> Session:
    """Closed for good at ``now``; the step on screen counts as covered."""
    _open(session)
    return _as_ended(_copy(session, closed=True, ended_at=now))


def _as_ended(session: Session) -> Session:
    """``session`` with the step on screen marked covered, as ending marks it (a copy)."""
    ended = _copy(session)
    if 0 <= ended.current_step < len(ended.steps):
        ended.steps[ended.current_step].covered = True
    return ended


def steps_covered(session: Session) -> int:
    """How many steps of the script are covered: left for another step, or the one the
    session ended on. The history counts this way, and so does the summary, on the session
    as closing it will record it."""
    return sum(step.covered for step in session.steps)


def add_addendum(session: Session, text: str, now: pendulum.DateTime) -> Session:
    """A dated note appended to a closed session (the only change a closed session takes)."""
    if not session.closed:
        raise SessionNotClosed()
    cleaned = text.strip()
    if not cleaned:
        raise SessionError("text", "The addendum cannot be empty.")
    return _copy(session, addenda=[*(replace(a) for a in session.addenda), Addendum(now, cleaned)])


@dataclass(frozen=True)
class SessionSummary:
    """What a one-on-one came to: its commitments made, done, dropped and carried, and its
    invocations."""

    session_id: str
    kind: SessionKind
    started_at: pendulum.DateTime
    ended_at: pendulum.DateTime | None
    duration_minutes: int
    steps_covered: int
    steps_total: int
    numbers: tuple[NumberEntry, ...]
    made: tuple[Commitment, ...]  # made in this session, as they stand
    done: tuple[Commitment, ...]  # marked done in it
    dropped: tuple[Commitment, ...]  # dropped in it
    carried: tuple[Commitment, ...]  # not done: carried to a new date in it
    invocations: tuple[Invocation, ...]  # made in this session, withdrawn ones included

    @property
    def commitments_made(self) -> int:
        """How many commitments were made."""
        return len(self.made)

    @property
    def commitments_done(self) -> int:
        """How many commitments were done."""
        return len(self.done)

    @property
    def commitments_dropped(self) -> int:
        """How many commitments were dropped."""
        return len(self.dropped)

    @property
    def commitments_carried(self) -> int:
        """How many commitments were carried over."""
        return len(self.carried)

    @property
    def commitments_closed(self) -> int:
        """How many commitments were closed (done or dropped)."""
        return self.commitments_done + self.commitments_dropped

    @property
    def invocations_in_force(self) -> int:
        """How many invocations are still in force (not withdrawn)."""
        return sum(not i.is_withdrawn for i in self.invocations)

    def lines(self, rep_name: str = "The rep") -> list[str]:
        """The summary as plain text, one fact a line, then each commitment made, done,
        dropped and carried, to read back to the rep (``rep_name`` says whose)."""
        out = [
            f"Duration: {self.duration_minutes} min",
            f"Steps covered: {self.steps_covered} of {self.steps_total}",
            f"Commitments: {self.commitments_made} made, {self.commitments_done} done, "
            f"{self.commitments_dropped} dropped, {self.commitments_carried} carried",
        ]
        first = rep_name.split()[0] if rep_name.strip() else "The rep"

        def listed(
            title: str, found: Sequence[Commitment], facts: Callable[[Commitment], str]
        ) -> None:
            if found:
                out.append(f"{title}:")
                for c in found:
                    who = "You" if c.owner is Owner.MANAGER else first
                    out.append(f"  • {who}: {c.text}{facts(c)}")

        listed("Made", self.made, lambda c: f" (by {c.due})" if c.due else " (no date)")
        listed("Done", self.done, lambda c: "")
        listed(
            "Dropped", self.dropped, lambda c: f" (why: {c.drop_reason})" if c.drop_reason else ""
        )
        listed("Carried", self.carried, _carried_facts)
        out += [f"Number: {number_text(n)}" for n in self.numbers]
        for i in self.invocations:
            state = " (withdrawn)" if i.is_withdrawn else ""
            out.append(
                f"Invoked step {i.step_index + 1} of v{i.agreement_version}: {i.step_text}{state}"
            )
        return out


def _count(text: str) -> int:
    """A carried count as stored in a change ("2"); 0 when it is not a number."""
    return int(text) if text.strip().isdigit() else 0


def _carried_facts(c: Commitment) -> str:
    due = f"now by {c.due}, " if c.due else ""
    return f" ({due}carried ×{c.carried})"


def summarize(
    session: Session,
    commitments: Iterable[Commitment],
    invocations: Iterable[Invocation],
    now: pendulum.DateTime | None = None,
    *,
    before: Mapping[str, Commitment] | None = None,
) -> SessionSummary:
    """What the session came to. ``commitments`` are the rep's as they stand now (those made
    in it, those open when it began, those closed in it). Made: the session's own. Done,
    dropped, carried: by the commitment's record of changes, the last state change (or a net
    carry) made in this session and still standing, in any sitting of it (resumed too).
    ``before`` (by id, as they were when the screen opened) stands in for a commitment with
    no record of changes (older data). ``invocations`` may be the rep's all (only this
    session's are kept). The duration runs to ``ended_at``, or to ``now`` for a session not
    ended yet."""
    end = session.ended_at or now or session.started_at
    seconds = (end - session.started_at).total_seconds()
    earlier = dict(before or {})
    made: list[Commitment] = []
    done: list[Commitment] = []
    dropped: list[Commitment] = []
    carried: list[Commitment] = []
    for c in sorted(commitments, key=lambda c: c.created_at):
        was = earlier.get(c.id)
        if c.session_id is not None and c.session_id == session.id:
            made.append(c)
        states = [ch for ch in c.changes if ch.what == CHANGE_STATE]
        carries = [ch for ch in c.changes if ch.what == CHANGE_CARRIED]
        if states:
            closed_here = states[-1].session_id == session.id
        else:  # no record of changes: against how it was when the screen opened
            closed_here = c in made or (was is not None and was.state is CommitmentState.OPEN)
        if c.state is CommitmentState.DONE and closed_here:
            done.append(c)
        elif c.state is CommitmentState.DROPPED and closed_here:
            dropped.append(c)
        elif c.state is CommitmentState.OPEN:
            if carries:
                net = sum(
                    _count(ch.after) - _count(ch.before)
                    for ch in carries
                    if ch.session_id == session.id
                )
                if net > 0:
                    carried.append(c)
            elif was is not None and c.carried > was.carried:
                carried.append(c)
    return SessionSummary(
        session_id=session.id,
        kind=session.kind,
        started_at=session.started_at,
        ended_at=session.ended_at,
        duration_minutes=max(0, round(seconds / 60)),
        steps_covered=steps_covered(session if session.closed else _as_ended(session)),
        steps_total=len(session.steps),
        numbers=tuple(replace(n) for n in session.numbers),
        made=tuple(made),
        done=tuple(done),
        dropped=tuple(dropped),
        carried=tuple(carried),
        invocations=tuple(
            sorted(
                (i for i in invocations if i.session_id == session.id),
                key=lambda i: i.invoked_at,
            )
        ),
    )


@dataclass(frozen=True)
class Reviewed:
    """An earlier commitment as one one-on-one left it: ``outcome`` is ``done``, ``dropped``
    or ``carried``; ``due`` the date it was carried to, ``note`` a drop's reason."""

    commitment: Commitment
    outcome: str
    due: str = ""
    note: str = ""


def reviewed_in(commitments: Iterable[Commitment]) -> dict[str, list[Reviewed]]:
    """By session id: the commitments made earlier (in another session or outside one) that
    the session marked done, dropped or carried, read from each commitment's record of changes
    (the last state change made in the session and not undone in it, else a net carry). In
    the order they were made."""
    found: dict[str, list[Reviewed]] = {}
    for c in sorted(commitments, key=lambda c: c.created_at):
        by_session: dict[str, list[CommitmentChange]] = {}
        for ch in c.changes:
            if ch.session_id is not None and ch.session_id != c.session_id:
                by_session.setdefault(ch.session_id, []).append(ch)
        for session_id, changes in by_session.items():
            states = [ch for ch in changes if ch.what == CHANGE_STATE]
            last = states[-1] if states else None
            if last is not None and last.after in (DONE, DROPPED):
                note = last.note if last.after == DROPPED else ""
                found.setdefault(session_id, []).append(Reviewed(c, last.after, note=note))
                continue
            net = sum(
                _count(ch.after) - _count(ch.before) for ch in changes if ch.what == CHANGE_CARRIED
            )
            if net > 0:
                dues = [ch.after for ch in changes if ch.what == CHANGE_DUE]
                found.setdefault(session_id, []).append(
                    Reviewed(c, "carried", due=dues[-1] if dues else "")
                )
    return found


DONE = CommitmentState.DONE.value
DROPPED = CommitmentState.DROPPED.value


def interrupted(sessions: Iterable[Session], started_here: Container[str] = ()) -> list[Session]:
    """Sessions never ended (the app was closed or crashed), newest first: offer them back.
    Not those ``started_here`` (by this run of the app): they are open on the screen, not left
    behind."""
    return sorted(
        (s for s in sessions if not s.closed and s.id not in started_here),
        key=lambda s: s.started_at,
        reverse=True,
    )


def history(sessions: Iterable[Session], rep_id: str) -> list[Session]:
    """A rep's sessions, newest first."""
    return sorted(
        (s for s in sessions if s.rep_id == rep_id), key=lambda s: s.started_at, reverse=True
    )


__all__ = [
    "CLOSED_MESSAGE",
    "MAX_TEXT",
    "MIRROR_QUESTIONS",
    "OUTLIER_FACTOR",
    "SELF_CHECK_QUESTIONS",
    "Reviewed",
    "SessionClosed",
    "SessionError",
    "SessionNotClosed",
    "SessionSummary",
    "actual_text",
    "add_addendum",
    "attainment",
    "attainment_history",
    "attainment_percent",
    "carry",
    "change_text",
    "commitment_text",
    "default_kind",
    "drop",
    "edit_commitment",
    "end_session",
    "evidence_candidates",
    "go_to_step",
    "history",
    "interrupted",
    "invoke",
    "invoked_steps",
    "is_last_step",
    "is_missed",
    "is_outlier",
    "manager_slips",
    "mark_done",
    "mirror_answers",
    "mirror_concerns",
    "missing_self_checks",
    "new_commitment",
    "new_outliers",
    "next_step",
    "number_text",
    "open_for",
    "parse_stored_day",
    "reopen",
    "reviewed_in",
    "self_check_gaps",
    "set_notes",
    "set_number",
    "set_private_notes",
    "set_step_notes",
    "start_session",
    "steps_covered",
    "summarize",
    "toggle_covered",
    "undo",
    "undoable",
    "withdraw",
]

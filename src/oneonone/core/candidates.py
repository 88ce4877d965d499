"""Candidates (habit 10 of DOMAIN.md: accountability starts at the interview).

A candidate is a person interviewing for the team: never in the roster nor the agenda. Each
interview records the expectations discussed (quota lines with their numbers, activity,
conduct, what would cost the job) and the behavioural questions asked, with the answers.
Hiring makes the candidate a rep whose first agreement draft starts from what was said at
interview; a candidate not hired is kept, marked, with the date and the reason.

Text is typed in forms: one expectation a line, a quota line as ``New ARR: 120,000 USD per
quarter``, the behavioural questions as ``Q: ...`` / ``A: ...`` lines. Every bad input is a
``CandidateError`` naming the field, one sentence.
"""

from __future__ import annotations

import datetime as _dt
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from typing import Any

import pendulum

from oneonone.core.agreements import (
    AgreementError,
    format_number,
    parse_number,
    start_agreement,
)
from oneonone.core.dates import DateInputError, parse_user_date
from oneonone.core.errors import FieldError
from oneonone.core.model import (
    Agreement,
    AgreementTemplate,
    Candidate,
    CandidateState,
    Interview,
    InterviewQuestion,
    Period,
    QuotaLine,
    Rep,
    new_id,
    utc_now,
)
from oneonone.core.roster import (
    MAX_NAME,
    MAX_ROLE,
    RepDraft,
    build_rep,
    check_text,
    suggested_status,
)

MAX_LINE = 2000  # one expectation, question or answer (as an agreement line)
MAX_LINES = 50  # lines in one box of the interview form
MAX_NOTES = 20_000
MAX_REASON = 500
QUOTA_EXAMPLE = "New ARR: 120,000 USD per quarter"


class CandidateError(FieldError):
    """A candidate or an interview cannot be saved as entered; ``field`` names the form field."""


def _text(field: str, label: str, text: str, limit: int, *, required: bool = False) -> str:
    """``text`` stripped, checked as ``roster.check_text`` does, as a ``CandidateError``."""
    try:
        return check_text(field, label, text, limit, required=required)
    except FieldError as exc:
        raise CandidateError(exc.field, str(exc)) from None


# --- the candidate ------------------------------------------------------------------------------


def build_candidate(
    name: str,
    role: str,
    *,
    others: Iterable[Candidate],
    existing: Candidate | None = None,
) -> Candidate:
    """The new or edited candidate (not yet saved). Refuses an empty or over-long name,
    control characters, and the name of another candidate still interviewing."""
    name = _text("name", "Name", name, MAX_NAME, required=True)
    role = _text("role", "Role", role, MAX_ROLE)
    for other in others:
        same = existing is not None and other.id == existing.id
        if (
            not same
            and other.state is CandidateState.INTERVIEWING
            and other.name.casefold() == name.casefold()
        ):
            raise CandidateError(
                "name", f"There is already a candidate named {other.name!r} interviewing."
            )
    if existing is None:
        return Candidate(name=name, role=role)
    return replace(existing, name=name, role=role, updated_at=utc_now())


# --- an interview as typed ---------------------------------------------------------------------


@dataclass(frozen=True)
class InterviewDraft:
    """What the interview form holds, as typed: each box's text."""

    held_on: str
    interviewers: str = ""
    quota: str = ""
    activity: str = ""
    conduct: str = ""
    job_loss: str = ""
    questions: str = ""
    notes: str = ""


_QUOTA = re.compile(
    r"(?P<label>.+?)\s*(?::|—|–|\s-\s)\s*(?P<number>[+-]?[\d.,]+)\s*(?P<unit>.*?)\s+per\s+"
    r"(?P<period>[^\W\d_]+)\.?",
    re.IGNORECASE,
)
_PERIODS = {p.value: p for p in Period}


def parse_quota_line(text: str, line: int = 1) -> QuotaLine:
    """A quota line as typed: ``New ARR: 120,000 USD per quarter`` (a dash instead of the
    colon too); refused, with what to write, when it does not read."""
    raw = text.strip()
    m = _QUOTA.fullmatch(raw)
    if m is None:
        raise CandidateError(
            "quota",
            f"Quota line {line} ({raw[:40]!r}) does not read: write it like {QUOTA_EXAMPLE!r}.",
        )
    period = _PERIODS.get(m.group("period").lower())
    if period is None:
        choices = ", ".join(_PERIODS)
        raise CandidateError(
            "quota", f"Quota line {line}: {m.group('period')!r} is not a period ({choices})."
        )
    try:
        number = parse_number(m.group("number"), "quota")
    except AgreementError as exc:
        raise CandidateError("quota", f"Quota line {line}: {exc}") from None
    unit = m.group("unit").strip()
    if not unit:
        raise CandidateError(
            "quota", f"Quota line {line} needs a unit (USD, calls, demos): {QUOTA_EXAMPLE!r}."
        )
    label = m.group("label").strip()
    for part, what in ((label, "name"), (unit, "unit")):
        if len(part) > MAX_LINE:
            raise CandidateError("quota", f"Quota line {line}: its {what} is too long.")
    return QuotaLine(label=label, number=number, unit=unit, period=period)


def quota_line_text(q: QuotaLine) -> str:
    """A quota line as the form shows it (and reads back): ``New ARR: 120,000 USD per quarter``."""
    return f"{q.label}: {format_number(q.number)} {q.unit} per {q.period.value}"


def _lines(field: str, label: str, text: str) -> list[str]:
    """The non-blank lines of a box, stripped, each checked."""
    # split where the form's box breaks lines (LF, CR, CRLF) only: a U+2028 pasted inside a
    # line stays in it, as the notes of a one-on-one keep it
    typed = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    found = [line.strip() for line in typed if line.strip()]
    if len(found) > MAX_LINES:
        raise CandidateError(field, f"{label}: {len(found)} lines, at most {MAX_LINES}.")
    for i, line in enumerate(found, 1):
        _text(field, f"{label} line {i}", line, MAX_LINE)
    return found


_Q = re.compile(r"q\s*[:.)]\s*", re.IGNORECASE)
_A = re.compile(r"a\s*[:.)]\s*", re.IGNORECASE)


def parse_questions(text: str) -> list[InterviewQuestion]:
    """The behavioural questions as typed: ``Q: ...`` starts a question, ``A: ...`` gives its
    answer; a line without either continues the line before (a line before any ``Q:`` is a
    question)."""
    found: list[InterviewQuestion] = []
    answering = False
    for i, line in enumerate(_lines("questions", "Questions", text), 1):
        if m := _Q.match(line):
            found.append(InterviewQuestion(line[m.end() :].strip()))
            answering = False
        elif m := _A.match(line):
            if not found:
                raise CandidateError(
                    "questions",
                    f"Line {i} is an answer with no question before it: start "
                    "with 'Q: the question', then 'A: the answer'.",
                )
            last = found[-1]
            said = line[m.end() :].strip()
            last.answer = f"{last.answer} {said}".strip()
            answering = True
        elif found and answering:
            found[-1].answer = f"{found[-1].answer} {line}".strip()
        elif found and not found[-1].answer:
            found[-1].question = f"{found[-1].question} {line}".strip()
        else:
            found.append(InterviewQuestion(line))
            answering = False
    for n, q in enumerate(found, 1):
        if not q.question:
            raise CandidateError("questions", f"Question {n} is empty: write it after 'Q:'.")
        for part in (q.question, q.answer):
            if len(part) > MAX_LINE:
                raise CandidateError("questions", f"Question {n} is too long.")
    return found


def questions_text(questions: Sequence[InterviewQuestion]) -> str:
    """The questions as the form shows them (and reads back)."""
    return "\n".join(
        f"Q: {q.question}" + (f"\nA: {q.answer}" if q.answer else "") for q in questions
    )


def build_interview(draft: InterviewDraft, *, today: pendulum.Date) -> Interview:
    """The interview as typed, checked: a date (typed as elsewhere in the app, not after
    today: an interview is recorded once held), who held it, the expectations discussed and
    the questions asked."""
    try:
        held = parse_user_date(draft.held_on, today)
    except DateInputError as exc:
        raise CandidateError("held_on", f"Date: {exc}") from None
    if held > today:
        raise CandidateError(
            "held_on", f"{held.isoformat()} is after today: record an interview once it is held."
        )
    quota = [
        parse_quota_line(line, i) for i, line in enumerate(_lines("quota", "Quota", draft.quota), 1)
    ]
    notes = draft.notes.strip()
    if len(notes) > MAX_NOTES:
        raise CandidateError("notes", f"Notes are too long ({len(notes):,} characters).")
    return Interview(
        held_on=held,
        interviewers=_text("interviewers", "Who", draft.interviewers, MAX_NAME),
        quota_lines=quota,
        activity=_lines("activity", "Activity", draft.activity),
        conduct=_lines("conduct", "Conduct", draft.conduct),
        job_loss=_text("job_loss", "What would cost the job", draft.job_loss, MAX_LINE),
        questions=parse_questions(draft.questions),
        notes=notes,
    )


def _decided(candidate: Candidate) -> str:
    when = f" on {candidate.decided_on.isoformat()}" if candidate.decided_on else ""
    return f"{candidate.name} was {candidate.state.value}{when}"


def add_interview(candidate: Candidate, interview: Interview) -> Candidate:
    """The candidate with ``interview`` added (interviews kept in date order); refused once
    they are hired or not hired."""
    if candidate.state is not CandidateState.INTERVIEWING:
        raise CandidateError("held_on", f"{_decided(candidate)}: no more interviews.")
    interviews = sorted([*candidate.interviews, interview], key=lambda i: i.held_on)
    return replace(candidate, interviews=interviews, updated_at=utc_now())


def replace_interview(candidate: Candidate, interview: Interview) -> Candidate:
    """The candidate with the interview of the same id replaced by ``interview`` (a typo put
    right, an answer completed), interviews kept in date order. A hire already made keeps the
    draft it made: the agreement is edited on its own."""
    if not any(i.id == interview.id for i in candidate.interviews):
        raise CandidateError("held_on", f"{candidate.name} has no such interview.")
    kept = [interview if i.id == interview.id else i for i in candidate.interviews]
    return replace(
        candidate, interviews=sorted(kept, key=lambda i: i.held_on), updated_at=utc_now()
    )


def interview_values(interview: Interview) -> dict[str, str]:
    """An interview as the form shows it, box by box (``build_interview`` reads it back)."""
    return {
        "held_on": interview.held_on.isoformat(),
        "interviewers": interview.interviewers,
        "quota": "\n".join(quota_line_text(q) for q in interview.quota_lines),
        "activity": "\n".join(interview.activity),
        "conduct": "\n".join(interview.conduct),
        "job_loss": interview.job_loss,
        "questions": questions_text(interview.questions),
        "notes": interview.notes,
    }


# --- deciding -------------------------------------------------------------------------------------


def mark_not_hired(
    candidate: Candidate, on: pendulum.Date, reason: str, *, today: pendulum.Date | None = None
) -> Candidate:
    """The candidate marked not hired ``on`` that day, with the reason (required): kept on
    record, never in the roster nor the agenda. The day is neither after ``today`` (if given)
    nor before their last interview."""
    if candidate.state is not CandidateState.INTERVIEWING:
        raise CandidateError("reason", f"{_decided(candidate)}.")
    if today is not None and on > today:
        raise CandidateError("decided_on", f"{on.isoformat()} is after today.")
    last = max((i.held_on for i in candidate.interviews), default=None)
    if last is not None and on < last:
        raise CandidateError(
            "decided_on", f"{on.isoformat()} is before their last interview ({last.isoformat()})."
        )
    why = _text("reason", "Reason", reason, MAX_REASON, required=True)
    return replace(
        candidate,
        state=CandidateState.NOT_HIRED,
        decided_on=on,
        reason=why,
        updated_at=utc_now(),
    )


@dataclass(frozen=True)
class Hired:
    """What hiring a candidate makes: the candidate marked hired (with the rep's id), the new
    rep, and the rep's first agreement draft filled from the interviews."""

    candidate: Candidate
    rep: Rep
    draft: Agreement

    @property
    def records(self) -> list[Any]:
        """Everything to save, in one write."""
        return [self.rep, self.draft, self.candidate]


def hire(
    candidate: Candidate,
    start: str,
    *,
    today: pendulum.Date,
    team: Iterable[Rep],
    template: AgreementTemplate,
    manager_name: str,
) -> Hired:
    """Hire ``candidate``: a rep starting ``start`` (typed as elsewhere; onboarding or active
    from the date, as a new rep), whose first agreement draft starts from the team template
    with what was said at interview (``draft_from_interviews``). Refused for a candidate
    already decided, a start date that does not read, or the name of a current rep."""
    if candidate.state is not CandidateState.INTERVIEWING:
        raise CandidateError("start_date", f"{_decided(candidate)}.")
    team = list(team)
    try:
        rep = build_rep(RepDraft(candidate.name, candidate.role, start), today=today, team=team)
    except FieldError as exc:
        raise CandidateError(
            "start_date" if exc.field == "start_date" else "name", str(exc)
        ) from None
    rep = replace(rep, status=suggested_status(rep.start_date, today))
    draft = draft_from_interviews(
        start_agreement(rep, [], template, manager_name), candidate.interviews
    )
    hired = replace(
        candidate,
        state=CandidateState.HIRED,
        decided_on=today,
        rep_id=rep.id,
        updated_at=utc_now(),
    )
    return Hired(hired, rep, draft)


def _merged(first: Sequence[str], then: Sequence[str]) -> list[str]:
    seen: set[str] = set()
    out = []
    for line in [*first, *then]:
        key = " ".join(line.split()).casefold()
        if key not in seen:
            seen.add(key)
            out.append(line)
    return out


def draft_from_interviews(draft: Agreement, interviews: Sequence[Interview]) -> Agreement:
    """``draft`` (the team template's v1) with what was said at interview: the quota lines
    discussed (a later interview's line replacing an earlier one of the same name, the
    template's lines of other names kept after them), the activity and conduct lines first,
    then the template's not said already, and what would cost the job (the latest said, else
    the template's). The rep's own parts (requests, hours, consequence steps) stay empty:
    they are the rep's to say in the expectations conversation."""
    quota: dict[str, QuotaLine] = {}
    activity: list[str] = []
    conduct: list[str] = []
    job_loss = ""
    for interview in sorted(interviews, key=lambda i: i.held_on):
        for q in interview.quota_lines:
            quota[q.label.casefold()] = replace(q, id=new_id())
        activity = _merged(activity, interview.activity)
        conduct = _merged(conduct, interview.conduct)
        job_loss = interview.job_loss or job_loss
    kept = [q for q in draft.quota_lines if q.label.casefold() not in quota]
    return replace(
        draft,
        quota_lines=[*quota.values(), *kept],
        activity=_merged(activity, draft.activity),
        conduct=_merged(conduct, draft.conduct),
        job_loss=job_loss or draft.job_loss,
    )


# --- the list -------------------------------------------------------------------------------------

_ORDER = {CandidateState.INTERVIEWING: 0, CandidateState.HIRED: 1, CandidateState.NOT_HIRED: 2}


def ordered(candidates: Iterable[Candidate]) -> list[Candidate]:
    """Interviewing first, then hired, then not hired; by name within each."""
    return sorted(candidates, key=lambda c: (_ORDER[c.state], c.name.casefold(), c.id))


def status_text(candidate: Candidate) -> str:
    """ "interviewing", "hired 2026-11-20", "not hired 2026-11-20"."""
    if candidate.decided_on is None or candidate.state is CandidateState.INTERVIEWING:
        return candidate.state.value
    return f"{candidate.state.value} {candidate.decided_on.isoformat()}"


def interview_dates(candidate: Candidate) -> str:
    """The interview dates, oldest first: "2026-11-12, 2026-11-20" ("none yet")."""
    return ", ".join(i.held_on.isoformat() for i in candidate.interviews) or "none yet"


def find_candidate(candidates: Sequence[Candidate], query: str) -> Candidate:
    """The one candidate ``query`` names: the whole name (any case), else the start of a
    first or last name. Raises ``CandidateError`` (field "name") naming the choices."""
    wanted = " ".join(query.split()).casefold()
    if not wanted:
        raise CandidateError("name", "Give a candidate's name.")

    def whole(c: Candidate) -> bool:
        return c.name.casefold() == wanted

    def start(c: Candidate) -> bool:
        name = c.name.casefold()
        return name.startswith(wanted) or any(w.startswith(wanted) for w in name.split())

    for matches in (whole, start):
        found = [c for c in candidates if matches(c)]
        if len(found) == 1:
            return found[0]
        if len(found) > 1:
            names = ", ".join(sorted(c.name for c in found))
            raise CandidateError("name", f"{query.strip()!r} names several candidates: {names}.")
    if not candidates:
        raise CandidateError("name", "There are no candidates yet.")
    names = ", ".join(c.name for c in ordered(candidates))
    raise CandidateError("name", f"No candidate named {query.strip()!r}. Candidates: {names}.")


# --- search: the text of a stored candidate -------------------------------------------------------


def _str(value: Any) -> str:
    return value if isinstance(value, str) else ""


def _list(value: Any) -> list[Any]:
    return value if isinstance(value, list) else []


def search_texts(doc: Mapping[str, Any]) -> tuple[_dt.date | None, list[tuple[str, str]]]:
    """A stored candidate's searchable text (read undecoded, as ``core.search`` reads every
    record, a damaged field read as empty): (the latest interview's date, [(where, text)]),
    where "Ann Lee · interview 2026-11-20 · Quota"."""
    name = " ".join(_str(doc.get("name")).split()) or "Candidate"
    texts: list[tuple[str, str]] = [
        (f"{name} · candidate", _str(doc.get("name"))),
        (f"{name} · not hired: reason", _str(doc.get("reason"))),
    ]
    latest: _dt.date | None = None
    for interview in _list(doc.get("interviews")):
        if not isinstance(interview, dict):
            continue
        held = _str(interview.get("held_on"))
        try:
            day = _dt.date.fromisoformat(held)
            latest = day if latest is None or day > latest else latest
        except ValueError:
            pass
        where = f"{name} · interview {held}".strip()
        for q in _list(interview.get("quota_lines")):
            if isinstance(q, dict):
                texts.append((f"{where} · Quota", _str(q.get("label"))))
        texts += [(f"{where} · Activity", _str(t)) for t in _list(interview.get("activity"))]
        texts += [(f"{where} · Conduct", _str(t)) for t in _list(interview.get("conduct"))]
        texts.append((f"{where} · What would cost the job", _str(interview.get("job_loss"))))
        for q in _list(interview.get("questions")):
            if isinstance(q, dict):
                texts.append((f"{where} · Question", _str(q.get("question"))))
                texts.append((f"{where} · Answer", _str(q.get("answer"))))
        texts.append((f"{where} · Notes", _str(interview.get("notes"))))
    return latest, texts

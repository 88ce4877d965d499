"""Session logs as Markdown: one document per rep, or one for the whole team.

A rep's document is YAML front matter (rep, role, manager, date range, sessions, the agreement
version in force at the latest session, whether private notes are in, when it was generated,
and ``tags``/``aliases`` for notes apps such as Obsidian),
then ``# One-on-ones: <rep>``, then one ``## <date> · <kind>`` section per session, **oldest
first** (a log reads like a diary; the front matter says the range). Dates and times are the
manager's (``TeamSettings.timezone``). In each session, in this order:

- the script's steps, ``### <step title>``, each with its notes;
- ``### Notes`` (the free notes), and ``### Private notes`` only when asked for;
- ``### Numbers``: a table against quota (quota line, actual, target, unit, period,
  attainment);
- ``### Earlier commitments reviewed``: those made before that the session marked done,
  dropped or carried (``- Sam: call Acme (carried to 2026-12-04)``);
- ``### Commitments`` made in that session, with owner and due date, in their state as of
  today: open ones as to-do boxes (``- [ ] Sam: call Acme (due 2026-12-04)``), done ones
  checked (``- [x] You: ...``), dropped ones as plain items (not a task left to do);
- ``### Invocations`` made in it: the rep's own words quoted (``> "..."``), then which step of
  which version, the reason, the evidence, the manager's self-check, and a withdrawal if
  there was one;
- ``### Addenda``, each dated.

Commitments and invocations recorded outside any session (``session_id`` None) close the
document in a ``## Outside sessions`` section, when they fall in the range (and unless
``outside_sessions=False``, for exporting one chosen session).

Escaping. Everything a user typed goes through ``escape.inline``/``escape.cell``, so it never
changes the structure and reads back exactly. Notes are the manager's own text, typed in the
app as plain lines; they are written as paragraphs, not as Markdown and not fenced (a fenced
block does not wrap on GitHub, and notes are long lines), except that lines typed as bullets
(``- item``, ``* item``, ``+ item``) stay a list (``- item``): the text is split into lines
(``str.splitlines``: LF, CR, CRLF and the other Unicode breaks), blank lines (nothing but
whitespace) separate paragraphs, and each line is ``escape.inline``-d and ends with a hard
line break (a trailing backslash, CommonMark §6.7) except the last of its paragraph. Parsed
back, each paragraph's text is exactly its lines (``escape.folded``, which only turns NUL and
lone surrogates into U+FFFD) joined with line breaks; what is not kept is how many blank lines
stood between paragraphs, and blank lines at either end.

YAML values a user typed are written as JSON-style double-quoted strings, which YAML reads
the same way; characters YAML does not allow raw in a quoted scalar (C1 controls, DEL, the
U+0085/U+2028/U+2029 breaks, a BOM) are ``\\u`` escapes. Dates and numbers are bare.

Building is pure string work: the records are grouped by rep and by session once
(``SessionsExport``), so exporting a whole team is linear in its size.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

import pendulum

from oneonone.core.agreements import format_number
from oneonone.core.dates import today_in
from oneonone.core.export.agreement import intro_line
from oneonone.core.export.escape import cell, inline
from oneonone.core.export.frontmatter import TAG, front_matter, yaml_string
from oneonone.core.model import (
    Agreement,
    Commitment,
    CommitmentState,
    Invocation,
    NumberEntry,
    Owner,
    PointState,
    Rep,
    Session,
    TalkingPoint,
    TeamSettings,
)
from oneonone.core.scripts import DEFAULT_TITLES
from oneonone.core.sessions import (
    Reviewed,
    attainment,
    change_text,
    mirror_answers,
    reviewed_in,
    self_check_gaps,
)

NO_NAME = "*(no name set)*"
NO_NOTES = "*(no notes)*"
NOT_COVERED = "*(not covered)*"
NO_SESSIONS = "*(no sessions in this period)*"
UNTITLED = "*(untitled step)*"
NO_TEXT = "*(no text)*"
OUTSIDE = "Outside sessions"
NUMBERS_HEADER = ("Quota line", "Actual", "Target", "Unit", "Period", "Attainment")
NUMBERS_ALIGN = ("---", "---:", "---:", "---", "---", "---:")
MANAGER_OWNER = "You"
HARD_BREAK = "\\\n"

Progress = Callable[[int, int], None]

# --- text helpers ---------------------------------------------------------------------------

#: A line the manager typed as a bullet: ``-``, ``*`` or ``+``, a space, then the item.
BULLET = re.compile(r"[ \t]*[-*+][ \t]+(?=\S)")


def paragraphs(
    text: str, lead: str = "", *, lines: Callable[[str], list[str]] = str.splitlines
) -> list[str]:
    """Notes as Markdown blocks (see the module docstring): paragraphs of hard-broken lines,
    and a list for each run of lines typed as bullets (``- item``). ``lead`` (Markdown) starts
    the first paragraph, or stands alone before a list. Blank text gives ``[lead]`` when there
    is a lead, else nothing. ``lines`` splits the text into lines (the history screen's page
    splits at LF, CR and CRLF only)."""
    out: list[str] = []
    kept: list[str] = []
    items: list[str] = []

    def close_paragraph() -> None:
        if kept:
            out.append(HARD_BREAK.join(kept))
            kept.clear()

    def close_list() -> None:
        if items:
            out.append("\n".join(items))
            items.clear()

    for line in lines(text):
        bullet = BULLET.match(line)
        if bullet:
            close_paragraph()
            items.append("- " + inline(line[bullet.end() :]))
        elif line.strip():
            close_list()
            kept.append(inline(line))
        else:
            close_paragraph()
            close_list()
    close_paragraph()
    close_list()
    if lead:
        if out and not out[0].startswith("- "):
            out[0] = lead + out[0]
        else:
            out.insert(0, lead.rstrip())
    return out


def percent_text(entry: NumberEntry) -> str:
    """Attainment as a whole percent (below target never reads 100%); "—" without a target."""
    ratio = attainment(entry)
    if ratio is None or not math.isfinite(ratio * 100):
        return "—"
    percent = round(ratio * 100)
    if ratio < 1 and percent >= 100:
        percent = 99
    return f"{percent}%"


def _number(value: float) -> str:
    try:
        return format_number(float(value))
    except (TypeError, ValueError, OverflowError):  # a damaged file
        return str(value)


def _row(cells: Sequence[str]) -> str:
    return "| " + " | ".join(cells) + " |"


def _first_name(name: str) -> str:
    words = name.split()
    return words[0] if words else "Rep"


def _clock(moment: pendulum.DateTime) -> str:
    return f"{moment.hour:02d}:{moment.minute:02d}"


def _heading(level: int, text: str) -> str:
    return "#" * level + " " + text


# --- the export -----------------------------------------------------------------------------


@dataclass(frozen=True)
class RepSummary:
    """What the front matter and the intro say about one rep's export."""

    sessions: int
    first: pendulum.Date | None
    last: pendulum.Date | None
    agreement_version: int | None


class SessionsExport:
    """Everything needed to write session logs, grouped once: sessions by rep (in the range,
    oldest first), commitments and invocations by session, and those outside any session by
    rep. Build it once and ask for as many reps as needed.

    ``since``/``until`` are inclusive dates in the manager's timezone; ``today`` (default:
    today there) is the generated date and the day commitment states are read against.
    ``outside_sessions``: also write the commitments and invocations recorded outside any
    session (``session_id`` None) that fall in the range; leave it off to export chosen
    sessions only (one session, from the session screen)."""

    def __init__(
        self,
        *,
        sessions: Iterable[Session],
        agreements: Iterable[Agreement],
        commitments: Iterable[Commitment],
        invocations: Iterable[Invocation],
        settings: TeamSettings,
        include_private: bool = False,
        since: pendulum.Date | None = None,
        until: pendulum.Date | None = None,
        today: pendulum.Date | None = None,
        outside_sessions: bool = True,
        talking_points: Iterable[TalkingPoint] = (),
    ) -> None:
        self.settings = settings
        self.include_private = include_private
        self.since = since
        self.until = until
        try:
            self.tz = pendulum.timezone(settings.timezone)
        except Exception:  # an unknown name in a damaged file: UTC rather than no export
            self.tz = pendulum.timezone("UTC")
        self.today = today if today is not None else today_in(self.tz.name)

        by_rep: dict[str, list[tuple[pendulum.DateTime, Session]]] = {}
        for s in sessions:
            local = s.started_at.astimezone(self.tz)
            if self._in_range(local.date()):
                by_rep.setdefault(s.rep_id, []).append((local, s))
        self._sessions: dict[str, list[tuple[pendulum.DateTime, Session]]] = {}
        for rep_id, found in by_rep.items():
            found.sort(key=lambda pair: pair[1].started_at)
            self._sessions[rep_id] = found
        self._session_ids = {s.id for found in by_rep.values() for _, s in found}

        commitments = list(commitments)
        self._reviewed = reviewed_in(commitments)
        self._commitments: dict[str, list[Commitment]] = {}
        self._loose_commitments: dict[str, list[Commitment]] = {}
        for c in commitments:
            if c.session_id is not None:
                if c.session_id in self._session_ids:
                    self._commitments.setdefault(c.session_id, []).append(c)
            elif outside_sessions and self._in_range(c.created_at.astimezone(self.tz).date()):
                self._loose_commitments.setdefault(c.rep_id, []).append(c)
        for group in (*self._commitments.values(), *self._loose_commitments.values()):
            group.sort(key=lambda c: (c.created_at, c.owner is Owner.MANAGER))

        self._invocations: dict[str, list[Invocation]] = {}
        self._loose_invocations: dict[str, list[Invocation]] = {}
        for i in invocations:
            if i.session_id is not None:
                if i.session_id in self._session_ids:
                    self._invocations.setdefault(i.session_id, []).append(i)
            elif outside_sessions and self._in_range(i.invoked_at.astimezone(self.tz).date()):
                self._loose_invocations.setdefault(i.rep_id, []).append(i)
        for inv_group in (*self._invocations.values(), *self._loose_invocations.values()):
            inv_group.sort(key=lambda i: i.invoked_at)

        #: the talking points discussed or carried in each session (issue 18)
        self._points: dict[str, list[TalkingPoint]] = {}
        for p in talking_points:
            if p.session_id in self._session_ids and (self.include_private or not p.private):
                self._points.setdefault(p.session_id, []).append(p)

        self._agreed: dict[str, list[Agreement]] = {}
        for a in agreements:
            if a.is_agreed:
                self._agreed.setdefault(a.rep_id, []).append(a)
        for versions in self._agreed.values():
            versions.sort(key=lambda a: a.version)

    # -- what is in it -------------------------------------------------------------------------

    def _in_range(self, day: pendulum.Date) -> bool:
        return (self.since is None or day >= self.since) and (
            self.until is None or day <= self.until
        )

    def sessions_of(self, rep_id: str) -> list[Session]:
        """The rep's sessions in the range, oldest first."""
        return [s for _, s in self._sessions.get(rep_id, [])]

    def has_content(self, rep_id: str) -> bool:
        """Anything to write for the rep in the range (sessions, or records outside them)."""
        return bool(
            self._sessions.get(rep_id)
            or self._loose_commitments.get(rep_id)
            or self._loose_invocations.get(rep_id)
        )

    def summary(self, rep: Rep) -> RepSummary:
        """The rep's sessions in the export at a glance: how many, from when to when, the last."""
        found = self._sessions.get(rep.id, [])
        if not found:
            return RepSummary(0, self.since, self.until, None)
        first, last = found[0][0].date(), found[-1][0].date()
        return RepSummary(
            sessions=len(found),
            first=self.since or first,
            last=self.until or last,
            agreement_version=self._version_at(rep.id, found[-1][1], last),
        )

    def _version_at(self, rep_id: str, session: Session, day: pendulum.Date) -> int | None:
        if session.agreement_version is not None:
            return session.agreement_version
        agreed = self._agreed.get(rep_id, [])
        in_force = [a for a in agreed if a.agreed_on is not None and a.agreed_on <= day]
        return in_force[-1].version if in_force else None

    # -- documents -----------------------------------------------------------------------------

    def rep_markdown(self, rep: Rep) -> str:
        """One rep's document, with its front matter (ends with a newline)."""
        summary = self.summary(rep)
        front = self._front_matter(
            [
                ("title", yaml_string("One-on-ones: " + rep.name)),
                ("rep", yaml_string(rep.name)),
                ("role", yaml_string(rep.role)),
                ("manager", yaml_string(self.settings.manager_name)),
                ("from", _yaml_date(summary.first)),
                ("to", _yaml_date(summary.last)),
                ("sessions", str(summary.sessions)),
                (
                    "agreement_version",
                    "null" if summary.agreement_version is None else str(summary.agreement_version),
                ),
            ],
            f"{rep.name} one-on-ones",
        )
        return front + "\n\n".join(self._rep_blocks(rep, summary, level=1)) + "\n"

    def rep_section(self, rep: Rep, *, level: int = 2) -> str:
        """One rep's part of a combined document: no front matter, the rep's heading at
        ``level`` and everything under it one level down from ``rep_markdown``."""
        return "\n\n".join(self._rep_blocks(rep, self.summary(rep), level=level))

    def combined_markdown(self, reps: Sequence[Rep], *, progress: Progress | None = None) -> str:
        """One document for ``reps`` (in the order given): front matter for the team, ``# One-
        on-ones: team``, then each rep as ``rep_section``. ``progress(done, total)`` is called
        after each rep."""
        summaries = [self.summary(r) for r in reps]
        firsts = [s.first for s in summaries if s.first is not None]
        lasts = [s.last for s in summaries if s.last is not None]
        total = sum(s.sessions for s in summaries)
        front = self._front_matter(
            [
                ("title", yaml_string("One-on-ones: team")),
                ("manager", yaml_string(self.settings.manager_name)),
                ("reps", str(len(reps))),
                ("from", _yaml_date(self.since or (min(firsts) if firsts else None))),
                ("to", _yaml_date(self.until or (max(lasts) if lasts else None))),
                ("sessions", str(total)),
            ],
            "Team one-on-ones",
        )
        manager = self.settings.manager_name
        intro = f"{len(reps)} rep{'s' if len(reps) != 1 else ''} · {_sessions_count(total)}"
        if manager.strip():
            intro = f"Manager: {inline(manager)} · {intro}"
        parts = ["# One-on-ones: team", intro + self._times_note()]
        for done, (rep, summary) in enumerate(zip(reps, summaries, strict=True), 1):
            parts += self._rep_blocks(rep, summary, level=2)
            if progress is not None:
                progress(done, len(reps))
        return front + "\n\n".join(parts) + "\n"

    def _front_matter(self, fields: list[tuple[str, str]], alias: str) -> str:
        return front_matter(
            [
                *fields,
                ("tags", "[" + yaml_string(TAG) + "]"),
                ("aliases", "[" + yaml_string(alias) + "]"),
                ("timezone", yaml_string(self.tz.name)),
                ("private_notes", "true" if self.include_private else "false"),
                ("generated", self.today.isoformat()),
            ]
        )

    def _times_note(self) -> str:
        return f" · times in {inline(self.tz.name)}"

    # -- one rep -------------------------------------------------------------------------------

    def _rep_blocks(self, rep: Rep, summary: RepSummary, *, level: int) -> list[str]:
        name = inline(rep.name) if rep.name.strip() else NO_NAME
        title = f"One-on-ones: {name}" if level == 1 else name
        facts = [intro_line(rep), _sessions_count(summary.sessions)]
        if summary.first is not None and summary.last is not None:
            facts.append(f"{summary.first.isoformat()} to {summary.last.isoformat()}")
        if summary.agreement_version is not None:
            facts.append(f"agreement v{summary.agreement_version} at the latest session")
        blocks = [_heading(level, title), " · ".join(facts) + self._times_note()]
        found = self._sessions.get(rep.id, [])
        if not found:
            blocks.append(NO_SESSIONS)
        owner = inline(_first_name(rep.name))
        for local, session in found:
            blocks += self._session_blocks(session, local, owner, level + 1)
        loose_c = self._loose_commitments.get(rep.id, [])
        loose_i = self._loose_invocations.get(rep.id, [])
        if loose_c or loose_i:
            blocks.append(_heading(level + 1, OUTSIDE))
            if loose_c:
                blocks.append(_heading(level + 2, "Commitments"))
                blocks.append("\n".join(self._commitment_item(c, owner) for c in loose_c))
            if loose_i:
                blocks.append(_heading(level + 2, "Invocations"))
                for i in loose_i:
                    blocks += self._invocation_blocks(i, owner)
        return blocks

    def _session_blocks(
        self, s: Session, local: pendulum.DateTime, owner: str, level: int
    ) -> list[str]:
        kind = DEFAULT_TITLES.get(s.kind, str(s.kind))
        blocks = [_heading(level, f"{local.date().isoformat()} · {kind}")]
        when = _clock(local)
        if s.ended_at is not None:
            end = s.ended_at.astimezone(self.tz)
            same_day = end.date() == local.date()
            when += "–" + (_clock(end) if same_day else f"{end.date().isoformat()} {_clock(end)}")
        if not s.closed:
            when += " · not ended"
        if s.agreement_version is not None:
            when += f" · agreement v{s.agreement_version}"
        blocks.append(when)
        sub = level + 1
        for step in s.steps:
            blocks.append(_heading(sub, inline(step.title) if step.title.strip() else UNTITLED))
            notes = paragraphs(step.notes)
            blocks += notes or [NO_NOTES if step.covered else NOT_COVERED]
        if s.notes.strip():
            blocks.append(_heading(sub, "Notes"))
            blocks += paragraphs(s.notes)
        if self.include_private and s.private_notes.strip():
            blocks.append(_heading(sub, "Private notes"))
            blocks += paragraphs(s.private_notes)
        if s.numbers:
            blocks.append(_heading(sub, "Numbers"))
            rows = [_row(NUMBERS_HEADER), _row(NUMBERS_ALIGN)]
            rows += [
                _row(
                    (
                        cell(n.label),
                        cell(_number(n.actual)),
                        cell(_number(n.target)),
                        cell(n.unit),
                        cell(str(n.period)),
                        percent_text(n),
                    )
                )
                for n in s.numbers
            ]
            blocks.append("\n".join(rows))
        reviewed = self._reviewed.get(s.id)
        if reviewed:
            blocks.append(_heading(sub, "Earlier commitments reviewed"))
            blocks.append("\n".join(self._reviewed_item(r, owner) for r in reviewed))
        raised = points_in(self._points.get(s.id, []), s.id)
        if raised:
            blocks.append(_heading(sub, "Talking points"))
            blocks.append("\n".join(point_item(p, owner) for p in raised))
        made = self._commitments.get(s.id)
        if made:
            blocks.append(_heading(sub, "Commitments"))
            blocks.append("\n".join(self._commitment_item(c, owner) for c in made))
        invoked = self._invocations.get(s.id)
        if invoked:
            blocks.append(_heading(sub, "Invocations"))
            for i in invoked:
                blocks += self._invocation_blocks(i, owner)
        if s.addenda:
            blocks.append(_heading(sub, "Addenda"))
            for a in s.addenda:
                at = a.at.astimezone(self.tz)
                blocks += paragraphs(a.text, f"Added {at.date().isoformat()} {_clock(at)}: ")
        return blocks

    def _commitment_item(self, c: Commitment, owner: str) -> str:
        who = MANAGER_OWNER if c.owner is Owner.MANAGER else owner
        facts = []
        if c.due is not None:
            facts.append(f"due {c.due.isoformat()}")
        if c.carried:
            facts.append(f"carried ×{c.carried}")
        closed = c.closed_at.astimezone(self.tz).date().isoformat() if c.closed_at else ""
        if c.state is CommitmentState.DONE:
            facts.append(f"done {closed}".rstrip())
        elif c.state is CommitmentState.DROPPED:
            facts.append(f"dropped {closed}".rstrip())
        elif c.due is not None and c.due < self.today:
            facts.append("missed")
        # only open ones are to-do boxes: a dropped one is not a task left to do
        box = {CommitmentState.OPEN: "[ ] ", CommitmentState.DONE: "[x] "}.get(c.state, "")
        item = f"- {box}{who}: {inline(c.text) if c.text.strip() else NO_TEXT}"
        if facts:
            item += f" ({', '.join(facts)})"
        if c.state is CommitmentState.DROPPED and c.drop_reason.strip():
            item += f" — {inline(c.drop_reason)}"
        for ch in c.changes:  # what was put right, and when
            item += f"\n  - {inline(change_text(ch, self.tz))}"
        return item

    def _reviewed_item(self, r: Reviewed, owner: str) -> str:
        c = r.commitment
        who = MANAGER_OWNER if c.owner is Owner.MANAGER else owner
        outcome = r.outcome + (f" to {r.due}" if r.due else "")
        item = f"- {who}: {inline(c.text) if c.text.strip() else NO_TEXT} ({outcome})"
        if r.note.strip():
            item += f" — {inline(r.note)}"
        return item

    def _invocation_blocks(self, i: Invocation, owner: str) -> list[str]:
        at = i.invoked_at.astimezone(self.tz)
        blocks = [
            f'> "{inline(i.step_text)}"',
            f"Step {i.step_index + 1} of agreement v{i.agreement_version}, in {owner}'s own "
            f"words; invoked {at.date().isoformat()} {_clock(at)}.",
        ]
        blocks += paragraphs(i.reason, "Reason: ")
        evidence = [e for e in i.evidence if e.strip()]
        if evidence:
            blocks.append("Evidence:")
            blocks.append("\n".join(f"- {inline(e)}" for e in evidence))
        if i.out_of_order_reason.strip():
            blocks += paragraphs(i.out_of_order_reason, "Not the next step, because: ")
        if i.self_check:  # older records have none
            gaps = self_check_gaps(i.self_check)
            blocks.append(
                "Self-check: answered no to: " + " ".join(inline(g) for g in gaps)
                if gaps
                else "Self-check: answered yes to every question."
            )
            mirror = mirror_answers(i.self_check)
            if mirror:  # the last step: the manager looked in the mirror
                blocks.append("Before the last step: " + " · ".join(inline(m) for m in mirror))
        if i.withdrawn_at is not None:
            gone = i.withdrawn_at.astimezone(self.tz)
            blocks += paragraphs(i.withdrawn_reason, f"Withdrawn {gone.date().isoformat()}: ")
        return blocks


def points_in(points: Sequence[TalkingPoint], session_id: str) -> list[TalkingPoint]:
    """The talking points discussed or carried in the session ``session_id``, oldest first."""
    return sorted(
        (p for p in points if p.session_id == session_id and p.state is not PointState.OPEN),
        key=lambda p: (p.created_at, p.id),
    )


def point_item(point: TalkingPoint, rep_name: str) -> str:
    """One talking point as a bullet: discussed (with what was said) or carried, who raised
    it, how often it was carried."""
    facts = []
    if point.raised_by is Owner.REP:
        facts.append(inline(f"raised by {rep_name}"))
    if point.private:
        facts.append("private")
    if point.carried:
        facts.append(f"carried ×{point.carried}")
    tail = f" ({', '.join(facts)})" if facts else ""
    if point.state is PointState.DISCUSSED:
        said = f": {inline(point.note)}" if point.note.strip() else ""
        return f"- **Discussed:** {inline(point.text)}{tail}{said}"
    return f"- **Carried to next time:** {inline(point.text)}{tail}"


def _yaml_date(day: pendulum.Date | None) -> str:
    return day.isoformat() if day is not None else "null"


def _sessions_count(n: int) -> str:
    return f"{n:,} session{'s' if n != 1 else ''}"


# --- the simple entry points ----------------------------------------------------------------


def sessions_markdown(
    rep: Rep,
    sessions: Iterable[Session],
    *,
    agreements: Iterable[Agreement],
    commitments: Iterable[Commitment],
    invocations: Iterable[Invocation],
    settings: TeamSettings,
    include_private: bool = False,
    since: pendulum.Date | None = None,
    until: pendulum.Date | None = None,
    today: pendulum.Date | None = None,
    outside_sessions: bool = True,
) -> str:
    """One rep's sessions (records of other reps are ignored) as a Markdown document. For one
    session, pass just that session and ``outside_sessions=False``."""
    return SessionsExport(
        sessions=(s for s in sessions if s.rep_id == rep.id),
        agreements=(a for a in agreements if a.rep_id == rep.id),
        commitments=(c for c in commitments if c.rep_id == rep.id),
        invocations=(i for i in invocations if i.rep_id == rep.id),
        settings=settings,
        include_private=include_private,
        since=since,
        until=until,
        today=today,
        outside_sessions=outside_sessions,
    ).rep_markdown(rep)


def combined_markdown(
    reps: Sequence[Rep],
    sessions: Iterable[Session],
    *,
    agreements: Iterable[Agreement],
    commitments: Iterable[Commitment],
    invocations: Iterable[Invocation],
    settings: TeamSettings,
    include_private: bool = False,
    since: pendulum.Date | None = None,
    until: pendulum.Date | None = None,
    today: pendulum.Date | None = None,
    progress: Progress | None = None,
) -> str:
    """Several reps' sessions in one Markdown document, reps in the order given."""
    return SessionsExport(
        sessions=sessions,
        agreements=agreements,
        commitments=commitments,
        invocations=invocations,
        settings=settings,
        include_private=include_private,
        since=since,
        until=until,
        today=today,
    ).combined_markdown(reps, progress=progress)


__all__ = [
    "NOT_COVERED",
    "NO_NOTES",
    "NO_SESSIONS",
    "NUMBERS_HEADER",
    "OUTSIDE",
    "RepSummary",
    "SessionsExport",
    "combined_markdown",
    "paragraphs",
    "percent_text",
    "sessions_markdown",
]

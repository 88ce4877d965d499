"""Talking points ("next time"): what the manager notices between one-on-ones, noted at once and
raised at the next one-on-one with that rep (issue 18, DOMAIN.md habit 2).

A point is noted for a current rep with its text (one line: control characters and line
breaks are taken out, as typed text is in every one-line field), shared with the rep or private
to the manager, and raised by the manager or by the rep. At the next one-on-one it shows at the
top of the manager's agenda step (the rep's own agenda step for the ones the rep raised); there
it is marked discussed, with the note typed at it, or carried to the one after ("carried ×N").
Ending a one-on-one carries the points left unmarked. Rules only: the store, the screens and the
command line call these.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace

import pendulum

from oneonone.core.errors import FieldError
from oneonone.core.model import Owner, PointState, Rep, Session, TalkingPoint

#: The longest point kept (a talking point is a line, not a page).
MAX_POINT = 500
#: The longest note typed when a point is discussed.
MAX_NOTE = 2000


class PointError(FieldError):
    """A talking point that cannot be noted or marked; ``str(error)`` says why, on one line."""


def clean_line(text: str) -> str:
    """``text`` as one line: control characters (line breaks and tabs included) become spaces,
    runs of spaces one, the ends stripped."""
    kept = "".join(" " if unicodedata.category(ch) in ("Cc", "Cs") else ch for ch in text)
    return " ".join(kept.split())


def note_point(
    reps: Sequence[Rep],
    rep_id: str,
    text: str,
    *,
    now: pendulum.DateTime,
    private: bool = False,
    raised_by: Owner = Owner.MANAGER,
) -> TalkingPoint:
    """A new open talking point for the rep ``rep_id``. Raises ``PointError`` for an empty or
    over-long text, a rep not on the team, or a rep who has left it."""
    rep = next((r for r in reps if r.id == rep_id), None)
    if rep is None:
        raise PointError("rep", "No such rep on the team: pick a rep by name.")
    if not rep.is_current:
        raise PointError(
            "rep", f"{rep.name} has left the team: there is no next one-on-one to raise it at."
        )
    cleaned = clean_line(text)
    if not cleaned:
        raise PointError("text", "A talking point needs some text: what to raise next time.")
    if len(cleaned) > MAX_POINT:
        raise PointError(
            "text",
            f"The talking point is too long ({len(cleaned)} characters; at most {MAX_POINT}).",
        )
    return TalkingPoint(
        rep_id=rep.id,
        text=cleaned,
        private=private,
        raised_by=raised_by,
        created_at=now,
    )


def pending_for(rep_id: str, points: Iterable[TalkingPoint]) -> list[TalkingPoint]:
    """The rep's points waiting for the next one-on-one (open or carried), most carried first,
    then oldest first."""
    mine = [p for p in points if p.rep_id == rep_id and p.is_pending]
    return sorted(mine, key=lambda p: (-p.carried, p.created_at, p.id))


def for_session(rep_id: str, points: Iterable[TalkingPoint], session_id: str) -> list[TalkingPoint]:
    """What a one-on-one shows: the rep's pending points, then those discussed in it."""
    mine = [p for p in points if p.rep_id == rep_id]
    done_here = [p for p in mine if p.state is PointState.DISCUSSED and p.session_id == session_id]
    return [*pending_for(rep_id, mine), *sorted(done_here, key=lambda p: (p.created_at, p.id))]


def mark_discussed(
    point: TalkingPoint, note: str, *, session_id: str | None, now: pendulum.DateTime
) -> TalkingPoint:
    """The point discussed, with the note typed at it (may be empty). Raises ``PointError`` if
    it was discussed already."""
    if point.state is PointState.DISCUSSED:
        raise PointError("state", "This talking point was discussed already.")
    cleaned = note.strip()
    if len(cleaned) > MAX_NOTE:
        raise PointError(
            "note", f"The note is too long ({len(cleaned)} characters; at most {MAX_NOTE})."
        )
    return replace(
        point, state=PointState.DISCUSSED, note=cleaned, session_id=session_id, closed_at=now
    )


def mark_carried(point: TalkingPoint, *, session_id: str | None) -> TalkingPoint:
    """The point carried to the next one-on-one (once per one-on-one: carrying it again in the
    same one changes nothing). Raises ``PointError`` if it was discussed already."""
    if point.state is PointState.DISCUSSED:
        raise PointError("state", "This talking point was discussed already.")
    if point.state is PointState.CARRIED and point.session_id == session_id:
        return point
    return replace(
        point, state=PointState.CARRIED, carried=point.carried + 1, session_id=session_id
    )


def carried_here(point: TalkingPoint, session_id: str) -> bool:
    """Whether the point was carried in this one-on-one."""
    return point.state is PointState.CARRIED and point.session_id == session_id


def carry_unmarked(points: Iterable[TalkingPoint], session: Session) -> list[TalkingPoint]:
    """When a one-on-one ends: its rep's pending points not marked in it, carried (the records
    changed, to save). A point noted during the one-on-one is for the next one: not carried."""
    return [
        mark_carried(p, session_id=session.id)
        for p in points
        if p.rep_id == session.rep_id
        and p.is_pending
        and not carried_here(p, session.id)
        and p.created_at < session.started_at
    ]


def carried_text(point: TalkingPoint) -> str:
    """ "carried ×N", or "" for a point never carried."""
    return f"carried ×{point.carried}" if point.carried else ""


def point_line(point: TalkingPoint, rep_name: str = "") -> str:
    """One line for a list: who raised it, the text, private, carried."""
    who = rep_name.split()[0] if rep_name.strip() and point.raised_by is Owner.REP else ""
    head = f"{who}: " if who else ""
    facts = [f for f in ("private" if point.private else "", carried_text(point)) if f]
    tail = f" ({', '.join(facts)})" if facts else ""
    return f"{head}{point.text}{tail}"


def summary_lines(
    points: Iterable[TalkingPoint], automatic: Sequence[TalkingPoint], session_id: str
) -> list[str]:
    """The end-of-session summary's lines about talking points: those discussed in the
    one-on-one ``session_id``, those carried in it by hand, and ``automatic``, those that ending
    it carries because they were left unmarked."""
    points = list(points)
    discussed = [
        p for p in points if p.state is PointState.DISCUSSED and p.session_id == session_id
    ]
    carried = [p for p in points if carried_here(p, session_id)]
    lines = []
    if discussed:
        lines.append(f"Talking points discussed: {len(discussed)}")
    if carried:
        lines.append(f"Talking points carried to next time: {len(carried)}")
    if automatic:
        lines.append(
            f"Talking points not marked, carried to next time automatically: {len(automatic)}"
        )
    return lines


def agenda_step(session: Session, raised_by: Owner) -> int:
    """The step of ``session`` where points raised by ``raised_by`` show: "My agenda" for the
    manager's, "Your agenda" for the rep's (by title); a script without that step shows them at
    the manager's agenda step, else at its first step."""
    titles = [s.title.casefold().replace("’", "'") for s in session.steps]
    mine = ["my agenda", "manager's agenda"]
    wanted = ["your agenda", "rep's agenda", *mine] if raised_by is Owner.REP else mine
    for word in wanted:
        for i, title in enumerate(titles):
            if word in title:
                return i
    return 0


# --- capturing from anywhere in the app: "name: text" ------------------------------------------


def _fold(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", " ".join(text.casefold().split()))
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def matching_reps(reps: Sequence[Rep], prefix: str) -> list[Rep]:
    """The current reps ``prefix`` names: those whose full name starts with it, then those with
    a word starting with it; each group by name (case and accents ignored)."""
    wanted = _fold(prefix)
    if not wanted:
        return []
    current = sorted((r for r in reps if r.is_current), key=lambda r: (_fold(r.name), r.id))
    whole = [r for r in current if _fold(r.name).startswith(wanted)]
    words = [
        r
        for r in current
        if r not in whole and any(w.startswith(wanted) for w in _fold(r.name).split())
    ]
    return [*whole, *words]


@dataclass(frozen=True)
class Capture:
    """What the capture line says: the rep (None: nobody yet), the text, the other reps the
    prefix matched (the first match is taken), and what is missing, if anything."""

    rep: Rep | None
    text: str
    others: tuple[Rep, ...] = ()
    problem: str = ""


def read_capture(line: str, reps: Sequence[Rep], default: Rep | None = None) -> Capture:
    """The capture line ``name: text``: the start of a rep's name, a colon, the point (the
    first matching rep when several match). Without a colon, or when what is before it names
    nobody and is more than one word ("Q3 plan: ..."), the whole line is the point for
    ``default`` (the rep highlighted, the one-on-one's); one word naming nobody is refused (a
    mistyped name), and a line starting with ':' is all the point, for ``default``."""
    head, colon, rest = line.partition(":")
    if colon and not head.strip():  # ": Budget: ..." is all for ``default``
        line = rest
    elif colon and head.strip() and len(head) <= 60:
        found = matching_reps(reps, head)
        if found:
            text = clean_line(rest)
            problem = "" if text else "Now the talking point, after the colon."
            return Capture(found[0], text, tuple(found[1:]), problem)
        word = head.strip()
        if default is not None and word.isalpha() and len(word) <= 20:
            # one word before a colon is a name typed: mistyped, it must not send the point
            # (shared) to the rep on the screen ("caelb: his pricing mistake" went to Maya)
            return Capture(
                None,
                clean_line(line),
                (),
                f"No rep on the team matches '{clean_line(word)}'. Correct the name, or start "
                f"the line with ': ' to note it all for {default.name}.",
            )
    text = clean_line(line)
    if default is None or not default.is_current:
        who = head.strip() if colon else ""
        problem = (
            f"No rep on the team matches '{clean_line(who)}'."
            if who
            else "Start with the start of a rep's name and a colon: 'pri: ask about the MSA'."
        )
        return Capture(None, text, (), problem)
    return Capture(default, text, (), "" if text else "Type the talking point.")


__all__ = [
    "MAX_NOTE",
    "MAX_POINT",
    "Capture",
    "PointError",
    "agenda_step",
    "carried_here",
    "carried_text",
    "carry_unmarked",
    "clean_line",
    "for_session",
    "mark_carried",
    "mark_discussed",
    "matching_reps",
    "note_point",
    "pending_for",
    "point_line",
    "read_capture",
    "summary_lines",
]

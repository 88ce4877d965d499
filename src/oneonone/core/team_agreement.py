"""The team agreement's rules: its parts, versions, agreeing, and the diff between versions.

The team sits down every quarter (DOMAIN.md, habit 5): "what are the expectations of the team,
in addition to individual expectations?" What they agree is a ``TeamAgreement``, versioned like
a rep's ``Agreement``: a draft until agreed, then never changed (a change makes a new draft
from the latest agreed version). It is its own record rather than an ``Agreement`` with a team
scope: a rep's agreement is stored and read per rep (``agreements~<rep id>``), every reader of
it (agenda, schedule, signal, takeover, search) takes its ``rep_id`` for a rep, and its parts
(quota, the rep's consequence steps, the rep's acknowledgement) are not the team's. What is
shared is reused, not copied: the state (``AgreementState``), the line-by-line diff
(``agreements.diff_lines``, ``PartDiff``), the line checks and the quarter arithmetic.

UI-free: nothing here imports Textual.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace

import pendulum

from oneonone.core.agreements import (
    MAX_LINE,
    AgreementError,
    AgreementProblems,
    PartDiff,
    diff_lines,
    quarter_after,
    refuse_future,
)
from oneonone.core.model import AgreementState, TeamAgreement, TeamPart, new_id, utc_now


@dataclass(frozen=True)
class TeamPartSpec:
    """One of the team agreement's standard parts: the field that holds its lines, its title
    and the editor's example line."""

    name: str
    title: str
    hint: str = ""


TEAM_PARTS: tuple[TeamPartSpec, ...] = (
    TeamPartSpec(
        "integrity",
        "How we sell with integrity",
        "We never promise a customer what the product does not do",
    ),
    TeamPartSpec(
        "side_deals", "No side deals", "No discount or term off the price book without approval"
    ),
    TeamPartSpec(
        "leaderboard",
        "How we treat the leaderboard",
        "The board shows booked revenue only, updated every Monday",
    ),
    TeamPartSpec(
        "reaching", "How we reach each other", "Urgent: call; same day: Slack; the rest: e-mail"
    ),
    TeamPartSpec(
        "work_schedule", "Work schedule norms", "Core hours 10:00-15:00; the rest is yours"
    ),
)

#: Most extra parts a manager can add (the part picker's numbers stop at 9).
MAX_EXTRA_PARTS = 4
MAX_TITLE = 80


# --- parts ----------------------------------------------------------------------------------


def part_lines(a: TeamAgreement) -> list[tuple[str, list[str]]]:
    """Every part of ``a`` in document order, as (title, lines): the five standard parts,
    then the manager's own."""
    found = [(p.title, list(getattr(a, p.name))) for p in TEAM_PARTS]
    found += [(extra.title, list(extra.lines)) for extra in a.extra_parts]
    return found


def part_titles(a: TeamAgreement) -> list[str]:
    """The titles of ``a``'s parts, numbered from 1 in this order (the editor's numbers)."""
    return [title for title, _ in part_lines(a)]


def with_part(
    a: TeamAgreement, number: int, lines: Sequence[str], title: str = ""
) -> TeamAgreement:
    """``a`` with part ``number`` (1-based: the five standard parts, then the extra ones, then
    one past them for a new extra part) holding ``lines``; an extra part also takes ``title``.
    An extra part left with no title and no lines is removed."""
    assert_editable(a)
    standard = len(TEAM_PARTS)
    if 1 <= number <= standard:
        changed = _copied(a)
        setattr(changed, TEAM_PARTS[number - 1].name, list(lines))
        return changed
    index = number - standard - 1
    extras = [replace(e, lines=list(e.lines)) for e in a.extra_parts]
    if not 0 <= index <= len(extras):
        raise ValueError(f"the team agreement has no part {number}")
    new = TeamPart(" ".join(title.split()), list(lines))
    if index == len(extras):
        extras.append(new)
    else:
        extras[index] = new
    extras = [e for e in extras if e.title or e.lines]
    return replace(_copied(a), extra_parts=extras)


def is_empty(a: TeamAgreement) -> bool:
    """Whether nothing is written in any part."""
    return not any(lines for _, lines in part_lines(a))


# --- validation -----------------------------------------------------------------------------


def problems(a: TeamAgreement, *, to_agree: bool = False) -> list[AgreementError]:
    """Everything that keeps ``a`` from being saved (or agreed, with ``to_agree``)."""
    found: list[AgreementError] = []
    for spec in TEAM_PARTS:
        found += _line_problems(spec.name, spec.title, getattr(a, spec.name))
    titles: set[str] = set()
    for i, extra in enumerate(a.extra_parts, len(TEAM_PARTS) + 1):
        if not extra.title.strip():
            found.append(AgreementError("title", f"Part {i} needs a title."))
        elif len(extra.title) > MAX_TITLE:
            found.append(AgreementError("title", f"Part {i}'s title is too long."))
        elif extra.title.casefold() in titles or extra.title.casefold() in {
            p.title.casefold() for p in TEAM_PARTS
        }:
            found.append(AgreementError("title", f"Part {i}'s title is used by another part."))
        titles.add(extra.title.casefold())
        found += _line_problems("lines", extra.title or f"Part {i}", extra.lines)
    if len(a.extra_parts) > MAX_EXTRA_PARTS:
        found.append(AgreementError("extra_parts", f"At most {MAX_EXTRA_PARTS} parts of your own."))
    if to_agree and is_empty(a):
        found.append(
            AgreementError(
                "integrity",
                "Nothing is written yet: a team agreement needs at least one line the team "
                "agreed to.",
            )
        )
    return found


def _line_problems(field: str, title: str, lines: Iterable[str]) -> list[AgreementError]:
    found = []
    for i, line in enumerate(lines, 1):
        if not line.strip():
            found.append(AgreementError(field, f"{title}: line {i} is empty."))
        elif len(line) > MAX_LINE:
            found.append(AgreementError(field, f"{title}: line {i} is too long."))
    return found


def check(a: TeamAgreement, *, to_agree: bool = False) -> None:
    """Raise ``AgreementProblems`` if ``a`` has any problem."""
    found = problems(a, to_agree=to_agree)
    if found:
        raise AgreementProblems(found)


# --- versions -------------------------------------------------------------------------------


def versions(found: Iterable[TeamAgreement]) -> list[TeamAgreement]:
    """The team agreement's versions, oldest first."""
    return sorted(found, key=lambda a: (a.version, a.created_at))


def latest_agreed(found: Iterable[TeamAgreement]) -> TeamAgreement | None:
    """The version in force (the latest agreed), or None."""
    agreed = [a for a in versions(found) if a.is_agreed]
    return agreed[-1] if agreed else None


def open_draft(found: Iterable[TeamAgreement]) -> TeamAgreement | None:
    """The draft newer than every agreed version, or None."""
    mine = versions(found)
    floor = max((a.version for a in mine if a.is_agreed), default=0)
    drafts = [a for a in mine if not a.is_agreed and a.version > floor]
    return drafts[-1] if drafts else None


def _copied(a: TeamAgreement) -> TeamAgreement:
    return replace(
        a,
        integrity=list(a.integrity),
        side_deals=list(a.side_deals),
        leaderboard=list(a.leaderboard),
        reaching=list(a.reaching),
        work_schedule=list(a.work_schedule),
        extra_parts=[replace(e, lines=list(e.lines)) for e in a.extra_parts],
    )


def revise(agreed: TeamAgreement) -> TeamAgreement:
    """A new draft version with the same content as ``agreed``."""
    return replace(
        _copied(agreed),
        id=new_id(),
        version=agreed.version + 1,
        state=AgreementState.DRAFT,
        agreed_on=None,
        next_review=None,
        created_at=utc_now(),
    )


def start_draft(existing: Sequence[TeamAgreement], manager_name: str) -> TeamAgreement:
    """The draft to edit: the open draft if any; else a new version copied from the latest
    agreed one; else v1, empty."""
    draft = open_draft(existing)
    if draft is not None:
        return draft
    last = latest_agreed(existing)
    if last is not None:
        return revise(last)
    newest = max((a.version for a in existing), default=0)
    return TeamAgreement(version=newest + 1, manager_name=manager_name)


def assert_editable(a: TeamAgreement) -> None:
    """Raise ``AgreementError`` if ``a`` is agreed: an agreed version is never changed."""
    if a.is_agreed:
        raise AgreementError(
            "state",
            f"Team agreement v{a.version} was agreed on {a.agreed_on} and cannot change; "
            "editing it starts a new version.",
        )


def agree(
    draft: TeamAgreement,
    on: pendulum.Date,
    manager_name: str,
    *,
    previous: TeamAgreement | None = None,
    next_review: pendulum.Date | None = None,
    today: pendulum.Date | None = None,
) -> TeamAgreement:
    """``draft`` agreed on ``on`` (not before ``previous``, the version in force, nor after
    ``today`` when given); its next review is ``next_review`` (the team review scheduled),
    else one quarter later."""
    assert_editable(draft)
    refuse_future(on, today)
    if previous is not None and previous.agreed_on is not None and on < previous.agreed_on:
        raise AgreementError(
            "agreed_on",
            f"Team agreement v{previous.version} was agreed on {previous.agreed_on}; "
            "this one cannot be earlier.",
        )
    check(draft, to_agree=True)
    due = next_review if next_review is not None and next_review > on else quarter_after(on)
    return replace(
        _copied(draft),
        state=AgreementState.AGREED,
        agreed_on=on,
        manager_name=manager_name or draft.manager_name,
        next_review=due,
    )


# --- what shows elsewhere -------------------------------------------------------------------


def describe(a: TeamAgreement) -> str:
    """ "v2 (agreed 2026-12-04)" or "v3 (draft)"."""
    return f"v{a.version} ({'agreed ' + str(a.agreed_on) if a.is_agreed else 'draft'})"


def summary(found: Iterable[TeamAgreement]) -> str:
    """One line for a rep's agreement screen and the one-on-one's glance: "Team agreement v2,
    agreed 4 Dec 2026", with a newer draft named; "No team agreement yet" when there is
    none."""
    found = list(found)
    last = latest_agreed(found)
    draft = open_draft(found)
    if last is None:
        if draft is not None:
            return f"Team agreement v{draft.version}: a draft, not agreed yet"
        return "No team agreement yet"
    when = f", agreed {_day(last.agreed_on)}" if last.agreed_on is not None else ""
    text = f"Team agreement v{last.version}{when}"
    if draft is not None:
        text += f" (v{draft.version} in draft)"
    return text


def _day(d: pendulum.Date) -> str:
    return f"{d.day} {d:%b %Y}"


# --- diff -----------------------------------------------------------------------------------


def diff(old: TeamAgreement, new: TeamAgreement) -> list[PartDiff]:
    """What changed from ``old`` to ``new``, part by part (``agreements.diff_lines``); an
    extra part is followed by its title, so one added or removed shows whole."""
    before = dict(part_lines(old))
    after = dict(part_lines(new))
    titles = list(after)
    titles += [t for t in before if t not in after]
    result = []
    for title in titles:
        changes = diff_lines(before.get(title, []), after.get(title, []))
        if changes:
            result.append(PartDiff(title, title, changes))
    return result


__all__ = [
    "MAX_EXTRA_PARTS",
    "TEAM_PARTS",
    "TeamPartSpec",
    "agree",
    "assert_editable",
    "check",
    "describe",
    "diff",
    "is_empty",
    "latest_agreed",
    "open_draft",
    "part_lines",
    "part_titles",
    "problems",
    "revise",
    "start_draft",
    "summary",
    "versions",
    "with_part",
]

"""One version of the team agreement as a Markdown document, to print or share with the team.

Written with the care of a rep's agreement (``export.agreement``): YAML front matter (version,
state, agreed date, next review, tags), every part as a ``##`` heading in the same order, a
part with nothing written saying so in italics, a footer with the state and the version this
one replaces, and a table to sign. Every piece of user text goes through ``escape.inline`` /
``escape.cell``: it reads back as typed and can never change the document's structure.
"""

from __future__ import annotations

from collections.abc import Sequence

import pendulum

from oneonone.core.agreements import quarter_after
from oneonone.core.export.agreement import NO_NAME, NONE_YET, SIGN_HEADER
from oneonone.core.export.escape import cell, inline
from oneonone.core.export.frontmatter import TAG, front_matter, yaml_list, yaml_string
from oneonone.core.model import Rep, TeamAgreement, TeamSettings
from oneonone.core.team_agreement import part_lines

TITLE = "Team agreement"
INTRO = "What we expect of each other as a team, in addition to each rep's own agreement."


def _day(d: pendulum.Date | None) -> str:
    return d.isoformat() if d is not None else "null"


def review_of(
    a: TeamAgreement, all_versions: Sequence[TeamAgreement], next_review: pendulum.Date | None
) -> pendulum.Date | None:
    """The review date the footer gives ``a``: ``next_review`` (the team review scheduled)
    for the version in force, else the date it fell due; None for a draft."""
    if not a.is_agreed or a.agreed_on is None:
        return None
    later = [v for v in all_versions if v.is_agreed and v.version > a.version]
    if next_review is not None and not later:
        return next_review
    return a.next_review or quarter_after(a.agreed_on)


def team_status_line(a: TeamAgreement, due: pendulum.Date | None) -> str:
    """``Agreed on DATE · version N · next review due DATE`` or ``Draft · version N · not
    agreed yet`` (plain text)."""
    if a.is_agreed and a.agreed_on is not None:
        tail = f" · next review due {due.isoformat()}" if due is not None else ""
        return f"Agreed on {a.agreed_on.isoformat()} · version {a.version}{tail}"
    return f"Draft · version {a.version} · not agreed yet"


def team_versions_note(a: TeamAgreement, all_versions: Sequence[TeamAgreement]) -> str | None:
    """Which newer agreed version replaces ``a``, or which older one it replaces."""
    newer = sorted(v.version for v in all_versions if v.is_agreed and v.version > a.version)
    older = sorted(v.version for v in all_versions if v.is_agreed and v.version < a.version)
    by_version = {v.version: v for v in all_versions}
    if newer:
        v = by_version[newer[-1]]
        when = f", agreed on {v.agreed_on.isoformat()}" if v.agreed_on else ""
        return f"Version {v.version}{when}, replaces this one."
    if older and a.is_agreed:
        v = by_version[older[-1]]
        when = f", agreed on {v.agreed_on.isoformat()}" if v.agreed_on else ""
        return f"This replaces version {v.version}{when}."
    return None


def team_manager(a: TeamAgreement, settings: TeamSettings) -> str:
    """The manager who agreed this version; for a draft, the current manager."""
    first, second = (
        (a.manager_name, settings.manager_name)
        if a.is_agreed
        else (settings.manager_name, a.manager_name)
    )
    return first if first.strip() else second


def team_agreement_markdown(
    a: TeamAgreement,
    settings: TeamSettings,
    *,
    reps: Sequence[Rep] = (),
    all_versions: Sequence[TeamAgreement] = (),
    next_review: pendulum.Date | None = None,
) -> str:
    """The team agreement as a Markdown document (ends with a newline). ``reps``: the current
    team, one signature line each after the manager's; ``all_versions`` lets the footer say
    which version this replaces; ``next_review`` (the team review scheduled) is the date the
    version in force gives."""
    manager = team_manager(a, settings)
    due = review_of(a, all_versions, next_review)
    front = front_matter(
        [
            ("title", yaml_string(TITLE)),
            ("manager", yaml_string(manager)),
            ("version", str(a.version)),
            ("state", yaml_string("agreed" if a.is_agreed else "draft")),
            ("agreed_on", _day(a.agreed_on)),
            ("next_review", _day(due)),
            ("tags", yaml_list(["team-agreement", TAG])),
            ("aliases", yaml_list([f"Team agreement v{a.version}"])),
        ]
    )
    blocks: list[str] = [f"# {TITLE}", INTRO]
    for number, (title, lines) in enumerate(part_lines(a), 1):
        blocks.append(f"## {number}. {inline(title) if title.strip() else NO_NAME}")
        blocks.append("\n".join(f"- {inline(line)}" for line in lines) if lines else NONE_YET)
    blocks.append("---")
    blocks.append(team_status_line(a, due))
    note = team_versions_note(a, all_versions)
    if note:
        blocks.append(note)
    blocks.append(f"Manager: {inline(manager) if manager.strip() else NO_NAME}")
    signers = [("Manager", manager)] + [("Rep", r.name) for r in reps]
    rows = [_row(SIGN_HEADER), _row(("---", "---", "---", "---"))]
    rows += [
        _row((who, cell(person) if person.strip() else " ", " ", " ")) for who, person in signers
    ]
    blocks.append("\n".join(rows))
    return front + "\n\n".join(blocks) + "\n"


def _row(cells: Sequence[str]) -> str:
    return "| " + " | ".join(cells) + " |"


__all__ = [
    "INTRO",
    "TITLE",
    "review_of",
    "team_agreement_markdown",
    "team_manager",
    "team_status_line",
    "team_versions_note",
]

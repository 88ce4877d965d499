"""One version of a rep's agreement as a Markdown document, to print or share with the rep.

The five parts (declared in ``core.agreement_parts``) always appear, in the order of the
expectations conversation, each as a ``##`` heading; a part (or sub-part) with nothing
written says so in italics instead of vanishing, so a reader can tell "nothing agreed" from
"left out". It opens with YAML front matter (rep, version, state, agreed date, next review,
the rep's acknowledgement, tags) and ends with the acknowledgement and a table for both
signatures and dates, to sign on paper. Every piece of user text goes through
``escape.inline`` / ``escape.cell``: it reads back as exactly what was typed (line breaks
folded into spaces) and can never change the document's structure.
"""

from __future__ import annotations

from collections.abc import Sequence

import pendulum

from oneonone.core.agreement_parts import AGREEMENT_PARTS, LineKind, PartField
from oneonone.core.agreements import format_number, quarter_after
from oneonone.core.export.escape import cell, inline
from oneonone.core.export.frontmatter import TAG, front_matter, yaml_list, yaml_string
from oneonone.core.model import Agreement, CommRule, Rep, TeamSettings

NONE_YET = "*(none written yet)*"
NO_NAME = "*(no name set)*"
STEPS_INTRO = "In your own words, what you want me to do:"

PART_TITLES = tuple(p.heading for p in AGREEMENT_PARTS)  # "1. What I expect from you", ...
QUOTA_HEADER = ("What", "Number", "Unit", "Period")
COMM_HEADER = ("Urgency", "Reach me (manager)", "I reach you (rep)")
SIGN_HEADER = ("", "Name", "Signature", "Date")


def _day(d: pendulum.Date) -> str:
    return d.isoformat()


def _row(cells: Sequence[str]) -> str:
    return "| " + " | ".join(cells) + " |"


def _table(header: Sequence[str], align: Sequence[str], rows: Sequence[Sequence[str]]) -> str:
    lines = [_row(header), _row(align)]
    lines += [_row(r) for r in rows]
    return "\n".join(lines)


def _bullets(items: Sequence[str]) -> str:
    return "\n".join(f"- {inline(item)}" for item in items) if items else NONE_YET


def _text(text: str) -> str:
    return inline(text) if text.strip() else NONE_YET


def _reach(channel: str, response: str) -> str:
    return ", ".join(p for p in (channel, response) if p.strip()) or "—"


def is_blank_rule(rule: CommRule) -> bool:
    """A rule with nothing written on either side (a new agreement starts with one per
    urgency): the export leaves it out."""
    return not any(
        p.strip()
        for p in (rule.manager_channel, rule.manager_response, rule.rep_channel, rule.rep_response)
    )


def comm_cells(rule: CommRule) -> tuple[str, str, str]:
    """The three cells of a rule's row, as plain text: urgency, how to reach the manager
    ("channel, response time"), how the manager reaches the rep."""
    return (
        rule.urgency.value,
        _reach(rule.manager_channel, rule.manager_response),
        _reach(rule.rep_channel, rule.rep_response),
    )


def _quota(a: Agreement) -> str:
    if not a.quota_lines:
        return NONE_YET
    rows = [
        (cell(q.label), cell(format_number(float(q.number))), cell(q.unit), cell(q.period.value))
        for q in a.quota_lines
    ]
    return _table(QUOTA_HEADER, ("---", "---:", "---", "---"), rows)


def _channels(a: Agreement) -> str:
    rules = [r for r in a.comm_rules if not is_blank_rule(r)]
    if not rules:
        return NONE_YET
    rows = [tuple(cell(c) for c in comm_cells(r)) for r in rules]
    return _table(COMM_HEADER, ("---", "---", "---"), rows)


def _steps(a: Agreement) -> list[str]:
    if not a.consequence_steps:
        return [NONE_YET]
    steps = "\n".join(f"{i}. {inline(s.text)}" for i, s in enumerate(a.consequence_steps, 1))
    return [STEPS_INTRO, steps]


def _field_blocks(a: Agreement, f: PartField) -> list[str]:
    """One field of the agreement as Markdown blocks: its ``###`` heading if it has one, then
    what is written (or that nothing is)."""
    blocks = [f"### {f.heading}"] if f.heading is not None else []
    if f.kind is LineKind.QUOTA:
        blocks.append(_quota(a))
    elif f.kind is LineKind.CHANNELS:
        blocks.append(_channels(a))
    elif f.kind is LineKind.STEPS:
        blocks += _steps(a)
    elif f.kind is LineKind.TEXT:
        blocks.append(_text(getattr(a, f.name)))
    else:
        blocks.append(_bullets(getattr(a, f.name)))
    return blocks


def status_line(a: Agreement, next_review: pendulum.Date | None = None) -> str:
    """``Agreed on DATE · version N · next review due DATE`` or ``Draft · version N · not
    agreed yet`` (plain text: dates and numbers only). ``next_review``: the rep's next review
    (``schedule.next_review``), for the version in force; without it, the date this version
    itself fell due (a superseded version's, or when the schedule is not at hand)."""
    if a.is_agreed and a.agreed_on is not None:
        due = next_review or a.next_review or quarter_after(a.agreed_on)
        return f"Agreed on {_day(a.agreed_on)} · version {a.version} · next review due {_day(due)}"
    if a.is_agreed:
        return f"Agreed · version {a.version}"
    return f"Draft · version {a.version} · not agreed yet"


def review_shown(
    a: Agreement, all_versions: Sequence[Agreement], next_review: pendulum.Date | None
) -> pendulum.Date | None:
    """``next_review`` if ``a`` is the version in force (the rep's latest agreed one), else
    None: an older version's footer keeps the date it fell due."""
    if next_review is None or not a.is_agreed:
        return None
    later = [
        v for v in all_versions if v.rep_id == a.rep_id and v.is_agreed and v.version > a.version
    ]
    return None if later else next_review


def versions_note(a: Agreement, all_versions: Sequence[Agreement]) -> str | None:
    """Which newer agreed version replaces ``a``, or which older one it replaces (plain text:
    numbers and dates only)."""
    mine = sorted((v for v in all_versions if v.rep_id == a.rep_id), key=lambda v: v.version)
    newer = [v for v in mine if v.version > a.version and v.is_agreed]
    older = [v for v in mine if v.version < a.version and v.is_agreed]
    if newer:
        v = newer[-1]
        when = f", agreed on {_day(v.agreed_on)}" if v.agreed_on else ""
        return f"Version {v.version}{when}, replaces this one."
    if older and a.is_agreed:
        v = older[-1]
        when = f", agreed on {_day(v.agreed_on)}" if v.agreed_on else ""
        return f"This replaces version {v.version}{when}."
    return None


def manager_of(a: Agreement, settings: TeamSettings) -> str:
    """The manager who agreed this version; for a draft, the current manager."""
    first, second = (
        (a.manager_name, settings.manager_name)
        if a.is_agreed
        else (settings.manager_name, a.manager_name)
    )
    return first if first.strip() else second


def intro_line(rep: Rep) -> str:
    """Role and dates, as Markdown (the role is escaped)."""
    bits = [inline(rep.role)] if rep.role.strip() else []
    bits.append(f"started {_day(rep.start_date)}")
    if rep.departed_on is not None:
        bits.append(f"left {_day(rep.departed_on)}")
    line = " · ".join(bits)
    return line[0].upper() + line[1:] if not rep.role.strip() else line


def agreement_markdown(
    agreement: Agreement,
    rep: Rep,
    settings: TeamSettings,
    *,
    all_versions: Sequence[Agreement] = (),
    next_review: pendulum.Date | None = None,
) -> str:
    """The agreement as a Markdown document (ends with a newline). ``all_versions`` (the
    rep's other versions) lets the footer say which version this one replaces, or which
    newer version replaces it; ``next_review`` (``schedule.next_review``) is the date the
    footer gives for the version in force."""
    a = agreement
    name = inline(rep.name) if rep.name.strip() else NO_NAME
    manager = manager_of(a, settings)
    due = review_shown(a, all_versions, next_review)
    if a.is_agreed and due is None and a.agreed_on is not None:
        due = a.next_review or quarter_after(a.agreed_on)
    front = front_matter(
        [
            ("title", yaml_string(f"Agreement: {rep.name}")),
            ("rep", yaml_string(rep.name)),
            ("role", yaml_string(rep.role)),
            ("manager", yaml_string(manager)),
            ("version", str(a.version)),
            ("state", yaml_string("agreed" if a.is_agreed else "draft")),
            ("agreed_on", _yaml_day(a.agreed_on)),
            ("next_review", _yaml_day(due)),
            ("acknowledged_on", _yaml_day(a.acknowledged_on)),
            ("acknowledged_how", yaml_string(a.acknowledged_how) if a.acknowledged_on else "null"),
            ("tags", yaml_list(["agreement", TAG])),
            ("aliases", yaml_list([f"{rep.name} agreement v{a.version}"])),
        ]
    )
    blocks: list[str] = [f"# Agreement: {name}", intro_line(rep)]
    for part in AGREEMENT_PARTS:
        blocks.append(f"## {part.heading}")
        for f in part.fields:
            blocks += _field_blocks(a, f)
    blocks.append("---")
    footer = status_line(a, review_shown(a, all_versions, next_review))
    if a.inherited:
        footer += " · agreed under a previous manager"
    blocks.append(footer)
    note = versions_note(a, all_versions)
    if note:
        blocks.append(note)
    blocks.append(f"Manager: {inline(manager) if manager.strip() else NO_NAME}")
    if a.is_agreed:
        blocks.append(inline(acknowledgement_text(a, rep)))
    signers = [("Rep", rep.name), ("Manager", manager)]
    blocks.append(
        _table(
            SIGN_HEADER,
            ("---", "---", "---", "---"),
            [(who, cell(person) if person.strip() else " ", " ", " ") for who, person in signers],
        )
    )
    return front + "\n\n".join(blocks) + "\n"


def acknowledgement_text(a: Agreement, rep: Rep) -> str:
    """``Acknowledged by Sam on 2026-01-21, in person.`` or ``Not acknowledged by Sam yet.``
    (plain text: the export escapes it, the screen shows it as it is)."""
    first = rep.name.split()[0] if rep.name.split() else "the rep"
    if a.acknowledged_on is None:
        return f"Not acknowledged by {first} yet."
    how = f", {a.acknowledged_how}" if a.acknowledged_how.strip() else ""
    return f"Acknowledged by {first} on {_day(a.acknowledged_on)}{how}."


def _yaml_day(day: pendulum.Date | None) -> str:
    return day.isoformat() if day is not None else "null"


__all__ = [
    "COMM_HEADER",
    "NONE_YET",
    "PART_TITLES",
    "QUOTA_HEADER",
    "SIGN_HEADER",
    "STEPS_INTRO",
    "acknowledgement_text",
    "agreement_markdown",
    "comm_cells",
    "is_blank_rule",
    "manager_of",
    "review_shown",
    "status_line",
    "versions_note",
]

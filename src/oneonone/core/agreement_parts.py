"""The agreement's five parts, declared once: number, title, the fields each holds and what
kind of lines they are. The part editor, the agreement screen's document, the Markdown
export and the diff between versions are all driven from ``AGREEMENT_PARTS``.

UI-free: nothing here imports Textual.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class LineKind(StrEnum):
    """What a field of the agreement holds, which decides how it is edited and shown."""

    QUOTA = "quota"  # quota lines: a table (what, number, unit, period)
    BULLETS = "bullets"  # lines of text: a bulleted list
    STEPS = "steps"  # consequence steps: a numbered list, first step first
    CHANNELS = "channels"  # one rule per urgency: a table of how to reach each other
    TEXT = "text"  # one line of text


@dataclass(frozen=True)
class PartField:
    """One field of a part. ``heading``: its sub-heading in the document (None: the part's
    title is its heading); ``label``: what the editor calls it; ``hint``: the editor's
    example; ``agreement_only``: left out of the team template."""

    name: str
    kind: LineKind
    heading: str | None
    label: str
    hint: str = ""
    agreement_only: bool = False

    @property
    def title(self) -> str:
        """What the diff between versions calls it: its heading, else its part's title."""
        return self.heading if self.heading is not None else _PART_OF[self.name].title


@dataclass(frozen=True)
class AgreementPart:
    """One of the five parts of the agreement, in the order of the expectations conversation.
    ``prompt``: the question the editor puts before the fields; ``in_template``: the team
    template holds this part too."""

    number: int
    title: str
    fields: tuple[PartField, ...]
    prompt: str = ""
    in_template: bool = True

    @property
    def heading(self) -> str:
        """ "1. What I expect from you": the part's heading in the document and the export."""
        return f"{self.number}. {self.title}"

    def field_names(self) -> tuple[str, ...]:
        """The names of the part's fields, in order."""
        return tuple(f.name for f in self.fields)


AGREEMENT_PARTS: tuple[AgreementPart, ...] = (
    AgreementPart(
        1,
        "What I expect from you",
        (
            PartField("quota_lines", LineKind.QUOTA, "Quota", "Quota (number, unit, period)"),
            PartField(
                "activity",
                LineKind.BULLETS,
                "Activity",
                "Activity",
                hint="Discovery calls every morning",
            ),
            PartField(
                "conduct", LineKind.BULLETS, "Conduct and integrity", "Conduct and integrity"
            ),
            PartField("work_schedule", LineKind.TEXT, "Work schedule", "The agreed work schedule"),
            PartField(
                "job_loss",
                LineKind.TEXT,
                "What would cost you the job",
                "What would cost you the job, in plain words",
            ),
        ),
    ),
    AgreementPart(
        2,
        "What you can expect from me",
        (PartField("manager_commitments", LineKind.BULLETS, None, "What you can expect from me"),),
    ),
    AgreementPart(
        3,
        "What else you asked of me",
        (PartField("rep_requests", LineKind.BULLETS, None, "What else you asked of me"),),
        prompt="\"What else do you need that I didn't mention? What else are you expecting "
        'from me?"',
        in_template=False,
    ),
    AgreementPart(
        4,
        "How we reach each other",
        (
            PartField("comm_rules", LineKind.CHANNELS, None, "How we reach each other"),
            PartField("open_door", LineKind.TEXT, "Open door", "My open-door rules"),
            PartField(
                "rep_hours",
                LineKind.TEXT,
                "Your working hours",
                "Your working hours",
                agreement_only=True,
            ),
        ),
    ),
    AgreementPart(
        5,
        "If I don't hold up my end",
        (PartField("consequence_steps", LineKind.STEPS, None, "Consequence steps"),),
        prompt='"What do you want me to do if you don\'t hold up your end of the bargain?" '
        "In the rep's own words, first step first.",
        in_template=False,
    ),
)

_PART_OF = {f.name: p for p in AGREEMENT_PARTS for f in p.fields}


def part(number: int) -> AgreementPart:
    """The part numbered ``number`` (1-5)."""
    return AGREEMENT_PARTS[number - 1]


def all_fields() -> tuple[PartField, ...]:
    """Every field of the agreement, in document order."""
    return tuple(f for p in AGREEMENT_PARTS for f in p.fields)


TEMPLATE_PARTS: tuple[int, ...] = tuple(p.number for p in AGREEMENT_PARTS if p.in_template)

__all__ = [
    "AGREEMENT_PARTS",
    "TEMPLATE_PARTS",
    "AgreementPart",
    "LineKind",
    "PartField",
    "all_fields",
    "part",
]

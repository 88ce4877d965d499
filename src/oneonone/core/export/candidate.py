"""A candidate as a Markdown document (``oneonone export candidate NAME``): who, where they
are (interviewing, hired, not hired and why), and each interview: the expectations discussed
(quota lines in a table, activity, conduct, what would cost the job), the behavioural
questions with the answers, and the notes. YAML front matter first, as every export; every
piece of user text goes through ``escape.inline`` / ``escape.cell`` / ``text_block``, so it
reads as typed and never changes the document's structure.
"""

from __future__ import annotations

from oneonone.core.agreements import format_number
from oneonone.core.candidates import status_text
from oneonone.core.export.agreement import NO_NAME, QUOTA_HEADER
from oneonone.core.export.escape import cell, inline
from oneonone.core.export.frontmatter import TAG, front_matter, yaml_list, yaml_string
from oneonone.core.export.session_page import text_block
from oneonone.core.model import Candidate, CandidateState, Interview

NONE_YET = "*(not discussed)*"


def _bullets(items: list[str]) -> str:
    return "\n".join(f"- {inline(item)}" for item in items) if items else NONE_YET


def _quota(interview: Interview) -> str:
    if not interview.quota_lines:
        return NONE_YET
    rows = [
        (cell(q.label), cell(format_number(q.number)), cell(q.unit), cell(q.period.value))
        for q in interview.quota_lines
    ]
    lines = ["| " + " | ".join(QUOTA_HEADER) + " |", "| --- | ---: | --- | --- |"]
    return "\n".join([*lines, *("| " + " | ".join(r) + " |" for r in rows)])


def _interview_blocks(n: int, interview: Interview) -> list[str]:
    who = f" with {inline(interview.interviewers)}" if interview.interviewers.strip() else ""
    blocks = [f"## Interview {n}: {interview.held_on.isoformat()}{who}", "### Quota"]
    blocks.append(_quota(interview))
    blocks += ["### Activity", _bullets(interview.activity)]
    blocks += ["### Conduct and integrity", _bullets(interview.conduct)]
    blocks.append("### What would cost the job")
    blocks.append(inline(interview.job_loss) if interview.job_loss.strip() else NONE_YET)
    blocks.append("### Behavioural questions")
    if not interview.questions:
        blocks.append(NONE_YET)
    else:
        rows = [(cell(q.question), cell(q.answer)) for q in interview.questions]
        lines = ["| Question | Answer |", "| --- | --- |"]
        blocks.append("\n".join([*lines, *("| " + " | ".join(r) + " |" for r in rows)]))
    blocks += ["### Notes", text_block(interview.notes)]
    return blocks


def candidate_markdown(candidate: Candidate) -> str:
    """The candidate as a Markdown document (ends with a newline)."""
    c = candidate
    decided = c.decided_on.isoformat() if c.decided_on else "null"
    front = front_matter(
        [
            ("title", yaml_string(f"Candidate: {c.name}")),
            ("candidate", yaml_string(c.name)),
            ("role", yaml_string(c.role)),
            ("state", yaml_string(c.state.value)),
            ("decided_on", decided),
            ("interviews", yaml_list([i.held_on.isoformat() for i in c.interviews])),
            ("tags", yaml_list(["candidate", TAG])),
        ]
    )
    role = f" · {inline(c.role)}" if c.role.strip() else ""
    name = inline(c.name) if c.name.strip() else NO_NAME
    blocks = [f"# Candidate: {name}", f"{inline(status_text(c))}{role}"]
    if c.state is CandidateState.NOT_HIRED and c.reason.strip():
        blocks.append(f"Not hired: {inline(c.reason)}")
    if not c.interviews:
        blocks.append("*(no interview recorded yet)*")
    for n, interview in enumerate(c.interviews, 1):
        blocks += _interview_blocks(n, interview)
    return front + "\n\n".join(blocks) + "\n"


__all__ = ["candidate_markdown"]

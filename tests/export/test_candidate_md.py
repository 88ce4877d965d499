"""A candidate's Markdown export: whatever was typed (names, expectations, questions, answers,
notes) reads back exactly and never changes the document's structure."""

from __future__ import annotations

import pendulum
from hypothesis import given, settings
from hypothesis import strategies as st

from oneonone.core.export.candidate import candidate_markdown
from oneonone.core.export.escape import folded
from oneonone.core.model import (
    Candidate,
    CandidateState,
    Interview,
    InterviewQuestion,
    Period,
    QuotaLine,
)
from tests.export.mdblocks import blocks
from tests.export.mdparse import EM
from tests.export.strategies import SHORT, TEXTS

HELD = pendulum.Date(2026, 11, 20)
NO_NAME = f"{EM}(no name set){EM}"
SECTIONS = [
    "Quota",
    "Activity",
    "Conduct and integrity",
    "What would cost the job",
    "Behavioural questions",
    "Notes",
]
quota_lines = st.builds(
    QuotaLine,
    label=SHORT,
    number=st.integers(0, 10**9).map(float),
    unit=SHORT,
    period=st.sampled_from(Period),
)


@settings(max_examples=40, deadline=None)
@given(
    name=TEXTS,
    who=SHORT,
    quota=st.lists(quota_lines, max_size=3),
    lines=st.lists(SHORT, max_size=3),
    job_loss=TEXTS,
    asked=st.lists(st.tuples(TEXTS, TEXTS), max_size=2),
    notes=TEXTS,
    reason=TEXTS,
)
def test_every_text_reads_back_and_the_structure_holds(
    name: str,
    who: str,
    quota: list[QuotaLine],
    lines: list[str],
    job_loss: str,
    asked: list[tuple[str, str]],
    notes: str,
    reason: str,
) -> None:
    interview = Interview(
        held_on=HELD,
        interviewers=who,
        quota_lines=quota,
        activity=lines,
        conduct=lines,
        job_loss=job_loss,
        questions=[InterviewQuestion(q, a) for q, a in asked],
        notes=notes,
    )
    c = Candidate(
        name=name,
        state=CandidateState.NOT_HIRED,
        decided_on=HELD,
        reason=reason,
        interviews=[interview],
    )
    got = blocks(candidate_markdown(c))
    assert got[0][0] == "front"
    headings = [(b[1], b[2]) for b in got if b[0] == "h"]
    with_who = f" with {folded(who)}" if who.strip() else ""
    assert headings == [
        (1, f"Candidate: {folded(name) if name.strip() else NO_NAME}"),
        (2, f"Interview 1: 2026-11-20{with_who}"),
        *((3, s) for s in SECTIONS),
    ]
    tables = [b for b in got if b[0] == "table"]
    expected = [[folded(q), folded(a)] for q, a in asked]
    assert [t[2] for t in tables[1 if quota else 0 :]] == ([expected] if asked else [])
    assert [len(t[2]) for t in tables[:1] if quota] == ([len(quota)] if quota else [])
    bullets = [b[1] for b in got if b[0] == "ul"]
    assert bullets == ([[folded(t) for t in lines]] * 2 if lines else [])
    if reason.strip():
        assert ("p", f"Not hired: {folded(reason)}") in got
    if job_loss.strip():
        assert ("p", folded(job_loss)) in got

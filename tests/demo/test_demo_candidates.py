"""The demo's two candidates: one interviewing with an interview recorded, one not hired; kept
out of the team, and drawn from no random number (the rest of the demo is what it was)."""

from __future__ import annotations

from pathlib import Path

import pendulum

from oneonone.core.model import Candidate, CandidateState, Rep
from oneonone.core.store import Store
from oneonone.demo import demo_file
from oneonone.demo.candidates import demo_candidates

TODAY = pendulum.Date(2026, 11, 20)


def test_the_demo_has_two_candidates_apart_from_the_team(tmp_path: Path) -> None:
    path = demo_file(tmp_path, reps=2, years=0.1, today=TODAY)
    with Store.open(path, read_only=True) as store:
        found = {c.name: c for c in store.all(Candidate)}
        reps = store.all(Rep)
    assert found == {c.name: c for c in demo_candidates(TODAY)}  # the same every run
    priya, marco = found["Priya Raman"], found["Marco Bell"]
    assert priya.state is CandidateState.INTERVIEWING
    (interview,) = priya.interviews
    assert interview.quota_lines and interview.questions and interview.job_loss
    assert marco.state is CandidateState.NOT_HIRED and marco.reason
    assert not {r.name for r in reps} & set(found)

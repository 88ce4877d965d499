"""The team agreement's rules: drafts from the latest agreed version, agreeing, the diff, the
store, and the Markdown export."""

from __future__ import annotations

from pathlib import Path

import pendulum
import pytest

from oneonone.core import team_agreement as team
from oneonone.core.agreements import AgreementError, AgreementProblems, apply_changes
from oneonone.core.export.team_agreement import team_agreement_markdown
from oneonone.core.model import Rep, TeamAgreement, TeamPart, TeamSettings
from oneonone.core.store import Store

D = pendulum.Date


SEPT = D(2026, 9, 1)


def _agreed(lines: list[str], on: D = SEPT, version: int = 1) -> TeamAgreement:
    draft = TeamAgreement(version=version, integrity=lines, side_deals=["No side deals, ever"])
    return team.agree(draft, on, "Morgan")


def test_first_draft_is_v1_and_empty() -> None:
    draft = team.start_draft([], "Morgan")
    assert (draft.version, draft.is_agreed, draft.manager_name) == (1, False, "Morgan")
    assert team.is_empty(draft)


def test_new_draft_starts_from_the_latest_agreed_version() -> None:
    v1 = _agreed(["Tell the truth"])
    v2 = team.agree(team.revise(v1), D(2026, 12, 4), "Morgan")
    draft = team.start_draft([v2, v1], "Morgan")
    assert (draft.version, draft.state.value, draft.agreed_on) == (3, "draft", None)
    assert draft.integrity == v2.integrity and draft.id not in {v1.id, v2.id}
    draft.integrity.append("x")  # a copy: the agreed version is untouched
    assert v2.integrity == ["Tell the truth"]
    # an open draft is the one edited again
    assert team.start_draft([v1, v2, draft], "Morgan") is draft


def test_agreed_is_never_changed() -> None:
    v1 = _agreed(["Tell the truth"])
    with pytest.raises(AgreementError, match="cannot change"):
        team.with_part(v1, 1, ["changed"])
    with pytest.raises(AgreementError, match="cannot change"):
        team.agree(v1, D(2026, 10, 1), "Morgan")


def test_agree_needs_a_line_and_not_before_the_version_in_force() -> None:
    with pytest.raises(AgreementProblems, match="at least one line"):
        team.agree(TeamAgreement(), D(2026, 9, 1), "Morgan")
    v1 = _agreed(["Tell the truth"])
    with pytest.raises(AgreementError, match="cannot be earlier"):
        team.agree(team.revise(v1), D(2026, 8, 1), "Morgan", previous=v1)
    with pytest.raises(AgreementError, match="is after today"):
        team.agree(team.revise(v1), D(2027, 3, 1), "Morgan", previous=v1, today=D(2026, 12, 4))
    # the next review: the team review scheduled, else one quarter on
    v2 = team.agree(team.revise(v1), D(2026, 12, 4), "Morgan", next_review=D(2027, 1, 1))
    assert v2.next_review == D(2027, 1, 1)
    assert v1.next_review == D(2026, 12, 1)


def test_extra_parts_added_edited_removed_and_checked() -> None:
    draft = TeamAgreement()
    draft = team.with_part(draft, 6, ["Demo day is Friday"], title="  Demo   days ")
    assert draft.extra_parts == [TeamPart("Demo days", ["Demo day is Friday"])]
    assert team.part_titles(draft)[-1] == "Demo days"
    draft = team.with_part(draft, 6, [], title="")  # emptied: removed
    assert draft.extra_parts == []
    with pytest.raises(ValueError, match="no part 8"):
        team.with_part(draft, 8, ["x"], title="y")
    bad = TeamAgreement(
        integrity=[" "], extra_parts=[TeamPart("", ["a"]), TeamPart("no side deals", [])]
    )
    found = [str(p) for p in team.problems(bad)]
    assert "How we sell with integrity: line 1 is empty." in found
    assert "Part 6 needs a title." in found
    assert "Part 7's title is used by another part." in found


def test_diff_is_exact_and_follows_extra_parts_by_title() -> None:
    v1 = _agreed(["Tell the truth", "Log every call"])
    draft = team.with_part(team.revise(v1), 1, ["Tell the truth", "Log every call today"])
    draft = team.with_part(draft, 6, ["Fridays"], title="Demo days")
    parts = {p.title: p for p in team.diff(v1, draft)}
    assert set(parts) == {"How we sell with integrity", "Demo days"}
    change = parts["How we sell with integrity"].changes[0]
    assert (change.kind, change.old, change.new) == (
        "changed",
        ("Log every call",),
        ("Log every call today",),
    )
    old = dict(team.part_lines(v1))["How we sell with integrity"]
    new = dict(team.part_lines(draft))["How we sell with integrity"]
    assert apply_changes(old, parts["How we sell with integrity"].changes) == new
    assert parts["Demo days"].changes[0].kind == "added"
    assert team.diff(v1, v1) == []


def test_summary_line() -> None:
    assert team.summary([]) == "No team agreement yet"
    v1 = _agreed(["Tell the truth"], on=D(2026, 12, 4))
    assert team.summary([v1]) == "Team agreement v1, agreed 4 Dec 2026"
    assert team.summary([v1, team.revise(v1)]) == (
        "Team agreement v1, agreed 4 Dec 2026 (v2 in draft)"
    )
    assert team.summary([TeamAgreement()]) == "Team agreement v1: a draft, not agreed yet"


def test_stored_and_read_back(tmp_path: Path) -> None:
    v1 = _agreed(["Tell the truth"])
    v1 = team.with_part(team.revise(v1), 6, ["Fridays"], title="Demo days")
    with Store.open(tmp_path / "data.json") as store:
        store.put(v1)
        store.save_pending()
    with Store.open(tmp_path / "data.json") as store:
        assert store.all(TeamAgreement) == [v1]


def test_markdown_export_escapes_and_signs() -> None:
    v1 = _agreed(["# not a heading", "*no* emphasis | pipe"], on=D(2026, 9, 1))
    v2 = team.agree(team.revise(v1), D(2026, 12, 4), "Morgan")
    text = team_agreement_markdown(
        v1,
        TeamSettings(manager_name="Morgan"),
        reps=[Rep("Sam | Lee", D(2026, 1, 5))],
        all_versions=[v1, v2],
        next_review=D(2027, 1, 1),
    )
    front = text.split("---\n")[1]
    assert 'title: "Team agreement"' in front
    assert "version: 1\n" in front and "agreed_on: 2026-09-01\n" in front
    assert "next_review: 2026-12-01\n" in front  # superseded: the date it fell due
    assert 'tags: ["team-agreement", "one-on-ones"]' in front
    assert "## 1. How we sell with integrity\n\n- \\# not a heading\n- \\*no\\* emphasis" in text
    assert "## 3. How we treat the leaderboard\n\n*(none written yet)*" in text
    assert "Version 2, agreed on 2026-12-04, replaces this one." in text
    assert "| Manager | Morgan |   |   |" in text
    assert "| Rep | Sam \\| Lee |   |   |" in text
    latest = team_agreement_markdown(
        v2, TeamSettings(), all_versions=[v1, v2], next_review=D(2027, 1, 1)
    )
    assert "next_review: 2027-01-01\n" in latest
    assert "This replaces version 1, agreed on 2026-09-01." in latest

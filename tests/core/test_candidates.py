"""Candidates: the record and its rules (add, edit, interviews, not hired, hire with the first
agreement draft filled from the interview), search and the Markdown export."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pendulum
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from oneonone.core import candidates as rules
from oneonone.core.agreements import start_agreement
from oneonone.core.candidates import CandidateError, InterviewDraft
from oneonone.core.export.candidate import candidate_markdown
from oneonone.core.model import (
    AgreementState,
    AgreementTemplate,
    Candidate,
    CandidateState,
    Interview,
    InterviewQuestion,
    Period,
    QuotaLine,
    Rep,
    RepStatus,
)
from oneonone.core.search import KIND_CANDIDATE, SearchIndex
from oneonone.core.store import Store

TODAY = pendulum.date(2026, 11, 27)


def _interview(**typed: str) -> InterviewDraft:
    values = {
        "held_on": "2026-11-20",
        "interviewers": "Dana, Lee",
        "quota": "New ARR: 120,000 USD per quarter\nDemos — 8 demos per week",
        "activity": "Discovery calls every morning\n",
        "conduct": "No side deals",
        "job_loss": "Lying to a customer",
        "questions": "Q: Tell me about a quota you missed.\nA: Q3 last year; I owned it.\n"
        "and told my manager first",
        "notes": "Strong on follow-up",
    }
    values.update(typed)
    return InterviewDraft(**values)


def _candidate(name: str = "Ann Lee") -> Candidate:
    c = rules.build_candidate(name, "Account Executive", others=[])
    return rules.add_interview(c, rules.build_interview(_interview(), today=TODAY))


# --- the candidate --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("", "Name cannot be empty."),
        ("   ", "Name cannot be empty."),
        ("A" * 121, "Name is too long (121 characters; at most 120)."),
        ("Ann\x1b[2JLee", "Name cannot contain control characters."),
    ],
)
def test_a_bad_name_is_refused_with_a_clear_message(name: str, message: str) -> None:
    with pytest.raises(CandidateError) as caught:
        rules.build_candidate(name, "", others=[])
    assert caught.value.field == "name"
    assert str(caught.value) == message


def test_a_second_candidate_interviewing_under_the_same_name_is_refused() -> None:
    ann = rules.build_candidate("Ann Lee", "", others=[])
    with pytest.raises(CandidateError, match="already a candidate named 'Ann Lee'"):
        rules.build_candidate("ann lee", "", others=[ann])
    edited = rules.build_candidate(" Ann Lee ", "AE", others=[ann], existing=ann)
    assert (edited.id, edited.name, edited.role) == (ann.id, "Ann Lee", "AE")
    gone = rules.mark_not_hired(ann, TODAY, "Chose another")
    assert rules.build_candidate("Ann Lee", "", others=[gone]).id != ann.id  # may reapply


# --- the interview --------------------------------------------------------------------------------


def test_an_interview_keeps_the_expectations_and_the_questions() -> None:
    i = rules.build_interview(_interview(), today=TODAY)
    assert i.held_on == pendulum.date(2026, 11, 20)
    assert [(q.label, q.number, q.unit, q.period) for q in i.quota_lines] == [
        ("New ARR", 120_000, "USD", Period.QUARTER),
        ("Demos", 8, "demos", Period.WEEK),
    ]
    assert i.activity == ["Discovery calls every morning"]
    # the box breaks lines at LF, CR and CRLF only: a U+2028 pasted in a line stays in it
    pasted = rules.build_interview(
        _interview(activity="Calls\u2028daily\r\nDemos\rCRM"), today=TODAY
    )
    assert pasted.activity == ["Calls\u2028daily", "Demos", "CRM"]
    assert i.conduct == ["No side deals"]
    assert i.job_loss == "Lying to a customer"
    assert [(q.question, q.answer) for q in i.questions] == [
        ("Tell me about a quota you missed.", "Q3 last year; I owned it. and told my manager first")
    ]
    # what the form shows reads back the same
    again = rules.build_interview(InterviewDraft(**rules.interview_values(i)), today=TODAY)
    assert (again.held_on, again.questions) == (i.held_on, i.questions)
    assert [(q.label, q.number, q.unit, q.period) for q in again.quota_lines] == [
        (q.label, q.number, q.unit, q.period) for q in i.quota_lines
    ]
    assert (again.activity, again.conduct, again.job_loss, again.notes) == (
        i.activity,
        i.conduct,
        i.job_loss,
        i.notes,
    )


def test_an_interview_put_right_replaces_the_one_of_its_id() -> None:
    c = _candidate()
    first = c.interviews[0]
    fixed = replace(
        rules.build_interview(_interview(held_on="2026-11-01", notes="Typo fixed"), today=TODAY),
        id=first.id,
    )
    later = rules.build_interview(_interview(held_on="2026-11-10"), today=TODAY)
    c = rules.replace_interview(rules.add_interview(c, later), fixed)
    assert [(i.held_on.day, i.notes) for i in c.interviews] == [
        (1, "Typo fixed"),
        (10, "Strong on follow-up"),
    ]
    with pytest.raises(CandidateError, match="Ann Lee has no such interview"):
        rules.replace_interview(c, rules.build_interview(_interview(), today=TODAY))


@pytest.mark.parametrize(
    ("typed", "field", "says"),
    [
        ({"held_on": "02/03/2026"}, "held_on", "Date:"),
        ({"held_on": "2026-02-30"}, "held_on", "not a real date"),
        ({"held_on": ""}, "held_on", "No date given"),
        ({"held_on": "+3d"}, "held_on", "after today"),
        ({"quota": "New ARR lots"}, "quota", "Quota line 1 ('New ARR lots') does not read"),
        ({"quota": "ARR: 12 USD per fortnight"}, "quota", "'fortnight' is not a period"),
        ({"quota": "ARR: 1,00 USD per month"}, "quota", "is not a number"),
        ({"quota": "ARR: 100 per month"}, "quota", "needs a unit"),
        ({"activity": "ok\ncalls\x07"}, "activity", "Activity line 2 cannot contain control"),
        ({"questions": "A: an answer first"}, "questions", "no question before it"),
        ({"questions": "Q:\nA: yes"}, "questions", "Question 1 is empty"),
        ({"conduct": "x\n" * 51}, "conduct", "51 lines, at most 50"),
        ({"interviewers": "D" * 121}, "interviewers", "too long"),
    ],
)
def test_a_bad_interview_is_refused_naming_the_field(
    typed: dict[str, str], field: str, says: str
) -> None:
    with pytest.raises(CandidateError) as caught:
        rules.build_interview(_interview(**typed), today=TODAY)
    assert caught.value.field == field
    assert says in str(caught.value)
    assert "\n" not in str(caught.value)


def test_interviews_are_kept_in_date_order_and_refused_once_decided() -> None:
    c = _candidate()
    earlier = rules.build_interview(_interview(held_on="2026-11-02"), today=TODAY)
    c = rules.add_interview(c, earlier)
    assert rules.interview_dates(c) == "2026-11-02, 2026-11-20"
    gone = rules.mark_not_hired(c, TODAY, "Chose another candidate")
    with pytest.raises(CandidateError, match="was not hired on 2026-11-27: no more interviews"):
        rules.add_interview(gone, earlier)


# --- not hired ------------------------------------------------------------------------------------


def test_not_hired_needs_a_reason_and_is_kept_marked() -> None:
    c = _candidate()
    with pytest.raises(CandidateError, match="Reason cannot be empty"):
        rules.mark_not_hired(c, TODAY, "  ")
    with pytest.raises(CandidateError, match="2026-11-28 is after today") as caught:
        rules.mark_not_hired(c, TODAY.add(days=1), "No", today=TODAY)
    assert caught.value.field == "decided_on"
    with pytest.raises(CandidateError, match=r"before their last interview \(2026-11-20\)"):
        rules.mark_not_hired(c, pendulum.date(2026, 11, 19), "No")
    gone = rules.mark_not_hired(c, TODAY, " Did not own the missed quota ")
    assert (gone.state, gone.decided_on, gone.reason) == (
        CandidateState.NOT_HIRED,
        TODAY,
        "Did not own the missed quota",
    )
    assert gone.interviews == c.interviews
    assert rules.status_text(gone) == "not hired 2026-11-27"
    with pytest.raises(CandidateError, match="was not hired"):
        rules.mark_not_hired(gone, TODAY, "again")


# --- hired ----------------------------------------------------------------------------------------


def test_hiring_makes_a_rep_whose_first_draft_is_what_was_said_at_interview() -> None:
    template = AgreementTemplate(
        quota_lines=[
            QuotaLine("New ARR", 90_000, "USD", Period.QUARTER),
            QuotaLine("Calls", 50, "calls", Period.WEEK),
        ],
        activity=["Update the CRM daily", "discovery calls every morning"],
        conduct=["Tell the truth"],
        job_loss="Fraud",
        manager_commitments=["A weekly one-on-one"],
    )
    c = _candidate()
    hired = rules.hire(c, "+3d", today=TODAY, team=[], template=template, manager_name="Dana")
    rep, draft = hired.rep, hired.draft
    assert (rep.name, rep.role, rep.start_date) == (
        "Ann Lee",
        "Account Executive",
        TODAY.add(days=3),
    )
    assert rep.status is RepStatus.ONBOARDING
    assert (hired.candidate.state, hired.candidate.rep_id) == (CandidateState.HIRED, rep.id)
    assert hired.records == [rep, draft, hired.candidate]
    assert (draft.rep_id, draft.version, draft.state) == (rep.id, 1, AgreementState.DRAFT)
    assert [(q.label, q.number) for q in draft.quota_lines] == [
        ("New ARR", 120_000),  # said at interview: wins over the template's 90,000
        ("Demos", 8),
        ("Calls", 50),  # the template's other lines stay
    ]
    assert draft.activity == ["Discovery calls every morning", "Update the CRM daily"]
    assert draft.conduct == ["No side deals", "Tell the truth"]
    assert draft.job_loss == "Lying to a customer"
    assert draft.manager_commitments == ["A weekly one-on-one"]
    assert draft.consequence_steps == [] and draft.rep_requests == []  # the rep's own words
    # the agreement screen's own start finds this draft as the one to edit
    assert start_agreement(rep, [draft], template, "Dana") is draft


def test_hiring_is_refused_with_a_clear_message() -> None:
    c = _candidate()
    kw = {"today": TODAY, "template": AgreementTemplate(), "manager_name": "Dana"}
    with pytest.raises(CandidateError) as caught:
        rules.hire(c, "soon", team=[], **kw)  # type: ignore[arg-type]
    assert caught.value.field == "start_date"
    assert str(caught.value).startswith("Start date: ")
    ann = Rep(name="ann lee", start_date=TODAY)
    with pytest.raises(CandidateError, match="already a rep named 'ann lee'"):
        rules.hire(c, "today", team=[ann], **kw)  # type: ignore[arg-type]
    gone = rules.mark_not_hired(c, TODAY, "No")
    with pytest.raises(CandidateError, match="Ann Lee was not hired on 2026-11-27"):
        rules.hire(gone, "today", team=[], **kw)  # type: ignore[arg-type]


def test_a_candidate_without_interviews_is_hired_on_the_template() -> None:
    template = AgreementTemplate(activity=["Calls"], job_loss="Fraud")
    c = rules.build_candidate("Bo", "", others=[])
    draft = rules.hire(
        c, "2026-01-05", today=TODAY, team=[], template=template, manager_name="D"
    ).draft
    assert (draft.activity, draft.job_loss) == (["Calls"], "Fraud")


# --- the list, lookup ---------------------------------------------------------------------------


def test_the_list_order_and_finding_one_by_name() -> None:
    ann = _candidate("Ann Lee")
    bo = rules.mark_not_hired(_candidate("Bo Chen"), TODAY, "no")
    cy = _candidate("Cy Ames")
    assert [c.name for c in rules.ordered([bo, cy, ann])] == ["Ann Lee", "Cy Ames", "Bo Chen"]
    assert rules.find_candidate([ann, bo, cy], "chen") is bo
    assert rules.find_candidate([ann, bo, cy], "ANN LEE") is ann
    with pytest.raises(CandidateError, match=r"No candidate named .zed.\. Candidates: Ann Lee"):
        rules.find_candidate([ann, bo, cy], "zed")
    with pytest.raises(CandidateError, match="names several candidates"):
        rules.find_candidate([ann, _candidate("Ann Ma")], "ann")


# --- stored, searched, exported -----------------------------------------------------------------


def test_a_candidate_is_stored_and_read_back(tmp_path: Path) -> None:
    c = _candidate()
    with Store.open(tmp_path / "f.json") as store:
        store.put(c)
    with Store.open(tmp_path / "f.json", read_only=True) as store:
        assert store.all(Candidate) == [c]
        assert store.all(Rep) == []  # never in the roster


def test_interview_notes_are_searchable() -> None:
    c = _candidate()
    index = SearchIndex.from_records([c])
    hits = index.search("owned")
    assert [(h.kind, h.record_id, h.where) for h in hits] == [
        (KIND_CANDIDATE, c.id, "Ann Lee · interview 2026-11-20 · Answer")
    ]
    assert hits[0].when == pendulum.date(2026, 11, 20)
    assert index.search("side deals")[0].where.endswith("· Conduct")
    gone = rules.mark_not_hired(c, TODAY, "Chose a stronger closer")
    index.update(gone)
    assert index.search("stronger")[0].where == "Ann Lee · not hired: reason"


def test_search_reads_a_damaged_candidate_without_failing(tmp_path: Path) -> None:
    path = tmp_path / "f.json"
    with Store.open(path) as store:
        store.put(_candidate())
        doc = {"id": "x", "name": ["not text"], "interviews": [{"held_on": 5, "notes": "kept"}, 3]}
        store.db.records("candidates").put("x", doc)
    with Store.open(path, read_only=True) as store:
        index = SearchIndex.build(store)
    assert [h.record_id for h in index.search("kept")] == ["x"]


def test_the_markdown_export_escapes_what_was_typed() -> None:
    c = rules.build_candidate("Ann *Lee*", "# AE", others=[])
    c = rules.add_interview(
        c,
        rules.build_interview(_interview(notes="line one\n| a | b |\n<script>"), today=TODAY),
    )
    text = candidate_markdown(c)
    assert text.startswith('---\ntitle: "Candidate: Ann *Lee*"\n')
    assert "# Candidate: Ann \\*Lee\\*" in text
    assert "| New ARR | 120,000 | USD | quarter |" in text
    assert "| Tell me about a quota you missed. | Q3 last year; I owned it." in text
    assert "\\| a | b |" in text and "\\<script>" in text  # shown as text, never run


# --- what the form shows reads back as it was --------------------------------------------------

_WORDS = st.text(
    st.characters(blacklist_categories=("Cc", "Cs", "Zs"), blacklist_characters="\u2028\u2029"),
    min_size=1,
    max_size=12,
)
_LINE = st.lists(_WORDS, min_size=1, max_size=4).map(" ".join)
_LABEL = st.lists(
    st.text("abcdefghijklmnopqrstuvwxyzé", min_size=1, max_size=8), min_size=1, max_size=3
).map(" ".join)


@settings(max_examples=40, deadline=None)
@given(
    quota=st.lists(
        st.tuples(_LABEL, st.integers(0, 10**9), _LABEL, st.sampled_from(list(Period))),
        max_size=3,
    ),
    activity=st.lists(_LINE, max_size=3),
    questions=st.lists(st.tuples(_LINE, st.one_of(st.just(""), _LINE)), max_size=3),
    notes=st.lists(_LINE, max_size=3).map("\n".join),
)
def test_an_interview_reads_back_from_what_the_form_shows(
    quota: list[tuple[str, int, str, Period]],
    activity: list[str],
    questions: list[tuple[str, str]],
    notes: str,
) -> None:
    made = Interview(
        held_on=TODAY,
        quota_lines=[QuotaLine(label, float(n), unit, period) for label, n, unit, period in quota],
        activity=activity,
        questions=[InterviewQuestion(q, a) for q, a in questions],
        notes=notes,
    )
    again = rules.build_interview(InterviewDraft(**rules.interview_values(made)), today=TODAY)
    assert [(q.label, q.number, q.unit, q.period) for q in again.quota_lines] == quota
    assert (again.activity, again.questions, again.notes) == (activity, made.questions, notes)

"""Agreement rules without the UI: numbers, validation, versions, the template, agreeing,
review due dates and the exact part-by-part diff."""

from __future__ import annotations

import calendar
import copy
import datetime as dt
import random
from dataclasses import fields

import pendulum
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from oneonone.core.agreements import (
    MAX_LINE,
    PARTS,
    AgreementError,
    AgreementProblems,
    Change,
    agree,
    apply_changes,
    assert_editable,
    check,
    diff,
    due_for_review,
    format_number,
    latest_agreed,
    open_draft,
    parse_number,
    part_lines,
    problems,
    quarter_after,
    review_due,
    revise,
    start_agreement,
    template_from,
    versions,
)
from oneonone.core.model import (
    Agreement,
    AgreementState,
    AgreementTemplate,
    CommRule,
    ConsequenceStep,
    Period,
    QuotaLine,
    Rep,
    Urgency,
)

D = pendulum.Date
FAST = settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])

ANN = Rep(name="Ann Lee", start_date=D(2024, 1, 15), id="rep-ann")
BOB = Rep(name="Bob Øster", start_date=D(2026, 2, 20), id="rep-bob")

# Fields a new version gets afresh; everything else is content and must be carried.
NOT_CONTENT = {"id", "version", "state", "agreed_on", "next_review", "created_at", "inherited"}
TEMPLATED = [f.name for f in fields(AgreementTemplate) if f.name != "id"]
REPS_OWN = {"rep_requests": [], "rep_hours": "", "consequence_steps": []}


def full_agreement(**changes: object) -> Agreement:
    """A valid draft with something in every part."""
    values: dict[str, object] = {
        "rep_id": ANN.id,
        "manager_name": "Maya",
        "quota_lines": [
            QuotaLine("New ARR", 120_000.0, "USD", Period.QUARTER, id="q1"),
            QuotaLine("Meetings", 12.0, "meetings", Period.WEEK, id="q2"),
        ],
        "activity": ["20 calls a day", "CRM updated daily"],
        "conduct": ["no side deals"],
        "work_schedule": "Mon-Fri, core hours 10-3",
        "job_loss": "lying to a customer",
        "manager_commitments": ["weekly 1:1", "answer within a day"],
        "rep_requests": ["help with pricing"],
        "comm_rules": [
            CommRule(Urgency.URGENT, "text", "1h", "call", "30m"),
            CommRule(Urgency.ROUTINE, "Slack"),
        ],
        "open_door": "door open 2-4pm",
        "rep_hours": "8-5",
        "consequence_steps": [
            ConsequenceStep("a gentle reminder", id="s1"),
            ConsequenceStep("take me out to lunch", id="s2"),
            ConsequenceStep("a written plan", id="s3"),
        ],
    }
    values.update(changes)
    return Agreement(**values)  # type: ignore[arg-type]


def agreed(version: int, on: D, rep_id: str = ANN.id, **changes: object) -> Agreement:
    a = full_agreement(rep_id=rep_id, version=version, **changes)
    a.state = AgreementState.AGREED
    a.agreed_on = on
    a.next_review = quarter_after(on)
    return a


def draft(version: int, rep_id: str = ANN.id) -> Agreement:
    return full_agreement(rep_id=rep_id, version=version)


def full_template() -> AgreementTemplate:
    return AgreementTemplate(
        quota_lines=[QuotaLine("New ARR", 90_000.0, "USD", Period.QUARTER, id="tq1")],
        activity=["15 calls a day"],
        conduct=["be on time", "no side deals"],
        work_schedule="core hours 10-3",
        job_loss="dishonesty",
        manager_commitments=["weekly 1:1"],
        comm_rules=[CommRule(Urgency.URGENT, "text", "1h", "call", "1h")],
        open_door="always",
    )


# --- numbers --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("120000", 120_000.0),
        ("120,000", 120_000.0),
        ("1,000.5", 1000.5),
        (".5", 0.5),
        (" 42 ", 42.0),
        ("0", 0.0),
        ("1,234,567.25", 1_234_567.25),
        ("1000000000000000", 1e15),
    ],
)
def test_parse_number_accepts(typed: str, expected: float) -> None:
    assert parse_number(typed) == expected


@pytest.mark.parametrize(
    ("typed", "says"),
    [
        ("", "needs a number"),
        ("   ", "needs a number"),
        ("abc", "is not a number"),
        ("1e309", "is not a number"),
        ("1e5", "is not a number"),
        ("NaN", "is not a number"),
        ("inf", "is not a number"),
        ("-inf", "is not a number"),
        ("-1", "cannot be negative"),
        ("1,00", "is not a number"),
        ("1,0000", "is not a number"),
        ("12,34,567", "is not a number"),
        ("1.", "is not a number"),
        ("2,000,000,000,000,000", "too large"),
        ("9" * 400, "too large"),
    ],
)
def test_parse_number_refuses_with_a_readable_message(typed: str, says: str) -> None:
    with pytest.raises(AgreementError) as caught:
        parse_number(typed)
    assert caught.value.field == "number"
    message = str(caught.value)
    assert says in message
    # A sentence for the manager, not Python's own complaint.
    assert message.endswith(".")
    assert "could not convert" not in message
    assert "float" not in message


def test_parse_number_names_the_given_field() -> None:
    with pytest.raises(AgreementError) as caught:
        parse_number("x", field="quota_number")
    assert caught.value.field == "quota_number"


@pytest.mark.parametrize(
    ("value", "shown"),
    [
        (120_000.0, "120,000"),
        (0.0, "0"),
        (1000.5, "1,000.5"),
        (0.5, "0.5"),
        (1e-05, "0.00001"),
    ],
)
def test_format_number(value: float, shown: str) -> None:
    assert format_number(value) == shown
    assert parse_number(shown) == value


@FAST
@given(st.integers(min_value=0, max_value=10**15 - 1))
def test_format_number_round_trips_integers(n: int) -> None:
    text = format_number(float(n))
    assert "." not in text
    assert parse_number(text) == float(n)


@FAST
@given(st.integers(min_value=0, max_value=10**15 - 1), st.integers(min_value=0, max_value=8))
def test_format_number_round_trips_decimals(units: int, places: int) -> None:
    value = units / 10**places
    assert parse_number(format_number(value)) == value


@FAST
@given(st.floats(min_value=0, max_value=1e15, exclude_max=True, allow_nan=False))
def test_format_number_round_trips_any_float_in_range(value: float) -> None:
    assert parse_number(format_number(value)) == value


# --- validation -----------------------------------------------------------------------------


def test_a_full_agreement_has_no_problems() -> None:
    a = full_agreement()
    assert problems(a) == []
    assert problems(a, to_agree=True) == []
    check(a, to_agree=True)
    assert problems(full_template()) == []


def test_quota_line_without_label_or_unit() -> None:
    a = full_agreement(quota_lines=[QuotaLine(" ", 5.0, "", Period.MONTH)])
    found = problems(a)
    assert [p.field for p in found] == ["quota_lines", "quota_lines"]
    assert [str(p) for p in found] == ["Quota line 1 needs a name.", "Quota line 1 needs a unit."]


@pytest.mark.parametrize("number", [float("nan"), float("inf"), -1.0])
def test_quota_line_with_a_bad_number(number: float) -> None:
    a = full_agreement(quota_lines=[QuotaLine("ARR", number, "USD", Period.MONTH)])
    assert [str(p) for p in problems(a)] == ["Quota line 1 needs a number."]


@pytest.mark.parametrize(
    ("field", "label"),
    [
        ("activity", "Activity"),
        ("conduct", "Conduct"),
        ("manager_commitments", "Commitment"),
        ("rep_requests", "Request"),
    ],
)
def test_empty_text_lines(field: str, label: str) -> None:
    a = full_agreement(**{field: ["fine", "  ", "also fine", ""]})
    found = problems(a)
    assert [p.field for p in found] == [field, field]
    assert [str(p) for p in found] == [f"{label} line 2 is empty.", f"{label} line 4 is empty."]


def test_empty_consequence_step() -> None:
    a = full_agreement(consequence_steps=[ConsequenceStep("remind me"), ConsequenceStep(" ")])
    found = problems(a)
    assert [(p.field, str(p)) for p in found] == [
        ("consequence_steps", "Consequence step line 2 is empty.")
    ]


def test_too_long_line() -> None:
    a = full_agreement(activity=["x" * (MAX_LINE + 1)])
    assert [str(p) for p in problems(a)] == ["Activity line 1 is too long."]
    assert problems(full_agreement(activity=["x" * MAX_LINE])) == []


def test_template_problems_ignore_the_reps_parts() -> None:
    t = AgreementTemplate(activity=[""], conduct=["ok"], manager_commitments=[" "])
    assert [p.field for p in problems(t)] == ["activity", "manager_commitments"]
    assert [str(p) for p in problems(t, to_agree=True)] == [str(p) for p in problems(t)]


def test_no_consequence_steps_only_matters_to_agree() -> None:
    a = full_agreement(consequence_steps=[])
    assert problems(a) == []
    check(a)
    (found,) = problems(a, to_agree=True)
    assert found.field == "consequence_steps"
    assert "consequence step" in str(found)


def test_agreement_problems_carries_all_problems() -> None:
    a = full_agreement(
        quota_lines=[QuotaLine("", 1.0, "", Period.DAY)],
        activity=[""],
        conduct=[""],
        manager_commitments=[""],
        rep_requests=[""],
        consequence_steps=[],
    )
    with pytest.raises(AgreementProblems) as caught:
        check(a, to_agree=True)
    found = caught.value.problems
    assert [p.field for p in found] == [
        "quota_lines",
        "quota_lines",
        "activity",
        "conduct",
        "manager_commitments",
        "rep_requests",
        "consequence_steps",
    ]
    assert all(isinstance(p, AgreementError) for p in found)
    assert [str(p) for p in found] == [str(p) for p in problems(a, to_agree=True)]
    for p in found:
        assert str(p) in str(caught.value)


# --- versions -------------------------------------------------------------------------------


def test_versions_latest_agreed_and_open_draft() -> None:
    v1 = agreed(1, D(2026, 1, 5))
    v2 = agreed(2, D(2026, 4, 5))
    v3 = draft(3)
    other = agreed(7, D(2026, 5, 1), rep_id=BOB.id)
    mixed = [v3, other, v1, v2]
    random.Random(4).shuffle(mixed)
    assert versions(mixed, ANN.id) == [v1, v2, v3]
    assert versions(mixed, BOB.id) == [other]
    assert versions(mixed, "nobody") == []
    assert latest_agreed(mixed, ANN.id) is v2
    assert open_draft(mixed, ANN.id) is v3
    assert open_draft(mixed, BOB.id) is None
    assert latest_agreed([v3], ANN.id) is None
    assert latest_agreed([], ANN.id) is None


def test_start_agreement_returns_the_open_draft_as_is() -> None:
    v1 = agreed(1, D(2026, 1, 5))
    v2 = draft(2)
    assert start_agreement(ANN, [v2, v1], full_template(), "Maya") is v2


def test_start_agreement_revises_the_latest_agreed() -> None:
    v1 = agreed(1, D(2026, 1, 5), activity=["old"])
    v2 = agreed(2, D(2026, 4, 5))
    other = agreed(9, D(2026, 4, 5), rep_id=BOB.id)
    before = copy.deepcopy(v2)

    new = start_agreement(ANN, [v2, other, v1], full_template(), "Someone else")

    assert new.version == 3
    assert new.state is AgreementState.DRAFT
    assert not new.is_agreed
    assert new.agreed_on is None
    assert new.next_review is None
    assert new.id not in {v1.id, v2.id}
    for f in fields(Agreement):
        if f.name not in NOT_CONTENT:
            assert getattr(new, f.name) == getattr(v2, f.name), f.name
    assert_editable(new)

    # The draft's lists are its own.
    new.quota_lines[0].number = 1.0
    new.quota_lines.append(QuotaLine("x", 1.0, "y", Period.DAY))
    new.activity.append("more")
    new.conduct.clear()
    new.manager_commitments[0] = "changed"
    new.rep_requests.append("another")
    new.comm_rules[0].manager_channel = "pigeon"
    new.consequence_steps[0].text = "changed"
    new.consequence_steps.reverse()
    assert v2 == before


def test_revise_matches_start_agreement() -> None:
    v1 = agreed(1, D(2026, 1, 5))
    r = revise(v1)
    assert (r.version, r.state, r.agreed_on) == (2, AgreementState.DRAFT, None)
    assert r.consequence_steps == v1.consequence_steps
    assert r.consequence_steps is not v1.consequence_steps


def test_start_agreement_v1_from_the_template() -> None:
    template = full_template()
    before = copy.deepcopy(template)
    other_rep = agreed(1, D(2026, 1, 5), rep_id=BOB.id)

    a = start_agreement(ANN, [other_rep], template, "Maya")

    assert (a.rep_id, a.version, a.state, a.manager_name) == (
        ANN.id,
        1,
        AgreementState.DRAFT,
        "Maya",
    )
    assert a.agreed_on is None
    for name in TEMPLATED:
        if name == "quota_lines":
            continue
        assert getattr(a, name) == getattr(template, name), name
    # Same quota content, new line ids.
    strip = [(q.label, q.number, q.unit, q.period) for q in a.quota_lines]
    assert strip == [(q.label, q.number, q.unit, q.period) for q in template.quota_lines]
    assert {q.id for q in a.quota_lines}.isdisjoint(q.id for q in template.quota_lines)
    assert len({q.id for q in a.quota_lines}) == len(a.quota_lines)
    # The rep's own parts start empty.
    for name, empty in REPS_OWN.items():
        assert getattr(a, name) == empty, name

    # Independent copies: editing the draft leaves the template alone.
    a.quota_lines[0].number = 1.0
    a.quota_lines.append(QuotaLine("x", 1.0, "y", Period.DAY))
    a.activity.append("more")
    a.conduct[0] = "changed"
    a.manager_commitments.clear()
    a.comm_rules[0].rep_channel = "pigeon"
    a.comm_rules.append(CommRule(Urgency.ROUTINE))
    assert template == before


def test_v1_gets_default_comm_rules_when_the_template_has_none() -> None:
    a = start_agreement(ANN, [], AgreementTemplate(), "Maya")
    assert [r.urgency for r in a.comm_rules] == [
        Urgency.URGENT,
        Urgency.WITHIN_24H,
        Urgency.ROUTINE,
    ]
    assert all(r == CommRule(r.urgency) for r in a.comm_rules)


def test_v1_of_two_reps_do_not_share_lists() -> None:
    template = full_template()
    a = start_agreement(ANN, [], template, "Maya")
    b = start_agreement(BOB, [], template, "Maya")
    a.activity.append("only Ann")
    a.comm_rules[0].manager_channel = "only Ann"
    assert b.activity == template.activity
    assert b.comm_rules == template.comm_rules
    assert a.id != b.id


# --- agree ----------------------------------------------------------------------------------


def test_agree_makes_an_agreed_version() -> None:
    d = full_agreement(manager_name="Old")
    a = agree(d, D(2026, 3, 2), "Maya")
    assert a.state is AgreementState.AGREED
    assert a.is_agreed
    assert a.agreed_on == D(2026, 3, 2)
    assert a.next_review == D(2026, 6, 2)
    assert a.manager_name == "Maya"
    assert a.version == d.version
    assert a.consequence_steps == d.consequence_steps
    # The draft itself is untouched.
    assert d.state is AgreementState.DRAFT
    assert d.agreed_on is None


def test_agree_keeps_the_drafts_manager_when_none_is_given() -> None:
    assert agree(full_agreement(manager_name="Old"), D(2026, 3, 2), "").manager_name == "Old"


@pytest.mark.parametrize(
    ("on", "review"),
    [
        (D(2026, 11, 30), D(2027, 2, 28)),
        (D(2027, 1, 31), D(2027, 4, 30)),
        (D(2027, 11, 30), D(2028, 2, 29)),
        (D(2026, 12, 31), D(2027, 3, 31)),
        (D(2026, 8, 31), D(2026, 11, 30)),
    ],
)
def test_agree_sets_the_review_one_quarter_later_clamped(on: D, review: D) -> None:
    assert agree(full_agreement(), on, "Maya").next_review == review


def test_agree_refuses_without_steps() -> None:
    with pytest.raises(AgreementProblems) as caught:
        agree(full_agreement(consequence_steps=[]), D(2026, 3, 2), "Maya")
    assert [p.field for p in caught.value.problems] == ["consequence_steps"]


def test_agree_refuses_an_agreed_version() -> None:
    a = agreed(1, D(2026, 1, 5))
    with pytest.raises(AgreementError) as caught:
        assert_editable(a)
    assert caught.value.field == "state"
    assert "new version" in str(caught.value)
    with pytest.raises(AgreementError):
        agree(a, D(2026, 3, 2), "Maya")
    assert a.agreed_on == D(2026, 1, 5)


def test_agreed_version_is_independent_of_the_draft() -> None:
    d = full_agreement()
    a = agree(d, D(2026, 3, 2), "Maya")
    before = copy.deepcopy(a)
    d.quota_lines[0].number = 1.0
    d.quota_lines.append(QuotaLine("x", 1.0, "y", Period.DAY))
    d.activity.append("more")
    d.conduct.clear()
    d.manager_commitments[0] = "changed"
    d.rep_requests.append("another")
    d.comm_rules[0].manager_channel = "pigeon"
    d.consequence_steps[0].text = "changed"
    d.consequence_steps.reverse()
    d.work_schedule = "changed"
    assert a == before


def test_agree_keeps_the_steps_in_the_reps_order() -> None:
    steps = [ConsequenceStep(t) for t in ("lunch", "a reminder", "a plan", "a warning")]
    a = agree(full_agreement(consequence_steps=steps), D(2026, 3, 2), "Maya")
    assert [(s.id, s.text) for s in a.consequence_steps] == [(s.id, s.text) for s in steps]


# --- review due dates -----------------------------------------------------------------------

pendulum_dates = st.dates(min_value=dt.date(2024, 1, 1), max_value=dt.date(2030, 12, 31)).map(
    lambda d: D(d.year, d.month, d.day)
)


@FAST
@given(pendulum_dates, st.integers(min_value=0, max_value=20))
def test_quarter_after_never_drifts(day: D, k: int) -> None:
    got = quarter_after(day, k)
    assert got == day.add(months=3 * k)
    months = day.year * 12 + (day.month - 1) + 3 * k
    year, month = divmod(months, 12)
    assert (got.year, got.month) == (year, month + 1)
    assert got.day == min(day.day, calendar.monthrange(year, month + 1)[1])


def test_quarter_after_is_one_step_not_chained() -> None:
    day = D(2026, 11, 30)
    assert quarter_after(day) == D(2027, 2, 28)
    assert quarter_after(quarter_after(day)) == D(2027, 5, 28)  # chaining drifts
    assert quarter_after(day, 2) == D(2027, 5, 30)  # one step does not


def test_no_agreement_is_due() -> None:
    assert review_due([], ANN.id) is None
    assert due_for_review([], ANN.id, D(2026, 3, 2))
    # Another rep's agreement does not count.
    assert due_for_review([agreed(1, D(2026, 3, 1), rep_id=BOB.id)], ANN.id, D(2026, 3, 2))


def test_only_a_draft_is_due() -> None:
    assert review_due([draft(1)], ANN.id) is None
    assert due_for_review([draft(1)], ANN.id, D(2026, 3, 2))


@pytest.mark.parametrize(
    ("today", "due"),
    [
        (D(2026, 1, 5), False),
        (D(2026, 4, 4), False),
        (D(2026, 4, 5), False),  # exactly one quarter: due today, not overdue
        (D(2026, 4, 6), True),
        (D(2027, 1, 1), True),
    ],
)
def test_agreed_within_a_quarter_is_not_due(today: D, due: bool) -> None:
    v1 = agreed(1, D(2026, 1, 5))
    assert review_due([v1, draft(2)], ANN.id) == D(2026, 4, 5)
    assert due_for_review([v1, draft(2)], ANN.id, today) is due


def test_review_due_uses_next_review_when_set() -> None:
    v1 = agreed(1, D(2026, 1, 5))
    v1.next_review = D(2026, 5, 20)  # the review was moved
    assert review_due([v1], ANN.id) == D(2026, 5, 20)
    assert not due_for_review([v1], ANN.id, D(2026, 5, 1))
    assert due_for_review([v1], ANN.id, D(2026, 5, 21))
    v1.next_review = None
    assert review_due([v1], ANN.id) == D(2026, 4, 5)
    assert due_for_review([v1], ANN.id, D(2026, 4, 6))


def test_review_due_follows_the_latest_agreed_version() -> None:
    v1 = agreed(1, D(2025, 1, 5))
    v2 = agreed(2, D(2026, 1, 5))
    assert review_due([v2, v1], ANN.id) == D(2026, 4, 5)
    assert not due_for_review([v2, v1], ANN.id, D(2026, 2, 1))


def test_review_due_accepts_a_one_shot_iterable() -> None:
    v1 = agreed(1, D(2026, 1, 5))
    assert not due_for_review(iter([v1]), ANN.id, D(2026, 2, 1))


# --- diff -----------------------------------------------------------------------------------

short = st.sampled_from(["a", "b", "c", "d", "e"])
short_lists = st.lists(short, max_size=6)
single_line = st.sampled_from(["", "x", "y", "nine to five"])
quota_lines = st.lists(
    st.builds(
        QuotaLine,
        label=st.sampled_from(["ARR", "Meetings", ""]),
        number=st.sampled_from([0.0, 12.0, 120_000.0, 0.5]),
        unit=st.sampled_from(["USD", "calls"]),
        period=st.sampled_from(list(Period)),
    ),
    max_size=4,
)
comm_rules = st.lists(
    st.builds(
        CommRule,
        urgency=st.sampled_from(list(Urgency)),
        manager_channel=st.sampled_from(["", "text", "email"]),
        rep_response=st.sampled_from(["", "1h"]),
    ),
    max_size=3,
)
steps = st.lists(st.builds(ConsequenceStep, text=short), max_size=5)
agreements = st.builds(
    Agreement,
    rep_id=st.just(ANN.id),
    quota_lines=quota_lines,
    activity=short_lists,
    conduct=short_lists,
    work_schedule=single_line,
    job_loss=single_line,
    manager_commitments=short_lists,
    rep_requests=short_lists,
    comm_rules=comm_rules,
    open_door=single_line,
    rep_hours=single_line,
    consequence_steps=steps,
)


def check_hunks(old: list[str], new: list[str], changes: tuple[Change, ...]) -> None:
    last_end = -1
    for c in changes:
        assert c.kind in {"added", "removed", "changed"}
        if c.kind == "added":
            assert not c.old and c.new
        elif c.kind == "removed":
            assert c.old and not c.new
        else:
            assert c.old and c.new
        assert c.at > last_end  # in order, not overlapping, separated by kept lines
        last_end = c.at + len(c.old)
        assert 0 <= c.at <= len(old)
    assert apply_changes(old, changes) == new


@FAST
@given(agreements, agreements)
def test_diff_is_exact_part_by_part(old: Agreement, new: Agreement) -> None:
    before, after = part_lines(old), part_lines(new)
    assert list(before) == [p.key for p in PARTS]
    titles = {p.key: p.title for p in PARTS}
    parts = diff(old, new)
    by_key = {d.key: d for d in parts}
    assert len(by_key) == len(parts)
    assert [d.key for d in parts] == [p.key for p in PARTS if p.key in by_key]
    for p in PARTS:
        if p.key in by_key:
            d = by_key[p.key]
            assert d.title == titles[p.key]
            assert d.changes
            assert before[p.key] != after[p.key]
            check_hunks(before[p.key], after[p.key], d.changes)
        else:
            assert before[p.key] == after[p.key]


@FAST
@given(agreements)
def test_diff_with_itself_is_empty(a: Agreement) -> None:
    assert diff(a, a) == []
    assert diff(a, copy.deepcopy(a)) == []


@FAST
@given(agreements)
def test_a_revision_diffs_empty_against_its_source(a: Agreement) -> None:
    assert diff(a, revise(a)) == []


def test_diff_names_the_change() -> None:
    old = full_agreement()
    new = full_agreement(
        activity=["20 calls a day", "CRM updated daily", "one demo a week"],
        job_loss="",
        consequence_steps=[ConsequenceStep("a gentle reminder"), ConsequenceStep("lunch")],
    )
    parts = diff(old, new)
    assert [(d.key, d.title) for d in parts] == [
        ("activity", "Activity"),
        ("job_loss", "What would cost you the job"),
        ("consequence_steps", "If I don't hold up my end"),
    ]
    activity, job_loss, steps_ = (d.changes for d in parts)
    assert activity == (Change("added", 2, (), ("one demo a week",)),)
    assert job_loss == (Change("removed", 0, ("lying to a customer",), ()),)
    assert steps_ == (Change("changed", 1, ("take me out to lunch", "a written plan"), ("lunch",)),)


def test_apply_changes_refuses_a_diff_for_other_lines() -> None:
    changes = (Change("changed", 0, ("a",), ("b",)),)
    assert apply_changes(["a"], changes) == ["b"]
    with pytest.raises(ValueError):
        apply_changes(["z"], changes)


# --- the team template ----------------------------------------------------------------------


def test_template_from_then_start_agreement_carries_the_templated_parts() -> None:
    source = agreed(2, D(2026, 1, 5))
    before = copy.deepcopy(source)
    template = template_from(source)

    for name in TEMPLATED:
        assert getattr(template, name) == getattr(source, name), name
    assert template.id == "team"

    new = start_agreement(BOB, [source], template, "Maya")
    assert (new.rep_id, new.version, new.state) == (BOB.id, 1, AgreementState.DRAFT)
    for name in TEMPLATED:
        if name != "quota_lines":
            assert getattr(new, name) == getattr(source, name), name
    assert [(q.label, q.number, q.unit, q.period) for q in new.quota_lines] == [
        (q.label, q.number, q.unit, q.period) for q in source.quota_lines
    ]
    assert {q.id for q in new.quota_lines}.isdisjoint(q.id for q in source.quota_lines)
    # Ann's own parts are not Bob's.
    for name, empty in REPS_OWN.items():
        assert getattr(new, name) == empty, name

    # Nothing is shared with the source agreement.
    template.activity.append("more")
    template.comm_rules[0].manager_channel = "pigeon"
    new.conduct.clear()
    new.quota_lines[0].number = 1.0
    assert source == before


def test_an_agreement_is_not_agreed_on_a_day_still_to_come() -> None:
    """Agreed "on 2027-03-01" in December made that version the one in force at once."""
    d = full_agreement()
    with pytest.raises(AgreementError, match="is after today"):
        agree(d, D(2027, 3, 1), "Maya", today=D(2026, 12, 4))
    assert agree(d, D(2026, 12, 4), "Maya", today=D(2026, 12, 4)).agreed_on == D(2026, 12, 4)

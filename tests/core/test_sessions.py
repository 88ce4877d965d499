"""Session rules without the UI: the default kind, steps and notes, numbers, commitments
carried across sessions, invoking and withdrawing consequence steps, ending, addenda."""

from __future__ import annotations

import copy
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pendulum
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from oneonone.core.agreements import agree, revise
from oneonone.core.dates import ACCEPTED
from oneonone.core.errors import FieldError
from oneonone.core.model import (
    Agreement,
    AgreementState,
    Commitment,
    CommitmentState,
    ConsequenceStep,
    Invocation,
    NumberEntry,
    Owner,
    Period,
    QuotaLine,
    Rep,
    Session,
    SessionKind,
)
from oneonone.core.scripts import Script, ScriptStep, builtin_script
from oneonone.core.sessions import (
    CLOSED_MESSAGE,
    MIRROR_QUESTIONS,
    SELF_CHECK_QUESTIONS,
    SessionClosed,
    SessionNotClosed,
    add_addendum,
    attainment,
    attainment_history,
    carry,
    commitment_text,
    default_kind,
    drop,
    end_session,
    evidence_candidates,
    go_to_step,
    history,
    interrupted,
    invoke,
    invoked_steps,
    manager_slips,
    mark_done,
    mirror_answers,
    mirror_concerns,
    missing_self_checks,
    new_commitment,
    next_step,
    number_text,
    open_for,
    reopen,
    self_check_gaps,
    set_notes,
    set_number,
    set_private_notes,
    set_step_notes,
    start_session,
    steps_covered,
    summarize,
    toggle_covered,
    undo,
    withdraw,
)
from oneonone.core.store import Store

D = pendulum.Date
NY = "America/New_York"
NOW = pendulum.datetime(2026, 11, 25, 10, 0, tz=NY)
TODAY = D(2026, 11, 25)  # a Wednesday
AGREED_ON = D(2026, 10, 1)
FAST = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])

ANN = Rep(name="Ann Lee", start_date=D(2024, 1, 15), id="rep-ann")
BOB = Rep(name="Bob Øster", start_date=D(2025, 2, 20), id="rep-bob")
ARR = QuotaLine("New ARR", 120_000.0, "USD", Period.QUARTER, id="q-arr")
MEETINGS = QuotaLine("Meetings", 12.0, "meetings", Period.WEEK, id="q-meet")
LADDER = ("I need a gentle reminder", "Take me out to lunch", "A written plan with dates")
ALL_YES = {key: True for key, _ in SELF_CHECK_QUESTIONS}
SCRIPT = Script(
    kind=SessionKind.REGULAR,
    title="Regular one-on-one",
    steps=(ScriptStep("One", "- ask one"), ScriptStep("Two", "- ask two"), ScriptStep("Three", "")),
    source="test",
)


@pytest.fixture(autouse=True)
def frozen() -> Iterator[None]:
    with pendulum.travel_to(NOW, freeze=True):
        yield


def agreement(
    version: int = 1,
    on: D = AGREED_ON,
    rep: Rep = ANN,
    steps: tuple[str, ...] = LADDER,
    *,
    agreed: bool = True,
) -> Agreement:
    a = Agreement(
        rep_id=rep.id,
        version=version,
        quota_lines=[copy.copy(ARR), copy.copy(MEETINGS)],
        consequence_steps=[
            ConsequenceStep(text, id=f"{rep.id}-s{i}") for i, text in enumerate(steps)
        ],
        id=f"{rep.id}-v{version}",
    )
    return agree(a, on, "Maya") if agreed else a


def session(**changes: object) -> Session:
    s = start_session(ANN, SessionKind.REGULAR, SCRIPT, agreement(), NOW)
    for name, value in changes.items():
        setattr(s, name, value)
    return s


def closed_session() -> Session:
    return end_session(session(), NOW.add(minutes=40))


# --- the default kind -----------------------------------------------------------------------


def test_default_kind_is_the_expectations_conversation_without_an_agreed_agreement() -> None:
    assert default_kind(ANN, [], TODAY) is SessionKind.EXPECTATIONS
    assert default_kind(ANN, [agreement(agreed=False)], TODAY) is SessionKind.EXPECTATIONS
    assert default_kind(ANN, [agreement(rep=BOB)], TODAY) is SessionKind.EXPECTATIONS


@pytest.mark.parametrize(
    ("today", "kind"),
    [
        (D(2026, 10, 1), SessionKind.REGULAR),
        (D(2026, 12, 31), SessionKind.REGULAR),
        (D(2027, 1, 1), SessionKind.QUARTERLY_REVIEW),  # the review date itself
        (D(2027, 3, 15), SessionKind.QUARTERLY_REVIEW),
    ],
)
def test_default_kind_follows_the_agreements_review_date(today: D, kind: SessionKind) -> None:
    agreements = [agreement(on=D(2026, 10, 1)), agreement(rep=BOB, on=D(2020, 1, 1))]
    assert default_kind(ANN, agreements, today) is kind


def test_default_kind_follows_a_scheduled_review() -> None:
    agreements = [agreement(on=D(2026, 10, 1))]
    assert default_kind(ANN, agreements, TODAY, TODAY) is SessionKind.QUARTERLY_REVIEW
    assert default_kind(ANN, agreements, TODAY, review_due=TODAY.subtract(days=3)) is (
        SessionKind.QUARTERLY_REVIEW
    )
    assert default_kind(ANN, agreements, TODAY, TODAY.add(days=1)) is SessionKind.REGULAR


def test_default_kind_without_review_date_uses_the_agreed_date() -> None:
    old = agreement(on=D(2026, 1, 10))
    old.next_review = None
    assert default_kind(ANN, [old], D(2026, 4, 9)) is SessionKind.REGULAR
    assert default_kind(ANN, [old], D(2026, 4, 10)) is SessionKind.QUARTERLY_REVIEW


# --- starting -------------------------------------------------------------------------------


def test_start_session_takes_the_scripts_steps_and_the_agreement_in_force() -> None:
    a = agreement(version=3)
    s = start_session(ANN, SessionKind.REGULAR, SCRIPT, a, NOW)
    assert s.rep_id == ANN.id and s.kind is SessionKind.REGULAR
    assert s.started_at == NOW and s.ended_at is None and not s.closed
    assert s.script_name == "Regular one-on-one"
    assert [(x.title, x.prompt, x.notes, x.covered) for x in s.steps] == [
        ("One", "- ask one", "", False),
        ("Two", "- ask two", "", False),
        ("Three", "", "", False),
    ]
    assert s.current_step == 0
    assert (s.agreement_id, s.agreement_version) == (a.id, 3)


def test_start_session_with_a_builtin_script_and_no_agreement() -> None:
    script = builtin_script(SessionKind.EXPECTATIONS)
    s = start_session(ANN, SessionKind.EXPECTATIONS, script, None, NOW)
    assert [x.title for x in s.steps] == [x.title for x in script.steps]
    assert s.agreement_id is None and s.agreement_version is None


def test_start_session_refuses_a_draft_or_another_reps_agreement() -> None:
    with pytest.raises(ValueError, match="draft"):
        start_session(ANN, SessionKind.REGULAR, SCRIPT, agreement(agreed=False), NOW)
    with pytest.raises(ValueError, match="not Ann Lee's"):
        start_session(ANN, SessionKind.REGULAR, SCRIPT, agreement(rep=BOB), NOW)


# --- steps and notes ------------------------------------------------------------------------


def test_going_to_a_step_marks_the_one_left_as_covered() -> None:
    s = session()
    moved = go_to_step(s, 1)
    assert moved.current_step == 1
    assert [x.covered for x in moved.steps] == [True, False, False]
    assert s.current_step == 0 and not s.steps[0].covered  # the original is untouched
    back = go_to_step(moved, 0)
    assert [x.covered for x in back.steps] == [True, True, False]
    assert go_to_step(back, 0).steps == back.steps  # staying put covers nothing


@pytest.mark.parametrize(("index", "lands"), [(-5, 0), (2, 2), (99, 2)])
def test_going_to_a_step_is_clamped(index: int, lands: int) -> None:
    assert go_to_step(go_to_step(session(), 1), index).current_step == lands


@FAST
@given(st.lists(st.integers(min_value=-3, max_value=6), max_size=20))
def test_any_walk_stays_on_the_script(moves: list[int]) -> None:
    s = session()
    visited = {0}
    for m in moves:
        s = go_to_step(s, s.current_step + m)
        assert 0 <= s.current_step < len(s.steps)
        visited.add(s.current_step)
    covered = {i for i, x in enumerate(s.steps) if x.covered}
    assert covered <= visited
    assert s.current_step not in covered or s.current_step in visited


def test_toggle_covered() -> None:
    s = toggle_covered(session())
    assert [x.covered for x in s.steps] == [True, False, False]
    s = toggle_covered(s, 2)
    assert [x.covered for x in s.steps] == [True, False, True]
    assert [x.covered for x in toggle_covered(s, 0).steps] == [False, False, True]
    with pytest.raises(IndexError):
        toggle_covered(s, 3)


def test_notes_are_kept_exactly() -> None:
    text = "  - said *this*\n\n[b]not markup[/b] <script>\n"
    s = set_step_notes(session(), 1, text)
    assert s.steps[1].notes == text and s.steps[0].notes == ""
    s = set_notes(s, "free\n")
    s = set_private_notes(s, "only for me")
    assert (s.notes, s.private_notes) == ("free\n", "only for me")
    with pytest.raises(IndexError):
        set_step_notes(s, -1, "x")


CHANGES: dict[str, Callable[[Session], object]] = {
    "go_to_step": lambda s: go_to_step(s, 1),
    "toggle_covered": lambda s: toggle_covered(s, 0),
    "set_step_notes": lambda s: set_step_notes(s, 0, "x"),
    "set_notes": lambda s: set_notes(s, "x"),
    "set_private_notes": lambda s: set_private_notes(s, "x"),
    "set_number": lambda s: set_number(s, ARR, "10"),
    "end_session": lambda s: end_session(s, NOW),
}


@pytest.mark.parametrize("change", list(CHANGES.values()), ids=list(CHANGES))
def test_a_closed_session_refuses_every_change(change: Callable[[Session], object]) -> None:
    closed = closed_session()
    before = copy.deepcopy(closed)
    with pytest.raises(SessionClosed) as caught:
        change(closed)
    assert str(caught.value) == CLOSED_MESSAGE
    assert "add a dated addendum" in CLOSED_MESSAGE
    assert closed == before


# --- numbers --------------------------------------------------------------------------------


def test_set_number_copies_the_quota_line() -> None:
    s = set_number(session(), ARR, " 80,000 ")
    assert s.numbers == [
        NumberEntry("q-arr", "New ARR", 80_000.0, 120_000.0, "USD", Period.QUARTER)
    ]
    s = set_number(s, MEETINGS, "14")
    s = set_number(s, ARR, "95000.5")  # replaced where it was
    assert [(n.quota_line_id, n.actual) for n in s.numbers] == [
        ("q-arr", 95_000.5),
        ("q-meet", 14.0),
    ]
    assert [n.quota_line_id for n in set_number(s, ARR, "  ").numbers] == ["q-meet"]


@pytest.mark.parametrize("typed", ["abc", "-5", "1e5", "1,00", "NaN"])
def test_set_number_refuses_what_is_not_a_number(typed: str) -> None:
    s = session()
    with pytest.raises(FieldError) as caught:
        set_number(s, ARR, typed)
    assert caught.value.field == "actual"
    assert s.numbers == []


def test_attainment() -> None:
    entry = NumberEntry("q", "x", 80.0, 120.0, "USD", Period.QUARTER)
    assert attainment(entry) == pytest.approx(2 / 3)
    assert attainment(NumberEntry("q", "x", 5.0, 0.0, "", Period.DAY)) is None
    assert number_text(entry) == "x: 80 of 120 USD per quarter (67%)"
    assert number_text(NumberEntry("q", "Calls", 5.0, 0.0, "", Period.DAY)) == (
        "Calls: 5 of 0 per day"
    )


def _closed_with(
    started: pendulum.DateTime, actual: str | None, line: QuotaLine = ARR, *, close: bool = True
) -> Session:
    s = start_session(ANN, SessionKind.REGULAR, SCRIPT, agreement(), started)
    if actual is not None:
        s = set_number(s, line, actual)
    return end_session(s, started.add(minutes=30)) if close else s


def test_attainment_history_is_oldest_first_by_each_sessions_own_date() -> None:
    # 23:30 in New York is already the next day in UTC; 08:00 in Auckland is the day before.
    late_ny = pendulum.datetime(2026, 3, 2, 23, 30, tz=NY)
    early_akl = pendulum.datetime(2026, 3, 3, 8, 0, tz="Pacific/Auckland")
    assert early_akl < late_ny  # in absolute time, Auckland's comes first
    sessions = [
        _closed_with(pendulum.datetime(2026, 5, 1, 9, tz="UTC"), "150,000"),
        _closed_with(early_akl, "60000"),
        _closed_with(late_ny, "30000"),
        _closed_with(pendulum.datetime(2026, 2, 1, 9, tz="UTC"), None),  # no number
        _closed_with(pendulum.datetime(2026, 2, 2, 9, tz="UTC"), "5", MEETINGS),  # other line
        _closed_with(pendulum.datetime(2026, 4, 1, 9, tz="UTC"), "90000", close=False),  # open
    ]
    history_ = attainment_history(sessions, ARR.id)
    assert history_ == [(D(2026, 3, 2), 0.25), (D(2026, 3, 3), 0.5), (D(2026, 5, 1), 1.25)]
    assert all(type(day) is D for day, _ in history_)
    ((day, value),) = attainment_history(sessions, MEETINGS.id)
    assert day == D(2026, 2, 2)
    assert value == pytest.approx(5 / 12)
    assert attainment_history([], ARR.id) == []


def test_attainment_history_skips_a_zero_target() -> None:
    zero = QuotaLine("Referrals", 0.0, "", Period.MONTH, id="q-zero")
    assert attainment_history([_closed_with(NOW, "3", zero)], zero.id) == []


# --- commitments ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("typed", "due"),
    [
        ("2027-01-15", D(2027, 1, 15)),
        ("+7d", D(2026, 12, 2)),
        ("fri", D(2026, 11, 27)),
        ("", None),
        ("   ", None),
    ],
)
def test_new_commitment_reads_the_due_date(typed: str, due: D | None) -> None:
    c = new_commitment(ANN.id, Owner.REP, "  Send the Acme proposal ", typed, TODAY, "sess-1")
    assert (c.rep_id, c.owner, c.text, c.due) == (ANN.id, Owner.REP, "Send the Acme proposal", due)
    assert c.state is CommitmentState.OPEN and c.carried == 0
    assert c.session_id == "sess-1"
    assert c.created_at == NOW  # frozen time


def test_new_commitment_takes_an_explicit_time() -> None:
    at = pendulum.datetime(2026, 1, 2, 3, 4, tz="Pacific/Auckland")
    assert new_commitment(ANN.id, Owner.MANAGER, "x", "", TODAY, None, now=at).created_at == at


@pytest.mark.parametrize(
    ("text", "due", "field", "says"),
    [
        ("", "", "text", "cannot be empty"),
        ("   ", "+7d", "text", "cannot be empty"),
        ("x" * 2001, "", "text", "too long (2001 characters; at most 2000)"),
        ("two\nlines", "", "text", "one line"),
        ("tab\there", "", "text", "one line"),
        ("esc\x1b[31m", "", "text", "one line"),
        ("ok", "02/03/2027", "due", ACCEPTED),
        ("ok", "2027-02-30", "due", "not a real date"),
        ("ok", "someday", "due", ACCEPTED),
    ],
)
def test_new_commitment_refusals(text: str, due: str, field: str, says: str) -> None:
    with pytest.raises(FieldError) as caught:
        new_commitment(ANN.id, Owner.REP, text, due, TODAY, None)
    assert caught.value.field == field
    assert says in str(caught.value)


def test_a_commitment_of_exactly_2000_characters() -> None:
    assert len(new_commitment(ANN.id, Owner.REP, "x" * 2000, "", TODAY, None).text) == 2000


def test_done_dropped_and_reopened() -> None:
    c = new_commitment(ANN.id, Owner.REP, "Call Acme", "fri", TODAY, None)
    done = mark_done(c, NOW)
    assert (done.state, done.closed_at) == (CommitmentState.DONE, NOW)
    assert c.state is CommitmentState.OPEN
    with pytest.raises(ValueError, match="already done"):
        mark_done(done, NOW)
    with pytest.raises(ValueError, match="already done"):
        carry(done, None)
    with pytest.raises(FieldError) as caught:
        drop(c, "  ", NOW)
    assert caught.value.field == "reason"
    dropped = drop(c, " The deal fell through ", NOW)
    assert (dropped.state, dropped.drop_reason, dropped.closed_at) == (
        CommitmentState.DROPPED,
        "The deal fell through",
        NOW,
    )
    with pytest.raises(ValueError, match="already dropped"):
        drop(dropped, "again", NOW)
    again = reopen(dropped)
    assert (again.state, again.closed_at, again.drop_reason) == (CommitmentState.OPEN, None, "")


def test_carry_keeps_it_open_and_counts() -> None:
    c = new_commitment(ANN.id, Owner.REP, "Call Acme", "2026-11-20", TODAY, None)
    once = carry(c, D(2026, 12, 4))
    assert (once.state, once.carried, once.due) == (CommitmentState.OPEN, 1, D(2026, 12, 4))
    twice = carry(once, None)
    assert (twice.carried, twice.due) == (2, D(2026, 12, 4))  # None keeps the due date
    assert (c.carried, c.due) == (0, D(2026, 11, 20))


def test_commitments_carried_across_sessions_keep_their_count(tmp_path: Path) -> None:
    """Four weekly sessions, saved and read back between each: made, carried twice, done."""
    with Store.open(tmp_path / "data.json") as store:
        week = NOW
        first = start_session(ANN, SessionKind.REGULAR, SCRIPT, agreement(), week)
        made = new_commitment(ANN.id, Owner.REP, "Call Acme", "+5d", week.date(), first.id)
        mine = new_commitment(ANN.id, Owner.MANAGER, "Pricing sheet", "", week.date(), first.id)
        store.put_many([end_session(first, week.add(minutes=30)), made, mine])

        counts = []
        for n, action in enumerate(["carry", "carry", "done"], 1):
            week = NOW.add(weeks=n)
            today = week.date()
            s = start_session(ANN, SessionKind.REGULAR, SCRIPT, agreement(), week)
            reps, managers = open_for(ANN.id, store.where(Commitment, rep_id=ANN.id))
            assert [c.text for c in reps] == ["Call Acme"]
            assert [c.text for c in managers] == ["Pricing sheet"]
            c = reps[0]
            if action == "carry":
                assert evidence_candidates([c], [], today) == [commitment_text(c, today)]
                c = carry(c, None if n == 2 else today.add(days=3))
            else:
                c = mark_done(c, week)
            counts.append(c.carried)
            store.put_many([end_session(s, week.add(minutes=30)), c])

        final = store.get(Commitment, made.id)
        assert final is not None
        assert counts == [1, 2, 2]
        assert (final.state, final.carried) == (CommitmentState.DONE, 2)
        assert final.due == NOW.add(weeks=1).date().add(days=3)
        assert open_for(ANN.id, store.where(Commitment, rep_id=ANN.id))[0] == []
        assert len(store.all(Session)) == 4


def test_open_for_sorts_by_due_then_made_undated_last() -> None:
    def made(text: str, due: str, minutes: int, owner: Owner = Owner.REP) -> Commitment:
        return new_commitment(ANN.id, owner, text, due, TODAY, None, now=NOW.add(minutes=minutes))

    items = [
        made("undated early", "", 0),
        made("late", "2026-12-10", 1),
        made("soon, made later", "2026-12-01", 5),
        made("soon, made first", "2026-12-01", 2),
        made("undated later", "", 9),
        made("manager's", "2026-11-30", 3, Owner.MANAGER),
        mark_done(made("done", "2026-11-26", 4), NOW),
        new_commitment(BOB.id, Owner.REP, "Bob's", "2026-11-26", TODAY, None),
    ]
    reps, managers = open_for(ANN.id, items)
    assert [c.text for c in reps] == [
        "soon, made first",
        "soon, made later",
        "late",
        "undated early",
        "undated later",
    ]
    assert [c.text for c in managers] == ["manager's"]


# --- invoking a consequence -----------------------------------------------------------------


def do_invoke(
    a: Agreement, index: int, done: list[Invocation], *, minutes: int = 0, **extra: Any
) -> Invocation:
    values: dict[str, Any] = {
        "invocations": done,
        "reason": "Three missed commitments in a row",
        "evidence": ["Missed: Call Acme (due 2026-11-20, carried ×2)"],
        "self_check": ALL_YES,
        "session_id": "sess-1",
        "now": NOW.add(minutes=minutes),
    }
    if index == len(a.consequence_steps) - 1:  # the last step: the mirror, confirmed twice
        values["self_check"] = {**ALL_YES, **MIRROR_CLEAR}
        values["confirmed_last"] = True
    values.update(extra)
    inv = invoke(a, index, **values)
    done.append(inv)
    return inv


MIRROR_CLEAR = {key: clears for key, _, clears in MIRROR_QUESTIONS}


def test_the_last_step_asks_the_mirror_and_a_second_confirmation() -> None:
    a = agreement()
    done: list[Invocation] = []
    do_invoke(a, 0, done)
    do_invoke(a, 1, done, minutes=1)
    with pytest.raises(FieldError) as caught:
        do_invoke(a, 2, done, self_check=ALL_YES)
    assert caught.value.field == "self_check"
    assert "Did I hire well? Did I ask the right questions? Is this my fault?" in str(caught.value)
    with pytest.raises(FieldError) as caught:
        do_invoke(a, 2, done, confirmed_last=False)
    assert caught.value.field == "confirm_last"
    assert len(done) == 2  # nothing recorded
    answers = {**ALL_YES, "hired_well": True, "asked_right": False, "my_fault": True}
    last = do_invoke(a, 2, done, self_check=answers)
    assert mirror_answers(last.self_check) == [
        "Did I hire well? yes",
        "Did I ask the right questions? no",
        "Is this my fault? yes",
    ]
    assert mirror_concerns(last.self_check) == [
        "Did I ask the right questions?",
        "Is this my fault?",
    ]
    # not the last step: the mirror is not asked, nor kept
    first = done[0]
    assert set(first.self_check) == set(ALL_YES) and mirror_answers(first.self_check) == []


def test_the_next_step_is_the_first_not_invoked() -> None:
    a = agreement()
    done: list[Invocation] = []
    assert next_step(a, done) == (0, a.consequence_steps[0])
    first = do_invoke(a, 0, done)
    assert first.step_text == "I need a gentle reminder"  # the rep's own words
    assert (first.agreement_id, first.agreement_version) == (a.id, 1)
    assert (first.step_id, first.step_index, first.rep_id) == (a.consequence_steps[0].id, 0, ANN.id)
    assert first.invoked_at == NOW and first.session_id == "sess-1"
    assert first.self_check == ALL_YES and first.out_of_order_reason == ""
    assert first.evidence == ["Missed: Call Acme (due 2026-11-20, carried ×2)"]
    assert next_step(a, done) == (1, a.consequence_steps[1])
    do_invoke(a, 1, done, minutes=1)
    do_invoke(a, 2, done, minutes=2)
    assert next_step(a, done) is None
    assert set(invoked_steps(done, a)) == {s.id for s in a.consequence_steps}


def test_another_step_needs_a_reason() -> None:
    a = agreement()
    done: list[Invocation] = []
    with pytest.raises(FieldError) as caught:
        do_invoke(a, 2, done)
    assert caught.value.field == "out_of_order_reason"
    assert "the next step is step 1" in str(caught.value)
    assert done == []
    skipped = do_invoke(a, 2, done, out_of_order_reason=" Integrity: a side deal ")
    assert skipped.out_of_order_reason == "Integrity: a side deal"
    assert skipped.step_text == "A written plan with dates"
    assert next_step(a, done) == (0, a.consequence_steps[0])  # the skipped ones are still next
    do_invoke(a, 0, done, minutes=1)
    # Invoking an invoked step again is also out of order.
    with pytest.raises(FieldError, match="the next step is step 2"):
        do_invoke(a, 0, done, minutes=2)
    do_invoke(a, 1, done, minutes=3)
    with pytest.raises(FieldError, match="every step has been invoked already"):
        do_invoke(a, 1, done, minutes=4)
    assert do_invoke(a, 1, done, minutes=5, out_of_order_reason="again").step_index == 1


def test_in_order_drops_an_unneeded_out_of_order_reason() -> None:
    assert do_invoke(agreement(), 0, [], out_of_order_reason="why not").out_of_order_reason == ""


def test_a_withdrawn_step_becomes_next_again() -> None:
    a = agreement()
    done: list[Invocation] = []
    first = do_invoke(a, 0, done)
    do_invoke(a, 1, done, minutes=1)
    assert next_step(a, done) == (2, a.consequence_steps[2])
    with pytest.raises(FieldError) as caught:
        withdraw(first, "   ", NOW)
    assert caught.value.field == "reason"
    later = NOW.add(days=1)
    pulled = withdraw(first, "Invoked on the wrong rep's numbers", later)
    assert (pulled.withdrawn_at, pulled.withdrawn_reason) == (
        later,
        "Invoked on the wrong rep's numbers",
    )
    assert pulled.is_withdrawn and not first.is_withdrawn  # a new record; the old one untouched
    assert (pulled.id, pulled.step_text, pulled.reason) == (first.id, first.step_text, first.reason)
    done[0] = pulled  # saved in its place: never deleted
    assert next_step(a, done) == (0, a.consequence_steps[0])
    assert set(invoked_steps(done, a)) == {a.consequence_steps[1].id}
    with pytest.raises(FieldError, match="already withdrawn"):
        withdraw(pulled, "again", later)
    again = do_invoke(a, 0, done, minutes=60)
    assert invoked_steps(done, a)[a.consequence_steps[0].id] is again


def test_invocations_count_across_versions() -> None:
    v1 = agreement()
    done: list[Invocation] = []
    do_invoke(v1, 0, done)
    # A quarterly review: a new version keeps the step ids.
    v2 = agree(revise(v1), D(2027, 1, 5), "Maya")
    assert v2.version == 2
    assert next_step(v2, done) == (1, v2.consequence_steps[1])
    second = do_invoke(v2, 1, done, minutes=1)
    assert (second.agreement_version, second.agreement_id) == (2, v2.id)
    # The rep rewrote their ladder: new ids; the same words still count, changed words do not.
    v3 = agreement(version=3, on=D(2027, 4, 5), steps=(LADDER[0], "Lunch, just us two", LADDER[2]))
    for s in v3.consequence_steps:
        s.id = "new-" + s.id
    invoked = invoked_steps(done, v3)
    assert set(invoked) == {v3.consequence_steps[0].id}
    assert invoked[v3.consequence_steps[0].id].agreement_version == 1
    assert next_step(v3, done) == (1, v3.consequence_steps[1])


def test_the_same_words_twice_match_one_step_each() -> None:
    a = agreement(steps=("Remind me", "Lunch", "Remind me"))
    done: list[Invocation] = []
    do_invoke(a, 0, done)
    do_invoke(a, 1, done, minutes=1)
    do_invoke(a, 2, done, minutes=2)
    rewritten = agreement(version=2, steps=("Remind me", "Lunch", "Remind me"))
    for s in rewritten.consequence_steps:
        s.id = "x-" + s.id
    assert set(invoked_steps(done, rewritten)) == {s.id for s in rewritten.consequence_steps}
    assert next_step(rewritten, done) is None
    assert next_step(rewritten, done[1:]) == (0, rewritten.consequence_steps[0])


def test_other_reps_invocations_do_not_count() -> None:
    bobs = agreement(rep=BOB)
    bob_done: list[Invocation] = []
    do_invoke(bobs, 0, bob_done)
    a = agreement(steps=(bobs.consequence_steps[0].text, "Lunch"))
    assert next_step(a, bob_done) == (0, a.consequence_steps[0])
    assert invoked_steps(bob_done, ANN) == {}
    assert set(invoked_steps(bob_done, BOB)) == {bobs.consequence_steps[0].id}


@pytest.mark.parametrize(
    ("extra", "field", "says"),
    [
        ({"reason": "  "}, "reason", "cannot be empty"),
        ({"reason": "x" * 2001}, "reason", "too long"),
        ({"self_check": {}}, "self_check", "Did I set this expectation clearly?"),
        (
            {"self_check": {"set_expectation": True, "coached": True}},
            "self_check",
            "Did I keep my own commitments?",
        ),
        ({"evidence": ["x" * 2001]}, "evidence", "too long"),
    ],
)
def test_invoke_refusals(extra: dict[str, Any], field: str, says: str) -> None:
    done: list[Invocation] = []
    with pytest.raises(FieldError) as caught:
        do_invoke(agreement(), 0, done, **extra)
    assert caught.value.field == field
    assert says in str(caught.value)
    assert done == []


def test_only_an_agreed_agreement_can_be_invoked() -> None:
    with pytest.raises(FieldError) as caught:
        do_invoke(agreement(agreed=False), 0, [])
    assert caught.value.field == "agreement"
    assert "only an agreed agreement" in str(caught.value)
    for index in (-1, 3):
        with pytest.raises(FieldError) as out:
            do_invoke(agreement(), index, [])
        assert out.value.field == "step"


def test_the_self_check_is_recorded_as_answered() -> None:
    answers = {"set_expectation": True, "coached": False, "kept_my_commitments": 1, "x": True}
    inv = do_invoke(agreement(), 0, [], self_check=answers, evidence=[" a ", "", "  "])
    assert inv.self_check == {
        "set_expectation": True,
        "coached": False,
        "kept_my_commitments": True,
    }
    assert inv.evidence == ["a"]
    assert self_check_gaps(inv.self_check) == ["Did I coach?"]
    assert missing_self_checks({}) == [q for _, q in SELF_CHECK_QUESTIONS]
    assert [k for k, _ in SELF_CHECK_QUESTIONS] == [
        "set_expectation",
        "coached",
        "kept_my_commitments",
    ]


def test_evidence_candidates() -> None:
    def made(text: str, due: str, owner: Owner = Owner.REP) -> Commitment:
        return new_commitment(ANN.id, owner, text, due, TODAY, None)

    missed = carry(carry(made("Call Acme", "2026-11-20"), None), None)
    items = [
        made("On time", "2026-11-30"),
        missed,
        carry(made("Pipeline review", "2026-11-10"), D(2026, 12, 1)),
        made("Due today is not missed", "2026-11-25"),
        made("Late, once", "2026-11-24"),
        mark_done(made("Done late", "2026-11-01"), NOW),
        made("Undated", ""),
        made("Manager's own", "2026-11-01", Owner.MANAGER),
    ]
    numbers = [
        NumberEntry("q-arr", "New ARR", 80_000.0, 120_000.0, "USD", Period.QUARTER),
        NumberEntry("q-meet", "Meetings", 12.0, 12.0, "meetings", Period.WEEK),
        NumberEntry("q-z", "Referrals", 0.0, 0.0, "", Period.MONTH),
        NumberEntry("q-c", "Calls", 99.5, 100.0, "calls", Period.DAY),
    ]
    assert evidence_candidates(items, numbers, TODAY) == [
        "Missed: Call Acme (due 2026-11-20, carried ×2)",
        "Missed: Late, once (due 2026-11-24)",
        "Carried: Pipeline review (due 2026-12-01, carried ×1)",
        "New ARR: 80,000 of 120,000 USD per quarter (67%)",
        "Calls: 99.5 of 100 calls per day (99%)",
    ]
    assert manager_slips(items, TODAY) == ["Missed: Manager's own (due 2026-11-01)"]
    assert evidence_candidates([], [], TODAY) == []


# --- ending ---------------------------------------------------------------------------------


def test_end_session_closes_it_and_covers_the_step_on_screen() -> None:
    s = go_to_step(session(), 1)
    ended = end_session(s, NOW.add(minutes=42))
    assert ended.closed and ended.ended_at == NOW.add(minutes=42)
    assert [x.covered for x in ended.steps] == [True, True, False]
    assert not s.closed


def test_addenda_only_on_a_closed_session() -> None:
    with pytest.raises(SessionNotClosed):
        add_addendum(session(), "x", NOW)
    closed = closed_session()
    with pytest.raises(FieldError) as caught:
        add_addendum(closed, "  \n ", NOW)
    assert caught.value.field == "text"
    later = NOW.add(days=2)
    one = add_addendum(closed, "  Acme signed.\nFollow-up Friday. ", later)
    two = add_addendum(one, "Second", later.add(hours=1))
    assert [(a.at, a.text) for a in two.addenda] == [
        (later, "Acme signed.\nFollow-up Friday."),
        (later.add(hours=1), "Second"),
    ]
    assert closed.addenda == [] and len(one.addenda) == 1
    assert two.closed and two.notes == closed.notes


def test_summarize() -> None:
    s = start_session(ANN, SessionKind.REGULAR, SCRIPT, agreement(), NOW)
    s = set_number(go_to_step(s, 1), ARR, "80000")
    ended = end_session(s, NOW.add(minutes=47, seconds=40))
    made = [
        new_commitment(ANN.id, Owner.REP, "a", "2026-12-04", TODAY, s.id),
        new_commitment(ANN.id, Owner.MANAGER, "b", "", TODAY, s.id),
    ]
    old = [new_commitment(ANN.id, Owner.REP, f"old {n}", "", TODAY, None) for n in range(7)]
    now = [
        mark_done(old[0], NOW, session_id=s.id),
        drop(old[1], "no longer needed", NOW, session_id=s.id),
        mark_done(old[2], NOW, session_id=s.id),
        carry(old[3], pendulum.date(2026, 12, 11), session_id=s.id),
        old[4],  # untouched
        mark_done(made[1], NOW, session_id=s.id),  # made and done in it
        mark_done(old[5], NOW, session_id="an earlier one"),  # closed in another: not here
        undo(carry(old[6], None, session_id=s.id), s.id, NOW),  # carried, then undone
    ]
    a = agreement()
    mine = do_invoke(a, 0, [], session_id=s.id, minutes=5)
    pulled = withdraw(do_invoke(a, 1, [mine], session_id=s.id, minutes=6), "mistake", NOW)
    elsewhere = do_invoke(a, 0, [], session_id="another")
    summary = summarize(
        ended, [made[0], *now], [pulled, elsewhere, mine], before={c.id: c for c in old}
    )
    assert summary.session_id == s.id and summary.kind is SessionKind.REGULAR
    assert summary.duration_minutes == 48
    assert (summary.steps_covered, summary.steps_total) == (2, 3)
    assert summary.numbers == tuple(ended.numbers)
    assert (
        summary.commitments_made,
        summary.commitments_done,
        summary.commitments_dropped,
        summary.commitments_carried,
    ) == (2, 3, 1, 1)
    assert summary.commitments_closed == 4
    assert summary.invocations == (mine, pulled)
    assert summary.invocations_in_force == 1
    lines = summary.lines("Ann Lee")
    assert lines[:3] == [
        "Duration: 48 min",
        "Steps covered: 2 of 3",
        "Commitments: 2 made, 3 done, 1 dropped, 1 carried",
    ]
    listed = "\n".join(lines)
    assert "Made:\n  • Ann: a (by 2026-12-04)\n  • You: b (no date)\nDone:" in listed
    assert "Done:\n  • Ann: old 0\n  • Ann: old 2\n  • You: b\nDropped:" in listed
    assert "Dropped:\n  • Ann: old 1 (why: no longer needed)\nCarried:" in listed
    assert "Carried:\n  • Ann: old 3 (now by 2026-12-11, carried ×1)\n" in listed
    assert "old 4" not in listed and "old 5" not in listed and "old 6" not in listed
    assert "Number: New ARR: 80,000 of 120,000 USD per quarter (67%)" in lines
    assert "Invoked step 2 of v1: Take me out to lunch (withdrawn)" in lines


def test_a_commitment_closed_before_the_session_is_not_its_doing() -> None:
    s = start_session(ANN, SessionKind.REGULAR, SCRIPT, None, NOW)
    closed = mark_done(new_commitment(ANN.id, Owner.REP, "x", "", TODAY, None), NOW)
    summary = summarize(s, [closed], [], before={closed.id: closed})
    assert summary.commitments_done == 0 and summary.commitments_made == 0


def test_what_was_closed_in_an_earlier_sitting_of_the_session_is_summarized() -> None:
    """Resumed after a restart: what was done in the first sitting is still this session's."""
    s = start_session(ANN, SessionKind.REGULAR, SCRIPT, None, NOW)
    done = mark_done(new_commitment(ANN.id, Owner.REP, "x", "", TODAY, None), NOW, session_id=s.id)
    summary = summarize(s, [done], [], before={done.id: done})  # loaded closed, on resume
    assert summary.done == (done,)


def test_the_summary_and_the_history_count_the_steps_alike() -> None:
    """On the last step, before closing: the summary counts it, as the closed record will,
    and the record is left as it was."""
    s = start_session(ANN, SessionKind.REGULAR, SCRIPT, None, NOW)
    last = go_to_step(go_to_step(s, 1), 2)
    assert summarize(last, [], []).steps_covered == 3 and steps_covered(last) == 2
    assert not last.steps[2].covered
    closed = end_session(last, NOW.add(minutes=30))
    assert steps_covered(closed) == 3 == summarize(closed, [], []).steps_covered


def test_summarize_an_open_session_up_to_now() -> None:
    s = session()
    assert summarize(s, [], [], now=NOW.add(minutes=10)).duration_minutes == 10
    assert summarize(s, [], []).duration_minutes == 0
    backwards = end_session(s, NOW.subtract(minutes=5))  # a clock set back
    assert summarize(backwards, [], []).duration_minutes == 0


def test_interrupted_and_history_are_newest_first() -> None:
    def at(hours: int, *, close: bool, rep: Rep = ANN) -> Session:
        s = start_session(rep, SessionKind.REGULAR, SCRIPT, None, NOW.add(hours=hours))
        return end_session(s, NOW.add(hours=hours, minutes=30)) if close else s

    old_open = at(-48, close=False)
    new_open = at(-1, close=False)
    bobs_open = at(-5, close=False, rep=BOB)
    done = at(-24, close=True)
    everything = [old_open, done, new_open, bobs_open]
    assert interrupted(everything) == [new_open, bobs_open, old_open]
    assert history(everything, ANN.id) == [new_open, done, old_open]
    assert interrupted([done]) == []


def test_rules_never_change_their_arguments() -> None:
    s = session()
    frozen_copy = copy.deepcopy(s)
    for change in list(CHANGES.values()):
        change(s)
    assert s == frozen_copy
    a = agreement()
    snapshot = copy.deepcopy(a)
    invoke(
        a, 0, invocations=[], reason="r", evidence=[], self_check=ALL_YES, session_id=None, now=NOW
    )
    assert a == snapshot
    assert a.state is AgreementState.AGREED


def test_sessions_started_in_this_run_are_not_offered_back() -> None:
    from oneonone.core.model import Session, SessionKind
    from oneonone.core.sessions import interrupted

    day = pendulum.datetime(2026, 11, 27, 9, 0, tz="UTC")
    old = Session(rep_id="r", kind=SessionKind.REGULAR, started_at=day.subtract(days=2))
    older = Session(rep_id="r", kind=SessionKind.REGULAR, started_at=day.subtract(days=9))
    closed = Session(
        rep_id="r", kind=SessionKind.REGULAR, started_at=day.subtract(days=1), closed=True
    )
    now = Session(rep_id="r", kind=SessionKind.REGULAR, started_at=day)
    assert interrupted([older, now, closed, old], {now.id}) == [old, older]
    assert interrupted([older, now, closed, old]) == [now, old, older]

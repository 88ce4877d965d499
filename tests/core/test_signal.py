"""The accountability signal's rules: evidence, the next step in the rep's words, what clears
it, and the two-way street."""

from __future__ import annotations

import pendulum

from oneonone.core import sessions as rules_of_sessions
from oneonone.core.model import (
    Commitment,
    ConsequenceStep,
    Invocation,
    NumberEntry,
    Owner,
    Period,
    Rep,
    RepStatus,
    Session,
    SessionKind,
    Snooze,
)
from oneonone.core.sessions import SessionError
from oneonone.core.signal import SignalRules, manager_line, rep_signals, snooze
from tests.core.cadence_support import D, agreed

TODAY = D(2026, 12, 4)
MARCUS = Rep(name="Marcus O'Neil", start_date=D(2024, 1, 8), id="rep-marcus")
STEPS = [ConsequenceStep("A gentle reminder on Slack"), ConsequenceStep("Lunch, my treat")]


def agreement():  # type: ignore[no-untyped-def]
    a = agreed(MARCUS.id, D(2026, 9, 1), version=2)
    a.consequence_steps = list(STEPS)
    return a


def due(text: str, day: pendulum.Date, owner: Owner = Owner.REP) -> Commitment:
    return Commitment(MARCUS.id, owner, text, due=day, created_at=pendulum.datetime(2026, 10, 1))


def session(day: pendulum.Date, actual: float, target: float = 100_000) -> Session:
    return Session(
        rep_id=MARCUS.id,
        kind=SessionKind.REGULAR,
        started_at=pendulum.datetime(day.year, day.month, day.day, 10),
        numbers=[NumberEntry("q-arr", "New ARR", actual, target, "USD", Period.QUARTER)],
        closed=True,
    )


def test_missed_commitments_and_numbers_below_quota_name_the_next_step() -> None:
    missed = [due("Call Acme", D(2026, 11, 2)), due("Send the forecast", D(2026, 11, 20))]
    # New ARR per quarter; on Nov 20, 51 days of the quarter's 92 are gone: 60,000 is behind
    slow = [session(D(2026, 11, k), 30_000 + 1_000 * k) for k in (6, 13, 20)]
    (signal,) = rep_signals(
        [MARCUS],
        [agreement()],
        missed,
        [],
        TODAY,
        sessions={MARCUS.id: slow},
    )
    assert signal.line() == (
        "Marcus O'Neil: 2 commitments missed since 2 Nov 2026; New ARR behind pace at the last "
        "3 one-on-ones (50% of the quarter's quota with 55% of it gone). Next step (1 of v2, "
        'agreed 2026-09-01): "A gentle reminder on Slack"'
    )
    assert signal.since == D(2026, 11, 2)


def test_below_the_thresholds_there_is_no_signal() -> None:
    one_missed = [due("Call Acme", D(2026, 11, 2))]
    two_slow = [session(D(2026, 11, 6), 30_000), session(D(2026, 11, 13), 30_000)]
    # 60% of the quota with 55% of the quarter gone is on pace, though below the quota
    on_pace = [session(D(2026, 11, k), 30_000) for k in (6, 13)] + [
        session(D(2026, 11, 20), 60_000)
    ]
    for slow in (two_slow, on_pace):
        assert (
            rep_signals([MARCUS], [agreement()], one_missed, [], TODAY, sessions={MARCUS.id: slow})
            == []
        )
    # due today is not missed yet; done or dropped is not missed
    assert rep_signals([MARCUS], [agreement()], [due("a", TODAY), due("b", TODAY)], [], TODAY) == []
    # the thresholds are the manager's
    strict = SignalRules(missed=1)
    assert rep_signals([MARCUS], [agreement()], one_missed, [], TODAY, rules=strict)


def test_a_commitment_carried_three_times_is_evidence() -> None:
    c = due("Clean the CRM", D(2026, 12, 20))
    for n in range(3):
        c = rules_of_sessions.carry(c, D(2026, 12, 20), at=pendulum.datetime(2026, 11, 1 + n))
    (signal,) = rep_signals([MARCUS], [agreement()], [c], [], TODAY)
    assert signal.evidence[0].text == '"Clean the CRM" carried ×3'


def test_invoking_a_step_clears_it_until_new_evidence() -> None:
    missed = [due("Call Acme", D(2026, 11, 2)), due("Send the forecast", D(2026, 11, 20))]
    step = Invocation(
        MARCUS.id,
        "agr",
        2,
        STEPS[0].id,
        0,
        STEPS[0].text,
        "Missed twice",
        invoked_at=pendulum.datetime(2026, 11, 25, 9),
    )
    assert rep_signals([MARCUS], [agreement()], missed, [step], TODAY) == []
    later = [*missed, due("Book the QBR", D(2026, 11, 30)), due("Update stages", D(2026, 12, 1))]
    (signal,) = rep_signals([MARCUS], [agreement()], later, [step], TODAY)
    assert signal.evidence[0].text == "2 commitments missed since 30 Nov 2026"
    assert signal.next is not None and signal.next[1].text == "Lunch, my treat"  # the next one
    # a withdrawn invocation answers nothing
    withdrawn = Invocation(**{**step.__dict__, "withdrawn_at": pendulum.datetime(2026, 11, 26)})
    assert rep_signals([MARCUS], [agreement()], missed, [withdrawn], TODAY)


def test_no_step_left_no_agreement_and_departed_reps() -> None:
    missed = [due("Call Acme", D(2026, 11, 2)), due("Send the forecast", D(2026, 11, 20))]
    invoked = [
        Invocation(
            MARCUS.id, "agr", 2, s.id, i, s.text, "r", invoked_at=pendulum.datetime(2026, 10, 1)
        )
        for i, s in enumerate(STEPS)
    ]
    (signal,) = rep_signals([MARCUS], [agreement()], missed, invoked, TODAY)
    assert "Every consequence step of v2 is invoked" in signal.line()
    (signal,) = rep_signals([MARCUS], [], missed, [], TODAY)
    assert "No agreed consequence steps yet" in signal.line()
    gone = Rep(name="Gone", start_date=D(2024, 1, 8), status=RepStatus.DEPARTED, id=MARCUS.id)
    assert rep_signals([gone], [agreement()], missed, [], TODAY) == []


def test_the_manager_is_held_to_the_same_standard() -> None:
    mine = [
        due("Get pricing approval", D(2026, 11, 10), Owner.MANAGER),
        due("Book the deal desk", D(2026, 11, 12), Owner.MANAGER),
    ]
    theirs = [due("Call Acme", D(2026, 11, 2)), due("Send the forecast", D(2026, 11, 20))]
    (signal,) = rep_signals([MARCUS], [agreement()], theirs + mine, [], TODAY)
    assert signal.line().endswith("· You: 2 commitments to them past their date")
    other = Rep(name="Ana", start_date=D(2024, 1, 8), id="rep-ana")
    extra = Commitment(other.id, Owner.MANAGER, "Ride along", due=D(2026, 11, 30))
    assert manager_line([MARCUS, other], [*mine, extra], TODAY) == (
        "You: 3 commitments to 2 reps past their date"
    )
    assert manager_line([MARCUS], theirs, TODAY) is None


def test_where_the_numbers_should_be() -> None:
    from oneonone.core.signal import period_gone

    assert period_gone(Period.DAY, D(2026, 11, 20)) == 1.0
    assert period_gone(Period.WEEK, D(2026, 11, 18)) == 3 / 7  # a Wednesday
    assert period_gone(Period.MONTH, D(2026, 2, 14)) == 0.5
    assert period_gone(Period.QUARTER, D(2026, 12, 31)) == 1.0
    assert period_gone(Period.YEAR, D(2026, 1, 1)) == 1 / 365


def test_a_snooze_with_a_reason_clears_it_until_new_evidence() -> None:
    missed = [due("Call Acme", D(2026, 11, 2)), due("Send the forecast", D(2026, 11, 20))]
    (signal,) = rep_signals([MARCUS], [agreement()], missed, [], TODAY)
    # late in the evening where the manager is, 25 Nov there (26 Nov in UTC)
    at = pendulum.datetime(2026, 11, 25, 23, 30, tz="America/New_York").in_timezone("UTC")
    set_aside = snooze(MARCUS, signal.evidence_lines(), "  On leave for a family matter  ", at)
    assert set_aside.reason == "On leave for a family matter"
    assert set_aside.evidence == ["2 commitments missed since 2 Nov 2026"]
    assert set_aside.rep_id == MARCUS.id
    assert rep_signals([MARCUS], [agreement()], missed, [], TODAY, snoozes=[set_aside]) == []
    # a commitment due on the snooze's own day (where the manager is, 25 Nov) was not missed
    # yet when it was snoozed: once it is, it is new evidence; one due the day before is not
    tz = "America/New_York"
    before = [*missed, due("Book the QBR", D(2026, 11, 24))]
    assert (
        rep_signals([MARCUS], [agreement()], before, [], TODAY, snoozes=[set_aside], timezone=tz)
        == []
    )
    later = [*before, due("Update", D(2026, 11, 25)), due("Send the deck", D(2026, 11, 30))]
    (back,) = rep_signals(
        [MARCUS], [agreement()], later, [], TODAY, snoozes=[set_aside], timezone=tz
    )
    assert back.evidence[0].text == "2 commitments missed since 25 Nov 2026"
    # another rep's snooze answers nothing of Marcus's
    other = Snooze(rep_id="rep-other", reason="x", at=at)
    assert rep_signals([MARCUS], [agreement()], missed, [], TODAY, snoozes=[other])


def test_a_snooze_needs_a_reason_and_a_rep_on_the_team() -> None:
    missed = [due("Call Acme", D(2026, 11, 2)), due("Send the forecast", D(2026, 11, 20))]
    (signal,) = rep_signals([MARCUS], [agreement()], missed, [], TODAY)
    now = pendulum.datetime(2026, 12, 4, 9)
    gone = Rep(name="Gone", start_date=D(2024, 1, 8), status=RepStatus.DEPARTED)
    for reason in ("", "   \n ", "x" * (rules_of_sessions.MAX_TEXT + 1)):
        try:
            snooze(MARCUS, signal.evidence_lines(), reason, now)
        except SessionError as exc:
            assert exc.field == "reason"
        else:  # pragma: no cover - the assertion names what went wrong
            raise AssertionError(f"{reason[:10]!r} was accepted")
    try:
        snooze(gone, [], "Left", now)
    except SessionError as exc:
        assert "has left the team" in str(exc)
    else:  # pragma: no cover
        raise AssertionError("a departed rep's signal was snoozed")

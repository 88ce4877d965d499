"""The agenda: what needs the manager, most urgent first, with humanized dates; the manager's
own today, never the machine's."""

from __future__ import annotations

import dataclasses
import datetime as dt
from pathlib import Path

import pendulum
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from oneonone.core.agenda import (
    AgendaInput,
    AgendaItem,
    build_agenda,
    humanize,
    load_agenda_input,
    whole_months,
    with_ensured_reviews,
)
from oneonone.core.dates import today_in
from oneonone.core.model import (
    Agreement,
    AgreementState,
    Commitment,
    CommitmentState,
    OnboardingItem,
    Owner,
    Rep,
    Review,
    ReviewScope,
    ReviewState,
    TeamSettings,
)
from oneonone.core.store import Store
from tests.core.cadence_support import D, agreed, frozen, rep
from tests.core.cadence_support import settings as team_settings

TODAY = D(2026, 3, 10)  # a Tuesday
AKL = "Pacific/Auckland"


def _input(**changes: object) -> AgendaInput:
    data = AgendaInput(
        reps=[], settings=team_settings(), agreements=[], reviews=[], commitments=[], onboarding=[]
    )
    for key, value in changes.items():
        setattr(data, key, value)
    return data


def _kinds(items: list[AgendaItem]) -> list[tuple[str, str]]:
    return [(i.kind, i.title) for i in items]


def team() -> AgendaInput:
    """A team with something of every kind, and a departed rep with things that must not show."""
    ann = rep("Ann Lee", D(2024, 1, 15))
    bo = rep("Bo Chen", D(2025, 6, 2))
    nia = rep("Nia Park", D(2026, 3, 9))
    cy = rep("Cy Roe", D(2020, 5, 1), departed=True)
    tz = "America/New_York"

    def at(day: pendulum.Date, hour: int) -> pendulum.DateTime:
        return pendulum.datetime(day.year, day.month, day.day, hour, tz=tz)

    return _input(
        reps=[ann, bo, nia, cy],
        agreements=[agreed(ann.id, D(2025, 11, 3)), agreed(bo.id, D(2026, 1, 5))],
        reviews=[
            Review(ReviewScope.REP, D(2026, 2, 3), ann.id, id="rv-ann"),
            Review(ReviewScope.REP, D(2026, 4, 1), bo.id, id="rv-bo"),  # beyond two weeks
            Review(ReviewScope.TEAM, D(2026, 3, 20), moved_from=D(2026, 3, 16), id="rv-team"),
            Review(ReviewScope.REP, D(2026, 1, 1), cy.id, id="rv-cy"),
            Review(ReviewScope.REP, D(2026, 3, 11), nia.id, ReviewState.DONE, id="rv-done"),
        ],
        commitments=[
            Commitment(ann.id, Owner.REP, "Send the\nforecast", D(2026, 3, 6), id="c-ann"),
            Commitment(bo.id, Owner.MANAGER, "Book the ride-along", D(2026, 3, 9), id="c-me"),
            Commitment(ann.id, Owner.REP, "Due today", TODAY, id="c-today"),
            Commitment(ann.id, Owner.REP, "No date", None, id="c-none"),
            Commitment(cy.id, Owner.REP, "Gone", D(2026, 1, 1), id="c-cy"),
            Commitment(ann.id, Owner.REP, "Done", D(2026, 3, 1), CommitmentState.DONE, id="c-done"),
        ],
        onboarding=[
            OnboardingItem(nia.id, "Welcome", at(D(2026, 3, 9), 9), at(D(2026, 3, 9), 10), id="o1"),
            OnboardingItem(nia.id, "CRM setup", at(D(2026, 3, 9), 11), at(D(2026, 3, 9), 12)),
            OnboardingItem(nia.id, "Shadow calls", at(TODAY, 13), at(TODAY, 15), id="o-today"),
            OnboardingItem(nia.id, "Checked", at(TODAY, 9), at(TODAY, 10), done=True, id="o-done"),
            OnboardingItem(nia.id, "Tomorrow", at(TODAY.add(days=1), 9), at(TODAY.add(days=1), 10)),
            OnboardingItem(cy.id, "Gone", at(TODAY, 9), at(TODAY, 10)),
        ],
    )


def test_agenda_lists_every_kind_most_urgent_first() -> None:
    items = build_agenda(team(), TODAY)
    assert _kinds(items) == [
        ("review", "Quarterly review with Ann Lee"),
        ("commitment", "Ann Lee: Send the forecast"),
        ("signal", "You: 1 commitment to 1 rep past its date"),  # the manager's own slips
        ("commitment", "You: Book the ride-along (for Bo Chen)"),  # same day: kind order
        ("onboarding", "Nia Park onboarding: 2 items not checked off"),
        ("onboarding", "Nia Park onboarding, 13:00: Shadow calls"),
        ("onboarding", "Nia Park onboarding, 09:00: Tomorrow"),  # her next plan day
        ("review", "Team quarterly review (moved from 2026-03-16)"),
        ("no agreement", "Nia Park has no agreement yet: hold the expectations conversation"),
    ]
    overdue = [i.overdue for i in items]
    assert overdue == [True, True, True, True, True, False, False, False, False]
    assert [i.when for i in items] == [
        D(2026, 2, 3),
        D(2026, 3, 6),
        D(2026, 3, 9),
        D(2026, 3, 9),
        D(2026, 3, 9),
        TODAY,
        TODAY.add(days=1),
        D(2026, 3, 20),
        D(2026, 3, 23),
    ]
    targets = {i.title: (i.rep_id, i.target_id) for i in items}
    assert targets["Quarterly review with Ann Lee"] == ("rep-ann", "rv-ann")
    assert targets["Team quarterly review (moved from 2026-03-16)"] == (None, "rv-team")
    assert targets["Nia Park onboarding: 2 items not checked off"] == ("rep-nia", "o1")
    assert targets["You: Book the ride-along (for Bo Chen)"] == ("rep-bo", "c-me")
    assert all(i.rep_id != "rep-cy" for i in items)  # the departed rep contributes nothing


def test_horizon_is_inclusive_and_days_zero_keeps_only_today_and_overdue() -> None:
    data = team()
    assert "Quarterly review with Bo Chen" not in [i.title for i in build_agenda(data, TODAY)]
    data.reviews = [r for r in data.reviews if r.id != "rv-bo"] + [
        Review(ReviewScope.REP, TODAY.add(days=14), "rep-bo", id="rv-bo14"),
        Review(ReviewScope.REP, TODAY.add(days=15), "rep-ann", id="rv-ann15"),
    ]
    titles = [i.title for i in build_agenda(data, TODAY)]
    assert "Quarterly review with Bo Chen" in titles
    assert titles.count("Quarterly review with Ann Lee") == 1  # the one 15 days out is not
    only_now = build_agenda(data, TODAY, days=0)
    assert all(i.when <= TODAY for i in only_now)
    assert any(i.when == TODAY for i in only_now) and any(i.overdue for i in only_now)
    with pytest.raises(ValueError):
        build_agenda(data, TODAY, days=-1)


def test_agreement_overdue_unless_a_review_on_the_agenda_says_it() -> None:
    ann = rep("Ann Lee", D(2024, 1, 15))
    agreement = agreed(ann.id, D(2025, 11, 3))  # due for review Feb 3
    far = Review(ReviewScope.REP, D(2026, 4, 1), ann.id, id="rv-far")
    items = build_agenda(_input(reps=[ann], agreements=[agreement], reviews=[far]), TODAY)
    assert [(i.kind, i.when, i.target_id, i.overdue) for i in items] == [
        ("agreement overdue", D(2026, 2, 3), agreement.id, True)
    ]
    assert "v1, agreed 2025-11-03" in items[0].title
    near = Review(ReviewScope.REP, D(2026, 3, 12), ann.id, id="rv-near")
    items = build_agenda(_input(reps=[ann], agreements=[agreement], reviews=[near]), TODAY)
    assert [i.kind for i in items] == ["review"]
    fresh = agreed(ann.id, D(2026, 2, 1), 2)
    assert build_agenda(_input(reps=[ann], agreements=[agreement, fresh]), TODAY) == []


def test_takeover_items_replace_no_agreement_and_count_down() -> None:
    ann = rep("Ann Lee", D(2024, 1, 15))
    bo = rep("Bo Chen", D(2025, 6, 2))
    eve = rep("Eve Kim", D(2026, 3, 9))  # hired after the takeover: no takeover line
    data = _input(
        reps=[ann, bo, eve],
        settings=team_settings(takeover_date=D(2026, 3, 2)),
        agreements=[agreed(ann.id, D(2025, 10, 1), inherited=True)],
    )
    items = build_agenda(data, TODAY)
    # Ann's next review (none saved: the one ensure_reviews would schedule, capped by her
    # agreement's quarter) is her review line; the takeover line is still there.
    assert [(i.kind, i.when) for i in items if i.kind == "review"] == [("review", D(2026, 1, 1))]
    items = [i for i in items if i.kind != "review"]
    reset = "New-leader reset: expectations conversation with"
    assert [(i.kind, i.title, i.when, i.overdue) for i in items] == [
        ("takeover", f"{reset} Ann Lee", D(2026, 3, 16), False),
        ("takeover", f"{reset} Bo Chen", D(2026, 3, 16), False),
        (
            "no agreement",
            "Eve Kim has no agreement yet: hold the expectations conversation",
            D(2026, 3, 23),
            False,
        ),
    ]
    late = build_agenda(data, D(2026, 3, 17))
    assert [i.overdue for i in late if i.kind == "takeover"] == [True, True]
    data.agreements.append(agreed(bo.id, D(2026, 3, 4)))
    assert [i.rep_id for i in build_agenda(data, TODAY) if i.kind == "takeover"] == [ann.id]


def test_empty_team_and_an_up_to_date_team() -> None:
    assert build_agenda(_input(), TODAY) == []
    ann = rep("Ann Lee", D(2024, 1, 15))
    data = _input(
        reps=[ann],
        agreements=[agreed(ann.id, D(2026, 2, 2))],
        reviews=[
            Review(ReviewScope.REP, D(2026, 5, 2), ann.id),
            Review(ReviewScope.TEAM, D(2026, 4, 1)),
        ],
    )
    assert build_agenda(data, TODAY) == []


def test_onboarding_days_are_the_managers() -> None:
    """An item at 09:00 in Auckland is the previous evening in UTC: it is due on the
    Auckland day, whatever zone it was stored in."""
    nia = rep("Nia Park", D(2026, 3, 9))
    starts = pendulum.datetime(2026, 3, 10, 9, tz=AKL).in_timezone("UTC")  # Mar 9 20:00 UTC
    item = OnboardingItem(nia.id, "Welcome", starts, starts.add(hours=1), id="o1")
    data = _input(reps=[nia], settings=team_settings(timezone=AKL), onboarding=[item])
    (today_item,) = [i for i in build_agenda(data, D(2026, 3, 10)) if i.kind == "onboarding"]
    assert today_item.title == "Nia Park onboarding, 09:00: Welcome" and not today_item.overdue
    # the day before, it is coming, on the Auckland day
    before = build_agenda(data, D(2026, 3, 9))
    assert [(i.kind, i.when, i.overdue) for i in before] == [
        ("onboarding", D(2026, 3, 10), False),
        ("no agreement", D(2026, 3, 23), False),
    ]


def test_today_comes_from_the_managers_timezone() -> None:
    # 23:30 in New York on Monday March 9 is already Tuesday in UTC and in Auckland
    with frozen(pendulum.datetime(2026, 3, 9, 23, 30, tz="America/New_York")):
        assert today_in("America/New_York") == D(2026, 3, 9)
        assert today_in(AKL) == D(2026, 3, 10)
        ann = rep("Ann Lee", D(2024, 1, 15))
        data = _input(
            reps=[ann],
            agreements=[agreed(ann.id, D(2026, 2, 2))],
            reviews=[Review(ReviewScope.TEAM, D(2026, 4, 1))],
            commitments=[Commitment(ann.id, Owner.REP, "Call back", D(2026, 3, 9), id="c")],
        )
        today = today_in(data.settings.timezone)
        assert build_agenda(with_ensured_reviews(data, today), today) == []  # due today
        akl = today_in(AKL)
        (late,) = build_agenda(data, akl)
        assert (late.kind, humanize(late.when, akl)) == ("commitment", "yesterday")


def test_load_agenda_input_reads_only_what_is_needed(tmp_path: Path) -> None:
    data = team()
    path = tmp_path / "team.json"
    with Store.open(path) as store:
        store.put_many(
            [data.settings, *data.reps, *data.agreements, *data.reviews, *data.commitments]
        )
        store.put_many(data.onboarding)
        store.put(
            Agreement(rep_id="rep-ann", version=2, id="draft")  # a draft waiting: on home
        )
    with Store.open(path, allow_read_only=True) as store:
        loaded = load_agenda_input(store)
    assert {c.id for c in loaded.commitments} == {"c-ann", "c-me", "c-today", "c-none", "c-cy"}
    assert "rv-done" not in {r.id for r in loaded.reviews}
    assert "o-done" not in {o.id for o in loaded.onboarding}
    assert "draft" in {a.id for a in loaded.agreements}
    assert isinstance(loaded.settings, TeamSettings) and loaded.settings.manager_name == "Maya"
    got = build_agenda(loaded, TODAY)
    assert [i for i in got if i.kind != "draft"] == build_agenda(data, TODAY)
    assert [i.target_id for i in got if i.kind == "draft"] == ["draft"]


def test_with_ensured_reviews_adds_missing_reviews_in_memory() -> None:
    ann = rep("Ann Lee", D(2024, 1, 15))
    data = _input(reps=[ann], agreements=[agreed(ann.id, D(2025, 11, 3))])
    shown = with_ensured_reviews(data, TODAY)
    assert data.reviews == []  # the input is not changed
    items = build_agenda(shown, TODAY)
    assert [(i.kind, i.when) for i in items] == [("review", D(2026, 2, 3))]
    assert with_ensured_reviews(shown, TODAY) is shown


@pytest.mark.parametrize(
    ("when", "text"),
    [
        (D(2026, 3, 10), "today"),
        (D(2026, 3, 11), "tomorrow"),
        (D(2026, 3, 9), "yesterday"),
        (D(2026, 3, 12), "in 2 days"),
        (D(2026, 3, 8), "2 days overdue"),
        (D(2026, 3, 23), "in 13 days"),
        (D(2026, 3, 24), "in 2 weeks"),
        (D(2026, 3, 30), "in 2 weeks"),
        (D(2026, 3, 31), "in 3 weeks"),
        (D(2026, 4, 9), "in 4 weeks"),
        (D(2026, 4, 10), "in 1 month"),
        (D(2026, 6, 9), "in 2 months"),
        (D(2026, 6, 10), "in 3 months"),
        (D(2027, 3, 9), "in 11 months"),
        (D(2027, 3, 10), "in 1 year"),
        (D(2026, 3, 7), "3 days overdue"),
        (D(2026, 2, 25), "13 days overdue"),
        (D(2026, 2, 24), "2 weeks overdue"),
        (D(2026, 2, 17), "3 weeks overdue"),
        (D(2026, 2, 11), "3 weeks overdue"),
        (D(2026, 2, 10), "1 month overdue"),  # 28 days, and a whole month: Feb 10 → Mar 10
        (D(2026, 1, 11), "1 month overdue"),
        (D(2026, 1, 10), "2 months overdue"),
        (D(2025, 12, 11), "2 months overdue"),
        (D(2025, 12, 10), "3 months overdue"),
        (D(2025, 3, 10), "1 year overdue"),
        (D(2023, 3, 10), "3 years overdue"),
    ],
)
def test_humanize_boundaries(when: pendulum.Date, text: str) -> None:
    assert humanize(when, TODAY) == text


def test_humanize_month_ends_and_leap_days() -> None:
    assert humanize(D(2026, 2, 28), D(2026, 1, 31)) == "in 1 month"  # a whole (short) month
    assert humanize(D(2026, 2, 27), D(2026, 1, 31)) == "in 3 weeks"
    assert humanize(D(2024, 2, 29), D(2024, 3, 29)) == "1 month overdue"
    assert humanize(D(2025, 2, 27), D(2024, 2, 29)) == "in 11 months"
    assert humanize(D(2025, 2, 28), D(2024, 2, 29)) == "in 1 year"  # as add(years=1) clamps
    # 30 days from Mar 10 is not yet a month (pendulum's in_months says it is)
    assert humanize(D(2026, 3, 10), D(2026, 4, 9)) == "4 weeks overdue"
    assert humanize(D(2026, 3, 10), D(2026, 4, 10)) == "1 month overdue"


_days = st.dates(min_value=dt.date(2024, 1, 1), max_value=dt.date(2030, 12, 31)).map(
    lambda d: D(d.year, d.month, d.day)
)


@settings(max_examples=200, deadline=None)
@given(_days, _days)
def test_whole_months_and_humanize_agree_with_month_arithmetic(
    a: pendulum.Date, b: pendulum.Date
) -> None:
    early, late = min(a, b), max(a, b)
    m = whole_months(early, late)
    assert early.add(months=m) <= late < early.add(months=m + 1)
    text = humanize(b, a)
    n = (b - a).days
    assert text.endswith(" overdue") == (n < -1) and text.startswith("in ") == (n > 1)
    if abs(n) >= 14:
        unit = "year" if m >= 12 else "month" if m >= 1 else "week"
        assert unit in text


# --- a new hire's plan, before its day ---------------------------------------------------------


def _new_hire() -> tuple[Rep, list[OnboardingItem]]:
    """Tomás starts Monday Mar 16 on the default plan: the expectations conversation is on day
    3, Wednesday Mar 18 at 10:00, for two hours."""
    from oneonone.core.onboarding import default_template, generate_plan

    tomas = rep("Tomás Carter", D(2026, 3, 16))
    return tomas, generate_plan(tomas, default_template(), team_settings())


def test_no_agreement_points_at_the_planned_conversation() -> None:
    tomas, plan = _new_hire()
    data = _input(reps=[tomas], onboarding=plan)
    items = build_agenda(data, TODAY, days=14)
    said = [(i.kind, i.when, i.title) for i in items]
    assert said == [
        (
            "onboarding",
            D(2026, 3, 16),
            "Tomás Carter onboarding: 6 plan items, from 09:00 Welcome: meet the team",
        ),
        ("no agreement", D(2026, 3, 18), "Tomás Carter: expectations conversation, 10:00, 2 hours"),
    ]
    # nothing else dates the conversation (the old "two weeks after the start": Mar 30)
    assert not any(i.when == tomas.start_date.add(days=14) for i in items)
    # --days N: before the horizon reaches it, it is not there; the day it does, it is
    assert [i.kind for i in build_agenda(data, TODAY, days=7)] == ["onboarding"]
    assert [i.kind for i in build_agenda(data, TODAY, days=8)] == ["onboarding", "no agreement"]
    # not held on its day: overdue from that day, not from two weeks after the start
    late = build_agenda(data, D(2026, 3, 20))
    (line,) = [i for i in late if i.kind == "no agreement"]
    assert line.when == D(2026, 3, 18) and line.overdue


def test_expectations_conversation_has_its_own_line_when_the_rep_has_an_agreement() -> None:
    tomas, plan = _new_hire()
    data = _input(reps=[tomas], onboarding=plan, agreements=[agreed(tomas.id, D(2026, 3, 2))])
    talk = [i for i in build_agenda(data, TODAY, days=14) if i.when == D(2026, 3, 18)]
    assert [(i.kind, i.title) for i in talk] == [
        (
            "onboarding",
            "Tomás Carter onboarding, 10:00: Expectations conversation with your manager (2 hours)",
        ),
    ]
    # checked off: the plan no longer holds it, the line goes back to the rule of two weeks
    done = [
        o if not o.is_expectations_conversation else dataclasses.replace(o, done=True) for o in plan
    ]
    data = _input(reps=[tomas], onboarding=done)
    (line,) = [i for i in build_agenda(data, TODAY, days=30) if i.kind == "no agreement"]
    assert line.when == D(2026, 3, 30)


def test_a_draft_waiting_to_be_agreed_is_on_the_agenda() -> None:
    ann = rep("Ann Lee", D(2024, 1, 15))
    nia = rep("Nia Park", D(2026, 3, 9))
    v1 = agreed(ann.id, D(2026, 1, 5))
    v2 = Agreement(rep_id=ann.id, version=2, id="draft-ann")  # a draft, not agreed
    first = Agreement(rep_id=nia.id, version=1, id="draft-nia")
    review = Review(ReviewScope.REP, D(2026, 4, 1), ann.id, id="rv-ann")
    data = _input(reps=[ann, nia], agreements=[v1, v2, first], reviews=[review])
    drafts = [i for i in build_agenda(data, TODAY) if i.kind == "draft"]
    assert [(i.title, i.when, i.overdue, i.rep_id, i.target_id) for i in drafts] == [
        ("Ann Lee: a draft of v2 waits to be agreed", TODAY, False, ann.id, "draft-ann"),
        ("Nia Park: a draft of v1 waits to be agreed", TODAY, False, nia.id, "draft-nia"),
    ]
    # agreed: the line goes; an old draft below the agreed version says nothing
    done = dataclasses.replace(v2, state=AgreementState.AGREED, agreed_on=TODAY)
    data = _input(reps=[ann], agreements=[v1, done], reviews=[review])
    assert not [i for i in build_agenda(data, TODAY) if i.kind == "draft"]
    stale = Agreement(rep_id=ann.id, version=1, id="old")
    data = _input(reps=[ann], agreements=[stale, done], reviews=[review])
    assert not [i for i in build_agenda(data, TODAY) if i.kind == "draft"]


def test_the_agenda_reads_the_drafts(tmp_path: Path) -> None:
    ann = rep("Ann Lee", D(2024, 1, 15))
    with Store.open(tmp_path / "team.json") as store:
        store.put_many(
            [
                team_settings(),
                ann,
                agreed(ann.id, D(2026, 1, 5)),
                Agreement(rep_id=ann.id, version=2, id="draft-ann"),
            ]
        )
        loaded = load_agenda_input(store)
    assert {a.id for a in loaded.agreements} == {"agr-rep-ann-1", "draft-ann"}
    assert [i.target_id for i in build_agenda(loaded, TODAY) if i.kind == "draft"] == ["draft-ann"]


def test_a_one_on_one_not_ended_is_on_the_agenda_until_it_is() -> None:
    """One line per open one-on-one of a current rep, dated the day it started (the
    manager's), to resume it; an ended one, or a departed rep's, is not listed."""
    from oneonone.core.model import SessionKind
    from oneonone.core.scripts import builtin_script
    from oneonone.core.sessions import end_session, start_session

    ann = rep("Ann Lee", D(2024, 1, 15))
    cy = rep("Cy Roe", D(2020, 5, 1), departed=True)
    script = builtin_script(SessionKind.REGULAR)
    # the manager's zone (New York, summer time since the 8th): 14:30 UTC is 10:30 there
    started = pendulum.datetime(2026, 3, 9, 14, 30, tz="UTC")
    left = start_session(ann, SessionKind.REGULAR, script, None, started)
    ended = end_session(start_session(ann, SessionKind.REGULAR, script, None, started), started)
    theirs = start_session(cy, SessionKind.REGULAR, script, None, started)
    data = _input(reps=[ann, cy], sessions=[left, ended, theirs])
    items = [i for i in build_agenda(data, TODAY) if i.kind == "open 1:1"]
    assert items == [
        AgendaItem(
            "open 1:1",
            D(2026, 3, 9),
            "Not ended: the 1:1 with Ann Lee started at 10:30",
            ann.id,
            left.id,
            True,
        ),
    ]

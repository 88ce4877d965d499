"""Two-week onboarding plans: working days only, the manager's timezone across DST changes,
working hours, template validation, check-off, and a trip through the store."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pendulum
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from oneonone.core.errors import FieldError
from oneonone.core.model import OnboardingItem, OnboardingTemplate, PlanTemplateItem
from oneonone.core.onboarding import (
    OnboardingError,
    build_item,
    check_item,
    check_off,
    check_template,
    default_template,
    expectations_item,
    generate_plan,
    load_template,
    needs_plan,
    plan_progress,
    rep_plan,
    template_problems,
    uncheck,
    working_days,
)
from oneonone.core.store import Store
from tests.core.cadence_support import D, rep
from tests.core.cadence_support import settings as team_settings

NY = "America/New_York"
AKL = "Pacific/Auckland"


def _one_a_day(minutes: int = 60, start: str = "09:00") -> OnboardingTemplate:
    items = [PlanTemplateItem(day, start, minutes, f"Day {day} item") for day in range(1, 11)]
    items[2].is_expectations_conversation = True
    return OnboardingTemplate(items=items)


def _offsets(items: list[OnboardingItem]) -> list[float]:
    hours = []
    for i in items:
        offset = i.starts_at.utcoffset()
        assert offset is not None
        hours.append(offset.total_seconds() / 3600)
    return hours


# --- the default template -------------------------------------------------------------------


def test_default_template_is_a_valid_ten_day_plan() -> None:
    t = default_template()
    check_template(t, team_settings())
    assert {i.day for i in t.items} == set(range(1, 11))
    talks = [i for i in t.items if i.is_expectations_conversation]
    assert [(i.day, i.start, i.minutes) for i in talks] == [(3, "10:00", 120)]
    titles = " ".join(i.title.lower() for i in t.items)
    for word in ("product", "shadow", "crm", "discovery", "pipeline"):
        assert word in titles
    assert all(len([i for i in t.items if i.day == d]) >= 4 for d in range(1, 11))


# --- generating a plan ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("tz", "start", "before", "after"),
    [
        (NY, D(2026, 3, 2), -5, -4),  # DST starts Sunday March 8
        (NY, D(2026, 10, 26), -4, -5),  # DST ends Sunday November 1
        (AKL, D(2026, 3, 30), 13, 12),  # NZDT ends Sunday April 5
        (AKL, D(2026, 9, 21), 12, 13),  # NZDT starts Sunday September 27
    ],
)
def test_plan_keeps_wall_times_across_dst(
    tz: str, start: pendulum.Date, before: int, after: int
) -> None:
    items = generate_plan(rep("Nia Park", start), _one_a_day(), team_settings(timezone=tz))
    assert len(items) == 10
    local = [i.starts_at.in_timezone(tz) for i in items]
    assert all((t.hour, t.minute) == (9, 0) for t in local)
    assert _offsets(items) == [before] * 5 + [after] * 5
    for i in items:
        assert i.starts_at.timezone_name == tz
        assert (i.ends_at - i.starts_at).in_minutes() == 60
        assert i.starts_at.date() == i.ends_at.date()
    days = [t.date() for t in local]
    assert days[:5] == [start.add(days=n) for n in range(5)]
    assert days[5:] == [start.add(days=7 + n) for n in range(5)]  # the weekend skipped


def test_start_on_a_saturday_begins_on_monday() -> None:
    items = generate_plan(rep("Nia Park", D(2026, 3, 7)), _one_a_day(), team_settings())
    days = sorted({i.starts_at.in_timezone(NY).date() for i in items})
    assert days[0] == D(2026, 3, 9)
    assert all(d.weekday() < 5 for d in days) and len(days) == 10
    assert days[-1] == D(2026, 3, 20)


def test_other_working_weeks() -> None:
    sun_to_thu = team_settings(work_days=[6, 0, 1, 2, 3], timezone="Asia/Dubai")
    days = working_days(D(2026, 3, 6), sun_to_thu.work_days)  # a Friday
    assert days[0] == D(2026, 3, 8) and {d.weekday() for d in days} == {6, 0, 1, 2, 3}
    items = generate_plan(rep("Nia Park", D(2026, 3, 6)), _one_a_day(), sun_to_thu)
    assert items[0].starts_at.in_timezone("Asia/Dubai").date() == D(2026, 3, 8)
    assert _offsets(items) == [4] * 10
    with pytest.raises(OnboardingError) as none:
        working_days(D(2026, 3, 6), [])
    assert none.value.field == "work_days"


def test_generated_default_plan_is_ordered_and_flags_the_conversation() -> None:
    ann = rep("Ann Lee", D(2026, 3, 2))
    items = generate_plan(ann, default_template(), team_settings())
    assert len(items) == len(default_template().items)
    assert [i.starts_at for i in items] == sorted(i.starts_at for i in items)
    talk = expectations_item(items)
    assert talk is not None
    assert talk.starts_at == pendulum.datetime(2026, 3, 4, 10, tz=NY)  # day 3, week one
    assert (talk.ends_at - talk.starts_at).in_minutes() == 120
    assert len({i.id for i in items}) == len(items) and {i.rep_id for i in items} == {ann.id}
    assert plan_progress(items) == (0, len(items))


def test_plan_round_trips_through_the_store(tmp_path: Path) -> None:
    ann = rep("Ann Lee", D(2026, 3, 30))
    items = generate_plan(ann, default_template(), team_settings(timezone=AKL))
    with Store.open(tmp_path / "team.json") as store:
        store.put_many(items)
    with Store.open(tmp_path / "team.json") as store:
        back = rep_plan(store.all(OnboardingItem), ann.id)
    assert [i.id for i in back] == [i.id for i in items]
    for got, want in zip(back, items, strict=True):
        assert got.starts_at == want.starts_at and got.ends_at == want.ends_at
        assert got.starts_at.utcoffset() == want.starts_at.utcoffset()
        assert got.starts_at.isoformat() == want.starts_at.isoformat()
    assert {i.starts_at.isoformat()[-6:] for i in back} == {"+13:00", "+12:00"}


def test_template_store_round_trip_and_default(tmp_path: Path) -> None:
    with Store.open(tmp_path / "team.json") as store:
        assert load_template(store) == default_template()
        mine = _one_a_day(30, "10:30")
        store.put(mine)
        assert load_template(store) == mine


@settings(max_examples=40, deadline=None)
@given(
    start=st.dates(min_value=dt.date(2024, 1, 1), max_value=dt.date(2030, 12, 31)),
    tz=st.sampled_from([NY, AKL, "Europe/London", "Australia/Lord_Howe", "UTC"]),
)
def test_any_start_any_zone(start: dt.date, tz: str) -> None:
    s = team_settings(timezone=tz)
    items = generate_plan(rep("Nia Park", D(start.year, start.month, start.day)), _one_a_day(), s)
    local = [i.starts_at.in_timezone(tz) for i in items]
    assert all((t.hour, t.minute) == (9, 0) and t.weekday() < 5 for t in local)
    assert local[0].date() >= D(start.year, start.month, start.day)
    assert len({t.date() for t in local}) == 10
    assert all((i.ends_at - i.starts_at).in_minutes() == 60 for i in items)


# --- working hours and validation -----------------------------------------------------------


def test_items_outside_working_hours_are_refused_not_clamped() -> None:
    late_start = team_settings(work_start="09:30")
    with pytest.raises(OnboardingError) as early:
        generate_plan(rep("Nia Park", D(2026, 3, 2)), default_template(), late_start)
    assert early.value.field == "start" and "09:30" in str(early.value)
    short_day = team_settings(work_end="16:30")
    with pytest.raises(OnboardingError) as late:
        generate_plan(rep("Nia Park", D(2026, 3, 2)), default_template(), short_day)
    assert late.value.field == "minutes" and "17:00" in str(late.value)
    upside_down = team_settings(work_start="18:00", work_end="08:00")
    with pytest.raises(OnboardingError) as hours:
        generate_plan(rep("Nia Park", D(2026, 3, 2)), default_template(), upside_down)
    assert hours.value.field == "work_end"
    with pytest.raises(OnboardingError) as zone:
        generate_plan(rep("Nia Park", D(2026, 3, 2)), _one_a_day(), team_settings(timezone="Mars"))
    assert zone.value.field == "timezone"


@pytest.mark.parametrize(
    ("item", "field"),
    [
        (PlanTemplateItem(0, "09:00", 60, "x"), "day"),
        (PlanTemplateItem(11, "09:00", 60, "x"), "day"),
        (PlanTemplateItem(1, "9h", 60, "x"), "start"),
        (PlanTemplateItem(1, "24:00", 60, "x"), "start"),
        (PlanTemplateItem(1, "12:60", 60, "x"), "start"),
        (PlanTemplateItem(1, "", 60, "x"), "start"),
        (PlanTemplateItem(1, "09:00", 0, "x"), "minutes"),
        (PlanTemplateItem(1, "09:00", -30, "x"), "minutes"),
        (PlanTemplateItem(1, "23:00", 120, "x"), "minutes"),
        (PlanTemplateItem(1, "09:00", 60, "   "), "title"),
        (PlanTemplateItem(1, "09:00", 60, "a\x07b"), "title"),
        (PlanTemplateItem(1, "09:00", 60, "x" * 201), "title"),
    ],
)
def test_bad_template_items_name_their_field(item: PlanTemplateItem, field: str) -> None:
    with pytest.raises(OnboardingError) as bad:
        check_item(item)
    assert bad.value.field == field and isinstance(bad.value, FieldError)
    assert str(bad.value)


def test_build_item_from_a_form() -> None:
    item = build_item(" 3 ", "9:05", "90", " Shadow calls ", settings=team_settings())
    assert item == PlanTemplateItem(3, "09:05", 90, "Shadow calls")
    for day, minutes, field in (
        ("three", "60", "day"),
        ("1", "1.5", "minutes"),
        ("1", "", "minutes"),
    ):
        with pytest.raises(OnboardingError) as bad:
            build_item(day, "09:00", minutes, "x")
        assert bad.value.field == field


def test_template_problems_overlap_and_missing_conversation() -> None:
    t = OnboardingTemplate(
        items=[
            PlanTemplateItem(1, "09:00", 180, "Long block"),
            PlanTemplateItem(1, "09:30", 30, "Inside it"),
            PlanTemplateItem(1, "11:00", 30, "Also inside the long block"),
            PlanTemplateItem(1, "12:00", 30, "After it"),
            PlanTemplateItem(2, "09:00", 0, "Bad length"),
        ]
    )
    found = template_problems(t, team_settings())
    fields = [p.field for p in found]
    assert fields.count("start") == 2  # both items inside the long block, not the one after
    assert "minutes" in fields and "is_expectations_conversation" in fields
    with pytest.raises(OnboardingError):
        generate_plan(rep("Nia Park", D(2026, 3, 2)), t, team_settings())


# --- who needs a plan, and following it ------------------------------------------------------


def test_needs_plan_boundaries() -> None:
    today = D(2026, 3, 16)
    assert needs_plan(rep("A B", D(2026, 4, 1)), today)
    assert needs_plan(rep("A B", today), today)
    assert needs_plan(rep("A B", D(2026, 3, 3)), today)  # 13 days ago
    assert not needs_plan(rep("A B", D(2026, 3, 2)), today)  # two weeks ago
    assert not needs_plan(rep("A B", D(2026, 4, 1), departed=True), today)


def test_check_off_uncheck_and_progress() -> None:
    items = generate_plan(rep("Nia Park", D(2026, 3, 2)), _one_a_day(), team_settings())
    at = pendulum.datetime(2026, 3, 2, 10, 5, tz=NY)
    first = check_off(items[0], at)
    assert first.done and first.done_at == at and not items[0].done
    assert check_off(first, at.add(hours=1)) == first  # already done: unchanged
    assert plan_progress([first, *items[1:]]) == (1, 10)
    assert uncheck(first) == items[0]
    with pytest.raises(OnboardingError) as naive:
        check_off(items[1], pendulum.naive(2026, 3, 2, 10))
    assert naive.value.field == "done_at"

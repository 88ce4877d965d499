"""Typed dates, roster rules and team settings."""

from __future__ import annotations

import pendulum
import pytest

from oneonone.core import dates, roster, team
from oneonone.core.dates import ACCEPTED, DateInputError, parse_user_date
from oneonone.core.model import Rep, RepStatus, TeamSettings
from oneonone.core.roster import RepDraft, RosterError

D = pendulum.Date
TODAY = D(2027, 1, 13)  # a Wednesday


# --- dates ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("2027-01-15", D(2027, 1, 15)),
        ("  2024-02-29 ", D(2024, 2, 29)),
        ("0001-01-01", D(1, 1, 1)),
        ("today", TODAY),
        ("Today", TODAY),
        ("now", TODAY),
        ("tomorrow", D(2027, 1, 14)),
        ("yesterday", D(2027, 1, 12)),
        ("+7d", D(2027, 1, 20)),
        ("+ 7 d", D(2027, 1, 20)),
        ("-3d", D(2027, 1, 10)),
        ("+2w", D(2027, 1, 27)),
        ("+1m", D(2027, 2, 13)),
        ("-1m", D(2026, 12, 13)),
        ("+1y", D(2028, 1, 13)),
        ("+0d", TODAY),
        ("fri", D(2027, 1, 15)),
        ("Friday", D(2027, 1, 15)),
        ("thurs", D(2027, 1, 14)),
        ("wed", D(2027, 1, 20)),  # today is Wednesday: the next one
        ("next wednesday", D(2027, 1, 20)),
        ("mon", D(2027, 1, 18)),
        ("next monday", D(2027, 1, 18)),
        ("NEXT  Sunday", D(2027, 1, 17)),
    ],
)
def test_accepted_dates(typed: str, expected: pendulum.Date) -> None:
    got = parse_user_date(typed, TODAY)
    assert got == expected
    assert type(got) is pendulum.Date


def test_a_month_from_the_31st_clamps_to_month_end() -> None:
    assert parse_user_date("+1m", D(2027, 1, 31)) == D(2027, 2, 28)
    assert parse_user_date("+1m", D(2028, 1, 31)) == D(2028, 2, 29)


@pytest.mark.parametrize(
    ("typed", "words"),
    [
        ("02/03/2027", "is not a date I can read"),
        ("2027/02/03", "is not a date I can read"),
        ("2027-2-3", "is not a date I can read"),
        ("2027-02-30", "is not a real date"),
        ("2027-13-01", "is not a real date"),
        ("0000-01-01", "is not a real date"),
        ("", "No date given"),
        ("   ", "No date given"),
        ("next", "is not a date I can read"),
        ("next week", "is not a date I can read"),
        ("fri 13", "is not a date I can read"),
        ("+7", "is not a date I can read"),
        ("7d", "is not a date I can read"),
        ("+7h", "is not a date I can read"),
        ("3 March", "is not a date I can read"),
        ("+9999y", "out of range"),
        ("-9999y", "out of range"),
    ],
)
def test_refused_dates_say_what_is_accepted(typed: str, words: str) -> None:
    with pytest.raises(DateInputError) as caught:
        parse_user_date(typed, TODAY)
    message = str(caught.value)
    assert words in message
    if "out of range" not in message:
        assert ACCEPTED in message
        assert "2027-01-15" in message
        assert "tomorrow" in message
    if typed.strip():
        assert repr(typed.strip()) in message


def test_date_input_error_is_a_value_error() -> None:
    assert issubclass(DateInputError, ValueError)


def test_timezones() -> None:
    assert dates.is_valid_timezone("Europe/Paris")
    assert dates.is_valid_timezone("UTC")
    assert not dates.is_valid_timezone("Mars/Olympus")
    assert not dates.is_valid_timezone("")
    assert not dates.is_valid_timezone("   ")
    assert isinstance(dates.today_in("Asia/Tokyo"), pendulum.Date)


# --- roster ---------------------------------------------------------------------------------


def _rep(name: str, status: RepStatus = RepStatus.ACTIVE, **kw: object) -> Rep:
    start = kw.pop("start_date", D(2025, 6, 2))
    return Rep(name=name, start_date=start, status=status, **kw)  # type: ignore[arg-type]


def _draft(name: str = "Ann Lee", role: str = "AE", start: str = "2026-12-01", **kw: object):
    return RepDraft(name=name, role=role, start_date=start, **kw)  # type: ignore[arg-type]


def test_build_rep_cleans_and_parses() -> None:
    rep = roster.build_rep(_draft("  Ann Lee ", " AE "), today=TODAY, team=[])
    assert (rep.name, rep.role, rep.start_date) == ("Ann Lee", "AE", D(2026, 12, 1))
    assert rep.status is RepStatus.ACTIVE
    assert rep.departed_on is None
    assert rep.id
    tomorrow = roster.build_rep(_draft(start="tomorrow"), today=TODAY, team=[])
    assert tomorrow.start_date == D(2027, 1, 14)


@pytest.mark.parametrize(
    ("draft", "field", "words"),
    [
        (_draft(name=""), "name", "cannot be empty"),
        (_draft(name="   "), "name", "cannot be empty"),
        (_draft(name="Ann\x00Lee"), "name", "control characters"),
        (_draft(name="Ann\tLee"), "name", "control characters"),
        (_draft(name="Ann\x1b[31mLee"), "name", "control characters"),
        (_draft(name="Ann \ud800"), "name", "control characters"),
        (_draft(name="x" * 121), "name", "too long (121 characters; at most 120)"),
        (_draft(role="r\x07"), "role", "control characters"),
        (_draft(role="r" * 121), "role", "too long"),
        (_draft(start=""), "start_date", "No date given"),
        (_draft(start="02/03/2027"), "start_date", "Start date:"),
        (_draft(start="2027-02-30"), "start_date", "not a real date"),
        (_draft(status=RepStatus.DEPARTED), "status", "cannot start as departed"),
    ],
)
def test_build_rep_refusals_name_the_field(draft: RepDraft, field: str, words: str) -> None:
    with pytest.raises(RosterError) as caught:
        roster.build_rep(draft, today=TODAY, team=[])
    assert caught.value.field == field
    assert words in str(caught.value)


def test_longest_allowed_name_and_empty_role_pass() -> None:
    rep = roster.build_rep(_draft(name="x" * 120, role=""), today=TODAY, team=[])
    assert len(rep.name) == 120
    assert rep.role == ""


def test_duplicate_current_name_is_refused_case_insensitively() -> None:
    team_ = [_rep("Ann Lee")]
    for name in ("ann lee", "ANN LEE", " Ann Lee "):
        with pytest.raises(RosterError) as caught:
            roster.build_rep(_draft(name), today=TODAY, team=team_)
        assert caught.value.field == "name"
        assert "'Ann Lee'" in str(caught.value)
    onboarding = [_rep("Bo", RepStatus.ONBOARDING)]
    with pytest.raises(RosterError):
        roster.build_rep(_draft("bo"), today=TODAY, team=onboarding)
    # Casefold: "Straße" and "STRASSE" are the same name.
    with pytest.raises(RosterError):
        roster.build_rep(_draft("STRASSE"), today=TODAY, team=[_rep("Straße")])


def test_departed_namesake_is_allowed() -> None:
    gone = _rep("Ann Lee", RepStatus.DEPARTED, departed_on=D(2026, 1, 1))
    rep = roster.build_rep(_draft("Ann Lee"), today=TODAY, team=[gone])
    assert rep.id != gone.id


def test_editing_a_rep_keeps_its_identity() -> None:
    ann = _rep("Ann Lee", role="AE")
    team_ = [ann, _rep("Bob")]
    edited = roster.build_rep(
        _draft("ann lee", role="Senior AE", start="2025-06-02"),
        today=TODAY,
        team=team_,
        existing=ann,
    )
    assert edited.id == ann.id
    assert edited.created_at == ann.created_at
    assert edited.updated_at >= ann.updated_at
    assert (edited.name, edited.role) == ("ann lee", "Senior AE")
    with pytest.raises(RosterError):  # renaming onto another current rep
        roster.build_rep(_draft("BOB"), today=TODAY, team=team_, existing=ann)


def test_editing_to_departed_sets_the_date_and_back_clears_it() -> None:
    ann = _rep("Ann Lee")
    gone = roster.build_rep(
        _draft(start="2025-06-02", status=RepStatus.DEPARTED), today=TODAY, team=[ann], existing=ann
    )
    assert gone.status is RepStatus.DEPARTED
    assert gone.departed_on == TODAY
    again = roster.build_rep(
        _draft(start="2025-06-02", status=RepStatus.DEPARTED),
        today=TODAY.add(days=5),
        team=[gone],
        existing=gone,
    )
    assert again.departed_on == TODAY  # an existing departure date is kept
    back = roster.build_rep(_draft(start="2025-06-02"), today=TODAY, team=[gone], existing=gone)
    assert back.status is RepStatus.ACTIVE
    assert back.departed_on is None


def test_mark_departed_and_reinstate() -> None:
    ann = _rep("Ann", start_date=D(2025, 6, 2))
    gone = roster.mark_departed(ann, D(2026, 12, 31))
    assert gone.status is RepStatus.DEPARTED
    assert gone.departed_on == D(2026, 12, 31)
    assert not gone.is_current
    assert gone.id == ann.id
    assert ann.status is RepStatus.ACTIVE  # the original is not changed
    same_day = roster.mark_departed(ann, D(2025, 6, 2))
    assert same_day.departed_on == D(2025, 6, 2)
    with pytest.raises(RosterError) as caught:
        roster.mark_departed(ann, D(2025, 6, 1))
    assert caught.value.field == "departed_on"
    assert "2025-06-02" in str(caught.value)
    back = roster.reinstate(gone)
    assert back.status is RepStatus.ACTIVE
    assert back.departed_on is None
    assert back.is_current
    assert back.id == ann.id


def test_suggested_status() -> None:
    assert roster.suggested_status(TODAY.add(days=3), TODAY) is RepStatus.ONBOARDING
    assert roster.suggested_status(TODAY.subtract(days=13), TODAY) is RepStatus.ONBOARDING
    assert roster.suggested_status(TODAY.subtract(weeks=2), TODAY) is RepStatus.ACTIVE
    assert roster.suggested_status(TODAY.subtract(years=1), TODAY) is RepStatus.ACTIVE


def _team() -> list[Rep]:
    return [
        _rep("zoe", role="SDR", id="z"),
        _rep("Cy", RepStatus.DEPARTED, role="AE", departed_on=D(2026, 1, 1), id="c"),
        _rep("bob", RepStatus.ONBOARDING, role="AE", id="b"),
        _rep("Ann", role="Senior AE", id="a"),
        _rep("Abe", RepStatus.DEPARTED, role="SDR", departed_on=D(2026, 2, 1), id="e"),
    ]


def test_ordered_puts_current_first_then_by_name() -> None:
    assert [r.name for r in roster.ordered(_team())] == ["Ann", "bob", "zoe", "Abe", "Cy"]
    twins = [_rep("Ann", id="2"), _rep("ann", id="1")]
    assert [r.id for r in roster.ordered(twins)] == ["1", "2"]  # stable by id


@pytest.mark.parametrize(
    ("query", "show_departed", "names"),
    [
        ("", True, ["Ann", "bob", "zoe", "Abe", "Cy"]),
        ("", False, ["Ann", "bob", "zoe"]),
        ("ae", True, ["Ann", "bob", "Cy"]),
        ("AE", False, ["Ann", "bob"]),
        ("senior ae", True, ["Ann"]),
        ("ae senior", True, ["Ann"]),
        ("departed", True, ["Abe", "Cy"]),
        ("departed", False, []),
        ("onboarding", True, ["bob"]),
        ("sdr", True, ["zoe", "Abe"]),
        ("nobody", True, []),
        ("  ", True, ["Ann", "bob", "zoe", "Abe", "Cy"]),
    ],
)
def test_filter_reps(query: str, show_departed: bool, names: list[str]) -> None:
    got = roster.filter_reps(_team(), query, show_departed=show_departed)
    assert [r.name for r in got] == names


def test_matches_every_word_anywhere() -> None:
    ann = _rep("Ann Lee", role="Senior AE")
    assert roster.matches(ann, "lee")
    assert roster.matches(ann, "ANN sen")
    assert roster.matches(ann, "active")
    assert not roster.matches(ann, "ann bob")


@pytest.mark.parametrize(
    ("start", "status", "departed", "expected"),
    [
        (D(2027, 1, 18), RepStatus.ONBOARDING, None, "starts in 5 days"),
        (D(2027, 1, 14), RepStatus.ONBOARDING, None, "starts in 1 day"),
        (TODAY, RepStatus.ONBOARDING, None, "0 days"),
        (D(2027, 1, 12), RepStatus.ONBOARDING, None, "1 day"),
        (D(2027, 1, 7), RepStatus.ONBOARDING, None, "6 days"),
        (D(2027, 1, 6), RepStatus.ACTIVE, None, "1 week"),
        (D(2026, 12, 20), RepStatus.ACTIVE, None, "3 weeks"),
        (D(2026, 12, 13), RepStatus.ACTIVE, None, "1 month"),
        (D(2026, 10, 13), RepStatus.ACTIVE, None, "3 months"),
        (D(2026, 1, 13), RepStatus.ACTIVE, None, "1y"),
        (D(2025, 11, 1), RepStatus.ACTIVE, None, "1y 2m"),
        (D(2020, 1, 13), RepStatus.ACTIVE, None, "7y"),
        (D(2020, 1, 13), RepStatus.DEPARTED, D(2024, 5, 1), "left 2024-05-01"),
    ],
)
def test_tenure(
    start: pendulum.Date, status: RepStatus, departed: pendulum.Date | None, expected: str
) -> None:
    rep = _rep("Ann", status, start_date=start, departed_on=departed)
    assert roster.tenure(rep, TODAY) == expected


def test_settings_problems() -> None:
    assert roster.settings_problems(TeamSettings()) == ["Set your name and timezone."]
    assert roster.settings_problems(TeamSettings(manager_name="Maya")) == []


# --- team settings --------------------------------------------------------------------------


def test_build_settings_valid() -> None:
    base = TeamSettings(work_days=[0, 1, 2])
    got = team.build_settings(
        base, manager_name=" Maya ", timezone=" Europe/Paris ", takeover_date="+1w", today=TODAY
    )
    assert (got.manager_name, got.timezone, got.takeover_date) == (
        "Maya",
        "Europe/Paris",
        D(2027, 1, 20),
    )
    assert got.work_days == [0, 1, 2]  # the rest is kept
    assert got.is_set_up
    none = team.build_settings(
        base, manager_name="Maya", timezone="UTC", takeover_date="  ", today=TODAY
    )
    assert none.takeover_date is None


@pytest.mark.parametrize(
    ("name", "tz", "takeover", "field", "words"),
    [
        ("", "UTC", "", "manager_name", "cannot be empty"),
        ("M\x00", "UTC", "", "manager_name", "control characters"),
        ("m" * 121, "UTC", "", "manager_name", "too long"),
        ("Maya", "Mars/Olympus", "", "timezone", "'Mars/Olympus' is not a timezone I know"),
        ("Maya", "", "", "timezone", "Europe/Paris"),
        ("Maya", "UTC", "31/12/2026", "takeover_date", "Takeover date:"),
        ("Maya", "UTC", "2026-02-30", "takeover_date", "not a real date"),
    ],
)
def test_build_settings_refusals(name: str, tz: str, takeover: str, field: str, words: str) -> None:
    with pytest.raises(RosterError) as caught:
        team.build_settings(
            TeamSettings(), manager_name=name, timezone=tz, takeover_date=takeover, today=TODAY
        )
    assert caught.value.field == field
    assert words in str(caught.value)

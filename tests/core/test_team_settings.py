"""Team settings: working days and hours, the review anchor, validation."""

from __future__ import annotations

import pendulum
import pytest
from hypothesis import given
from hypothesis import strategies as st

from oneonone.core.model import ReviewAnchor, TeamSettings
from oneonone.core.roster import RosterError
from oneonone.core.team import build_settings, format_work_days, parse_work_days

TODAY = pendulum.date(2026, 11, 27)


@pytest.mark.parametrize(
    ("text", "days"),
    [
        ("mon-fri", [0, 1, 2, 3, 4]),
        ("Mon - Fri", [0, 1, 2, 3, 4]),
        ("sun-thu", [0, 1, 2, 3, 6]),
        ("mon,wed,fri", [0, 2, 4]),
        ("monday,tuesday", [0, 1]),
        ("sat", [5]),
    ],
)
def test_work_days_are_read(text: str, days: list[int]) -> None:
    assert parse_work_days(text) == days


@pytest.mark.parametrize("text", ["", "weekdays", "mon-", "mon-tue-wed", "1-5", ","])
def test_bad_work_days_are_refused(text: str) -> None:
    with pytest.raises(RosterError) as caught:
        parse_work_days(text)
    assert caught.value.field == "work_days"


@given(st.sets(st.integers(0, 6), min_size=1))
def test_work_days_round_trip(days: set[int]) -> None:
    assert parse_work_days(format_work_days(sorted(days))) == sorted(days)


def settings(**changes: str) -> TeamSettings:
    values = {"manager_name": "Dana", "timezone": "Europe/Paris", "takeover_date": ""}
    values.update(changes)
    return build_settings(TeamSettings(), today=TODAY, **values)  # type: ignore[arg-type]


def test_hours_anchor_and_days_are_saved() -> None:
    s = settings(
        work_start="8:30", work_end="16:00", work_days="sun-thu", review_anchor="start date"
    )
    assert (s.work_start, s.work_end, s.work_days) == ("08:30", "16:00", [0, 1, 2, 3, 6])
    assert s.review_anchor is ReviewAnchor.START_DATE


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"work_start": "25:00"}, "work_start"),
        ({"work_end": "7pm"}, "work_end"),
        ({"work_start": "17:00", "work_end": "09:00"}, "work_end"),
        ({"review_anchor": "fortnightly"}, "review_anchor"),
        ({"takeover_date": "2027-02-30"}, "takeover_date"),
        ({"timezone": "Mars/Olympus"}, "timezone"),
        ({"manager_name": "  "}, "manager_name"),
    ],
)
def test_bad_settings_name_their_field(changes: dict[str, str], field: str) -> None:
    with pytest.raises(RosterError) as caught:
        settings(**changes)
    assert caught.value.field == field

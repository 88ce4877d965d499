"""Numbers put right: an outlier (over ten times the quota line) is found before it is kept,
numbers entered are corrected by entering them again, and the short form under a quota line
says the share once."""

from __future__ import annotations

import pendulum

from oneonone.core.model import NumberEntry, Period, QuotaLine, Rep, SessionKind
from oneonone.core.scripts import Script, ScriptStep
from oneonone.core.sessions import (
    OUTLIER_FACTOR,
    actual_text,
    attainment_percent,
    is_outlier,
    new_outliers,
    number_text,
    set_number,
    start_session,
)

ARR = QuotaLine("New ARR", 110_000.0, "USD", Period.QUARTER, id="q-arr")
ZERO = QuotaLine("Referrals", 0.0, "", Period.MONTH, id="q-zero")
ANN = Rep(name="Ann", start_date=pendulum.Date(2024, 1, 15), id="rep-ann")
SCRIPT = Script(
    kind=SessionKind.REGULAR, title="Regular", steps=(ScriptStep("One", ""),), source="test"
)
NOW = pendulum.datetime(2026, 11, 27, 9, 0, tz="UTC")


def entry(actual: float, line: QuotaLine = ARR) -> NumberEntry:
    return NumberEntry(line.id, line.label, float(actual), line.number, line.unit, line.period)


def test_the_short_form_says_the_share_once() -> None:
    assert actual_text(entry(80_000)) == "80,000 of 110,000 (73%)"
    assert actual_text(entry(5.0, ZERO)) == "5 of 0"
    assert actual_text(entry(109_999)) == "109,999 of 110,000 (99%)"  # never 100% below
    assert number_text(entry(80_000)).count("%") == 1


def test_the_percentage_is_the_same_everywhere() -> None:
    assert attainment_percent(entry(109_999)) == 99
    assert attainment_percent(entry(110_000)) == 100
    assert attainment_percent(entry(3.0, ZERO)) is None


def test_an_outlier_is_over_ten_times_the_target() -> None:
    assert OUTLIER_FACTOR == 10
    assert not is_outlier(entry(1_100_000))  # exactly ten times: a great quarter
    assert is_outlier(entry(1_100_001))
    assert not is_outlier(entry(1_000_000, ZERO))  # no target: nothing to compare with


def test_numbers_are_corrected_and_only_a_new_outlier_is_asked_about() -> None:
    session = start_session(ANN, SessionKind.REGULAR, SCRIPT, None, NOW)
    first = set_number(session, ARR, "80,000")
    fixed = set_number(first, ARR, "95000")
    assert [(n.quota_line_id, n.actual) for n in fixed.numbers] == [("q-arr", 95_000.0)]
    slip = set_number(fixed, ARR, "2,000,000")
    assert [n.actual for n in new_outliers(fixed, slip)] == [2_000_000.0]
    assert new_outliers(slip, slip) == []  # kept once: not asked again
    assert set_number(slip, ARR, "  ").numbers == []  # blank removes it

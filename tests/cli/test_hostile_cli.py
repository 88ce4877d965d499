"""The hostile-input sweep, command-line side: hypothesis-generated names, notes, commitments,
agreement lines, dates and numbers go into the data file, come back out of it exactly, and
through ``oneonone export`` come back exactly from the Markdown; option values of every kind
give a one-line message, never a traceback. The heavy generation lives here, where an example
costs milliseconds; tests/ui/test_hostile.py drives the same values through the screens.
"""

from __future__ import annotations

import math
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import replace
from pathlib import Path

import icalendar
import pendulum
import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from oneonone.cli import main
from oneonone.core import agreements as rules
from oneonone.core import roster, sessions
from oneonone.core.agreements import AgreementError, format_number, parse_number
from oneonone.core.dates import DateInputError, parse_user_date
from oneonone.core.export.escape import folded
from oneonone.core.model import (
    Agreement,
    Commitment,
    ConsequenceStep,
    Invocation,
    NumberEntry,
    Owner,
    Period,
    QuotaLine,
    Rep,
    Session,
    SessionKind,
    StepNote,
    TeamSettings,
)
from oneonone.core.onboarding import default_template, generate_plan
from oneonone.core.store import Store
from tests.export import test_agreement_md as agreement_md
from tests.export import test_sessions_md as sessions_md
from tests.export.mdblocks import blocks
from tests.export.strategies import DATES, HOSTILE, NUMBERS, TEXTS

TODAY = sessions_md.TODAY  # 2026-06-01, the day the expected session documents are written for
NOON = pendulum.datetime(TODAY.year, TODAY.month, TODAY.day, 12, tz="UTC")
FAST = settings(
    max_examples=100, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)


@contextmanager
def data_file(records: list[object]) -> Iterator[Path]:
    """A fresh data file holding ``records`` (one per example: hypothesis reruns the body)."""
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "oneonone.json"
        with Store.open(path) as store:
            store.put_many(records)
        yield path


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    """``oneonone ARGV`` in-process: (exit code, stdout, stderr). Usage errors exit 2."""
    try:
        code = main(list(argv))
    except SystemExit as exc:
        code = exc.code if isinstance(exc.code, int) else 1
    out, err = capsys.readouterr()
    return code, out, err


def assert_clean_failure(code: int, err: str) -> None:
    """A refusal is a message, never a traceback: one line "oneonone: ..." (exit 1), or
    argparse's usage and one error line (exit 2)."""
    assert "Traceback" not in err
    if code == 1:
        assert err.startswith("oneonone: ") and err.count("\n") == 1, err
    elif code == 2:
        assert "error:" in err.splitlines()[-1], err


def storable(entry: NumberEntry) -> NumberEntry:
    """JSON holds no NaN or infinity (the store refuses them before anything changes; see
    test_faults): the sweep stores every other number."""
    fix = lambda x: x if math.isfinite(x) else 0.0  # noqa: E731
    return replace(entry, actual=fix(entry.actual), target=fix(entry.target))


# --- everything typed comes back: from the file, and from the exported Markdown ---------------


@FAST
@given(log=sessions_md.rep_logs(), include_private=st.booleans())
def test_session_logs_come_back_exactly_from_the_file_and_the_export(
    log: tuple[Rep, list[Session], list[Commitment], list[Invocation]],
    include_private: bool,
    capsys: pytest.CaptureFixture[str],
) -> None:
    rep, logs, commitments, invocations = log
    logs = [replace(s, numbers=[storable(n) for n in s.numbers]) for s in logs]
    records: list[object] = [sessions_md.TEAM, rep, *logs, *commitments, *invocations]
    with data_file(records) as path:
        with Store.open(path, allow_read_only=True) as disk:
            assert disk.all(Rep) == [rep]
            assert sorted(disk.all(Session), key=lambda s: s.id) == sorted(logs, key=lambda s: s.id)
            assert {c.id: c for c in disk.all(Commitment)} == {c.id: c for c in commitments}
            assert {i.id: i for i in disk.all(Invocation)} == {i.id: i for i in invocations}
        private = ["--include-private"] if include_private else []
        target = path.parent / "sessions.md"  # a file keeps the text exactly (stdout shows it)
        with pendulum.travel_to(NOON, freeze=True):
            code, _, err = run(
                capsys,
                "export",
                "sessions",
                "--rep",
                rep.id,
                *private,
                "--out",
                str(target),
                "--db",
                str(path),
            )
        out = target.read_text("utf-8")
    assert (code, err) == (0, "")
    found = blocks(out)
    front = found.pop(0)
    assert front[1]["rep"] == sessions_md.clean(rep.name)
    assert found == sessions_md.expected_blocks(
        rep, logs, commitments, invocations, include_private=include_private
    )


@FAST
@given(doc=agreement_md.documents())
def test_an_agreement_comes_back_exactly_from_the_file_and_the_export(
    doc: tuple[Agreement, Rep, TeamSettings], capsys: pytest.CaptureFixture[str]
) -> None:
    agreement, rep, team = doc
    with data_file([team, rep, agreement]) as path:
        with Store.open(path, allow_read_only=True) as disk:
            assert disk.get(Agreement, agreement.id) == agreement
            assert disk.get(Rep, rep.id) == rep
            assert disk.settings() == team
        target = path.parent / "agreement.md"
        code, _, err = run(
            capsys, "export", "agreement", rep.id, "--out", str(target), "--db", str(path)
        )
        out = target.read_text("utf-8")
    assert (code, err) == (0, "")
    assert agreement_md.blocks(out) == agreement_md.expected_blocks(agreement, rep, team)


def test_nul_lone_surrogates_and_a_100_kb_paste_survive_the_file_and_the_export(
    capsys: pytest.CaptureFixture[str],
) -> None:
    """JSON in the file is ASCII with \\u escapes: a lone surrogate (no UTF-8 can hold it) and
    NUL are stored and read back as they are; the Markdown turns only those two into U+FFFD."""
    odd = "a\x00b\ud800c\udfffd\x1b[31m\u202e"
    paste = ("Acme **Q1** | [b]risk[/b] \x1b]0;t\x07 👩🏽‍💼 שלום\r\n" * 2000)[:100_000]
    rep = Rep(name=odd, start_date=pendulum.Date(2024, 1, 8), role=odd)
    at = pendulum.datetime(2026, 5, 4, 10, tz="UTC")
    log = Session(
        rep_id=rep.id,
        kind=SessionKind.REGULAR,
        started_at=at,
        notes=paste,
        steps=[StepNote("Agenda", notes=odd)],
        private_notes=odd,
    )
    made = Commitment(rep_id=rep.id, owner=Owner.REP, text=odd, session_id=log.id, created_at=at)
    with data_file([TeamSettings(manager_name=odd, timezone="UTC"), rep, log, made]) as path:
        assert path.read_bytes().isascii()
        with Store.open(path, allow_read_only=True) as disk:
            assert disk.get(Rep, rep.id) == rep
            assert disk.get(Session, log.id) == log
            assert disk.get(Commitment, made.id) == made
            assert disk.settings().manager_name == odd
        target = path.parent / "sessions.md"
        with pendulum.travel_to(NOON, freeze=True):
            code, _, err = run(
                capsys,
                "export",
                "sessions",
                "--rep",
                rep.id,
                "--out",
                str(target),
                "--db",
                str(path),
            )
        out = target.read_text("utf-8")
    assert (code, err) == (0, "")
    found = blocks(out)
    assert found[0][1]["rep"] == sessions_md.clean(odd)
    assert ("h", 3, "Agenda") in found and ("p", sessions_md.clean(folded(odd))) in found
    assert sessions_md.notes(paste) == found[found.index(("h", 3, "Notes")) + 1 :][:1]


# --- typed numbers and dates ------------------------------------------------------------------


@settings(max_examples=300, deadline=None)
@given(
    st.one_of(
        st.sampled_from(NUMBERS),
        HOSTILE,
        st.text(max_size=12),
        st.floats().map(str),
        st.floats(0, 1e15).map(format_number),
    )
)
def test_a_typed_number_is_a_finite_quota_or_a_message(typed: str) -> None:
    """Refused: negative, NaN, infinity, exponents, "1.000,5" (ambiguous). Accepted numbers
    show in the form as they will be read again: format then parse gives the same number."""
    try:
        value = parse_number(typed)
    except AgreementError as exc:
        assert exc.field == "number" and str(exc)
        return
    assert math.isfinite(value) and 0 <= value <= 1e15
    assert parse_number(format_number(value)) == value
    line = QuotaLine("New ARR", value, "USD", Period.QUARTER)
    assert format_number(value) in rules.quota_text(line)


@pytest.mark.parametrize(
    ("typed", "value"),
    [
        ("1,000.5", 1000.5),
        ("1.000,5", None),
        ("-1", None),
        ("1e309", None),
        ("NaN", None),
        ("inf", None),
        ("1,000,000,000,000,000", 1e15),
        ("1,000,000,000,000,001", None),
    ],
)
def test_the_numbers_the_issue_names(typed: str, value: float | None) -> None:
    if value is None:
        with pytest.raises(AgreementError):
            parse_number(typed)
    else:
        assert parse_number(typed) == value


TZ = "Europe/Paris"


def cadence_records(day: pendulum.Date, today: pendulum.Date) -> list[object]:
    """A team where ``day`` is everything a typed date can be: a start date, a departure, the
    day an agreement was agreed (its review a quarter later), a due date, a takeover."""
    settings_ = TeamSettings(manager_name="Dana", timezone=TZ, takeover_date=day)
    draft = roster.RepDraft("Kim", "AE", day.isoformat())
    kim = roster.build_rep(draft, today=today, team=[])
    kim = replace(kim, status=roster.suggested_status(day, today))
    gone = roster.build_rep(roster.RepDraft("Lee", "", "0001-01-01"), today=today, team=[])
    gone = roster.mark_departed(gone, day)
    draft_agreement = Agreement(rep_id=kim.id, consequence_steps=[ConsequenceStep("Lunch.")])
    agreed = rules.agree(draft_agreement, day, "Dana")
    due = sessions.new_commitment(kim.id, Owner.REP, "Call", day.isoformat(), today, None)
    plan = generate_plan(kim, default_template(), settings_)
    return [settings_, kim, gone, agreed, due, *plan]


@settings(max_examples=60, deadline=None)
@given(
    st.one_of(st.sampled_from(DATES), st.text(max_size=12), st.dates().map(lambda d: d.isoformat()))
)
def test_a_typed_date_is_refused_or_works_everywhere_a_date_goes(typed: str) -> None:
    """Every date the app accepts can be a start date, a departure, the day an agreement is
    agreed (its review falls a quarter later), a due date and a takeover date, and the
    agenda, the calendar and the export all still work; any other date is a message."""
    today = pendulum.Date(2026, 11, 27)
    try:
        day = parse_user_date(typed, today)
    except DateInputError as exc:
        assert str(exc)
        return
    records = cadence_records(day, today)
    with data_file(records) as path, pendulum.travel_to(NOON, freeze=True):
        for argv in (["agenda", "--days", "3660"], ["calendar"], ["export", "sessions"]):
            with capture() as streams:
                code = main([*argv, "--db", str(path)])
            assert code in (0, 1), (argv, streams)
            if code == 1:
                assert streams[1] == "oneonone: No sessions: there is nothing to export.\n"
            if argv[0] == "calendar":
                assert icalendar.Calendar.from_ical(streams[0]).walk("VEVENT")


@pytest.mark.parametrize(
    ("typed", "words"),
    [
        ("2027-02-30", "is not a real date"),
        ("0000-01-01", "is not a real date"),
        ("9999-12-31", "the last date accepted is 2999-12-31"),
        ("3000-01-01", "the last date accepted is 2999-12-31"),
        ("+999y", "the last date accepted is 2999-12-31"),
        ("10000-01-01", "is not a date I can read"),
        ("+9999y", "out of range"),
    ],
)
def test_the_dates_the_issue_names(typed: str, words: str) -> None:
    with pytest.raises(DateInputError) as caught:
        parse_user_date(typed, pendulum.Date(2026, 11, 27))
    assert words in str(caught.value) and repr(typed) in str(caught.value)


@contextmanager
def capture() -> Iterator[list[str]]:
    """stdout and stderr of an in-process run, without pytest's capsys (hypothesis reruns)."""
    import contextlib
    import io

    out, err = io.StringIO(), io.StringIO()
    streams: list[str] = []
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        yield streams
    streams += [out.getvalue(), err.getvalue()]


# --- option values of every kind: a message, never a traceback -------------------------------

OPTION_VALUES = st.one_of(st.sampled_from(DATES + NUMBERS), HOSTILE, TEXTS)


@FAST
@given(
    value=OPTION_VALUES,
    option=st.sampled_from(["since", "until", "rep", "days", "version", "reps", "years"]),
)
@example(value="--", option="rep")  # argparse < 3.13 gave an empty list: a traceback
def test_any_option_value_is_used_or_refused_with_a_message(
    value: str, option: str, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    path = tmp_path / "oneonone.json"
    if not path.exists():
        kim = Rep(name="Kim [b]Lee\u202e", start_date=pendulum.Date(2024, 1, 8))
        with Store.open(path) as store:
            store.put_many(
                [TeamSettings(manager_name="Dana", timezone=TZ), kim, Agreement(rep_id=kim.id)]
            )
    db = ["--db", str(path)]
    argv = {
        "since": ["export", "sessions", f"--since={value}", *db],
        "until": ["export", "sessions", f"--until={value}", *db],
        "rep": ["export", "sessions", f"--rep={value}", *db],
        "days": ["agenda", f"--days={value}", *db],
        "version": ["export", "agreement", "Kim", f"--version={value}", *db],
        "reps": [f"--reps={value}", "where", *db],  # "where" only prints: the demo never runs
        "years": [f"--years={value}", "where", *db],
    }[option]
    with pendulum.travel_to(NOON, freeze=True):
        code, _, err = run(capsys, *argv)
    assert code in (0, 1, 2)
    assert_clean_failure(code, err)
    if code == 2 and option in ("reps", "years", "days", "version"):
        assert f"--{option}" in err and "_positive" not in err and "_days" not in err


@pytest.mark.parametrize("value", ["-1", "1e309", "NaN", "inf", "1,000.5", "0", "10001"])
def test_demo_sizes_are_refused_in_words(value: str, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, f"--reps={value}", "where")
    assert code == 2
    assert "--reps" in err and ("whole number" in err or "between 1 and 10000" in err)
    code, _, err = run(capsys, f"--years={value}", "where")
    assert code == 2
    assert "--years" in err and ("a number of years" in err or "more than 0 and at most 50" in err)

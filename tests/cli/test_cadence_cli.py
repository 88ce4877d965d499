"""`oneonone agenda` and `oneonone calendar`: what they print and write, that they never write
the data file, and that the .ics parses back with the right events."""

from __future__ import annotations

import os
import stat
import sys
from collections.abc import Iterator
from pathlib import Path

import icalendar
import pendulum
import pytest

from oneonone.cli import main
from oneonone.core.model import Commitment, Owner, Review, ReviewScope
from oneonone.core.onboarding import default_template, generate_plan
from oneonone.core.schedule import review_id
from oneonone.core.store import Store
from tests.core.cadence_support import D, agreed, frozen, rep, settings
from tests.core.core_support import sha256

NY = "America/New_York"
NOW = pendulum.datetime(2026, 3, 10, 8, 0, tz=NY)  # Tuesday; DST began on Sunday the 8th


@pytest.fixture
def team_file(tmp_path: Path) -> Path:
    """Bo was inherited in a takeover on Mar 2; Ann agreed under the new leader; Nia started
    Mar 9 with the default plan; Cy left."""
    ann = rep("Ann Lee", D(2024, 1, 15))
    bo = rep("Bo Chen", D(2025, 6, 2))
    nia = rep("Nia Park", D(2026, 3, 9))
    cy = rep("Cy Roe", D(2020, 5, 1), departed=True)
    s = settings(takeover_date=D(2026, 3, 2))
    plan = generate_plan(nia, default_template(), s)
    path = tmp_path / "team.json"
    with Store.open(path) as store:
        store.put_many(
            [
                s,
                ann,
                bo,
                nia,
                cy,
                agreed(ann.id, D(2026, 3, 4)),
                agreed(bo.id, D(2025, 10, 1), inherited=True),
                Review(
                    ReviewScope.REP, D(2026, 4, 2), ann.id, moved_from=D(2026, 4, 1), id="rv-ann"
                ),
                Review(ReviewScope.REP, D(2026, 4, 1), cy.id, id="rv-cy"),
                Commitment(ann.id, Owner.REP, "Send the [bold]forecast[/bold]", D(2026, 3, 6)),
                Commitment(bo.id, Owner.MANAGER, "Book the ride-along", D(2026, 3, 9)),
                Commitment(cy.id, Owner.REP, "Hand over accounts", D(2026, 2, 1)),
                *plan,
            ]
        )
    return path


@pytest.fixture
def at_now() -> Iterator[None]:
    with frozen(NOW):
        yield


def _untouched(path: Path, digest: str, mtime: int) -> None:
    assert sha256(path) == digest and path.stat().st_mtime_ns == mtime
    assert not (path.parent / "backups").exists()


EXPECTED_AGENDA = [
    ("2026-01-01", "2 months overdue", "review", "Quarterly review with Bo Chen"),
    ("2026-03-06", "4 days overdue", "commitment", "Ann Lee: Send the [bold]forecast[/bold]"),
    ("2026-03-09", "yesterday", "signal", "You: 1 commitment to 1 rep past its date"),
    ("2026-03-09", "yesterday", "commitment", "You: Book the ride-along (for Bo Chen)"),
    ("2026-03-09", "yesterday", "onboarding", "Nia Park onboarding: 6 items not checked off"),
    ("2026-03-10", "today", "onboarding", "Nia Park onboarding, 09:00: Team stand-up"),
]


@pytest.mark.usefixtures("at_now")
def test_agenda_plain_text_never_writes(
    team_file: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    digest, mtime = sha256(team_file), team_file.stat().st_mtime_ns
    assert main(["agenda", "--db", str(team_file)]) == 0
    lines = capsys.readouterr().out.splitlines()
    rows = [tuple(part for part in line.split("  ") if part.strip()) for line in lines]
    rows = [tuple(p.strip() for p in r) for r in rows]
    assert rows[: len(EXPECTED_AGENDA)] == EXPECTED_AGENDA
    titles = [r[3] for r in rows]
    # Nia's plan, before its day: her expectations conversation (tomorrow 10:00) is where
    # the "no agreement" line points, and the rest of tomorrow is one line
    assert [r for r in rows if r[0] == "2026-03-11"] == [
        (
            "2026-03-11",
            "tomorrow",
            "no agreement",
            "Nia Park: expectations conversation, 10:00, 2 hours",
        ),
        (
            "2026-03-11",
            "tomorrow",
            "onboarding",
            "Nia Park onboarding: 4 plan items, from 09:00 Team stand-up",
        ),
    ]
    assert titles[-1] == "New-leader reset: expectations conversation with Bo Chen"
    assert len([t for t in titles if t.startswith("Nia Park onboarding, ")]) == 5
    assert not any("Cy Roe" in t or ("Ann Lee" in t and "review" in t) for t in titles)
    widths = {line.index(row[3]) for line, row in zip(lines, rows, strict=True)}
    assert len(widths) == 1  # the titles line up
    _untouched(team_file, digest, mtime)
    # a longer horizon brings in April's reviews (worked out in memory, not saved)
    assert main(["agenda", "--days", "30", "--db", str(team_file)]) == 0
    out = capsys.readouterr().out
    assert "Quarterly review with Ann Lee (moved from 2026-04-01)" in out
    assert "Team quarterly review" in out and "Quarterly review with Nia Park" in out
    _untouched(team_file, digest, mtime)


@pytest.mark.usefixtures("at_now")
def test_agenda_rich_table_on_a_terminal(
    team_file: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(sys.stdout, "isatty", lambda: True)
    monkeypatch.setenv("COLUMNS", "160")
    monkeypatch.setenv("NO_COLOR", "1")
    assert main(["agenda", "--db", str(team_file)]) == 0
    out = capsys.readouterr().out
    assert "Agenda for Tuesday 10 March 2026 (next 14 days)" in out
    assert "Send the [bold]forecast[/bold]" in out  # the user's text, not Rich markup
    assert "2 months overdue" in out and "┃" in out
    assert "to do, 5 overdue" in out


@pytest.mark.usefixtures("at_now")
def test_agenda_when_up_to_date_and_while_the_app_has_the_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "quiet.json"
    ann = rep("Ann Lee", D(2024, 1, 15))
    with Store.open(path) as store:
        store.put_many([settings(), ann, agreed(ann.id, D(2026, 3, 2))])
    with Store.open(path):  # the app holds the lock: the agenda reads read-only
        assert main(["agenda", "--db", str(path)]) == 0
    assert capsys.readouterr().out == "Nothing needs you: the team is up to date.\n"


def test_agenda_and_calendar_refuse_bad_input(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    missing = tmp_path / "nope.json"
    for command in ("agenda", "calendar"):
        assert main([command, "--db", str(missing)]) == 1
        err = capsys.readouterr().err
        assert err.startswith("oneonone: ") and "does not exist" in err and "--db" in err
    assert not missing.exists()
    assert main(["agenda", "--db", str(tmp_path)]) == 1
    assert "is a folder" in capsys.readouterr().err
    odd = tmp_path / "odd.json"
    with Store.open(odd) as store:
        store.put(settings(timezone="Mars/Olympus"))
    # A timezone the app cannot use is a damaged record (issue 16): named, UTC meanwhile.
    assert main(["agenda", "--db", str(odd)]) == 0
    err = capsys.readouterr().err
    assert err.startswith("oneonone: warning: ") and "Mars/Olympus" in err and "UTC" in err
    for bad in ("-1", "soon", "99999"):
        with pytest.raises(SystemExit) as usage:
            main(["agenda", "--days", bad, "--db", str(odd)])
        assert usage.value.code == 2
    capsys.readouterr()
    with pytest.raises(SystemExit):
        main(["--help"])
    out = capsys.readouterr().out
    assert "agenda" in out and "calendar" in out


def _events(text: str) -> list[icalendar.Event]:
    cal = icalendar.Calendar.from_ical(text)
    return list(cal.walk("VEVENT"))


@pytest.mark.usefixtures("at_now")
def test_calendar_to_stdout_parses_back(
    team_file: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    digest, mtime = sha256(team_file), team_file.stat().st_mtime_ns
    assert main(["calendar", "--db", str(team_file)]) == 0
    text = capsys.readouterr().out
    assert "\r\n" in text and text.startswith("BEGIN:VCALENDAR")
    events = _events(text)
    by_summary = {str(e.get("summary")): e for e in events}
    onboarding = [e for e in events if "onboarding" in str(e.get("summary"))]
    # the meetings the manager attends ("... with your manager", the first one-on-one), from
    # today on: day 1's wrap-up is past
    assert [str(e.get("summary")).split(": ", 1)[1] for e in onboarding] == [
        "Expectations conversation with your manager",
        "Week-one review with your manager",
        "Call review with your manager",
        "Demo certification with your manager",
        "Pipeline review with your manager",
        "Two-week review and first regular one-on-one",
    ]
    # Ann's, Nia's and the team's reviews; Bo's takeover conversation, and Ann's, held (she
    # agreed under the new leader), cancelled for calendars that imported it
    assert len(events) == len(onboarding) + 3 + 2
    held = by_summary["Expectations conversation with Ann Lee (new-leader reset, due)"]
    assert str(held.get("status")) == "CANCELLED" and int(held.get("sequence")) == 1

    ann = by_summary["Quarterly review with Ann Lee"]
    assert str(ann.get("uid")) == "rv-ann@oneonone"
    assert ann.decoded("dtstart") == pendulum.Date(2026, 4, 2) and int(ann.get("sequence")) == 1
    assert ann.decoded("dtend") == pendulum.Date(2026, 4, 3)
    nia_uid = str(by_summary["Quarterly review with Nia Park"].get("uid"))
    assert nia_uid == f"{review_id('rep-nia', D(2026, 4, 1))}@oneonone"
    assert by_summary["Team quarterly review"].decoded("dtstart") == pendulum.Date(2026, 4, 1)
    takeover = by_summary["Expectations conversation with Bo Chen (new-leader reset, due)"]
    assert takeover.decoded("dtstart") == pendulum.Date(2026, 3, 16)
    assert "Quarterly review with Bo Chen" not in by_summary  # overdue: the agenda says so
    assert not any("Cy Roe" in s for s in by_summary)

    talk = by_summary["Nia Park onboarding: Expectations conversation with your manager"]
    start, end = talk.decoded("dtstart"), talk.decoded("dtend")
    assert str(start.tzinfo) == NY or getattr(start.tzinfo, "key", "") == NY
    assert start == pendulum.datetime(2026, 3, 11, 10, tz=NY)
    assert start.utcoffset() == pendulum.duration(hours=-4)  # EDT, after the change
    assert (end - start) == pendulum.duration(hours=2)
    assert "TZID=America/New_York" in text and "BEGIN:VTIMEZONE" in text
    assert all(str(e.get("uid")).endswith("@oneonone") for e in events)
    assert len({str(e.get("uid")) for e in events}) == len(events)

    # with --all, every plan item from today on (day 1 is past and unticked)
    assert main(["calendar", "--all", "--db", str(team_file)]) == 0
    every = _events(capsys.readouterr().out)
    plan = [e for e in every if "onboarding" in str(e.get("summary"))]
    assert len(plan) == len(default_template().items) - 6

    # stable: a second run gives the same UIDs
    assert main(["calendar", "--db", str(team_file)]) == 0
    again = _events(capsys.readouterr().out)
    assert sorted(str(e.get("uid")) for e in again) == sorted(str(e.get("uid")) for e in events)
    _untouched(team_file, digest, mtime)


@pytest.mark.usefixtures("at_now")
def test_calendar_to_a_private_file(
    team_file: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "exports" / "cadence.ics"
    assert main(["calendar", "--out", str(out), "--db", str(team_file)]) == 0
    first = out.read_bytes()
    assert stat.S_IMODE(os.stat(out).st_mode) == 0o600
    events = _events(first.decode())
    assert capsys.readouterr().out == f"Wrote {len(events)} events to {out}\n"
    assert main(["calendar", "--out", str(out), "--db", str(team_file)]) == 1
    assert "already exists" in capsys.readouterr().err and out.read_bytes() == first
    assert main(["calendar", "--out", str(out), "--force", "--db", str(team_file)]) == 0
    assert len(_events(out.read_text())) == len(events)


@pytest.mark.usefixtures("at_now")
def test_next_review_is_one_date_in_agenda_calendar_and_export(
    team_file: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Ann agreed on Mar 4 (her agreement's own quarter: Jun 4); her review is scheduled on
    Apr 2 (moved from Apr 1). The agenda, the .ics and the exported agreement say Apr 2."""
    assert main(["agenda", "--days", "30", "--db", str(team_file)]) == 0
    agenda = [ln for ln in capsys.readouterr().out.splitlines() if "review with Ann Lee" in ln]
    assert len(agenda) == 1 and agenda[0].startswith("2026-04-02")
    assert main(["calendar", "--db", str(team_file)]) == 0
    events = _events(capsys.readouterr().out)
    ann = [e for e in events if str(e.get("summary")) == "Quarterly review with Ann Lee"]
    assert [e.decoded("dtstart") for e in ann] == [pendulum.Date(2026, 4, 2)]
    assert main(["export", "agreement", "Ann", "--db", str(team_file)]) == 0
    out = capsys.readouterr().out
    assert "next review due 2026-04-02" in out and "2026-06-04" not in out


@pytest.mark.usefixtures("at_now")
def test_calendar_defaults_come_from_the_config_file(
    team_file: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from oneonone.config import config_file

    target = tmp_path / "cal" / "team.ics"
    target.parent.mkdir()
    config_file().parent.mkdir(parents=True, exist_ok=True)
    config_file().write_text(f'[calendar]\nall = true\nout = "{target}"\n', encoding="utf-8")
    assert main(["calendar", "--db", str(team_file)]) == 0
    assert f"to {target}" in capsys.readouterr().out
    plan = [e for e in _events(target.read_text()) if "onboarding" in str(e.get("summary"))]
    assert len(plan) == len(default_template().items) - 6  # every item, as with --all

"""``oneonone snooze``: a rep's accountability signal set aside from the shell, the app closed
or open; refused in words without a signal or a reason."""

from __future__ import annotations

from pathlib import Path

import pendulum
import pytest

from oneonone.cli import main
from oneonone.core.model import Commitment, Owner, Rep, Snooze, TeamSettings
from oneonone.core.store import Store, inbox

MARCUS = Rep(name="Marcus O'Neil", start_date=pendulum.date(2024, 1, 8), id="rep-marcus")
PRIYA = Rep(name="Priya Raman", start_date=pendulum.date(2025, 1, 6), id="rep-priya")


def team_file(path: Path) -> Path:
    with Store.open(path) as store:
        store.put(TeamSettings(manager_name="Dana", timezone="Europe/Paris"))
        store.put_many([MARCUS, PRIYA])
        for text, day in (("Call Acme", 2), ("Send the forecast", 9)):
            store.put(Commitment(MARCUS.id, Owner.REP, text, due=pendulum.date(2026, 11, day)))
    return path


def snoozes(path: Path) -> list[Snooze]:
    with Store.open(path, read_only=True) as store:
        return store.all(Snooze)


@pytest.fixture
def today() -> object:
    with pendulum.travel_to(pendulum.datetime(2026, 11, 27, 10, tz="Europe/Paris"), freeze=True):
        yield


@pytest.mark.usefixtures("today")
def test_snooze_keeps_the_reason_and_the_evidence_and_clears_the_agenda(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = team_file(tmp_path / "team.json")
    assert main(["--db", str(path), "agenda"]) == 0
    assert "Marcus O'Neil: 2 commitments missed" in capsys.readouterr().out
    assert main(["--db", str(path), "snooze", "marc", "On leave until the 15th"]) == 0
    out = capsys.readouterr().out
    assert "Snoozed the signal of Marcus O'Neil (2 commitments missed since 2 Nov 2026)" in out
    (kept,) = snoozes(path)
    assert (kept.rep_id, kept.reason) == (MARCUS.id, "On leave until the 15th")
    assert kept.evidence == ["2 commitments missed since 2 Nov 2026"]
    assert main(["--db", str(path), "agenda"]) == 0
    assert "missed" not in capsys.readouterr().out


@pytest.mark.usefixtures("today")
def test_no_signal_no_reason_and_an_unknown_name_are_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = team_file(tmp_path / "team.json")
    for args, said in (
        (["priya", "x"], "Priya Raman has no accountability signal to snooze"),
        (["marc", "  "], "The reason cannot be empty."),
        (["zed", "x"], "No rep matches 'zed'"),
    ):
        assert main(["--db", str(path), "snooze", *args]) == 1
        err = capsys.readouterr().err
        assert said in err and err.count("\n") == 1
    assert snoozes(path) == []


@pytest.mark.usefixtures("today")
def test_snooze_while_the_app_is_open_is_handed_to_it(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = team_file(tmp_path / "team.json")
    with Store.open(path) as app:
        assert main(["--db", str(path), "snooze", "marc", "Territory moved"]) == 0
        assert "The app has the data file open" in capsys.readouterr().out
        assert inbox.waiting(path) and app.all(Snooze) == []
        assert app.take_inbox() == 1
        assert [z.reason for z in app.all(Snooze)] == ["Territory moved"]
    assert [z.reason for z in snoozes(path)] == ["Territory moved"]

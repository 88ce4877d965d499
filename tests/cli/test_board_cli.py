"""``oneonone board`` and ``oneonone export board``: the team board printed plain through a
pipe, as Markdown whose user text is escaped, an unknown line refused in one line."""

from __future__ import annotations

import re
import sys
from pathlib import Path

import pendulum
import pytest

from oneonone.cli import main
from oneonone.core.model import (
    Agreement,
    AgreementState,
    NumberEntry,
    Period,
    QuotaLine,
    Rep,
    Session,
    SessionKind,
    TeamSettings,
)
from oneonone.core.store import Store
from tests.export.mdparse import EM, blocks, without_front_matter

NOW = pendulum.datetime(2026, 11, 27, 10, tz="Europe/Paris")


@pytest.fixture
def team(tmp_path: Path) -> Path:
    path = tmp_path / "team" / "oneonone.json"
    ann = Rep(name="Ann Lee", start_date=pendulum.date(2024, 1, 8))
    sam = Rep(name="Sam | *Bold* \x1b[2J", start_date=pendulum.date(2024, 1, 8))
    new = Rep(name="Noor New", start_date=pendulum.date(2026, 11, 23))
    records: list[object] = [TeamSettings(manager_name="Dana", timezone="Europe/Paris"), new]
    for rep, actual in ((ann, 130_000), (sam, None)):
        arr = QuotaLine("New ARR", 100_000, "USD", Period.QUARTER)
        records += [
            rep,
            Agreement(
                rep_id=rep.id,
                state=AgreementState.AGREED,
                agreed_on=pendulum.date(2026, 1, 5),
                quota_lines=[arr],
            ),
        ]
        if actual is not None:
            on = pendulum.datetime(2026, 11, 20, 10, tz="Europe/Paris")
            entry = NumberEntry(arr.id, arr.label, actual, arr.number, arr.unit, arr.period)
            records.append(
                Session(
                    rep_id=rep.id,
                    kind=SessionKind.REGULAR,
                    started_at=on,
                    closed=True,
                    numbers=[entry],
                )
            )
    with Store.open(path) as store:
        store.put_many(records)
    return path


def test_board_prints_plain_through_a_pipe(team: Path, capsys: pytest.CaptureFixture[str]) -> None:
    with pendulum.travel_to(NOW, freeze=True):
        assert main(["board", "--db", str(team), "--line", "new"]) == 0
    out = capsys.readouterr().out
    lines = out.splitlines()
    assert lines[0] == (
        "Team board, 2026-11-27: ranked on New ARR, this quarter (since 2026-10-01)"
    )
    assert lines[1].split() == ["#", "Rep", "New", "ARR", "Quota", "%", "Trend", "Other", "lines"]
    assert lines[2].split() == ["1", "Ann", "Lee", "130,000", "100,000", "USD", "130%", "█"]
    assert "no numbers yet" in lines[3] and "␛[2J" in lines[3] and "\x1b" not in out
    assert "no agreement yet" in lines[4] and "Noor New" in lines[4]  # last


def test_an_unknown_line_is_one_line_and_exit_1(
    team: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["board", "--db", str(team), "--line", "calls"]) == 1
    err = capsys.readouterr().err
    assert err == ("oneonone: no quota line of the team is called 'calls'; the lines: New ARR.\n")
    assert main(["export", "board", "--db", str(team), "--line", "calls"]) == 1
    assert "'calls'" in capsys.readouterr().err


def test_export_board_writes_markdown_that_reads_back(
    team: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "board.md"
    with pendulum.travel_to(NOW, freeze=True):
        assert main(["export", "board", "--db", str(team), "--out", str(out)]) == 0
        assert "Wrote the team board of 2026-11-27" in capsys.readouterr().out
        assert main(["export", "board", "--db", str(team), "--out", str(out)]) == 1
    assert "--force" in capsys.readouterr().err  # an existing file is not replaced
    text = out.read_text()
    assert text.startswith('---\ntitle: "Team board 2026-11-27"\ndate: 2026-11-27\n')
    assert oct(out.stat().st_mode & 0o777) == "0o600"
    found = blocks(without_front_matter(text))
    assert found[0] == ("h", 1, "Team board, 2026-11-27")
    assert found[1] == ("h", 2, "New ARR: this quarter (since 2026-10-01)")
    (table,) = [b for b in found if b[0] == "table"]
    rows = table[2]
    assert rows[0][:5] == ["1", "Ann Lee", "130,000", "100,000 USD", "130%"]
    assert rows[1][1] == "Sam | *Bold* \x1b[2J"  # read back as typed, one cell
    assert rows[1][2] == f"{EM}no numbers yet{EM}"
    assert found[-2:] == [("h", 2, "No agreement yet"), ("ul", ["Noor New"])]


def test_board_rich_table_on_a_terminal(
    team: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(sys.stdout, "isatty", lambda: True)
    monkeypatch.setenv("NO_COLOR", "1")
    monkeypatch.setenv("COLUMNS", "80")
    with pendulum.travel_to(NOW, freeze=True):
        assert main(["board", "--db", str(team)]) == 0
    out = capsys.readouterr().out
    assert not re.search("\x1b\\[(3|9)[0-7]m", out)  # no colour (NO_COLOR)
    assert "Sam | *Bold* ␛[2J" in out and "Other lines" not in out  # no room at 80 columns
    assert "(the other lines: a wider terminal, or --line NAME)" in out
    monkeypatch.setenv("COLUMNS", "120")
    with pendulum.travel_to(NOW, freeze=True):
        assert main(["board", "--db", str(team), "--period", "previous"]) == 0
    out = capsys.readouterr().out
    assert "ranked on New ARR, last quarter (since 2026-07-01)" in out and "Other lines" in out


def test_a_line_named_like_markup_is_printed_as_typed(
    team: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """The table's title names the ranked line: "[/b]New ARR" crashed Rich's markup parser
    with a traceback, and "[b]ARR" lost its brackets."""
    with Store.open(team) as store:
        for agreement in store.all(Agreement):
            for line in agreement.quota_lines:
                line.label = "[/b]New ARR"
            store.put(agreement)
    monkeypatch.setattr(sys.stdout, "isatty", lambda: True)
    monkeypatch.setenv("COLUMNS", "120")
    with pendulum.travel_to(NOW, freeze=True):
        assert main(["board", "--db", str(team)]) == 0
    assert "ranked on [/b]New ARR" in capsys.readouterr().out

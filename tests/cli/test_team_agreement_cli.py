"""``oneonone export team-agreement``: the version asked for, to stdout or a file, and one
line on stderr for what cannot be done."""

from __future__ import annotations

from pathlib import Path

import pendulum
import pytest

from oneonone.cli import main
from oneonone.core import team_agreement as team
from oneonone.core.model import Rep, Review, ReviewScope, TeamAgreement
from oneonone.core.store import Store

D = pendulum.Date


def make_file(path: Path, *, agreements: bool = True) -> None:
    with Store.open(path) as store:
        store.put(Rep(name="Sam Lee", start_date=D(2025, 1, 6)))
        store.put(Review(scope=ReviewScope.TEAM, due=D(2027, 1, 4)))
        if agreements:
            v1 = team.agree(TeamAgreement(integrity=["Tell the truth"]), D(2026, 9, 1), "Morgan")
            v2 = team.agree(
                team.with_part(team.revise(v1), 2, ["No side deals"]), D(2026, 12, 4), "Morgan"
            )
            store.put_many([v1, v2, team.revise(v2)])


def test_help_has_an_example(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        main(["export", "team-agreement", "--help"])
    text = " ".join(capsys.readouterr().out.split())
    assert "Example: oneonone export team-agreement" in text


def test_latest_agreed_to_stdout_then_a_version_to_a_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = tmp_path / "data.json"
    make_file(data)
    assert main(["export", "team-agreement", "--db", str(data)]) == 0
    out = capsys.readouterr().out
    assert "version: 2\n" in out and "next_review: 2027-01-04\n" in out
    assert "## 2. No side deals\n\n- No side deals" in out
    assert "| Rep | Sam Lee |" in out
    target = tmp_path / "v1.md"
    assert (
        main(
            ["export", "team-agreement", "--version", "1", "--out", str(target), "--db", str(data)]
        )
        == 0
    )
    assert "Wrote version 1 of the team agreement" in capsys.readouterr().out
    assert "Version 2, agreed on 2026-12-04, replaces this one." in target.read_text()
    # not again without --force
    assert (
        main(
            ["export", "team-agreement", "--version", "1", "--out", str(target), "--db", str(data)]
        )
        == 1
    )
    assert len(capsys.readouterr().err.strip().splitlines()) == 1


def test_refusals_are_one_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    data = tmp_path / "data.json"
    make_file(data)
    assert main(["export", "team-agreement", "--version", "9", "--db", str(data)]) == 1
    err = capsys.readouterr().err
    assert err == (
        "oneonone: The team agreement has no version 9. Versions: v1 agreed on 2026-09-01; "
        "v2 agreed on 2026-12-04; v3 draft.\n"
    )
    empty = tmp_path / "empty.json"
    make_file(empty, agreements=False)
    assert main(["export", "team-agreement", "--db", str(empty)]) == 1
    err = capsys.readouterr().err
    assert err.startswith("oneonone: There is no team agreement yet") and err.count("\n") == 1

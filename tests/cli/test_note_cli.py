"""``oneonone note``: a talking point from the shell, the app closed or open."""

from __future__ import annotations

from pathlib import Path

import pendulum
import pytest

from oneonone.cli import main
from oneonone.core.model import Owner, Rep, RepStatus, TalkingPoint
from oneonone.core.store import Store, inbox


def team_file(path: Path) -> Path:
    with Store.open(path) as store:
        for name in ("Dana Whitfield", "Dan Brooks", "Priya Raman"):
            store.put(Rep(name=name, start_date=pendulum.date(2025, 1, 6)))
        store.put(
            Rep(
                name="Marcus O'Neil",
                start_date=pendulum.date(2024, 1, 6),
                status=RepStatus.DEPARTED,
                departed_on=pendulum.date(2026, 11, 2),
            )
        )
    return path


def points(path: Path) -> list[TalkingPoint]:
    with Store.open(path, read_only=True) as store:
        return store.all(TalkingPoint)


def test_note_saves_at_once_when_the_app_is_closed(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = team_file(tmp_path / "team.json")
    assert main(["--db", str(path), "note", "pri", "ask about the Acme MSA", "--private"]) == 0
    assert (
        capsys.readouterr().out
        == "Noted a private talking point for Priya Raman: ask about the Acme MSA\n"
    )
    assert main(["--db", str(path), "note", "Dana", "pipeline review", "--from-rep"]) == 0
    found = {p.text: p for p in points(path)}
    assert found["ask about the Acme MSA"].private
    assert found["pipeline review"].raised_by is Owner.REP and not found["pipeline review"].private


@pytest.mark.parametrize(
    ("name", "text", "error"),
    [
        (
            "da",
            "x",
            "'da' matches several reps: Dan Brooks, Dana Whitfield. Type more of the name.",
        ),
        ("zed", "x", "No rep matches 'zed'. Reps: Dan Brooks, Dana Whitfield, Priya Raman"),
        ("marcus", "x", "Marcus O'Neil has left the team"),
        ("priya", " \t ", "A talking point needs some text"),
    ],
)
def test_note_refuses_in_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], name: str, text: str, error: str
) -> None:
    path = team_file(tmp_path / "team.json")
    assert main(["--db", str(path), "note", name, text]) == 1
    err = capsys.readouterr().err
    assert err.startswith(f"oneonone: {error}") and err.count("\n") == 1
    assert points(path) == []


def test_note_refuses_a_missing_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--db", str(tmp_path / "none.json"), "note", "dana", "x"]) == 1
    assert "does not exist" in capsys.readouterr().err
    assert not (tmp_path / "none.json").exists()


def test_note_while_the_app_holds_the_file_lands_at_its_next_save(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = team_file(tmp_path / "team.json")
    with Store.open(path) as app_store:  # the app, holding the one-writer lock
        assert main(["--db", str(path), "note", "dana w", "ask about the Acme MSA"]) == 0
        out = capsys.readouterr().out
        assert "it adds it within seconds" in out
        assert inbox.waiting(path)
        dana = next(r for r in app_store.all(Rep) if r.name == "Dana Whitfield")
        app_store.put(dana)  # the app saves something else
        assert [p.text for p in app_store.all(TalkingPoint)] == ["ask about the Acme MSA"]
    assert [p.text for p in points(path)] == ["ask about the Acme MSA"]
    assert not inbox.waiting(path)


def test_note_help_has_an_example(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        main(["note", "--help"])
    assert 'Example: oneonone note dana "ask about the Acme MSA"' in capsys.readouterr().out

"""``oneonone candidates`` and ``oneonone export candidate NAME``: read only, one line per
problem on stderr, exit 1."""

from __future__ import annotations

from pathlib import Path

import pendulum
import pytest

from oneonone.cli import main
from oneonone.core import candidates as rules
from oneonone.core.model import Candidate
from oneonone.core.store import Store

TODAY = pendulum.date(2026, 11, 27)


def make_file(path: Path) -> None:
    priya = rules.add_interview(
        rules.build_candidate("Priya Raman", "AE", others=[]),
        rules.build_interview(
            rules.InterviewDraft(
                "2026-11-20",
                quota="New ARR: 120,000 USD per quarter",
                questions="Q: A quota you missed?\nA: Owned it | told my manager",
            ),
            today=TODAY,
        ),
    )
    # a name a hand edit put there: the app's form refuses control characters
    marco = rules.mark_not_hired(
        Candidate(name="Marco\x1b[2J Bell", role="SDR"), TODAY, "Blamed others"
    )
    with Store.open(path) as store:
        store.put_many([marco, priya])


def test_candidates_lists_them_interviewing_first(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "f.json"
    make_file(path)
    assert main(["candidates", "--db", str(path)]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out == [
        "Priya Raman · AE · interviewing · interviews: 2026-11-20",
        # a control character in a name is shown, never sent to the terminal
        "Marco␛[2J Bell · SDR · not hired 2026-11-27 · interviews: none yet · "
        "reason: Blamed others",
    ]


def test_no_candidates_says_how_to_add_one(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "f.json"
    Store.open(path).close()
    assert main(["candidates", "--db", str(path)]) == 0
    assert "No candidates yet" in capsys.readouterr().out


def test_export_candidate_writes_markdown_to_stdout_or_a_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "f.json"
    make_file(path)
    assert main(["export", "candidate", "priya", "--db", str(path)]) == 0
    text = capsys.readouterr().out
    assert text.startswith('---\ntitle: "Candidate: Priya Raman"\n')
    assert "| New ARR | 120,000 | USD | quarter |" in text
    assert "| A quota you missed? | Owned it \\| told my manager |" in text
    out = tmp_path / "priya.md"
    assert main(["export", "candidate", "Priya", "--out", str(out), "--db", str(path)]) == 0
    assert out.read_text() == text
    assert main(["export", "candidate", "Priya", "--out", str(out), "--db", str(path)]) == 1
    assert "--force" in capsys.readouterr().err  # an existing file is only replaced on request


def test_export_candidate_refuses_an_unknown_name_in_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "f.json"
    make_file(path)
    assert main(["export", "candidate", "zed", "--db", str(path)]) == 1
    err = capsys.readouterr().err
    assert err.startswith("oneonone: No candidate named 'zed'. Candidates: Priya Raman, Marco")
    assert err.count("\n") == 1 and "Traceback" not in err


def test_help_has_examples(capsys: pytest.CaptureFixture[str]) -> None:
    for argv in (["candidates", "--help"], ["export", "candidate", "--help"]):
        with pytest.raises(SystemExit):
            main(argv)
        assert "Example: oneonone " in capsys.readouterr().out

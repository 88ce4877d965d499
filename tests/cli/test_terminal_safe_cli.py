"""No text from the data file drives the terminal: every command-line output path (the agenda
as a table and through a pipe, Markdown and .ics to stdout, messages, errors that list reps)
shows control characters as symbols, never sends them; files written with --out keep the text
exactly. The paths live in tests/cli/terminal_paths.py; ``ONEONONE_HOSTILE=N`` runs N examples
(bench/terminal_safety.py gives the figures of a large run).
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings

from oneonone.core.store import Store
from oneonone.core.text import visible
from tests.cli.terminal_paths import NOW, Result, hostile_team, obeyed, run, run_all
from tests.core.cadence_support import frozen
from tests.export.strategies import TERMINAL_HOSTILE

EXAMPLES = int(os.environ.get("ONEONONE_HOSTILE", "3"))
ISSUE_NAME = "Kim \x1b]0;PWNED\x07\rLee"  # an OSC title sequence, BEL and CR, as in issue 16
FAILS = {
    "no rep matches (export sessions)",
    "no rep matches (export agreement)",
    "no agreement yet (export agreement)",
}


def assert_shown_not_obeyed(label: str, result: Result) -> None:
    assert result.crash is None, f"{label}:\n{result.crash}"
    assert result.code == (1 if label in FAILS else 0), (label, result.err)
    assert obeyed(result.out) == [], (label, result.out)
    assert obeyed(result.err) == [], (label, result.err)
    if result.code:
        assert result.err.startswith(b"oneonone: ") and result.err.count(b"\n") == 1, result.err


@settings(
    max_examples=EXAMPLES,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(name=TERMINAL_HOSTILE)
def test_every_output_path_shows_hostile_text_and_files_keep_it(name: str) -> None:
    with tempfile.TemporaryDirectory() as folder:
        results = run_all(Path(folder), name)
        for label, result in results.items():
            assert_shown_not_obeyed(label, result)
        agreement = (Path(folder) / "out" / "a.md").read_text("utf-8")
        notes = (Path(folder) / "out" / "s.md").read_text("utf-8")
    for control in "\x1b\x07\x08\x7f\x9b":
        if control in name:  # the files hold what was typed, not its symbols
            assert control in agreement and control in notes


def test_the_issues_osc_title_shows_as_symbols_on_every_path(tmp_path: Path) -> None:
    results = run_all(tmp_path, ISSUE_NAME)
    for label, result in results.items():
        assert_shown_not_obeyed(label, result)
    shown = visible(ISSUE_NAME, one_line=True).encode()  # "Kim ␛]0;PWNED␇␍Lee"
    assert shown.decode() == "Kim \u241b]0;PWNED\u2407\u240dLee"
    for label in ("agenda, pipe", "agenda, terminal (Rich table)"):
        assert shown in results[label].out, label
    for label in FAILS:
        assert shown in results[label].err, label
    assert shown in results["export agreement --out (message)"].out


def test_a_path_and_argparse_errors_show_control_characters(tmp_path: Path) -> None:
    folder = tmp_path / "t\x1b]0;PWNED\x07eam"
    folder.mkdir()
    db = folder / "team.json"
    Store.open(db).close()
    for argv in (
        ["where", "--db", str(db)],
        ["backup", "--db", str(db)],
        ["where", "--x\x1b[2J\x9b"],  # argparse quotes an unknown option as typed
    ):
        result = run(argv)
        assert result.crash is None
        assert obeyed(result.out) == [] and obeyed(result.err) == [], (argv, result)
        assert b"\xe2\x90\x9b" in result.out + result.err  # ESC, shown as its symbol


def test_the_agenda_of_an_ordinary_team_is_unchanged(tmp_path: Path) -> None:
    """Plain names pass through as they are: only control characters change."""
    db = hostile_team(tmp_path, "Dana Ruiz")
    for tty in (False, True):
        with frozen(NOW):
            result = run(["agenda", "--db", str(db)], tty=tty)
        assert result.code == 0 and b"Dana Ruiz" in result.out
        assert "\u2400" not in result.out.decode() and "\ufffd" not in result.out.decode()


def test_a_lone_surrogate_or_a_newline_in_a_name_stops_no_command(tmp_path: Path) -> None:
    """Issue 16: a lone surrogate broke `agenda`, the export messages and `calendar`, a newline
    in the manager's name broke `calendar`. Both show (as U+FFFD and as ␊ in a one-line
    message); the files keep a newline, and U+FFFD stands for what UTF-8 cannot hold."""
    for i, name in enumerate(["Dana\ud800Ruiz", "Dana\nRuiz"]):
        results = run_all(tmp_path / str(i), name)
        for label, result in results.items():
            assert_shown_not_obeyed(label, result)
        shown = visible(name, one_line=True).encode()
        assert shown in results["export agreement --out (message)"].out
        assert shown in results["agenda, pipe"].out

"""``oneonone export sessions``: every option, and every bad input refused with nothing written."""

from __future__ import annotations

import errno
import hashlib
import io
import os
import stat
import sys
from pathlib import Path
from typing import Any

import pendulum
import pytest

from oneonone.cli import main
from oneonone.core.model import (
    Agreement,
    AgreementState,
    Commitment,
    ConsequenceStep,
    Invocation,
    Owner,
    Rep,
    Session,
    SessionKind,
    StepNote,
    TeamSettings,
)
from oneonone.core.store import Store
from tests.export.mdblocks import blocks

START = pendulum.Date(2024, 1, 8)

#: What the user is told to do after the reason (cli_common.os_error_advice).
PERMS = " Check that you may read and write there (the permissions) and try again."
FULL = " Free some space on that disk and try again."


def session(rep: Rep, day: int, month: int = 3, **extra: Any) -> Session:
    at = pendulum.datetime(2026, month, day, 15, 0, tz="UTC")
    return Session(
        rep_id=rep.id,
        kind=SessionKind.REGULAR,
        started_at=at,
        ended_at=at.add(minutes=40),
        steps=[StepNote("Open commitments", notes=f"Talked with {rep.name}", covered=True)],
        closed=True,
        **extra,
    )


@pytest.fixture
def team() -> dict[str, Rep]:
    return {
        "alex": Rep(name="Alex Moreno", start_date=START, role="AE"),
        "alice": Rep(name="Alice Wu", start_date=START),
        "sam1": Rep(name="Sam Ito", start_date=START),
        "sam2": Rep(name="Sam Ito", start_date=START),
    }


@pytest.fixture
def db(tmp_path: Path, team: dict[str, Rep]) -> Path:
    path = tmp_path / "data" / "oneonone.json"
    alex, sam1, sam2 = team["alex"], team["sam1"], team["sam2"]
    first = session(alex, 2, private_notes="SECRET: thinks about leaving")
    agreement = Agreement(
        rep_id=alex.id,
        version=2,
        state=AgreementState.AGREED,
        agreed_on=pendulum.Date(2026, 1, 5),
        consequence_steps=[ConsequenceStep("A gentle reminder")],
    )
    with Store.open(path) as store:
        store.put_many(
            [
                TeamSettings(manager_name="Dana Reyes", timezone="UTC"),
                *team.values(),
                agreement,
                first,
                session(alex, 9, agreement_version=2),
                session(alex, 16, month=4),
                session(sam1, 3),
                session(sam2, 4),
                Commitment(alex.id, Owner.REP, "Call Acme", session_id=first.id),
                Invocation(
                    rep_id=alex.id,
                    agreement_id=agreement.id,
                    agreement_version=2,
                    step_id=agreement.consequence_steps[0].id,
                    step_index=0,
                    step_text="A gentle reminder",
                    reason="Late twice",
                    invoked_at=first.started_at.add(minutes=5),
                    session_id=first.id,
                ),
            ]
        )
    return path


def run(*argv: str) -> int:
    return main(list(argv))


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def session_headings(markdown: str, level: int = 2) -> list[str]:
    return [b[2] for b in blocks(markdown) if b[0] == "h" and b[1] == level]


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


# --- standard output ------------------------------------------------------------------------


def test_one_rep_to_stdout(db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    before = digest(db)
    assert run("export", "sessions", "--rep", "alex", "--db", str(db)) == 0
    out, err = capsys.readouterr()
    assert err == ""
    assert out.startswith('---\ntitle: "One-on-ones: Alex Moreno"\n')
    assert "\n# One-on-ones: Alex Moreno\n" in out
    assert session_headings(out) == [
        "2026-03-02 · Regular one-on-one",
        "2026-03-09 · Regular one-on-one",
        "2026-04-16 · Regular one-on-one",
    ]
    assert "- [ ] Alex: Call Acme\n" in out
    assert '> "A gentle reminder"' in out
    assert "SECRET" not in out
    assert digest(db) == before  # exporting never writes the data file


def test_include_private(db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert run("export", "sessions", "--rep", "alex", "--include-private", "--db", str(db)) == 0
    out = capsys.readouterr().out
    assert "### Private notes\n\nSECRET: thinks about leaving\n" in out
    assert "private_notes: true\n" in out


def test_everyone_to_stdout_is_one_document(db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert run("export", "sessions", "--db", str(db)) == 0
    out, err = capsys.readouterr()
    assert err == ""  # not a terminal: no progress
    assert "\n# One-on-ones: team\n" in out
    # Alice has no sessions: left out; reps by name
    assert session_headings(out) == ["Alex Moreno", "Sam Ito", "Sam Ito"]
    assert "reps: 3\n" in out and "sessions: 5\n" in out


def test_out_dash_and_the_global_db_option(db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert run("--db", str(db), "export", "sessions", "--rep", "Moreno", "--out", "-") == 0
    assert "# One-on-ones: Alex Moreno" in capsys.readouterr().out


def test_since_and_until(db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    argv = ["export", "sessions", "--rep", "alex", "--db", str(db)]
    assert run(*argv, "--since", "2026-03-05", "--until", "2026-04-16") == 0
    out = capsys.readouterr().out
    assert session_headings(out) == [
        "2026-03-09 · Regular one-on-one",
        "2026-04-16 · Regular one-on-one",
    ]
    assert "from: 2026-03-05\nto: 2026-04-16\nsessions: 2\n" in out
    assert run(*argv, "--until", "2026-03-02") == 0
    assert session_headings(capsys.readouterr().out) == ["2026-03-02 · Regular one-on-one"]
    assert run(*argv, "--since=-3y", "--until", "today") == 0  # relative dates
    assert len(session_headings(capsys.readouterr().out)) == 3


# --- bad input: exit 1, one line on stderr, nothing written ----------------------------------


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (
            ["--since", "2026-02-30"],
            "oneonone: --since: '2026-02-30' is not a real date (check the month and day): enter "
            "a date like 2027-01-15, today, tomorrow, +7d, +2w, fri or next monday.\n",
        ),
        (
            ["--until", "03/04/2026"],
            "oneonone: --until: '03/04/2026' is not a date I can read: enter a date like "
            "2027-01-15, today, tomorrow, +7d, +2w, fri or next monday.\n",
        ),
        (
            ["--since", "2026-04-01", "--until", "2026-03-01"],
            "oneonone: --since 2026-04-01 is after --until 2026-03-01: no session can be in "
            "that range.\n",
        ),
        (
            ["--rep", "zed"],
            "oneonone: No rep matches 'zed'. Reps: Alex Moreno, Alice Wu, Sam Ito, Sam Ito\n",
        ),
        (
            ["--rep", "al"],
            "oneonone: 'al' matches several reps: Alex Moreno, Alice Wu. Type more of the name.\n",
        ),
        (
            ["--since", "2027-01-01"],
            "oneonone: No sessions since 2027-01-01: there is nothing to export.\n",
        ),
    ],
)
def test_refusals(
    db: Path, tmp_path: Path, argv: list[str], message: str, capsys: pytest.CaptureFixture[str]
) -> None:
    out_folder = tmp_path / "exports"
    code = run("export", "sessions", *argv, "--out", str(out_folder), "--db", str(db))
    assert code == 1
    out, err = capsys.readouterr()
    assert (out, err) == ("", message)
    assert not out_folder.exists()


def test_two_reps_with_one_name_are_listed_with_ids(
    db: Path, team: dict[str, Rep], capsys: pytest.CaptureFixture[str]
) -> None:
    assert run("export", "sessions", "--rep", "sam ito", "--db", str(db)) == 1
    err = capsys.readouterr().err
    assert "matches several reps with the same name" in err
    assert team["sam1"].id[:8] in err and team["sam2"].id[:8] in err
    assert run("export", "sessions", "--rep", team["sam2"].id[:8], "--db", str(db)) == 0
    assert "2026-03-04 · Regular one-on-one" in capsys.readouterr().out


def test_a_missing_data_file_is_not_created(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    missing = tmp_path / "nowhere" / "oneonone.json"
    assert run("export", "sessions", "--db", str(missing)) == 1
    assert capsys.readouterr().err.startswith(f"oneonone: {missing} does not exist.")
    assert not missing.parent.exists()


def test_no_reps_at_all(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "empty.json"
    Store.open(path).close()
    assert run("export", "sessions", "--db", str(path)) == 1
    assert (
        capsys.readouterr().err == "oneonone: There are no reps yet: there is nothing to export.\n"
    )


def test_usage_errors_exit_2(db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    for argv in (["--since"], ["--frobnicate"], ["alex"]):
        with pytest.raises(SystemExit) as exit_:
            run("export", "sessions", *argv, "--db", str(db))
        assert exit_.value.code == 2
    capsys.readouterr()


# --- files ----------------------------------------------------------------------------------


def test_one_rep_to_a_private_file_never_overwritten_without_force(
    db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "out" / "alex.md"
    argv = ["export", "sessions", "--rep", "alex", "--db", str(db), "--out", str(target)]
    assert run(*argv) == 0
    assert capsys.readouterr() == (f"Wrote 3 sessions of Alex Moreno to {target}\n", "")
    assert mode(target) == 0o600
    assert mode(target.parent) == 0o700
    written = target.read_text(encoding="utf-8")
    assert run("export", "sessions", "--rep", "alex", "--db", str(db)) == 0
    assert capsys.readouterr().out == written

    assert run(*argv, "--include-private") == 1
    assert capsys.readouterr() == (
        "",
        f"oneonone: {target} already exists; use --force to replace it.\n",
    )
    assert target.read_text(encoding="utf-8") == written
    assert run(*argv, "--include-private", "--force") == 0
    capsys.readouterr()
    assert "SECRET" in target.read_text(encoding="utf-8")
    assert mode(target) == 0o600
    assert sorted(os.listdir(target.parent)) == ["alex.md"]  # no temp file left


def test_one_rep_into_an_existing_folder(
    db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run("export", "sessions", "--rep", "alex", "--db", str(db), "--out", str(tmp_path)) == 0
    assert (tmp_path / "Alex-Moreno.md").is_file()
    capsys.readouterr()


def test_everyone_into_a_folder_one_file_each(
    db: Path, tmp_path: Path, team: dict[str, Rep], capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "exports" / "2026"
    argv = ["export", "sessions", "--db", str(db), "--out", str(folder)]
    assert run(*argv) == 0
    assert capsys.readouterr() == (
        f"Wrote 3 files (5 sessions of 3 reps) to {folder}\n",
        "",
    )
    sam1, sam2 = (f"Sam-Ito-{team[k].id[:8]}.md" for k in ("sam1", "sam2"))
    assert sorted(os.listdir(folder)) == sorted(["Alex-Moreno.md", sam1, sam2])
    assert mode(folder) == 0o700 and mode(folder.parent) == 0o700
    for name in os.listdir(folder):
        assert mode(folder / name) == 0o600
    assert "2026-03-04 · Regular one-on-one" in (folder / sam2).read_text(encoding="utf-8")
    assert "Talked with Sam Ito" in (folder / sam1).read_text(encoding="utf-8")

    before = {name: digest(folder / name) for name in os.listdir(folder)}
    assert run(*argv, "--include-private") == 1
    assert capsys.readouterr().err == (
        f"oneonone: 3 files already exist in {folder} (Alex-Moreno.md, {min(sam1, sam2)}, "
        f"{max(sam1, sam2)}); use --force to replace them.\n"
    )
    assert {name: digest(folder / name) for name in os.listdir(folder)} == before
    assert run(*argv, "--include-private", "--force") == 0
    capsys.readouterr()
    assert "SECRET" in (folder / "Alex-Moreno.md").read_text(encoding="utf-8")


def test_one_existing_file_in_the_folder_stops_them_all(
    db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "Alex-Moreno.md").write_text("mine", encoding="utf-8")
    assert run("export", "sessions", "--db", str(db), "--out", str(tmp_path)) == 1
    assert capsys.readouterr().err == (
        f"oneonone: {tmp_path / 'Alex-Moreno.md'} already exists; use --force to replace it.\n"
    )
    assert sorted(p.name for p in tmp_path.iterdir()) == ["Alex-Moreno.md", "data"]


def test_combined_into_one_file(
    db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "team.md"
    argv = ["export", "sessions", "--combined", "--db", str(db), "--out", str(target)]
    assert run(*argv, "--until", "2026-03-31") == 0
    assert capsys.readouterr().out == f"Wrote 4 sessions of 3 reps to {target}\n"
    text = target.read_text(encoding="utf-8")
    assert session_headings(text) == ["Alex Moreno", "Sam Ito", "Sam Ito"]
    assert mode(target) == 0o600
    assert run(*argv) == 1
    assert "already exists; use --force" in capsys.readouterr().err


def test_a_file_where_a_folder_is_needed(
    db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "team.md"
    target.write_text("mine", encoding="utf-8")
    assert run("export", "sessions", "--db", str(db), "--out", str(target), "--force") == 1
    assert capsys.readouterr().err == (
        f"oneonone: {target} is a file. With several reps --out names a folder for one file per "
        "rep; add --combined for one file.\n"
    )
    assert target.read_text(encoding="utf-8") == "mine"


def refuse_replace(src: object, dst: object) -> None:
    raise PermissionError(errno.EACCES, "Permission denied", str(dst))


def test_an_unwritable_folder_leaves_nothing(
    db: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """Simulated (root ignores folder modes): the rename into place is refused."""
    folder = tmp_path / "new" / "exports"
    monkeypatch.setattr(os, "replace", refuse_replace)
    assert run("export", "sessions", "--db", str(db), "--out", str(folder)) == 1
    err = capsys.readouterr().err
    assert err == f"oneonone: Cannot write {folder / 'Alex-Moreno.md'}: permission denied.{PERMS}\n"
    assert not (tmp_path / "new").exists()  # the folders it made are gone again

    single = tmp_path / "alex.md"
    assert run("export", "sessions", "--rep", "alex", "--db", str(db), "--out", str(single)) == 1
    assert (
        capsys.readouterr().err == f"oneonone: Cannot write {single}: permission denied.{PERMS}\n"
    )
    assert sorted(p.name for p in tmp_path.iterdir()) == ["data"]


def test_a_failure_halfway_undoes_the_files_already_moved(
    db: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "exports"
    folder.mkdir()
    (folder / "Alex-Moreno.md").write_text("old export", encoding="utf-8")
    real_replace = os.replace
    calls: list[str] = []

    def third_fails(src: Any, dst: Any) -> None:
        calls.append(str(dst))
        if len(calls) == 3:
            refuse_replace(src, dst)
        real_replace(src, dst)

    monkeypatch.setattr(os, "replace", third_fails)
    argv = ["export", "sessions", "--db", str(db), "--out", str(folder), "--force"]
    assert run(*argv) == 1
    assert "permission denied" in capsys.readouterr().err
    assert sorted(os.listdir(folder)) == ["Alex-Moreno.md"]  # the new Sam files are gone
    assert (folder / "Alex-Moreno.md").read_text(encoding="utf-8") == "old export"  # put back


def test_a_full_disk_leaves_nothing(
    db: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    def full(fd: int, data: object) -> int:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, "write", full)
    folder = tmp_path / "exports"
    assert run("export", "sessions", "--db", str(db), "--out", str(folder)) == 1
    assert capsys.readouterr().err.endswith(f": the disk is full.{FULL}\n")
    assert not folder.exists()


def test_reading_works_while_the_app_has_the_file_open(
    db: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with Store.open(db) as app_store:
        assert not app_store.read_only
        assert run("export", "sessions", "--rep", "alex", "--db", str(db)) == 0
    assert "# One-on-ones: Alex Moreno" in capsys.readouterr().out


# --- progress -------------------------------------------------------------------------------


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_progress_on_a_terminal_only(
    db: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    terminal = Terminal()
    monkeypatch.setattr(sys, "stderr", terminal)
    assert run("export", "sessions", "--db", str(db), "--out", str(tmp_path / "a")) == 0
    assert terminal.getvalue() == (
        "\rExported 1 of 3 reps…\rExported 2 of 3 reps…\rExported 3 of 3 reps…\n"
    )
    monkeypatch.undo()
    capsys.readouterr()
    assert run("export", "sessions", "--db", str(db), "--out", str(tmp_path / "b")) == 0
    assert capsys.readouterr().err == ""

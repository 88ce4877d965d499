"""The command line: version, help, where, backup, restore, and refusing a bad data file."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pendulum
import pytest

from oneonone import __version__
from oneonone.cli import main
from oneonone.core.model import Rep
from oneonone.core.store import Store


def make_file(path: Path, *names: str) -> None:
    with Store.open(path) as store:
        for name in names:
            store.put(Rep(name=name, start_date=pendulum.date(2025, 1, 6)))


def names_in(path: Path) -> list[str]:
    with Store.open(path, allow_read_only=True) as store:
        return sorted(r.name for r in store.all(Rep))


def test_version_and_help(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as done:
        main(["--version"])
    assert done.value.code == 0
    assert capsys.readouterr().out.strip() == f"oneonone {__version__}"
    with pytest.raises(SystemExit):
        main(["--help"])
    out = capsys.readouterr().out
    for word in ("--db", "--demo", "backup", "restore", "export", "ONEONONE_DB"):
        assert word in out


def test_module_entry_point_runs() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "oneonone", "--version"], capture_output=True, text=True
    )
    assert done.returncode == 0 and done.stdout.startswith("oneonone ")


def test_where_follows_db_env_and_default(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    main(["where"])
    default = capsys.readouterr().out
    assert str(Path(os.environ["XDG_DATA_HOME"]) / "oneonone" / "oneonone.json") in default
    monkeypatch.setenv("ONEONONE_DB", str(tmp_path / "env.json"))
    main(["where"])
    assert str(tmp_path / "env.json") in capsys.readouterr().out
    main(["--db", str(tmp_path / "flag.json"), "where"])
    assert str(tmp_path / "flag.json") in capsys.readouterr().out
    main(["where", "--db", str(tmp_path / "after.json")])  # after the command, as elsewhere
    lines = capsys.readouterr().out.splitlines()
    assert lines[0] == f"data file: {tmp_path / 'after.json'}"
    config = Path(os.environ["XDG_CONFIG_HOME"]) / "oneonone"
    assert f"config:    {config / 'config.toml'}" in lines
    assert f"scripts:   {config / 'scripts'}" in lines


@pytest.mark.parametrize(
    "command",
    [
        "backup",
        "restore",
        "where",
        "agenda",
        "calendar",
        "export",
        "export agreement",
        "export sessions",
        "board",
        "export board",
        "numbers",
        "numbers import",
    ],
)
def test_each_commands_help_says_what_it_does_with_an_example(
    command: str, capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit):
        main([*command.split(), "--help"])
    out = capsys.readouterr().out
    text = " ".join(out.split())
    assert "Example" in text and "oneonone " + command in text
    assert len(out.split("\n\n")[1]) > 40  # a description, not only the usage line


def test_backup_and_restore(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    data = tmp_path / "team.json"
    make_file(data, "Ann")
    assert main(["backup", "--db", str(data)]) == 0
    assert "Backed up" in capsys.readouterr().out
    make_file(data, "Bo")  # a later change
    assert names_in(data) == ["Ann", "Bo"]
    assert main(["--db", str(data), "restore"]) == 0  # the newest backup: before the change
    out = capsys.readouterr().out
    assert "Restored" in out and "kept as" in out
    assert names_in(data) == ["Ann"]
    kept = [p for p in (tmp_path / "backups").iterdir() if "before-restore" in p.name]
    assert len(kept) == 1
    assert main(["restore", str(kept[0]), "--db", str(data)]) == 0  # undo the restore
    assert names_in(data) == ["Ann", "Bo"]


def test_restore_refuses_while_the_app_holds_the_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = tmp_path / "team.json"
    make_file(data, "Ann")
    main(["backup", "--db", str(data)])
    with Store.open(data):
        assert main(["restore", "--db", str(data)]) == 1
    assert "in use by another copy" in capsys.readouterr().err


def test_restore_refuses_an_unreadable_backup(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = tmp_path / "team.json"
    make_file(data, "Ann")
    before = data.read_bytes()
    broken = tmp_path / "broken.json"
    broken.write_text('{"reps": {"1": ')
    assert main(["restore", str(broken), "--db", str(data)]) == 1
    assert "not valid JSON" in capsys.readouterr().err
    assert data.read_bytes() == before


def test_app_refuses_a_damaged_file_and_names_the_backup(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = tmp_path / "team.json"
    make_file(data, "Ann")
    main(["backup", "--db", str(data)])
    capsys.readouterr()
    data.write_bytes(data.read_bytes()[:40])  # truncated
    damaged = data.read_bytes()
    assert main(["--db", str(data)]) == 1
    err = capsys.readouterr().err
    assert str(data) in err and "backups" in err and "oneonone restore" in err
    assert data.read_bytes() == damaged


def test_empty_file_is_not_overwritten(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    data = tmp_path / "team.json"
    data.write_bytes(b"")
    assert main(["--db", str(data)]) == 1
    assert "empty" in capsys.readouterr().err
    assert data.read_bytes() == b""


def test_newer_schema_is_refused(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    data = tmp_path / "team.json"
    data.write_text(json.dumps({"meta": {"1": {"schema_version": 99}}}))
    assert main(["--db", str(data)]) == 1
    assert "newer oneonone" in capsys.readouterr().err


def test_bad_demo_arguments_are_usage_errors(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as done:
        main(["--demo", "--reps", "0"])
    assert done.value.code == 2
    assert "between 1 and 10000" in capsys.readouterr().err


def test_plain_starts_open_the_app_without_the_full_parser(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import oneonone.cli as cli

    opened: list[Path] = []
    monkeypatch.setattr(cli, "run_app", lambda path, **_: opened.append(path) or 0)
    monkeypatch.setattr(cli, "build_parser", lambda: pytest.fail("the full parser was built"))
    monkeypatch.setenv("ONEONONE_DB", str(tmp_path / "env.json"))
    for argv in (["--db", str(tmp_path / "a.json")], [f"--db={tmp_path / 'b.json'}"], []):
        assert main(argv) == 0
    assert opened == [tmp_path / "a.json", tmp_path / "b.json", tmp_path / "env.json"]


def test_the_app_starts_with_the_collector_off_until_its_first_frame(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import gc

    import oneonone.app
    from oneonone.cli import run_app
    from oneonone.perf.collector import OLD_GENERATION_THRESHOLD
    from oneonone.perf.watchers import Housekeeper

    seen: list[bool] = []
    resume_gc = oneonone.app.OneOnOneApp.resume_gc  # what the app does once it has painted
    thresholds = gc.get_threshold()

    class FirstFrame:
        return_code = 0

        def __init__(self, store: Store, demo: bool = False, **_: object) -> None:
            seen.append(gc.isenabled())

        heap_frozen = False
        housekeeper = Housekeeper()

        def run(self) -> None:
            resume_gc(self)  # type: ignore[arg-type]
            seen.append(gc.isenabled())
            seen.append(self.heap_frozen)

    monkeypatch.setattr(oneonone.app, "OneOnOneApp", FirstFrame)
    try:
        assert run_app(tmp_path / "d.json") == 0
        assert seen == [False, True, True] and gc.isenabled() and gc.get_freeze_count() > 0
        # full collections are left to the pauses of the user (oneonone/perf/collector.py)
        assert gc.get_threshold()[2] == OLD_GENERATION_THRESHOLD
        assert FirstFrame.housekeeper.collect
    finally:
        gc.unfreeze()
        gc.enable()
        gc.set_threshold(*thresholds)


def test_restore_says_where_what_the_command_line_left_for_the_app_went(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from oneonone.core import codec
    from oneonone.core.model import Rep
    from oneonone.core.store import inbox

    data = tmp_path / "team.json"
    make_file(data, "Ann")
    assert main(["backup", "--db", str(data)]) == 0
    stale = Rep(name="Stale", start_date=pendulum.date(2025, 1, 6))
    inbox.append(data, "reps", codec.encode(stale))  # for an app that died before taking it
    capsys.readouterr()
    assert main(["--db", str(data), "restore"]) == 0
    out = " ".join(capsys.readouterr().out.split())
    assert "was not added to this one; it is kept as" in out and "inbox-before-restore" in out
    assert names_in(data) == ["Ann"]

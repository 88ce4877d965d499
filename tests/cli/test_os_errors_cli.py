"""A full disk or an I/O error under any command is one line on stderr naming the file and
what to do, and exit 1: never a traceback. The faults are injected where the store writes
(``files.write_all``) and reads (``tables.open``)."""

from __future__ import annotations

import errno
import hashlib
from pathlib import Path
from typing import Any

import pendulum
import pytest

from oneonone.cli import main
from oneonone.core.model import Agreement, Rep, TeamSettings
from oneonone.core.store import Store, files, tables

ADVICE = {
    errno.ENOSPC: ("the disk is full", "Free some space"),
    errno.EIO: ("Input/output error", "The disk may be failing"),
}
COMMANDS = {
    "backup": (["backup"], "write"),
    "restore": (["restore"], "write"),
    "export sessions --out": (["export", "sessions", "--out", "{out}/s"], "write"),
    "export agreement --out": (["export", "agreement", "Kim", "--out", "{out}/a.md"], "write"),
    "calendar --out": (["calendar", "--out", "{out}/c.ics"], "write"),
    "agenda": (["agenda"], "read"),
    "export sessions": (["export", "sessions"], "read"),
    "backup (reading)": (["backup"], "read"),
    "restore (reading)": (["restore"], "read"),
}


@pytest.fixture
def team(tmp_path: Path) -> Path:
    path = tmp_path / "team" / "oneonone.json"
    kim = Rep(name="Kim Lee", start_date=pendulum.Date(2024, 1, 8))
    with Store.open(path) as store:
        store.put_many([TeamSettings(manager_name="Dana", timezone="UTC"), kim, Agreement(kim.id)])
    assert main(["backup", "--db", str(path)]) == 0  # something for `restore` to restore
    return path


def failing(code: int) -> Any:
    def fail(*args: object, **kwargs: object) -> Any:
        raise OSError(code, __import__("os").strerror(code))

    return fail


@pytest.mark.parametrize("code", list(ADVICE))
@pytest.mark.parametrize("command", list(COMMANDS))
def test_a_full_disk_or_an_io_error_is_one_line(
    team: Path,
    tmp_path: Path,
    command: str,
    code: int,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    argv, where = COMMANDS[command]
    argv = [a.replace("{out}", str(tmp_path / "out")) for a in argv]
    before = hashlib.sha256(team.read_bytes()).hexdigest()
    capsys.readouterr()
    if where == "write":
        monkeypatch.setattr(files, "write_all", failing(code))
    else:
        monkeypatch.setattr(tables, "open", failing(code), raising=False)
        monkeypatch.setattr(Path, "read_bytes", failing(code))
    result = main([*argv, "--db", str(team)])
    monkeypatch.undo()
    out, err = capsys.readouterr()
    assert result == 1, (out, err)
    assert "Traceback" not in err and err.startswith("oneonone: ") and err.count("\n") == 1, err
    reason, advice = ADVICE[code]
    assert reason in err or advice in err, err
    assert str(team.parent) in err or str(tmp_path / "out") in err, err  # names the file
    assert hashlib.sha256(team.read_bytes()).hexdigest() == before

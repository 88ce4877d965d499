"""The app in a real pseudo-terminal: the window closed (SIGHUP), the process terminated
(SIGTERM) or killed (SIGKILL) in the middle of typing notes. Nothing typed is lost, except at
most the last ~2 seconds when killed outright."""

from __future__ import annotations

import fcntl
import json
import os
import pty
import signal
import struct
import sys
import termios
import threading
import time
from pathlib import Path

import pendulum
import pytest

from oneonone.core.model import Rep, Session, TeamSettings
from oneonone.core.store import Store, journal
from oneonone.core.store.tables import Tables

pytestmark = pytest.mark.slow


def sessions_on_disk(path: Path) -> list[dict[str, object]]:
    """The open sessions as any copy of oneonone reads them: the data file, then its journal
    (the notes typed last, see core/store/journal.py)."""
    try:
        data = json.loads(path.read_text())
    except (OSError, ValueError):
        return []
    found = journal.read(path)
    if found is not None and found.base == journal.signature(path):
        journal.apply(found, Tables(data))
    return list(data.get("sessions", {}).values())


def in_file_alone(path: Path) -> str:
    """The first step's notes in the data file itself, journal left out."""
    found = list(json.loads(path.read_text()).get("sessions", {}).values())
    return str(found[0]["steps"][0]["notes"]) if found else ""


def first_notes(path: Path) -> str:
    found = sessions_on_disk(path)
    return str(found[0]["steps"][0]["notes"]) if found else ""  # type: ignore[index]


def wait_for(check, seconds: float = 20.0) -> None:  # type: ignore[no-untyped-def]
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        if check():
            return
        time.sleep(0.05)
    raise AssertionError("timed out")


class Terminal:
    def __init__(self, db: Path) -> None:
        pid, fd = pty.fork()
        if pid == 0:  # the child: the app, in the pseudo-terminal
            os.environ["TERM"] = "xterm-256color"
            os.execv(sys.executable, [sys.executable, "-m", "oneonone", "--db", str(db)])
        self.pid, self.fd = pid, fd
        fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", 40, 120, 0, 0))
        self.output = bytearray()
        threading.Thread(target=self._drain, daemon=True).start()

    def _drain(self) -> None:
        while True:
            try:
                chunk = os.read(self.fd, 65536)
            except OSError:
                return
            if not chunk:
                return
            self.output += chunk

    def type(self, text: str, pause: float = 0.02) -> None:
        for ch in text:
            os.write(self.fd, ch.encode())
            time.sleep(pause)

    def stop(self, sig: int, *, close_first: bool = False) -> int:
        """Send ``sig``; with ``close_first``, close the terminal's side first (a window closed:
        the app's writes to it fail from then on)."""
        if close_first:
            os.close(self.fd)
        os.kill(self.pid, sig)
        end = time.monotonic() + 15
        while time.monotonic() < end:
            done, status = os.waitpid(self.pid, os.WNOHANG)
            if done:
                if not close_first:
                    os.close(self.fd)
                return status
            time.sleep(0.05)
        os.kill(self.pid, signal.SIGKILL)
        raise AssertionError("the app did not exit")


def team(tmp_path: Path) -> Path:
    db = tmp_path / "team.json"
    with Store.open(db) as store:
        store.put_many(
            [
                TeamSettings(manager_name="Dana", timezone="UTC"),
                Rep(name="Sam", start_date=pendulum.date(2025, 1, 6)),
            ]
        )
    return db


def start_session(db: Path) -> Terminal:
    term = Terminal(db)
    wait_for(lambda: b"Sam" in term.output)
    time.sleep(0.5)
    term.type("r")  # home -> roster
    time.sleep(0.5)
    term.type("n")  # start a one-on-one
    time.sleep(0.7)
    term.type("\r")  # the suggested kind
    wait_for(lambda: len(sessions_on_disk(db)) == 1)
    time.sleep(0.7)
    return term


@pytest.mark.parametrize("sig", [signal.SIGHUP, signal.SIGTERM])
def test_closing_the_terminal_or_terminating_saves_everything(tmp_path: Path, sig: int) -> None:
    db = team(tmp_path)
    term = start_session(db)
    term.type("typed right before the end")
    # the keys reached the app (it drew them); no autosave interval has to pass
    wait_for(lambda: b"typed right before the end" in term.output, seconds=10)
    term.stop(sig)
    assert first_notes(db) == "typed right before the end"
    with Store.open(db):  # the lock was released
        pass


def test_a_window_closed_under_the_app_ends_it_saved_and_unlocked(tmp_path: Path) -> None:
    db = team(tmp_path)
    term = start_session(db)
    term.type("typed before the window closed")
    wait_for(lambda: b"typed before the window closed" in term.output, seconds=10)
    term.stop(signal.SIGHUP, close_first=True)  # within 15 s, never hanging on the terminal
    assert first_notes(db) == "typed before the window closed"
    with Store.open(db):  # the lock was released
        pass


def test_killed_outright_loses_at_most_the_last_seconds(tmp_path: Path) -> None:
    db = team(tmp_path)
    term = start_session(db)
    term.type("first part")
    wait_for(lambda: first_notes(db) == "first part", seconds=5)  # autosaved within ~1 s
    term.type(" and more")
    term.stop(signal.SIGKILL)
    assert first_notes(db).startswith("first part")
    assert in_file_alone(db) == ""  # the typing was saved in the journal, not the file
    with Store.open(db) as store:  # the file is whole and the lock is free
        assert len(store.all(Rep)) == 1
        assert store.all(Session)[0].steps[0].notes.startswith("first part")
    assert in_file_alone(db).startswith("first part")  # written into the file on close
    assert not journal.journal_path(db).exists()


def test_a_shutdown_stuck_on_a_dead_terminal_still_ends_the_process(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Reproduced by hand: tmux kill-session 1-2 s after starting on a 25,000-session file
    left 4 processes of 6 hanging in Textual's shutdown, holding the file's lock. After the
    emergency save, a watchdog ends the process; here it is called directly."""
    from oneonone.app import OneOnOneApp

    exits: list[int] = []
    monkeypatch.setattr(os, "_exit", exits.append)
    with Store.open(team(tmp_path)) as store:
        app = OneOnOneApp(store)
        app.services.signals.grace_seconds = 0.01
        app.services.signals._exit_if_stuck()
    assert exits == [0]

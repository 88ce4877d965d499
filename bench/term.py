"""What the terminal benchmarks share: programs in a private tmux server, their screens, and
their CPU time and memory read from ``/proc``.

Each program runs as the pane's own process (``exec``), so the pane's pid is the program's.
"""

from __future__ import annotations

import os
import re
import shlex
import subprocess
import time
from pathlib import Path

from data import private_env

REPO = Path(__file__).resolve().parents[1]
POLL_SECONDS = 0.01
TICKS_PER_SECOND = os.sysconf("SC_CLK_TCK")


class MarkerMissing(Exception):
    def __init__(self, case: str, reason: str, screen: str) -> None:
        self.case, self.reason, self.screen = case, reason, screen
        super().__init__(f"{case}: {reason}")


class Tmux:
    """Sessions on our own socket; a keeper session holds the server up between runs."""

    def __init__(self, socket: str, cols: int = 120, rows: int = 40) -> None:
        self.socket, self.cols, self.rows = socket, cols, rows
        self.prefix = f"bench-{os.getpid()}"
        self.keeper = f"{self.prefix}-keeper"
        self.count = 0

    def tmux(self, *args: str, check: bool = True) -> str:
        done = subprocess.run(
            ["tmux", "-L", self.socket, *args], capture_output=True, text=True, check=False
        )
        if check and done.returncode != 0:
            raise RuntimeError(f"tmux {' '.join(args)}: {done.stderr.strip()}")
        return done.stdout

    def __enter__(self) -> Tmux:
        self.tmux("new-session", "-d", "-s", self.keeper, *self.size(), "sleep 86400")
        # keep a pane whose program exited, so that its last screen can be shown; set for the
        # whole (private) server, so that a program that dies at once is kept too
        self.tmux("set-option", "-wg", "remain-on-exit", "on")
        return self

    def __exit__(self, *exc: object) -> None:
        self.tmux("kill-session", "-t", self.keeper, check=False)

    def size(self) -> list[str]:
        return ["-x", str(self.cols), "-y", str(self.rows)]

    def start(self, argv: list[str], env: dict[str, str]) -> str:
        self.count += 1
        name = f"{self.prefix}-{self.count}"
        flags = [f"-e{k}={v}" for k, v in env.items()]
        command = "exec " + shlex.join(argv)
        self.tmux("new-session", "-d", "-s", name, *self.size(), *flags, command)
        return name

    def screen(self, name: str, *, history: bool = False) -> str | None:
        """The visible screen; with ``history`` also what scrolled off (a dead pane's output
        is pushed up by tmux's "Pane is dead" line)."""
        more = ["-S", "-"] if history else []
        done = subprocess.run(
            ["tmux", "-L", self.socket, "capture-pane", "-p", *more, "-t", name],
            capture_output=True,
            text=True,
            check=False,
        )
        return done.stdout if done.returncode == 0 else None

    def pane(self, name: str, what: str) -> str:
        return self.tmux("display-message", "-p", "-t", name, f"#{{{what}}}", check=False).strip()

    def pid(self, name: str) -> int:
        text = self.pane(name, "pane_pid")
        if not text.isdigit():
            raise RuntimeError(f"no pid for tmux session {name}")
        return int(text)

    def keys(self, name: str, *keys: str, literal: bool = False) -> None:
        self.tmux("send-keys", "-t", name, *(["-l"] if literal else []), *keys)

    def wait_for(
        self, name: str, marker: re.Pattern[str], *, case: str, timeout: float, since: float
    ) -> float:
        """Poll the screen until ``marker`` is on it; return the seconds since ``since``
        (a ``time.perf_counter`` reading). Raises ``MarkerMissing`` with the last screen."""
        polls = 0
        while True:
            screen = self.screen(name)
            elapsed = time.perf_counter() - since
            if screen is not None and marker.search(screen):
                return elapsed
            polls += 1
            if screen is None or (polls % 10 == 0 and self.pane(name, "pane_dead") == "1"):
                last = self.screen(name, history=True) or screen or ""
                raise MarkerMissing(case, "the program exited before the marker appeared", last)
            if elapsed > timeout:
                raise MarkerMissing(
                    case, f"marker {marker.pattern!r} not seen in {timeout:g} s", screen
                )
            time.sleep(POLL_SECONDS)

    def kill(self, name: str) -> None:
        self.tmux("kill-session", "-t", name, check=False)


def terminal_env(home: Path) -> dict[str, str]:
    env = {"TERM": "xterm-256color", "COLORTERM": "truecolor", **private_env(home)}
    if os.environ.get("PYTHONPATH"):  # a checkout run without an install
        env["PYTHONPATH"] = os.environ["PYTHONPATH"]
    return env


def wait_gone(pid: int, timeout: float = 5.0) -> None:
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        try:
            os.kill(pid, 0)
        except (ProcessLookupError, PermissionError):
            return
        time.sleep(0.01)


# --- /proc -----------------------------------------------------------------------------------


def cpu_seconds(pid: int) -> float:
    """User + system CPU time of the process (all its threads), from ``/proc/<pid>/stat``."""
    text = Path(f"/proc/{pid}/stat").read_text()
    fields = text[text.rindex(")") + 2 :].split()  # after "pid (comm) "; comm may hold spaces
    utime, stime = int(fields[11]), int(fields[12])  # fields 14 and 15 of stat(5)
    return (utime + stime) / TICKS_PER_SECOND


def status_kb(pid: int, key: str) -> int:
    """A ``kB`` figure of ``/proc/<pid>/status``, e.g. ``VmHWM`` (peak resident memory)."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith(key + ":"):
            return int(line.split()[1])
    raise KeyError(key)


def wait_idle(pid: int, *, window: float = 1.0, busy: float = 0.03, timeout: float = 60.0) -> float:
    """Wait until the process used at most ``busy`` CPU seconds over the last ``window``
    seconds; return the seconds waited. Raises TimeoutError."""
    began = time.perf_counter()
    samples = [(began, cpu_seconds(pid))]
    step = window / 5
    while True:
        time.sleep(step)
        now = time.perf_counter()
        samples.append((now, cpu_seconds(pid)))
        old = [s for s in samples if now - s[0] >= window - 1e-3]
        if old and samples[-1][1] - old[-1][1] <= busy:
            return now - began
        if now - began > timeout:
            raise TimeoutError(f"process {pid} still busy after {timeout:g} s")

"""A real terminal for tests: the app in a pseudo-terminal, the screen read through a terminal
emulator (``pyte``), as a person sees it.

Pilot tests check the app's state; these check what the terminal shows: whether the screen was
repainted, which footer is drawn, and where typed text landed.
"""

from __future__ import annotations

import os
import re
import threading
import time
from collections.abc import Callable, Sequence
from pathlib import Path

import pexpect
import pyte

#: Keys by the names Textual gives them, as a terminal (xterm) sends them.
KEYS: dict[str, str] = {
    "enter": "\r",
    "tab": "\t",
    "shift+tab": "\x1b[Z",
    "escape": "\x1b",
    "backspace": "\x7f",
    "delete": "\x1b[3~",
    "space": " ",
    "up": "\x1b[A",
    "down": "\x1b[B",
    "right": "\x1b[C",
    "left": "\x1b[D",
    "home": "\x1b[H",
    "end": "\x1b[F",
    "pageup": "\x1b[5~",
    "pagedown": "\x1b[6~",
    "f1": "\x1bOP",
    "f2": "\x1bOQ",
    "f3": "\x1bOR",
    "f4": "\x1bOS",
    "f5": "\x1b[15~",
    "f6": "\x1b[17~",
    "f7": "\x1b[18~",
    "f8": "\x1b[19~",
    "f9": "\x1b[20~",
    "f10": "\x1b[21~",
}
for _letter in "abcdefghijklmnopqrstuvwxyz":
    KEYS[f"ctrl+{_letter}"] = chr(ord(_letter) - ord("a") + 1)
# ctrl+h and ctrl+i, ctrl+m are backspace, tab and enter on a terminal: named by those.
del KEYS["ctrl+h"], KEYS["ctrl+i"], KEYS["ctrl+m"]

#: After a lone escape, Textual waits this long for the rest of a sequence before it takes
#: the key as escape; keys sent sooner would be read as alt+key.
ESCAPE_PAUSE = 0.25


def encode(key: str) -> str:
    """The bytes a terminal sends for ``key`` (a Textual key name, or one character)."""
    if key in KEYS:
        return KEYS[key]
    if len(key) == 1:
        return key
    raise ValueError(f"no terminal sequence for key {key!r}")


class TerminalTimeout(AssertionError):
    """What was awaited did not appear; the message holds the screen as it was."""


class Terminal:
    """One program in a pseudo-terminal of ``cols`` × ``rows``, read through ``pyte``."""

    def __init__(
        self,
        argv: Sequence[str],
        *,
        env: dict[str, str],
        cols: int = 120,
        rows: int = 40,
        cwd: Path | None = None,
    ) -> None:
        self.cols, self.rows = cols, rows
        self.screen = pyte.Screen(cols, rows)
        self.stream = pyte.ByteStream(self.screen)
        self._lock = threading.Lock()
        self._last_output = time.monotonic()
        self._bytes = 0
        self.child = pexpect.spawn(
            argv[0],
            list(argv[1:]),
            env=env,
            dimensions=(rows, cols),
            cwd=str(cwd) if cwd else None,
            echo=False,
        )
        self._stop = threading.Event()
        self._ended = threading.Event()  # the reader saw the end of the output
        self._reader = threading.Thread(target=self._read, name="terminal-reader", daemon=True)
        self._reader.start()

    # -- reading ---------------------------------------------------------------------------------

    def _read(self) -> None:
        while not self._stop.is_set():
            try:
                data = self.child.read_nonblocking(65536, timeout=0.05)
            except pexpect.TIMEOUT:
                continue
            except (pexpect.EOF, OSError, ValueError):
                self._ended.set()
                return
            with self._lock:
                self.stream.feed(data)
                self._bytes += len(data)
                self._last_output = time.monotonic()

    @property
    def lines(self) -> list[str]:
        """The screen, one string a row, as a person sees it."""
        with self._lock:
            return [line.rstrip() for line in self.screen.display]

    @property
    def text(self) -> str:
        """The whole screen as one string."""
        return "\n".join(self.lines)

    @property
    def footer(self) -> str:
        """The bottom row: the keys the footer shows."""
        return self.lines[-1]

    @property
    def header(self) -> str:
        """The top row: the app's header with the screen's title."""
        return self.lines[0]

    def cursor_cells(self) -> list[tuple[int, int]]:
        """Where a cursor is drawn: cells in reverse video (Textual draws its own cursor)."""
        with self._lock:
            found = []
            for y in range(self.rows):
                row = self.screen.buffer[y]
                for x in range(self.cols):
                    if row[x].reverse:
                        found.append((y, x))
            return found

    # -- writing ---------------------------------------------------------------------------------

    def press(self, *keys: str, pause: float = 0.05) -> None:
        """Press ``keys`` one after another, as a person would (a short pause between)."""
        for key in keys:
            self.child.send(encode(key))
            time.sleep(ESCAPE_PAUSE if key == "escape" else pause)

    def burst(self, *keys: str) -> None:
        """Send ``keys`` in one write, as a paste tool, a text expander or a fast typist does.
        A lone escape cannot be part of a burst (it would start a sequence)."""
        self.child.send("".join(encode(k) for k in keys))

    def type(self, text: str, pause: float = 0.0) -> None:
        """Type ``text``: in one write when ``pause`` is 0, else a character at a time."""
        if pause <= 0:
            self.child.send(text)
            return
        for ch in text:
            self.child.send(ch)
            time.sleep(pause)

    # -- waiting ---------------------------------------------------------------------------------

    def wait(
        self,
        check: Callable[[Terminal], object] | str,
        timeout: float = 10.0,
        what: str | None = None,
    ) -> None:
        """Wait until ``check(self)`` is truthy (or, for a string, a regex matches the screen)."""
        if isinstance(check, str):
            pattern = re.compile(check)
            what = what or f"/{check}/ on screen"

            def check(term: Terminal) -> object:
                return pattern.search(term.text)

        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if check(self):
                return
            if self._ended.is_set():  # the program ended: nothing more will be drawn
                break
            time.sleep(0.02)
        if check(self):
            return
        raise TerminalTimeout(f"timed out waiting for {what or 'condition'}:\n{self.text}")

    def settle(self, quiet: float = 0.3, timeout: float = 10.0) -> None:
        """Wait until nothing has been drawn for ``quiet`` seconds."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            with self._lock:
                idle = time.monotonic() - self._last_output
            if idle >= quiet:
                return
            time.sleep(0.02)

    def wait_exit(self, timeout: float = 10.0) -> int | None:
        """Wait for the program to end; its exit status."""
        if not self._ended.wait(timeout):
            raise TerminalTimeout(f"the program did not exit:\n{self.text}")
        self._reader.join(timeout=2)  # only then is the child looked at from this thread
        self.child.close()
        return self.child.exitstatus

    def close(self) -> None:
        """End the program (it gets SIGHUP and SIGTERM, as when a terminal is closed)."""
        self._stop.set()  # the reader is done before the child is reaped (pexpect is not
        self._reader.join(timeout=2)  # thread-safe: both would wait for the same process)
        if self.child.isalive():
            self.child.terminate(force=True)
        self.child.close(force=True)


def environment(home: Path) -> dict[str, str]:
    """A private environment: the test's HOME and XDG folders, a known terminal and locale."""
    keep = {k: v for k, v in os.environ.items() if k in ("PATH", "PYTHONPATH", "VIRTUAL_ENV")}
    return {
        **keep,
        "HOME": str(home),
        "XDG_DATA_HOME": str(home / ".local" / "share"),
        "XDG_CONFIG_HOME": str(home / ".config"),
        "XDG_STATE_HOME": str(home / ".local" / "state"),
        "TERM": "xterm-256color",
        "COLORTERM": "truecolor",
        "LANG": "C.UTF-8",
        "LC_ALL": "C.UTF-8",
        "TZ": "Europe/Paris",
        "PYTHONDONTWRITEBYTECODE": "1",
    }

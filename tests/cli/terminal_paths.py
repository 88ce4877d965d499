"""Every way the command line writes user text to a terminal, run in-process with standard
output and standard error captured as bytes, as a terminal or a pipe would receive them.

Shared by tests/cli/test_terminal_safe_cli.py (a few hypothesis examples in CI) and
bench/terminal_safety.py (a large corpus by hand, and the same corpus against another tree).
"""

from __future__ import annotations

import io
import os
import sys
import traceback
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import pendulum

from oneonone.cli import main
from oneonone.core.model import Commitment, Owner, Session, SessionKind, StepNote
from oneonone.core.onboarding import default_template, generate_plan
from oneonone.core.store import Store
from tests.core.cadence_support import D, agreed, frozen, rep, settings

NOW = pendulum.datetime(2026, 3, 10, 8, 0, tz="America/New_York")
BIDI = {chr(c) for c in [*range(0x202A, 0x202F), *range(0x2066, 0x206A)]}


class Stream(io.TextIOWrapper):
    """A UTF-8 standard stream over bytes that says whether it is a terminal."""

    def __init__(self, *, tty: bool, errors: str) -> None:
        super().__init__(io.BytesIO(), encoding="utf-8", errors=errors, write_through=True)
        self.tty = tty

    def isatty(self) -> bool:
        return self.tty

    def data(self) -> bytes:
        self.flush()
        raw = self.buffer
        assert isinstance(raw, io.BytesIO)
        return raw.getvalue()


@dataclass
class Result:
    """What a command left on the terminal: exit code, the bytes, a traceback if it broke."""

    code: int
    out: bytes
    err: bytes
    crash: str | None


@contextmanager
def _env(**values: str | None) -> Iterator[None]:
    old = {k: os.environ.get(k) for k in values}
    try:
        for k, v in values.items():
            if v is None:
                os.environ.pop(k, None)
            else:
                os.environ[k] = v
        yield
    finally:
        for k, v in old.items():
            if v is None:
                os.environ.pop(k, None)
            else:
                os.environ[k] = v


def run(argv: list[str], *, tty: bool = False) -> Result:
    """``oneonone ARGV`` in this process. Standard output is strict UTF-8 and standard error
    backslash-escapes what UTF-8 cannot hold, as Python's own are; ``tty``: both say they are
    a terminal (Rich then draws the agenda as a table, without colours: TERM=dumb)."""
    out, err = Stream(tty=tty, errors="strict"), Stream(tty=tty, errors="backslashreplace")
    saved = sys.stdout, sys.stderr
    crash = None
    code = 0
    sys.stdout, sys.stderr = out, err
    try:
        with _env(TERM="dumb" if tty else None, FORCE_COLOR=None, COLUMNS="120"):
            code = main(argv)
    except SystemExit as exc:
        code = exc.code if isinstance(exc.code, int) else 1
    except Exception:
        crash = traceback.format_exc()
        code = -1
    finally:
        sys.stdout, sys.stderr = saved
    return Result(code, out.data(), err.data(), crash)


def obeyed(data: bytes) -> list[str]:
    """What in ``data`` a terminal would obey rather than show: bytes below 0x20 other than
    line feed and tab, DEL, C1 controls, bidi overrides and isolates, or bytes that are not
    UTF-8 (a lone surrogate that got through). An .ics ends its lines in CR LF: a CR before a
    line feed only goes back to the start of a line that is ending anyway."""
    data = data.replace(b"\r\n", b"\n")
    found = [chr(b) for b in data if (b < 0x20 and b not in (0x0A, 0x09)) or b == 0x7F]
    text = data.decode("utf-8", "surrogateescape")
    found += [c for c in text if 0x80 <= ord(c) <= 0x9F or c in BIDI or 0xD800 <= ord(c) < 0xE000]
    return found


def hostile_team(folder: Path, name: str) -> Path:
    """A data file with ``name`` everywhere a command prints user text: the manager, three
    reps (an agreement, a takeover still to talk through, a new hire's plan), a commitment,
    and a one-on-one's notes."""
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "team.json"
    team = settings(manager_name=name, takeover_date=D(2026, 3, 2))
    ann = rep("Ann", D(2024, 1, 15), rid="rep-ann-0001")
    ann.name = name
    bo = rep("Bo", D(2025, 6, 2), rid="rep-bo-00001")
    bo.name = name + "2"
    nia = rep("Nia", D(2026, 3, 9), rid="rep-nia-0001")
    nia.name = "3" + name
    log = Session(
        rep_id=ann.id,
        kind=SessionKind.REGULAR,
        started_at=pendulum.datetime(2026, 3, 2, 10, tz="UTC"),
        closed=True,
        notes=name,
        private_notes=name,
        steps=[StepNote(name, notes=name)],
    )
    with Store.open(path) as store:
        store.put_many(
            [
                team,
                ann,
                bo,
                nia,
                agreed(ann.id, D(2026, 3, 4), activity=[name], job_loss=name),
                agreed(bo.id, D(2025, 10, 1), inherited=True),
                Commitment(ann.id, Owner.REP, name, D(2026, 3, 6)),
                log,
                *generate_plan(nia, default_template(), team),
            ]
        )
    return path


def paths(folder: Path, db: Path) -> dict[str, tuple[list[str], bool]]:
    """Each command-line output path that shows user text: its name, argv and whether it runs
    on a terminal."""
    out = folder / "out"
    d = ["--db", str(db)]
    return {
        "agenda, pipe": (["agenda", *d], False),
        "agenda, terminal (Rich table)": (["agenda", *d], True),
        "no rep matches (export sessions)": (["export", "sessions", "--rep", "zzzq", *d], True),
        "no rep matches (export agreement)": (["export", "agreement", "zzzq", *d], True),
        "no agreement yet (export agreement)": (["export", "agreement", "rep-nia-0001", *d], True),
        "export sessions to stdout": (["export", "sessions", "--include-private", *d], True),
        "export sessions --rep to stdout": (
            ["export", "sessions", "--rep", "rep-ann-0001", *d],
            False,
        ),
        "export agreement to stdout": (["export", "agreement", "rep-ann-0001", *d], True),
        "calendar to stdout": (["calendar", *d], True),
        "export sessions --rep --out (message)": (
            [
                "export",
                "sessions",
                "--rep",
                "rep-ann-0001",
                "--out",
                str(out / "s.md"),
                "--force",
                *d,
            ],
            True,
        ),
        "export agreement --out (message)": (
            ["export", "agreement", "rep-ann-0001", "--out", str(out / "a.md"), "--force", *d],
            True,
        ),
        "calendar --out (message)": (
            ["calendar", "--out", str(out / "c.ics"), "--force", *d],
            True,
        ),
    }


def run_all(folder: Path, name: str) -> dict[str, Result]:
    """Every path of ``paths`` on a fresh team holding ``name``, at the cadence tests' now."""
    db = hostile_team(folder, name)
    with frozen(NOW):
        return {label: run(argv, tty=tty) for label, (argv, tty) in paths(folder, db).items()}

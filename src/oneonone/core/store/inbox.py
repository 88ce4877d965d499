"""The inbox: records another program adds while a copy of oneonone holds the data file.

Only one program writes the data file (the one-writer lock, ``records.OneWriter``). A command
that adds records (``oneonone note``, ``oneonone numbers import --apply``) while the app has
the file open cannot write it, so it appends them to ``<data file>.inbox`` instead, beside the
journal, and the copy that holds the file takes them in: when it next looks at the disk (every
two seconds, ``Store.check_disk``), at its next save, when it opens the file and when it closes
it. Nothing is lost in between: the inbox is only emptied once its records are saved in the
data file (or its journal).

**The file.** Private (0600), lines of JSON, one record a line: ``{"table": ..., "doc": ...}``
(the record as the data file stores it). Appending and taking hold ``<data file>.inbox.lock``
(a few milliseconds each), so a line is never cut in two by a take, nor a take lose a line
appended meanwhile. A line that cannot be read (cut short by a crash, a hand edit) is left out
and the inbox kept in ``backups/``, named in a notice.
"""

from __future__ import annotations

import contextlib
import json
import os
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from filelock import FileLock, Timeout

from oneonone.core.store import files

SUFFIX = ".inbox"
#: How long a take waits for a command appending (milliseconds of work): then it tries later.
TAKE_WAIT = 0.5
#: How long a command waits for the app taking the inbox in.
APPEND_WAIT = 5.0


def inbox_path(path: Path) -> Path:
    """The inbox beside the data file ``path``."""
    return path.with_name(path.name + SUFFIX)


def _lock(path: Path, timeout: float) -> FileLock:
    return FileLock(str(path.with_name(path.name + SUFFIX + ".lock")), timeout=timeout)


def waiting(path: Path) -> bool:
    """Whether records wait in the inbox (one ``stat``)."""
    try:
        return os.stat(inbox_path(path)).st_size > 0
    except OSError:
        return False


def append(path: Path, table: str, doc: dict[str, Any]) -> None:
    """Add the record ``doc`` of ``table`` to the inbox of the data file ``path``, on disk
    (fsynced) when this returns. Raises ``OSError`` (a full disk) or ``filelock.Timeout``."""
    append_many(path, [(table, doc)])


def append_many(path: Path, records: list[tuple[str, dict[str, Any]]]) -> None:
    """Add ``records`` (table, document) to the inbox of the data file ``path`` in one write,
    under one hold of its lock (a take sees all of them or none), on disk (fsynced) when this
    returns: ``oneonone numbers import --apply`` hands a report's numbers over at once.
    Raises ``OSError`` (a full disk) or ``filelock.Timeout``."""
    if not records:
        return
    lines = "".join(
        json.dumps({"table": table, "doc": doc}, ensure_ascii=False, allow_nan=False) + "\n"
        for table, doc in records
    )
    target = inbox_path(path)
    with _lock(path, APPEND_WAIT):
        fd = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_APPEND, files.FILE_MODE)
        try:
            files.write_all(fd, lines.encode("utf-8"))
            os.fsync(fd)
        finally:
            os.close(fd)
    files.fsync_folder(target.parent)


def set_aside(path: Path, reason: str) -> Path | None:
    """The inbox of ``path`` moved into ``backups/`` (``files.keep_aside``), under its lock so
    that no command appends meanwhile; where it went, or None when there was none."""
    with _lock(path, APPEND_WAIT):
        return files.keep_aside(inbox_path(path), path, reason)


@dataclass
class Taken:
    """What the inbox held: the sound records as (table, document), and what was wrong."""

    records: list[tuple[str, dict[str, Any]]] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)


@contextlib.contextmanager
def take(path: Path) -> Iterator[Taken | None]:
    """The inbox's records, held (no command appends meanwhile) while the block saves them;
    removed when the block ends without an error, kept otherwise. None when it is empty or a
    command holds it (then: next time). An inbox with a line that cannot be read is moved into
    ``backups/`` instead of being removed (its sound lines are in ``records``)."""
    if not waiting(path):
        yield None
        return
    lock = _lock(path, TAKE_WAIT)
    try:
        lock.acquire()
    except (Timeout, OSError):
        yield None
        return
    try:
        target = inbox_path(path)
        try:
            raw = target.read_bytes()
        except OSError:
            yield None
            return
        found = Taken()
        for number, line in enumerate(raw.splitlines(), 1):
            if not line.strip():
                continue
            try:
                entry = json.loads(line)
                table, doc = entry["table"], entry["doc"]
                if not isinstance(table, str) or not isinstance(doc, dict):
                    raise ValueError("not a record")
            except (ValueError, KeyError, TypeError) as exc:
                found.problems.append(f"line {number}: {exc}")
                continue
            found.records.append((table, doc))
        yield found
        if found.problems:
            kept = files.keep_aside(target, path, "inbox-damaged")
            found.problems.append(f"the inbox is kept as {kept}")
        else:
            target.unlink(missing_ok=True)
    finally:
        lock.release()


__all__ = [
    "SUFFIX",
    "Taken",
    "append",
    "append_many",
    "inbox_path",
    "set_aside",
    "take",
    "waiting",
]

"""Safe file primitives: private folders, atomic replace, validated reads, backups.

Every write goes to a temp file in the same folder (created 0600), is flushed and fsynced,
then ``os.replace``-d over the target, and the folder is fsynced. ``os`` functions are called
through the module so that tests can inject faults.
"""

from __future__ import annotations

import contextlib
import errno
import json
import os
import re
import stat
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any, Protocol

import pendulum

FOLDER_MODE = 0o700
FILE_MODE = 0o600
BACKUPS_KEPT = 10
TEMP_SUFFIX = ".tmp"


def temp_prefix(path: Path) -> str:
    """The start of the names of the temporary files written beside ``path``."""
    return f".{path.name}."


def ensure_private_folder(folder: Path) -> None:
    """Create ``folder`` (and parents) if missing; every folder we create is made 0700 (a
    parent made with the default mode would be 0777 under a zero umask)."""
    if folder.is_dir():
        return
    missing = []
    while not folder.exists() and folder != folder.parent:
        missing.append(folder)
        folder = folder.parent
    for made in reversed(missing):
        try:
            made.mkdir(mode=FOLDER_MODE)
        except FileExistsError:
            if not made.is_dir():
                raise
            continue  # made by someone else meanwhile: not ours to chmod
        os.chmod(made, FOLDER_MODE)  # mkdir's mode is filtered by the umask


def tighten_folder(folder: Path) -> str | None:
    """A data folder others can write to (0777, say: anyone could replace the data file or its
    lock) is made private (0700). Returns why it could not be, for the user; None when it is
    private or was made so. A shared folder with the sticky bit (/tmp) is not ours to change."""
    st = os.stat(folder)
    if not st.st_mode & 0o022:
        return None
    mode = oct(stat.S_IMODE(st.st_mode))[2:]
    why = None
    if st.st_mode & stat.S_ISVTX:
        why = "it is a shared folder (like /tmp)"
    elif st.st_uid != getattr(os, "getuid", lambda: st.st_uid)():
        why = "it belongs to another user"
    else:
        try:
            os.chmod(folder, FOLDER_MODE)
            return None
        except OSError as exc:
            why = describe_os_error(exc)
    return (
        f"The folder of your data file, {folder}, can be written by others (mode {mode}) and "
        f"was not made private ({why}): others could replace the file. Keep it in a private "
        "folder."
    )


def remove_stale_temps(path: Path) -> int:
    """Remove temp files a killed writer left beside ``path``. Returns how many."""
    removed = 0
    for stale in path.parent.glob(temp_prefix(path) + "*" + TEMP_SUFFIX):
        try:
            stale.unlink()
            removed += 1
        except FileNotFoundError:
            pass
    return removed


STALE_BACKUP_TEMP_AGE = 60.0  # seconds


def remove_stale_backup_temps(path: Path) -> int:
    """Remove temp files a killed backup left in ``backups/``. Only old ones: a backup may be
    in progress without the lock (``oneonone backup`` while the app runs). Returns how many."""
    backups = backups_folder(path)
    if not backups.is_dir():
        return 0
    removed = 0
    now = time.time()
    for stale in backups.glob(f".{path.stem}-*.json.*{TEMP_SUFFIX}"):
        name = stale.name[1:].rsplit(".", 2)[0]  # ".<backup name>.<random>.tmp"
        if not _is_backup_name(name, path):
            continue
        try:
            if now - stale.stat().st_mtime >= STALE_BACKUP_TEMP_AGE:
                stale.unlink()
                removed += 1
        except FileNotFoundError:
            pass
    return removed


def describe_os_error(exc: OSError) -> str:
    """What went wrong with a file, in words ("the disk is full")."""
    if exc.errno == errno.ENOSPC:
        return "the disk is full"
    if exc.errno in (errno.EACCES, errno.EPERM):
        return "permission denied"
    if exc.errno == errno.EROFS:
        return "the file system is read-only"
    if exc.errno == errno.EDQUOT:
        return "the disk quota is exceeded"
    return exc.strerror or str(exc)


class Copied(Protocol):
    """A piece of a payload that writes itself to the file being written (a table's text
    copied from the file it lies in: ``tables.Slice``), so that the file is never held whole
    to be written."""

    def write_to(self, fd: int) -> None:
        """Write the piece at ``fd``'s position. Raises ``OSError``."""
        ...


Payload = bytes | Sequence[bytes | memoryview | Copied]


def write_temp(path: Path, payload: Payload) -> str:
    """Write ``payload`` (bytes, or pieces written one after the other: no joined copy of a
    large file, and no long hold of the GIL) to a new private temp file beside ``path``
    (0600, fsynced) and return its name. Raises ``OSError``; on failure nothing is left."""
    fd, tmp_name = tempfile.mkstemp(dir=path.parent, prefix=temp_prefix(path), suffix=TEMP_SUFFIX)
    try:
        try:
            os.fchmod(fd, FILE_MODE)
            for piece in [payload] if isinstance(payload, bytes) else payload:
                if isinstance(piece, bytes | memoryview):
                    write_all(fd, piece)
                else:
                    piece.write_to(fd)
            os.fsync(fd)
        finally:
            os.close(fd)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp_name)
        raise
    return tmp_name


def write_all(fd: int, data: bytes | memoryview) -> None:
    """``os.write`` until all of ``data`` is written (a write may take only part)."""
    view = memoryview(data)
    while view:
        written = os.write(fd, view)
        view = view[written:]


def atomic_write_bytes(path: Path, payload: Payload) -> None:
    """Replace ``path`` with ``payload`` so that a crash leaves either the old or the new
    file, never a mix. Raises ``OSError``; on failure the original file is untouched and the
    temp file is removed."""
    tmp_name = write_temp(path, payload)
    try:
        os.replace(tmp_name, path)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp_name)
        raise
    fsync_folder(path.parent)


def fsync_folder(folder: Path) -> None:
    """Make a rename in ``folder`` durable (``fsync`` of the folder; skipped where it cannot be)."""
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass  # the rename already happened; some file systems refuse folder fsync
    finally:
        os.close(fd)


def dumps_text(data: Any) -> str:
    """``data`` as JSON text, ASCII only, as stock TinyDB reads it."""
    # ensure_ascii keeps any text (lone surrogates included) storable and readable by stock TinyDB.
    return json.dumps(data, ensure_ascii=True, allow_nan=False)


def dumps(data: Any) -> bytes:
    """``data`` as JSON bytes (``dumps_text`` encoded)."""
    return dumps_text(data).encode("ascii")


# --- backups --------------------------------------------------------------------------------


def backups_folder(path: Path) -> Path:
    """The folder the backups of ``path`` go to."""
    return path.parent / "backups"


STAMP_FORMAT = "YYYYMMDDTHHmmssSSSSSS"
_STAMP = re.compile(r"-(\d{8}T\d{12})Z-.+\.json")


def _is_backup_name(name: str, path: Path) -> bool:
    """``<stem>-<stamp>Z-<reason>.json``: "team-old-<stamp>..." is not a backup of team.json."""
    return name.startswith(path.stem) and bool(_STAMP.fullmatch(name[len(path.stem) :]))


def _stamp_of(backup: Path, path: Path) -> pendulum.DateTime:
    match = _STAMP.fullmatch(backup.name[len(path.stem) :])
    assert match is not None
    return pendulum.from_format(match.group(1), STAMP_FORMAT, tz="UTC")


def list_backups(backups: Path, path: Path) -> list[Path]:
    """Backups of ``path``, oldest first (names carry a sortable UTC timestamp)."""
    if not backups.is_dir():
        return []
    return sorted(p for p in backups.glob(f"{path.stem}-*.json") if _is_backup_name(p.name, path))


def newest_backup(backups: Path, path: Path) -> Path | None:
    """The newest backup of ``path`` in ``backups``, or None."""
    found = list_backups(backups, path)
    return found[-1] if found else None


def make_backup(
    path: Path, reason: str, keep: int = BACKUPS_KEPT, *, payload: bytes | None = None
) -> Path | None:
    """Copy ``path`` into ``backups/`` (0600), keep the newest ``keep``. None if no file.
    ``payload``: what to keep instead of the file's bytes (the file with its journal)."""
    if not path.exists():
        return None
    backups = backups_folder(path)
    ensure_private_folder(backups)
    os.chmod(backups, FOLDER_MODE)
    # Names sort in the order backups were made, so each stamp is later than the newest one's,
    # even if the clock did not move (coarse or frozen) or went back.
    moment = pendulum.now("UTC")
    existing = list_backups(backups, path)
    if existing:
        moment = max(moment, _stamp_of(existing[-1], path).add(microseconds=1))
    while True:
        stamp = moment.format(STAMP_FORMAT)
        if not any(backups.glob(f"{path.stem}-{stamp}Z-*.json")):
            break
        moment = moment.add(microseconds=1)
    target = backups / f"{path.stem}-{stamp}Z-{reason}.json"
    atomic_write_bytes(target, path.read_bytes() if payload is None else payload)
    for old in list_backups(backups, path)[:-keep]:
        old.unlink(missing_ok=True)
    return target


def keep_aside(src: Path, path: Path, reason: str) -> Path | None:
    """Move ``src``, a file beside the data file ``path`` (its journal), into ``backups/``,
    named after ``path`` with the time and ``reason`` (not a backup ``restore`` would pick);
    None if there is no such file."""
    if not src.exists():
        return None
    backups = backups_folder(path)
    ensure_private_folder(backups)
    stamp = pendulum.now("UTC").format(STAMP_FORMAT)
    target = backups / f"{path.stem}-{stamp}Z-{reason}{src.suffix}"
    n = 1
    while target.exists():
        n += 1
        target = backups / f"{path.stem}-{stamp}Z-{reason}-{n}{src.suffix}"
    os.replace(src, target)
    fsync_folder(backups)
    fsync_folder(src.parent)
    return target


# --- the one-writer lock on the file itself ------------------------------------------------

HAS_FLOCK = sys.platform != "win32"  # Windows: the lock file beside the data file only

FileKey = tuple[int, int]


def file_key(path: Path) -> FileKey | None:
    """(device, inode) of ``path`` (links followed); None if there is no such file."""
    try:
        st = os.stat(path)
    except OSError:
        return None
    return (st.st_dev, st.st_ino)


class InodeLocks:
    """Locks on the data file itself (``flock`` on its inode), whatever name it was opened by:
    a second copy opened through a hard link, or after the lock file beside the data file was
    deleted, finds the file held. The inode found at open is held until the end (other names
    of it, hard links, keep pointing there), and so is the newest one each save makes."""

    def __init__(self) -> None:
        self._held: dict[FileKey, int] = {}
        self._first: FileKey | None = None

    def take(self, path: Path) -> bool:
        """Hold the file now at ``path`` too (True), or False if another copy holds it.
        No file yet: True (there is nothing to hold)."""
        if not HAS_FLOCK:
            return True
        import fcntl

        try:
            fd = os.open(path, os.O_RDONLY | getattr(os, "O_CLOEXEC", 0))
        except FileNotFoundError:
            return True
        st = os.fstat(fd)
        key = (st.st_dev, st.st_ino)
        if key in self._held:
            os.close(fd)
            return True
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            os.close(fd)
            return False
        self._held[key] = fd
        if self._first is None:
            self._first = key
        return True

    def follow(self, path: Path) -> None:
        """After a save replaced the file: hold the new one, and let go of those in between
        (no name points to them any more), keeping the one found at open."""
        self.take(path)
        now = file_key(path)
        for key in [k for k in self._held if k not in (self._first, now)]:
            os.close(self._held.pop(key))

    def release(self) -> None:
        """Let go of every file held (the store closes)."""
        for fd in self._held.values():
            os.close(fd)
        self._held.clear()
        self._first = None


def copy_private(src: Path, dst: Path) -> None:
    """``src`` copied to ``dst``, written atomically and private to the user."""
    with src.open("rb") as f:
        payload = f.read()
    atomic_write_bytes(dst, payload)


__all__ = [
    "BACKUPS_KEPT",
    "atomic_write_bytes",
    "backups_folder",
    "copy_private",
    "describe_os_error",
    "dumps",
    "ensure_private_folder",
    "keep_aside",
    "list_backups",
    "make_backup",
    "newest_backup",
    "remove_stale_backup_temps",
    "remove_stale_temps",
    "write_all",
]

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
import tempfile
from pathlib import Path
from typing import Any

import pendulum

from oneonone.core.store.errors import UnreadableFile

FOLDER_MODE = 0o700
FILE_MODE = 0o600
BACKUPS_KEPT = 10
TEMP_SUFFIX = ".tmp"


def temp_prefix(path: Path) -> str:
    return f".{path.name}."


def ensure_private_folder(folder: Path) -> None:
    """Create ``folder`` (and parents) if missing; a folder we create is made 0700."""
    if folder.is_dir():
        return
    folder.mkdir(parents=True, mode=FOLDER_MODE, exist_ok=True)
    os.chmod(folder, FOLDER_MODE)  # mkdir's mode is filtered by the umask


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


def describe_os_error(exc: OSError) -> str:
    if exc.errno == errno.ENOSPC:
        return "the disk is full"
    if exc.errno in (errno.EACCES, errno.EPERM):
        return "permission denied"
    if exc.errno == errno.EROFS:
        return "the file system is read-only"
    if exc.errno == errno.EDQUOT:
        return "the disk quota is exceeded"
    return exc.strerror or str(exc)


def atomic_write_bytes(path: Path, payload: bytes) -> None:
    """Replace ``path`` with ``payload`` so that a crash leaves either the old or the new
    file, never a mix. Raises ``OSError``; on failure the original file is untouched and the
    temp file is removed."""
    fd, tmp_name = tempfile.mkstemp(dir=path.parent, prefix=temp_prefix(path), suffix=TEMP_SUFFIX)
    try:
        try:
            os.fchmod(fd, FILE_MODE)
            view = memoryview(payload)
            while view:
                written = os.write(fd, view)
                view = view[written:]
            os.fsync(fd)
        finally:
            os.close(fd)
        os.replace(tmp_name, path)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp_name)
        raise
    fsync_folder(path.parent)


def fsync_folder(folder: Path) -> None:
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


def dumps(data: Any) -> bytes:
    # ensure_ascii keeps any text (lone surrogates included) storable and readable by stock TinyDB.
    return json.dumps(data, ensure_ascii=True, allow_nan=False).encode("ascii")


def check_shape(data: Any) -> str | None:
    """Return what is wrong with a TinyDB document tree, or None if it is well shaped."""
    if not isinstance(data, dict):
        return f"it holds a JSON {type(data).__name__}, not a TinyDB database"
    for table, docs in data.items():
        if not isinstance(docs, dict):
            return f"table {table!r} is not an object"
        for doc_id, doc in docs.items():
            if not doc_id.isdigit():
                return f"table {table!r} has a document key {doc_id!r} that is not a number"
            if not isinstance(doc, dict):
                return f"document {doc_id} in table {table!r} is not an object"
    return None


def read_validated(path: Path, backups: Path) -> dict[str, Any]:
    """Read and check a data file; raise ``UnreadableFile`` naming the newest backup."""

    def refuse(problem: str) -> UnreadableFile:
        return UnreadableFile(path, problem, newest_backup(backups, path))

    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise refuse(f"it cannot be read ({describe_os_error(exc)})") from exc
    if not raw.strip():
        raise refuse("the file is empty" if not raw else "the file holds only blank space")
    try:
        data = json.loads(raw.decode("utf-8"))
    except UnicodeDecodeError as exc:
        raise refuse("it is not text (not UTF-8)") from exc
    except json.JSONDecodeError as exc:
        where = f"line {exc.lineno}, column {exc.colno}: {exc.msg}"
        raise refuse(f"it is not valid JSON ({where}); it may be truncated") from exc
    except RecursionError as exc:
        raise refuse("it is nested too deeply to be a oneonone file") from exc
    problem = check_shape(data)
    if problem:
        raise refuse(problem)
    assert isinstance(data, dict)
    return data


# --- backups --------------------------------------------------------------------------------


def backups_folder(path: Path) -> Path:
    return path.parent / "backups"


def list_backups(backups: Path, path: Path) -> list[Path]:
    """Backups of ``path``, oldest first (names carry a sortable UTC timestamp)."""
    if not backups.is_dir():
        return []
    return sorted(backups.glob(f"{path.stem}-*.json"))


def newest_backup(backups: Path, path: Path) -> Path | None:
    found = list_backups(backups, path)
    return found[-1] if found else None


def make_backup(path: Path, reason: str, keep: int = BACKUPS_KEPT) -> Path | None:
    """Copy ``path`` into ``backups/`` (0600), keep the newest ``keep``. None if no file."""
    if not path.exists():
        return None
    backups = backups_folder(path)
    ensure_private_folder(backups)
    os.chmod(backups, FOLDER_MODE)
    stamp = pendulum.now("UTC").format("YYYYMMDDTHHmmssSSSSSS")
    target = backups / f"{path.stem}-{stamp}Z-{reason}.json"
    n = 1
    while target.exists():
        n += 1
        target = backups / f"{path.stem}-{stamp}Z-{reason}-{n}.json"
    atomic_write_bytes(target, path.read_bytes())
    for old in list_backups(backups, path)[:-keep]:
        old.unlink(missing_ok=True)
    return target


def copy_private(src: Path, dst: Path) -> None:
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
    "list_backups",
    "make_backup",
    "newest_backup",
    "read_validated",
    "remove_stale_temps",
]

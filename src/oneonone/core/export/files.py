"""Writing an export to a file: a safe name, no clobbering, private, atomic.

An export holds what a manager and a rep agreed, so it is written like the data file: 0600,
to a temp file that is fsynced and then renamed over the target (a crash leaves the old file
or the new one, never half of one). An existing file is only replaced when asked (``force``).
"""

from __future__ import annotations

import contextlib
import os
import re
import unicodedata
from pathlib import Path

from oneonone.core.store import files

MAX_NAME = 80
MAX_NAME_BYTES = 200  # well under the usual 255-byte limit, leaving room for an extension

#: Names Windows reserves for devices, with or without an extension ("con.md" too).
WINDOWS_RESERVED = frozenset(
    ["CON", "PRN", "AUX", "NUL", "CONIN$", "CONOUT$", "CLOCK$"]
    + [f"{d}{n}" for d in ("COM", "LPT") for n in "123456789"]
)

_SEPARATORS = re.compile(r"[-\s]+")
_DOTS = re.compile(r"\.{2,}")
_KEEP_CATEGORIES = ("L", "N", "M")  # letters, digits, combining marks


class ExportError(Exception):
    """``str(error)`` is a complete sentence to show the user."""


def _clean(name: str) -> str:
    text = unicodedata.normalize("NFKC", name.encode("utf-8", "replace").decode("utf-8"))
    kept = "".join(
        c if c in "._" or unicodedata.category(c).startswith(_KEEP_CATEGORIES) else "-"
        for c in text
    )
    kept = _DOTS.sub(".", _SEPARATORS.sub("-", kept)).strip(".-_ ")
    while len(kept) > MAX_NAME or len(kept.encode("utf-8")) > MAX_NAME_BYTES:
        kept = kept[:-1].rstrip(".-_ ")
    if kept.split(".", 1)[0].upper() in WINDOWS_RESERVED:
        kept = kept + "_" if "." not in kept else kept.replace(".", "_.", 1)
    return kept


def safe_filename(name: str, fallback: str = "rep") -> str:
    """A file name (without extension) made from ``name``: letters and digits of any script,
    ``-``, ``_`` and single dots; anything else (separators, spaces, punctuation, control and
    format characters) becomes ``-``. Never empty, never hidden, never ``..``, never a name
    Windows reserves, at most 80 characters (and 200 bytes)."""
    return _clean(name) or _clean(fallback) or "rep"


def _missing_parents(folder: Path) -> list[Path]:
    missing: list[Path] = []
    while not folder.exists() and folder != folder.parent:
        missing.append(folder)
        folder = folder.parent
    return list(reversed(missing))


def write_new_file(path: Path, text: str, *, force: bool = False) -> None:
    """Write ``text`` (UTF-8) to ``path``, mode 0600, atomically. Refuses an existing file
    unless ``force``; creates missing folders 0700. Raises ``ExportError``; on failure nothing
    is left behind (no temp file, no folder it created, the old file untouched)."""
    path = Path(path).expanduser()
    if path.is_dir():
        raise ExportError(f"{path} is a folder; give a file name to write to.")
    if os.path.lexists(path) and not force:
        raise ExportError(f"{path} already exists; use --force to replace it.")
    payload = text.encode("utf-8", "replace")  # lone surrogates become "?", never a crash
    created: list[Path] = []
    try:
        for folder in _missing_parents(path.parent):
            try:
                folder.mkdir(mode=files.FOLDER_MODE)
            except FileExistsError:
                continue  # made meanwhile by someone else: not ours to remove
            created.append(folder)
            os.chmod(folder, files.FOLDER_MODE)  # mkdir's mode is filtered by the umask
    except OSError as exc:
        _remove(created)
        reason = files.describe_os_error(exc)
        raise ExportError(f"Cannot create the folder for {path}: {reason}.") from exc
    try:
        files.atomic_write_bytes(path, payload)
    except OSError as exc:
        _remove(created)
        raise ExportError(f"Cannot write {path}: {files.describe_os_error(exc)}.") from exc


def _remove(folders: list[Path]) -> None:
    for folder in reversed(folders):
        with contextlib.suppress(OSError):
            folder.rmdir()


__all__ = ["ExportError", "safe_filename", "write_new_file"]

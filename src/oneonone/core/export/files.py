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
from collections.abc import Iterable, Sequence
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


class _Kept(dict[int, str]):
    """``str.translate`` table: a character kept as it is, or ``-``; filled as characters are
    met, so each distinct character is looked up once."""

    def __missing__(self, code: int) -> str:
        c = chr(code)
        shown = c if c in "._" or unicodedata.category(c).startswith(_KEEP_CATEGORIES) else "-"
        self[code] = shown
        return shown


def _collapsed(text: str) -> str:
    """``text`` with what is not kept as ``-``, runs of separators and of dots as one."""
    return _DOTS.sub(".", _SEPARATORS.sub("-", text.translate(_Kept())))


def _clean(name: str) -> str:
    text = unicodedata.normalize("NFKC", name.encode("utf-8", "replace").decode("utf-8"))
    # Only the start of a long name is needed: read more of it (x4 each time) until the
    # cleaned start is long enough. Cleaning is local (a character, a run), so the name's
    # start cleaned alone is the start of the whole name cleaned. This is linear, and a long
    # name of letters costs a few microseconds; cutting a character at a time from the end of
    # the whole name, encoding it each time, was quadratic (12 s for 1 MB, 5 MB never ended).
    size = 4 * MAX_NAME
    while True:
        whole = size >= len(text)
        kept = _collapsed(text[:size]).lstrip(".-_ ")
        if whole or len(kept) > MAX_NAME:
            break
        size *= 4
    if whole:
        kept = kept.rstrip(".-_ ")
    kept = kept[:MAX_NAME].rstrip(".-_ ")
    while len(kept.encode("utf-8")) > MAX_NAME_BYTES:
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


def unique_filenames(named: Iterable[tuple[str, str]], extension: str = ".md") -> dict[str, str]:
    """A file name for each ``(key, name)``: ``safe_filename(name) + extension``, and where two
    names come out the same (ignoring case, as macOS and Windows do), each of them gets the
    first 8 characters of its key (a record id) too, so no name depends on the order given."""
    pairs = [(key, safe_filename(name)) for key, name in named]
    counts: dict[str, int] = {}
    for _, base in pairs:
        counts[base.casefold()] = counts.get(base.casefold(), 0) + 1
    used: set[str] = set()
    names: dict[str, str] = {}
    for key, base in pairs:
        stem = base
        if counts[base.casefold()] > 1:
            suffix = safe_filename(key[:8], fallback="x")
            stem = base[: MAX_NAME - len(suffix) - 1].rstrip(".-_ ") + "-" + suffix
        candidate, n = stem, 2
        while candidate.casefold() in used:
            candidate, n = f"{stem}-{n}", n + 1
        used.add(candidate.casefold())
        names[key] = candidate + extension
    return names


def free_path(path: Path) -> Path:
    """``path`` if nothing is there yet, else the first of ``stem-2.md``, ``stem-3.md``... that
    is free: for an export written without asking where (nothing is ever replaced)."""
    candidate, n = path, 2
    while os.path.lexists(candidate):
        candidate, n = path.with_name(f"{path.stem}-{n}{path.suffix}"), n + 1
    return candidate


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
    _refuse_store_file(path)
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


def check_targets(paths: Sequence[Path], *, force: bool = False) -> None:
    """Refuse (``ExportError``) targets that are folders, or that exist when not ``force``,
    naming them; meant to be called before the work of making the text."""
    for path in paths:
        if path.is_dir():
            raise ExportError(f"{path} is a folder; give a file name to write to.")
    if force:
        for path in paths:
            _refuse_store_file(path)
        return
    existing = [p for p in paths if os.path.lexists(p)]
    if len(existing) == 1:
        raise ExportError(f"{existing[0]} already exists; use --force to replace it.")
    if existing:
        shown = ", ".join(p.name for p in existing[:3]) + (", ..." if len(existing) > 3 else "")
        folders = {p.parent for p in existing}
        where = f" in {next(iter(folders))}" if len(folders) == 1 else ""
        raise ExportError(
            f"{len(existing)} files already exist{where} ({shown}); use --force to replace them."
        )


def write_new_files(items: Sequence[tuple[Path, str]], *, force: bool = False) -> None:
    """Write several files as one: all of them or none. Each target is checked first (as
    ``check_targets``), then every text goes to a private temp file beside its target (0600,
    fsynced), then each is renamed into place. If anything fails, nothing is left behind:
    temp files are removed, files already renamed are removed again (or, for a file that was
    replaced with ``force``, put back as it was) and folders made for them are removed.
    Raises ``ExportError``."""
    paths = [Path(p).expanduser() for p, _ in items]
    seen: set[str] = set()
    for path in paths:
        key = os.path.normcase(os.path.abspath(path))
        if key in seen:
            raise ValueError(f"{path} is given twice")
        seen.add(key)
    check_targets(paths, force=force)
    created: list[Path] = []
    temps: list[tuple[str, Path]] = []

    def undo() -> None:
        for tmp, _ in temps:
            with contextlib.suppress(OSError):
                os.unlink(tmp)
        _remove(created)

    current = paths[0] if paths else Path()
    try:
        for path in paths:
            current = path
            for folder in _missing_parents(path.parent):
                try:
                    folder.mkdir(mode=files.FOLDER_MODE)
                except FileExistsError:
                    continue
                created.append(folder)
                os.chmod(folder, files.FOLDER_MODE)
    except OSError as exc:
        undo()
        reason = files.describe_os_error(exc)
        raise ExportError(f"Cannot create the folder for {current}: {reason}.") from exc
    try:
        for path, (_, text) in zip(paths, items, strict=True):
            current = path
            temps.append((files.write_temp(path, text.encode("utf-8", "replace")), path))
    except OSError as exc:
        undo()
        raise ExportError(f"Cannot write {current}: {files.describe_os_error(exc)}.") from exc
    previous: dict[Path, bytes | None] = {}
    for path in paths:
        if os.path.lexists(path):
            try:
                previous[path] = path.read_bytes()
            except OSError:
                previous[path] = None  # cannot be put back; it is replaced as asked
    moved: list[Path] = []
    try:
        for tmp, path in temps:
            current = path
            os.replace(tmp, path)
            moved.append(path)
    except OSError as exc:
        for path in moved:
            old = previous.get(path)
            with contextlib.suppress(OSError):
                if path not in previous:
                    os.unlink(path)
                elif old is not None:
                    files.atomic_write_bytes(path, old)
        temps[:] = [(tmp, path) for tmp, path in temps if path not in moved]
        undo()
        raise ExportError(f"Cannot write {current}: {files.describe_os_error(exc)}.") from exc
    for folder in {p.parent for p in paths}:
        files.fsync_folder(folder)


def _refuse_store_file(path: Path) -> None:
    """Never write over the data file, its journal, lock or backups, nor over anything that
    is not a regular file (a device), ``--force`` or not (``why_not_a_target``)."""
    from oneonone.core.store import why_not_a_target

    why = why_not_a_target(path)
    if why is not None:
        raise ExportError(f"{path} is not replaced: {why}. Give another file to write to.")


def _remove(folders: list[Path]) -> None:
    for folder in reversed(folders):
        with contextlib.suppress(OSError):
            folder.rmdir()


__all__ = [
    "ExportError",
    "check_targets",
    "safe_filename",
    "unique_filenames",
    "write_new_file",
    "write_new_files",
]

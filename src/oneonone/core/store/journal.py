"""The journal: the notes being typed, saved by appending a line beside the data file instead of
writing the whole file again.

While a one-on-one is open its notes are saved at most about two seconds after each key (issue
5). Written whole, each of those saves cost the data file's size again, and an fsync: 9 MB at
3,100 one-on-ones, ~5 ms of CPU each, taken from the same two CPUs as the typing. A journal
entry is only the documents that save changed, one line appended and fsynced.

**What is journaled.** Only the saves the store is asked to journal (``Store.put_many(...,
journal=True)``: the App's autosave of typed notes). Every other save writes the data file whole,
as before, with everything journaled until then, and removes the journal ("compaction"); so do
closing the store, a journal past ``LIMIT`` bytes, and the first save after the journal could
not be written.

**The file.** ``<data file>.journal``, private (0600), lines of JSON: first a header naming the
data file it applies to (``{"journal": 1, "base": [inode, size, mtime_ns], "sha256": ...}``:
that file as written when the journal began, and the SHA-256 of its bytes; journals written
before issue 16 have no ``sha256``), then one line per save: ``[[table, key, document], ...]``
(``null`` for a document removed). One save is one line, so a save is in the journal whole or
not at all: a last line cut short (a crash in mid-write) is a save that was never reported
done, and is left out.

**Reading.** Every open reads the data file and then applies the journal's lines in order,
read-only copies included (another copy of oneonone, the command line while the app runs), so
they see what was typed. The journal applies to the data file found if that is the file it
began on (the same inode, size and time), or a file with the same bytes (its ``sha256``): a
copy made with ``cp -a``, or the folder brought back by a sync tool. Otherwise:
- each of its documents is in the file as the journal has it: the compaction that wrote them
  finished but the journal was not removed yet (a crash between the two): it is removed;
- otherwise the data file was replaced by another program (a restore, a sync tool): the
  journal is not applied, it is kept in ``backups/`` and a notice says where.

A program other than oneonone reading the data file (``tinydb.TinyDB(path)``) sees it as of
the last compaction: while a one-on-one is being typed, its latest notes are in the journal
until the one-on-one is left or the app closes.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from oneonone.core.store import files
from oneonone.core.store.errors import StoreError

SUFFIX = ".journal"
VERSION = 1
#: Past this many bytes the next save writes the data file whole (and empties the journal):
#: a few hundred saves of a long one-on-one's notes, read back in a few ms after a crash.
LIMIT = 1 << 20

Signature = tuple[int, int, int]
#: table, document key, the document (None: removed)
Entry = tuple[str, str, "dict[str, Any] | None"]


def journal_path(path: Path) -> Path:
    """The notes journal of the data file ``path``: beside it."""
    return path.with_name(path.name + SUFFIX)


def signature(path: Path) -> Signature | None:
    """What identifies a file's version (inode, size, modification time), or None if it is
    missing."""
    try:
        st = os.stat(path)
    except OSError:
        return None
    return (st.st_ino, st.st_size, st.st_mtime_ns)


class UnreadableJournal(StoreError):
    """The journal is there but cannot be read (an I/O error): the notes typed last may be in
    it, so the data file is not opened without it, and nothing is set aside or written."""

    def __init__(self, path: Path, reason: str) -> None:
        self.path = path
        super().__init__(
            f"Cannot open the data file: its journal {path} (the notes typed last) cannot be "
            f"read ({reason}). Nothing was changed. Make it readable (or move it away to open "
            "the file without those notes) and open again."
        )


class JournalChanged(Exception):
    """The journal on disk is not the one written here (another program touched it)."""


@dataclass
class Found:
    """A journal as read: its base, its complete saves in order, and what is wrong with it."""

    base: Signature | None
    saves: list[list[Entry]] = field(default_factory=list)
    size: int = 0  # bytes of the header and complete saves
    problem: str | None = None  # a line that cannot be read (not the last line cut short)
    content: str | None = None  # the SHA-256 of the data file it applies to, if recorded

    def entries(self) -> Iterable[Entry]:
        """Every entry of the complete saves, in order."""
        for save in self.saves:
            yield from save


def _entry(item: Any) -> Entry | None:
    if not (isinstance(item, list) and len(item) == 3):
        return None
    table, key, doc = item
    if not (isinstance(table, str) and isinstance(key, str) and key.isascii() and key.isdigit()):
        return None
    if doc is not None and not isinstance(doc, dict):
        return None
    return table, key, doc


def _header(line: bytes) -> tuple[Signature, str | None] | None:
    """The base of a journal's first line, and the SHA-256 of the data file's bytes it
    applies to (None in a journal written before that was recorded)."""
    try:
        header = json.loads(line)
    except (ValueError, RecursionError):
        return None
    if not isinstance(header, dict) or header.get("journal") != VERSION:
        return None
    base = header.get("base")
    if not (isinstance(base, list) and len(base) == 3 and all(type(n) is int for n in base)):
        return None
    content = header.get("sha256")
    return (base[0], base[1], base[2]), content if isinstance(content, str) else None


def content_of(path: Path) -> str:
    """The SHA-256 of the data file's bytes: what a journal is tied to. Raises ``OSError``."""
    digest = hashlib.sha256()
    with open(path, "rb") as f:
        while chunk := f.read(1 << 20):
            digest.update(chunk)
    return digest.hexdigest()


def read(path: Path) -> Found | None:
    """The journal of the data file ``path``; None if there is none (or it is empty)."""
    try:
        raw = journal_path(path).read_bytes()
    except FileNotFoundError:
        return None
    except OSError as exc:  # not a journal that belongs elsewhere: one that cannot be read
        raise UnreadableJournal(journal_path(path), files.describe_os_error(exc)) from exc
    if b"\n" not in raw:  # empty, or its first save cut short: never reported saved
        return None
    lines = raw.split(b"\n")  # the last piece is b"" when the last line is complete
    header = _header(lines[0]) if len(lines) > 1 else None
    if header is None:
        return Found(None, problem="its first line is not a oneonone journal header")
    found = Found(header[0], size=len(lines[0]) + 1, content=header[1])
    complete = lines[1:-1]
    for number, line in enumerate(complete, start=2):
        try:
            items = json.loads(line)
            save = [_entry(item) for item in items] if isinstance(items, list) else [None]
        except (ValueError, RecursionError):
            save = [None]
        if any(e is None for e in save):
            found.problem = f"its line {number} cannot be read"
            break
        found.saves.append(save)  # type: ignore[arg-type]
        found.size += len(line) + 1
    return found


def apply(found: Found, tables: Any) -> set[tuple[str, str]]:
    """Apply the saves of ``found`` to ``tables`` (a ``Tables``); return the documents changed."""
    changed = set()
    for table, key, doc in found.entries():
        docs = tables.documents(table)
        if doc is None:
            docs.pop(key, None)
        else:
            docs[key] = doc
        changed.add((table, key))
    return changed


def already_in(found: Found, tables: Any) -> bool:
    """Whether ``tables`` holds every document of the journal as its last save left it."""
    last: dict[tuple[str, str], dict[str, Any] | None] = {}
    for table, key, doc in found.entries():
        last[table, key] = doc
    for (table, key), doc in last.items():
        held = tables.peek(table).get(key) if table in tables else None
        if held != doc:
            return False
    return True


class Journal:
    """The journal of one writable store: what it appended, so that a journal changed by
    anyone else is noticed (and the data file written whole instead)."""

    def __init__(self, path: Path) -> None:
        self.data_path = path
        self.path = journal_path(path)
        self.size = 0  # bytes written here (0: no journal)
        self.usable = True  # False after a failed append, until the next whole write

    def append(self, base: Signature, entries: list[Entry]) -> None:
        """One save, whole, at the end of the journal (made if need be, its header naming the
        data file's content), fsynced. Raises ``OSError`` (the journal is then as it was
        before the call, unless that too fails) or ``JournalChanged``."""
        line = files.dumps([list(e) for e in entries]) + b"\n"
        head = b""
        if not self.size:
            content = content_of(self.data_path)
            header = {"journal": VERSION, "base": list(base), "sha256": content}
            head = files.dumps(header) + b"\n"
        fd = os.open(self.path, os.O_WRONLY | os.O_CREAT | os.O_APPEND, files.FILE_MODE)
        try:
            before = os.fstat(fd).st_size
            if before != self.size:
                raise JournalChanged(self.path)
            try:
                files.write_all(fd, head + line)
                os.fsync(fd)
            except OSError:
                with contextlib.suppress(OSError):
                    os.ftruncate(fd, before)
                raise
        finally:
            os.close(fd)
        if not before:
            files.fsync_folder(self.path.parent)  # the new file's name is on disk too
        self.size = before + len(head) + len(line)

    def signature(self) -> Signature | None:
        """The journal file's ``signature``."""
        return signature(self.path)

    def remove(self) -> None:
        """After the data file was written whole: the journal is in it."""
        with contextlib.suppress(FileNotFoundError):
            os.unlink(self.path)
        self.size = 0
        self.usable = True

    def set_aside(self, reason: str) -> Path | None:
        """Keep the journal in ``backups/`` (not applied), and start none."""
        kept = files.keep_aside(self.path, self.data_path, reason)
        self.size = 0
        return kept

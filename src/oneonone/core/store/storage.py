"""A TinyDB storage that never leaves a half-written file and keeps unsaved data in memory.

Compared with TinyDB's ``JSONStorage``: writes are atomic (temp file, fsync, replace, folder
fsync); no file handle is held between operations; the last good state is cached in memory,
re-read only when the file on disk changed under us; a failed write keeps the new state in
memory (``dirty``) so it can be written again.

When another program changes the file under a writable store, nothing already saved is lost,
and ``notices`` gets a sentence for the user:

- nothing unsaved here, the file changed and reads well: it is reloaded (theirs is now ours);
- the file was deleted: what is in memory becomes unsaved (``dirty``), so the next save (or a
  retry) writes it all back, and quitting first asks;
- the file was replaced by one that cannot be read, or changed while a change here was
  unsaved (a save failed): ours is kept, and the save that writes it first keeps theirs as a
  backup (``backups/<name>-<stamp>-replaced.json``), named in the notice.

A read-only store (another copy of oneonone holds the file) just follows the writer.
"""

from __future__ import annotations

import contextlib
import os
import threading
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Any

from tinydb.storages import Storage

from oneonone.core.store import files, tables
from oneonone.core.store.errors import NotSaved, ReadOnly, UnreadableFile
from oneonone.core.store.tables import Raw, Tables

Signature = tuple[int, int, int]


def _signature(path: Path) -> Signature | None:
    try:
        st = os.stat(path)
    except OSError:
        return None
    return (st.st_ino, st.st_size, st.st_mtime_ns)


class SafeJSONStorage(Storage):
    def __init__(
        self,
        path: str | Path,
        *,
        read_only: bool = False,
        before_first_write: Callable[[], None] | None = None,
    ) -> None:
        self.path = Path(path)
        self.read_only = read_only
        self.dirty = False
        self.generation = 0  # bumps each time the data is (re)loaded from disk
        self.revision = 0  # bumps each time the data changes: a write here, or a (re)load
        self._before_first_write = before_first_write
        self._wrote_once = False
        self._batching = False
        self._encoder = _IncrementalEncoder()
        self._data: Tables | None = None
        self._signature: Signature | None = None
        self._lock = threading.RLock()
        #: Sentences for the user about the file changing under us; ``take_notices`` empties it.
        self.notices: list[str] = []

    # -- TinyDB's interface ------------------------------------------------------------------

    def read(self) -> Tables | None:
        with self._lock:
            if self._data is None:
                self._load()
            elif not self.dirty and self._changed_on_disk():
                self._follow_disk()
            return self._data

    def write(self, data: dict[str, dict[str, Any]]) -> None:
        with self._lock:
            self._data = data if isinstance(data, Tables) else Tables(data)
            self.dirty = True
            self.revision += 1
            if not self._batching:
                self.flush()

    def close(self) -> None:
        """Let go of the file handle kept for the partitions not read yet, if any."""
        with self._lock:
            if self._data is not None:
                self._data.close()

    # -- ours -------------------------------------------------------------------------------

    def note_changes(self, table: str, doc_ids: Iterable[int | str]) -> None:
        """Say which documents the next write changes, so that it re-encodes only those.
        A write with nothing noted re-encodes everything."""
        with self._lock:
            self._encoder.note(table, doc_ids)

    @contextlib.contextmanager
    def batch(self) -> Iterator[None]:
        """Hold TinyDB's writes made inside (one per table) and save them in one atomic write
        at the end: a multi-table change is on disk whole or not at all."""
        with self._lock:
            if self._batching:
                yield
                return
            self._batching = True
            try:
                yield
            finally:
                self._batching = False
            self.flush()

    def flush(self) -> None:
        """Write the in-memory state to disk. Raises ``NotSaved`` or ``ReadOnly``."""
        with self._lock:
            if not self.dirty or self._data is None:
                return
            if self.read_only:
                raise ReadOnly(self.path)
            try:
                payload = self._encoder.encode(self._data)
                theirs = self._keep_theirs()
                if not self._wrote_once and self._before_first_write is not None:
                    self._before_first_write()
                files.atomic_write_bytes(self.path, payload)
            except OSError as exc:
                raise NotSaved(self.path, files.describe_os_error(exc)) from exc
            except ValueError as exc:  # e.g. NaN or infinity, which JSON cannot hold
                raise NotSaved(self.path, f"a value cannot be stored ({exc})") from exc
            self._wrote_once = True
            self.dirty = False
            self._signature = _signature(self.path)
            if theirs is not None:
                self.notices.append(
                    f"Saved over the version of {self.path} another program had written; "
                    f"that version is kept as {theirs}."
                )

    def changed_on_disk(self) -> bool:
        """Whether the file changed since it was last read or written here, when there is
        nothing unsaved (cheap: one ``stat``; for polling without the lock)."""
        return not self.dirty and _signature(self.path) != self._signature

    def _changed_on_disk(self) -> bool:
        return _signature(self.path) != self._signature

    def _follow_disk(self) -> None:
        """The file changed under us and nothing here is unsaved (see the module docstring)."""
        if self.read_only:
            if _signature(self.path) is not None:  # the writer's save: follow it
                self._load()
            return  # deleted under the writer: keep showing what was read
        if _signature(self.path) is None:
            self.dirty = True
            self.notices.append(
                f"{self.path} was deleted by another program. Everything is still here and "
                "is written back with the next save (ctrl+s saves now)."
            )
            return
        try:
            self._load()
        except UnreadableFile as exc:
            self.dirty = True
            self.notices.append(
                f"{self.path} was replaced by another program with a file oneonone cannot read "
                f"({exc.problem}). What you see is kept and is written with the next save "
                "(ctrl+s saves now); that file is kept as a backup."
            )
            return
        self.notices.append(
            f"{self.path} was changed by another program: oneonone reloaded it, and shows "
            "what it now holds."
        )

    def _keep_theirs(self) -> Path | None:
        """Before saving over a file that is not the one last read or written here (another
        program's, found while a change here was unsaved), keep a copy of it."""
        now = _signature(self.path)
        if now is None or self._signature is None or now == self._signature:
            return None
        return files.make_backup(self.path, "replaced")

    def _load(self) -> None:
        before = self._signature
        self._signature = _signature(self.path)
        if self._signature is None:
            self._data = Tables()
        else:
            try:
                found = files.read_tables(self.path, files.backups_folder(self.path))
            except UnreadableFile:
                self._signature = before  # not read: still the file we knew
                raise
            if self._data is not None:
                self._data.close()
            self._data = found
        self._encoder.forget()
        self._encoder.seed(self._data.texts)
        self.generation += 1
        self.revision += 1


class _IncrementalEncoder:
    """The file's JSON text, kept per document and per table between saves, so that a save
    re-encodes only the documents it changed; a table not parsed yet (a ``Raw`` partition)
    and a table unchanged since it was read are written as the text read. The output is byte
    for byte what ``files.dumps_tables`` gives for the same data (a test holds it to that)."""

    def __init__(self) -> None:
        self._docs: dict[str, dict[str, str]] = {}
        self._tables: dict[str, bytes | memoryview] = {}
        self._changes: dict[str, set[str]] = {}
        self._noted = False

    def note(self, table: str, doc_ids: Iterable[int | str]) -> None:
        self._changes.setdefault(table, set()).update(str(d) for d in doc_ids)
        self._noted = True

    def forget(self) -> None:
        self._docs.clear()
        self._tables.clear()
        self._changes.clear()
        self._noted = False

    def seed(self, texts: dict[str, memoryview]) -> None:
        """The tables' texts as just read from the file."""
        self._tables.update(texts)

    def encode(self, data: Tables) -> list[bytes | memoryview]:
        changes, incremental = self._changes, self._noted
        self._changes, self._noted = {}, False
        out: list[bytes | memoryview] = []
        names = tables.in_file_order(data)
        for table in names:
            docs = dict.__getitem__(data, table)  # a Raw as it is
            if type(docs) is Raw:  # never parsed, so unchanged: its text as read
                text = self._tables.get(table)
                if text is None:
                    text = data.texts.get(table)
                if text is None:
                    text = tables.table_text(table, "").encode("ascii") + bytes(docs.text)
            else:
                text = self._tables.get(table) if incremental else None
                if text is None or table in changes:
                    text = self._table_text(table, docs, changes.get(table, set()))
            self._tables[table] = text
            out.append(text)
        if len(self._tables) > len(out):  # tables that left the data
            for gone in set(self._tables) - set(data):
                del self._tables[gone]
        return tables.framed(out, hot=tables.hot_count(names))

    def _table_text(self, table: str, docs: dict[str, Any], changed: set[str]) -> bytes:
        cache = self._docs.setdefault(table, {})
        for doc_id in changed:
            cache.pop(doc_id, None)
        parts = []
        for doc_id, doc in docs.items():
            key = str(doc_id)
            text = cache.get(key)
            if text is None:
                text = cache[key] = files.dumps_text(doc)
            parts.append(f"{files.dumps_text(key)}: {text}")
        if len(cache) > len(docs):  # documents that left the table
            for gone in set(cache) - {str(d) for d in docs}:
                del cache[gone]
        return tables.table_text(table, f"{{{', '.join(parts)}}}").encode("ascii")

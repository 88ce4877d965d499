"""A TinyDB storage that never leaves a half-written file and keeps unsaved data in memory.

Compared with TinyDB's ``JSONStorage``: writes are atomic (temp file, fsync, replace, folder
fsync); the last good state is cached in memory, re-read only when the file on disk changed
under us, except the history after the marker, known by where it lies in the file as opened
(the one handle held between operations: ``tables.Slice``); a failed write keeps the new state
in memory (``dirty``), the history too, so it can be written again.

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
import threading
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Any, Protocol

from tinydb.storages import Storage

from oneonone.core.store import files, journal, tables
from oneonone.core.store.errors import NotSaved, ReadOnly, UnreadableFile
from oneonone.core.store.tables import Raw, Tables

Signature = journal.Signature
_signature = journal.signature


class Writer(Protocol):
    """The one-writer lock (``records.OneWriter``), asked before and told after each save."""

    def check(self) -> None:
        """Raise ``NotSaved`` if this copy is no longer the one writer."""

    def saved(self) -> None:
        """The data file was just replaced."""


class SafeJSONStorage(Storage):
    """TinyDB's ``Storage`` for the data file: atomic writes, tables read when first needed, a
    backup before the first write."""

    def __init__(
        self,
        path: str | Path,
        *,
        read_only: bool = False,
        before_first_write: Callable[[], None] | None = None,
        writer: Writer | None = None,
    ) -> None:
        self.path = Path(path)
        self._writer = writer
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
        self._steady = 0  # inside ``steady``: the disk was looked at once for the operation
        #: Sentences for the user about the file changing under us; ``take_notices`` empties it.
        self.notices: list[str] = []
        # The journal (see ``journal``): what it holds, as last read or written here.
        self._journal = journal.Journal(self.path)
        self._journal_signature: Signature | None = None
        self._unjournaled: dict[str, set[str]] = {}  # noted since the last save
        self._noted_since_write = False
        self._whole_needed = False  # a write came without notes: only a whole write has it

    # -- TinyDB's interface ------------------------------------------------------------------

    def read(self) -> Tables | None:
        """The tables (read from the file the first time)."""
        with self._lock:
            if self._data is None:
                self._load()
            elif not self.dirty and not self._steady and self._changed_on_disk():
                self._follow_disk()
            return self._data

    def write(self, data: dict[str, dict[str, Any]]) -> None:
        """The tables as they now are, held until saved."""
        with self._lock:
            self._data = data if isinstance(data, Tables) else Tables(data)
            self.dirty = True
            self.revision += 1
            if not self._noted_since_write:
                self._whole_needed = True
            if not self._batching:
                self._noted_since_write = False
                self.flush()

    def close(self) -> None:
        """Write the journal's saves into the data file (if that fails they stay in the
        journal, and are read from it next time), and let go of the file handle kept for the
        partitions not read yet, if any."""
        with self._lock:
            if self._journal.size and not self.read_only:
                with contextlib.suppress(NotSaved):
                    self._write_whole()
            if self._data is not None:
                self._data.close()

    # -- ours -------------------------------------------------------------------------------

    def forget(self) -> None:
        """Drop what is in memory (a read-only store's tables, changed by a write that was
        refused): the next read reads the file again."""
        with self._lock:
            if self.read_only and self._data is not None:
                self._data.close()
                self._data = None

    @contextlib.contextmanager
    def steady(self) -> Iterator[Tables | None]:
        """One look at the disk for an operation made of several reads (TinyDB reads the
        storage at each table operation; each look is two ``stat``): inside, ``read`` gives
        what the first one gave, and the storage is held for this thread."""
        with self._lock:
            data = self.read()
            self._steady += 1
            try:
                yield data
            finally:
                self._steady -= 1

    def note_changes(self, table: str, doc_ids: Iterable[int | str]) -> None:
        """Say which documents the next write changes (in a ``batch``: the writes of the
        batch; TinyDB's ``upsert`` of a new document writes twice), so that it re-encodes
        only those. A write with nothing noted re-encodes everything."""
        with self._lock:
            ids = [str(d) for d in doc_ids]
            self._encoder.note(table, ids)
            self._unjournaled.setdefault(table, set()).update(ids)
            self._noted_since_write = True

    @contextlib.contextmanager
    def batch(self, *, journal: bool = False) -> Iterator[None]:
        """Hold TinyDB's writes made inside (one per table) and save them in one atomic write
        at the end: a multi-table change is on disk whole or not at all. With ``journal``,
        that write may be a line of the journal (see ``journal``)."""
        with self._lock:
            if self._batching:
                yield
                return
            self._batching = True
            try:
                yield
            finally:
                self._batching = False
                self._noted_since_write = False
            self.flush(journal=journal)

    def flush(self, *, journal: bool = False) -> None:
        """Write the in-memory state to disk: with ``journal``, the changes since the last
        save appended to the journal when it can take them, else the data file whole.
        Raises ``NotSaved`` or ``ReadOnly``."""
        with self._lock:
            if not self.dirty or self._data is None:
                return
            if self.read_only:
                raise ReadOnly(self.path)
            if journal and self._append_to_journal():
                return
            self._write_whole()

    def compact(self) -> None:
        """Write the data file whole if the journal holds saves (then the journal goes).
        Raises ``NotSaved`` or ``ReadOnly``."""
        with self._lock:
            if self._journal.size or (self.dirty and self._data is not None):
                if self.read_only:
                    raise ReadOnly(self.path)
                self._write_whole()

    @property
    def journaled(self) -> int:
        """Bytes of saves in the journal, not yet in the data file."""
        return self._journal.size

    def _append_to_journal(self) -> bool:
        """The documents changed since the last save, as one line of the journal; False when
        the journal cannot take them (the data file is then written whole)."""
        j = self._journal
        if not j.usable or self._whole_needed or j.size >= journal.LIMIT:
            return False
        if self._signature is None or _signature(self.path) != self._signature:
            return False  # no file yet, or changed under us: the whole write sees to it
        if self._writer is not None:
            try:
                self._writer.check()
            except NotSaved:
                return False  # the whole write says it
        if j.signature() != self._journal_signature:
            return False
        assert self._data is not None
        entries: list[journal.Entry] = []
        for table, keys in self._unjournaled.items():
            docs = dict.get(self._data, table)
            if type(docs) is not dict:
                return False
            entries += [(table, key, docs.get(key)) for key in sorted(keys, key=int)]
        try:
            if not self._wrote_once and self._before_first_write is not None:
                self._before_first_write()
            j.append(self._signature, entries)
        except (OSError, ValueError, journal.JournalChanged):
            j.usable = False  # the whole write says what is wrong, if anything is
            return False
        self._wrote_once = True
        self._journal_signature = j.signature()
        self._unjournaled.clear()
        self.dirty = False
        return True

    def _write_whole(self) -> None:
        assert self._data is not None
        if self._writer is not None:
            self._writer.check()
        try:
            payload = self._encoder.encode(self._data)
            theirs = self._keep_theirs()
            if not self._wrote_once and self._before_first_write is not None:
                self._before_first_write()
            files.atomic_write_bytes(self.path, payload)
        except OSError as exc:
            self._hold_history()
            raise NotSaved(self.path, files.describe_os_error(exc)) from exc
        except ValueError as exc:  # e.g. NaN or infinity, which JSON cannot hold
            self._hold_history()
            raise NotSaved(self.path, f"a value cannot be stored ({exc})") from exc
        self._wrote_once = True
        self.dirty = False
        self._signature = _signature(self.path)
        if self._writer is not None:
            self._writer.saved()
        self._journal.remove()  # its saves are in the file now
        self._journal_signature = None
        self._unjournaled.clear()
        self._whole_needed = False
        if theirs is not None:
            self.notices.append(
                f"Saved over the version of {self.path} another program had written; "
                f"that version is kept as {theirs}."
            )

    def _hold_history(self) -> None:
        """A save failed, so what is unsaved waits in memory: the tables' texts known only by
        where they lie in the file (``tables.Slice``) are read into memory too, so that the
        next save does not depend on the file as it is then (another program may change it
        in place meanwhile). Costs the file's size in memory, only after a failed save."""
        if self._data is None:
            return
        held: dict[tables.Slice, bytes] = {}
        self._data.hold(held)
        self._encoder.hold(held)

    def changed_on_disk(self) -> bool:
        """Whether the file or its journal changed since last read or written here, when
        there is nothing unsaved (cheap: two ``stat``; for polling without the lock)."""
        return not self.dirty and self._changed_on_disk()

    def _changed_on_disk(self) -> bool:
        return (
            _signature(self.path) != self._signature
            or self._journal.signature() != self._journal_signature
        )

    def _follow_disk(self) -> None:
        """The file changed under us and nothing here is unsaved (see the module docstring)."""
        if _signature(self.path) == self._signature:  # only the journal changed
            if self.read_only:
                self._load()  # the writer's journaled save: follow it
                return
            self.dirty = True
            self._journal.usable = False
            self.notices.append(
                f"The journal of {self.path} ({self._journal.path.name}, the notes typed "
                "last) was changed or removed by another program. Everything is still here "
                "and is written to the data file with the next save (ctrl+s saves now)."
            )
            return
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
                found = tables.read_tables(self.path, files.backups_folder(self.path))
            except UnreadableFile:
                self._signature = before  # not read: still the file we knew
                raise
            if self._data is not None:
                self._data.close()
            self._data = found
        self._encoder.forget()
        self._encoder.seed(self._data.texts)
        self._unjournaled.clear()
        self._whole_needed = False
        self._read_journal()
        self.generation += 1
        self.revision += 1

    def _belongs(self, found: journal.Found) -> bool:
        """Whether the journal ``found`` applies to the data file just read: the file it began
        on, or one with the same bytes (a copy, a sync: its content, not where it lies)."""
        if found.base is None:
            return False
        if found.base == self._signature:
            return True
        if found.content is None or self._signature is None or found.base[1] != self._signature[1]:
            return False  # no content recorded (an older journal), or not the same size
        try:
            return journal.content_of(self.path) == found.content
        except OSError:
            return False

    def _read_journal(self) -> None:
        """Apply the journal's saves to what was just read from the data file; set aside a
        journal that does not belong to it (see ``journal``)."""
        j = self._journal
        j.size = 0
        self._journal_signature = j.signature()
        found = journal.read(self.path)
        if found is None:
            return
        assert self._data is not None
        if self._belongs(found):
            for table, key in journal.apply(found, self._data):
                self._encoder.note(table, [key])
            if self.read_only:
                return
            if found.problem is None:  # still the journal: the file lacks its saves
                j.size = found.size
                j.usable = self._journal_signature is not None and (
                    self._journal_signature[1] == found.size  # no last line cut short
                )
                return
            kept = j.set_aside("journal-damaged")
            self._journal_signature = None
            self.dirty = True  # what it held up to the damage is written with the next save
            self.notices.append(
                f"The journal of {self.path} (the notes typed last) is damaged: {found.problem}. "
                f"What it held before that is shown; it is kept as {kept}."
            )
            return
        if self.read_only:  # the copy that writes sees to it
            self.notices.append(
                f"The journal of {self.path} (notes typed in an earlier run) belongs to "
                "another version of the data file: its notes are not shown here."
            )
            return
        if found.problem is None and journal.already_in(found, self._data):
            j.remove()  # written into the file already (a crash came before it was removed)
            self._journal_signature = None
            return
        kept = j.set_aside("journal-not-applied")
        self._journal_signature = None
        self.notices.append(
            f"The journal of {self.path} (the notes typed last, in an earlier run) belongs to "
            "a version of the data file that another program has replaced, so it was not "
            f"applied. It is kept as {kept}."
        )


class _IncrementalEncoder:
    """The file's JSON text, kept per document and per table between saves, so that a save
    re-encodes only the documents it changed; a table not parsed yet (a ``Raw`` partition)
    and a table unchanged since it was read are written as the text read. The output is byte
    for byte what ``tables.dumps_tables`` gives for the same data (a test holds it to that)."""

    def __init__(self) -> None:
        self._docs: dict[str, dict[str, str]] = {}
        self._tables: dict[str, tables.Piece] = {}
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

    def hold(self, held: dict[tables.Slice, bytes]) -> None:
        """The tables' texts kept from the file held in memory (``tables.hold_pieces``)."""
        tables.hold_pieces(self._tables, held)

    def seed(self, texts: dict[str, memoryview | tables.Slice]) -> None:
        """The tables' texts as just read from the file."""
        self._tables.update(texts)

    def encode(self, data: Tables) -> list[tables.Piece]:
        changes, incremental = self._changes, self._noted
        self._changes, self._noted = {}, False
        out: list[tables.Piece] = []
        names = tables.in_file_order(data)
        for table in names:
            docs = dict.__getitem__(data, table)  # a Raw as it is
            if type(docs) is Raw:  # never parsed, so unchanged: its text as read
                text = self._tables.get(table)
                if text is None:
                    text = data.texts.get(table)
                if text is None:
                    if isinstance(docs.text, tables.Slice):
                        text = docs.text  # the whole table's text
                    else:
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

"""TinyDB, customised at its documented points, for records found by a string id.

- ``RecordTable`` (``TinyDB.table_class``): a TinyDB ``Table`` whose documents are our
  records, each with a string ``id`` (a UUID). In the file, documents keep TinyDB's own
  number keys (``"1"``, ``"2"``, ...), so stock ``tinydb.TinyDB(path)`` reads the file and
  every file written so far opens unchanged; the table keeps an index from record id to
  document id, so finding, replacing or removing a record by its id reads no other document.
  Documents are read with TinyDB's ``get`` / ``search`` / ``all`` and written with its
  ``upsert`` / ``remove``.
- ``OneWriter`` (a TinyDB ``Middleware``): the one-writer lock. The first program to open a
  file holds ``<file>.lock`` until it closes it; another one opens it read-only (or is told
  the file is in use), and its writes are refused.
- ``Database`` (``TinyDB``): the two above over ``SafeJSONStorage`` (storage.py), which adds
  atomic writes, the notes journal, following the file when another program changes it,
  and the partitions read from the file only when first needed (tables.py).
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

from filelock import FileLock, Timeout
from tinydb import Query, TinyDB
from tinydb.middlewares import Middleware
from tinydb.queries import QueryInstance
from tinydb.table import Document, Table

from oneonone.core.store import files
from oneonone.core.store.errors import FileInUse, NotSaved, ReadOnly, StoreError
from oneonone.core.store.storage import SafeJSONStorage


def lock_path(path: Path) -> Path:
    """The lock file beside the data file ``path``."""
    return path.with_name(path.name + ".lock")


def matching(equals: Mapping[str, Any]) -> QueryInstance | None:
    """The TinyDB query for documents whose fields equal ``equals`` (None: every document)."""
    found: QueryInstance | None = None
    for name, value in equals.items():
        test = Query()[name] == value
        found = test if found is None else found & test
    return found


class RecordTable(Table):
    """A TinyDB table of records found by their string ``id`` (see the module docstring).

    No query cache: the store follows the file when another program changes it (a reload
    TinyDB's cache would not see), and the app caches what it read by ``Store.revision``."""

    default_query_cache_capacity = 0

    def __init__(self, storage: Any, name: str, **kwargs: Any) -> None:
        super().__init__(storage, name, **kwargs)
        self._ids: dict[str, int] = {}
        self._top = 0
        self._generation: int | None = None

    @property
    def _file(self) -> Any:
        """The storage, with its additions to TinyDB's interface (``generation``,
        ``note_changes``: see ``SafeJSONStorage``), reached through the middleware."""
        return self.storage

    def _index(self) -> dict[str, int]:
        """Record id -> document id, built on first need and again after each (re)load of the
        file (the storage's ``generation``); kept up to date by ``put`` and ``discard``."""
        generation = self._file.generation
        if self._generation != generation:
            # From the stored documents, not TinyDB's copies of them (``all``): a partition
            # of a few hundred one-on-ones is indexed at its first save, which waits for it.
            tables = self._file.read() or {}
            docs = tables.get(self.name) or {}
            self._ids = {str(doc.get("id")): int(key) for key, doc in docs.items()}
            self._top = max(map(int, docs), default=0)
            self._generation = generation
        return self._ids

    def find(self, record_id: str) -> Document | None:
        """The document of the record with this id, or None."""
        doc_id = self._index().get(record_id)
        return None if doc_id is None else self.get(doc_id=doc_id)

    def matching(self, equals: Mapping[str, Any]) -> list[Document]:
        """The documents whose fields equal ``equals`` (all of them for none)."""
        query = matching(equals)
        return self.all() if query is None else self.search(query)

    def put(self, record_id: str, data: Mapping[str, Any]) -> None:
        """Insert the record, or replace the one with its id (TinyDB's ``upsert`` by
        document id; a new record takes the next document id)."""
        ids = self._index()
        doc_id = ids.get(record_id)
        if doc_id is None:
            doc_id = ids[record_id] = self._top = self._top + 1
        self._file.note_changes(self.name, [doc_id])
        self.upsert(Document(data, doc_id))

    def discard(self, record_id: str) -> None:
        """Remove the record with this id, if the table holds it."""
        doc_id = self._index().pop(record_id, None)
        if doc_id is not None:
            self._file.note_changes(self.name, [doc_id])
            self.remove(doc_ids=[doc_id])


class OneWriter(Middleware):
    """The one-writer lock, as a TinyDB middleware (see the module docstring). Opened with
    ``allow_read_only``, a file another program holds opens read-only instead of raising
    ``FileInUse``; so does one whose lock file cannot be made (a read-only folder)."""

    def __init__(self, storage_cls: Any) -> None:
        super().__init__(storage_cls)
        self.lock: FileLock | None = None
        self.inodes = files.InodeLocks()
        self._lock_key: files.FileKey | None = None
        self.path: Path | None = None

    def __call__(
        self, path: Path, *, allow_read_only: bool = False, read_only: bool = False, **kwargs: Any
    ) -> OneWriter:
        """The storage opened with the one-writer lock taken (read-only if another copy holds
        it and ``allow_read_only``; with ``read_only``, no lock at all)."""
        self.path = path
        if read_only:  # a command that only reads: not even the lock file is made
            self.storage = self._storage_cls(path, read_only=True, **kwargs)
            return self
        lock = FileLock(str(lock_path(path)), timeout=0, mode=files.FILE_MODE)
        try:
            lock.acquire()
            read_only = False
        except Timeout:
            if not allow_read_only:
                raise FileInUse(path) from None
            read_only = True
        except OSError as exc:
            # No lock file can be made (a read-only folder): reading is still possible.
            if not (allow_read_only and path.exists()):
                raise StoreError(
                    f"Cannot open {path}: {files.describe_os_error(exc)} "
                    f"(the lock file {lock_path(path).name} cannot be created)."
                ) from exc
            read_only = True
        if not read_only and not self.inodes.take(path):
            # Held under another name: a hard link, or a copy that took it after our lock
            # file was deleted. That copy is the writer.
            lock.release()
            if not allow_read_only:
                raise FileInUse(path)
            read_only = True
        self.lock = None if read_only else lock
        self._lock_key = None if read_only else files.file_key(lock_path(path))
        try:
            self.storage = self._storage_cls(
                path, read_only=read_only, writer=None if read_only else self, **kwargs
            )
        except BaseException:
            self.release()
            raise
        return self

    def check(self) -> None:
        """Before a save: still the one writer? A lock file deleted (a clean-up tool) is made
        again if no other copy took the file meanwhile; if one did, ``NotSaved``."""
        assert self.path is not None
        if self.lock is None or files.file_key(lock_path(self.path)) == self._lock_key:
            return
        fresh = FileLock(str(lock_path(self.path)), timeout=0, mode=files.FILE_MODE)
        try:
            fresh.acquire()
        except (Timeout, OSError):
            raise NotSaved(
                self.path,
                f"its lock file ({lock_path(self.path).name}) was deleted or replaced and "
                "another copy of oneonone may be writing to it now. Close this copy",
            ) from None
        self.lock.release()
        self.lock = fresh
        self._lock_key = files.file_key(lock_path(self.path))

    def saved(self) -> None:
        """After a save replaced the file: hold the new file too (``files.InodeLocks``)."""
        assert self.path is not None
        self.inodes.follow(self.path)

    def write(self, data: dict[str, dict[str, Any]]) -> None:
        """Refused (``ReadOnly``) unless this program holds the lock. TinyDB changes the
        tables it read before it writes them: refused, they are read from the file again."""
        if self.lock is None:
            storage: Any = self.storage  # a SafeJSONStorage
            storage.forget()
            raise ReadOnly(storage.path)
        self.storage.write(data)

    def close(self) -> None:
        """Close the storage (see ``SafeJSONStorage.close``), then let go of the lock."""
        try:
            self.storage.close()
        finally:
            self.release()

    def release(self) -> None:
        """Let go of the lock (once)."""
        self.inodes.release()
        if self.lock is not None:
            self.lock.release()
            self.lock = None


class Database(TinyDB):
    """TinyDB over our storage, the one-writer lock and record tables."""

    table_class: type[Table] = RecordTable

    def __init__(self, path: Path, **kwargs: Any) -> None:
        super().__init__(path, storage=OneWriter(SafeJSONStorage), **kwargs)

    @property
    def writer(self) -> OneWriter:
        """The lock middleware (the outermost layer of the storage)."""
        found = self.storage
        assert isinstance(found, OneWriter)
        return found

    @property
    def file(self) -> SafeJSONStorage:
        """The storage itself (the innermost layer)."""
        found = self.writer.storage
        assert isinstance(found, SafeJSONStorage)
        return found

    def records(self, name: str) -> RecordTable:
        """The table ``name`` (TinyDB's ``table``, typed)."""
        table = self.table(name)
        assert isinstance(table, RecordTable)
        return table

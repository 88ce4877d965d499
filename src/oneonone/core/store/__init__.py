"""The store: the only code that touches TinyDB.

``Store.open(path)`` checks the file before anything is written, takes the one-writer lock
(or opens read-only), removes stale temp files, migrates old schemas (after a backup), and
then reads and writes domain records by their UUID. The file stays a plain TinyDB JSON file:
``tinydb.TinyDB(path)`` reads it. All methods are thread-safe, so the UI can save from a
worker thread.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any, TypeVar

from filelock import FileLock, Timeout
from tinydb import TinyDB
from tinydb.table import Document, Table

from oneonone.core import codec
from oneonone.core.model import TeamSettings
from oneonone.core.store import files
from oneonone.core.store.errors import (
    DamagedRecord,
    FileInUse,
    NotSaved,
    ReadOnly,
    StoreError,
    UnreadableFile,
)
from oneonone.core.store.storage import SafeJSONStorage

SCHEMA_VERSION = 1
META_TABLE = "meta"

T = TypeVar("T")
Migration = Callable[[dict[str, Any]], None]


def _migrate_0_to_1(tables: dict[str, Any]) -> None:
    """A file without a meta record (an empty TinyDB file) becomes schema 1."""
    tables.setdefault(META_TABLE, {})


MIGRATIONS: dict[int, Migration] = {0: _migrate_0_to_1}


def schema_version_of(tables: dict[str, Any], path: Path) -> int:
    """The schema version a file's tables declare; 0 for a file without a meta record."""
    meta = tables.get(META_TABLE) or {}
    if not meta:
        return 0
    version = next(iter(meta.values())).get("schema_version")
    if not isinstance(version, int) or isinstance(version, bool) or version < 1:
        raise UnreadableFile(
            path,
            f"its meta record has no valid schema_version ({version!r})",
            files.newest_backup(files.backups_folder(path), path),
        )
    return version


def lock_path(path: Path) -> Path:
    return path.with_name(path.name + ".lock")


class Store:
    def __init__(self, path: Path, *, read_only: bool, lock: FileLock | None) -> None:
        self.path = path
        self.read_only = read_only
        self._file_lock = lock
        self._lock = threading.RLock()
        self.storage = SafeJSONStorage(
            path, read_only=read_only, before_first_write=self._backup_before_first_write
        )
        self._db = TinyDB(storage=lambda: self.storage)
        self._index: dict[str, dict[str, int]] = {}
        self._index_generation = -1
        self.last_backup: Path | None = None

    # -- opening and closing -----------------------------------------------------------------

    @classmethod
    def open(cls, path: Path | str, *, allow_read_only: bool = False) -> Store:
        """Open ``path``. If another process holds the lock: ``FileInUse``, or a read-only
        store when ``allow_read_only``. An unreadable file raises ``UnreadableFile``."""
        path = Path(path).expanduser().absolute()
        if path.is_dir():
            raise StoreError(f"Cannot open {path}: it is a folder; give the path of a file.")
        for parent in path.parents:
            if parent.exists() and not parent.is_dir():
                raise StoreError(f"Cannot open {path}: {parent} is a file, not a folder.")
        try:
            files.ensure_private_folder(path.parent)
        except OSError as exc:
            raise StoreError(
                f"Cannot open {path}: its folder cannot be created "
                f"({files.describe_os_error(exc)})."
            ) from exc
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
        try:
            store = cls(path, read_only=read_only, lock=None if read_only else lock)
            store._prepare()
        except OSError as exc:
            if not read_only:
                lock.release()
            raise StoreError(f"Cannot open {path}: {files.describe_os_error(exc)}.") from exc
        except BaseException:
            if not read_only:
                lock.release()
            raise
        return store

    def _prepare(self) -> None:
        if not self.read_only:
            files.remove_stale_temps(self.path)
            files.remove_stale_backup_temps(self.path)
        if not self.path.exists():
            if self.read_only:
                raise StoreError(f"{self.path} does not exist yet and is open read-only.")
            self.storage.write({META_TABLE: {"1": {"schema_version": SCHEMA_VERSION}}})
            return
        tables = self.storage.read() or {}
        version = self.schema_version_of(tables)
        if version > SCHEMA_VERSION:
            raise UnreadableFile(
                self.path,
                f"it was written by a newer oneonone (schema {version}; this one reads up to "
                f"{SCHEMA_VERSION}). Upgrade oneonone",
                files.newest_backup(files.backups_folder(self.path), self.path),
            )
        if version < SCHEMA_VERSION:
            if self.read_only:
                raise StoreError(f"{self.path} needs an upgrade but is open read-only.")
            self.last_backup = files.make_backup(self.path, f"before-migration-v{version}")
            self.storage._wrote_once = True  # the migration backup is this run's backup
            for step in range(version, SCHEMA_VERSION):
                MIGRATIONS[step](tables)
            tables[META_TABLE] = {"1": {"schema_version": SCHEMA_VERSION}}
            self.storage.write(tables)
        elif not self.read_only:
            os.chmod(self.path, files.FILE_MODE)

    def schema_version_of(self, tables: dict[str, Any]) -> int:
        return schema_version_of(tables, self.path)

    def close(self) -> None:
        with self._lock:
            if self._file_lock is not None:
                self._file_lock.release()
                self._file_lock = None

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _backup_before_first_write(self) -> None:
        self.last_backup = files.make_backup(self.path, "run")

    # -- saving state ------------------------------------------------------------------------

    @property
    def has_unsaved(self) -> bool:
        return self.storage.dirty

    def save_pending(self) -> None:
        """Write what a failed save left in memory. Raises ``NotSaved`` / ``ReadOnly``."""
        with self._lock:
            self.storage.flush()

    # -- the file changing under us (another program) -----------------------------------------

    def changed_on_disk(self) -> bool:
        """Cheap (one ``stat``, no lock): worth calling ``check_disk``? Also when any read (a
        screen loading, say) already found a change whose notices nobody took yet."""
        return not self.read_only and (bool(self.storage.notices) or self.storage.changed_on_disk())

    def check_disk(self) -> list[str]:
        """Follow a change another program made to the file (see ``storage``) and return what
        the user should be told. Raises ``StoreError`` only for a read-only store."""
        with self._lock:
            self.storage.read()
            return self.take_notices()

    def take_notices(self) -> list[str]:
        """Sentences about the file changing under us since the last call (then forgotten)."""
        with self._lock:
            found, self.storage.notices = self.storage.notices, []
            return found

    # -- records -----------------------------------------------------------------------------

    def _table(self, cls: type) -> Table:
        return self._db.table(cls.TABLE)  # type: ignore[attr-defined]

    def _ids(self, cls: type) -> dict[str, int]:
        """uuid -> TinyDB doc_id for the table of ``cls``; rebuilt when the file was reloaded."""
        self._db.storage.read()
        if self._index_generation != self.storage.generation:
            self._index.clear()
            self._index_generation = self.storage.generation
        name: str = cls.TABLE  # type: ignore[attr-defined]
        if name not in self._index:
            self._index[name] = {str(doc.get("id")): doc.doc_id for doc in self._table(cls).all()}
        return self._index[name]

    def _decode(self, cls: type[T], doc: Document) -> T:
        try:
            return codec.decode(cls, doc)
        except (codec.DecodeError, ValueError, TypeError) as exc:
            raise DamagedRecord(cls.TABLE, str(doc.get("id")), str(exc)) from exc  # type: ignore[attr-defined]

    def all(self, cls: type[T]) -> list[T]:
        with self._lock:
            return [self._decode(cls, doc) for doc in self._table(cls).all()]

    def documents(self, cls: type) -> list[dict[str, Any]]:
        """The stored documents of the table of ``cls``, as in the file (not decoded): for
        fast read-only scans of many records (search). They are the store's own objects:
        read them, never change them. A save replaces a document, it does not change it."""
        with self._lock:
            tables = self.storage.read() or {}
            return list(tables.get(cls.TABLE, {}).values())  # type: ignore[attr-defined]

    def get(self, cls: type[T], record_id: str) -> T | None:
        with self._lock:
            doc_id = self._ids(cls).get(record_id)
            if doc_id is None:
                return None
            doc = self._table(cls).get(doc_id=doc_id)
            return None if doc is None else self._decode(cls, doc)

    def where(self, cls: type[T], **equals: Any) -> list[T]:
        """Records whose stored fields equal the given values (e.g. ``rep_id=...``)."""
        with self._lock:
            wanted = {k: codec.encode(v) for k, v in equals.items()}
            table = self._table(cls)
            return [
                self._decode(cls, doc)
                for doc in table.all()
                if all(doc.get(k) == v for k, v in wanted.items())
            ]

    def put(self, record: Any) -> None:
        """Insert or replace ``record`` by its id. Raises ``NotSaved`` or ``ReadOnly``; after
        ``NotSaved`` the change is held in memory until ``save_pending`` succeeds."""
        self.put_many([record])

    def put_many(self, records: Iterable[Any]) -> None:
        """Insert or replace ``records`` (the last of two with one id wins) in one atomic write,
        whatever their tables. A value JSON cannot hold is refused before anything changes."""
        with self._lock:
            if self.read_only:
                raise ReadOnly(self.path)
            by_table: dict[type, dict[str, Any]] = {}
            for record in records:
                by_table.setdefault(type(record), {})[record.id] = codec.encode(record)
            try:
                files.dumps([list(items.values()) for items in by_table.values()])
            except ValueError as exc:  # NaN or infinity: it would never save; keep nothing
                raise NotSaved(self.path, f"a value cannot be stored ({exc})", kept=False) from exc
            with self.storage.batch():
                for cls, items in by_table.items():
                    self._put_table(cls, items)

    def _put_table(self, cls: type, items: dict[str, Any]) -> None:
        """Put encoded records (by id) into the table of ``cls``, in memory within a batch."""
        table = self._table(cls)
        ids = self._ids(cls)
        known = [(ids[rid], data) for rid, data in items.items() if rid in ids]
        new = [(rid, data) for rid, data in items.items() if rid not in ids]

        def update(docs: dict[int, Any]) -> None:
            for doc_id, data in known:
                docs[doc_id] = data
            next_id = max(docs, default=0) + 1
            changed = [doc_id for doc_id, _ in known]
            for rid, data in new:
                docs[next_id] = data
                ids[rid] = next_id
                changed.append(next_id)
                next_id += 1
            table._next_id = None
            self.storage.note_changes(table.name, changed)

        try:
            table._update_table(update)
        except NotSaved:
            table.clear_cache()
            raise

    # -- conveniences ------------------------------------------------------------------------

    def settings(self) -> TeamSettings:
        found = self.get(TeamSettings, "team")
        return found if found is not None else TeamSettings()

    def schema_version(self) -> int:
        return self.schema_version_of(self.storage.read() or {})


# -- backup and restore, for the command line ---------------------------------------------------


def backup_now(path: Path | str) -> Path:
    """Copy the data file into ``backups/`` now. Works while the app is open (reads only)."""
    path = Path(path).expanduser().absolute()
    if not path.exists():
        raise StoreError(f"There is no data file at {path} to back up.")
    files.read_validated(path, files.backups_folder(path))
    made = files.make_backup(path, "manual")
    assert made is not None
    return made


def restore(path: Path | str, source: Path | str | None = None) -> tuple[Path, Path | None]:
    """Replace the data file with ``source`` (default: the newest backup), keeping a copy of
    what it replaces. Refuses while another copy of oneonone holds the file, and refuses a
    source it cannot read. Returns (what was restored, the copy of the replaced file)."""
    path = Path(path).expanduser().absolute()
    backups = files.backups_folder(path)
    if source is None:
        newest = files.newest_backup(backups, path)
        if newest is None:
            raise StoreError(f"There is no backup of {path} in {backups}.")
        chosen = newest
    else:
        chosen = Path(source).expanduser().absolute()
        if not chosen.is_file():
            raise StoreError(f"There is no file at {chosen} to restore.")
    files.ensure_private_folder(path.parent)
    lock = FileLock(str(lock_path(path)), timeout=0, mode=files.FILE_MODE)
    try:
        lock.acquire()
    except Timeout:
        raise FileInUse(path) from None
    try:
        tables = files.read_validated(chosen, backups)
        if schema_version_of(tables, chosen) > SCHEMA_VERSION:
            raise UnreadableFile(chosen, "it was written by a newer oneonone", None)
        kept = files.make_backup(path, "before-restore")
        try:
            files.atomic_write_bytes(path, chosen.read_bytes())
        except OSError as exc:
            raise NotSaved(path, files.describe_os_error(exc)) from exc
        return chosen, kept
    finally:
        lock.release()


__all__ = [
    "SCHEMA_VERSION",
    "DamagedRecord",
    "FileInUse",
    "NotSaved",
    "ReadOnly",
    "Store",
    "StoreError",
    "UnreadableFile",
    "backup_now",
    "restore",
]

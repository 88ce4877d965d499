"""The store: the only code that touches TinyDB.

``Store.open(path)`` checks the file before anything is written, takes the one-writer lock
(or opens read-only), removes stale temp files, migrates old schemas (after a backup), and
then reads and writes domain records by their UUID, through TinyDB's own API (a ``TinyDB``
with ``records.RecordTable`` tables and ``Query``; see ``records``). The file stays a plain
TinyDB JSON file: ``tinydb.TinyDB(path)`` reads it. All methods are thread-safe, so the UI
can save from a worker thread.
"""

from __future__ import annotations

import contextlib
import os
import threading
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Any, TypeVar

from filelock import FileLock, Timeout

from oneonone.core import codec
from oneonone.core.model import TeamSettings
from oneonone.core.store import files, journal
from oneonone.core.store.errors import (
    DamagedRecord,
    DamagedTable,
    FileInUse,
    NotSaved,
    ReadOnly,
    StoreError,
    UnreadableFile,
)
from oneonone.core.store.records import Database, lock_path
from oneonone.core.store.storage import SafeJSONStorage
from oneonone.core.store.tables import (
    META,
    PARTITIONED,
    Tables,
    dumps_tables,
    partition_of,
    partitions,
    read_validated,
    table_for,
)

SCHEMA_VERSION = 2
META_TABLE = META

T = TypeVar("T")
Migration = Callable[[dict[str, Any]], None]


def _migrate_0_to_1(tables: dict[str, Any]) -> None:
    """A file without a meta record (an empty TinyDB file) becomes schema 1."""
    tables.setdefault(META_TABLE, {})


def _migrate_1_to_2(tables: dict[str, Any]) -> None:
    """Closed sessions, commitments done with and superseded agreement versions move to their
    rep's partition (``tables``)."""
    latest: dict[object, int] = {}
    agreements = (tables.get("agreements") or {}).values()
    for doc in agreements:
        version = doc.get("version")
        if doc.get("state") == "agreed" and isinstance(version, int):
            latest[doc.get("rep_id")] = max(version, latest.get(doc.get("rep_id"), version))
    for doc in agreements:
        version = doc.get("version")
        if doc.get("state") == "agreed" and isinstance(version, int):
            doc["superseded"] = version < latest[doc.get("rep_id")]
    for table in PARTITIONED:
        kept: dict[str, Any] = {}
        for key, doc in (tables.get(table) or {}).items():
            name = table_for(table, doc)
            if name == table:
                kept[key] = doc
            else:
                moved = tables.setdefault(name, {})
                moved[str(len(moved) + 1)] = doc
        if table in tables:
            tables[table] = kept


MIGRATIONS: dict[int, Migration] = {0: _migrate_0_to_1, 1: _migrate_1_to_2}


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


class Store:
    """Our records in a TinyDB file (``records.Database``): each kind of record in its TinyDB
    table, found by its id; the ones that are done with in their rep's partition (see
    ``tables``). Thread-safe."""

    def __init__(self, path: Path, *, allow_read_only: bool = False) -> None:
        self.path = path
        self._lock = threading.RLock()
        self.last_backup: Path | None = None
        self.db = Database(
            path,
            allow_read_only=allow_read_only,
            before_first_write=self._backup_before_first_write,
        )
        self.storage = self.db.file
        self.read_only = self.storage.read_only

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
        store = cls(path, allow_read_only=allow_read_only)
        try:
            store._prepare()
        except OSError as exc:
            store.db.writer.release()
            raise StoreError(f"Cannot open {path}: {files.describe_os_error(exc)}.") from exc
        except BaseException:
            store.db.writer.release()
            raise
        return store

    def _prepare(self) -> None:
        if not self.read_only:
            files.remove_stale_temps(self.path)
            files.remove_stale_backup_temps(self.path)
        if not self.path.exists():
            if self.read_only:
                raise StoreError(f"{self.path} does not exist yet and is open read-only.")
            self.db.records(META_TABLE).insert({"schema_version": SCHEMA_VERSION})
            return
        tables: dict[str, Any] = self.storage.read() or Tables()
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
            self.db.storage.write(tables)
        elif not self.read_only:
            os.chmod(self.path, files.FILE_MODE)
            if self.storage.dirty:  # a damaged journal applied in part: into the file now
                with contextlib.suppress(NotSaved):
                    self.storage.flush()

    def schema_version_of(self, tables: dict[str, Any]) -> int:
        """The schema version ``tables`` (this file's) declare."""
        return schema_version_of(tables, self.path)

    def close(self) -> None:
        """Write what the journal holds into the file and let go of the lock."""
        with self._lock:
            self.db.close()

    def __enter__(self) -> Store:
        """The store, closed when the ``with`` block ends."""
        return self

    def __exit__(self, *exc: object) -> None:
        """Close the store."""
        self.close()

    def _backup_before_first_write(self) -> None:
        self.last_backup = files.make_backup(self.path, "run")

    # -- saving state ------------------------------------------------------------------------

    @property
    def has_unsaved(self) -> bool:
        """Whether a failed save left records not yet written."""
        return self.storage.dirty

    @property
    def journaled(self) -> int:
        """Bytes of saves kept in the journal, not in the data file yet."""
        return self.storage.journaled

    @property
    def revision(self) -> int:
        """A number that changes whenever what the store holds does (a save, a reload): what
        was read at one revision is still what the store holds while it is unchanged."""
        return self.storage.revision

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
    #
    # Each kind of record is a TinyDB table (``records.RecordTable``); the open ones of a
    # partitioned kind are in its main table, the rest in their rep's partition, read from the
    # file and parsed only when a question needs it (``tables``).

    def _names(self, cls: type, equals: dict[str, Any]) -> list[str]:
        """The tables that can hold records of ``cls`` whose stored fields equal ``equals``,
        in file order; call holding ``_lock``."""
        table: str = cls.TABLE  # type: ignore[attr-defined]
        rule = PARTITIONED.get(table)
        if rule is None or (rule[0] in equals and equals[rule[0]] == rule[1]):
            return [table]
        rep_id = equals.get("rep_id")
        if isinstance(rep_id, str):
            return [table, partition_of(table, rep_id)]
        return [table, *partitions(table, self.storage.read() or {})]

    def _decode(self, cls: type[T], doc: dict[str, Any]) -> T:
        try:
            return codec.decode(cls, doc)
        except (codec.DecodeError, ValueError, TypeError) as exc:
            raise DamagedRecord(cls.TABLE, str(doc.get("id")), str(exc)) from exc  # type: ignore[attr-defined]

    def _found(self, cls: type, equals: dict[str, Any]) -> list[dict[str, Any]]:
        """The stored documents of ``cls`` whose fields equal ``equals`` (TinyDB queries, one
        table at a time); call holding ``_lock``."""
        wanted = {k: codec.encode(v) for k, v in equals.items()}
        tables: dict[str, Any] = self.storage.read() or {}
        return [
            doc
            for name in self._names(cls, wanted)
            if name in tables
            for doc in self.db.records(name).matching(wanted)
        ]

    def all(self, cls: type[T]) -> list[T]:
        """Every record of ``cls`` (the whole history of a partitioned kind)."""
        return self.where(cls)

    def documents(
        self, cls: type, *, damaged: list[DamagedTable] | None = None
    ) -> Iterator[dict[str, Any]]:
        """The stored documents of ``cls``, as in the file (not decoded), a table at a time:
        for fast read-only scans of many records (search). A partition not read yet is parsed
        for the scan and not kept (a storage matter, below TinyDB's tables: ``Tables.peek``).
        Read them, never change them. With ``damaged``, a table that cannot be read is
        skipped and its error added there instead of raised."""
        with self._lock:
            names = self._names(cls, {})
        for name in names:
            with self._lock:
                try:
                    tables = self.storage.read()
                    assert tables is not None
                    docs = list(tables.peek(name).values())
                except DamagedTable as exc:
                    if damaged is None:
                        raise
                    damaged.append(exc)
                    continue
            yield from docs

    def get(self, cls: type[T], record_id: str, *, rep_id: str | None = None) -> T | None:
        """The record with this id; give ``rep_id`` when known, so that only that rep's part
        of a large history is read."""
        with self._lock, self.storage.steady() as read:
            tables: dict[str, Any] = read or {}
            equals = {} if rep_id is None else {"rep_id": rep_id}
            for name in self._names(cls, equals):
                if name not in tables:
                    continue
                doc = self.db.records(name).find(record_id)
                if doc is not None:
                    return self._decode(cls, doc)
            return None

    def where(self, cls: type[T], **equals: Any) -> list[T]:
        """Records whose stored fields equal the given values (e.g. ``rep_id=...``)."""
        with self._lock, self.storage.steady():
            return [self._decode(cls, doc) for doc in self._found(cls, equals)]

    def pick(
        self,
        cls: type[T],
        choose: Callable[[list[dict[str, Any]]], Iterable[dict[str, Any]]],
        **equals: Any,
    ) -> list[T]:
        """The records whose stored documents ``choose`` keeps out of those of ``cls`` whose
        fields equal ``equals``: to take a few out of many without decoding them all (say,
        the current version of each rep's agreement)."""
        with self._lock, self.storage.steady():
            return [self._decode(cls, doc) for doc in choose(self._found(cls, equals))]

    def put(self, record: Any) -> None:
        """Insert or replace ``record`` by its id. Raises ``NotSaved`` or ``ReadOnly``; after
        ``NotSaved`` the change is held in memory until ``save_pending`` succeeds."""
        self.put_many([record])

    def put_many(self, records: Iterable[Any], *, journal: bool = False) -> None:
        """Insert or replace ``records`` (the last of two with one id wins) in one atomic write,
        whatever their tables. A value JSON cannot hold is refused before anything changes.
        With ``journal`` (the notes being typed), the write may be a line appended to the
        journal instead of the whole file (``journal``); without it the file is written
        whole, with what the journal held. No records and no journal: the journal's saves
        are written into the file, if there are any."""
        records = list(records)
        with self._lock:
            if self.read_only:
                raise ReadOnly(self.path)
            if not records:
                if not journal:
                    self.storage.compact()
                return
            encoded: dict[tuple[type, str], dict[str, Any]] = {}
            for record in records:
                encoded[type(record), record.id] = codec.encode(record)
            try:
                files.dumps(list(encoded.values()))
            except ValueError as exc:  # NaN or infinity: it would never save; keep nothing
                raise NotSaved(self.path, f"a value cannot be stored ({exc})", kept=False) from exc
            with self.storage.batch(journal=journal), self.storage.steady() as read:
                tables: dict[str, Any] = read or {}
                for (cls, record_id), data in encoded.items():
                    target = table_for(cls.TABLE, data)  # type: ignore[attr-defined]
                    for name in self._names(cls, {"rep_id": data.get("rep_id")}):
                        if name != target and name in tables:
                            self.db.records(name).discard(record_id)
                    self.db.records(target).put(record_id, data)

    # -- conveniences ------------------------------------------------------------------------

    def settings(self) -> TeamSettings:
        """The team's settings (the defaults if none are saved yet)."""
        found = self.get(TeamSettings, "team")
        return found if found is not None else TeamSettings()

    def schema_version(self) -> int:
        """The file's schema version."""
        return self.schema_version_of(self.storage.read() or {})


# -- backup and restore, for the command line ---------------------------------------------------


def backup_now(path: Path | str) -> Path:
    """Copy the data file into ``backups/`` now. Works while the app is open (reads only)."""
    path = Path(path).expanduser().absolute()
    if not path.exists():
        raise StoreError(f"There is no data file at {path} to back up.")
    read_validated(path, files.backups_folder(path))
    payload = None
    if journal.read(path) is not None:  # the notes being typed: in the backup too
        tables = SafeJSONStorage(path, read_only=True).read()
        assert tables is not None
        payload = dumps_tables(tables)
    made = files.make_backup(path, "manual", payload=payload)
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
        tables = read_validated(chosen, backups)
        if schema_version_of(tables, chosen) > SCHEMA_VERSION:
            raise UnreadableFile(chosen, "it was written by a newer oneonone", None)
        kept = files.make_backup(path, "before-restore")
        try:
            files.atomic_write_bytes(path, chosen.read_bytes())
            # A journal left by a crash belongs to the file just replaced: kept, not applied.
            files.keep_aside(journal.journal_path(path), path, "journal-before-restore")
        except OSError as exc:
            raise NotSaved(path, files.describe_os_error(exc)) from exc
        return chosen, kept
    finally:
        lock.release()


__all__ = [
    "SCHEMA_VERSION",
    "DamagedRecord",
    "DamagedTable",
    "FileInUse",
    "NotSaved",
    "ReadOnly",
    "Store",
    "StoreError",
    "UnreadableFile",
    "backup_now",
    "restore",
]

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
import functools
import hashlib
import json
import os
import stat
import threading
import typing
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Any, TypeVar

from filelock import FileLock, Timeout

from oneonone.core import codec
from oneonone.core.model import RECORD_TYPES, TeamSettings
from oneonone.core.store import files, inbox, journal
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
    latest: dict[str, int] = {}
    agreements = (tables.get("agreements") or {}).values()
    for doc in agreements:
        version, rep = doc.get("version"), _key(doc.get("rep_id"))
        if doc.get("state") == "agreed" and isinstance(version, int):
            latest[rep] = max(version, latest.get(rep, version))
    for doc in agreements:
        version = doc.get("version")
        if doc.get("state") == "agreed" and isinstance(version, int):
            doc["superseded"] = version < latest[_key(doc.get("rep_id"))]
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


def _key(value: object) -> str:
    """A stored value as a dict key, whatever a damaged record holds there (a list, say)."""
    return value if isinstance(value, str) else "\0" + repr(value)


MIGRATIONS: dict[int, Migration] = {0: _migrate_0_to_1, 1: _migrate_1_to_2}


SETTINGS_FALLBACK = (
    "its damaged values take their defaults (UTC for a timezone) until Settings are saved, "
    "and are kept as they are in the file until then"
)


@functools.cache
def _checked(cls: type) -> bool:
    """Whether records of ``cls`` say what is wrong with their values (``problems``)."""
    return callable(getattr(cls, "problems", None))


def damage_of(exc: BaseException) -> str:
    """What an error decoding a record says, on one line and not too long."""
    text = " ".join(str(exc).split()) or type(exc).__name__
    return text if len(text) <= 200 else text[:199] + "…"


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

    def __init__(
        self, path: Path, *, allow_read_only: bool = False, read_only: bool = False
    ) -> None:
        self.path = path
        self._lock = threading.RLock()
        self.last_backup: Path | None = None
        self.db = Database(
            path,
            allow_read_only=allow_read_only,
            read_only=read_only,
            before_first_write=self._backup_before_first_write,
        )
        self.storage = self.db.file
        self.read_only = self.storage.read_only
        self._damaged: dict[tuple[str, str, str], DamagedRecord] = {}
        self._taking = False  # taking the inbox in (``take_inbox``)
        self._taken_in: list[Any] = []  # the records it took in, until ``taken_in`` is asked
        self._inbox_held: set[str] = set()  # the inbox lines taken in (``_inbox_key``)

    # -- opening and closing -----------------------------------------------------------------

    @classmethod
    def open(
        cls, path: Path | str, *, allow_read_only: bool = False, read_only: bool = False
    ) -> Store:
        """Open ``path``. If another process holds the lock: ``FileInUse``, or a read-only
        store when ``allow_read_only``. With ``read_only`` (the commands that only read), the
        lock is not even taken and nothing in the folder is written: the journal is applied
        and an old file upgraded in memory only. An unreadable file raises ``UnreadableFile``."""
        # The real file: through a symbolic link (into a synced folder, say), the lock, the
        # journal and the backups are beside the file itself, and saves replace it, not the link.
        path = Path(path).expanduser().absolute().resolve()
        if path.is_dir():
            raise StoreError(f"Cannot open {path}: it is a folder; give the path of a file.")
        for parent in path.parents:
            if parent.exists() and not parent.is_dir():
                raise StoreError(f"Cannot open {path}: {parent} is a file, not a folder.")
        if read_only and not path.is_file():
            raise StoreError(f"{path} does not exist yet and is open read-only.")
        try:
            if not read_only:
                files.ensure_private_folder(path.parent)
        except OSError as exc:
            raise StoreError(
                f"Cannot open {path}: its folder cannot be created "
                f"({files.describe_os_error(exc)})."
            ) from exc
        store = cls(path, allow_read_only=allow_read_only, read_only=read_only)
        _OPENED.add(path)
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
            problem = files.tighten_folder(self.path.parent)
            if problem:
                self.storage.notices.append(problem)
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
            if self.read_only:  # upgraded in memory: the copy that writes upgrades the file
                for step in range(version, SCHEMA_VERSION):
                    MIGRATIONS[step](tables)
                tables[META_TABLE] = {"1": {"schema_version": SCHEMA_VERSION}}
                return
            self.last_backup = files.make_backup(self.path, f"before-migration-v{version}")
            self.storage._wrote_once = True  # the migration backup is this run's backup
            for step in range(version, SCHEMA_VERSION):
                MIGRATIONS[step](tables)
            tables[META_TABLE] = {"1": {"schema_version": SCHEMA_VERSION}}
            self.db.storage.write(tables)
        elif not self.read_only:
            os.chmod(self.path, files.FILE_MODE)
            names = os.stat(self.path).st_nlink
            if names > 1:
                self.storage.notices.append(
                    f"{self.path} has {names} names (hard links). oneonone saves by replacing "
                    "the file: this name gets your saves, the other names keep the file as it "
                    "is now. Open it by this name only."
                )
            if self.storage.dirty:  # a damaged journal applied in part: into the file now
                with contextlib.suppress(NotSaved):
                    self.storage.flush()
        if not self.read_only:  # what commands added while no copy was open to take it in
            with contextlib.suppress(StoreError):
                self.take_inbox()

    def schema_version_of(self, tables: dict[str, Any]) -> int:
        """The schema version ``tables`` (this file's) declare."""
        return schema_version_of(tables, self.path)

    def close(self) -> None:
        """Write what the journal holds into the file and let go of the lock."""
        with self._lock:
            if not self.read_only:
                with contextlib.suppress(StoreError):
                    self.take_inbox()
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
        return not self.read_only and (
            bool(self.storage.notices) or self.storage.changed_on_disk() or inbox.waiting(self.path)
        )

    def check_disk(self) -> list[str]:
        """Follow a change another program made to the file (see ``storage``) and return what
        the user should be told. Raises ``StoreError`` only for a read-only store."""
        with self._lock:
            self.storage.read()
            if not self.read_only:
                try:
                    self.take_inbox()
                except StoreError as exc:
                    self.storage.notices.append(str(exc))
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

    def _decode(
        self, cls: type[T], doc: dict[str, Any], outcome: str = DamagedRecord.LEFT_OUT
    ) -> T | None:
        """The record ``doc`` holds, or None when it is damaged: whatever goes wrong decoding
        one record (a field of the wrong type, a value the app cannot work with) sets that
        record aside (``damaged``), kept as it is in the file, and the others come through."""
        try:
            record = codec.decode(cls, doc)
            checked: Any = record
            wrong = checked.problems() if _checked(typing.cast(type, cls)) else None
            if wrong:
                problem = "; ".join(f"{k}: {v}" for k, v in wrong.items())
                self._set_aside(cls, doc, problem, outcome)
                return None
            return record
        except Exception as exc:  # any damage to one record leaves only it out
            self._set_aside(cls, doc, damage_of(exc), outcome)
            return None

    def _decoded(self, cls: type[T], docs: Iterable[dict[str, Any]]) -> list[T]:
        """The records of ``docs`` that are not damaged (``_decode``)."""
        found = []
        for doc in docs:
            record = self._decode(cls, doc)
            if record is not None:
                found.append(record)
        return found

    def _set_aside(
        self, cls: type, doc: Any, problem: str, outcome: str = DamagedRecord.LEFT_OUT
    ) -> None:
        """Remember a damaged record and tell it once (``take_notices``)."""
        table: str = cls.TABLE  # type: ignore[attr-defined]
        record_id = doc.get("id") if isinstance(doc, dict) else None
        if isinstance(record_id, str) and record_id:
            name = f"id {record_id!r}"
        else:
            name = f"document {getattr(doc, 'doc_id', '?')}, its id damaged"
        key = (table, name, problem)
        with self._lock:
            if key in self._damaged:
                return
            found = DamagedRecord(table, name, problem, outcome)
            self._damaged[key] = found
            self.storage.notices.append(str(found))

    @property
    def damaged(self) -> list[DamagedRecord]:
        """The damaged records met so far (each left out of what was read), in the order found."""
        with self._lock:
            return list(self._damaged.values())

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

    def _document(self, cls: type, record_id: str) -> dict[str, Any] | None:
        """The stored document of the record with this id (not decoded), or None."""
        with self._lock, self.storage.steady() as read:
            tables: dict[str, Any] = read or {}
            for name in self._names(cls, {}):
                if name in tables:
                    doc = self.db.records(name).find(record_id)
                    if doc is not None:
                        return doc
            return None

    def where(self, cls: type[T], **equals: Any) -> list[T]:
        """Records whose stored fields equal the given values (e.g. ``rep_id=...``)."""
        with self._lock, self.storage.steady():
            return self._decoded(cls, self._found(cls, equals))

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
            docs = self._found(cls, equals)
            try:
                chosen = list(choose(docs))
            except Exception:  # a damaged document: choose among the sound ones
                sound = [doc for doc in docs if self._decode(cls, doc) is not None]
                chosen = list(choose(sound))
            return self._decoded(cls, chosen)

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
        if not (self.read_only or self._taking) and inbox.waiting(self.path):
            with contextlib.suppress(StoreError):  # kept in the inbox: taken in next time
                self.take_inbox()
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

    def taken_in(self) -> list[Any]:
        """The records ``take_inbox`` saved since this was last asked (a search index brings
        them in without being built again)."""
        taken, self._taken_in = self._taken_in, []
        return taken

    def take_inbox(self) -> int:
        """Save the records another program left in the inbox while this copy held the file
        (``inbox``: ``oneonone note`` while the app is open); how many, and a notice saying
        so. Raises what ``put_many`` raises (then the inbox is kept, for next time)."""
        if self.read_only:  # the copy that writes takes it in
            return 0
        by_table = {cls.TABLE: cls for cls in RECORD_TYPES}  # type: ignore[attr-defined]
        with self._lock, inbox.take(self.path) as taken:
            if taken is None:
                return 0
            records: list[Any] = []
            keys: list[str] = []
            for table, doc in taken.records:
                key = _inbox_key(table, doc)
                if key in self._inbox_held:
                    continue  # held here already (a save that failed): never taken in again
                try:
                    records.append(codec.decode(by_table[table], doc))
                except (KeyError, ValueError) as exc:
                    taken.problems.append(f"a {table!r} record: {damage_of(exc)}")
                    continue
                keys.append(key)
            self._taking = True
            try:
                self.put_many(records)
            except NotSaved:
                # the records are held in memory (saved with the next save that can write);
                # the inbox stays until then, but taking them in again would undo what was
                # done to them meanwhile (a point marked discussed back to open)
                self._inbox_held.update(keys)
                raise
            finally:
                self._taking = False
            self._inbox_held.update(keys)
        counts: dict[str, int] = {}
        for record in records:
            name = str(type(record).TABLE).replace("_", " ")
            counts[name] = counts.get(name, 0) + 1
        if counts:
            added = ", ".join(
                f"{n} {name.removesuffix('s') if n == 1 else name}" for name, n in counts.items()
            )
            self.storage.notices.append(f"{INBOX_ADDED}{added}.")
        self._taken_in.extend(records)
        if taken.problems:
            self.storage.notices.append(
                f"Some of what the command line added to {self.path} could not be read, and "
                f"was left out: {'; '.join(taken.problems)}."
            )
        return len(records)

    # -- conveniences ------------------------------------------------------------------------

    def settings(self) -> TeamSettings:
        """The team's settings. A damaged field takes its default (and is told once, as a
        damaged record): the app still opens, and saving Settings replaces the stored value."""
        doc = self._document(TeamSettings, "team")
        if doc is None:
            return TeamSettings()
        found = self._decode(TeamSettings, doc, SETTINGS_FALLBACK)
        if found is not None:
            return found
        values: dict[str, Any] = {}
        for name, value in doc.items():
            try:
                one = codec.decode(TeamSettings, {name: value})
            except Exception:  # this field is damaged: its default instead
                continue
            if name not in one.problems():
                values[name] = value
        return codec.decode(TeamSettings, values)

    def schema_version(self) -> int:
        """The file's schema version."""
        return self.schema_version_of(self.storage.read() or {})


# -- what an export must never replace ------------------------------------------------------------

#: The data files opened in this process (resolved): an export never writes over them, their
#: journal, their lock or their backups.
_OPENED: set[Path] = set()

_DATA_HEAD = b'{"meta": {"1": {"schema_version"'
_JOURNAL_HEAD = b'{"journal": '


def why_not_a_target(target: Path) -> str | None:
    """Why an export must not replace the existing ``target``, or None: anything but a
    regular file (a device, a pipe, a link), or a file of the store (a data file opened here,
    its journal, lock or backups; any oneonone data file or journal, found by its first
    bytes)."""
    try:
        st = os.lstat(target)
    except (FileNotFoundError, NotADirectoryError):
        return None  # nothing there to replace
    except OSError as exc:
        return f"it cannot be looked at ({files.describe_os_error(exc)})"
    if not stat.S_ISREG(st.st_mode):
        return "it is not a regular file (a device, a link, a pipe...), so it is not replaced"
    real = target.resolve()
    key = (st.st_dev, st.st_ino)
    for data in list(_OPENED):
        if real == data or (st.st_nlink > 1 and key == files.file_key(data)):
            return "it is the data file itself"
        if real in (journal.journal_path(data), lock_path(data)):
            return "it is the data file's journal or lock"
        if files.backups_folder(data) in real.parents:
            return "it is one of the data file's backups"
    try:
        with open(target, "rb") as f:
            head = f.read(len(_DATA_HEAD))
    except OSError:
        return None
    if head.startswith(_DATA_HEAD) or head.startswith(_JOURNAL_HEAD):
        return "it is a oneonone data file (or its journal)"
    return None


# -- backup and restore, for the command line ---------------------------------------------------


def backup_now(path: Path | str) -> Path:
    """Copy the data file into ``backups/`` now. Works while the app is open (reads only)."""
    path = Path(path).expanduser().absolute().resolve()
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


def check_restorable(source: Path, backups: Path) -> None:
    """Refuse (``UnreadableFile``) a ``source`` that is not a oneonone data file opening
    cleanly: not JSON, no schema version (``{}``, another program's TinyDB file), tables
    oneonone does not know, a newer format, or a damaged table or record."""
    tables = read_validated(source, backups)
    if not tables.get(META_TABLE):
        raise UnreadableFile(
            source,
            "it is not a oneonone data file (it has no schema version: `{}`, or "
            "another program's TinyDB file)",
            None,
        )
    if schema_version_of(tables, source) > SCHEMA_VERSION:
        raise UnreadableFile(source, "it was written by a newer oneonone", None)
    known = {cls.TABLE for cls in RECORD_TYPES} | {META_TABLE}  # type: ignore[attr-defined]
    unknown = sorted(t for t in tables if t.split("~", 1)[0] not in known and t != "~")
    if unknown:
        shown = ", ".join(repr(t) for t in unknown[:3])
        raise UnreadableFile(
            source,
            f"it is not a oneonone data file (it holds tables oneonone does not know: {shown})",
            None,
        )
    with Store.open(source, read_only=True) as store:
        try:
            for cls in RECORD_TYPES:
                store.all(cls)
        except DamagedTable as exc:
            raise UnreadableFile(source, f"its table {exc.table!r} is damaged", None) from exc
        if store.damaged:
            raise UnreadableFile(
                source,
                f"it holds {len(store.damaged)} damaged record(s): {store.damaged[0]}",
                None,
            )


def _inbox_key(table: str, doc: dict[str, Any]) -> str:
    """One inbox line, as a short key: the same record handed over twice has the same key."""
    text = json.dumps([table, doc], sort_keys=True, ensure_ascii=False, default=str)
    return hashlib.sha1(text.encode("utf-8", "replace")).hexdigest()


#: How the notice of records taken in from the inbox begins (``Store.take_inbox``): news, not
#: a warning; nothing else about the file changed.
INBOX_ADDED = "Added from the command line: "


class Restored(typing.NamedTuple):
    """What ``restore`` did: the file restored, the copy of the one it replaced, and where
    records the command line had left for the replaced file went (None: there were none)."""

    source: Path
    kept: Path | None
    inbox: Path | None = None


def restore(path: Path | str, source: Path | str | None = None) -> Restored:
    """Replace the data file with ``source`` (default: the newest backup), keeping a copy of
    what it replaces. Refuses while another copy of oneonone holds the file, and refuses a
    source it cannot read."""
    path = Path(path).expanduser().absolute().resolve()  # through a link: into its target
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
    held = files.InodeLocks()
    try:
        if not held.take(path):  # a copy holds it under another name (a hard link)
            raise FileInUse(path)
        check_restorable(chosen, backups)
        kept = files.make_backup(path, "before-restore")
        try:
            files.atomic_write_bytes(path, chosen.read_bytes())
            # A journal left by a crash, and records the command line left for an app that
            # never took them in, belong to the file just replaced: kept, not applied.
            files.keep_aside(journal.journal_path(path), path, "journal-before-restore")
            left = inbox.set_aside(path, "inbox-before-restore")
        except (OSError, Timeout) as exc:
            reason = files.describe_os_error(exc) if isinstance(exc, OSError) else "busy"
            raise NotSaved(path, reason) from exc
        return Restored(chosen, kept, left)
    finally:
        held.release()
        lock.release()


__all__ = [
    "INBOX_ADDED",
    "SCHEMA_VERSION",
    "DamagedRecord",
    "DamagedTable",
    "FileInUse",
    "NotSaved",
    "ReadOnly",
    "Restored",
    "Store",
    "StoreError",
    "UnreadableFile",
    "backup_now",
    "restore",
]

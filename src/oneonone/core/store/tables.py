"""The file's tables, with the bulky history kept off the start-up path.

Three ideas, all invisible to stock TinyDB (the file stays one JSON object of tables):

**Partitions.** A record that is done with (a closed one-on-one, a commitment kept or
dropped, an agreement version superseded by a later one) is stored in a table of its own
rep: ``sessions~<rep id>``, ``commitments~<rep id>``, ``agreements~<rep id>``.
The open ones stay in the main table (``sessions``, ``commitments``). So start-up reads only
what is open, and a rep's history reads one small table, however big the team's past.

**Read again where they lie.** Once the file past the marker has been looked through (a
line at a time, at the first need), each partition is known by where it lies in the file
(``Slice``: start, end, CRC-32) and read again from the handle opened at start whenever it is
parsed or written back unchanged, rather than held: at 25,000 sessions its text is 74 MB,
most of what the app held. A save that fails reads them into memory (``Tables.hold``), since
what is unsaved must not depend on a file another program may change before the retry.

**One table per line.** The file is written as ``{"meta": {...},\\n"reps": {...},\\n...}``,
``meta`` first: a raw newline can only sit between JSON tokens, never inside a string, so the
tables can be told apart without parsing them. On reading, the main tables are parsed at once
and the partitions are kept as their JSON text (a ``Raw``) until first used. A file in any
other layout (rewritten by stock TinyDB on one line, pretty-printed by hand, or not starting
with ``meta``) is parsed whole, as before.
"""

from __future__ import annotations

import json
import os
import re
import sys
import threading
import zlib
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, BinaryIO

from oneonone.core.store import files
from oneonone.core.store.errors import DamagedTable, UnreadableFile
from oneonone.core.store.files import describe_os_error, newest_backup

#: table -> (field, stored value) that keeps a record of it in the main table
PARTITIONED: dict[str, tuple[str, Any]] = {
    "sessions": ("closed", False),
    "commitments": ("state", "open"),
    "agreements": ("superseded", False),
}
SEPARATOR = "~"
META = "meta"


def partition_of(table: str, rep_id: str) -> str:
    """The name of ``rep_id``'s partition of ``table``."""
    return f"{table}{SEPARATOR}{rep_id}"


def is_partition(name: str) -> bool:
    """Whether ``name`` is a rep's partition of a partitioned table."""
    return SEPARATOR in name and name.split(SEPARATOR, 1)[0] in PARTITIONED


def table_for(table: str, doc: dict[str, Any]) -> str:
    """The table a stored document of ``table`` belongs in."""
    rule = PARTITIONED.get(table)
    if rule is None or doc.get(rule[0]) == rule[1]:
        return table
    return partition_of(table, str(doc.get("rep_id")))


def partitions(table: str, names: Any) -> list[str]:
    """The names among ``names`` that are partitions of ``table``."""
    prefix = table + SEPARATOR
    return [name for name in names if isinstance(name, str) and name.startswith(prefix)]


def check_table(table: str, docs: Any) -> str | None:
    """What is wrong with one table's documents, or None."""
    if not isinstance(docs, dict):
        return f"table {table!r} is not an object"
    for doc_id, doc in docs.items():
        # isascii: str.isdigit() accepts "²", which int() (and so TinyDB) refuses.
        if not (doc_id.isascii() and doc_id.isdigit()):
            return f"table {table!r} has a document key {doc_id!r} that is not a number"
        if not isinstance(doc, dict):
            return f"document {doc_id} in table {table!r} is not an object"
    return None


#: bytes a save copies at a time from the file as opened (``Source.copy``)
COPY_BUFFER = 1 << 20
#: whether the history is read again where it lies (``Slice``) rather than held as read: not
#: on Windows, which has no ``pread`` and cannot replace a file that is open
BY_PLACE = hasattr(os, "pread") and sys.platform != "win32"


def _read_into(fd: int, view: memoryview, offset: int) -> int:
    """Read up to ``len(view)`` bytes of ``fd`` at ``offset`` into ``view``; how many."""
    if hasattr(os, "preadv"):
        return os.preadv(fd, [view], offset)
    data = os.pread(fd, len(view), offset)
    view[: len(data)] = data
    return len(data)


class Source:
    """The data file as opened, for the partitions' texts read again where they lie (``Slice``)
    rather than held in memory (74 MB at 25,000 sessions). The handle opened at start reads
    the file as it was then even after another program replaced it (a new file under the
    name); one changed in place is caught by its size and modification time, and then each
    piece by its checksum. This copy's own saves replace the file too: the handle keeps the
    file as opened on disk (not in memory) until the store closes or reads the file again."""

    def __init__(self, handle: BinaryIO) -> None:
        self.handle = handle
        self._lock = threading.Lock()
        self._closed = False
        self._stamp = self._stat()
        self._buffer: memoryview | None = None  # for ``copy``, made at the first save

    def _stat(self) -> tuple[int, int]:
        st = os.fstat(self.handle.fileno())
        return st.st_size, st.st_mtime_ns

    def read(self, piece: Slice) -> bytes:
        """The bytes of ``piece``, as they were when the file was opened. Raises ``OSError``
        (``SliceChanged`` when the file was since changed in place there)."""
        with self._lock:  # not read while closed (the descriptor may be another file's by then)
            if self._closed:
                raise SliceChanged("the file was closed")
            fd = self.handle.fileno()
            chunks, at = [], piece.start
            while at < piece.end:
                chunk = os.pread(fd, piece.end - at, at)
                if not chunk:
                    break
                chunks.append(chunk)
                at += len(chunk)
            data = chunks[0] if len(chunks) == 1 else b"".join(chunks)
            moved = self._stat() != self._stamp
        if moved and (len(data) != piece.end - piece.start or zlib.crc32(data) != piece.crc):
            raise SliceChanged("another program changed the file in place since it was opened")
        return data

    def copy(self, piece: Slice, fd: int) -> bool:
        """Write ``piece`` at ``fd``'s position, a megabyte at a time through one buffer (not
        a copy of it in memory), when the file is unchanged since opened, before and after;
        False when the file changed before (the caller reads and checks it instead). Raises
        ``OSError`` (``SliceChanged`` when the file changed during the copy: the save fails,
        and its retry reads the history checked, ``Tables.hold``)."""
        with self._lock:
            if self._closed or self._stat() != self._stamp:
                return False
            if self._buffer is None:
                self._buffer = memoryview(bytearray(COPY_BUFFER))
            src, at, buffer = self.handle.fileno(), piece.start, self._buffer
            while at < piece.end:
                got = _read_into(src, buffer[: piece.end - at], at)
                if not got:
                    break
                files.write_all(fd, buffer[:got])
                at += got
            if at != piece.end or self._stat() != self._stamp:
                raise SliceChanged("another program changed the file in place during a save")
            return True

    def close(self) -> None:
        """Close the handle (a ``Slice`` read after raises ``SliceChanged``)."""
        with self._lock:
            self._closed = True
            self.handle.close()


class SliceChanged(OSError):
    """A ``Slice`` cannot be read as it was: the file changed in place, or was closed."""


@dataclass(frozen=True, eq=False)
class Slice:
    """A table's text (``"name": {...}``) by where it lies in the file (``Source``), with
    its CRC-32 to check it when the file changed in place. Written by a save as it is."""

    source: Source
    start: int
    end: int
    crc: int

    def __len__(self) -> int:
        """Its length in bytes."""
        return self.end - self.start

    def read(self) -> bytes:
        """Its bytes (``Source.read``). Raises ``OSError``."""
        return self.source.read(self)

    def write_to(self, fd: int) -> None:
        """Write it at ``fd``'s position (``files.write_temp``): copied from the file as
        opened when that is unchanged (``Source.copy``), else read and checked
        (``Source.read``). Raises ``OSError``."""
        if not self.source.copy(self, fd):
            files.write_all(fd, self.read())


@dataclass(frozen=True)
class Raw:
    """A table not parsed yet: its JSON text, a slice of the file as read (held in memory, or
    a ``Slice`` of the file read again when parsed, the documents from ``skip`` on)."""

    text: memoryview | Slice
    path: Path
    backups: Path
    skip: int = 0

    def parse(self, name: str) -> dict[str, Any]:
        """The table's documents, parsed (a damaged one raises ``DamagedTable``)."""
        text = self.text
        if isinstance(text, Slice):
            try:
                raw = text.read()[self.skip :]
            except SliceChanged as exc:
                raise self._damaged(name, str(exc)) from exc
            except OSError as exc:
                raise self._damaged(name, f"it cannot be read ({describe_os_error(exc)})") from exc
        else:
            raw = bytes(text)
        try:
            docs = json.loads(raw)
        except (ValueError, RecursionError) as exc:
            raise self._damaged(name, f"it is not valid JSON: {exc}") from exc
        problem = check_table(name, docs)
        if problem:
            raise self._damaged(name, problem)
        assert isinstance(docs, dict)
        return docs

    def _damaged(self, name: str, problem: str) -> DamagedTable:
        return DamagedTable(self.path, name, problem, newest_backup(self.backups, self.path))


class Tables(dict[str, Any]):
    """Table name -> {document key: document}. ``tables[name]`` (and ``get``) parses a ``Raw``
    table on first use and keeps it; ``peek`` reads one without keeping it (for one-off scans).
    Iterating (``items()``, ``values()``) shows ``Raw`` values as they are: the encoder
    writes them back unchanged. ``texts`` holds each table's text as read, for the encoder
    to reuse while the table is unchanged.

    The partitions may not even be read from the file yet (``Tail``): the main tables answer
    at once, and the first question that needs a partition's name (any iteration, a
    partition looked up) reads the rest of the file first."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.texts: dict[str, memoryview | Slice] = {}
        self._tail: Tail | None = None
        self._source: Source | None = None  # the partitions' texts are read from it

    # -- the rest of the file, read on first need ---------------------------------------------

    def complete(self) -> None:
        """Read the partitions not read yet. Raises ``DamagedTable`` if they cannot be."""
        tail = self._tail
        if tail is not None:
            found = tail.read()  # raises while the tail stays pending (say, again next time)
            self._tail = None
            self._source = found._source
            for name in found:
                dict.__setitem__(self, name, dict.__getitem__(found, name))
            self.texts.update(found.texts)

    def close(self) -> None:
        """Let go of the file (kept open for the partitions not read yet, or read again)."""
        if self._tail is not None:
            self._tail.close()
        if self._source is not None:
            self._source.close()

    def _complete_for(self, name: str) -> None:
        if self._tail is not None and is_partition(name):
            self.complete()

    # -- dict, with both -----------------------------------------------------------------------

    def __getitem__(self, name: str) -> Any:
        """The table ``name``, parsed first if it was not yet."""
        self._complete_for(name)
        value = super().__getitem__(name)
        if type(value) is Raw:
            value = value.parse(name)
            super().__setitem__(name, value)
        return value

    def __contains__(self, name: object) -> bool:
        """Whether there is a table ``name`` (the tail read first if it could be there)."""
        if isinstance(name, str):
            self._complete_for(name)
        return super().__contains__(name)

    def __iter__(self) -> Iterator[str]:
        """Every table name (the tail read first)."""
        self.complete()
        return super().__iter__()

    def __len__(self) -> int:
        """How many tables (the tail read first)."""
        self.complete()
        return super().__len__()

    def __bool__(self) -> bool:  # without reading the tail
        """Whether there is any table, without reading the tail."""
        return self._tail is not None or super().__len__() > 0

    def keys(self) -> Any:
        """Every table name (the tail read first)."""
        self.complete()
        return super().keys()

    def values(self) -> Any:
        """Every table, parsed (the tail read first)."""
        self.complete()
        return super().values()

    def items(self) -> Any:
        """Every table name and table, parsed (the tail read first)."""
        self.complete()
        return super().items()

    def setdefault(self, name: str, default: Any = None) -> Any:
        """The table ``name``, set to ``default`` if there is none."""
        self._complete_for(name)
        return super().setdefault(name, default)

    def get(self, name: str, default: Any = None) -> Any:
        """The table ``name``, parsed, or ``default``."""
        return self[name] if name in self else default  # noqa: SIM401 - parses a Raw

    def peek(self, name: str) -> dict[str, Any]:
        """The table ``name``'s documents as they are ({} if there is none), without making it."""
        self._complete_for(name)
        value = super().get(name)
        if value is None:
            return {}
        if type(value) is Raw:
            return value.parse(name)
        assert isinstance(value, dict)
        return value

    def documents(self, name: str) -> dict[str, Any]:
        """The table's documents, made (empty) if it is not there yet."""
        if name not in self:
            super().__setitem__(name, {})
        docs: dict[str, Any] = self[name]
        return docs

    def unparsed(self) -> Iterator[str]:
        """The names of the tables not parsed yet."""
        return (name for name, value in self.items() if type(value) is Raw)

    def hold(self, held: dict[Slice, bytes]) -> None:
        """Hold the tables' texts read from the file (``Slice``) in memory from now on: a save
        failed, so what is unsaved must no longer depend on the file, which another program
        may change in place before the next save. ``held`` is shared with ``hold_pieces``."""
        hold_pieces(self.texts, held)
        for name, text in self.texts.items():
            value = dict.get(self, name)
            if type(value) is Raw and isinstance(value.text, Slice) and type(text) is memoryview:
                dict.__setitem__(self, name, Raw(text[value.skip :], value.path, value.backups))


def hold_pieces(pieces: dict[str, Any], held: dict[Slice, bytes]) -> None:
    """Replace each ``Slice`` among ``pieces``' values by its bytes (a memoryview of them),
    read once per slice (``held``); one that cannot be read any more is left as it is."""
    for name, piece in pieces.items():
        if isinstance(piece, Slice):
            if piece not in held:
                try:
                    held[piece] = piece.read()
                except OSError:
                    continue
            pieces[name] = memoryview(held[piece])


#: A table's text in a file being written: in memory, or read again from the file (``Slice``)
Piece = bytes | memoryview | Slice

#: Written between the main tables and the partitions (an empty table named "~"): a reader
#: can stop there and leave the rest of the file for later.
MARKER_NAME = "~"
MARKER = b',\n"~": {},\n'
CHUNK = 1 << 20


class Tail:
    """The partitions' part of the file, still to read: the open file, positioned just after
    the marker, and what was read past it already. Reading from the handle opened at start
    gives the file as it was then, even if another program has replaced it since. The handle
    stays open: each partition is then known by where it lies (a ``Slice``), not held."""

    def __init__(self, handle: BinaryIO, ahead: bytes, path: Path, backups: Path) -> None:
        self.handle, self.ahead, self.path, self.backups = handle, ahead, path, backups

    def read(self) -> Tables:
        """The partitions' tables, each a ``Raw`` of its ``Slice``: the file read a table (a
        line) at a time, never whole, each line checked as ``split`` checks it."""
        try:
            found = self._scan()
        except (OSError, ValueError) as exc:  # ValueError: the handle was closed
            raise self._damaged(f"it cannot be read ({exc})") from exc
        if found is None:
            raise self._damaged("it is not in the layout oneonone writes")
        return found

    def _scan(self) -> Tables | None:
        source = Source(self.handle) if BY_PLACE else None
        found = Tables()
        found._source = source
        ended = False
        for at, line in self._lines():
            if ended:
                return None
            if line.endswith(b",\n"):
                end = len(line) - 2
            elif line.endswith(b"}") and not line.endswith(b"\n"):  # the last, then the file's }
                end, ended = len(line) - 1, True
            else:
                return None
            match = _NAME.match(line, 0, end)
            if match is None:
                return None
            try:
                name = json.loads(match.group(0)[:-2])
            except ValueError:
                return None
            start = match.end()
            if name in found or line[start : start + 1] != b"{" or line[end - 1 : end] != b"}":
                return None
            if name == MARKER_NAME:
                continue
            if not is_partition(name):
                return None
            piece: memoryview | Slice
            if source is None:  # held, as read
                piece = memoryview(line)[:end]
                dict.__setitem__(found, name, Raw(piece[start:], self.path, self.backups))
            else:
                piece = Slice(source, at, at + end, zlib.crc32(memoryview(line)[:end]))
                dict.__setitem__(found, name, Raw(piece, self.path, self.backups, start))
            found.texts[name] = piece
        if not ended:
            return None
        if source is None:
            self.close()
        return found

    def _lines(self) -> Iterator[tuple[int, bytes]]:
        """(where it starts in the file, the line with its newline) for each line after the
        marker; the last one ends the file."""
        at = self.handle.tell() - len(self.ahead)
        ahead, pos = self.ahead, 0
        while True:
            end = ahead.find(b"\n", pos)
            if end == -1:
                break
            yield at + pos, ahead[pos : end + 1]
            pos = end + 1
        line = ahead[pos:] + self.handle.readline()  # the line the head's read cut
        at += pos
        while line:
            yield at, line
            at += len(line)
            line = self.handle.readline()

    def close(self) -> None:
        """Close the file handle."""
        self.handle.close()

    def _damaged(self, problem: str) -> DamagedTable:
        return DamagedTable(
            self.path,
            "(the history after the marker)",
            problem,
            newest_backup(self.backups, self.path),
        )


def read_head(handle: BinaryIO, path: Path, backups: Path) -> Tables | None:
    """Read ``handle`` up to the marker: the main tables parsed, the rest left to a ``Tail``
    (``handle`` stays open for it). None when there is no marker (the caller reads the whole
    file; ``handle`` is then at its end) or the head is not in our layout."""
    buf = bytearray()
    while True:
        chunk = handle.read(CHUNK)
        if not chunk:
            return None
        start = max(0, len(buf) - len(MARKER))
        buf += chunk
        at = buf.find(MARKER, start)
        if at != -1:
            break
    tables = split(bytes(buf[:at]) + b"}", path, backups)
    if tables is None:
        return None
    tables._tail = Tail(handle, bytes(buf[at + len(MARKER) :]), path, backups)
    return tables


_NAME = re.compile(rb'"(?:[^"\\\n]|\\.)*": ')


def split(raw: bytes, path: Path, backups: Path, *, first: str | None = META) -> Tables | None:
    """The tables of a file in the one-table-per-line layout, partitions left unparsed;
    None when the file is in any other layout (or not well formed: the caller then parses
    it whole, which finds and names the problem)."""
    if not (raw.startswith(b'{"') and raw.endswith(b"}")):
        return None
    view = memoryview(raw)
    tables = Tables()
    pos, stop = 1, len(raw) - 1
    while pos < stop:
        end = raw.find(b"\n", pos, stop)  # not ",\n": commas are everywhere, newlines rare
        if end == -1:
            end = stop
        elif raw[end - 1] != 44:  # ","
            return None
        else:
            end -= 1
        match = _NAME.match(raw, pos, end)
        if match is None:
            return None
        try:
            name = json.loads(match.group(0)[:-2])
        except ValueError:
            return None
        start = match.end()
        if name in tables or raw[start : start + 1] != b"{" or raw[end - 1 : end] != b"}":
            return None
        if pos == 1 and first is not None and name != first:  # not written by us (see above)
            return None
        value: Any
        if is_partition(name):
            value = Raw(view[start:end], path, backups)
        else:
            try:
                value = json.loads(raw[start:end])
            except (ValueError, RecursionError):
                return None
            if check_table(name, value) is not None:
                return None
        if name != MARKER_NAME:
            dict.__setitem__(tables, name, value)
        tables.texts[name] = view[pos:end]
        pos = end + 2
    return tables


def table_text(name: str, docs_text: str) -> str:
    """One table as the file writes it: its name, then its documents' JSON."""
    return f"{json.dumps(name, ensure_ascii=True)}: {docs_text}"


def in_file_order(names: Any) -> list[str]:
    """``meta`` first (``split`` relies on it), then the main tables, then the partitions,
    each in their order (``Tables.texts`` keys may include the marker: left out)."""
    return sorted(
        (name for name in names if name != MARKER_NAME),
        key=lambda name: (name != META, is_partition(name)),
    )


def join(pieces: Sequence[bytes | memoryview], *, hot: int | None = None) -> bytes:
    """The file from its tables' texts (each ``"name": {...}``), in file order."""
    return b"".join(p.read() if isinstance(p, Slice) else p for p in framed(pieces, hot=hot))


def hot_count(names: list[str]) -> int:
    """How many of ``names`` (in file order) come before the marker."""
    return sum(1 for name in names if not is_partition(name))


def framed(pieces: Sequence[Piece], *, hot: int | None = None) -> list[Piece]:
    """The pieces of the file (``join`` without the copy): braces and separators added, and
    the marker after the first ``hot`` pieces when partitions follow."""
    if hot is not None and hot < len(pieces):
        pieces = [*pieces[:hot], MARKER[2:-2], *pieces[hot:]]
    if not pieces:
        return [b"{}"]
    out: list[Piece] = [b"{"]
    for piece in pieces:
        out += (piece, b",\n")
    out[-1] = b"}"
    return out


# -- reading and writing whole files -------------------------------------------------------


def check_shape(data: Any) -> str | None:
    """Return what is wrong with a TinyDB document tree, or None if it is well shaped."""
    if not isinstance(data, dict):
        return f"it holds a JSON {type(data).__name__}, not a TinyDB database"
    for table, docs in data.items():
        problem = check_table(table, docs)
        if problem:
            return problem
    return None


def dumps_tables(data: dict[str, Any]) -> bytes:
    """The file for ``data``, one table per line (see ``tables``); ``json.loads`` reads it."""
    names = in_file_order(data)
    pieces = [table_text(name, files.dumps_text(data[name])).encode("ascii") for name in names]
    return join(pieces, hot=hot_count(names))


def read_validated(path: Path, backups: Path) -> dict[str, Any]:
    """Read and check a whole data file; raise ``UnreadableFile`` naming the newest backup."""
    return _parse_whole(_read_raw(path, backups), path, backups)


def read_tables(path: Path, backups: Path) -> Tables:
    """Read a data file for the store: its main tables parsed and checked, its partitions
    left unread (``tables.read_head``) or unparsed until used (``tables.split``). Raises
    ``UnreadableFile``."""
    try:
        handle = open(path, "rb")  # noqa: SIM115 - kept open for the tail when there is one
    except OSError as exc:
        raise _refuse(path, backups, f"it cannot be read ({describe_os_error(exc)})") from exc
    found: Tables | None = None
    try:
        found = read_head(handle, path, backups)
        if found is not None:
            return found
        handle.seek(0)
        raw = _checked(handle.read(), path, backups)
    except OSError as exc:
        raise _refuse(path, backups, f"it cannot be read ({describe_os_error(exc)})") from exc
    finally:
        if found is None:
            handle.close()
    whole = split(raw, path, backups)
    return whole if whole is not None else Tables(_parse_whole(raw, path, backups))


def _refuse(path: Path, backups: Path, problem: str) -> UnreadableFile:
    return UnreadableFile(path, problem, newest_backup(backups, path))


def _read_raw(path: Path, backups: Path) -> bytes:
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise _refuse(path, backups, f"it cannot be read ({describe_os_error(exc)})") from exc
    return _checked(raw, path, backups)


def _checked(raw: bytes, path: Path, backups: Path) -> bytes:
    if not raw.strip():
        problem = "the file is empty" if not raw else "the file holds only blank space"
        raise _refuse(path, backups, problem)
    return raw


def _parse_whole(raw: bytes, path: Path, backups: Path) -> dict[str, Any]:
    def refuse(problem: str) -> UnreadableFile:
        return _refuse(path, backups, problem)

    try:
        data = json.loads(raw.decode("utf-8"))
    except UnicodeDecodeError as exc:
        raise refuse("it is not text (not UTF-8)") from exc
    except json.JSONDecodeError as exc:
        where = f"line {exc.lineno}, column {exc.colno}: {exc.msg}"
        raise refuse(f"it is not valid JSON ({where}); it may be truncated") from exc
    except RecursionError as exc:
        raise refuse("it is nested too deeply to be a oneonone file") from exc
    except ValueError as exc:  # e.g. a number longer than int() accepts (4,300 digits)
        raise refuse("it holds a number too long to be a oneonone value") from exc
    problem = check_shape(data)
    if problem:
        raise refuse(problem)
    assert isinstance(data, dict)
    return data

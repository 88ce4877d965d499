"""A TinyDB storage that never leaves a half-written file and keeps unsaved data in memory.

Compared with TinyDB's ``JSONStorage``: writes are atomic (temp file, fsync, replace, folder
fsync); no file handle is held between operations; the last good state is cached in memory,
re-read only when the file on disk changed under us; a failed write keeps the new state in
memory (``dirty``) so it can be written again.
"""

from __future__ import annotations

import contextlib
import os
import threading
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from tinydb.storages import Storage

from oneonone.core.store import files
from oneonone.core.store.errors import NotSaved, ReadOnly

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
        self._before_first_write = before_first_write
        self._wrote_once = False
        self._batching = False
        self._data: dict[str, Any] | None = None
        self._signature: Signature | None = None
        self._lock = threading.RLock()

    # -- TinyDB's interface ------------------------------------------------------------------

    def read(self) -> dict[str, dict[str, Any]] | None:
        with self._lock:
            if self._data is None or (not self.dirty and self._changed_on_disk()):
                self._load()
            return self._data

    def write(self, data: dict[str, dict[str, Any]]) -> None:
        with self._lock:
            self._data = data
            self.dirty = True
            if not self._batching:
                self.flush()

    def close(self) -> None:
        """Nothing is held open; kept for TinyDB's interface."""

    # -- ours -------------------------------------------------------------------------------

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
                payload = files.dumps(self._data)
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

    def _changed_on_disk(self) -> bool:
        now = _signature(self.path)
        # A deleted file keeps our in-memory copy: the next save writes it back.
        return now is not None and now != self._signature

    def _load(self) -> None:
        self._signature = _signature(self.path)
        if self._signature is None:
            self._data = {}
        else:
            self._data = files.read_validated(self.path, files.backups_folder(self.path))
        self.generation += 1

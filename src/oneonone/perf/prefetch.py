"""Reading a rep's screens ahead, while the roster's cursor rests on the rep.

A manager moves to a rep, looks at the row, then presses ``y`` (history) or Enter (the
agreement). The time the eye takes is enough to read both in a worker: once the cursor has
rested ``REST_SECONDS`` on a rep, ``Ahead`` reads that rep's history (laid out) and agreement
versions; the key then opens the screen with them at once. A key pressed while that read is
still going waits for it rather than start a second one.

What was read is used once, and only while it is what the file holds: it is tagged with the
store's revision (bumped by every save and every reload) and the team's timezone, and dropped
when either moved on. A key pressed before anything was read ahead reads as before.

The read also parses the rep's part of the file (closed one-on-ones, read at the first need:
``core/store``) while the cursor rests, which is most of what it saves. ``perf`` imports no
screen: the loader hands in the history's reader.

Measured in issue 15 (``bench/screens.py -n 3``, key to the screen painted with its data, on
the shared 2-CPU machine at load average 3-7; medians of 3 reps a run): a rep's history at
3,100 sessions 79-193 ms with it (4 runs, this code and main before it, alternating) and
279-400 ms with it removed (4 runs); at 25,000 sessions 116-200 ms with it, 205-732 ms
without. The benchmark's "nothing read ahead" case (104-142 ms) is no slower than "read ahead"
because an earlier read-ahead of that rep has parsed its part of the file already: an attempt
in issue 15 read that as "no gain" and removed it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from typing import Any

from oneonone.core.model import Agreement, AgreementTemplate
from oneonone.core.store import Store
from oneonone.perf.internals import error_handler
from oneonone.perf.loop_timer import LoopTimer

#: A rep's history laid out, as the loader's reader returns it (``screens.history.Loaded``:
#: perf imports no screen, so the reader is handed in).
Loaded = Any

#: How long the cursor stays on a rep before the rep's screens are read ahead: longer than
#: the gap between two keys of someone moving down the list, shorter than a glance.
REST_SECONDS = 0.15

Versions = tuple[list[Agreement], AgreementTemplate]


@dataclass(frozen=True)
class Key:
    """What a read ahead was for: a rep, the timezone and the store's revision."""

    rep_id: str
    timezone: str
    revision: int


@dataclass
class Read:
    """A rep's screens read ahead: the history and the agreement versions, once done."""

    key: Key
    history: Loaded | None = None
    versions: Versions | None = None
    done: bool = False


def read_versions(store: Store, rep_id: str) -> Versions:
    """A rep's agreement versions and the team template (raises StoreError)."""
    found = store.where(Agreement, rep_id=rep_id)
    return found, store.get(AgreementTemplate, "team") or AgreementTemplate()


class Ahead:
    """Owned by the App: ``rest_on`` as the roster's cursor moves; ``history`` and
    ``versions`` when a screen is opened."""

    def __init__(
        self, app: Any, store: Store, read_history: Callable[[Store, str, str], Loaded]
    ) -> None:
        self.read_history = read_history
        self.app = app
        self.store = store
        self._timer = LoopTimer(self._start, error_handler(app))
        self._wanted: tuple[str, str] | None = None  # rep id, timezone
        self._read: Read | None = None
        self._waiting: dict[str, Callable[[Read], None]] = {}  # part -> what shows it

    def key(self, rep_id: str, timezone: str) -> Key:
        """The key of ``rep_id``'s screens as the store is now."""
        return Key(rep_id, timezone, self.store.revision)

    def rest_on(self, rep_id: str | None, timezone: str) -> None:
        """The cursor is on ``rep_id`` now (None: on no rep)."""
        self._timer.cancel()
        self._wanted = None if rep_id is None else (rep_id, timezone)
        if self._wanted is not None:
            self._timer.arm(REST_SECONDS)

    def cancel(self) -> None:
        """Read nothing more ahead until the cursor moves again."""
        self._timer.cancel()
        self._wanted = None

    def refresh(self) -> None:
        """The data changed (a save): read again what the cursor rests on, if anything."""
        if self._wanted is not None:
            self._timer.arm(REST_SECONDS)

    def forget(self) -> None:
        """``cancel``, and drop what was read ahead: the next screen opened reads for itself."""
        self.cancel()
        self._read = None
        self._waiting.clear()

    def _start(self) -> None:
        if self._wanted is None:
            return
        key = self.key(*self._wanted)
        read = self._read
        if (
            read is not None
            and read.key == key
            and (not read.done or (read.history is not None and read.versions is not None))
        ):
            return  # read already, or being read
        read = self._read = Read(key)
        self._waiting.clear()
        self.app.run_worker(
            partial(self._read_in_thread, read), thread=True, group="ahead", exit_on_error=False
        )

    def _read_in_thread(self, read: Read) -> None:
        history: Loaded | None = None
        versions: Versions | None = None
        try:
            history = self.read_history(self.store, read.key.rep_id, read.key.timezone)
            versions = read_versions(self.store, read.key.rep_id)
        except Exception:  # the screen then reads again, and says what is wrong
            pass
        finally:
            self.app.call_from_thread(self._finished, read, history, versions)

    def _finished(self, read: Read, history: Loaded | None, versions: Versions | None) -> None:
        read.history, read.versions, read.done = history, versions, True
        if read is not self._read:
            return
        waiting, self._waiting = self._waiting, {}
        for show in waiting.values():
            show(read)
        if read.key.revision != self.store.revision:  # saved meanwhile: read that
            self.refresh()

    # -- used when a screen opens -----------------------------------------------------------

    def history(self, rep_id: str, timezone: str, show: Callable[[Loaded | None], None]) -> None:
        """``show`` the rep's history read ahead, now or once the read going on ends; with
        None if nothing usable was read (the caller reads it then)."""
        self._serve("history", rep_id, timezone, show)

    def versions(self, rep_id: str, timezone: str, show: Callable[[Versions | None], None]) -> None:
        """The rep's agreement versions if read ahead for them, else None; to ``show``."""
        self._serve("versions", rep_id, timezone, show)

    def _serve(self, part: str, rep_id: str, timezone: str, show: Callable[[Any], None]) -> None:
        key = self.key(rep_id, timezone)
        read = self._read
        if read is None or read.key != key:
            show(None)
            return

        def take(read: Read) -> None:
            found = getattr(read, part)
            setattr(read, part, None)  # used once: the screen may change what it was given
            fresh = read.key == self.key(rep_id, timezone)
            show(found if fresh else None)

        if read.done:
            take(read)
        else:
            self._waiting[part] = take

"""The garbage collector kept out of the user's way.

Four parts, one mechanism:

- **Off until the first frame** (``paused_until_first_frame``, around ``App.run`` in
  ``cli.run_app``). Start-up builds a large heap of long-lived objects (modules, widgets, the
  team) and little cyclic garbage: the collector walked it over and over before the first
  frame (40-55 ms with a team).
- **The start-up heap set apart** (``resume``, called by the App once its first frame is
  painted): everything built so far is frozen out of collections for good (``gc.freeze``),
  then the collector is back on. The search index, built later in a worker and kept as long as
  the app, is set apart too (``set_apart``): at 25,000 sessions it is 200,000 texts that every
  full collection would walk again (~300 ms). A full collection instead of the freeze would
  cost 25-30 ms right after the first frame, to free about 0.3 MB.
- **Full collections in the user's pauses** (``defer_full_collections`` in ``resume``, then
  ``collect_in_pause`` from ``watchers.Housekeeper``): left to itself the oldest generation is
  collected every ~70,000 allocations, about once per screen opened, in the middle of it. After
  the start it is collected when the app has been idle a moment (and, as a backstop against a
  heap that only grows, after ``OLD_GENERATION_THRESHOLD`` younger collections).
- **Off while a large read builds small objects** (``paused``: the search index, the export of
  everything). Hundreds of thousands of small objects built next to a large parsed file trigger
  full collections that walk it all; nothing built there forms cycles. The core's builders are
  plain code: the callers (the services, the command line) wrap them.

Measured in issue 15, on the shared 2-CPU machine under load (everything several times slower
than the README's quiet run), alternating with and without in one run; medians, the spread
in brackets:

- start to home painted, 3,100 sessions (``bench/startup.py``, 9 runs each): with the
  collector paused until the first frame and the heap set apart 1,987 ms (1,702-2,230),
  without 2,496 ms (2,313-2,838); the minimal Textual app 1,645 ms in the same run.
- ``SearchIndex.build`` on an open store, as ``bench/export_search.py`` builds it, alternating
  paused and not in one process (load average 3.5-5): at 3,100 sessions 804 ms paused (731-919,
  5 runs) against 974 ms (780-1,152); at 25,000 sessions 5,808 ms (5,112-5,898, 3 runs)
  against 7,786 ms (7,688-11,229), each of the 3 pairs in its favour.
- The freeze itself comes after the first frame, so the start-up figure above is the pause's.
  Its own gain (later full collections walking less) was not separated: in the screens
  benchmark at 3,100 sessions the collector's CPU time was not lower with it (1,377 and
  1,097 ms, against 1,124 and 667 without). It is kept because it costs nothing felt (one
  call after the first frame) and bounds what a full collection walks as the heap grows.
- Full collections held back to the user's pauses (kept; the perf branch of issue 15 had
  removed them: 15-17 full collections against 6-7, screens no faster). ``bench/screens.py``'s
  measure, 3 reps a round, 4 rounds alternating with and without in one process (load average
  3.5-6.5), the collector's CPU time counted by ``gc.callbacks``: at 3,100 sessions 9-12 full
  collections and 761-1,506 ms of collector CPU with it, 5 and 730-955 ms without; a history
  opened in 263-415 ms with it, 343-546 without, an agreement in 149-283 and 234-327 (the pairs
  crossed over once for the history, twice for the agreement); at 25,000 sessions a history in
  122-483 ms with it, 153-688 without, an agreement in 137-274 and 134-288, the pairs crossing
  over both ways. Twice the collector's work, in the pauses; a history opened faster at 3,100
  sessions in 3 of 4 rounds: not clearly within the noise, so kept.
"""

from __future__ import annotations

import contextlib
import gc
from collections.abc import Iterator
from typing import Protocol

#: Python's default is 10: a full collection after 10 collections of the middle generation.
OLD_GENERATION_THRESHOLD = 100


class Collected(Protocol):
    """What ``resume`` and ``set_apart`` need of the App."""

    heap_frozen: bool


@contextlib.contextmanager
def paused_until_first_frame() -> Iterator[None]:
    """The collector off inside (the App turns it back on with ``resume`` once painted); on
    again when the App has returned, however it did."""
    gc.disable()
    try:
        yield
    finally:
        gc.enable()


def resume(app: Collected) -> None:
    """After the first frame: set the start-up heap apart, leave full collections to the
    user's pauses (``collect_in_pause``) and turn the collector back on.
    Nothing to do when it was not paused (the app run otherwise than from the command line,
    as in tests)."""
    if gc.isenabled():
        return
    gc.freeze()
    defer_full_collections()
    gc.enable()
    app.heap_frozen = True


def set_apart(app: Collected) -> None:
    """Freeze what was built since (the search index, just built) out of collections, if the
    start-up heap was (``resume``). Safe from a worker thread."""
    if app.heap_frozen:
        gc.freeze()


@contextlib.contextmanager
def paused() -> Iterator[None]:
    """No cyclic garbage collection inside (a large build of small objects without cycles);
    the collector as it was after. The switch is the whole process's, not the thread's."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def defer_full_collections() -> None:
    """Leave the oldest generation to the pauses (the younger ones are as Python has them)."""
    young, middle, _old = gc.get_threshold()
    gc.set_threshold(young, middle, OLD_GENERATION_THRESHOLD)


def collect_in_pause() -> bool:
    """In a pause of the user, once the start-up heap is set apart: the full collection, if
    anything reached the oldest generation since the last one. True when it ran."""
    if gc.get_count()[2] == 0:
        return False
    gc.collect()
    return True

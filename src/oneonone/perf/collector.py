"""The garbage collector kept out of the user's way.

Three parts, one mechanism:

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
- **Off while a large read builds small objects** (``paused``: the search index, the export of
  everything). Hundreds of thousands of small objects built next to a large parsed file trigger
  full collections that walk it all; nothing built there forms cycles. The core's builders are
  plain code: the callers (the services, the command line) wrap them.

Measured in issue 15, on the shared 2-CPU machine under load (everything several times slower
than the README's quiet run), alternating with and without in one run; medians, interquartile
range in brackets:

- start to home painted, 3,100 sessions (``bench/startup.py``, 9 runs each): with the
  collector paused until the first frame and the heap set apart 1,987 ms (1,702-2,230),
  without 2,496 ms (2,313-2,838); the minimal Textual app 1,645 ms in the same run.
- ``SearchIndex.build`` at 25,000 sessions on an open store (``bench/export_search.py``'s
  build, 5 runs each, alternating): XXX-BUILD.
- The freeze itself comes after the first frame, so the start-up figure above is the pause's.
  Its own gain (later full collections walking less) was not separated: in the screens
  benchmark at 3,100 sessions the collector's CPU time was not lower with it (1,377 and
  1,097 ms, against 1,124 and 667 without). It is kept because it costs nothing felt (one
  call after the first frame) and bounds what a full collection walks as the heap grows.
- Removed in issue 15: full collections held back to the user's pauses (the oldest
  generation's threshold raised to 100, a full collection in each pause): XXX-DEFERRED.
"""

from __future__ import annotations

import contextlib
import gc
from collections.abc import Iterator
from typing import Protocol


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
    """After the first frame: set the start-up heap apart and turn the collector back on.
    Nothing to do when it was not paused (the app run otherwise than from the command line,
    as in tests)."""
    if gc.isenabled():
        return
    gc.freeze()
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

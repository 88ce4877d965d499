"""The app in this process, headless (``App.run_test``), for the in-process benchmarks.

``isolate`` points HOME and the XDG folders at a private temp folder first, so that nothing
real (config, scripts, theme, documents) is read or written. ``started`` opens the store on a
private copy of a team, runs the app at 120x40 and waits until its start-up work (scheduling,
scripts, the search index) is done, so that a timing sees only its own work.
"""

from __future__ import annotations

import asyncio
import atexit
import contextlib
import gc
import os
import shutil
import tempfile
import time
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from pathlib import Path

from data import copy_team, private_env
from textual.worker import WorkerCancelled

SIZE = (120, 40)


def isolate() -> Path:
    home = Path(tempfile.mkdtemp(prefix="oneonone-bench-home-"))
    atexit.register(shutil.rmtree, home, ignore_errors=True)
    os.environ.update(private_env(home))
    return home


@asynccontextmanager
async def started(source: Path, folder: Path, app_class: type | None = None) -> AsyncIterator:
    """Yield ``(app, pilot)`` for the app on a copy of the team whose data file is ``source``."""
    from oneonone.app import OneOnOneApp
    from oneonone.core.store import Store

    # As the command line runs the app (cli.run_app): the collector off until the first frame,
    # when the app sets the start-up heap apart (and, later, its search index).
    thresholds = gc.get_threshold()
    gc.disable()
    try:
        store = Store.open(copy_team(source, folder))
        try:
            app = (app_class or OneOnOneApp)(store)
            async with app.run_test(size=SIZE) as pilot:
                await settle(app)
                yield app, pilot
        finally:
            store.close()
    finally:
        gc.enable()
        gc.unfreeze()  # the next run starts from the same state
        gc.set_threshold(*thresholds)


async def settle(app: object, timeout: float = 120.0) -> None:
    """Wait until the first frame's follow-up work is done: the search index built, every
    worker finished and no save in flight."""
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        # a screen left before its worker was done: not an error
        with contextlib.suppress(WorkerCancelled):
            await app.workers.wait_for_complete()  # type: ignore[attr-defined]
        ready = (
            app.background_started  # type: ignore[attr-defined]
            and getattr(app, "search_index", True) is not None
            and app.services.saving.in_flight == 0  # type: ignore[attr-defined]
        )
        if ready and not any(not w.is_finished for w in app.workers):  # type: ignore[attr-defined]
            return
        await asyncio.sleep(0.01)
    raise TimeoutError("the app did not settle")


async def until(check: Callable[[], object], timeout: float = 30.0, step: float = 0.002) -> float:
    """Poll ``check`` every ``step`` seconds; return when it is truthy (the time of that poll)."""
    end = time.perf_counter() + timeout
    while True:
        if check():
            return time.perf_counter()
        if time.perf_counter() > end:
            raise TimeoutError("condition not met")
        await asyncio.sleep(step)

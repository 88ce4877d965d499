"""The terminal closed or the process was terminated (SIGHUP, SIGTERM): save, then leave."""

from __future__ import annotations

import asyncio
import contextlib
import os
import signal
import threading
import time
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from oneonone.services.hub import AppServices


class Signals:
    """``install`` once the loop runs; on a signal, the emergency save and a sure exit."""

    #: After SIGHUP/SIGTERM (everything saved), how long Textual may take to shut down before
    #: the process ends anyway: with the terminal gone, its shutdown can wait forever on the
    #: thread writing to it, and a process left hanging would keep the data file's lock.
    grace_seconds = 3.0

    def __init__(self, hub: AppServices) -> None:
        self.hub = hub

    def install(self) -> None:
        """SIGTERM and SIGHUP (the terminal closed) save what is unsaved and quit."""
        loop = asyncio.get_running_loop()
        for sig in (signal.SIGTERM, signal.SIGHUP):
            with contextlib.suppress(NotImplementedError, RuntimeError, ValueError):
                loop.add_signal_handler(sig, self.on_terminate)

    def on_terminate(self) -> None:
        """The process is terminated: the emergency save, then quit (forced if quitting hangs)."""
        self.hub.saving.emergency_save()
        threading.Thread(target=self._exit_if_stuck, name="exit-if-stuck", daemon=True).start()
        self.hub.app.exit(return_code=0)

    def _exit_if_stuck(self) -> None:
        time.sleep(self.grace_seconds)
        with contextlib.suppress(Exception):  # a save that a worker finished meanwhile
            self.hub.store.save_pending()
        os._exit(0)  # the lock is released with the process

"""Screens benchmark: opening a rep's history (``y``) and a rep's agreement (``Enter``) from the
roster, at 25,000 sessions (and at 3,100).

In this process, headless: the app runs with ``App.run_test`` (120x40) on a private copy of a
generated team (bench/data.py), with HOME and the XDG folders in a temp folder. After its
start-up work is done (the search index built), it goes to the roster; for each of several
reps in turn the cursor is put on the rep, the key is posted to the app as the terminal driver
posts it, and the clock runs until the first frame that shows the screen with its data loaded:
- history: the screen's worker has loaded the rep's sessions and its table holds every row;
- agreement: its worker has loaded the versions and the document (one widget) is laid out
  with the selected version in it.
A frame is the compositor's update handed to ``App._display``, so the time includes the
widgets' layout and rendering; only turning the update into terminal bytes is skipped
(headless). Then ``Esc`` goes back, the app settles, a second passes as a person would take
to read (the app tidies up in such pauses: oneonone/perf/watchers.py) and the next rep comes.
The figure is the median over the reps; target <= 100 ms at 25,000 sessions (reported only
at 3,100).

Usage (from the repository root):
  .venv/bin/python bench/screens.py                 # both sizes, 7 reps each
  .venv/bin/python bench/screens.py -n 11 --sizes large
  .venv/bin/python bench/screens.py --strict        # exit 1 when a target is missed
"""

from __future__ import annotations

import argparse
import asyncio
import shutil
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from data import SIZES, Size, team
from headless import isolate, settle, started, until
from report import Result, finish
from textual import events
from textual.screen import Screen
from textual.widgets import DataTable

from oneonone.app import OneOnOneApp
from oneonone.screens.agreement import AgreementScreen
from oneonone.screens.history import HistoryScreen
from oneonone.screens.roster import RosterScreen
from oneonone.widgets.agreement_doc import AgreementDocument

TARGET_MS = 100.0
COLD = "nothing read ahead"
#: Before each key, as a person takes to read (the app's idle housekeeping runs in it).
PAUSE_SECONDS = 1.0


def history_shown(screen: Screen[Any]) -> bool:
    if not isinstance(screen, HistoryScreen) or not screen.loaded:
        return False
    table = screen.query_one("#sessions", DataTable)
    return table.row_count == len(screen.sessions)


def agreement_shown(screen: Screen[Any]) -> bool:
    if not isinstance(screen, AgreementScreen) or not screen.loaded:
        return False
    doc = screen.query_one("#doc", AgreementDocument)
    return doc.showing and doc.size.height > 3  # laid out with the document, not empty


CASES: dict[str, tuple[str, str, Callable[[Screen[Any]], bool]]] = {
    "history": ("y", "a rep's history", history_shown),
    "agreement": ("enter", "a rep's agreement", agreement_shown),
}


class TimedApp(OneOnOneApp):
    """The app, noting each frame it puts on the screen and whether it showed ``watch``."""

    watch: Callable[[Screen[Any]], bool] | None = None
    shown_at: float | None = None
    #: Set with ``shown_at``: waited on, not polled (a poll every few ms would take the
    #: interpreter from the worker reading the data, a slowdown the app does not have).
    shown = asyncio.Event()

    def _display(self, screen: Screen[Any], renderable: Any) -> None:
        watch = self.watch
        if renderable is not None and watch is not None and self.shown_at is None:
            try:
                if screen is self.screen and watch(screen):
                    self.shown_at = time.perf_counter()
                    self.shown.set()
            except Exception:  # a widget not mounted yet: not shown
                pass
        super()._display(screen, renderable)


def roster_rows(app: TimedApp) -> int:
    screen = app.screen
    if not isinstance(screen, RosterScreen) or not screen.is_mounted:
        return 0
    return screen.query_one("#reps", DataTable).row_count


def press(app: TimedApp, key: str) -> None:
    app.post_message(events.Key(key, key if len(key) == 1 else None))


async def time_open(app: TimedApp, key: str, watch: Callable[[Screen[Any]], bool]) -> float:
    app.shown_at = None
    app.shown = asyncio.Event()
    app.watch = watch
    t0 = time.perf_counter()
    press(app, key)
    await asyncio.wait_for(app.shown.wait(), timeout=30)
    assert app.shown_at is not None
    app.watch = None
    elapsed = app.shown_at - t0
    press(app, "escape")
    await until(lambda: isinstance(app.screen, RosterScreen))
    await settle(app)
    await asyncio.sleep(PAUSE_SECONDS)  # as a person would, reading: the app tidies up then
    return elapsed


async def measure(source: Path, folder: Path, runs: int) -> dict[str, list[tuple[str, float]]]:
    """For each rep: the cursor put on the rep and left there a moment (``PAUSE_SECONDS``,
    in which the app reads the rep's screens ahead: oneonone/perf/prefetch.py), then each key;
    then, for each key, the cursor put on another rep, the read ahead called off, the same
    pause, and the key (the screen reads what it shows itself)."""
    times: dict[str, list[tuple[str, float]]] = {k: [] for k in CASES}
    times |= {f"{k} {COLD}": [] for k in CASES}
    async with started(source, folder, TimedApp) as (app, _pilot):
        press(app, "r")
        await until(lambda: roster_rows(app) > 0)
        await settle(app)
        roster = app.screen
        table = roster.query_one("#reps", DataTable)
        rows = table.row_count

        async def cursor_to(row: int) -> Any:
            table.focus()
            table.move_cursor(row=row)
            await settle(app)
            return roster.selected  # type: ignore[attr-defined]

        for i in range(runs + 1):  # the first round warms up
            row = (i * 7) % rows if i else rows // 2
            rep = await cursor_to(row)
            await asyncio.sleep(PAUSE_SECONDS)  # the rep's row looked at before the key
            for name, (key, _label, watch) in CASES.items():
                seconds = await time_open(app, key, watch)
                if i:
                    times[name].append((rep.name, seconds))
            for n, (name, (key, _label, watch)) in enumerate(CASES.items()):
                rep = await cursor_to((row + 3 + n) % rows)
                app.services.loader.ahead.forget()
                await asyncio.sleep(PAUSE_SECONDS)
                seconds = await time_open(app, key, watch)
                if i:
                    times[f"{name} {COLD}"].append((rep.name, seconds))
    return times


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=(__doc__ or "").split("\n\n")[0])
    p.add_argument("-n", "--runs", type=int, default=7, help="reps per size (7)")
    p.add_argument("--sizes", default="small,large", help="team sizes (small,large)")
    p.add_argument("--strict", action="store_true", help="exit 1 when a target is missed")
    p.add_argument("--json", metavar="FILE", help="also write the figures for run.py")
    args = p.parse_args(argv)
    isolate()
    print("screens: key on the roster to the screen painted with its data, headless", flush=True)
    root = Path(tempfile.mkdtemp(prefix="oneonone-bench-screens-"))
    results: list[Result] = []
    try:
        for name in [s.strip() for s in args.sizes.split(",") if s.strip() in SIZES]:
            size: Size = SIZES[name]
            times = asyncio.run(measure(team(size), root / name, args.runs))
            for case, found in times.items():
                key, label, _watch = CASES[case.removesuffix(f" {COLD}")]
                how = COLD if case.endswith(f" {COLD}") else "read ahead"
                ms = [1000 * s for _, s in found]
                each = ", ".join(f"{rep.split()[0]} {1000 * s:.0f}" for rep, s in found)
                print(
                    f"  {size.approx}, {label} ({key}, {how}): median "
                    f"{statistics.median(ms):.1f} ms; {each}",
                    flush=True,
                )
                limit = TARGET_MS if size.name == "large" else None
                results.append(
                    Result(
                        f"open {label}, {how}, {size.approx}",
                        statistics.median(ms),
                        "ms",
                        limit=limit,
                    )
                )
    finally:
        shutil.rmtree(root, ignore_errors=True)
    return finish(results, json_path=args.json, strict=args.strict)


if __name__ == "__main__":
    sys.exit(main())

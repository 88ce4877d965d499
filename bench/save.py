"""Save benchmark: one save as the app makes it, at 3,100 and 25,000 sessions, and whether the
UI thread ever waits for it.

1. The time of a save, in this process, through the Store API as the app's save worker
   (``OneOnOneApp._save_in_thread``) does it: ``store.put_many(records)`` then
   ``search_index.update(record)`` for each, on a private copy of the team (bench/data.py):
   - a note autosave: the open session with its notes changed (what the one-on-one screen
     sends a second after you pause, or every two seconds while you type on), a line of the
     journal (``put_many(..., journal=True)``, core/store/journal.py); the same save written
     whole, as leaving the one-on-one writes it, is printed beside it;
   - a new commitment: the session and the new commitment, in one write (what ctrl+r sends).
   A one-on-one is started first (and saved: that first save of the run also makes the run's
   backup; it is reported apart). Medians of ``--runs`` saves each; target <= 50 ms at 3,100.
2. The UI thread during saves: the app runs headless (``App.run_test``, 120x40) on a copy,
   its start-up work done; a 5 ms interval timer on the app's event loop records how late each
   tick comes. The longest lateness over ``--idle`` seconds with nothing to do is the baseline;
   then the app saves through its own path (``app.services.saving.persist``: a worker thread),
   autosaves and commitments in turn, each waited for; the figure is the median over saves of
   the longest lateness during each (the worst is printed too).
   Target: at most one frame at 60 fps (16.7 ms): a late tick is a key or a paint kept
   waiting. The wall time from ``persist`` until the app has taken the result back on its
   thread (``saving.in_flight`` back to 0) is printed too.

Usage (from the repository root):
  .venv/bin/python bench/save.py                  # both sizes, 15 saves of each kind
  .venv/bin/python bench/save.py --sizes small    # 3,100 sessions only
  .venv/bin/python bench/save.py --strict         # exit 1 when a target is missed
"""

from __future__ import annotations

import argparse
import asyncio
import itertools
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

import pendulum
from data import SIZES, Size, copy_team, team
from headless import isolate, started, until
from report import Result, finish

from oneonone.core import sessions
from oneonone.core.agreements import latest_agreed
from oneonone.core.model import Agreement, Commitment, Owner, Rep, Session, SessionKind
from oneonone.core.scripts import builtin_script
from oneonone.core.search import SearchIndex
from oneonone.core.store import Store

TARGET_SAVE_MS = 50.0
FRAME_MS = 1000 / 60
TICK = 0.005


def open_session(store: Store) -> tuple[Rep, Session]:
    """A new regular one-on-one with the first current rep who has an agreed agreement."""
    agreements = store.all(Agreement)
    for rep in sorted(store.all(Rep), key=lambda r: r.name):
        agreed = latest_agreed(agreements, rep.id)
        if rep.is_current and agreed is not None:
            script = builtin_script(SessionKind.REGULAR)
            now = pendulum.now("UTC")
            return rep, sessions.start_session(rep, SessionKind.REGULAR, script, agreed, now)
    raise RuntimeError("no current rep with an agreement in the generated team")


def note(session: Session, i: int) -> Session:
    text = f"Pipeline review, run {i}: three deals slipped; agreed to re-qualify them by Friday."
    return sessions.set_step_notes(session, 0, text)


def commitment(rep: Rep, session: Session, i: int) -> Commitment:
    text = f"Re-qualify the slipped deals ({i})"
    today = pendulum.today("UTC").date()
    return sessions.new_commitment(rep.id, Owner.REP, text, "+7d", today, session.id)


def store_saves(size: Size, source: Path, folder: Path, runs: int) -> dict[str, list[float]]:
    """Seconds per save, as the app's save worker makes them, on a private copy."""
    store = Store.open(copy_team(source, folder))
    times: dict[str, list[float]] = {
        "first": [],
        "autosave": [],
        "commitment": [],
        "store": [],
        "whole": [],
    }
    try:
        index = SearchIndex.build(store)
        rep, session = open_session(store)

        def save(records: list[object], kind: str) -> None:
            t0 = time.perf_counter()
            store.put_many(records, journal=kind == "autosave")
            t1 = time.perf_counter()
            for record in records:
                index.update(record)
            times[kind].append(time.perf_counter() - t0)
            if kind == "autosave":
                times["store"].append(t1 - t0)

        save([session], "first")
        for i in range(runs):
            session = note(session, i)
            save([session], "autosave")
            save([session, commitment(rep, session, i)], "commitment")
            session = note(session, i + runs)
            save([session], "whole")  # the note saved whole: as leaving the one-on-one does
    finally:
        store.close()
    return times


async def ui_lag(source: Path, folder: Path, runs: int, idle: float) -> dict[str, float]:
    """How late (ms) a 5 ms UI timer came at most: idle, and during each save the app makes
    (autosaves and commitments apart: the median over saves, and the worst); and the median
    wall time (s) of one save."""
    ticks: list[float] = []
    late: dict[str, list[float]] = {"autosave": [], "commitment": []}
    walls: list[float] = []
    async with started(source, folder) as (app, pilot):
        rep, session = open_session(app.store)
        saving = app.services.saving
        saving.persist([session], "", refresh_home=False)
        await until(lambda: saving.in_flight == 0)
        await pilot.pause(0.2)
        timer = app.set_interval(TICK, lambda: ticks.append(time.perf_counter()))
        await asyncio.sleep(idle)
        idle_late = late_ms(ticks)
        for i in range(runs):
            session = note(session, i)
            made = commitment(rep, session, i)
            saves: list[tuple[str, list[object], bool]] = [
                ("autosave", [session], False),  # as the session screen's autosave
                ("commitment", [session, made], True),  # as its new commitment
            ]
            for kind, records, refresh in saves:
                await asyncio.sleep(0.05)  # a few quiet ticks between saves
                first = len(ticks) - 1
                t0 = time.perf_counter()
                saving.persist(records, "", refresh_home=refresh, journal=kind == "autosave")
                walls.append(await until(lambda: saving.in_flight == 0, step=0.001) - t0)
                await app.workers.wait_for_complete()  # the home reload after a commitment
                await asyncio.sleep(2 * TICK)  # the tick that was held up
                late[kind].append(late_ms(ticks[first:]))
        timer.stop()
    medians = {k: statistics.median(v) for k, v in late.items()}
    worst = {f"{k} worst": max(v) for k, v in late.items()}
    return {"idle": idle_late, **medians, **worst, "wall": statistics.median(walls)}


def late_ms(ticks: list[float]) -> float:
    gaps = [b - a for a, b in itertools.pairwise(ticks)]
    return 1000 * max((g - TICK for g in gaps), default=float("nan"))


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=(__doc__ or "").split("\n\n")[0])
    p.add_argument("-n", "--runs", type=int, default=15, help="saves of each kind (15)")
    p.add_argument("--ui-runs", type=int, default=5, help="saves of each kind in the app (5)")
    p.add_argument("--idle", type=float, default=2.0, help="idle baseline, seconds (2)")
    p.add_argument("--sizes", default="small,large", help="team sizes (small,large)")
    p.add_argument("--strict", action="store_true", help="exit 1 when a target is missed")
    p.add_argument("--json", metavar="FILE", help="also write the figures for run.py")
    args = p.parse_args(argv)
    isolate()
    print("save: one save as the app makes it, and the UI thread meanwhile", flush=True)
    root = Path(tempfile.mkdtemp(prefix="oneonone-bench-save-"))
    results: list[Result] = []
    try:
        for name in [s.strip() for s in args.sizes.split(",") if s.strip() in SIZES]:
            size = SIZES[name]
            source = team(size)
            t = store_saves(size, source, root / f"store-{name}", args.runs)
            ms = {k: 1000 * statistics.median(v) for k, v in t.items()}
            print(
                f"  {size.label}: autosave {ms['autosave']:.1f} ms (store {ms['store']:.1f}; "
                f"written whole: {ms['whole']:.1f}), commitment {ms['commitment']:.1f} ms, "
                f"first save of the run (with its backup) {ms['first']:.0f} ms; medians of "
                f"{args.runs}",
                flush=True,
            )
            lag = asyncio.run(ui_lag(source, root / f"app-{name}", args.ui_runs, args.idle))
            print(
                f"  {size.label}: UI timer late by at most {lag['idle']:.1f} ms idle, "
                f"{lag['autosave']:.1f} ms during an autosave (worst "
                f"{lag['autosave worst']:.1f}), {lag['commitment']:.1f} ms during a commitment "
                f"(worst {lag['commitment worst']:.1f}), medians of {args.ui_runs} each; a save "
                f"takes {1000 * lag['wall']:.0f} ms from persist to done (median)",
                flush=True,
            )
            limit = TARGET_SAVE_MS if size.name == "small" else None
            results += [
                Result(f"save: note autosave, {size.approx}", ms["autosave"], "ms", limit=limit),
                Result(f"save: new commitment, {size.approx}", ms["commitment"], "ms", limit=limit),
                Result(
                    f"UI timer lateness, autosave, {size.approx}",
                    lag["autosave"],
                    "ms",
                    lag["idle"],
                    "idle",
                    FRAME_MS,
                    compare=False,
                ),
                Result(
                    f"UI timer lateness, commitment, {size.approx}",
                    lag["commitment"],
                    "ms",
                    lag["idle"],
                    "idle",
                    FRAME_MS,
                    compare=False,
                ),
            ]
    finally:
        shutil.rmtree(root, ignore_errors=True)
    return finish(results, json_path=args.json, strict=args.strict)


if __name__ == "__main__":
    sys.exit(main())

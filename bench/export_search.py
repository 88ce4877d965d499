"""Export and search benchmark: session logs to Markdown, and the search index, on demo teams.

Run by hand (from the repository root):
  .venv/bin/python bench/export_search.py                 # 5 runs each
  .venv/bin/python bench/export_search.py -n 9            # more runs
  .venv/bin/python bench/export_search.py --skip-large    # only the 3,100-session figure

The teams are bench/data.py's (3,110 and 25,115 sessions), generated once and cached.

Cases, each a median, with its target:
  1. one rep's sessions at 3,100 (the rep with the most, about 300): reading that rep's
     records from an open store, building the Markdown and writing the file, as the app's
     "export this rep" key does <= 0.3 s; the Markdown alone and the whole command
     (``oneonone export sessions --rep``, a new process) are printed beside it;
  2. everything at 25,000: ``oneonone export sessions --out DIR --force`` in a new process,
     one file per rep, from process start to exit <= 10 s;
  3. ``SearchIndex.build`` at 25,000 on an open store (reported; no target: the app builds
     it in a worker) and a search query (SQLite FTS5, bm25-ranked): the median over several
     queries (common words that stop at the 200-hit limit, rare words, and words found
     nowhere) <= 10 ms, each query's own median printed too, and the slowest of them
     <= 50 ms.

Exit status 0; 1 with --strict when a target is missed.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from data import LARGE, SMALL, SRC, copy_team, team
from report import Result, finish

from oneonone.core.export.sessions import SessionsExport
from oneonone.core.model import Agreement, Commitment, Invocation, Rep, Session
from oneonone.core.search import SearchIndex
from oneonone.core.store import Store
from oneonone.perf import collector

QUERIES = (
    "acme",
    "pipeline",
    "lunch",
    "Silverline Payments",
    "carried",
    "zzqx-not-there",
    "STRASSE",
)

ONE_REP_TARGET = 0.3
EVERYTHING_TARGET = 10.0
QUERY_TARGET = 0.010  # the median query
SLOWEST_TARGET = 0.050


def median(runs: int, work: Callable[[], object]) -> float:
    times = []
    for _ in range(runs):
        began = time.perf_counter()
        work()
        times.append(time.perf_counter() - began)
    return statistics.median(times)


def command(argv: list[str]) -> None:
    env = dict(os.environ, PYTHONPATH=str(SRC))
    subprocess.run(
        [sys.executable, "-m", "oneonone", *argv],
        check=True,
        stdout=subprocess.DEVNULL,
        env=env,
    )


def line(label: str, seconds: float) -> None:
    shown = f"{seconds * 1000:8.1f} ms" if seconds < 1 else f"{seconds:8.2f} s "
    print(f"  {label:<68} {shown}", flush=True)


def one_rep(path: Path, runs: int) -> Result:
    """One rep's export as the app makes it (history, x: ``OneOnOneApp._export_in_thread``
    with one rep): that rep's records read from the store (only that rep's part of the file),
    the Markdown built and written to a new file."""
    from oneonone.core.export.files import write_new_file

    with Store.open(path, allow_read_only=True) as store:
        reps = store.all(Rep)
        settings = store.settings()
        counts = {r.id: 0 for r in reps}
        for doc in store.documents(Session):
            counts[doc["rep_id"]] = counts.get(doc["rep_id"], 0) + 1
        rep = max(reps, key=lambda r: counts[r.id])
        out = Path(tempfile.mkdtemp(prefix="oneonone-bench-out-"))

        def read() -> SessionsExport:
            return SessionsExport(
                sessions=store.where(Session, rep_id=rep.id),
                agreements=store.where(Agreement, rep_id=rep.id),
                commitments=store.where(Commitment, rep_id=rep.id),
                invocations=store.where(Invocation, rep_id=rep.id),
                settings=settings,
            )

        def as_the_app() -> None:
            target = out / "rep.md"
            target.unlink(missing_ok=True)
            write_new_file(target, read().rep_markdown(rep))

        app = median(runs, as_the_app)
        loaded = read()
        render = median(runs, lambda: loaded.rep_markdown(rep))
        shutil.rmtree(out, ignore_errors=True)
    sessions = counts[rep.id]
    line(f"one rep ({sessions} sessions), as the app: that rep's records + Markdown + file", app)
    line("  the Markdown alone", render)
    cli = median(
        max(3, runs // 2),
        lambda: command(["export", "sessions", "--rep", rep.id[:8], "--db", str(path)]),
    )
    line("  the whole command (oneonone export sessions --rep, a new process)", cli)
    return Result(
        f"export one rep's {sessions} sessions (in the app), {SMALL.approx}",
        1000 * app,
        "ms",
        limit=1000 * ONE_REP_TARGET,
    )


def everything(path: Path, runs: int) -> Result:
    with tempfile.TemporaryDirectory(prefix="oneonone-bench-out-") as out:
        argv = ["export", "sessions", "--db", str(path), "--out", out, "--force"]
        seconds = median(runs, lambda: command(argv))
        files = len(os.listdir(out))
    line(f"everything ({files} files), the whole command", seconds)
    return Result(
        f"export everything (a new process), {LARGE.approx}", seconds, "s", limit=EVERYTHING_TARGET
    )


def built(store: Store) -> SearchIndex:
    """The index built as the app builds it: the collector paused (oneonone/perf/collector.py)."""
    with collector.paused():
        return SearchIndex.build(store)


def search(path: Path, runs: int) -> list[Result]:
    began = time.perf_counter()
    with Store.open(path, allow_read_only=True) as store:
        opened = time.perf_counter() - began
        sessions = sum(1 for _ in store.documents(Session))
        build = median(runs, lambda: built(store))
        index = built(store)
    line(f"open the data file ({sessions:,} sessions)", opened)
    line(f"SearchIndex.build ({len(index):,} texts)", build)
    per_query = []
    for query in QUERIES:
        hits = len(index.search(query))
        seconds = median(max(runs, 9), lambda q=query: index.search(q))  # type: ignore[misc]
        per_query.append(seconds)
        line(f"  search {query!r} ({hits} hits)", seconds)
    return [
        Result(
            f"search a word, median of {len(QUERIES)} queries, {LARGE.approx}",
            1000 * statistics.median(per_query),
            "ms",
            limit=1000 * QUERY_TARGET,
        ),
        Result(
            f"search, the slowest query, {LARGE.approx}",
            1000 * max(per_query),
            "ms",
            limit=1000 * SLOWEST_TARGET,
        ),
        Result(f"search index build (in the background), {LARGE.approx}", 1000 * build, "ms"),
    ]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n\n")[0])
    parser.add_argument("-n", "--runs", type=int, default=5, help="runs per case (5)")
    parser.add_argument("--skip-large", action="store_true", help="only the 3,100 figure")
    parser.add_argument("--strict", action="store_true", help="exit 1 when a target is missed")
    parser.add_argument("--json", metavar="FILE", help="also write the figures for run.py")
    args = parser.parse_args(argv)

    print(f"export and search: medians of {args.runs} runs", flush=True)
    root = Path(tempfile.mkdtemp(prefix="oneonone-bench-export-"))
    results = []
    try:  # private copies: nothing here touches the cached teams
        small = copy_team(team(SMALL), root / "small")
        print(SMALL.label)
        results.append(one_rep(small, args.runs))
        if not args.skip_large:
            large = copy_team(team(LARGE), root / "large")
            print(LARGE.label)
            results.append(everything(large, max(3, args.runs // 2)))
            results += search(large, args.runs)
    finally:
        shutil.rmtree(root, ignore_errors=True)
    return finish(results, json_path=args.json, strict=args.strict)


if __name__ == "__main__":
    sys.exit(main())

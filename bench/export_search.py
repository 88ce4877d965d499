"""Export and search benchmark: session logs to Markdown, and the search index, on demo teams.

Run by hand (from the repository root):
  .venv/bin/python bench/export_search.py                 # 5 runs each, cached demo files
  .venv/bin/python bench/export_search.py -n 9            # more runs
  .venv/bin/python bench/export_search.py --skip-large    # only the 12x5 figures
  .venv/bin/python bench/export_search.py --fresh         # generate the demo files again

The demo files (``core.demo``: 12 reps x 5 years, about 2,900 sessions, and 100 reps x 5
years, about 22,400 sessions; "today" fixed at 2026-06-01, so every run sees the same data)
are generated once (about 15 s for both) and kept in ``$TMPDIR/oneonone-bench/``.

Cases, each a median, with its target:
  1. one rep's sessions at 12x5 (the rep with the most): reading that rep's records from an
     open store and building the Markdown (the app's "export this rep" key) <= 0.3 s; the
     Markdown alone and the whole command (``oneonone export sessions --rep``, a new
     process) are printed beside it;
  2. everything at 100x5: ``oneonone export sessions --out DIR --force`` in a new process,
     one file per rep, from process start to exit <= 10 s;
  3. ``SearchIndex.build`` at 100x5 on an open store (reported; no target) and a search
     query <= 200 ms: the median over several queries (common words that stop at the 200-hit
     limit, rare words, and words found nowhere, which scan everything), each query's own
     median printed too, and the slowest of them against the same target.

Exit status 0; 1 with --strict when a target is missed.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import pendulum

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "src"))

from oneonone.core.demo import demo_file  # noqa: E402
from oneonone.core.export.sessions import SessionsExport  # noqa: E402
from oneonone.core.model import Agreement, Commitment, Invocation, Rep, Session  # noqa: E402
from oneonone.core.search import SearchIndex  # noqa: E402
from oneonone.core.store import Store  # noqa: E402

TODAY = pendulum.Date(2026, 6, 1)
CACHE = Path(tempfile.gettempdir()) / "oneonone-bench"
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
QUERY_TARGET = 0.2


def demo(reps: int, years: int, *, fresh: bool) -> Path:
    folder = CACHE / f"{reps}x{years}-{TODAY.isoformat()}"
    path = folder / "demo.json"
    if path.is_file() and not fresh:
        return path
    folder.mkdir(parents=True, exist_ok=True)
    began = time.perf_counter()
    made = demo_file(folder, reps=reps, years=years, today=TODAY)
    print(f"  generated {made} in {time.perf_counter() - began:.1f} s", flush=True)
    return made


def median(runs: int, work: Callable[[], object]) -> float:
    times = []
    for _ in range(runs):
        began = time.perf_counter()
        work()
        times.append(time.perf_counter() - began)
    return statistics.median(times)


def command(argv: list[str]) -> None:
    env = dict(os.environ, PYTHONPATH=str(REPO / "src"))
    subprocess.run(
        [sys.executable, "-m", "oneonone", *argv],
        check=True,
        stdout=subprocess.DEVNULL,
        env=env,
    )


def line(label: str, seconds: float, target: float | None) -> bool:
    shown = f"{seconds * 1000:8.1f} ms" if seconds < 1 else f"{seconds:8.2f} s "
    if target is None:
        print(f"  {label:<52} {shown}")
        return True
    ok = seconds <= target
    goal = f"{target * 1000:.0f} ms" if target < 1 else f"{target:.0f} s"
    print(f"  {label:<52} {shown}   target <= {goal}   {'ok' if ok else 'MISSED'}")
    return ok


def one_rep(path: Path, runs: int) -> bool:
    with Store.open(path, allow_read_only=True) as store:
        reps = store.all(Rep)
        settings = store.settings()
        counts = {r.id: 0 for r in reps}
        for doc in store.documents(Session):
            counts[doc["rep_id"]] = counts.get(doc["rep_id"], 0) + 1
        rep = max(reps, key=lambda r: counts[r.id])

        def load() -> SessionsExport:
            return SessionsExport(
                sessions=store.where(Session, rep_id=rep.id),
                agreements=store.where(Agreement, rep_id=rep.id),
                commitments=store.where(Commitment, rep_id=rep.id),
                invocations=store.where(Invocation, rep_id=rep.id),
                settings=settings,
                today=TODAY,
            )

        loaded = load()
        total = median(runs, lambda: load().rep_markdown(rep))
        render = median(runs, lambda: loaded.rep_markdown(rep))
    name = rep.name.split()[0]
    ok = line(
        f"one rep ({counts[rep.id]} sessions of {name}): read + Markdown", total, ONE_REP_TARGET
    )
    line("  the Markdown alone", render, None)
    cli = median(
        max(3, runs // 2),
        lambda: command(["export", "sessions", "--rep", rep.id[:8], "--db", str(path)]),
    )
    line("  the whole command (a new process)", cli, None)
    return ok


def everything(path: Path, runs: int) -> bool:
    with tempfile.TemporaryDirectory(prefix="oneonone-bench-out-") as out:
        argv = ["export", "sessions", "--db", str(path), "--out", out, "--force"]
        seconds = median(runs, lambda: command(argv))
        files = len(os.listdir(out))
    return line(f"everything ({files} files), the whole command", seconds, EVERYTHING_TARGET)


def search(path: Path, runs: int) -> bool:
    began = time.perf_counter()
    with Store.open(path, allow_read_only=True) as store:
        opened = time.perf_counter() - began
        sessions = len(store.documents(Session))
        build = median(runs, lambda: SearchIndex.build(store))
        index = SearchIndex.build(store)
    line(f"open the data file ({sessions:,} sessions)", opened, None)
    line(f"SearchIndex.build ({len(index):,} texts)", build, None)
    per_query = []
    for query in QUERIES:
        hits = len(index.search(query))
        seconds = median(max(runs, 9), lambda q=query: index.search(q))  # type: ignore[misc]
        per_query.append(seconds)
        line(f"  search {query!r} ({hits} hits)", seconds, None)
    line("search, median over the queries", statistics.median(per_query), QUERY_TARGET)
    return line("search, the slowest query (a full scan)", max(per_query), QUERY_TARGET)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("-n", "--runs", type=int, default=5, help="runs per case (5)")
    parser.add_argument("--skip-large", action="store_true", help="only the 12x5 figures")
    parser.add_argument("--fresh", action="store_true", help="generate the demo files again")
    parser.add_argument("--strict", action="store_true", help="exit 1 when a target is missed")
    args = parser.parse_args()

    print(f"Demo files in {CACHE}", flush=True)
    small = demo(12, 5, fresh=args.fresh)
    large = None if args.skip_large else demo(100, 5, fresh=args.fresh)
    print(f"Medians of {args.runs} runs (python {sys.version.split()[0]}, {os.cpu_count()} CPUs)")
    print("12 reps x 5 years")
    ok = one_rep(small, args.runs)
    if large is not None:
        print("100 reps x 5 years")
        ok = everything(large, max(3, args.runs // 2)) and ok
        ok = search(large, args.runs) and ok
    return 0 if ok or not args.strict else 1


if __name__ == "__main__":
    sys.exit(main())

"""Memory benchmark: the peak resident memory of oneonone at 25,000 sessions (and at 3,100),
against the minimal Textual app (bench/minimal_app.py, the floor).

Each run starts the program in a fresh tmux session (120x40, a private socket, its own HOME,
a private copy of the generated team of bench/data.py), waits until its first screen is
painted and then until it is idle (at most 30 ms of CPU in a second: oneonone has built its
search index and finished its other start-up work in the background), and reads the
process's peak resident set size, ``VmHWM`` of ``/proc/<pid>/status`` (the current ``VmRSS``
is printed too). The programs take turns; the figure is the median over --runs runs. No
target: the issue asks for the figure.

Usage (from the repository root):
  .venv/bin/python bench/memory.py                # 3 runs, both sizes
  .venv/bin/python bench/memory.py -n 5 --sizes large
"""

from __future__ import annotations

import argparse
import re
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

from data import SIZES, compile_sources, copy_team, team
from report import Result, finish
from startup import MINIMAL_APP, MINIMAL_MARKER, TEAM_MARKER
from term import MarkerMissing, Tmux, status_kb, terminal_env, wait_gone, wait_idle


def peak(
    tmux: Tmux, argv: list[str], marker: str, folder: Path, label: str, timeout: float
) -> tuple[float, float, float]:
    """(VmHWM MB, VmRSS MB, seconds from start to idle) of one run."""
    t0 = time.perf_counter()
    name = tmux.start(argv, terminal_env(folder / "home"))
    pid = tmux.pid(name)
    try:
        tmux.wait_for(name, re.compile(marker), case=label, timeout=timeout, since=t0)
        wait_idle(pid, timeout=timeout)
        took = time.perf_counter() - t0
        return status_kb(pid, "VmHWM") / 1024, status_kb(pid, "VmRSS") / 1024, took
    finally:
        tmux.kill(name)
        wait_gone(pid)


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=(__doc__ or "").split("\n\n")[0])
    p.add_argument("-n", "--runs", type=int, default=3, help="runs of each program (3)")
    p.add_argument("--sizes", default="small,large", help="team sizes (small,large)")
    p.add_argument("--timeout", type=float, default=60.0)
    p.add_argument("--python", default=sys.executable, help="interpreter for the programs")
    p.add_argument("--socket", default="bench-memory", help="tmux socket name (-L)")
    p.add_argument("--json", metavar="FILE", help="also write the figures for run.py")
    args = p.parse_args(argv)
    compile_sources()
    if shutil.which("tmux") is None:
        print("memory.py needs tmux on the PATH.", file=sys.stderr)
        return 2
    sizes = [SIZES[s.strip()] for s in args.sizes.split(",") if s.strip() in SIZES]
    programs = [("minimal", "minimal Textual app", None)]
    programs += [(s.name, f"oneonone, {s.approx}", team(s)) for s in sizes]
    found: dict[str, list[tuple[float, float, float]]] = {key: [] for key, _, _ in programs}
    print("memory: peak resident memory once painted and idle, in tmux", flush=True)
    root = Path(tempfile.mkdtemp(prefix="oneonone-bench-memory-"))
    try:
        with Tmux(args.socket) as tmux:
            for run in range(1, args.runs + 1):
                print(f"  run {run}/{args.runs}:", end="", flush=True)
                for key, label, source in programs:
                    folder = root / f"{key}-{run}"
                    if source is None:
                        argv_, marker = [args.python, str(MINIMAL_APP)], re.escape(MINIMAL_MARKER)
                    else:
                        data = copy_team(source, folder / "team")
                        argv_ = [args.python, "-m", "oneonone", "--db", str(data)]
                        marker = TEAM_MARKER
                    got = peak(tmux, argv_, marker, folder, label, args.timeout)
                    found[key].append(got)
                    shutil.rmtree(folder, ignore_errors=True)
                    print(
                        f"  {key} {got[0]:.0f} MB (idle after {got[2]:.1f} s)", end="", flush=True
                    )
                print(flush=True)
    except (MarkerMissing, TimeoutError) as exc:
        screen = getattr(exc, "screen", "")
        print(f"\n\nFAILED: {exc}. The screen:\n{screen.rstrip()}", file=sys.stderr)
        return 2
    finally:
        shutil.rmtree(root, ignore_errors=True)

    floor = statistics.median(hwm for hwm, _, _ in found["minimal"])
    results = []
    for key, label, _ in programs:
        hwm = statistics.median(h for h, _, _ in found[key])
        rss = statistics.median(r for _, r, _ in found[key])
        print(f"  {label}: peak {hwm:.0f} MB, resident when idle {rss:.0f} MB")
        if key != "minimal":
            size = SIZES[key]
            results.append(Result(f"peak memory, {size.approx}", hwm, "MB", floor, "minimal app"))
    return finish(results, json_path=args.json, strict=False)


if __name__ == "__main__":
    sys.exit(main())

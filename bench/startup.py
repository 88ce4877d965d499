"""Startup benchmark: the median time from process start to the first painted screen.

Measured in a real terminal. Each run starts the program in a fresh detached tmux session
(120x40, on a private tmux socket), polls ``tmux capture-pane -p`` every ~10 ms until the
case's marker regex is on the screen, then kills the session and waits for the process to be
gone. The clock starts just before ``tmux new-session``: every case carries the same small
tmux overhead, so the ratios compare like with like. The cases take turns (a b c a b c ...),
so that a change in the machine's load falls on all of them alike; one untimed warm-up round
comes first.

Cases:
  a  a minimal Textual app (bench/minimal_app.py: Header, Label, Footer), the floor;
     marker: its label text
  b  oneonone on a fresh, empty data file (``python -m oneonone --db <new file>``);
     marker: ``Welcome to oneonone|\\b\\d+ reps?\\b``
  c  oneonone on the generated teams of bench/data.py (3,110 sessions, 12 reps x 5 years;
     and 25,115 sessions, 86 reps x 5 years); marker: home's ``N to do`` or the roster's
     ``N reps``

Each run gets its own copy of the data file and its own HOME, so no run sees another's
changes and your own data and config are never touched. The save is timed by bench/save.py.

Targets, printed (and enforced only with --strict): c/a <= 1.5 at 3,100 sessions, <= 2 at
25,000.

Usage (from the repository root):
  .venv/bin/python bench/startup.py                       # a, b, c at both sizes; 7 runs each
  .venv/bin/python bench/startup.py -n 11                 # more runs
  .venv/bin/python bench/startup.py --cases a,b           # skip (c)
  .venv/bin/python bench/startup.py --sizes small         # (c) at 3,100 sessions only
  .venv/bin/python bench/startup.py --strict              # exit 1 when a target is missed

Exit status: 0; 2 if a marker never appeared or the program exited first (the screen is
printed); 1 with --strict when a target is missed. Needs tmux.
"""

from __future__ import annotations

import argparse
import re
import shutil
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from data import SIZES, Size, compile_sources, copy_team, team
from report import Result, finish
from term import MarkerMissing, Tmux, terminal_env, wait_gone

REPO = Path(__file__).resolve().parents[1]
MINIMAL_APP = REPO / "bench" / "minimal_app.py"
MINIMAL_MARKER = "oneonone bench: minimal app painted"  # must match bench/minimal_app.py
EMPTY_MARKER = r"Welcome to oneonone|\b\d+ reps?\b"
TEAM_MARKER = r"\b\d+ to do\b|\b\d+ reps?\b"  # home (the dashboard) or the roster
TARGET_RATIO = {"small": 1.5, "large": 2.0}


@dataclass
class Case:
    key: str
    label: str
    marker: re.Pattern[str]
    argv: Callable[[Path], list[str]]  # the run's own folder -> the command
    size: Size | None = None
    times: list[float] = field(default_factory=list)  # seconds

    @property
    def median_ms(self) -> float:
        return 1000 * statistics.median(self.times)


def time_one(tmux: Tmux, case: Case, folder: Path, timeout: float) -> float:
    """Seconds from starting ``case`` in tmux until its marker is on the screen."""
    env = terminal_env(folder / "home")
    argv = case.argv(folder)
    t0 = time.perf_counter()
    name = tmux.start(argv, env)
    pid = tmux.pane(name, "pane_pid")
    try:
        return tmux.wait_for(name, case.marker, case=case.label, timeout=timeout, since=t0)
    finally:
        tmux.kill(name)
        if pid.isdigit():
            wait_gone(int(pid))


def run_rounds(
    tmux: Tmux, cases: list[Case], root: Path, runs: int, warmup: int, timeout: float, settle: float
) -> None:
    """Round-robin over the cases (a b c a b c ...), so that a change in the machine's load
    during the benchmark falls on every case alike."""
    for i in range(warmup + runs):
        label = "warm-up" if i < warmup else f"run {i - warmup + 1}/{runs}"
        print(f"  {label:>10}:", end="", flush=True)
        for case in cases:
            folder = root / f"{case.key}-{i}"
            elapsed = time_one(tmux, case, folder, timeout)
            shutil.rmtree(folder, ignore_errors=True)
            if i >= warmup:
                case.times.append(elapsed)
            print(f"  {case.key} {1000 * elapsed:.0f} ms", end="", flush=True)
            time.sleep(settle)
        print()


def build_cases(wanted: set[str], sizes: list[Size], py: str) -> list[Case]:
    cases: list[Case] = []
    if "a" in wanted:
        cases.append(
            Case(
                "a",
                "(a) minimal Textual app",
                re.compile(re.escape(MINIMAL_MARKER)),
                lambda _folder: [py, str(MINIMAL_APP)],
            )
        )
    if "b" in wanted:
        cases.append(
            Case(
                "b",
                "(b) oneonone, empty data file",
                re.compile(EMPTY_MARKER),
                lambda folder: [py, "-m", "oneonone", "--db", str(folder / "oneonone.json")],
            )
        )
    for size in sizes if "c" in wanted else []:
        source = team(size)

        def argv_c(folder: Path, source: Path = source) -> list[str]:
            return [py, "-m", "oneonone", "--db", str(copy_team(source, folder / "team"))]

        cases.append(
            Case(
                f"c-{size.name}",
                f"(c) oneonone, {size.label}",
                re.compile(TEAM_MARKER),
                argv_c,
                size,
            )
        )
    return cases


def results(cases: list[Case]) -> list[Result]:
    base = next((c for c in cases if c.key == "a"), None)
    floor = base.median_ms if base else None
    out = []
    for c in cases:
        if c.key == "a":
            continue
        if c.size is None:
            out.append(
                Result(
                    "start to first paint, empty file",
                    c.median_ms,
                    "ms",
                    floor,
                    "minimal app",
                    on_ratio=True,
                )
            )
        else:
            limit = TARGET_RATIO[c.size.name] if floor else None
            out.append(
                Result(
                    f"start to home painted, {c.size.approx}",
                    c.median_ms,
                    "ms",
                    floor,
                    "minimal app",
                    limit,
                    on_ratio=True,
                )
            )
    return out


def build_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        description="Median time to the first painted screen, in tmux.",
        formatter_class=argparse.RawDescriptionHelpFormatter,
        epilog=(__doc__ or "").split("Usage (from the repository root):")[-1],
    )
    p.add_argument("-n", "--runs", type=int, default=7, help="timed runs per case (7)")
    p.add_argument("--warmup", type=int, default=1, help="untimed runs before each case (1)")
    p.add_argument("--cases", default="a,b,c", help="which cases to run, e.g. a,b (a,b,c)")
    p.add_argument("--sizes", default="small,large", help="team sizes for (c) (small,large)")
    p.add_argument("--timeout", type=float, default=30.0, help="seconds to wait for a marker")
    p.add_argument("--settle", type=float, default=0.3, help="pause after each run, seconds")
    p.add_argument("--python", default=sys.executable, help="interpreter for the programs")
    p.add_argument("--socket", default="bench-startup", help="tmux socket name (-L)")
    p.add_argument("--cols", type=int, default=120)
    p.add_argument("--rows", type=int, default=40)
    p.add_argument("--strict", action="store_true", help="exit 1 when a target is missed")
    p.add_argument("--json", metavar="FILE", help="also write the figures for run.py")
    return p


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    if shutil.which("tmux") is None:
        print("startup.py needs tmux on the PATH.", file=sys.stderr)
        return 2
    wanted = {c.strip() for c in args.cases.split(",") if c.strip()}
    unknown = wanted - {"a", "b", "c"}
    sizes = [SIZES[s.strip()] for s in args.sizes.split(",") if s.strip() in SIZES]
    if unknown:
        print(f"unknown case(s): {', '.join(sorted(unknown))}", file=sys.stderr)
        return 2
    compile_sources()
    print("startup: start to first paint, in tmux", flush=True)
    cases = build_cases(wanted, sizes, args.python)
    root = Path(tempfile.mkdtemp(prefix="oneonone-bench-"))
    try:
        print(
            f"  {args.runs} runs per case (+{args.warmup} warm-up), tmux {args.cols}x{args.rows}",
            flush=True,
        )
        with Tmux(args.socket, args.cols, args.rows) as tmux:
            run_rounds(tmux, cases, root, args.runs, args.warmup, args.timeout, args.settle)
    except MarkerMissing as exc:
        print(f"\n\nFAILED: {exc.case}: {exc.reason}. The screen:\n", file=sys.stderr)
        print(exc.screen.rstrip() or "(empty)", file=sys.stderr)
        return 2
    finally:
        shutil.rmtree(root, ignore_errors=True)

    print()
    print(f"  {'case':<52} {'median ms':>10} {'min':>7} {'max':>7}")
    for c in cases:
        print(
            f"  {c.label:<52} {c.median_ms:>10.0f} {1000 * min(c.times):>7.0f} "
            f"{1000 * max(c.times):>7.0f}"
        )
    return finish(results(cases), json_path=args.json, strict=args.strict)


if __name__ == "__main__":
    sys.exit(main())

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
  c  oneonone on a generated team (core.demo, generated once before timing; 12 reps x 5 years
     of weekly sessions unless --sizes says otherwise); marker: ``\\b\\d+ reps?\\b``
and, at each size of (c), in-process: the median time of one save, ``Store.put`` of one
modified session, on a copy of the (c) file (the first save of a run, which also makes the
run's backup, is reported apart).

Each run gets its own copy of the data file and its own HOME, so no run sees another's
changes and your own data and config are never touched.

Targets, printed (and enforced only with --strict): c/a <= 1.5 and save <= 50 ms.

Usage (from the repository root):
  .venv/bin/python bench/startup.py                       # a, b, c at 12x5; 7 runs each; save
  .venv/bin/python bench/startup.py -n 11                 # more runs
  .venv/bin/python bench/startup.py --cases a,b           # skip (c) and the save benchmark
  .venv/bin/python bench/startup.py --skip-large          # the same
  .venv/bin/python bench/startup.py --sizes 12x5,100x5    # (c) and the save at several sizes
  .venv/bin/python bench/startup.py --save-runs 31        # a steadier save median
  .venv/bin/python bench/startup.py --strict              # exit 1 when a target is missed

Exit status: 0; 2 if a marker never appeared or the program exited first (the screen is
printed); 1 with --strict when a target is missed. Needs tmux.
"""

from __future__ import annotations

import argparse
import os
import re
import shlex
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
MINIMAL_APP = REPO / "bench" / "minimal_app.py"
MINIMAL_MARKER = "oneonone bench: minimal app painted"  # must match bench/minimal_app.py
EMPTY_MARKER = r"Welcome to oneonone|\b\d+ reps?\b"
TEAM_MARKER = r"\b\d+ to do\b|\b\d+ reps?\b"  # home (the dashboard) or the roster
TARGET_RATIO = 1.5
TARGET_SAVE_MS = 50.0
POLL_SECONDS = 0.01

try:  # an editable install makes oneonone importable; a plain checkout needs src/ on the path
    import oneonone  # noqa: F401
except ImportError:  # pragma: no cover
    sys.path.insert(0, str(REPO / "src"))


class MarkerMissing(Exception):
    def __init__(self, case: str, reason: str, screen: str) -> None:
        self.case, self.reason, self.screen = case, reason, screen
        super().__init__(f"{case}: {reason}")


# --- tmux ------------------------------------------------------------------------------------


class Tmux:
    """Sessions on our own socket; a keeper session holds the server up between runs."""

    def __init__(self, socket: str, cols: int, rows: int) -> None:
        self.socket, self.cols, self.rows = socket, cols, rows
        self.prefix = f"bench-{os.getpid()}"
        self.keeper = f"{self.prefix}-keeper"
        self.count = 0

    def tmux(self, *args: str, check: bool = True) -> str:
        done = subprocess.run(
            ["tmux", "-L", self.socket, *args], capture_output=True, text=True, check=False
        )
        if check and done.returncode != 0:
            raise RuntimeError(f"tmux {' '.join(args)}: {done.stderr.strip()}")
        return done.stdout

    def __enter__(self) -> Tmux:
        self.tmux("new-session", "-d", "-s", self.keeper, *self.size(), "sleep 86400")
        # keep a pane whose program exited, so that its last screen can be shown; set for the
        # whole (private) server, so that a program that dies at once is kept too
        self.tmux("set-option", "-wg", "remain-on-exit", "on")
        return self

    def __exit__(self, *exc: object) -> None:
        self.tmux("kill-session", "-t", self.keeper, check=False)

    def size(self) -> list[str]:
        return ["-x", str(self.cols), "-y", str(self.rows)]

    def start(self, argv: list[str], env: dict[str, str]) -> str:
        self.count += 1
        name = f"{self.prefix}-{self.count}"
        flags = [f"-e{k}={v}" for k, v in env.items()]
        command = "exec " + shlex.join(argv)
        self.tmux("new-session", "-d", "-s", name, *self.size(), *flags, command)
        return name

    def screen(self, name: str, *, history: bool = False) -> str | None:
        """The visible screen; with ``history`` also what scrolled off (a dead pane's output
        is pushed up by tmux's "Pane is dead" line)."""
        more = ["-S", "-"] if history else []
        done = subprocess.run(
            ["tmux", "-L", self.socket, "capture-pane", "-p", *more, "-t", name],
            capture_output=True,
            text=True,
            check=False,
        )
        return done.stdout if done.returncode == 0 else None

    def pane(self, name: str, what: str) -> str:
        return self.tmux("display-message", "-p", "-t", name, f"#{{{what}}}", check=False).strip()

    def kill(self, name: str) -> None:
        self.tmux("kill-session", "-t", name, check=False)


def wait_gone(pid: int, timeout: float = 5.0) -> None:
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            return
        except PermissionError:
            return
        time.sleep(0.01)


# --- cases -----------------------------------------------------------------------------------


@dataclass
class Case:
    key: str
    label: str
    marker: re.Pattern[str]
    argv: Callable[[Path], list[str]]  # the run's own folder -> the command
    times: list[float] = field(default_factory=list)  # seconds

    @property
    def median_ms(self) -> float:
        return 1000 * statistics.median(self.times)


def time_one(tmux: Tmux, case: Case, folder: Path, timeout: float) -> float:
    """Seconds from starting ``case`` in tmux until its marker is on the screen."""
    home = folder / "home"
    home.mkdir(parents=True)
    env = {
        "TERM": "xterm-256color",
        "COLORTERM": "truecolor",
        "HOME": str(home),
        "XDG_CONFIG_HOME": str(home / ".config"),
        "XDG_DATA_HOME": str(home / ".local" / "share"),
        "XDG_STATE_HOME": str(home / ".local" / "state"),
    }
    argv = case.argv(folder)
    t0 = time.perf_counter()
    name = tmux.start(argv, env)
    pid_text = tmux.pane(name, "pane_pid")
    screen: str | None = ""
    polls = 0
    try:
        while True:
            screen = tmux.screen(name)
            elapsed = time.perf_counter() - t0
            if screen is not None and case.marker.search(screen):
                return elapsed
            polls += 1
            if screen is None or (polls % 10 == 0 and tmux.pane(name, "pane_dead") == "1"):
                last = tmux.screen(name, history=True) or screen or ""
                raise MarkerMissing(
                    case.label, "the program exited before the marker appeared", last
                )
            if elapsed > timeout:
                raise MarkerMissing(
                    case.label, f"marker {case.marker.pattern!r} not seen in {timeout:g} s", screen
                )
            time.sleep(POLL_SECONDS)
    finally:
        tmux.kill(name)
        if pid_text.isdigit():
            wait_gone(int(pid_text))


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


# --- data ------------------------------------------------------------------------------------


@dataclass
class Size:
    reps: int
    years: float

    @property
    def label(self) -> str:
        return f"{self.reps} reps x {self.years:g} years"

    @property
    def key(self) -> str:
        return f"{self.reps}x{self.years:g}"


def parse_sizes(text: str) -> list[Size]:
    if text.strip().lower() in ("", "none", "0"):
        return []
    sizes = []
    for part in text.split(","):
        m = re.fullmatch(r"\s*(\d+)\s*x\s*(\d+(?:\.\d+)?)\s*", part)
        if not m:
            raise argparse.ArgumentTypeError(f"{part!r}: write sizes like 12x5 (reps x years)")
        sizes.append(Size(int(m.group(1)), float(m.group(2))))
    return sizes


def generate(size: Size, folder: Path) -> Path:
    from oneonone.core.dates import today_in
    from oneonone.core.demo import TIMEZONE, demo_file

    t0 = time.perf_counter()
    path = demo_file(folder, reps=size.reps, years=size.years, today=today_in(TIMEZONE))
    took = time.perf_counter() - t0
    print(
        f"  generated {size.label}: {path.stat().st_size / 1e6:.1f} MB in {took:.1f} s",
        flush=True,
    )
    return path


@dataclass
class SaveResult:
    size: Size
    megabytes: float
    median_ms: float
    first_ms: float
    runs: int


def bench_save(size: Size, source: Path, folder: Path, runs: int) -> SaveResult:
    """Median of ``store.put(one modified session)`` on a copy of ``source``."""
    from oneonone.core.model import Session
    from oneonone.core.store import Store

    folder.mkdir(parents=True)
    path = folder / source.name
    shutil.copyfile(source, path)
    store = Store.open(path)
    try:
        sessions = store.all(Session)
        session = sessions[len(sessions) // 2]
        times = []
        for i in range(runs + 1):
            session.notes = f"Edited by the save benchmark, run {i}."
            t0 = time.perf_counter()
            store.put(session)
            times.append(time.perf_counter() - t0)
    finally:
        store.close()
    return SaveResult(
        size=size,
        megabytes=path.stat().st_size / 1e6,
        median_ms=1000 * statistics.median(times[1:]),
        first_ms=1000 * times[0],
        runs=runs,
    )


# --- main ------------------------------------------------------------------------------------


def build_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        description="Median time to the first painted screen, in tmux; and the save time.",
        formatter_class=argparse.RawDescriptionHelpFormatter,
        epilog=(__doc__ or "").split("Usage (from the repository root):")[-1],
    )
    p.add_argument("-n", "--runs", type=int, default=7, help="timed runs per case (7)")
    p.add_argument("--warmup", type=int, default=1, help="untimed runs before each case (1)")
    p.add_argument("--cases", default="a,b,c", help="which cases to run, e.g. a,b (a,b,c)")
    p.add_argument(
        "--sizes",
        type=parse_sizes,
        default=parse_sizes("12x5"),
        help="team sizes for (c) and the save, REPSxYEARS, comma-separated; 'none' skips (12x5)",
    )
    p.add_argument("--skip-large", action="store_true", help="skip (c) and the save benchmark")
    p.add_argument("--save-runs", type=int, default=15, help="timed saves per size (15)")
    p.add_argument("--timeout", type=float, default=30.0, help="seconds to wait for a marker")
    p.add_argument("--settle", type=float, default=0.3, help="pause after each run, seconds")
    p.add_argument("--python", default=sys.executable, help="interpreter for the programs")
    p.add_argument("--socket", default="bench", help="tmux socket name (-L), 'bench'")
    p.add_argument("--cols", type=int, default=120)
    p.add_argument("--rows", type=int, default=40)
    p.add_argument("--strict", action="store_true", help="exit 1 when a target is missed")
    return p


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    if shutil.which("tmux") is None:
        print("startup.py needs tmux on the PATH.", file=sys.stderr)
        return 2
    wanted = {c.strip() for c in args.cases.split(",") if c.strip()}
    unknown = wanted - {"a", "b", "c"}
    if unknown:
        print(f"unknown case(s): {', '.join(sorted(unknown))}", file=sys.stderr)
        return 2
    sizes: list[Size] = [] if args.skip_large or "c" not in wanted else args.sizes
    py = args.python

    root = Path(tempfile.mkdtemp(prefix="oneonone-bench-"))
    cases: list[Case] = []
    saves: list[SaveResult] = []
    try:
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
        print(f"preparing ({len(sizes)} team size(s))", flush=True)
        for size in sizes:
            source = generate(size, root / f"gen-{size.key}")

            def argv_c(folder: Path, source: Path = source) -> list[str]:
                copy = folder / source.name
                shutil.copyfile(source, copy)
                return [py, "-m", "oneonone", "--db", str(copy)]

            cases.append(
                Case(f"c{size.key}", f"(c) oneonone, {size.label}", re.compile(TEAM_MARKER), argv_c)
            )
            saves.append(bench_save(size, source, root / f"save-{size.key}", args.save_runs))

        print(
            f"timing: {args.runs} runs per case (+{args.warmup} warm-up), "
            f"tmux {args.cols}x{args.rows}, polling every {1000 * POLL_SECONDS:.0f} ms",
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

    return report(cases, saves, strict=args.strict)


def report(cases: list[Case], saves: list[SaveResult], *, strict: bool) -> int:
    base = next((c for c in cases if c.key == "a"), None)
    print()
    print(f"{'case':<40} {'median ms':>10} {'min':>7} {'max':>7} {'vs (a)':>8}")
    for c in cases:
        ratio = f"{c.median_ms / base.median_ms:.2f}" if base else "-"
        print(
            f"{c.label:<40} {c.median_ms:>10.0f} {1000 * min(c.times):>7.0f} "
            f"{1000 * max(c.times):>7.0f} {ratio:>8}"
        )
    for s in saves:
        label = f"save at {s.size.key} ({s.megabytes:.1f} MB)"
        print(
            f"{label:<40} {s.median_ms:>10.1f}   median of {s.runs}; "
            f"first save of the run (with its backup) {s.first_ms:.0f} ms"
        )
    missed = False
    print("\ntargets")
    for c in cases:
        if c.key.startswith("c") and base is not None:
            ratio = c.median_ms / base.median_ms
            ok = ratio <= TARGET_RATIO
            missed |= not ok
            print(f"  c/a <= {TARGET_RATIO}  {c.label}: {ratio:.2f}  {'ok' if ok else 'MISSED'}")
    for s in saves:
        ok = s.median_ms <= TARGET_SAVE_MS
        missed |= not ok
        print(
            f"  save <= {TARGET_SAVE_MS:.0f} ms  at {s.size.key}: {s.median_ms:.1f} ms  "
            f"{'ok' if ok else 'MISSED'}"
        )
    return 1 if strict and missed else 0


if __name__ == "__main__":
    sys.exit(main())

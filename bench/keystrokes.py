"""Keystroke benchmark: the CPU time a typed key costs in the notes area of a running one-on-one,
against a bare Textual TextArea app (bench/bare_textarea.py, the floor).

Measured in a real terminal, by the kernel's count of the program's CPU time. Each run starts
the program in a fresh tmux session (120x40, a private socket, its own HOME):
- oneonone on a private copy of a generated team (bench/data.py; 3,100 sessions unless
  --size large): home is painted, then ``r`` (the roster), ``n`` (start a one-on-one with the
  first rep), ``Enter`` (the suggested kind); the session screen opens with the notes area
  focused;
- the bare TextArea app: it opens focused.
Then: a short untimed warm-up line is typed (first-use imports and caches), the program is
left until idle (at most 30 ms of CPU in a second), and its CPU time (utime + stime of all its
threads, ``/proc/<pid>/stat``) is read. N keys are typed with ``tmux send-keys -l``, --burst
characters every --pause seconds, in lines of about 50 characters, each ended with Enter
(which counts as a key). The default is a fast typist: one key at a time, about 8 a second,
so that each key is its own event and its own frame, as when a person types; bursts
(``--burst 20 --pause 0.5``) let the programs fold many keys into one frame and measure the
handling of keys more than the painting. Once the last word is on the screen, the program is
given --tail seconds (oneonone saves the notes a second after the last key, in a worker: that
save is part of the honest cost of typing), then left until idle again, and its CPU time is
read again: CPU per key = the difference / N. Nothing is subtracted. As a baseline, the CPU
the same program uses doing nothing over the same wall time is measured right after, and
reported beside it (and the figure net of it, for reference).

The programs take turns (oneonone, bare, oneonone, bare ...). The figure is the median over
--runs runs of each; target: oneonone / bare <= 1.1.

Usage (from the repository root):
  .venv/bin/python bench/keystrokes.py               # 5 runs of 150 keys each
  .venv/bin/python bench/keystrokes.py -n 3 --keys 300 --burst 20 --pause 0.5
  .venv/bin/python bench/keystrokes.py --strict      # exit 1 when the target is missed
"""

from __future__ import annotations

import argparse
import re
import shutil
import statistics
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

from bare_textarea import MARKER as BARE_MARKER
from data import SIZES, compile_sources, copy_team, team
from report import Result, finish
from term import MarkerMissing, Tmux, cpu_seconds, terminal_env, wait_gone, wait_idle

REPO = Path(__file__).resolve().parents[1]
BARE_APP = REPO / "bench" / "bare_textarea.py"
TARGET_RATIO = 1.1
TEXT = (
    "pipeline review with the rep three deals slipped to next quarter we agreed to requalify "
    "them by friday and to call the champion at acme before the forecast call on monday the "
    "renewal at silverline needs a pricing answer from finance and a date for the onsite"
)


@dataclass
class Program:
    key: str
    label: str
    cpu_per_key: list[float] = field(default_factory=list)  # seconds
    idle: list[float] = field(default_factory=list)  # seconds over the same wall time
    walls: list[float] = field(default_factory=list)


def lines_of(keys: int, tag: str) -> list[str]:
    """Lines of words, 48 characters each, whose characters plus one Enter before each line
    make ``keys`` keys; the last line ends with ``tag``, the word that shows the typing
    arrived."""
    text = " ".join([TEXT] * (keys // len(TEXT) + 2))
    out, pos, left = [], 0, keys
    while left - 1 > 50:
        n = min(48, left - len(tag) - 4)  # leave the last line room for the tag
        out.append(text[pos : pos + n].strip().ljust(n, "."))
        pos, left = pos + n, left - n - 1
    filler = text[pos : pos + max(0, left - len(tag) - 2)].strip()
    out.append(f"{filler} {tag}".rjust(left - 1, "."))
    assert sum(len(line) + 1 for line in out) == keys, out
    return out


def type_lines(tmux: Tmux, name: str, lines: list[str], burst: int, pause: float) -> int:
    keys = 0
    for n, line in enumerate(lines):
        for start in range(0, len(line), burst):
            tmux.keys(name, line[start : start + burst], literal=True)
            keys += len(line[start : start + burst])
            time.sleep(pause)
        if n < len(lines) - 1:
            tmux.keys(name, "Enter")
            keys += 1
            time.sleep(pause)
    return keys


def open_notes(tmux: Tmux, name: str, program: Program, timeout: float) -> None:
    """From start to the notes area focused, ready for typing."""
    t0 = time.perf_counter()
    if program.key == "bare":
        tmux.wait_for(
            name, re.compile(re.escape(BARE_MARKER)), case=program.label, timeout=timeout, since=t0
        )
        return
    steps = [
        (None, r"\b\d+ to do\b|\b\d+ reps?\b"),  # home (or the roster) painted
        ("r", r"Start date\s+Status\s+Tenure"),  # the roster
        ("n", r"Start a one-on-one with"),  # the kind dialog
        ("Enter", r"Notes at this step"),  # the session screen, notes focused
    ]
    for key, marker in steps:
        if key is not None:
            tmux.keys(name, key)
        tmux.wait_for(
            name, re.compile(marker), case=program.label, timeout=timeout, since=time.perf_counter()
        )


def one_run(
    tmux: Tmux, program: Program, folder: Path, argv: list[str], args: argparse.Namespace, run: int
) -> None:
    name = tmux.start(argv, terminal_env(folder / "home"))
    pid = tmux.pid(name)
    try:
        open_notes(tmux, name, program, args.timeout)
        wait_idle(pid, timeout=args.timeout)
        type_lines(tmux, name, ["warm up the notes area"], args.burst, args.pause)
        time.sleep(args.tail)
        wait_idle(pid, timeout=args.timeout)

        tag = f"zq{run}end"
        lines = lines_of(args.keys, tag)
        cpu0, t0 = cpu_seconds(pid), time.perf_counter()
        tmux.keys(name, "Enter")  # a new line after the warm-up: one key
        keys = 1 + type_lines(tmux, name, lines, args.burst, args.pause)
        tmux.wait_for(
            name,
            re.compile(tag),
            case=program.label,
            timeout=args.timeout,
            since=time.perf_counter(),
        )
        time.sleep(args.tail)
        wait_idle(pid, timeout=args.timeout)
        cpu1, wall = cpu_seconds(pid), time.perf_counter() - t0

        time.sleep(wall)  # the idle baseline: the same program doing nothing, as long
        idle = cpu_seconds(pid) - cpu1
    finally:
        tmux.kill(name)
        wait_gone(pid)
    program.cpu_per_key.append((cpu1 - cpu0) / keys)
    program.idle.append(idle)
    program.walls.append(wall)
    print(
        f"  {program.key} {1000 * (cpu1 - cpu0):.0f} ms CPU for {keys} keys in {wall:.1f} s "
        f"(idle {1000 * idle:.0f} ms)",
        end="",
        flush=True,
    )


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(
        description=(__doc__ or "").split("\n\n")[0],
        formatter_class=argparse.RawDescriptionHelpFormatter,
        epilog=(__doc__ or "").split("Usage (from the repository root):")[-1],
    )
    p.add_argument("-n", "--runs", type=int, default=5, help="runs of each program (5)")
    p.add_argument("--keys", type=int, default=150, help="keys typed per run (150)")
    p.add_argument("--burst", type=int, default=1, help="characters per send-keys (1)")
    p.add_argument("--pause", type=float, default=0.1, help="seconds between bursts (0.1)")
    p.add_argument("--tail", type=float, default=2.0, help="seconds after the last key (2)")
    p.add_argument("--size", default="small", choices=sorted(SIZES), help="oneonone's team")
    p.add_argument("--timeout", type=float, default=60.0)
    p.add_argument("--python", default=sys.executable, help="interpreter for the programs")
    p.add_argument("--socket", default="bench-keys", help="tmux socket name (-L)")
    p.add_argument("--strict", action="store_true", help="exit 1 when the target is missed")
    p.add_argument("--json", metavar="FILE", help="also write the figures for run.py")
    args = p.parse_args(argv)
    compile_sources()
    if shutil.which("tmux") is None:
        print("keystrokes.py needs tmux on the PATH.", file=sys.stderr)
        return 2
    size = SIZES[args.size]
    source = team(size)
    print(
        f"keystrokes: CPU per key, {args.keys} keys a run, {args.burst} at a time every "
        f"{args.pause:g} s, tmux 120x40",
        flush=True,
    )
    one = Program("oneonone", f"oneonone notes area ({size.approx})")
    bare = Program("bare", "bare TextArea app")
    root = Path(tempfile.mkdtemp(prefix="oneonone-bench-keys-"))
    try:
        with Tmux(args.socket) as tmux:
            for run in range(1, args.runs + 1):
                print(f"  run {run}/{args.runs}:", end="", flush=True)
                for program in (one, bare):
                    folder = root / f"{program.key}-{run}"
                    if program is one:
                        data = copy_team(source, folder / "team")
                        command = [args.python, "-m", "oneonone", "--db", str(data)]
                    else:
                        command = [args.python, str(BARE_APP)]
                    one_run(tmux, program, folder, command, args, run)
                    shutil.rmtree(folder, ignore_errors=True)
                print(flush=True)
    except (MarkerMissing, TimeoutError) as exc:
        screen = getattr(exc, "screen", "")
        print(f"\n\nFAILED: {exc}. The screen:\n{screen.rstrip()}", file=sys.stderr)
        return 2
    finally:
        shutil.rmtree(root, ignore_errors=True)

    for prog in (one, bare):
        per_key = statistics.median(prog.cpu_per_key)
        idle, wall = statistics.median(prog.idle), statistics.median(prog.walls)
        pairs = zip(prog.cpu_per_key, prog.idle, strict=True)
        net = statistics.median((c * args.keys - i) / args.keys for c, i in pairs)
        print(
            f"  {prog.label}: {1000 * per_key:.2f} ms CPU per key; idle over the same "
            f"{wall:.1f} s: {1000 * idle:.0f} ms ({1000 * idle / args.keys:.2f} ms a key); "
            f"net of idle {1000 * net:.2f} ms a key",
            flush=True,
        )
    ms_one, ms_bare = (
        1000 * statistics.median(one.cpu_per_key),
        1000 * statistics.median(bare.cpu_per_key),
    )
    idle_note = (
        f"idle over the same wall time: oneonone {1000 * statistics.median(one.idle):.0f} ms, "
        f"bare {1000 * statistics.median(bare.idle):.0f} ms (not subtracted)"
    )
    results = [
        Result(
            f"CPU per key, notes area ({size.approx})",
            ms_one,
            "ms/key",
            ms_bare,
            "bare TextArea",
            TARGET_RATIO,
            on_ratio=True,
            note=idle_note,
        ),
    ]
    return finish(results, json_path=args.json, strict=args.strict)


if __name__ == "__main__":
    sys.exit(main())

"""Every benchmark of the issue in one command, and one table of their figures.

Runs, each as its own process (so that none inherits another's imports, memory or event loop)
and each printing its details as it goes:
  startup.py        start to first paint vs a minimal Textual app, at 3,100 and 25,000 sessions
  save.py           a note autosave and a new commitment, and the UI timer meanwhile
  keystrokes.py     CPU per key in the notes area vs a bare TextArea app
  screens.py        opening a rep's history and agreement
  export_search.py  one rep's export, everyone's export, search
  memory.py         peak resident memory vs a minimal Textual app
then prints the machine in one line and the summary: figure, median, the floor or baseline
measured in the same run, the ratio, the target, PASS or MISS ("-": reported, no target).

The generated teams (bench/data.py) are made once and cached; the first run takes about 20 s
more. A full run takes about 15 minutes on 2 cores, --quick about 5.

Usage (from the repository root):
  .venv/bin/python bench/run.py                  # everything, each benchmark's own run counts
  .venv/bin/python bench/run.py --quick          # fewer runs
  .venv/bin/python bench/run.py -n 3             # 3 runs of everything
  .venv/bin/python bench/run.py --only startup,memory
  .venv/bin/python bench/run.py --markdown       # the table in Markdown too
  .venv/bin/python bench/run.py --strict         # exit 1 when a target is missed
"""

from __future__ import annotations

import argparse
import os
import platform
import subprocess
import sys
import tempfile
import time
from importlib.metadata import version
from pathlib import Path

from report import Result, markdown, read_json, table

BENCH = Path(__file__).resolve().parent
#: name -> (the full run's arguments, --quick's arguments, the option that sets the run count)
PLAN: dict[str, tuple[list[str], list[str], str]] = {
    "startup": ([], ["-n", "3"], "-n"),
    "save": ([], ["-n", "5", "--ui-runs", "3"], "-n"),
    "keystrokes": ([], ["-n", "2", "--keys", "100"], "-n"),
    "screens": ([], ["-n", "3"], "-n"),
    "export_search": ([], ["-n", "3"], "-n"),
    "memory": ([], ["-n", "1"], "-n"),
}


def machine() -> str:
    cpu = "unknown CPU"
    with open("/proc/cpuinfo") as f:
        for line in f:
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    with open("/proc/meminfo") as f:
        kb = next(int(line.split()[1]) for line in f if line.startswith("MemTotal:"))
    system = platform.system()
    try:
        release = platform.freedesktop_os_release()["PRETTY_NAME"]
        system = f"{release}, {system} {platform.release()}"
    except OSError:
        system = f"{system} {platform.release()}"
    return (
        f"{cpu} x {os.cpu_count()} CPUs, {kb / 1024 / 1024:.0f} GB RAM; "
        f"Python {platform.python_version()}, Textual {version('textual')}; {system}"
    )


def load() -> str:
    """The 1-minute load average: other work on the machine skews every figure."""
    return open("/proc/loadavg").read().split()[0]


def run_one(name: str, args: argparse.Namespace, out: Path) -> tuple[list[Result], int]:
    full, quick, runs_option = PLAN[name]
    argv = list(quick if args.quick else full)
    if args.runs is not None:
        argv += [runs_option, str(args.runs)]
    argv += ["--json", str(out)]
    print(f"\n=== {name}.py {' '.join(argv[:-2])}".rstrip(), flush=True)
    began = time.perf_counter()
    done = subprocess.run([sys.executable, str(BENCH / f"{name}.py"), *argv], check=False)
    print(f"=== {name}.py: {time.perf_counter() - began:.0f} s", flush=True)
    if done.returncode != 0 or not out.is_file():
        return [], done.returncode or 2
    return read_json(out), 0


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(
        description=(__doc__ or "").split("\n\n")[0],
        formatter_class=argparse.RawDescriptionHelpFormatter,
        epilog=(__doc__ or "").split("Usage (from the repository root):")[-1],
    )
    p.add_argument("-n", "--runs", type=int, help="runs of every benchmark (their own defaults)")
    p.add_argument("--quick", action="store_true", help="fewer runs: a rough look in minutes")
    p.add_argument("--only", help=f"some of: {','.join(PLAN)}")
    p.add_argument("--markdown", action="store_true", help="print the table in Markdown too")
    p.add_argument("--strict", action="store_true", help="exit 1 when a target is missed")
    args = p.parse_args(argv)
    names = [n.strip() for n in args.only.split(",")] if args.only else list(PLAN)
    unknown = set(names) - set(PLAN)
    if unknown:
        p.error(f"unknown benchmark(s): {', '.join(sorted(unknown))}")

    about = machine()
    print(about, flush=True)
    load_before = load()
    results: list[Result] = []
    failed: list[str] = []
    began = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="oneonone-bench-run-") as folder:
        for name in names:
            found, status = run_one(name, args, Path(folder) / f"{name}.json")
            results += found
            if status:
                failed.append(f"{name}.py (exit {status})")

    minutes = (time.perf_counter() - began) / 60
    print(f"\n=== summary ({'quick, ' if args.quick else ''}{minutes:.0f} min)")
    print(about)
    print(f"load average (1 min) {load_before} at the start, {load()} at the end")
    print(table(results))
    if args.markdown:
        print()
        print(markdown(results))
    if failed:
        print(f"\nFAILED to finish: {', '.join(failed)}", file=sys.stderr)
        return 2
    return 1 if args.strict and any(r.ok is False for r in results) else 0


if __name__ == "__main__":
    sys.exit(main())

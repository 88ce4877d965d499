"""The generated teams every benchmark uses, made once and kept in a cache folder.

Two sizes, the issue's: 12 reps x 5 years (3,110 sessions, 9 MB, "small") and 86 reps x 5
years (25,115 sessions, 74 MB, "large"; 100 reps would make 29,000), from
``oneonone.demo`` at 1.3 sessions a week per rep, with a fixed "today" and seed, so that
every run and every benchmark sees the same data.

The files live in ``<temp folder>/oneonone-bench/``. A cached team is named by its parameters
and by a digest of the code that shapes the file (the generator, the model, the codec and the
store), so a change to any of them makes a new file rather than a stale one. Benchmarks never
touch the cached folder: ``copy_team`` gives each run its own copy (the whole folder, since a
store may keep more than one file beside the data file). A team made by other code (another
checkout's) is removed once unused for a day.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import shutil
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

import pendulum

REPO = Path(__file__).resolve().parents[1]
SRC = REPO / "src"
try:  # an editable install makes oneonone importable; a plain checkout needs src/ on the path
    import oneonone  # noqa: F401
except ImportError:  # pragma: no cover
    sys.path.insert(0, str(SRC))

CACHE = Path(tempfile.gettempdir()) / "oneonone-bench"
FORMAT = 2  # bump when this module's idea of a cached team changes
TODAY = pendulum.Date(2026, 11, 27)
SEED = 7
SESSIONS_PER_WEEK = 1.3
STALE_SECONDS = 24 * 3600
#: the code whose changes can change the generated file
SHAPING = ("demo", "core/model.py", "core/codec.py", "core/store")


@dataclass(frozen=True)
class Size:
    name: str  # "small" / "large"
    reps: int
    years: float
    approx: str  # what the issue calls it, e.g. "3,100 sessions"

    @property
    def key(self) -> str:
        return f"{self.reps}x{self.years:g}"

    @property
    def label(self) -> str:
        return f"{self.approx} ({self.reps} reps x {self.years:g} years)"


SMALL = Size("small", 12, 5, "3,100 sessions")
LARGE = Size("large", 86, 5, "25,000 sessions")
SIZES = {s.name: s for s in (SMALL, LARGE)}


def code_digest() -> str:
    h = hashlib.sha256()
    package = SRC / "oneonone"
    for part in SHAPING:
        path = package / part
        for f in sorted(path.rglob("*.py")) if path.is_dir() else [path]:
            h.update(f.relative_to(package).as_posix().encode())
            h.update(f.read_bytes())
    return h.hexdigest()[:10]


def cache_folder(size: Size) -> Path:
    params = f"{size.key}-spw{SESSIONS_PER_WEEK:g}-seed{SEED}-{TODAY.isoformat()}"
    return CACHE / f"v{FORMAT}-{params}-{code_digest()}"


def team(size: Size, *, fresh: bool = False, quiet: bool = False) -> Path:
    """The cached data file of ``size``, generated first if needed."""
    from oneonone.demo import DEMO_FILE_NAME, demo_file

    folder = cache_folder(size)
    path = folder / DEMO_FILE_NAME
    if path.is_file() and not fresh:
        os.utime(folder)  # in use: see the pruning below
        return path
    CACHE.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix=f".{folder.name}-", dir=CACHE))
    began = time.perf_counter()
    try:
        made = demo_file(
            work,
            reps=size.reps,
            years=size.years,
            today=TODAY,
            seed=SEED,
            sessions_per_week=SESSIONS_PER_WEEK,
        )
        for extra in ("backups",):  # the generator's own backups are not part of the team
            shutil.rmtree(work / extra, ignore_errors=True)
        for lock in work.glob("*.lock"):
            lock.unlink()
        for stale in CACHE.glob(f"v*-{size.key}-*"):  # other code's copies, unused for a day
            # (another checkout's benchmark may be using a copy for other code right now)
            if time.time() - stale.stat().st_mtime > STALE_SECONDS:
                shutil.rmtree(stale, ignore_errors=True)
        if fresh:
            shutil.rmtree(folder, ignore_errors=True)
        # appears whole or not at all; if another benchmark made it meanwhile (the same data),
        # theirs is kept
        with contextlib.suppress(OSError):
            work.rename(folder)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    if not quiet:
        took = time.perf_counter() - began
        print(f"  generated {size.label}: {megabytes(folder):.1f} MB in {took:.1f} s", flush=True)
    return folder / made.name


def copy_team(source: Path, folder: Path) -> Path:
    """A private copy of the team whose data file is ``source``; returns the copy's data file."""
    skip = shutil.ignore_patterns("*.lock", "backups")
    shutil.copytree(source.parent, folder, ignore=skip, dirs_exist_ok=True)
    return folder / source.name


def megabytes(folder: Path) -> float:
    return sum(f.stat().st_size for f in folder.rglob("*") if f.is_file()) / 1e6


def count_sessions(path: Path) -> int:
    from oneonone.core.model import Session
    from oneonone.core.store import Store

    with Store.open(path, allow_read_only=True) as store:
        return sum(1 for _ in store.documents(Session))


def private_env(home: Path) -> dict[str, str]:
    """Environment variables that keep a program away from the real home and config."""
    home.mkdir(parents=True, exist_ok=True)
    return {
        "HOME": str(home),
        "XDG_CONFIG_HOME": str(home / ".config"),
        "XDG_DATA_HOME": str(home / ".local" / "share"),
        "XDG_STATE_HOME": str(home / ".local" / "state"),
        "XDG_CACHE_HOME": str(home / ".cache"),
        "XDG_DOCUMENTS_DIR": str(home / "Documents"),
    }


def main() -> int:
    import argparse

    p = argparse.ArgumentParser(description="Generate (or show) the cached benchmark teams.")
    p.add_argument("--fresh", action="store_true", help="generate again even if cached")
    args = p.parse_args()
    for size in SIZES.values():
        path = team(size, fresh=args.fresh)
        print(f"{size.name:>6}: {path}  {count_sessions(path):,} sessions")
    return 0


if __name__ == "__main__":
    sys.exit(main())


def compile_sources() -> None:
    """Write our modules' bytecode, as installing does. With an editable install on a machine
    that sets PYTHONDONTWRITEBYTECODE (this project's does), every start would otherwise
    compile some 40 of our modules from source (about 0.2 x the minimal app's start), a cost
    Textual, compiled when pip installed it, never pays: the ratios would not compare like
    with like. A source newer than its bytecode is compiled again, so this is always safe."""
    import compileall

    compileall.compile_dir(str(SRC / "oneonone"), quiet=1)
